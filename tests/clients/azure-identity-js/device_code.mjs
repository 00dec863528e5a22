#!/usr/bin/env node
// Microsoft's @azure/identity (JavaScript; pinned in package.json) against a running Sigil server:
// DeviceCodeCredential, the verification page completed (code, sign-in, consent) while it polls.
//
//   NODE_EXTRA_CA_CERTS=cert.pem node device_code.mjs --authority-host https://127.0.0.1:PORT --tenant contoso
//
// Prints one line per check; exit 0 only when all pass.
//
// ---------------------------------------------------------------------------------------------------
// @AZURE/IDENTITY CONFIGURATION FOR SIGIL (verified here with @azure/identity 4.14.1)
//
//   new DeviceCodeCredential({
//     clientId: "desktop-app",                      // a public client with the device_code grant
//     tenantId: "contoso",                          // Sigil tenant name or id
//     authorityHost: "https://sigil.example.com",   // Sigil's host (https only)
//     disableInstanceDiscovery: true,               // REQUIRED: else it asks login.microsoftonline.com
//     userPromptCallback: (info) => console.log(info.message),
//   });
//
// TLS trust for a private CA: NODE_EXTRA_CA_CERTS=<pem>.
// ---------------------------------------------------------------------------------------------------
import { parseArgs } from "node:util";
import { DeviceCodeCredential } from "@azure/identity";

const { values: opts } = parseArgs({ options: { "authority-host": { type: "string" }, tenant: { type: "string" } } });
const HOST = opts["authority-host"].replace(/\/+$/, "");
const TENANT = opts.tenant || "contoso";
const ALICE = { username: "alice", password: "correct horse battery staple" };
setTimeout(() => {
  console.error("device_code.mjs: no result within 90 s");
  process.exit(2);
}, 90_000).unref();

let failures = 0;
function check(cond, what, detail) {
  console.log(`${cond ? "  ok " : "FAIL "} ${what}${cond || detail === undefined ? "" : `: ${JSON.stringify(detail)}`}`);
  if (!cond) failures++;
}

// Every request the library makes (through its HTTP pipeline) must go to Sigil's host.
const realFetch = globalThis.fetch;
const hosts = new Set();
const recordHosts = {
  position: "perCall",
  policy: { name: "recordHosts", sendRequest: (req, next) => (hosts.add(new URL(req.url).host), next(req)) },
};

/** The verification page as a user's browser submits it: the code, then each form Sigil shows
 * (sign-in: the user's name and password; consent: accept), keeping the page's cookies. */
async function completeDevicePage(uri, userCode) {
  const cookies = new Map();
  const post = async (url, fields) => {
    const res = await realFetch(url, {
      method: "POST",
      redirect: "manual",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "accept-language": "en",
        cookie: [...cookies].map((kv) => kv.join("=")).join("; "),
      },
      body: new URLSearchParams(fields),
    });
    for (const c of res.headers.getSetCookie()) {
      const [name, ...rest] = c.split(";")[0].split("=");
      cookies.set(name.trim(), rest.join("=").trim());
    }
    return { status: res.status, html: await res.text() };
  };
  const unescape = (s) => s.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
  await new Promise((r) => setTimeout(r, 1000)); // the first poll sees the code pending
  let page = await post(uri, { user_code: userCode });
  for (let i = 0; i < 4 && page.status === 200; i++) {
    if (page.html.includes("You can close this window")) return;
    const form = page.html.match(/<form\b[^>]*\baction="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i);
    if (!form) break;
    const fields = {};
    for (const input of form[2].matchAll(/<input\b[^>]*>/gi)) {
      const name = input[0].match(/\bname="([^"]*)"/);
      const value = input[0].match(/\bvalue="([^"]*)"/);
      if (name) fields[name[1]] = value ? unescape(value[1]) : "";
    }
    Object.assign(fields, "password" in fields ? ALICE : { decision: "accept" });
    page = await post(new URL(unescape(form[1]), uri).href, fields);
  }
  throw new Error(`the device page did not finish (HTTP ${page.status}): ${page.html.slice(0, 300)}`);
}

let shown;
let pageDone;
const credential = new DeviceCodeCredential({
  clientId: "desktop-app",
  tenantId: TENANT,
  authorityHost: HOST,
  disableInstanceDiscovery: true,
  additionalPolicies: [recordHosts],
  userPromptCallback: (info) => {
    shown = info;
    pageDone = completeDevicePage(info.verificationUri, info.userCode).then(() => null, (e) => e);
  },
});
try {
  const token = await credential.getToken("email");
  const pageError = await pageDone;
  if (pageError) throw pageError;
  console.log(`     the library showed: ${shown.message}`);
  check(shown.verificationUri.startsWith(HOST) && shown.verificationUri.endsWith("/device"), "Sigil's verification URI", shown.verificationUri);
  check(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/.test(shown.userCode), "user code XXXX-XXXX", shown.userCode);
  const claims = JSON.parse(Buffer.from(token.token.split(".")[1], "base64url"));
  check(claims.preferred_username === ALICE.username, "a token for alice, who signed in on the page", claims.preferred_username);
  check(token.expiresOnTimestamp > Date.now(), "a live token", token.expiresOnTimestamp);
  const again = await credential.getToken("email");
  check(again.token === token.token, "a second getToken is served from the credential's cache");
} catch (e) {
  check(false, "getToken", `${e.name}: ${e.message}`.slice(0, 600));
}
check(hosts.size === 1 && hosts.has(new URL(HOST).host), "every request went to Sigil", [...hosts]);
if (failures) process.exit(1);
console.log("ALL AZURE IDENTITY JS CHECKS PASSED");
