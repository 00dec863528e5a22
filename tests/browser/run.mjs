#!/usr/bin/env node
// Sigil's pages in a real browser: Debian's Chromium driven by playwright-core (no downloaded browser).
//
//   node run.mjs --base http://127.0.0.1:PORT --out DIR
//
// The server must have examples/contoso.toml and crates/sigil-testkit/fixtures/extra.toml imported
// (crates/sigil/tests/integration/browser.rs starts one and runs this). Every scenario runs in a fresh
// browser context. DIR receives a full-page screenshot of every page visited and report.json. Exit
// code 0 when every scenario passes; 1 with a clear message at the first failure; 2 on bad usage.
//
// The client applications' redirect URIs (http://127.0.0.1:5000/..., http://127.0.0.1/spa-callback)
// have nothing listening. Playwright's page.route() cannot answer them: it never sees the target of a
// redirect (microsoft/playwright#3993, "as designed"), and every answer Sigil sends to a client is a
// 303. So each page gets its own DevTools Fetch interception for those two origins, which does pause
// redirect hops: it records the URL and answers with a tiny "client" page. Sigil's own requests are
// never touched, so cookies, SameSite, CSP and redirects are the browser's own.
import { chromium } from 'playwright-core';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkA11y } from './axe.mjs';

// ---------------------------------------------------------------- arguments, fixtures

let opts;
try {
  opts = parseArgs({
    options: {
      base: { type: 'string' },
      out: { type: 'string' },
      only: { type: 'string' }, // comma-separated scenario letters, for local debugging
    },
  }).values;
} catch (e) {
  usage(e.message);
}
if (!opts.base || !opts.out) usage('--base and --out are required');
const BASE = opts.base.replace(/\/+$/, '');
const OUT = path.resolve(opts.out);
mkdirSync(OUT, { recursive: true });
// Screenshots of an earlier run would be mistaken for this one's.
for (const f of readdirSync(OUT)) if (f.endsWith('.png') || f === 'report.json') rmSync(path.join(OUT, f));

function usage(msg) {
  console.error(`run.mjs: ${msg}\nusage: node run.mjs --base http://127.0.0.1:PORT --out DIR [--only a,b]`);
  process.exit(2);
}

const TENANT = 'contoso';
const PORTAL = {
  id: 'web-portal',
  secret: 'portal-secret-change-me-0123456789abcdef',
  redirect: 'http://127.0.0.1:5000/callback',
  postLogout: 'http://127.0.0.1:5000/',
  name: 'Contoso Portal',
};
const SPA = { id: 'spa', redirect: 'http://127.0.0.1/spa-callback' };
const ALICE = { username: 'alice', password: 'correct horse battery staple' };
// The origins of the client applications, answered by the interception below (DevTools URL patterns).
const CLIENT_PATTERNS = ['http://127.0.0.1:5000/*', 'http://127.0.0.1/spa-callback*'];
const CHROMIUM = process.env.SIGIL_TEST_CHROMIUM || '/usr/bin/chromium';
const ARABIC = /[\u0600-\u06FF]/;

// ---------------------------------------------------------------- small helpers

class Failure extends Error {}

/** Facts worth a look in report.json (what the browser did), kept per scenario. */
let notes = [];
function note(s) {
  notes.push(s);
}

function check(cond, msg) {
  if (!cond) throw new Failure(msg);
}

