#!/usr/bin/env node
// CORS for single-page applications in a real browser (Debian's Chromium, playwright-core):
//
//   node spa.mjs --base http://127.0.0.1:PORT --tenant T --spa-port P --stranger-port Q
//
// Serves a blank page on http://127.0.0.1:P (an origin a `type = "spa"` client of tenant T
// registered) and on http://127.0.0.1:Q (registered by nobody), and from each lets the page
// itself fetch Sigil's JWKS, discovery and token endpoints, the token request with a
// `client-request-id` header as MSAL.js sends (so the browser sends a preflight first).
// From P every answer must be readable (the token endpoint's refusal included: its body); from Q the
// browser must refuse each one (TypeError). Prints the results as JSON; exit code 0 when they hold.
import { chromium } from 'playwright-core';
import http from 'node:http';
import { parseArgs } from 'node:util';

const opts = parseArgs({
  options: {
    base: { type: 'string' },
    tenant: { type: 'string' },
    'spa-port': { type: 'string' },
    'stranger-port': { type: 'string' },
  },
}).values;
// Never outlive the Rust test that runs this.
setTimeout(() => {
  console.error('spa.mjs: no result within 90 s');
  process.exit(2);
}, 90_000).unref();
const BASE = opts.base.replace(/\/+$/, '');
const CHROMIUM = process.env.SIGIL_TEST_CHROMIUM || '/usr/bin/chromium';

function serve(port) {
  const server = http.createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>spa</title>');
  });
  return new Promise((ok) => server.listen(Number(port), '127.0.0.1', () => ok(server)));
}

// Runs in the page: each fetch's outcome, or the error the browser raised.
async function calls({ base, tenant }) {
  const out = {};
  const attempt = async (name, f) => {
    try {
      const r = await f();
      out[name] = { status: r.status, body: await r.json() };
    } catch (e) {
      out[name] = { error: e.name };
    }
  };
  await attempt('jwks', () => fetch(`${base}/${tenant}/discovery/v2.0/keys`));
  await attempt('discovery', () => fetch(`${base}/${tenant}/v2.0/.well-known/openid-configuration`));
  await attempt('token', () =>
    fetch(`${base}/${tenant}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'client-request-id': crypto.randomUUID() },
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: 'spa-app', code: 'nope' }),
    }),
  );
  return out;
}

const servers = [await serve(opts['spa-port']), await serve(opts['stranger-port'])];
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const results = {};
try {
  for (const [who, port] of [['spa', opts['spa-port']], ['stranger', opts['stranger-port']]]) {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    results[who] = await page.evaluate(calls, { base: BASE, tenant: opts.tenant });
    await page.close();
  }
} finally {
  await browser.close();
  servers.forEach((s) => s.close());
}
console.log(JSON.stringify(results));
const spa = results.spa;
const ok =
  spa.jwks?.status === 200 && Array.isArray(spa.jwks.body.keys) &&
  spa.discovery?.status === 200 && typeof spa.discovery.body.issuer === 'string' &&
  spa.token?.status === 400 && spa.token.body.error === 'invalid_request' && typeof spa.token.body.trace_id === 'string' &&
  Object.values(results.stranger).every((r) => r.error === 'TypeError');
process.exit(ok ? 0 : 1);
