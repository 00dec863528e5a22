#!/usr/bin/env node
// Issue 21 in a real browser: TOTP enrollment and sign-in with a second factor, Debian's Chromium
// driven by playwright-core. The test reads the secret from the enrollment page and computes the
// RFC 6238 codes itself (HMAC-SHA-1, 30 s, 6 digits), as an authenticator app would.
//
//   node mfa.mjs --base http://127.0.0.1:PORT --out DIR
//
// The server must have crates/sigil-testkit/fixtures/mfa.toml imported
// (crates/sigil/tests/integration/browser_mfa.rs starts one and runs this). DIR receives screenshots
// of the enrollment, recovery-code and second-factor pages in the six languages.
import { chromium } from 'playwright-core';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { base32, totp } from './otp.mjs';
import { checkA11y } from './axe.mjs';

const opts = parseArgs({ options: { base: { type: 'string' }, out: { type: 'string' } } }).values;
if (!opts.base || !opts.out) {
  console.error('usage: node mfa.mjs --base http://127.0.0.1:PORT --out DIR');
  process.exit(2);
}
const BASE = opts.base.replace(/\/+$/, '');
const OUT = path.resolve(opts.out);
mkdirSync(OUT, { recursive: true });
const CHROMIUM = process.env.SIGIL_TEST_CHROMIUM || '/usr/bin/chromium';
const REDIRECT = 'http://127.0.0.1/callback';
const LANGS = ['en', 'ro', 'ru', 'sl', 'zh-CN', 'ar'];

function check(cond, msg) {
  if (!cond) throw new Error(msg);
}

function authorize(tenant, client, lang) {
  const verifier = randomBytes(32).toString('base64url');
  const q = new URLSearchParams({
    client_id: client,
    response_type: 'code',
    redirect_uri: REDIRECT,
    scope: 'openid profile',
    state: 'st',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    ui_locales: lang,
  });
  return `${BASE}/${tenant}/oauth2/v2.0/authorize?${q}`;
}

/** A new context whose requests to the client's redirect URI are recorded (nothing listens there). */
async function fresh(browser) {
  const context = await browser.newContext({ viewport: { width: 480, height: 800 } });
  const page = await context.newPage();
  const redirects = [];
  page.on('request', (r) => {
    if (r.url().startsWith(REDIRECT)) redirects.push(r.url());
  });
  return { context, page, redirects };
}

async function signIn(page, url, username, password) {
  await page.goto(url);
  await checkA11y(page, `sign-in ${new URL(url).searchParams.get('ui_locales')}`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForLoadState(), page.click('button[type=submit]')]);
}

/** Accepts the consent page when the interaction shows one (the first sign-in to an application). */
async function acceptConsent(page, redirects) {
  for (let i = 0; i < 50 && redirects.length === 0; i++) {
    if ((await page.locator('button[name=decision][value=accept]').count()) === 1) {
      await page.click('button[name=decision][value=accept]');
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function waitForRedirect(redirects) {
  for (let i = 0; i < 100 && redirects.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
  check(redirects.length > 0, 'no redirect to the client');
  const u = new URL(redirects[redirects.length - 1]);
  check(u.searchParams.get('code'), `redirect without a code: ${u}`);
}

async function main() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    for (const lang of LANGS) {
      const user = `shot-${lang.toLowerCase()}`;
      // 1. Enrollment: the policy of the tenant asks for a second factor and the user has none.
      let { context, page, redirects } = await fresh(browser);
      await signIn(page, authorize('mfa-all', 'any-app', lang), user, `${user}-password`);
      check((await page.locator('#totp-secret').count()) === 1, `${lang}: enrollment page expected, got ${page.url()}`);
      const dir = await page.evaluate(() => document.documentElement.dir);
      check((lang === 'ar') === (dir === 'rtl'), `${lang}: dir=${dir}`);
      const qr = await page.locator('#totp-qr').evaluate((img) => img.complete && img.naturalWidth > 0);
      check(qr, `${lang}: the QR code image did not render`);
      await checkA11y(page, `enroll-${lang}`);
      await page.screenshot({ path: path.join(OUT, `enroll-${lang}.png`), fullPage: true });
      const secret = base32(await page.locator('#totp-secret').textContent());
      check(secret.length === 20, `${lang}: 160-bit secret expected`);
      const enrolledAt = Date.now() / 1000;
      await page.fill('input[name=code]', totp(secret, enrolledAt));
      await Promise.all([page.waitForLoadState(), page.click('button[type=submit]')]);
      const codes = await page.locator('#recovery-codes code').allTextContents();
      check(codes.length === 10, `${lang}: ten recovery codes expected, got ${codes.length}`);
      await checkA11y(page, `recovery-${lang}`);
      await page.screenshot({ path: path.join(OUT, `recovery-${lang}.png`), fullPage: true });
      await page.click('button[type=submit]');
      await acceptConsent(page, redirects);
      await waitForRedirect(redirects);
      await context.close();

      // 2. The next sign-in asks for the code; the enrollment's step is used, so wait for the next.
      ({ context, page, redirects } = await fresh(browser));
      await signIn(page, authorize('mfa-all', 'any-app', lang), user, `${user}-password`);
      check((await page.locator('input[autocomplete=one-time-code]').count()) === 1, `${lang}: factor page expected`);
      check((await page.locator('#totp-secret').count()) === 0, `${lang}: not enrollment again`);
      await checkA11y(page, `totp-${lang}`);
      await page.screenshot({ path: path.join(OUT, `totp-${lang}.png`), fullPage: true });
      if (lang === 'en') {
        // A wrong code shows the form again with an alert.
        await page.fill('input[name=code]', '000000' === totp(secret, Date.now() / 1000) ? '111111' : '000000');
        await Promise.all([page.waitForLoadState(), page.click('button[type=submit]')]);
        check((await page.locator('[role=alert]').count()) === 1, 'wrong code: alert expected');
        await checkA11y(page, `totp-wrong-${lang}`);
        await page.screenshot({ path: path.join(OUT, `totp-wrong-${lang}.png`), fullPage: true });
        const wait = 30 - ((Date.now() / 1000) % 30) + 1;
        await new Promise((r) => setTimeout(r, wait * 1000));
        await page.fill('input[name=code]', totp(secret, Date.now() / 1000));
        await Promise.all([page.waitForLoadState(), page.click('button[type=submit]')]);
        await waitForRedirect(redirects);
        console.log('ok   signed in with a TOTP code computed from the page');
      }
      await context.close();
      console.log(`ok   ${lang}: enrollment, recovery codes, second factor`);
    }
  } finally {
    await browser.close();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`FAIL ${e.stack || e}`);
    process.exit(1);
  },
);
