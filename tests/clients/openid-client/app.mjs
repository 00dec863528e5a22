// openid-client v6 (version pinned in package.json) against a spawned Sigil, unchanged apart from
// configuration, as a FAPI 2.0 client (`profile = "fapi2"`): discovery; PAR carrying a signed
// request object (JAR, RFC 9101) with private_key_jwt (the library's assertion `aud` is the
// issuer) and a DPoP proof binding the code; the sign-in and consent forms posted like a browser;
// the authorization response's `iss` (RFC 9207) checked by the library; the code redeemed with
// PKCE and DPoP; a DPoP-bound refresh (not rotated, FAPI 2.0 §5.3.2.1); introspection (as the resource server) and revocation
// through the library's functions. Run by crates/sigil/tests/integration/openid_client.rs.
import * as client from 'openid-client'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { signIn } from '../browser-forms.mjs'

const args = Object.fromEntries(process.argv.slice(2).reduce((a, v, i, all) => (i % 2 ? a : [...a, [v.replace(/^--/, ''), all[i + 1]]]), []))
const base = args.base // e.g. http://127.0.0.1:1234
const clientId = args.client
const redirect_uri = args.redirect
const insecure = { execute: [client.allowInsecureRequests] }

// The client's registered key (PKCS#8 PEM, kid from the test).
const pem = await readFile(args.key, 'utf8')
const der = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64')
const key = await crypto.subtle.importKey('pkcs8', der, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign'])
const privateKey = { key, kid: args.kid }

// Discovery by the issuer (the tenant's id); the library checks the document's issuer.
const named = await (await fetch(`${base}/contoso/v2.0/.well-known/openid-configuration`)).json()
const issuer = new URL(named.issuer)
const config = await client.discovery(issuer, clientId, undefined, client.PrivateKeyJwt(privateKey), insecure)
const as = config.serverMetadata()
assert.equal(as.issuer, named.issuer)
assert.ok(as.pushed_authorization_request_endpoint, 'PAR advertised')
assert.equal(as.request_parameter_supported, true)
assert.ok(as.request_object_signing_alg_values_supported.includes('ES256'))
assert.equal(as.authorization_response_iss_parameter_supported, true)
assert.ok(as.token_endpoint_auth_methods_supported.includes('private_key_jwt'))
assert.ok(as.dpop_signing_alg_values_supported.includes('ES256'))
console.log('discovery ok')

// PAR + JAR + private_key_jwt + DPoP + PKCE (FAPI 2.0 §5.3.3.2: only client_id and request_uri
// go to the authorization endpoint).
const dpopKeys = await client.randomDPoPKeyPair('ES256')
const DPoP = client.getDPoPHandle(config, dpopKeys)
const code_verifier = client.randomPKCECodeVerifier()
const code_challenge = await client.calculatePKCECodeChallenge(code_verifier)
const state = client.randomState()
const nonce = client.randomNonce()
const jar = await client.buildAuthorizationUrlWithJAR(config, {
  redirect_uri, scope: 'openid offline_access api://reports/Reports.Read',
  code_challenge, code_challenge_method: 'S256', state, nonce,
}, privateKey)
assert.ok(jar.searchParams.get('request'), 'a request object')
const authorize = await client.buildAuthorizationUrlWithPAR(config, jar.searchParams, { DPoP })
assert.deepEqual([...authorize.searchParams.keys()].sort(), ['client_id', 'request_uri'])
console.log('pushed a signed request object')

const callback = await signIn(base, authorize.href, 'alice', 'correct horse battery staple')
assert.equal(new URL(callback).searchParams.get('iss'), as.issuer)
let tokens = await client.authorizationCodeGrant(config, new URL(callback),
  { pkceCodeVerifier: code_verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true }, undefined, { DPoP })
assert.equal(tokens.token_type, 'dpop')
const pub = await crypto.subtle.exportKey('jwk', dpopKeys.publicKey)
const canonical = JSON.stringify({ crv: pub.crv, kty: pub.kty, x: pub.x, y: pub.y })
const jkt = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical))).toString('base64url')
const at = JSON.parse(Buffer.from(tokens.access_token.split('.')[1], 'base64url'))
assert.equal(at.cnf?.jkt, jkt, 'cnf.jkt is the library key')
assert.equal(at.aud, 'api://reports')
const sub = tokens.claims().sub
console.log('code redeemed with DPoP (iss checked), sub', sub)

// Refresh with DPoP.
const first = tokens.refresh_token
tokens = await client.refreshTokenGrant(config, first, undefined, { DPoP })
assert.equal(tokens.token_type, 'dpop')
assert.equal(tokens.refresh_token, first, 'FAPI 2.0 §5.3.2.1: the refresh token is not rotated')
console.log('refreshed with DPoP (not rotated)')

// Introspection, as the reports API's resource server (fixtures/dpop.toml).
const rs = await client.discovery(issuer, 'dpop-resource', undefined, client.ClientSecretBasic(args['resource-secret']), insecure)
let info = await client.tokenIntrospection(rs, tokens.access_token)
assert.equal(info.active, true)
assert.equal(info.client_id, clientId)
assert.equal(info.cnf?.jkt, jkt)
assert.equal(info.token_type, 'DPoP')
console.log('introspection ok')

// Revocation by the client of its refresh token: the grant ends, its access token is inactive.
await client.tokenRevocation(config, tokens.refresh_token)
info = await client.tokenIntrospection(rs, tokens.access_token)
assert.equal(info.active, false)
await assert.rejects(client.refreshTokenGrant(config, tokens.refresh_token, undefined, { DPoP }),
  (e) => e.error === 'invalid_grant')
console.log('revocation ok')

console.log('all openid-client checks passed')
