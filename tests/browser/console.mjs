#!/usr/bin/env node
// Issue 22 in a real browser: the admin console (Debian's Chromium driven by playwright-core).
// Signs in to the console through Sigil (authorization code + PKCE as sigil-console), then does
// the main action of every page: finds a failed sign-in by its trace ID and opens its
// troubleshooting page, creates applications with the wizard and signs in with them, adds a user
// to a group, rotates a key, ends a session, reads the audit log; and checks that a reader sees
// but cannot write. axe-core runs on every page (checkA11y); screenshots of the sign-in log in the
// six languages and of every other page in English and Arabic.
//
//   node console.mjs --base http://127.0.0.1:PORT --out DIR
//
// The server must have crates/sigil-testkit/fixtures/console.toml imported and
// SIGIL_SERVER_ADMIN_TENANT=ops (crates/sigil/tests/integration/console.rs starts one and runs this).
import { chromium } from 'playwright-core';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkA11y } from './axe.mjs';

const opts = parseArgs({ options: { base: { type: 'string' }, out: { type: 'string' } } }).values;
if (!opts.base || !opts.out) {
  console.error('usage: node console.mjs --base http://127.0.0.1:PORT --out DIR');
  process.exit(2);
}
const BASE = opts.base.replace(/\/+$/, '');
const OUT = path.resolve(opts.out);
mkdirSync(OUT, { recursive: true });
const CHROMIUM = process.env.SIGIL_TEST_CHROMIUM || '/usr/bin/chromium';
const C = `${BASE}/admin/console`;
const LANGS = ['en', 'ro', 'ru', 'sl', 'zh-CN', 'ar'];
const ROOT = { username: 'root', password: 'console-root-password-0123' };
const VIEWER = { username: 'viewer', password: 'console-viewer-password-0123' };
const NATIVE_REDIRECT = 'http://127.0.0.1/console-native-callback';

function check(cond, msg) {
  if (!cond) throw new Error(msg);
}

/** Screenshot (full page) and accessibility check of the page as it is now. */
async function look(page, name) {
  await checkA11y(page, name);
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
}

/** Signs in to the console in a fresh context; returns the page, on the sign-in log. */
async function signIn(browser, who) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${C}/?lang=en`);
  check(page.url().includes('/ops/oauth2/v2.0/authorize') || page.url().includes('/ops/'), `not at Sigil's sign-in: ${page.url()}`);
  await page.fill('input[name=username]', who.username);
  await page.fill('input[name=password]', who.password);
  await Promise.all([page.waitForLoadState('load'), page.click('button[type=submit]')]);
  if (await page.locator('button[name=decision][value=accept]').count()) {
    await Promise.all([page.waitForLoadState('load'), page.click('button[name=decision][value=accept]')]);
  }
  await page.waitForURL(/\/admin\/console\/(\?.*)?$/);
  return { context, page };
}

async function tokenRequest(form, basic) {
  const headers = { 'content-type': 'application/x-www-form-urlencoded' };
  if (basic) headers.authorization = `Basic ${Buffer.from(`${basic[0]}:${basic[1]}`).toString('base64')}`;
  const r = await fetch(`${BASE}/contoso/oauth2/v2.0/token`, { method: 'POST', headers, body: new URLSearchParams(form) });
  return { status: r.status, trace: r.headers.get('x-sigil-trace-id'), body: await r.json() };
}

