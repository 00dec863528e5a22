#!/usr/bin/env node
// Issue 21 in a real browser: passkeys with Debian's Chromium (playwright-core) and the DevTools
// Protocol's WebAuthn domain as the authenticator (a virtual CTAP2 platform authenticator with
// resident keys and user verification). For each of the six languages: sign in with a password,
// add a passkey on the account page and rename it, sign in passwordless with it, sign in with a
// password and the passkey as the second factor, remove it. Every page passes axe-core.
//
//   node passkeys.mjs --base http://localhost:PORT --out DIR
//
// The server's public URL must be a domain (a relying-party id is never an IP address) and have
// crates/sigil-testkit/fixtures/passkeys.toml imported (crates/sigil/tests/integration/
// browser_passkeys.rs starts one and runs this). DIR receives screenshots of the sign-in page with
// its passkey button, the passkey step and the account page, in the six languages.
import { chromium } from 'playwright-core';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkA11y } from './axe.mjs';

const opts = parseArgs({ options: { base: { type: 'string' }, out: { type: 'string' } } }).values;
if (!opts.base || !opts.out) {
  console.error('usage: node passkeys.mjs --base http://localhost:PORT --out DIR');
  process.exit(2);
}
const BASE = opts.base.replace(/\/+$/, '');
const OUT = path.resolve(opts.out);
mkdirSync(OUT, { recursive: true });
const CHROMIUM = process.env.SIGIL_TEST_CHROMIUM || '/usr/bin/chromium';
const REDIRECT = 'http://127.0.0.1/callback';
const LANGS = ['en', 'ro', 'ru', 'sl', 'zh-CN', 'ar'];
const TENANT = 'pk-corp';

function check(cond, msg) {
  if (!cond) throw new Error(msg);
}

function authorize(client, lang) {
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
  return `${BASE}/${TENANT}/oauth2/v2.0/authorize?${q}`;
}

/** Waits until the browser was sent to the client with a code; returns how many redirects so far. */
async function waitForRedirect(page, redirects, before, what) {
  for (let i = 0; i < 100 && redirects.length === before; i++) {
    if ((await page.locator('button[name=decision][value=accept]').count()) === 1) {
      await page.click('button[name=decision][value=accept]');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  check(redirects.length > before, `${what}: no redirect to the client (at ${page.url()})`);
  const u = new URL(redirects[redirects.length - 1]);
  check(u.searchParams.get('code'), `${what}: redirect without a code: ${u}`);
  // Let the browser finish leaving Sigil's page before the next navigation.
  for (let i = 0; i < 50 && page.url().startsWith(BASE); i++) await new Promise((r) => setTimeout(r, 100));
  await page.waitForLoadState().catch(() => {});
  return redirects.length;
}

async function shot(page, name, lang) {
  const dir = await page.evaluate(() => document.documentElement.dir);
  check((lang === 'ar') === (dir === 'rtl'), `${name} ${lang}: dir=${dir}`);
  await checkA11y(page, `${name} (${lang})`);
  await page.screenshot({ path: path.join(OUT, `${name}-${lang}.png`), fullPage: true });
}

async function main() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    for (const lang of LANGS) {
      const user = `pk-${lang.toLowerCase()}`;
      const context = await browser.newContext({ viewport: { width: 480, height: 800 }, locale: lang });
      // Nothing listens at the client's redirect URI: answer it here so that the next navigation
      // is not interrupted by an error page.
      await context.route(`${REDIRECT}**`, (r) => r.fulfill({ status: 200, contentType: 'text/plain', body: 'client' }));
      const page = await context.newPage();
      const redirects = [];
      page.on('request', (r) => {
        if (r.url().startsWith(REDIRECT)) redirects.push(r.url());
      });
      // The authenticator: W3C WebAuthn §11.3 virtual authenticators, over the DevTools Protocol.
      const cdp = await context.newCDPSession(page);
      await cdp.send('WebAuthn.enable');
      const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
        options: {
          protocol: 'ctap2',
          transport: 'internal',
          hasResidentKey: true,
          hasUserVerification: true,
          isUserVerified: true,
          automaticPresenceSimulation: true,
        },
      });

      // The authenticator answers only when the test clicks: otherwise the sign-in page's autofill
      // request (conditional mediation) would complete by itself.
      const presence = (enabled) => cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled });
      await presence(false);

      // 1. A password sign-in gives the session the account page needs.
      await page.goto(authorize('pk-app', lang));
      await page.fill('input[name=username]', user);
      await page.fill('input[name=password]', `${user}-password`);
      await Promise.all([page.waitForLoadState(), page.click('form[action$="/login"] button[type=submit]')]);
      let seen = await waitForRedirect(page, redirects, 0, `${lang} password`);

      // 2. Add a passkey, then rename it.
      await page.goto(`${BASE}/${TENANT}/account/passkeys`);
      check((await page.locator('#passkey-none').count()) === 1, `${lang}: no passkeys yet`);
      await page.fill('#new-name', 'Laptop');
      await presence(true);
      await Promise.all([page.waitForNavigation(), page.click('#passkey-button')]);
      await presence(false);
      check((await page.locator('#passkeys-notice').count()) === 1, `${lang}: added (${await page.content()})`);
      const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
      check(credentials.length === 1 && credentials[0].isResidentCredential, `${lang}: one discoverable credential`);
      await page.fill('#name-1', `Work laptop ${lang}`);
      await Promise.all([page.waitForNavigation(), page.click('#passkey-list button[value=rename]')]);
      check((await page.inputValue('#name-1')) === `Work laptop ${lang}`, `${lang}: renamed`);
      await shot(page, 'passkey-account', lang);

      // 3. Passwordless: a new session, the sign-in page's passkey button, no password typed.
      await context.clearCookies();
      await page.goto(authorize('pk-app', lang));
      check((await page.locator('#username').count()) === 1, `${lang}: sign-in page expected at ${page.url()}: ${await page.content()}`);
      check((await page.getAttribute('#username', 'autocomplete')) === 'username webauthn', `${lang}: autofill`);
      await shot(page, 'passkey-signin', lang);
      await presence(true);
      await page.click('#passkey-button');
      seen = await waitForRedirect(page, redirects, seen, `${lang} passwordless`);
      await presence(false);

      // 4. The passkey as the second factor after a password (pk-mfa requires one).
      await context.clearCookies();
      await page.goto(authorize('pk-mfa', lang));
      await page.fill('input[name=username]', user);
      await page.fill('input[name=password]', `${user}-password`);
      await Promise.all([page.waitForLoadState(), page.click('form[action$="/login"] button[type=submit]')]);
      check((await page.locator('form[data-passkey-mode=factor]').count()) === 1, `${lang}: passkey step expected`);
      await shot(page, 'passkey-factor', lang);
      await presence(true);
      await page.click('#passkey-button');
      seen = await waitForRedirect(page, redirects, seen, `${lang} second factor`);

      // 5. Remove it: the page says there is none.
      await page.goto(`${BASE}/${TENANT}/account/passkeys`);
      await Promise.all([page.waitForNavigation(), page.click('#passkey-list button[value=remove]')]);
      check((await page.locator('#passkey-none').count()) === 1, `${lang}: removed`);
      await context.close();
      console.log(`ok   ${lang}: passkey added, renamed, passwordless, second factor, removed`);
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