function eq(actual, expected, what) {
  check(actual === expected, `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/** Page text without Fluent's bidi isolation marks (U+2066..U+2069) and with collapsed spaces. */
function clean(s) {
  return (s ?? '').replace(/[\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim();
}

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

function token(bytes = 12) {
  return randomBytes(bytes).toString('base64url');
}

function authorizeUrl(params) {
  const q = new URLSearchParams({ response_type: 'code', scope: 'openid profile', ...params });
  return `${BASE}/${TENANT}/oauth2/v2.0/authorize?${q}`;
}

/** A fresh authorization request for the confidential web portal (PKCE too, as a careful client would). */
function portalRequest(extra = {}) {
  const p = pkce();
  const req = { state: `st-${token()}`, nonce: `n-${token()}`, verifier: p.verifier };
  req.url = authorizeUrl({
    client_id: PORTAL.id,
    redirect_uri: PORTAL.redirect,
    state: req.state,
    nonce: req.nonce,
    code_challenge: p.challenge,
    code_challenge_method: 'S256',
    ...extra,
  });
  return req;
}

function spaRequest(extra = {}) {
  const p = pkce();
  const req = { state: `spa-${token()}`, nonce: `n-${token()}`, verifier: p.verifier };
  req.url = authorizeUrl({
    client_id: SPA.id,
    redirect_uri: SPA.redirect,
    state: req.state,
    nonce: req.nonce,
    code_challenge: p.challenge,
    code_challenge_method: 'S256',
    ...extra,
  });
  return req;
}

function decodeJwt(jwt) {
  const parts = String(jwt).split('.');
  check(parts.length === 3, `not a JWT: ${jwt}`);
  return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
}

let issuerCache;
async function issuer() {
  if (!issuerCache) {
    const r = await fetch(`${BASE}/${TENANT}/v2.0/.well-known/openid-configuration`);
    eq(r.status, 200, 'discovery document status');
    issuerCache = (await r.json()).issuer;
  }
  return issuerCache;
}

/** Redeems a code at the token endpoint, as the client's back end would (outside the browser). */
async function redeem(code, { client = PORTAL, verifier, basic = true } = {}) {
  const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: client.redirect });
  if (verifier) form.set('code_verifier', verifier);
  const headers = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' };
  if (basic) {
    // RFC 6749 §2.3.1: form-urlencode id and secret, then Basic.
    const cred = `${encodeURIComponent(client.id)}:${encodeURIComponent(client.secret)}`;
    headers.Authorization = `Basic ${Buffer.from(cred).toString('base64')}`;
  } else {
    form.set('client_id', client.id);
  }
  const r = await fetch(`${BASE}/${TENANT}/oauth2/v2.0/token`, { method: 'POST', headers, body: form });
  const text = await r.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Failure(`token endpoint answered ${r.status} with non-JSON: ${text.slice(0, 300)}`);
  }
  return { status: r.status, body };
}

// ---------------------------------------------------------------- browser plumbing

const report = {
  base: BASE,
  chromium: CHROMIUM,
  browser_version: null,
  started: new Date().toISOString(),
  finished: null,
  passed: 0,
  failed: 0,
  scenarios: [],
  screenshots: [],
};
const shots = new Set();

const CONTEXT_DEFAULTS = { locale: 'en-US', viewport: { width: 1280, height: 900 } };

/**
 * A fresh context and page with the client origins intercepted. `client.hits` lists every request the
 * browser made to a client application (URL + resource type); `client.last()` is the last page.
 */
async function open(browser, contextOptions = {}) {
  const context = await browser.newContext({ ...CONTEXT_DEFAULTS, ...contextOptions });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(20_000);
  const page = await context.newPage();
  const client = { hits: [] };
  client.documents = () => client.hits.filter((h) => h.type === 'Document');
  client.last = () => {
    const d = client.documents();
    return d.length ? new URL(d[d.length - 1].url) : null;
  };
  const cdp = await context.newCDPSession(page);
  cdp.on('Fetch.requestPaused', async (e) => {
    const url = e.request.url;
    client.hits.push({ url, type: e.resourceType, method: e.request.method, body: postBody(e.request) });
    const isDoc = e.resourceType === 'Document';
    const body = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Client application</title></head><body><p id="client">The client application received the response.</p></body></html>';
    try {
      await cdp.send('Fetch.fulfillRequest', {
        requestId: e.requestId,
        responseCode: isDoc ? 200 : 204,
        responseHeaders: [
          { name: 'Content-Type', value: 'text/html; charset=utf-8' },
          { name: 'Cache-Control', value: 'no-store' },
        ],
        body: isDoc ? Buffer.from(body).toString('base64') : '',
      });
    } catch {
      // The page went away meanwhile.
    }
  });
  await cdp.send('Fetch.enable', { patterns: CLIENT_PATTERNS.map((urlPattern) => ({ urlPattern, requestStage: 'Request' })) });

  // Every top-level document Sigil served, and any CSP violation (Sigil's pages must need no exception).
  const sigilDocs = [];
  const cspViolations = [];
  page.on('response', (r) => {
    if (r.request().isNavigationRequest() && r.request().frame() === page.mainFrame() && r.url().startsWith(BASE)) {
      sigilDocs.push({ url: r.url(), status: r.status() });
    }
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  return { context, page, client, sigilDocs, cspViolations };
}

/** Every page a scenario looks at passes axe-core (no serious or critical WCAG 2.1 A/AA violation). */
async function shot(page, name) {
  check(!shots.has(name), `screenshot name used twice: ${name}`);
  shots.add(name);
  await checkA11y(page, name);
  const file = path.join(OUT, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  report.screenshots.push({ name, file, url: page.url() });
  return file;
}

async function htmlAttrs(page) {
  return page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
}

async function text(page, selector) {
  return clean(await page.locator(selector).first().textContent());
}

async function isSigninPage(page) {
  return (await page.locator('form input[name=username]').count()) === 1;
}

async function isConsentPage(page) {
  return (await page.locator('form button[name=decision][value=accept]').count()) === 1;
}

/** Submits the sign-in form with the mouse-free default path (fill + click) and waits for the answer. */
async function submitSignin(page, user = ALICE) {
  check(await isSigninPage(page), `expected the sign-in page, got ${page.url()} "${await page.title()}"`);
  await page.fill('#username', user.username);
  await page.fill('#password', user.password);
  await Promise.all([page.waitForNavigation(), page.click('form button[type=submit]')]);
}

async function decide(page, decision) {
  check(await isConsentPage(page), `expected the consent page, got ${page.url()} "${await page.title()}"`);
  await Promise.all([page.waitForNavigation(), page.click(`form button[name=decision][value=${decision}]`)]);
}

/** Signs in from the sign-in page, accepting consent if Sigil asks for it. Ends on the client. */
async function signInThrough(page, client, user = ALICE) {
  await submitSignin(page, user);
  if (await isConsentPage(page)) await decide(page, 'accept');
  const at = client.last();
  check(at && page.url() === at.href, `expected to land on the client after sign-in, got ${page.url()}`);
  return at;
}

function expectCallback(url, base, what) {
  check(url, `${what}: the browser never reached the client's redirect URI`);
  eq(`${url.origin}${url.pathname}`, base, `${what}: redirect target`);
  return url.searchParams;
}

/** The form body of an intercepted POST (DevTools gives it as postDataEntries, base64 each). */
function postBody(request) {
  if (request.method !== 'POST') return null;
  if (request.postDataEntries) {
    return request.postDataEntries.map((e) => Buffer.from(e.bytes ?? '', 'base64').toString('utf8')).join('');
  }
  return request.postData ?? '';
}

function sessionCookie(cookies) {
  return cookies.find((c) => c.name.replace(/^__Host-/, '').startsWith('sigil_session_'));
}

/** Tab until `predicate(activeElement description)` holds; returns the descriptions seen on the way. */
async function tabUntil(page, predicate, max = 12) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const d = await active(page);
    seen.push(d);
    if (predicate(d)) return seen;
  }
  throw new Failure(`Tab never reached the expected element; focus went through: ${seen.map(describe).join(' -> ')}`);
}

async function active(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: 'body' };
    const cs = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id || null,
      name: el.getAttribute('name'),
      type: el.getAttribute('type'),
      value: el.getAttribute('value'),
      cls: el.className || null,
      text: (el.textContent || '').trim(),
      outline: `${cs.outlineStyle} ${cs.outlineWidth}`,
    };
  });
}

function describe(d) {
  if (d.tag === 'body') return 'body';
  return `${d.tag}${d.id ? '#' + d.id : ''}${d.name ? `[name=${d.name}]` : ''}${d.value ? `[value=${d.value}]` : ''}${d.cls ? '.' + d.cls : ''}`;
}

function focusVisible(d, what) {
  check(!d.outline.startsWith('none') && !d.outline.endsWith(' 0px'), `${what} has no visible focus indicator (outline: ${d.outline})`);
}

