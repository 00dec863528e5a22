#!/usr/bin/env node
// Issue 21, item 6 in a real browser: the self-service account page, Debian's Chromium driven by
// playwright-core. In each of the six languages a user signs in to an application (consent), opens
// the account page (signed in through the interaction engine and back), and every page passes
// axe-core; in English each action is done through the page: a refused and an accepted password
// change, an authenticator app set up (the code computed from the page, RFC 6238) and removed,
// other sessions signed out, consent withdrawn.
//
//   node account.mjs --base http://127.0.0.1:PORT --out DIR
//
// The server must have crates/sigil-testkit/fixtures/account.toml imported
// (crates/sigil/tests/integration/browser_account.rs starts one and runs this). DIR receives
// full-page screenshots account-<lang>.png.
import { chromium } from 'playwright-core';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { base32, totp } from './otp.mjs';
import { checkA11y } from './axe.mjs';

const opts = parseArgs({ options: { base: { type: 'string' }, out: { type: 'string' } } }).values;
if (!opts.base || !opts.out) {
  console.error('usage: node account.mjs --base http://127.0.0.1:PORT --out DIR');
  process.exit(2);
}
const BASE = opts.base.replace(/\/+$/, '');
const OUT = path.resolve(opts.out);
mkdirSync(OUT, { recursive: true });
const CHROMIUM = process.env.SIGIL_TEST_CHROMIUM || '/usr/bin/chromium';
const REDIRECT = 'http://127.0.0.1/callback';
const LANGS = ['en', 'ro', 'ru', 'sl', 'zh-CN', 'ar'];
const ACCOUNT = `${BASE}/acct-corp/account`;

function check(cond, msg) {
  if (!cond) throw new Error(msg);
}

function authorize(client) {
  const verifier = randomBytes(32).toString('base64url');
  const q = new URLSearchParams({
    client_id: client,
    response_type: 'code',
    redirect_uri: REDIRECT,
    scope: 'openid offline_access',
    state: 'st',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  });
  return `${BASE}/acct-corp/oauth2/v2.0/authorize?${q}`;
}

/** A browser context in `lang` (its Accept-Language); requests to the client's redirect URI are recorded. */
async function fresh(browser, lang, width = 480) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: lang });
  const page = await context.newPage();
  const redirects = [];
  page.on('request', (r) => {
    if (r.url().startsWith(REDIRECT)) redirects.push(r.url());
  });
  return { context, page, redirects };
}

async function submit(page, selector) {
  await Promise.all([page.waitForLoadState(), page.click(selector)]);
  await page.waitForLoadState();
}

async function signIn(page, user, password = `${user}-password`) {
  await page.fill('input[name=username]', user);
  await page.fill('input[name=password]', password);
  await submit(page, 'button[type=submit]');
}

