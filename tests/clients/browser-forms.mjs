// A minimal browser for the client-library tests (oauth4webapi, openid-client): follows Sigil's
// sign-in and consent forms, keeping cookies, until the redirect to the client, and returns
// that redirect's URL.
import assert from 'node:assert/strict'

export async function signIn(base, url, username, password) {
  const cookies = new Map()
  const send = async (u, body) => {
    const r = await fetch(new URL(u, base), {
      method: body ? 'POST' : 'GET', redirect: 'manual', body,
      headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    })
    for (const c of r.headers.getSetCookie()) {
      const [kv] = c.split(';'); const i = kv.indexOf('=')
      cookies.set(kv.slice(0, i), kv.slice(i + 1))
    }
    return { status: r.status, location: r.headers.get('location'), body: await r.text() }
  }
  const unescape = (s) => s.replace(/&#x2f;/g, '/').replace(/&#x27;/g, "'").replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
  const submit = (page, extra) => {
    const action = unescape(/<form method="post" action="([^"]*)"/.exec(page.body)[1])
    const form = new URLSearchParams()
    for (const m of page.body.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)"/g)) form.append(unescape(m[1]), unescape(m[2]))
    for (const [k, v] of Object.entries(extra)) form.append(k, v)
    return send(action, form.toString())
  }
  let page = await send(url)
  if (page.body.includes('name="password"')) page = await submit(page, { username, password })
  if (page.body.includes('name="decision"')) page = await submit(page, { decision: 'accept' })
  assert.ok(page.location, `no redirect at the end of the sign-in (status ${page.status}): ${page.body.slice(0, 500)}`)
  return page.location
}