// ---------------------------------------------------------------- scenarios

const scenarios = [];
function scenario(id, title, fn) {
  scenarios.push({ id, title, fn });
}

scenario('a', 'sign in + consent: code, exact state and iss at the redirect URI; the ID token carries the nonce', async (browser) => {
  const { page, client, context, cspViolations } = await open(browser);
  const req = portalRequest({ prompt: 'consent' });
  const res = await page.goto(req.url);
  eq(res.status(), 200, 'sign-in page status');
  eq((await htmlAttrs(page)).dir, 'ltr', 'sign-in page dir');
  eq((await htmlAttrs(page)).lang, 'en', 'sign-in page lang');
  eq(await text(page, 'h1'), 'Sign in', 'sign-in heading');
  eq(await text(page, 'p.sub'), `Sign in to continue to ${PORTAL.name}`, 'sign-in subheading');
  eq(await text(page, 'label[for=username]'), 'Username', 'username label');
  eq(await text(page, 'label[for=password]'), 'Password', 'password label');
  check(await page.locator('form[method=post] input[type=hidden][name=csrf_token]').count() === 1, 'sign-in form has no csrf_token');
  check(await page.locator('form[method=post] input[type=hidden][name=interaction]').count() === 1, 'sign-in form has no interaction');
  check(await page.locator('link[rel=stylesheet]').evaluate((l) => !!l.sheet && l.sheet.cssRules.length > 0), 'the stylesheet did not load');
  await shot(page, 'signin-en');

  await submitSignin(page);
  check(await isConsentPage(page), `after sign-in with prompt=consent expected the consent page, got "${await page.title()}"`);
  eq((await htmlAttrs(page)).lang, 'en', 'consent page lang');
  eq(await text(page, 'h1'), 'Permissions requested', 'consent heading');
  check((await text(page, 'p.sub')).includes('Alice Example'), 'consent page does not name the signed-in user by display name');
  const items = (await page.locator('ul.scopes li').allTextContents()).map(clean);
  check(items.includes('Sign you in') && items.includes('See your name and username'), `consent items: ${JSON.stringify(items)}`);
  eq(await text(page, 'button[value=accept]'), 'Accept', 'accept button');
  await shot(page, 'consent-en');
  check(client.hits.length === 0, `the client was contacted before consent: ${JSON.stringify(client.hits)}`);

  await decide(page, 'accept');
  const q = expectCallback(client.last(), PORTAL.redirect, 'after consent');
  const code = q.get('code');
  check(code && code.length >= 20, `no code in ${page.url()}`);
  eq(q.get('state'), req.state, 'state returned to the client');
  eq(q.get('iss'), await issuer(), 'iss (RFC 9207) returned to the client');
  check(!q.has('error'), `unexpected error: ${q.get('error')}`);

  const t = await redeem(code, { verifier: req.verifier });
  eq(t.status, 200, `token endpoint status (${JSON.stringify(t.body)})`);
  check(t.body.id_token, `no id_token in ${JSON.stringify(t.body)}`);
  const idt = decodeJwt(t.body.id_token);
  eq(idt.nonce, req.nonce, 'ID token nonce');
  eq(idt.aud, PORTAL.id, 'ID token aud');
  eq(idt.iss, await issuer(), 'ID token iss');
  // A code is single use (RFC 6749 §4.1.2).
  const again = await redeem(code, { verifier: req.verifier });
  eq(again.body.error, 'invalid_grant', 'second redemption of the same code');

  const cookie = sessionCookie(await context.cookies());
  check(cookie, 'no session cookie after sign-in');
  check(cspViolations.length === 0, `CSP violations on Sigil pages: ${cspViolations.join(' | ')}`);
});

scenario('b', 'deny on the consent page: error=access_denied with the same state', async (browser) => {
  const { page, client } = await open(browser);
  const req = portalRequest({ prompt: 'consent' });
  await page.goto(req.url);
  await submitSignin(page);
  check(await isConsentPage(page), 'expected the consent page');
  eq(await text(page, 'button[value=deny]'), 'Cancel', 'deny button');
  await decide(page, 'deny');
  const q = expectCallback(client.last(), PORTAL.redirect, 'after deny');
  eq(q.get('error'), 'access_denied', 'error after deny');
  eq(q.get('state'), req.state, 'state after deny');
  check(!q.has('code'), 'a code was issued although the user denied');
  eq(q.get('iss'), await issuer(), 'iss after deny');
  check(q.get('error_uri')?.includes('/error?code='), `error_uri: ${q.get('error_uri')}`);
});

scenario('c', 'wrong password: the sign-in page again with a visible alert, the username kept, no redirect', async (browser) => {
  const { page, client, context } = await open(browser);
  const req = portalRequest();
  await page.goto(req.url);
  const before = page.url();
  await page.fill('#username', 'alice');
  await page.fill('#password', 'not the password');
  const [res] = await Promise.all([page.waitForNavigation(), page.click('form button[type=submit]')]);
  eq(res.status(), 200, 'status of the repeated sign-in page');
  check(page.url() !== before && new URL(page.url()).pathname.endsWith('/login'), `unexpected URL after a wrong password: ${page.url()}`);
  check(await isSigninPage(page), 'the sign-in form is not shown again');
  const alert = page.locator('[role=alert]');
  eq(await alert.count(), 1, 'number of alerts');
  check(await alert.isVisible(), 'the alert is not visible');
  eq(clean(await alert.textContent()), 'Your username or password is incorrect.', 'alert text');
  eq(await page.inputValue('#username'), 'alice', 'username kept');
  eq(await page.inputValue('#password'), '', 'password field after failure');
  eq(await page.getAttribute('#username', 'aria-invalid'), 'true', 'username aria-invalid');
  eq(await page.getAttribute('#password', 'aria-describedby'), (await alert.getAttribute('id')) ?? '(alert without id)', 'password aria-describedby points at the alert');
  eq((await active(page)).id, 'password', 'focus after a failed sign-in (the username is filled in)');
  await shot(page, 'signin-wrong-password-en');
  eq(client.hits.length, 0, `requests to the client application (${JSON.stringify(client.hits)})`);
  check(!sessionCookie(await context.cookies()), 'a session cookie was set after a wrong password');

  // The same form still works afterwards.
  await page.fill('#password', ALICE.password);
  await Promise.all([page.waitForNavigation(), page.click('form button[type=submit]')]);
  if (await isConsentPage(page)) await decide(page, 'accept');
  const q = expectCallback(client.last(), PORTAL.redirect, 'sign-in after a failed attempt');
  check(q.get('code'), 'no code after the corrected password');
  eq(q.get('state'), req.state, 'state after the corrected password');

  // prompt=login asks again despite the session; login_hint fills the username and focus waits in
  // the password field.
  await page.goto(portalRequest({ prompt: 'login', login_hint: 'alice' }).url);
  check(await isSigninPage(page), 'prompt=login with a session did not show the sign-in page');
  eq(await page.inputValue('#username'), 'alice', 'username from login_hint');
  eq((await active(page)).id, 'password', 'focus with a login_hint');
  eq(await page.locator('[role=alert]').count(), 0, 'alerts on a fresh sign-in page');
});

