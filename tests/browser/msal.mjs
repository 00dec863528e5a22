#!/usr/bin/env node
// Microsoft's MSAL.js (@azure/msal-browser, pinned in package.json, its own browser bundle
// lib/msal-browser.min.js loaded by a plain page) against Sigil in Debian's Chromium (playwright-core):
//
//   node msal.mjs --authority https://127.0.0.1:PORT/TENANT --spa-port P --client-id ID
//                 --username U --password W --scope api://x/Y.Read
//
// Serves the single-page application on http://127.0.0.1:P (its redirect URI, registered as the
// `type = "spa"` client ID) and, with MSAL.js unchanged apart from configuration: signs in by
// redirect (Playwright fills Sigil's sign-in and consent pages), redeems the code from the page,
// renews the token silently with `forceRefresh: true` (the refresh token through CORS), then
// `logoutRedirect`, and checks that Sigil's session ended. Sigil's dev certificate is accepted by the
// browser context (ignoreHTTPSErrors). Every request to a host other than Sigil and the page is
// refused and fails the run (MSAL must not call Microsoft's instance discovery).
// Prints each step; exit 0 and "all MSAL.js checks passed" when every check holds, 1 otherwise.
//
// MSAL.js configuration for Sigil (docs/migrating-from-entra.md, single-page applications):
//   new msal.PublicClientApplication({
//     auth: {
//       clientId: "<spa client id>",
//       authority: "https://sigil.example.com/contoso",   // <Sigil public URL>/<tenant>
//       knownAuthorities: ["sigil.example.com"],          // host[:port] of the authority
//       redirectUri: "https://app.example.com/",          // a redirect URI of the spa client
//     },
//   });
//   logoutRedirect({ account, idTokenHint: account.idToken, postLogoutRedirectUri })
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';

const opts = parseArgs({
  options: {
    authority: { type: 'string' },
    'spa-port': { type: 'string' },
    'client-id': { type: 'string' },
    username: { type: 'string' },
    password: { type: 'string' },
    scope: { type: 'string' },
  },
}).values;
for (const k of ['authority', 'spa-port', 'client-id', 'username', 'password', 'scope']) {
  if (!opts[k]) {
    console.error(`msal.mjs: --${k} is required`);
    process.exit(2);
  }
}
// Never outlive the Rust test that runs this.
setTimeout(() => {
  console.error('msal.mjs: not finished within 100 s');
  process.exit(2);
}, 100_000).unref();

const AUTHORITY = opts.authority.replace(/\/+$/, '');
const SIGIL = new URL(AUTHORITY);
const SPA = `http://127.0.0.1:${opts['spa-port']}`;
const SIGNED_OUT = `${SPA}/signed-out`;
const CHROMIUM = process.env.SIGIL_TEST_CHROMIUM || '/usr/bin/chromium';
const require = createRequire(import.meta.url);
// The package's own browser bundle (UMD, sets `window.msal`); not in its `exports`, so by path.
const PKG = require.resolve('@azure/msal-browser/package.json');
const BUNDLE = readFileSync(path.join(path.dirname(PKG), 'lib/msal-browser.min.js'));
const VERSION = require(PKG).version;

