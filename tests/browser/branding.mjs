#!/usr/bin/env node
// Issue 21 items 5 and 7 in a real browser (Debian's Chromium via playwright-core): a branded
// tenant's sign-in and consent pages in the six languages (the language switcher keeps the
// interaction), the show-password toggle (and its absence without JavaScript), "back to the
// application", and axe-core on every page, including Sigil's other pages in the six languages.
//
//   node branding.mjs --base http://127.0.0.1:PORT --out DIR
//
// The server must have examples/contoso.toml and crates/sigil-testkit/fixtures/{extra,branding}.toml
// imported (crates/sigil/tests/integration/branding.rs starts one and runs this). DIR receives
// branded-signin-<lang>.png and consent-<lang>.png.
import { chromium } from 'playwright-core';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkA11y } from './axe.mjs';

const opts = parseArgs({ options: { base: { type: 'string' }, out: { type: 'string' } } }).values;
if (!opts.base || !opts.out) {
  console.error('usage: node branding.mjs --base http://127.0.0.1:PORT --out DIR');
  process.exit(2);
}
setTimeout(() => {
  console.error('branding.mjs: not finished within 400 s');
  process.exit(2);
}, 400_000).unref();
const BASE = opts.base.replace(/\/+$/, '');
const OUT = path.resolve(opts.out);
mkdirSync(OUT, { recursive: true });
const CHROMIUM = process.env.SIGIL_TEST_CHROMIUM || '/usr/bin/chromium';
const REDIRECT = 'http://127.0.0.1:5000/callback';
const LANGS = ['en', 'ro', 'ru', 'sl', 'zh-CN', 'ar'];
const PLUM = 'rgb(122, 31, 92)'; // primary_color #7a1f5c in branding.toml

function check(cond, msg) {
  if (!cond) throw new Error(msg);
}

function authorize(tenant, client, extra = {}) {
  const verifier = randomBytes(32).toString('base64url');
  const q = new URLSearchParams({
    client_id: client,
    response_type: 'code',
    redirect_uri: REDIRECT,
    scope: 'openid profile api://orders/Orders.Read',
    state: 'st-brand',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...extra,
  });
  return `${BASE}/${tenant}/oauth2/v2.0/authorize?${q}`;
}

/** A context whose requests to the client's redirect URI are recorded (nothing listens there),
 * and whose CSP violations are collected (Sigil's pages must need no exception). */
async function fresh(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 900, height: 900 }, ...options });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const redirects = [];
  const csp = [];
  page.on('request', (r) => r.url().startsWith(REDIRECT) && redirects.push(r.url()));
  page.on('console', (m) => m.type() === 'error' && /Content Security Policy/i.test(m.text()) && csp.push(m.text()));
  return { context, page, redirects, csp };
}

async function attrs(page) {
  return page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
}