scenario('d', 'prompt=none: login_required without a session, a code straight away with one', async (browser) => {
  const { page, client, sigilDocs } = await open(browser);
  const silent1 = portalRequest({ prompt: 'none' });
  await page.goto(silent1.url);
  let q = expectCallback(client.last(), PORTAL.redirect, 'prompt=none without a session');
  eq(q.get('error'), 'login_required', 'error for prompt=none without a session');
  eq(q.get('state'), silent1.state, 'state for prompt=none without a session');
  check(!q.has('code'), 'a code without a session');
  check(sigilDocs.every((d) => d.status === 303), `prompt=none showed a page: ${JSON.stringify(sigilDocs)}`);

  const interactive = portalRequest({ prompt: 'consent' });
  await page.goto(interactive.url);
  await submitSignin(page);
  await decide(page, 'accept');
  q = expectCallback(client.last(), PORTAL.redirect, 'interactive sign-in');
  check(q.get('code'), 'no code after interactive sign-in');

  const silent2 = portalRequest({ prompt: 'none' });
  const docsBefore = sigilDocs.length;
  const res = await page.goto(silent2.url);
  const hops = sigilDocs.slice(docsBefore);
  check(hops.length === 1 && hops[0].status === 303, `prompt=none with a session: Sigil answered ${JSON.stringify(hops)} (expected one 303)`);
  eq(res.request().redirectedFrom()?.url(), silent2.url, 'the client page is reached by redirect from authorize');
  q = expectCallback(client.last(), PORTAL.redirect, 'prompt=none with a session');
  const code = q.get('code');
  check(code, `no code for prompt=none with a session: ${page.url()}`);
  eq(q.get('state'), silent2.state, 'state for prompt=none with a session');
  const t = await redeem(code, { verifier: silent2.verifier });
  eq(t.status, 200, `redeeming the silent code (${JSON.stringify(t.body)})`);
  eq(decodeJwt(t.body.id_token).nonce, silent2.nonce, 'nonce of the silent ID token');
});

scenario('e', 'logout: back to post_logout_redirect_uri with state, session gone; without a redirect the signed-out page', async (browser) => {
  const { page, client, context } = await open(browser);
  await page.goto(portalRequest().url);
  await signInThrough(page, client);
  check(sessionCookie(await context.cookies()), 'no session cookie after sign-in');

  const st = `bye-${token()}`;
  const logout = `${BASE}/${TENANT}/oauth2/v2.0/logout?${new URLSearchParams({ post_logout_redirect_uri: PORTAL.postLogout, state: st, client_id: PORTAL.id })}`;
  await page.goto(logout);
  // RP-Initiated Logout 1.0 §2: without id_token_hint the user confirms; the session lives until then.
  eq(await text(page, 'h1'), 'Sign out?', 'logout confirmation heading');
  check(sessionCookie(await context.cookies()), 'the session ended before the user confirmed');
  await Promise.all([page.waitForNavigation(), page.click('form button[name=confirm]')]);
  const q = expectCallback(client.last(), PORTAL.postLogout, 'after logout');
  eq(q.get('state'), st, 'state after logout');
  check(!sessionCookie(await context.cookies()), 'the session cookie survived logout');

  const silent = portalRequest({ prompt: 'none' });
  await page.goto(silent.url);
  let s = expectCallback(client.last(), PORTAL.redirect, 'prompt=none after logout');
  eq(s.get('error'), 'login_required', 'prompt=none after logout');
  eq(s.get('state'), silent.state, 'state of prompt=none after logout');

  // Again, now signing out with id_token_hint and no redirect: Sigil's own signed-out page.
  const req = portalRequest();
  await page.goto(req.url);
  const at = await signInThrough(page, client);
  const t = await redeem(at.searchParams.get('code'), { verifier: req.verifier });
  eq(t.status, 200, 'redeeming the code before logout');
  const res = await page.goto(`${BASE}/${TENANT}/oauth2/v2.0/logout?${new URLSearchParams({ id_token_hint: t.body.id_token })}`);
  eq(res.status(), 200, 'signed-out page status');
  check(page.url().startsWith(BASE), `logout without post_logout_redirect_uri left Sigil: ${page.url()}`);
  eq(await text(page, 'h1'), 'You have signed out', 'signed-out heading');
  eq(await text(page, 'main p'), 'You can close this window now.', 'signed-out text');
  await shot(page, 'signed-out-en');
  check(!sessionCookie(await context.cookies()), 'the session cookie survived logout via id_token_hint');
  const silent3 = portalRequest({ prompt: 'none' });
  await page.goto(silent3.url);
  s = expectCallback(client.last(), PORTAL.redirect, 'prompt=none after the second logout');
  eq(s.get('error'), 'login_required', 'prompt=none after the second logout');
});

