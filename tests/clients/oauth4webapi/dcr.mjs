// oauth4webapi (unchanged) against Sigil: discovery, dynamic client registration (RFC 7591) on an
// open tenant and, with an initial access token, on a closed one, then client credentials with the
// registered secret. Usage: node dcr.mjs --base <url> --open-issuer <url> --closed-issuer <url> --iat <token>
import * as oauth from 'oauth4webapi';

const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) throw new Error(`--${name} missing`);
  return process.argv[i + 1];
};
const insecure = { [oauth.allowInsecureRequests]: true }; // the test server is plain http on loopback

function check(cond, what) {
  if (!cond) throw new Error(`FAILED: ${what}`);
  console.log(`ok: ${what}`);
}

async function discover(issuer) {
  const url = new URL(issuer);
  return oauth.processDiscoveryResponse(url, await oauth.discoveryRequest(url, { algorithm: 'oidc', ...insecure }));
}

const open = await discover(arg('open-issuer'));
check(typeof open.registration_endpoint === 'string', 'discovery names the registration endpoint');
check(open.client_id_metadata_document_supported === true, 'discovery says metadata documents are supported');

const metadata = {
  client_name: 'oauth4webapi agent',
  grant_types: ['client_credentials'],
  response_types: [],
  token_endpoint_auth_method: 'client_secret_basic',
};
const client = await oauth.processDynamicClientRegistrationResponse(
  await oauth.dynamicClientRegistrationRequest(open, metadata, insecure),
);
check(typeof client.client_id === 'string' && typeof client.client_secret === 'string', 'registered with a secret');
check(typeof client.registration_access_token === 'string', 'got a registration access token');

const cc = await oauth.processClientCredentialsResponse(
  open,
  client,
  await oauth.clientCredentialsGrantRequest(open, client, oauth.ClientSecretBasic(client.client_secret), {
    scope: 'https://mcp.tools.example/mcp/.default',
  }, insecure),
);
check(typeof cc.access_token === 'string', 'client credentials with the registered client');

const closed = await discover(arg('closed-issuer'));
let refused = false;
try {
  await oauth.processDynamicClientRegistrationResponse(
    await oauth.dynamicClientRegistrationRequest(closed, { redirect_uris: ['http://127.0.0.1:7777/cb'], token_endpoint_auth_method: 'none' }, insecure),
  );
} catch (e) {
  refused = e instanceof oauth.WWWAuthenticateChallengeError || e instanceof oauth.ResponseBodyError;
  console.log(`refused: ${e.constructor.name} ${e.message}`);
}
check(refused, 'a closed tenant refuses registration without an initial access token');
const pub = await oauth.processDynamicClientRegistrationResponse(
  await oauth.dynamicClientRegistrationRequest(
    closed,
    { redirect_uris: ['http://127.0.0.1:7777/cb'], token_endpoint_auth_method: 'none' },
    { initialAccessToken: arg('iat'), ...insecure },
  ),
);
check(pub.token_endpoint_auth_method === 'none' && !pub.client_secret, 'registered a public client with the initial access token');
console.log('all oauth4webapi checks passed');
