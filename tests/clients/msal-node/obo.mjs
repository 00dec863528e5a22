#!/usr/bin/env node
/*
 * On-behalf-of with MSAL Node (@azure/msal-node, pinned in package.json), unchanged apart from
 * configuration: the middle-tier API ("middle", which implements api://middle) calls
 * api://downstream as the user with acquireTokenOnBehalfOf. Run by
 * crates/sigil/tests/integration/msal_node.rs:
 *
 *   NODE_EXTRA_CA_CERTS=<sigil dev cert> node obo.mjs --authority https://127.0.0.1:PORT/obo --assertion <token>
 *
 * The assertion is the user's access token for api://middle; the user consented to "middle" for
 * api://downstream/Data.Read only. Exit 0 when every check passes.
 *
 * Middle-tier configuration: as in app.mjs (authority, knownAuthorities), then
 *   await app.acquireTokenOnBehalfOf({ oboAssertion: incomingAccessToken, scopes: ["api://downstream/Data.Read"] });
 */
import { ConfidentialClientApplication } from "@azure/msal-node";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith("--") ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
let failures = 0;
const check = (cond, what, detail) => {
  console.log(`${cond ? "ok  " : "FAIL"} ${what}${cond ? "" : `: ${JSON.stringify(detail)}`}`);
  if (!cond) failures++;
};
const claims = (jwt) => JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString());

const host = new URL(args.authority).host;
const posted = [];
const realFetch = globalThis.fetch;
globalThis.fetch = async (url, init = {}) => {
  if (new URL(url).host !== host) throw new Error(`request to another host: ${url}`);
  if (init.method === "POST" && typeof init.body === "string") posted.push(Object.fromEntries(new URLSearchParams(init.body)));
  return realFetch(url, init);
};

const app = new ConfidentialClientApplication({
  auth: {
    clientId: "middle",
    clientSecret: "middle-secret-0123456789abcdef-0123456789a",
    authority: args.authority,
    knownAuthorities: [host],
  },
});
const user = claims(args.assertion);

const r = await app.acquireTokenOnBehalfOf({ oboAssertion: args.assertion, scopes: ["api://downstream/Data.Read"] });
const c = claims(r.accessToken);
check(c.aud === "api://downstream" && c.scope === "Data.Read", "a token for api://downstream/Data.Read", c);
check(c.oid === user.oid && c.sub === user.sub, "for the same user", c);
check(c.client_id === "middle", "issued to the middle tier", c);
check(
  posted.some((p) => p.grant_type === "urn:ietf:params:oauth:grant-type:jwt-bearer" && p.requested_token_use === "on_behalf_of"),
  "MSAL sent the jwt-bearer grant with requested_token_use=on_behalf_of",
  posted,
);
const cached = await app.acquireTokenOnBehalfOf({ oboAssertion: args.assertion, scopes: ["api://downstream/Data.Read"] });
check(cached.fromCache === true && cached.accessToken === r.accessToken, "the second call is served from MSAL's cache", cached.fromCache);
try {
  await app.acquireTokenOnBehalfOf({ oboAssertion: args.assertion, scopes: ["api://downstream/Data.Write"] });
  check(false, "Data.Write refused");
} catch (e) {
  check(
    e.errorCode === "invalid_grant" && e.subError === "consent_required" && String(e.errorNo) === "65001",
    "no consent for Data.Write: invalid_grant, 65001, suberror consent_required",
    { errorCode: e.errorCode, subError: e.subError, errorNo: e.errorNo, name: e.name },
  );
  check(e.name === "InteractionRequiredAuthError", "MSAL classifies it as interaction required", e.name);
}
if (failures) {
  console.log(`${failures} check(s) failed`);
  process.exit(1);
}
console.log("all MSAL Node OBO checks passed");