scenario('f', 'keyboard only: Tab order username -> password -> show password -> submit, Enter submits; Accept by Tab + Space / Enter', async (browser) => {
  const { page, client } = await open(browser);
  const req = spaRequest({ prompt: 'consent' });
  await page.goto(req.url);
  // Focus starts usable: on the username (autofocus), or the username is the first field Tab reaches.
  let start = await active(page);
  note(`focus on load: ${describe(start)}`);
  if (start.id !== 'username') {
    const path1 = await tabUntil(page, (d) => d.tag === 'input', 4);
    start = path1[path1.length - 1];
  }
  eq(start.id, 'username', 'first focused field');
  const order = [start];
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Tab');
    order.push(await active(page));
  }
  eq(order.map(describe).join(' -> '), 'input#username[name=username] -> input#password[name=password] -> button#password-toggle.secondary toggle -> button.primary', 'Tab order on the sign-in page');
  eq(order[3].type, 'submit', 'fourth stop is the submit button');
  focusVisible(order[1], 'the password field');
  focusVisible(order[2], 'the show-password button');
  focusVisible(order[3], 'the sign-in button');

  // Back to the username with Shift+Tab, type, Tab, type, Enter.
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+Tab');
  eq((await active(page)).id, 'username', 'Shift+Tab three times returns to the username');
  await page.keyboard.type(ALICE.username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(ALICE.password);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  check(await isConsentPage(page), `Enter in the password field did not lead to the consent page: "${await page.title()}"`);

  // Consent: Tab reaches Accept (before Deny), Space activates it.
  await page.keyboard.press('Tab');
  check(
    await page.evaluate(() => {
      const r = document.activeElement.getBoundingClientRect();
      return document.activeElement.classList.contains('skip') && r.left >= 0 && r.right <= innerWidth && r.top >= 0;
    }),
    'the skip link is not on screen when it has focus'
  );
  await page.keyboard.press('Shift+Tab');
  const seen = await tabUntil(page, (d) => d.tag === 'button');
  note(`Tab path on the consent page: ${seen.map(describe).join(' -> ')}`);
  // The first stop is the skip link, shown on screen while it has focus.
  eq(describe(seen[0]), 'a.skip', 'first Tab stop on the consent page');
  const accept = seen[seen.length - 1];
  eq(accept.value, 'accept', `first button Tab reaches (path: ${seen.map(describe).join(' -> ')})`);
  focusVisible(accept, 'the Accept button');
  await Promise.all([page.waitForURL((u) => u.href.startsWith(SPA.redirect)), page.keyboard.press('Space')]);
  let q = expectCallback(client.last(), SPA.redirect, 'Accept with Space');
  eq(q.get('state'), req.state, 'state after Accept with Space');
  const code = q.get('code');
  check(code, 'no code after Accept with Space');
  // A public client redeems with its PKCE verifier and no secret.
  const t = await redeem(code, { client: SPA, verifier: req.verifier, basic: false });
  eq(t.status, 200, `public client redemption (${JSON.stringify(t.body)})`);
  eq(decodeJwt(t.body.id_token).nonce, req.nonce, 'nonce of the public client ID token');

  // Once more with the session: straight to consent; Tab to Accept, Enter.
  const req2 = spaRequest({ prompt: 'consent' });
  await page.goto(req2.url);
  check(await isConsentPage(page), 'with a session and prompt=consent expected the consent page');
  await tabUntil(page, (d) => d.tag === 'button' && d.value === 'accept');
  await Promise.all([page.waitForURL((u) => u.href.startsWith(SPA.redirect)), page.keyboard.press('Enter')]);
  q = expectCallback(client.last(), SPA.redirect, 'Accept with Enter');
  eq(q.get('state'), req2.state, 'state after Accept with Enter');
  check(q.get('code'), 'no code after Accept with Enter');
});

