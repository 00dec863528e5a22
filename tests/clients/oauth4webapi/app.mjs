// oauth4webapi (version pinned in package.json) against a spawned Sigil, unchanged apart from
// configuration: discovery, PAR (RFC 9126) with a DPoP proof (RFC 9449 §10.1), the sign-in and
// consent forms posted like a browser, the authorization response's `iss` (RFC 9207) checked by
// the library, the code redeemed with DPoP, userinfo under the DPoP scheme, a refresh bound to the
// key, and client credentials whose proofs need a server nonce (the library retries on
// `use_dpop_nonce`). Run by crates/sigil/tests/integration/oauth4webapi.rs.
import * as oauth from 'oauth4webapi'
import assert from 'node:assert/strict'
import { signIn as signInAt } from '../browser-forms.mjs'

const args = Object.fromEntries(process.argv.slice(2).reduce((a, v, i, all) => (i % 2 ? a : [...a, [v.replace(/^--/, ''), all[i + 1]]]), []))
const base = args.base // e.g. http://127.0.0.1:1234
const insecure = { [oauth.allowInsecureRequests]: true }
const signIn = (url, username, password) => signInAt(base, url, username, password)

// Discovery under the tenant's name gives the issuer (by tenant id); the library then checks it.
const named = await (await fetch(`${base}/contoso/v2.0/.well-known/openid-configuration`)).json()
const issuer = new URL(named.issuer)
const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...insecure }))
assert.ok(as.pushed_authorization_request_endpoint, 'PAR endpoint advertised')
assert.ok(as.dpop_signing_alg_values_supported.includes('ES256'))
assert.equal(as.authorization_response_iss_parameter_supported, true)
console.log('discovery ok')

// --- A public client that must push its requests and bind its tokens (fixtures/dpop.toml).
const client = { client_id: 'fapi-app' }
const redirect_uri = 'http://127.0.0.1/callback'
const keys = await oauth.generateKeyPair('ES256')
const DPoP = oauth.DPoP(client, keys)
const code_verifier = oauth.generateRandomCodeVerifier()
const code_challenge = await oauth.calculatePKCECodeChallenge(code_verifier)
const state = oauth.generateRandomState()
const nonce = oauth.generateRandomNonce()
const params = new URLSearchParams({
  redirect_uri, response_type: 'code', scope: 'openid profile offline_access',
  code_challenge, code_challenge_method: 'S256', state, nonce,
})
const par = await oauth.processPushedAuthorizationResponse(as, client,
  await oauth.pushedAuthorizationRequest(as, client, oauth.None(), params, { DPoP, ...insecure }))
assert.match(par.request_uri, /^urn:ietf:params:oauth:request_uri:/)
console.log('pushed', par.expires_in)

// The browser part: the authorization URL carries only client_id and request_uri.
const authorize = new URL(as.authorization_endpoint)
authorize.searchParams.set('client_id', client.client_id)
authorize.searchParams.set('request_uri', par.request_uri)
const callback = await signIn(authorize.href, 'alice', 'correct horse battery staple')
const callbackParams = oauth.validateAuthResponse(as, client, new URL(callback), state)
console.log('authorization response ok (iss checked)')

let tokens = await oauth.processAuthorizationCodeResponse(as, client,
  await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), callbackParams, redirect_uri, code_verifier, { DPoP, ...insecure }),
  { expectedNonce: nonce })
assert.equal(tokens.token_type, 'dpop')
// RFC 7638 thumbprint of the library's key, computed here.
const pub = await crypto.subtle.exportKey('jwk', keys.publicKey)
const canonical = JSON.stringify({ crv: pub.crv, kty: pub.kty, x: pub.x, y: pub.y })
const jkt = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical))).toString('base64url')
const at = JSON.parse(Buffer.from(tokens.access_token.split('.')[1], 'base64url'))
assert.equal(at.cnf?.jkt, jkt, 'cnf.jkt is the key of the library')
const idClaims = oauth.getValidatedIdTokenClaims(tokens)
console.log('code redeemed with DPoP, sub', idClaims.sub)

const info = await oauth.processUserInfoResponse(as, client, idClaims.sub,
  await oauth.userInfoRequest(as, client, tokens.access_token, { DPoP, ...insecure }))
assert.equal(info.preferred_username, 'alice')
console.log('userinfo with DPoP ok')

const first = tokens.refresh_token
tokens = await oauth.processRefreshTokenResponse(as, client,
  await oauth.refreshTokenGrantRequest(as, client, oauth.None(), first, { DPoP, ...insecure }))
assert.equal(tokens.token_type, 'dpop')
assert.notEqual(tokens.refresh_token, first)
// The refresh token is bound to the key: another key is refused.
const otherDPoP = oauth.DPoP(client, await oauth.generateKeyPair('ES256'))
await assert.rejects(
  oauth.processRefreshTokenResponse(as, client,
    await oauth.refreshTokenGrantRequest(as, client, oauth.None(), tokens.refresh_token, { DPoP: otherDPoP, ...insecure })),
  (e) => e.error === 'invalid_grant')
console.log('refresh bound to the key ok')

// --- Client credentials with server nonces: the first proof is refused with `use_dpop_nonce`;
// the library kept the DPoP-Nonce header and the retry succeeds.
const daemon = { client_id: 'nonce-daemon' }
const daemonAuth = oauth.ClientSecretBasic('nonce-daemon-secret-0123456789abcdef-0123')
const daemonDPoP = oauth.DPoP(daemon, await oauth.generateKeyPair('ES256'))
const ccParams = new URLSearchParams({ scope: 'api://reports/.default' })
const cc = () => oauth.clientCredentialsGrantRequest(as, daemon, daemonAuth, ccParams, { DPoP: daemonDPoP, ...insecure })
let nonceRetried = false
let ccTokens
try {
  ccTokens = await oauth.processClientCredentialsResponse(as, daemon, await cc())
} catch (e) {
  assert.ok(oauth.isDPoPNonceError(e), `expected use_dpop_nonce, got ${e}`)
  nonceRetried = true
  ccTokens = await oauth.processClientCredentialsResponse(as, daemon, await cc())
}
assert.ok(nonceRetried, 'the first proof needed a nonce')
assert.equal(ccTokens.token_type, 'dpop')
console.log('client credentials with DPoP nonce ok')

console.log('all oauth4webapi checks passed')