async function main() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const { context, page } = await signIn(browser, ROOT);
    check((await page.textContent('header')).includes('Rosa Operator'), 'the header names the operator');
    console.log('ok   signed in through Sigil');

    // --- sign-in log: a failed sign-in, found by trace ID, its reason, its troubleshooting page
    const failed = await tokenRequest({ grant_type: 'client_credentials', scope: 'api://reports/.default' }, ['reporting-daemon', 'wrong-secret']);
    check(failed.status === 401 && failed.trace, `expected a refusal, got ${failed.status}`);
    const code = failed.body.error_codes[0];
    let found = false;
    for (let i = 0; i < 50 && !found; i++) {
      await page.goto(`${C}/?lang=en&range=1h`);
      await page.fill('#f-trace', failed.trace);
      await Promise.all([page.waitForLoadState('load'), page.click('form.filters button[type=submit]')]);
      found = (await page.locator(`a:has-text("${failed.trace}")`).count()) > 0;
      if (!found) await page.waitForTimeout(100);
    }
    check(found, `trace ${failed.trace} not found in the log`);
    await Promise.all([page.waitForURL(/\/signins\//), page.click(`a:has-text("${failed.trace}")`)]);
    check((await page.textContent('.reason')).trim().length > 0, 'the detail view shows the internal reason');
    await look(page, 'console-signin-en');
    await page.goto(`${page.url().split('?')[0]}?lang=ar`);
    await look(page, 'console-signin-ar');
    await page.goto(`${page.url().split('?')[0]}?lang=en`);
    await Promise.all([page.waitForURL(/\/error\?code=/), page.click(`main a.button:has-text("troubleshooting")`)]);
    check(page.url().includes(`code=${code}`) && page.url().includes('lang=en'), `help page ${page.url()}`);
    check((await page.textContent('main')).includes(String(code)), 'the help page names the code');
    console.log(`ok   failed sign-in ${failed.trace} found, troubleshooting page for ${code} opened`);

    for (const lang of LANGS) {
      await page.goto(`${C}/?range=1h&lang=${lang}`);
      check((await page.getAttribute('html', 'lang')) === lang, `lang ${lang}`);
      check((await page.getAttribute('html', 'dir')) === (lang === 'ar' ? 'rtl' : 'ltr'), `dir ${lang}`);
      check((await page.locator('svg.chart').count()) === 1, 'the timeline chart');
      check((await page.locator(`a[href="/error?code=${code}&lang=${lang}"]`).count()) > 0, `code ${code} links to its page in ${lang}`);
      await look(page, `console-signins-${lang}`);
    }
    console.log('ok   sign-in log in six languages');
    // Responsive: on a phone's width nothing but the tables' own scrolling regions overflows.
    await page.setViewportSize({ width: 390, height: 844 });
    for (const lang of ['en', 'ar']) {
      await page.goto(`${C}/?range=1h&lang=${lang}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      check(overflow <= 1, `the page is ${overflow}px wider than a 390px screen (${lang})`);
      await look(page, `console-signins-phone-${lang}`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    console.log('ok   sign-in log on a phone');

    // --- tenants
    for (const lang of ['en', 'ar']) {
      await page.goto(`${C}/tenants?lang=${lang}`);
      check((await page.locator('td a:has-text("contoso")').count()) === 1, 'contoso listed');
      await look(page, `console-tenants-${lang}`);
    }

    // --- applications: the wizard, a daemon (secret shown once) and a native app, both used
    await page.goto(`${C}/applications?tenant=contoso&lang=ar`);
    await look(page, 'console-applications-ar');
    await page.goto(`${C}/applications?tenant=contoso&lang=en`);
    await look(page, 'console-applications-en');
    await Promise.all([page.waitForURL(/applications\/new/), page.click('a.button:has-text("New application")')]);
    await page.goto(`${page.url()}&lang=ar`);
    await look(page, 'console-wizard-ar');
    await page.goto(`${C}/applications/new?tenant=contoso&lang=en`);
    await look(page, 'console-wizard-en');
    await Promise.all([page.waitForURL(/kind=daemon/), page.click('#kind-daemon')]);
    await page.fill('#w-client-id', 'browser-daemon');
    await page.fill('#w-name', 'Browser daemon');
    await page.fill('#w-perms', 'api://reports/Reports.Read.All');
    await Promise.all([page.waitForLoadState('load'), page.click('form.wizard button[type=submit]')]);
    const secret = (await page.textContent('#secret-value')).trim();
    check(secret.length >= 40, `a secret is shown: ${secret}`);
    await look(page, 'console-created-en');
    // A new client is in the server's directory within a second on SQLite (at once on PostgreSQL).
    let daemon;
    for (let i = 0; i < 50; i++) {
      daemon = await tokenRequest({ grant_type: 'client_credentials', scope: 'api://reports/.default' }, ['browser-daemon', secret]);
      if (daemon.status === 200) break;
      await page.waitForTimeout(100);
    }
    check(daemon.status === 200 && daemon.body.access_token, `the new daemon gets a token: ${JSON.stringify(daemon.body)}`);
    await page.goto(`${C}/applications/new?tenant=contoso&kind=native&lang=ar`);
    await page.fill('#w-client-id', 'browser-native');
    await page.fill('#w-redirect', NATIVE_REDIRECT);
    await page.fill('#w-perms', 'api://reports/Reports.Read');
    await Promise.all([page.waitForLoadState('load'), page.click('form.wizard button[type=submit]')]);
    check((await page.locator('#secret-value').count()) === 0, 'a native app has no secret');
    await look(page, 'console-created-ar');
    await signInWithNative(browser);
    console.log('ok   wizard: a daemon and a native app created and used');

    // --- APIs
    for (const lang of ['en', 'ar']) {
      await page.goto(`${C}/apis?tenant=contoso&lang=${lang}`);
      check((await page.textContent('main')).includes('api://reports'), 'api://reports listed');
      await look(page, `console-apis-${lang}`);
    }

    // --- users and groups: add viewer to helpdesk
    await page.goto(`${C}/users?tenant=ops&lang=en`);
    await page.selectOption('#m-user', 'viewer');
    await page.selectOption('#m-group', 'helpdesk');
    await Promise.all([page.waitForURL(/user=viewer/), page.click('form.action button[type=submit]')]);
    check((await page.textContent('#member-of')).includes('helpdesk'), 'viewer is in helpdesk');
    await look(page, 'console-users-en');
    await page.goto(`${C}/users?tenant=ops&user=viewer&lang=ar`);
    await look(page, 'console-users-ar');
    console.log('ok   viewer added to helpdesk');

    // --- keys: rotate
    await page.goto(`${C}/keys?tenant=contoso&lang=en`);
    const before = await page.locator('tbody tr').count();
    await page.fill('#i-delay', '0');
    await Promise.all([page.waitForURL(/rotated=1/), page.click('form.action button[type=submit]')]);
    const after = await page.locator('tbody tr').count();
    check(after > before, `keys ${before} → ${after}`);
    await look(page, 'console-keys-en');
    await page.goto(`${C}/keys?tenant=contoso&lang=ar`);
    await look(page, 'console-keys-ar');
    console.log(`ok   keys rotated (${before} → ${after})`);

    // --- sessions: end the viewer's (made below) or root's own Sigil session
    await page.goto(`${C}/sessions?tenant=ops&user=root&lang=ar`);
    await look(page, 'console-sessions-ar');
    await page.goto(`${C}/sessions?tenant=ops&user=root&lang=en`);
    const sessions = await page.locator('tbody tr').count();
    check(sessions >= 1, 'root has a session');
    await look(page, 'console-sessions-en');
    await Promise.all([page.waitForURL(/revoked=1/), page.click('tbody tr button[type=submit]')]);
    check((await page.locator('tbody tr').count()) === sessions - 1, 'the session ended');
    console.log('ok   a session ended');

    // --- audit log
    for (const lang of ['en', 'ar']) {
      await page.goto(`${C}/audit?lang=${lang}`);
      const text = await page.textContent('main');
      for (const a of ['application.create', 'group.member.add', 'key.rotate', 'session.revoke']) check(text.includes(a), `audit has ${a}`);
      await look(page, `console-audit-${lang}`);
    }
    console.log('ok   audit log');

    // --- a reader sees but cannot write
    const reader = await signIn(browser, VIEWER);
    await reader.page.goto(`${C}/keys?tenant=contoso&lang=en`);
    check((await reader.page.locator('form.action').count()) === 0, 'no rotate form for a reader');
    await checkA11y(reader.page, 'console-keys-reader');
    await reader.page.goto(`${C}/applications/new?tenant=contoso&kind=daemon&lang=en`);
    check(await reader.page.locator('form.wizard button[type=submit]').isDisabled(), 'create is disabled for a reader');
    const csrf = await reader.page.getAttribute('input[name=csrf]', 'value');
    const forced = await reader.page.request.post(`${C}/keys/rotate`, { form: { csrf, tenant: 'contoso' }, maxRedirects: 0 });
    check(forced.status() === 403 && (await forced.text()).includes('88000481'), `a reader's rotation is refused: ${forced.status()}`);
    await reader.context.close();
    console.log('ok   reader sees but cannot write');

    // --- sign out
    await page.goto(`${C}/?lang=en`);
    await Promise.all([page.waitForLoadState('load'), page.click('header form button')]);
    check(!page.url().includes('/admin/console/?'), `signed out: ${page.url()}`);
    await context.close();
    console.log('console: all scenarios passed');
  } finally {
    await browser.close();
  }
}

/** Signs alice in to the native app the wizard made (code + PKCE) and redeems the code. */
async function signInWithNative(browser) {
  const context = await browser.newContext({ viewport: { width: 480, height: 800 } });
  const page = await context.newPage();
  const redirects = [];
  page.on('request', (r) => {
    if (r.url().startsWith(NATIVE_REDIRECT)) redirects.push(r.url());
  });
  const verifier = randomBytes(32).toString('base64url');
  const q = new URLSearchParams({
    client_id: 'browser-native',
    response_type: 'code',
    redirect_uri: NATIVE_REDIRECT,
    scope: 'openid api://reports/Reports.Read',
    state: 'st',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  });
  const url = `${BASE}/contoso/oauth2/v2.0/authorize?${q}`;
  for (let i = 0; i < 50; i++) {
    const r = await fetch(url, { redirect: 'manual' });
    if (r.status !== 400) break; // 400: the client is not in the directory yet
    await new Promise((ok) => setTimeout(ok, 100));
  }
  await page.goto(url);
  await page.fill('input[name=username]', 'alice');
  await page.fill('input[name=password]', 'correct horse battery staple');
  await page.click('button[type=submit]').catch(() => {});
  await page.waitForTimeout(300);
  if (!redirects.length && (await page.locator('button[name=decision][value=accept]').count())) {
    await page.click('button[name=decision][value=accept]').catch(() => {});
  }
  for (let i = 0; i < 50 && !redirects.length; i++) await page.waitForTimeout(100);
  check(redirects.length, 'the native app got its redirect');
  const code = new URL(redirects[0]).searchParams.get('code');
  check(code, `a code: ${redirects[0]}`);
  const t = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: NATIVE_REDIRECT, client_id: 'browser-native', code_verifier: verifier });
  check(t.status === 200 && t.body.access_token, `code redeemed: ${JSON.stringify(t.body)}`);
  await context.close();
}

main().catch((e) => {
  console.error(`FAIL ${e.stack || e}`);
  process.exit(1);
});