scenario('g', 'Arabic (ui_locales, Accept-Language, lang=ar) is right-to-left; troubleshooting pages: detail, search, unknown code', async (browser) => {
  {
    const { page, client } = await open(browser);
    const req = portalRequest({ ui_locales: 'ar', prompt: 'consent' });
    const res = await page.goto(req.url);
    eq(res.headers()['content-language'], 'ar', 'Content-Language of the Arabic sign-in page');
    const a = await htmlAttrs(page);
    check(a.dir === 'rtl' && a.lang === 'ar', `sign-in page with ui_locales=ar: <html lang="${a.lang}" dir="${a.dir}">`);
    const labels = {
      h1: await text(page, 'h1'),
      username: await text(page, 'label[for=username]'),
      password: await text(page, 'label[for=password]'),
      button: await text(page, 'form button[type=submit]'),
    };
    for (const [k, v] of Object.entries(labels)) {
      check(ARABIC.test(v) && !/Sign in|Username|Password/.test(v), `Arabic sign-in page, ${k}: "${v}"`);
    }
    eq(labels.username, 'اسم المستخدم', 'Arabic username label');
    check((await text(page, 'p.sub')).includes(PORTAL.name), 'the Arabic subheading names the application');
    // Mirrored: the label starts at the right edge of the card, and the page computes direction rtl.
    const geo = await page.evaluate(() => {
      const card = document.querySelector('main').getBoundingClientRect();
      // The label is a block as wide as the card: measure where its text sits.
      const r = document.createRange();
      r.selectNodeContents(document.querySelector('label[for=username]'));
      const label = r.getBoundingClientRect();
      return { dir: getComputedStyle(document.querySelector('main')).direction, gapRight: card.right - label.right, gapLeft: label.left - card.left };
    });
    eq(geo.dir, 'rtl', 'computed direction of the Arabic card');
    check(geo.gapRight < geo.gapLeft, `the Arabic label text is not at the right edge (gap right ${geo.gapRight}px, left ${geo.gapLeft}px)`);
    await shot(page, 'signin-ar');

    await submitSignin(page);
    check(await isConsentPage(page), 'expected the Arabic consent page');
    const c = await htmlAttrs(page);
    check(c.dir === 'rtl' && c.lang === 'ar', `consent page with ui_locales=ar: <html lang="${c.lang}" dir="${c.dir}">`);
    const consentText = { h1: await text(page, 'h1'), accept: await text(page, 'button[value=accept]'), deny: await text(page, 'button[value=deny]') };
    for (const [k, v] of Object.entries(consentText)) {
      check(ARABIC.test(v) && !/Permissions|Accept|Cancel/.test(v), `Arabic consent page, ${k}: "${v}"`);
    }
    for (const li of (await page.locator('ul.scopes li').allTextContents()).map(clean)) {
      check(ARABIC.test(li), `consent item not in Arabic: "${li}"`);
    }
    const buttons = await page.evaluate(() => {
      const [a, d] = ['accept', 'deny'].map((v) => document.querySelector(`button[value=${v}]`).getBoundingClientRect());
      return { acceptLeft: a.left, denyLeft: d.left };
    });
    check(buttons.acceptLeft > buttons.denyLeft, `buttons not mirrored in RTL (Accept at x=${buttons.acceptLeft}, Cancel at x=${buttons.denyLeft})`);
    await shot(page, 'consent-ar');
    await decide(page, 'accept');
    const q = expectCallback(client.last(), PORTAL.redirect, 'Arabic consent');
    eq(q.get('state'), req.state, 'state after the Arabic consent');
    check(q.get('code'), 'no code after the Arabic consent');
  }
  {
    // Accept-Language alone picks Arabic when no ui_locales/lang is given.
    const { page } = await open(browser, { locale: 'ar' });
    await page.goto(`${BASE}/error`);
    const a = await htmlAttrs(page);
    check(a.dir === 'rtl' && a.lang === 'ar', `/error with Accept-Language: ar -> <html lang="${a.lang}" dir="${a.dir}">`);
  }
  {
    const { page, cspViolations } = await open(browser);
    // The list.
    let res = await page.goto(`${BASE}/error`);
    eq(res.status(), 200, '/error status');
    eq(await text(page, 'h1'), 'Sign-in error codes', '/error heading');
    const all = await page.locator('table.codes tbody tr').count();
    check(all >= 20, `the error list has only ${all} rows`);
    await shot(page, 'error-list-en');

    // Search through the form, as a person would.
    await page.fill('#q', 'secret');
    await Promise.all([page.waitForNavigation(), page.press('#q', 'Enter')]);
    const u = new URL(page.url());
    eq(u.searchParams.get('q'), 'secret', 'search query in the URL');
    const rows = page.locator('table.codes tbody tr');
    const n = await rows.count();
    check(n > 0 && n < all, `search "secret" shows ${n} of ${all} rows`);
    const codes = (await page.locator('table.codes tbody tr td:first-child').allTextContents()).map(clean);
    check(codes.includes('7000215'), `search "secret" does not list 7000215: ${codes.join(', ')}`);
    eq(await page.inputValue('#q'), 'secret', 'search box keeps the query');
    // The same filter straight from the URL.
    await page.goto(`${BASE}/error?q=secret`);
    eq(await page.locator('table.codes tbody tr').count(), n, 'rows of /error?q=secret');
    await page.goto(`${BASE}/error?q=zzzz-no-such-words`);
    eq(await page.locator('table.codes tbody tr').count(), 0, 'rows for a search with no match');
    check((await text(page, 'main')).includes('No error code matches your search.'), 'no "no results" message');

    // A detail page in English, reached by clicking its link in the list.
    await page.goto(`${BASE}/error`);
    await Promise.all([page.waitForNavigation(), page.click('table.codes a:text-is("7000215")')]);
    eq(new URL(page.url()).searchParams.get('code'), '7000215', 'link from the list to the detail page');
    res = await page.goto(`${BASE}/error?code=7000215`);
    eq(res.status(), 200, 'detail page status');
    const d = await htmlAttrs(page);
    check(d.dir === 'ltr' && d.lang === 'en', `English detail page: <html lang="${d.lang}" dir="${d.dir}">`);
    check((await text(page, 'h1')).includes('SIGIL7000215'), `detail heading: ${await text(page, 'h1')}`);
    const sections = await page.locator('main section').evaluateAll((ss) => ss.map((s) => ({ h: s.querySelector('h2')?.textContent?.trim(), p: s.querySelector('p')?.textContent?.trim() })));
    eq(sections.map((s) => s.h).join(' | '), 'What happened | Common causes | If you are signing in | If you build or run the application | What the standard says', 'detail sections');
    for (const s of sections) {
      check(s.p && s.p.length > 20 && !/^[a-z0-9-]+$/.test(s.p) && !s.p.includes('{$'), `section "${s.h}" has no real text: "${s.p}"`);
    }
    check((await text(page, 'dl.facts')).includes('invalid_client'), 'detail facts do not name invalid_client');
    check((await text(page, 'dl.facts')).includes('401'), 'detail facts do not give HTTP 401');
    await shot(page, 'error-detail-7000215-en');

    // The same in Arabic.
    res = await page.goto(`${BASE}/error?code=7000215&lang=ar`);
    eq(res.status(), 200, 'Arabic detail page status');
    const da = await htmlAttrs(page);
    check(da.dir === 'rtl' && da.lang === 'ar', `/error?code=7000215&lang=ar: <html lang="${da.lang}" dir="${da.dir}">`);
    const h2s = (await page.locator('main section h2').allTextContents()).map(clean);
    eq(h2s.length, 5, 'Arabic detail sections');
    for (const h of h2s) check(ARABIC.test(h), `Arabic section heading not Arabic: "${h}"`);
    check((await text(page, 'h1')).includes('SIGIL7000215'), 'Arabic detail heading keeps the code');
    await shot(page, 'error-detail-7000215-ar');

    // An unknown code: 404, the explanation, and the whole list under it.
    res = await page.goto(`${BASE}/error?code=99999`);
    eq(res.status(), 404, '/error?code=99999 status');
    eq(await text(page, 'h1'), 'Unknown error code', 'unknown code heading');
    const alert = clean(await page.locator('[role=alert]').textContent());
    check(alert.includes('99999'), `the unknown-code message does not name the code: "${alert}"`);
    eq(await page.locator('table.codes tbody tr').count(), all, 'rows listed under an unknown code');
    await shot(page, 'error-unknown-code-en');
    check(cspViolations.length === 0, `CSP violations on the troubleshooting pages: ${cspViolations.join(' | ')}`);
  }
});

