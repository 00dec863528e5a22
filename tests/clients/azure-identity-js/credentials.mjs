#!/usr/bin/env node
// Microsoft's @azure/identity (JavaScript) confidential-client credentials against Sigil:
//
//   NODE_EXTRA_CA_CERTS=cert.pem node credentials.mjs certificate --authority-host https://127.0.0.1:PORT \
//       --tenant contoso --client cert-app --pem key-and-cert.pem --scope api://reports/.default
//   NODE_EXTRA_CA_CERTS=cert.pem node credentials.mjs client-assertion --authority-host https://127.0.0.1:PORT \
//       --tenant contoso --client cert-app --pem key-and-cert.pem --scope api://reports/.default
//   NODE_EXTRA_CA_CERTS=cert.pem node credentials.mjs on-behalf-of --authority-host https://127.0.0.1:PORT \
//       --tenant obo --client middle --secret S --assertion <user access token> --scope api://downstream/Data.Read
//
// Prints one line per check; exit 0 only when all pass. Settings for Sigil (verified with
// @azure/identity 4.14.1): `authorityHost` = Sigil's https origin, `disableInstanceDiscovery: true`.
import { parseArgs } from "node:util";
import { readFileSync } from "node:fs";
import { ClientAssertionCredential, ClientCertificateCredential, OnBehalfOfCredential } from "@azure/identity";
import { makeAssertion } from "./assertion.mjs";

const { values: o, positionals } = parseArgs({
  allowPositionals: true,
  options: Object.fromEntries(
    ["authority-host", "tenant", "client", "pem", "secret", "assertion", "scope"].map((k) => [k, { type: "string" }]),
  ),
});
setTimeout(() => {
  console.error("credentials.mjs: no result within 60 s");
  process.exit(2);
}, 60_000).unref();

const hosts = new Set();
const common = {
  authorityHost: o["authority-host"],
  disableInstanceDiscovery: true,
  additionalPolicies: [
    {
      position: "perCall",
      policy: { name: "recordHosts", sendRequest: (req, next) => (hosts.add(new URL(req.url).host), next(req)) },
    },
  ],
};
const mode = positionals[0];
// ClientAssertionCredential calls back for an assertion whenever it needs a token; the audience
// is the token endpoint at the tenant-name path the library posts to.
let assertions = 0;
const getAssertion = async () => {
  assertions++;
  const audience = `${o["authority-host"]}/${o.tenant}/oauth2/v2.0/token`;
  return makeAssertion({ clientId: o.client, audience, pem: readFileSync(o.pem, "utf8") });
};
const credential =
  mode === "certificate"
    ? new ClientCertificateCredential(o.tenant, o.client, { certificatePath: o.pem }, common)
    : mode === "client-assertion"
    ? new ClientAssertionCredential(o.tenant, o.client, getAssertion, common)
    : new OnBehalfOfCredential({
        tenantId: o.tenant,
        clientId: o.client,
        clientSecret: o.secret,
        userAssertionToken: o.assertion,
        ...common,
      });
let failures = 0;
const check = (cond, what, detail) => {
  console.log(`${cond ? "  ok " : "FAIL "} ${what}${cond ? "" : `: ${JSON.stringify(detail)}`}`);
  if (!cond) failures++;
};
try {
  const token = await credential.getToken(o.scope);
  const claims = JSON.parse(Buffer.from(token.token.split(".")[1], "base64url"));
  check(token.expiresOnTimestamp > Date.now(), `${mode}: getToken returns a live token`);
  if (mode === "certificate" || mode === "client-assertion") {
    check(claims.client_id === o.client && claims.azpacr === "2", "an app token of the client, certificate-authenticated", claims);
  } else {
    const user = JSON.parse(Buffer.from(o.assertion.split(".")[1], "base64url"));
    check(claims.sub === user.sub && claims.client_id === o.client, "the same user, for the middle tier", { claims, user: user.sub });
    check(claims.aud === o.scope.replace(/\/[^/]+$/, ""), "the downstream API's audience", claims.aud);
  }
  const again = await credential.getToken(o.scope);
  check(again.token === token.token, "a second getToken is served from the credential's cache");
  if (mode === "client-assertion") check(assertions >= 1, "the assertion came from the callback", assertions);
} catch (e) {
  check(false, `${mode}: getToken`, `${e.name}: ${e.message}`.slice(0, 600));
}
check(hosts.size === 1 && hosts.has(new URL(o["authority-host"]).host), "every request went to Sigil", [...hosts]);
if (failures) process.exit(1);
console.log(`ALL AZURE IDENTITY JS ${mode.toUpperCase()} CHECKS PASSED`);
