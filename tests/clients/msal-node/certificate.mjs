#!/usr/bin/env node
/*
 * MSAL Node's certificate credential (clientCertificate: SHA-256 thumbprint, PS256 with x5t#S256)
 * against Sigil. Run by crates/sigil/tests/integration/msal_node.rs:
 *
 *   NODE_EXTRA_CA_CERTS=<sigil dev cert> node certificate.mjs --authority https://127.0.0.1:PORT/contoso \
 *       --key client-key.pem --cert client-cert.pem
 *
 * Configuration for Sigil (verified with @azure/msal-node 7.2.1):
 *   new ConfidentialClientApplication({ auth: { clientId: "cert-app",
 *     clientCertificate: { thumbprintSha256: "<hex>", privateKey: keyPem, x5c: certPem },
 *     authority: "https://sigil.example.com/contoso", knownAuthorities: ["sigil.example.com"] } });
 * and with an assertion the application makes itself (`clientAssertion`: a string or a callback
 * given the token endpoint MSAL discovered, used as the assertion's audience).
 */
import { createHash, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { ConfidentialClientApplication } from "@azure/msal-node";
import { makeAssertion } from "../azure-identity-js/assertion.mjs";

const arg = (name) => process.argv[process.argv.indexOf(name) + 1];
const authority = arg("--authority");
const keyPem = readFileSync(arg("--key"), "utf8");
const certPem = readFileSync(arg("--cert"), "utf8");
const der = new X509Certificate(certPem).raw;
const thumbprintSha256 = createHash("sha256").update(der).digest("hex");

const app = new ConfidentialClientApplication({
  auth: {
    clientId: "cert-app",
    clientCertificate: { thumbprintSha256, privateKey: keyPem, x5c: certPem },
    authority,
    knownAuthorities: [new URL(authority).host],
  },
});
const r = await app.acquireTokenByClientCredential({ scopes: ["api://reports/.default"] });
const claims = JSON.parse(Buffer.from(r.accessToken.split(".")[1], "base64url").toString());
if (claims.client_id !== "cert-app") {
  console.log("FAIL token is not the client's", claims);
  process.exit(1);
}
console.log("ok   msal-node clientCertificate (PS256, x5t#S256)");

let called = 0;
const byAssertion = new ConfidentialClientApplication({
  auth: {
    clientId: "cert-app",
    clientAssertion: async ({ clientId, tokenEndpoint }) => {
      called++;
      return makeAssertion({ clientId, audience: tokenEndpoint, pem: keyPem + certPem });
    },
    authority,
    knownAuthorities: [new URL(authority).host],
  },
});
const r2 = await byAssertion.acquireTokenByClientCredential({ scopes: ["api://reports/.default"] });
const claims2 = JSON.parse(Buffer.from(r2.accessToken.split(".")[1], "base64url").toString());
if (claims2.client_id !== "cert-app" || claims2.azpacr !== "2" || called < 1) {
  console.log("FAIL clientAssertion callback", { claims2, called });
  process.exit(1);
}
console.log("ok   msal-node clientAssertion callback (aud = the discovered token endpoint)");
console.log("all MSAL Node certificate checks passed");