scenario('h', 'phone viewport 390x844: no horizontal scroll', async (browser) => {
  const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
  const { page, client } = await open(browser, phone);
  const noHScroll = async (what) => {
    const m = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
    check(m.sw <= m.iw, `${what} scrolls sideways on a phone: scrollWidth ${m.sw} > innerWidth ${m.iw}`);
  };
  const req = portalRequest({ prompt: 'consent' });
  await page.goto(req.url);
  await noHScroll('the sign-in page');
  await shot(page, 'phone-signin-en');
  await submitSignin(page);
  await noHScroll('the consent page');
  await decide(page, 'accept');
  check(client.last()?.searchParams.get('code'), 'no code on the phone');
  await page.goto(`${BASE}/${TENANT}/oauth2/v2.0/logout`); // signed out again, so the sign-in page shows
  await page.goto(portalRequest({ ui_locales: 'ar' }).url);
  await noHScroll('the Arabic sign-in page');
  await shot(page, 'phone-signin-ar');
  await page.goto(`${BASE}/error?code=7000215`);
  await noHScroll('the error detail page');
  await page.goto(`${BASE}/error`);
  await noHScroll('the error list');
  await shot(page, 'phone-error-list-en');
});

scenario('i', 'security headers on the sign-in page; session cookie HttpOnly + SameSite=Lax; framing refused', async (browser) => {
  const { page, context, client } = await open(browser);
  const req = portalRequest();
  const res = await page.goto(req.url);
  const h = res.headers();
  const csp = h['content-security-policy'] ?? '';
  check(csp.includes("frame-ancestors 'none'"), `Content-Security-Policy lacks frame-ancestors 'none': "${csp}"`);
  // One script only: Sigil's show-password toggle, under this response's nonce.
  check(/script-src 'nonce-[A-Za-z0-9_-]{20,}';/.test(csp) && !/unsafe|script-src[^;]*'self'/.test(csp), `the sign-in page allows other scripts: "${csp}"`);
  const scripts = await page.locator('script').evaluateAll((l) => l.map((s) => s.getAttribute('src')));
  eq(JSON.stringify(scripts), JSON.stringify(['/assets/sigil.js']), 'scripts on the sign-in page');
  eq(h['referrer-policy'], 'no-referrer', 'Referrer-Policy');
  eq(h['x-content-type-options'], 'nosniff', 'X-Content-Type-Options');
  eq(h['x-frame-options'], 'DENY', 'X-Frame-Options');
  check((h['cache-control'] ?? '').includes('no-store'), `Cache-Control: ${h['cache-control']}`);
  const csrf = (await context.cookies()).find((c) => c.name.replace(/^__Host-/, '') === 'sigil_csrf');
  check(csrf && csrf.httpOnly && csrf.sameSite === 'Lax', `anti-forgery cookie: ${JSON.stringify(csrf)}`);

  await signInThrough(page, client);
  const cookies = await context.cookies();
  const s = sessionCookie(cookies);
  check(s, `no sigil_session_* cookie after sign-in: ${cookies.map((c) => c.name).join(', ')}`);
  eq(s.httpOnly, true, 'session cookie HttpOnly');
  eq(s.sameSite, 'Lax', 'session cookie SameSite');
  eq(s.path, '/', 'session cookie Path');
  // Issue 21: without `session.stay_signed_in` a tenant's sessions are browser sessions: no Max-Age
  // (Playwright reports -1); the server ends them at `session.lifetime` (docs/sign-in-policies.md).
  eq(s.expires, -1, 'session cookie is a browser-session cookie');
  check(!(await page.evaluate(() => document.cookie)).includes('sigil_'), 'Sigil cookies are readable from JavaScript');

  // Another page that frames the sign-in page gets nothing. (The framing page is about:blank: a page
  // answered by the interception would count as "public" and Chromium's local-network checks would
  // block the frame before CSP is even consulted.) A frame of /healthz shows that framing works at all.
  const framer = await context.newPage();
  const framerCsp = [];
  framer.on('console', (m) => /Content Security Policy/i.test(m.text()) && framerCsp.push(m.text()));
  const frameOf = async (src) => {
    await framer.setContent(`<!doctype html><title>framer</title><iframe src="${src}" width="600" height="400"></iframe>`);
    const f = framer.frames().find((x) => x !== framer.mainFrame());
    check(f, 'the framing page has no iframe');
    await f.waitForLoadState('load').catch(() => {});
    await framer.waitForTimeout(300);
    return f;
  };
  const health = await frameOf(`${BASE}/healthz`);
  eq(health.url(), `${BASE}/healthz`, 'control: a frame of /healthz loads');
  const framed = await frameOf(portalRequest().url);
  check(!framed.url().startsWith(BASE) || (await framed.locator('#username').count()) === 0, `the sign-in page rendered inside a frame (${framed.url()})`);
  for (let i = 0; i < 30 && !framerCsp.some((v) => v.includes('frame-ancestors')); i++) await framer.waitForTimeout(100);
  check(framerCsp.some((v) => v.includes("frame-ancestors 'none'")), `the browser reported no frame-ancestors refusal: ${JSON.stringify(framerCsp)}`);
  note(`framing refused: ${framerCsp.find((v) => v.includes('frame-ancestors'))}`);
});

scenario('j', 'unknown client_id: an error page at Sigil, never a redirect', async (browser) => {
  const { page, client } = await open(browser);
  const url = authorizeUrl({ client_id: 'no-such-app', redirect_uri: PORTAL.redirect, state: 'x' });
  const res = await page.goto(url);
  check(res.status() >= 400 && res.status() < 500, `unknown client status ${res.status()}`);
  check(page.url().startsWith(BASE), `left Sigil for an unknown client: ${page.url()}`);
  eq(client.hits.length, 0, 'requests to the redirect URI of an unknown client');
  eq(await text(page, 'h1'), 'Sign-in could not continue', 'error page heading');
  const facts = await text(page, 'dl.facts');
  const m = facts.match(/SIGIL(\d+)/);
  check(m, `the error page shows no SIGIL code: "${facts}"`);
  check((await text(page, 'main')).includes('no-such-app'), 'the error page does not name the unknown client');
  await shot(page, 'error-unknown-client-en');
  await Promise.all([page.waitForNavigation(), page.click('main a[href*="/error?code="]')]);
  eq(new URL(page.url()).searchParams.get('code'), m[1], 'the help link leads to the code\'s troubleshooting page');
  check((await text(page, 'h1')).includes(`SIGIL${m[1]}`), 'help page heading');
});