class Failure extends Error {}
function check(cond, msg) {
  if (!cond) throw new Failure(msg);
}
function eq(actual, expected, what) {
  check(actual === expected, `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

// The application's configuration, exactly what a user writes (see the header).
const MSAL_CONFIG = {
  auth: {
    clientId: opts['client-id'],
    authority: AUTHORITY,
    knownAuthorities: [SIGIL.host],
    redirectUri: `${SPA}/`,
  },
  cache: { cacheLocation: 'sessionStorage' },
};

// The page: MSAL's bundle, then the app. `window.ready` settles once the redirect response (if
// any) has been handled, with its result or error.
const PAGE = `<!doctype html><meta charset="utf-8"><title>MSAL.js SPA</title>
<script src="/msal-browser.min.js"></script>
<script>
  const config = ${JSON.stringify(MSAL_CONFIG)};
  config.system = { loggerOptions: { logLevel: msal.LogLevel.Warning, piiLoggingEnabled: false,
    loggerCallback: (level, message) => console.log('[msal] ' + message) } };
  window.pca = new msal.PublicClientApplication(config);
  window.ready = pca.initialize().then(() => pca.handleRedirectPromise()).then(
    (r) => ({ result: r && { accessToken: r.accessToken, idToken: r.idToken, scopes: r.scopes,
      fromCache: r.fromCache, username: r.account && r.account.username, tenantId: r.tenantId,
      homeAccountId: r.account && r.account.homeAccountId } }),
    (e) => ({ error: String(e && (e.errorCode || e.message)), message: String(e && e.message) }));
</script>`;

function serveSpa() {
  const server = http.createServer((req, res) => {
    const at = new URL(req.url, SPA).pathname;
    if (at === '/msal-browser.min.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(BUNDLE);
    } else if (at === '/' || at === '/signed-out') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(PAGE);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  return new Promise((ok) => server.listen(Number(opts['spa-port']), '127.0.0.1', () => ok(server)));
}

function decodeJwt(t) {
  return JSON.parse(Buffer.from(t.split('.')[1], 'base64url').toString('utf8'));
}

const server = await serveSpa();
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const context = await browser.newContext({ ignoreHTTPSErrors: true });
const foreign = [];
await context.route('**/*', (route) => {
  const u = new URL(route.request().url());
  if (u.host === SIGIL.host || u.origin === SPA) return route.continue();
  foreign.push(u.href);
  return route.abort();
});
// Every token request the page makes, with its Origin and the answer's CORS header.
const tokenCalls = [];
context.on('requestfinished', async (req) => {
  if (!req.url().startsWith(SIGIL.origin) || !req.url().includes('/oauth2/v2.0/token') || req.method() !== 'POST') return;
  const res = await req.response();
  tokenCalls.push({
    grant_type: new URLSearchParams(req.postData() ?? '').get('grant_type'),
    origin: (await req.allHeaders()).origin,
    status: res?.status(),
    allowOrigin: res ? (await res.allHeaders())['access-control-allow-origin'] : undefined,
  });
});
const page = await context.newPage();
page.on('console', (m) => console.log(`  [page] ${m.text()}`));

let failed = false;
async function step(name, f) {
  if (failed) return;
  try {
    await f();
    console.log(`ok   ${name}`);
  } catch (e) {
    failed = true;
    console.log(`FAIL ${name}: ${e instanceof Failure ? e.message : e.stack}`);
  }
}
const ready = () => page.evaluate(() => window.ready);
/** Waits (up to 5 s) until `n` token requests have been recorded: recording ends asynchronously. */
async function recorded(n) {
  for (let i = 0; i < 100 && tokenCalls.length < n; i++) await new Promise((ok) => setTimeout(ok, 50));
}
const scopes = [opts.scope];
let first;

try {
  console.log(`MSAL.js ${VERSION}, authority ${AUTHORITY}, page ${SPA}`);
  await step('the page loads MSAL.js; no account yet', async () => {
    await page.goto(`${SPA}/`);
    const r = await ready();
    check(!r.error, `initialize: ${r.message}`);
    eq(r.result, null, 'no redirect response on first load');
    eq(await page.evaluate(() => pca.getAllAccounts().length), 0, 'accounts');
  });

  await step('loginRedirect: Sigil sign-in and consent pages, back on the SPA with tokens', async () => {
    // loginRedirect navigates away; its promise never settles in this page.
    await page.evaluate((s) => {
      pca.loginRedirect({ scopes: s });
    }, scopes);
    await page.waitForURL((u) => u.href.startsWith(`${AUTHORITY}/`), { timeout: 15_000 });
    const authorize = new URL(page.url());
    check(await page.locator('#username').count() === 1, `expected Sigil's sign-in page, got ${page.url()}`);
    await page.fill('#username', opts.username);
    await page.fill('#password', opts.password);
    await Promise.all([page.waitForNavigation(), page.click('form button[type=submit]')]);
    if ((await page.locator('form button[name=decision][value=accept]').count()) === 1) {
      await Promise.all([page.waitForURL((u) => u.origin === SPA), page.click('form button[name=decision][value=accept]')]);
    }
    check(page.url().startsWith(SPA), `expected the SPA after sign-in, got ${page.url()}`);
    console.log(`     authorize: ${authorize.pathname} response_mode=${authorize.searchParams.get('response_mode')}`);
    const r = await ready();
    check(!r.error, `handleRedirectPromise: ${r.error} ${r.message}`);
    check(r.result && r.result.accessToken, 'an access token from the redirect');
    first = r.result;
    eq(first.fromCache, false, 'fromCache');
    eq(first.username, opts.username, 'account username (preferred_username)');
    const at = decodeJwt(first.accessToken);
    const id = decodeJwt(first.idToken);
    eq(id.aud, opts['client-id'], 'ID token audience');
    check(at.scope.split(' ').includes(opts.scope.split('/').pop()), `access token scope: ${at.scope}`);
    eq(first.homeAccountId, `${at.oid}.${at.tid}`, 'homeAccountId from client_info');
    await recorded(1);
    const code = tokenCalls.find((c) => c.grant_type === 'authorization_code');
    check(code, `the code was redeemed by the page (token calls: ${JSON.stringify(tokenCalls)})`);
    eq(code.origin, SPA, 'the code redemption is cross-origin (Origin sent)');
    eq(code.allowOrigin, SPA, 'CORS allows the SPA to read the answer');
    eq(code.status, 200, 'code redemption status');
  });

  await step('acquireTokenSilent from the cache, then forceRefresh: the refresh token through CORS', async () => {
    const cached = await page.evaluate(async (s) => {
      const r = await pca.acquireTokenSilent({ scopes: s, account: pca.getAllAccounts()[0] });
      return { accessToken: r.accessToken, fromCache: r.fromCache };
    }, scopes);
    eq(cached.fromCache, true, 'a fresh token comes from the cache');
    eq(cached.accessToken, first.accessToken, 'the cached token');
    const before = tokenCalls.length;
    const renewed = await page.evaluate(async (s) => {
      try {
        const r = await pca.acquireTokenSilent({ scopes: s, account: pca.getAllAccounts()[0], forceRefresh: true });
        return { accessToken: r.accessToken, fromCache: r.fromCache };
      } catch (e) {
        return { error: String(e.errorCode || e.message), message: String(e.message) };
      }
    }, scopes);
    check(!renewed.error, `acquireTokenSilent(forceRefresh): ${renewed.error} ${renewed.message}`);
    eq(renewed.fromCache, false, 'forceRefresh goes to the server');
    check(renewed.accessToken !== first.accessToken, 'a new access token');
    await recorded(before + 1);
    const calls = tokenCalls.slice(before);
    eq(calls.map((c) => c.grant_type).join(','), 'refresh_token', 'the renewal used the refresh token');
    eq(calls[0].origin, SPA, 'the refresh is cross-origin');
    eq(calls[0].allowOrigin, SPA, 'CORS allows the SPA to read the refresh answer');
    eq(calls[0].status, 200, 'refresh status');
    eq(decodeJwt(renewed.accessToken).sub, decodeJwt(first.accessToken).sub, 'same user');
  });

  await step('logoutRedirect: back on the post-logout URI, no account, and Sigil asks to sign in again', async () => {
    await page.evaluate((to) => {
      const account = pca.getAllAccounts()[0];
      pca.logoutRedirect({ account, idTokenHint: account.idToken, postLogoutRedirectUri: to });
    }, SIGNED_OUT);
    await page.waitForURL((u) => u.href.startsWith(SIGNED_OUT), { timeout: 15_000 });
    const r = await ready();
    check(!r.error, `after logout: ${r.message}`);
    eq(await page.evaluate(() => pca.getAllAccounts().length), 0, 'accounts after logout');
    // Sigil's session is gone: signing in again shows the sign-in page (with a session it would not).
    await page.evaluate((s) => {
      pca.loginRedirect({ scopes: s });
    }, scopes);
    await page.waitForURL((u) => u.href.startsWith(`${AUTHORITY}/`), { timeout: 15_000 });
    check(await page.locator('#username').count() === 1, `expected the sign-in page again, got ${page.url()}`);
  });

  await step('no request left Sigil and the page (no Microsoft instance discovery)', async () => {
    eq(foreign.join(' '), '', 'requests to other hosts');
  });

  await step('without knownAuthorities MSAL.js asks Microsoft about the authority, and fails offline', async () => {
    await page.goto(`${SPA}/`);
    await ready();
    const r = await page.evaluate(async (s) => {
      const cfg = JSON.parse(JSON.stringify(config));
      delete cfg.auth.knownAuthorities;
      const bare = new msal.PublicClientApplication(cfg);
      await bare.initialize();
      try {
        await bare.loginRedirect({ scopes: s });
        return 'navigated';
      } catch (e) {
        return String(e.errorCode);
      }
    }, scopes);
    eq(r, 'endpoints_resolution_error', "MSAL's error without knownAuthorities");
    check(foreign.length > 0 && foreign.every((u) => u.startsWith('https://login.microsoftonline.com/common/discovery/instance?')),
      `the only foreign requests are Microsoft's instance discovery: ${foreign.join(' ')}`);
    console.log(`     without knownAuthorities: ${foreign[0]}`);
  });
} finally {
  await browser.close();
  server.close();
}
console.log(JSON.stringify({ tokenCalls }));
if (failed) process.exit(1);
console.log('all MSAL.js checks passed');
