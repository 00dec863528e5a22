// node-oidc-provider peer for the Sigil client_credentials benchmark.
//
// One confidential client, client_secret_basic, client_credentials only, and one
// resource server (api://bench) whose access tokens are ES256-signed JWTs
// (RFC 9068 style, header typ "at+jwt"). JWT-format client-credentials tokens
// are stateless in oidc-provider: nothing is written to the adapter per request.
//
// Environment:
//   PORT           listen port on 127.0.0.1 (default 3000)
//   CLIENT_SECRET  secret of "bench-client" (default bench-secret-0123...)
//   TOKEN_TTL      access token lifetime in seconds (default 3600)
//
// Prints "READY" on stdout once the socket is listening; nothing is printed per request.

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

process.env.NODE_ENV ??= 'production';

const { default: Provider, errors } = await import('oidc-provider');

const HOST = '127.0.0.1';
const PORT = Number.parseInt(process.env.PORT ?? '3000', 10);
const CLIENT_ID = 'bench-client';
const CLIENT_SECRET = process.env.CLIENT_SECRET ?? 'bench-secret-0123456789abcdef0123456789abcdef';
const RESOURCE = 'api://bench';
const SCOPE = 'bench.read';
const TOKEN_TTL = Number.parseInt(process.env.TOKEN_TTL ?? '3600', 10);

if (!Number.isInteger(PORT) || PORT <= 0 || PORT > 65535) {
  console.error(`invalid PORT: ${process.env.PORT}`);
  process.exit(2);
}
if (!Number.isInteger(TOKEN_TTL) || TOKEN_TTL <= 0) {
  console.error(`invalid TOKEN_TTL: ${process.env.TOKEN_TTL}`);
  process.exit(2);
}

const ISSUER = `http://${HOST}:${PORT}`;

// ES256 signing key, generated once per start (Sigil likewise loads its key once).
const signingJwk = {
  ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }),
  kid: randomBytes(8).toString('base64url'),
  alg: 'ES256',
  use: 'sig',
};

// A do-nothing adapter. Nothing in the benchmark path is stateful: the client is a
// static (in-memory) client and JWT access tokens are never stored. Supplying our own
// adapter also avoids the development-only MemoryAdapter and its warning; if anything
// did try to persist, it would be dropped rather than silently growing memory.
class NullAdapter {
  constructor(name) { this.name = name; }
  async upsert() {}
  async find() { return undefined; }
  async findByUserCode() { return undefined; }
  async findByUid() { return undefined; }
  async consume() {}
  async destroy() {}
  async revokeByGrantId() {}
}

// Returned for every request; validated by oidc-provider, never mutated.
const RESOURCE_SERVER = Object.freeze({
  scope: SCOPE,
  audience: RESOURCE,
  accessTokenTTL: TOKEN_TTL,
  accessTokenFormat: 'jwt',
  jwt: Object.freeze({ sign: Object.freeze({ alg: 'ES256' }) }),
});

const provider = new Provider(ISSUER, {
  adapter: NullAdapter,
  clients: [{
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    scope: SCOPE,
  }],
  jwks: { keys: [signingJwk] },
  // No RSA key is configured, so make ES256 the default JWS alg too.
  clientDefaults: {
    grant_types: ['client_credentials'],
    response_types: [],
    id_token_signed_response_alg: 'ES256',
    token_endpoint_auth_method: 'client_secret_basic',
  },
  scopes: ['openid', SCOPE],
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    introspection: { enabled: false },
    revocation: { enabled: false },
    resourceIndicators: {
      enabled: true,
      // A request without `resource` (e.g. only scope=bench.read) is treated as a
      // request for api://bench, so it also gets the JWT, not an opaque token.
      defaultResource: async (_ctx, _client, oneOf) => oneOf ?? RESOURCE,
      useGrantedResource: async () => true,
      getResourceServerInfo: async (_ctx, resourceIndicator) => {
        if (resourceIndicator === RESOURCE) return RESOURCE_SERVER;
        throw new errors.InvalidTarget();
      },
    },
  },
  ttl: {
    ClientCredentials: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? TOKEN_TTL,
  },
});

// Koa would print non-exposed errors to stderr; stay quiet (a 5xx still reaches oha).
provider.silent = true;

const server = createServer(provider.callback());
server.keepAliveTimeout = 65_000;

server.on('error', (err) => {
  console.error(`listen failed: ${err.message}`);
  process.exit(1);
});

server.listen(PORT, HOST, () => {
  process.stdout.write('READY\n');
});

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  server.close(() => process.exit(0));
  server.closeAllConnections?.();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