scenario('k', 'response_mode=form_post auto-submits under the page CSP; response_mode=fragment puts the answer after #', async (browser) => {
  const { page, client, cspViolations } = await open(browser);
  const req = portalRequest({ response_mode: 'form_post', prompt: 'consent' });
  await page.goto(req.url);
  await submitSignin(page);
  check(await isConsentPage(page), 'expected the consent page');
  await Promise.all([
    page.waitForURL((u) => u.href.startsWith(PORTAL.redirect)),
    page.click('form button[name=decision][value=accept]'),
  ]);
  const posts = client.documents().filter((h) => h.method === 'POST');
  eq(posts.length, 1, `form_post requests to the client (${JSON.stringify(client.hits)})`);
  eq(posts[0].url, PORTAL.redirect, 'form_post target');
  const form = new URLSearchParams(posts[0].body ?? '');
  check(form.get('code'), `no code in the form_post body: ${posts[0].body}`);
  eq(form.get('state'), req.state, 'state in the form_post body');
  eq(form.get('iss'), await issuer(), 'iss in the form_post body');
  check(cspViolations.length === 0, `the form_post page broke its own CSP: ${cspViolations.join(' | ')}`);
  const t = await redeem(form.get('code'), { verifier: req.verifier });
  eq(t.status, 200, `redeeming the form_post code (${JSON.stringify(t.body)})`);

  // With the session and consent in place, fragment mode answers after '#', never in the query.
  const frag = portalRequest({ response_mode: 'fragment' });
  await page.goto(frag.url);
  const u = new URL(page.url());
  eq(`${u.origin}${u.pathname}`, PORTAL.redirect, 'fragment mode target');
  eq(u.search, '', 'query of the fragment-mode redirect');
  const f = new URLSearchParams(u.hash.slice(1));
  check(f.get('code'), `no code in the fragment: ${page.url()}`);
  eq(f.get('state'), frag.state, 'state in the fragment');
});

scenario('l', 'a sign-in form posted from another site is refused (SameSite=Lax anti-forgery cookie)', async (browser) => {
  const { page, context, client } = await open(browser);
  await page.goto(portalRequest().url);
  // What an attacker could copy out of the page: the action and both hidden fields.
  const form = await page.evaluate(() => {
    const f = document.querySelector('form');
    return { action: f.action, csrf: f.csrf_token.value, interaction: f.interaction.value };
  });
  const other = await context.newPage();
  await other.setContent(`<!doctype html><title>elsewhere</title><form method="post" action="${form.action}">
    <input type="hidden" name="csrf_token" value="${form.csrf}"><input type="hidden" name="interaction" value="${form.interaction}">
    <input name="username" value="${ALICE.username}"><input name="password" value="${ALICE.password}"><button id="go">go</button></form>`);
  const [res] = await Promise.all([other.waitForNavigation(), other.click('#go')]);
  check(res.status() >= 400, `a cross-site sign-in POST was accepted (status ${res.status()}, ${other.url()})`);
  eq(clean(await other.locator('h1').textContent()), 'Sign-in could not continue', 'heading of the refusal');
  const code = clean(await other.locator('dl.facts code').first().textContent());
  eq(code, 'SIGIL88000021', `refusal code (HTTP ${res.status()})`);
  check(!sessionCookie(await context.cookies()), 'a cross-site POST created a session');
  eq(client.hits.length, 0, 'requests to the client after a cross-site POST');

  // The same fields posted from Sigil's own page (same site, cookie sent) sign in.
  await signInThrough(page, client);
});

// ---------------------------------------------------------------- main

async function main() {
  const only = opts.only ? new Set(opts.only.split(',').map((s) => s.trim())) : null;
  let browser;
  let failure = null;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      timeout: 60_000,
    });
    report.browser_version = browser.version();
    console.log(`Chromium ${browser.version()} (${CHROMIUM}) against ${BASE}; output in ${OUT}`);
    for (const s of scenarios) {
      if (only && !only.has(s.id)) continue;
      const t0 = Date.now();
      const entry = { id: s.id, title: s.title, ok: false, ms: 0, notes: [] };
      notes = entry.notes;
      report.scenarios.push(entry);
      const before = new Set(browser.contexts());
      try {
        await s.fn(browser);
        entry.ok = true;
        report.passed++;
        entry.ms = Date.now() - t0;
        console.log(`ok   ${s.id}. ${s.title} (${entry.ms} ms)`);
      } catch (e) {
        entry.ms = Date.now() - t0;
        entry.error = e instanceof Failure ? e.message : e.stack || String(e);
        report.failed++;
        failure = { scenario: s, error: e };
        // Leave the page the failure happened on for a person to look at.
        for (const c of browser.contexts()) {
          if (before.has(c)) continue;
          for (const [i, p] of c.pages().entries()) {
            const name = `FAILED-${s.id}-${i}`;
            await p.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true }).catch(() => {});
            entry.failure_screenshot = path.join(OUT, `${name}.png`);
            entry.failure_url = p.url();
          }
        }
        console.error(`FAIL ${s.id}. ${s.title} (${entry.ms} ms)\n     ${entry.error}${entry.failure_url ? `\n     page: ${entry.failure_url}` : ''}`);
      } finally {
        for (const c of browser.contexts()) if (!before.has(c)) await c.close().catch(() => {});
      }
      if (failure) break;
    }
  } catch (e) {
    failure = failure ?? { scenario: null, error: e };
    console.error(`FAIL could not run the browser tests: ${e.stack || e}`);
  } finally {
    if (browser) await browser.close().catch(() => {});
    report.finished = new Date().toISOString();
    writeFileSync(path.join(OUT, 'report.json'), JSON.stringify(report, null, 2) + '\n');
  }
  console.log(`screenshots: ${report.screenshots.length} in ${OUT} (report.json)`);
  console.log(`${report.passed} passed, ${report.failed} failed`);
  process.exit(failure ? 1 : 0);
}

await main();
