// A client assertion (RFC 7523 §2.2, OIDC Core §9 private_key_jwt) made with node:crypto alone, as
// an application that signs its own assertions does: PS256 with the certificate's `x5t#S256`,
// iss = sub = the client id, a fresh `jti`. Used by credentials.mjs (@azure/identity
// ClientAssertionCredential) and ../msal-node/certificate.mjs (MSAL Node `clientAssertion`).
import { constants, createHash, createPrivateKey, randomUUID, sign, X509Certificate } from "node:crypto";

const block = (pem, label) => pem.match(new RegExp(`-----BEGIN ${label}-----[\\s\\S]+?-----END ${label}-----`))[0];
const b64 = (v) => Buffer.from(JSON.stringify(v)).toString("base64url");

/** `pem` holds the PKCS#8 private key and the certificate (in any order). */
export function makeAssertion({ clientId, audience, pem, lifetime = 600 }) {
  const der = new X509Certificate(block(pem, "CERTIFICATE")).raw;
  const header = { alg: "PS256", typ: "JWT", "x5t#S256": createHash("sha256").update(der).digest("base64url") };
  const now = Math.floor(Date.now() / 1000);
  const claims = { iss: clientId, sub: clientId, aud: audience, iat: now, nbf: now, exp: now + lifetime, jti: randomUUID() };
  const input = `${b64(header)}.${b64(claims)}`;
  const signature = sign("sha256", Buffer.from(input), {
    key: createPrivateKey(block(pem, "PRIVATE KEY")),
    padding: constants.RSA_PKCS1_PSS_PADDING,
    saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
  });
  return `${input}.${signature.toString("base64url")}`;
}