/** Signs in to the application and consents: a consent and a sign-in for the account page to show. */
async function useApplication(page, redirects, user) {
  await page.goto(authorize('acct-app'));
  await signIn(page, user);
  for (let i = 0; i < 50 && redirects.length === 0; i++) {
    if ((await page.locator('button[name=decision][value=accept]').count()) === 1) {
      await page.click('button[name=decision][value=accept]');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  check(redirects.length > 0, 'no redirect to the application');
  // Nothing listens at the redirect URI: let that navigation fail before the next one starts.
  for (let i = 0; i < 50 && !page.url().startsWith('chrome-error:'); i++) await new Promise((r) => setTimeout(r, 100));
}

async function notice(page, label) {
  check((await page.locator('#account-notice').count()) === 1, `${label}: notice expected at ${page.url()}`);
  await checkA11y(page, label);
}

async function actions(browser, page, user) {
  // A wrong current password: the page again with the alert and its code.
  await page.fill('#current_password', 'not-the-password');
  await page.fill('#new_password', `${user}-password-2`);
  await page.fill('#confirm_password', `${user}-password-2`);
  await submit(page, '#change-password');
  check((await page.locator('#account-error').count()) === 1, 'wrong password: alert expected');
  check((await page.locator('#account-error a').getAttribute('href')).includes('/error?code=88000630'), 'code link');
  await checkA11y(page, 'account: wrong current password');
  await page.screenshot({ path: path.join(OUT, 'account-error-en.png'), fullPage: true });

  // A second browser signed in as the same user, signed out from here with the other sessions
  // option of the password change.
  const other = await fresh(browser, 'en');
  await other.page.goto(ACCOUNT);
  await signIn(other.page, user);
  check((await other.page.locator('#change-password').count()) === 1, 'second session on the account page');
  await page.goto(ACCOUNT);
  check((await page.locator('#sessions-list > li').count()) >= 2, 'the other sessions listed');
  await page.fill('#current_password', `${user}-password`);
  await page.fill('#new_password', `${user}-password-2`);
  await page.fill('#confirm_password', `${user}-password-2`);
  await page.check('input[name=sessions][value=end]');
  await submit(page, '#change-password');
  await notice(page, 'account: password changed');
  check((await page.locator('#sessions-list > li').count()) === 1, 'the other session ended');
  await other.page.goto(ACCOUNT);
  check((await other.page.locator('input[name=password]').count()) === 1, 'the other browser must sign in again');
  await other.context.close();
  console.log('ok   password changed, the other session signed out');

  // An authenticator app through the enrollment pages, back to the account page.
  await submit(page, '#setup-totp');
  check((await page.locator('#totp-secret').count()) === 1, `enrollment page expected at ${page.url()}`);
  await checkA11y(page, 'account: authenticator app set-up');
  const secret = base32(await page.locator('#totp-secret').textContent());
  await page.fill('input[name=code]', totp(secret, Date.now() / 1000));
  await submit(page, 'button[type=submit]');
  check((await page.locator('#recovery-codes code').count()) === 10, 'recovery codes expected');
  await checkA11y(page, 'account: recovery codes');
  await submit(page, 'button[type=submit]');
  check(page.url().startsWith(`${BASE}/`) && page.url().includes('/account'), `back to the account page: ${page.url()}`);
  check((await page.locator('#totp-facts').count()) === 1, 'the app is listed');
  await checkA11y(page, 'account: with an authenticator app');
  // Removed: this session just verified a code, so it is fresh.
  await submit(page, '#remove-totp');
  await notice(page, 'account: authenticator app removed');
  check((await page.locator('#setup-totp').count()) === 1, 'set-up offered again');
  console.log('ok   authenticator app set up and removed');

  // Another session, signed out from the sessions list.
  const third = await fresh(browser, 'en');
  await third.page.goto(ACCOUNT);
  await signIn(third.page, user, `${user}-password-2`);
  await page.goto(ACCOUNT);
  await submit(page, '#sessions-list > li form button');
  await notice(page, 'account: session signed out');
  await third.page.goto(ACCOUNT);
  check((await third.page.locator('input[name=password]').count()) === 1, 'that browser is signed out');
  await third.context.close();
  console.log('ok   other session signed out');

  // Consent withdrawn: the application asks again.
  await submit(page, '#apps-list > li form button');
  await notice(page, 'account: consent withdrawn');
  check((await page.locator('#apps-none').count()) === 1, 'no application left');
  await page.goto(authorize('acct-app'));
  check((await page.locator('button[name=decision][value=accept]').count()) === 1, 'consent asked again');
  console.log('ok   consent withdrawn');
}

async function main() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    for (const lang of LANGS) {
      const user = `acct-${lang.toLowerCase()}`;
      const { context, page, redirects } = await fresh(browser, lang, lang === 'en' ? 1024 : 480);
      await useApplication(page, redirects, user);
      // The session is the browser's: the account page opens directly.
      await page.goto(`${ACCOUNT}?ui_locales=${lang}`);
      check((await page.locator('#change-password').count()) === 1, `${lang}: account page expected at ${page.url()}`);
      const dir = await page.evaluate(() => document.documentElement.dir);
      check((lang === 'ar') === (dir === 'rtl'), `${lang}: dir=${dir}`);
      check((await page.locator('#signins-table tbody tr').count()) >= 1, `${lang}: recent sign-ins listed`);
      check((await page.locator('#apps-list > li').count()) === 1, `${lang}: the consent listed`);
      await checkA11y(page, `account ${lang}`);
      await page.screenshot({ path: path.join(OUT, `account-${lang}.png`), fullPage: true });
      if (lang === 'en') {
        // Signed out, the page signs in first and comes back.
        const fresh2 = await fresh(browser, 'en');
        await fresh2.page.goto(ACCOUNT);
        check((await fresh2.page.locator('input[name=password]').count()) === 1, 'sign-in first');
        await checkA11y(fresh2.page, 'account: sign-in');
        await signIn(fresh2.page, user);
        check((await fresh2.page.locator('#change-password').count()) === 1, `back on the account page: ${fresh2.page.url()}`);
        await fresh2.context.close();
        await actions(browser, page, user);
      }
      await context.close();
      console.log(`ok   ${lang}: account page`);
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