/** Presses a button and waits for the page it leads to. */
async function press(page, selector) {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

async function waitForRedirect(redirects) {
  for (let i = 0; i < 100 && redirects.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
  check(redirects.length > 0, 'no redirect to the client');
  return new URL(redirects[redirects.length - 1]);
}

async function brandedSigninAndConsent(browser) {
  const { context, page, redirects, csp } = await fresh(browser);
  await page.goto(authorize('northwind', 'shop'));
  check((await attrs(page)).lang === 'en', 'the first page is in English');
  // The brand: the logo loaded (served by Sigil), the colours applied through the stylesheet.
  check(await page.locator('img.logo').evaluate((i) => i.complete && i.naturalWidth === 160), 'the logo did not load');
  const bg = await page.locator('button.primary').evaluate((b) => getComputedStyle(b).backgroundColor);
  check(bg === PLUM, `the primary colour is not applied: ${bg}`);
  check((await page.locator('footer .secured').textContent()).includes('Sigil'), 'no "secured by Sigil" in the footer');

  // Show password: the toggle appears with JavaScript and switches the field both ways.
  const toggle = page.locator('#password-toggle');
  check(await toggle.isVisible(), 'the show-password button is not visible');
  await page.fill('#password', 'typed-secret');
  await toggle.click();
  check((await page.getAttribute('#password', 'type')) === 'text', 'the password is not shown');
  check((await toggle.textContent()).trim() === 'Hide password', 'the button does not say it hides');
  await toggle.click();
  check((await page.getAttribute('#password', 'type')) === 'password', 'the password is not hidden again');

  // The language switcher: every language in turn, the same interaction throughout.
  for (const lang of LANGS) {
    await press(page, `nav.langs button[value="${lang}"]`);
    const a = await attrs(page);
    check(a.lang === lang && (a.dir === 'rtl') === (lang === 'ar'), `${lang}: lang=${a.lang} dir=${a.dir}`);
    check((await page.locator('#signin-text').count()) === 1, `${lang}: no sign-in text`);
    await checkA11y(page, `branded sign-in ${lang}`);
    await page.screenshot({ path: path.join(OUT, `branded-signin-${lang}.png`), fullPage: true });
    console.log(`ok   branded sign-in ${lang}`);
  }
  await page.fill('#username', 'nancy');
  await page.fill('#password', 'nancy-password-1');
  await press(page, 'form#signin-form button[type=submit]');
  check((await page.locator('button[name=decision][value=accept]').count()) === 1, `consent page expected, got ${page.url()}`);
  check((await attrs(page)).lang === 'ar', 'the consent page keeps the chosen language');
  for (const lang of LANGS) {
    await press(page, `nav.langs button[value="${lang}"]`);
    check((await attrs(page)).lang === lang, `${lang}: consent page language`);
    const who = await page.locator('#signed-in-as').textContent();
    check(who.includes('Nancy Davolio'), `${lang}: the user's display name is not shown: ${who}`);
    await checkA11y(page, `consent ${lang}`);
    await page.screenshot({ path: path.join(OUT, `consent-${lang}.png`), fullPage: true });
    console.log(`ok   consent ${lang}`);
  }
  await page.click('button[name=decision][value=accept]');
  const to = await waitForRedirect(redirects);
  check(to.searchParams.get('code') && to.searchParams.get('state') === 'st-brand', `after consent: ${to}`);
  check(csp.length === 0, `CSP violations: ${csp.join(' | ')}`);
  await context.close();
  console.log('ok   the interaction survived twelve language switches and ended with a code');
}

async function backToTheApplication(browser) {
  const { context, page, redirects } = await fresh(browser);
  await page.goto(authorize('northwind', 'shop', { ui_locales: 'sl' }));
  await page.click('#back-to-app');
  const to = await waitForRedirect(redirects);
  const q = to.searchParams;
  check(q.get('error') === 'access_denied' && q.get('error_codes') === '88000620', `back to the application: ${to}`);
  check(q.get('state') === 'st-brand' && !q.get('code'), `back to the application: ${to}`);
  await context.close();
  console.log('ok   back to the application: access_denied 88000620 with the state');
}

async function withoutJavaScript(browser) {
  const { context, page } = await fresh(browser, { javaScriptEnabled: false });
  await page.goto(authorize('northwind', 'shop'));
  check(!(await page.locator('#password-toggle').isVisible()), 'the toggle shows without JavaScript');
  check((await page.getAttribute('#password', 'type')) === 'password', 'not a plain password field');
  await context.close();
  console.log('ok   without JavaScript: a plain password field');
}

/** Sigil's other pages the browser tests visit, in every language, through axe-core. */
async function everyPageInEveryLanguage(browser) {
  const { context, page } = await fresh(browser);
  for (const lang of LANGS) {
    const pages = [
      ['sign-in (contoso)', authorize('contoso', 'web-portal', { ui_locales: lang, scope: 'openid profile' })],
      ['error list', `${BASE}/error?lang=${lang}`],
      ['error detail', `${BASE}/error?code=7000215&lang=${lang}`],
      ['unknown code', `${BASE}/error?code=99999&lang=${lang}`],
      ['home', `${BASE}/?lang=${lang}`],
      ['device', `${BASE}/contoso/device?ui_locales=${lang}`],
      ['logout', `${BASE}/contoso/oauth2/v2.0/logout?ui_locales=${lang}`],
      ['error page', authorize('contoso', 'no-such-client', { ui_locales: lang })],
    ];
    for (const [name, url] of pages) {
      await page.goto(url);
      await checkA11y(page, `${name} ${lang}`);
    }
    console.log(`ok   axe on every page in ${lang}`);
  }
  await context.close();
}

const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  await brandedSigninAndConsent(browser);
  await backToTheApplication(browser);
  await withoutJavaScript(browser);
  await everyPageInEveryLanguage(browser);
  console.log('ok   all branding scenarios');
} catch (e) {
  console.error(`FAIL ${e.stack || e}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
