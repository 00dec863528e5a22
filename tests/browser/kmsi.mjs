#!/usr/bin/env node
// Issue 21 in a real browser: the "Stay signed in?" page (Entra's KMSI) in the six languages,
// Debian's Chromium driven by playwright-core. For each language: sign in, check the page (its
// language and direction, no serious or critical axe-core violation), take a full-page
// screenshot, answer Yes (en: then check the session cookie is persistent) or No, and follow the
// interaction to the code at the client's redirect URI.
//
//   node kmsi.mjs --base http://127.0.0.1:PORT --out DIR
//
// The server must have crates/sigil-testkit/fixtures/policies.toml imported
// (crates/sigil/tests/integration/browser_kmsi.rs starts one and runs this).
import { chromium } from 'playwright-core';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkA11y } from './axe.mjs';

const opts = parseArgs({ options: { base: { type: 'string' }, out: { type: 'string' } } }).values;
if (!opts.base || !opts.out) {
  console.error('usage: node kmsi.mjs --base http://127.0.0.1:PORT --out DIR');
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

function authorize(lang) {
  const verifier = randomBytes(32).toString('base64url');
  const q = new URLSearchParams({
    client_id: 'kmsi-app',
    response_type: 'code',
    redirect_uri: REDIRECT,
    scope: 'openid profile',
    state: 'st',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    ui_locales: lang,
  });
  return `${BASE}/pol-kmsi/oauth2/v2.0/authorize?${q}`;
}

async function main() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    for (const [i, lang] of LANGS.entries()) {
      // Narrow (a phone) for half of the languages, wide for the others: the page is responsive.
      const viewport = i % 2 === 0 ? { width: 390, height: 780 } : { width: 1200, height: 800 };
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      const redirects = [];
      page.on('request', (r) => {
        if (r.url().startsWith(REDIRECT)) redirects.push(r.url());
      });
      await page.goto(authorize(lang));
      await page.fill('input[name=username]', 'jane');
      await page.fill('input[name=password]', 'jane-password-0123');
      await Promise.all([page.waitForLoadState(), page.click('button[type=submit]')]);
      check((await page.locator('button[name=stay]').count()) === 2, `${lang}: the stay signed in page expected, got ${page.url()}`);
      const { dir, htmlLang } = await page.evaluate(() => ({ dir: document.documentElement.dir, htmlLang: document.documentElement.lang }));
      check((lang === 'ar') === (dir === 'rtl'), `${lang}: dir=${dir}`);
      check(htmlLang.toLowerCase() === lang.toLowerCase(), `${lang}: lang=${htmlLang}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      check(!overflow, `${lang}: the page is wider than the ${viewport.width}px viewport`);
      await checkA11y(page, `stay signed in (${lang})`);
      await page.screenshot({ path: path.join(OUT, `kmsi-${lang}.png`), fullPage: true });
      const yes = lang === 'en' || lang === 'ar';
      await Promise.all([page.waitForLoadState(), page.click(`button[name=stay][value=${yes ? 'yes' : 'no'}]`)]);
      if ((await page.locator('button[name=decision][value=accept]').count()) === 1) {
        await checkA11y(page, `consent after stay signed in (${lang})`);
        await page.click('button[name=decision][value=accept]');
      }
      for (let n = 0; n < 100 && redirects.length === 0; n++) await new Promise((r) => setTimeout(r, 100));
      check(redirects.length > 0 && new URL(redirects[0]).searchParams.get('code'), `${lang}: no code at the client`);
      const session = (await context.cookies()).find((c) => c.name.startsWith('sigil_session_'));
      check(session, `${lang}: no session cookie`);
      // Playwright reports -1 for a browser-session cookie.
      const persistent = session.expires > 0;
      check(persistent === yes, `${lang}: answered ${yes ? 'yes' : 'no'}, cookie expires ${session.expires}`);
      if (yes) {
        const days = (session.expires - Date.now() / 1000) / 86400;
        check(days > 29.9 && days <= 30.01, `${lang}: persistent for 30 days, got ${days}`);
      }
      await context.close();
      console.log(`ok   ${lang}: stay signed in (${yes ? 'yes: persistent cookie' : 'no: browser-session cookie'})`);
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
