"""Microsoft's MSAL Python (pinned in ../requirements.txt) against a running Sigil server, unchanged
apart from configuration.

    python app.py --authority https://127.0.0.1:PORT/contoso --ca /path/to/cert.pem

Every step asserts; exit 0 only when all pass. Every HTTP request MSAL makes goes through a
requests.Session that records it and refuses any host other than the authority's (so nothing can
reach Microsoft, Azure IMDS or anything else unnoticed).

----------------------------------------------------------------------------------------------------
MSAL PYTHON CONFIGURATION FOR SIGIL (verified here with msal 1.39.0)

    import msal, requests

    http = requests.Session()
    http.verify = "/etc/ssl/sigil-ca.pem"  # only if Sigil's certificate is not publicly trusted
    http.trust_env = False                 # optional: ignore HTTP(S)_PROXY / REQUESTS_CA_BUNDLE

    app = msal.ConfidentialClientApplication(      # or PublicClientApplication(client_id, ...)
        "web-portal",
        client_credential="<client secret>",
        authority="https://sigil.example.com/contoso", # https://<Sigil host>/<tenant name or id>
        instance_discovery=False,                      # REQUIRED, see 1
        azure_region=False,                            # recommended for confidential clients, see 2
        http_client=http,                              # see 3
    )

1. instance_discovery=False. With the default, MSAL "validates" any authority it does not know by
   calling https://login.microsoftonline.com/common/discovery/instance?authorization_endpoint=
   https://<host>/<tenant>/oauth2/v2.0/authorize (when the application is constructed), and
   again from get_accounts() / acquire_token_silent() (authority aliases). Microsoft does not know a
   Sigil host, so that fails, and it sends Microsoft your host name.
   validate_authority=False works too: construction then skips instance discovery, and so does the
   alias lookup. Pointing instance_discovery at Sigil's own endpoint
   (instance_discovery="https://<host>/common/discovery/instance") is NOT enough: construction then
   uses Sigil, but get_accounts() and acquire_token_silent() still call login.microsoftonline.com.
2. azure_region=False (ConfidentialClientApplication). With the default (None), an MSAL_FORCE_REGION
   environment variable (set on some Azure hosts) makes MSAL query Azure IMDS (169.254.169.254) and
   rewrite the authority to https://<region>.<Sigil host>/..., which does not exist. False opts out of
   regional endpoints entirely and ignores the variable.
3. http_client: MSAL's own verify=/proxies=/timeout= arguments work too when no http_client is given.
   Pass a requests.Session when you need to control TLS trust; MSAL uses it for every request.
4. The authority must be https: MSAL refuses http:// authorities. Sigil serves HTTPS itself
   ([server] tls_cert / tls_key) or behind a TLS-terminating proxy with public_url set.
5. Username/password (acquire_token_by_username_password): MSAL first calls
   GET https://<authority host>/common/userrealm/<username>?api-version=1.0 on port 443, dropping
   any port the authority names. Sigil answers it ("Managed"), so this works when Sigil is reachable
   on port 443 of that host; otherwise add a listener: [server] extra_listen = ["<address>:443"].
   The username may be the Sigil username ("alice") or the user's email address
   ("alice@contoso.example"), the UPN form Entra users type.
6. Scopes: MSAL adds openid, profile and offline_access to every user flow itself (passing them is an
   error); the client must be registered for the refresh_token grant for acquire_token_silent().
   For silent calls ask for the same explicit scopes the user consented to (api://reports/Reports.Read);
   api://reports/.default on a silent call means the scopes the grant holds on that API.
7. MSAL warns unless initiate_auth_code_flow(..., response_mode="form_post") is used; Sigil supports
   form_post (and query).
----------------------------------------------------------------------------------------------------
"""
import argparse
import base64
import hashlib
import json
import logging
import os
import re
import sys
import threading
import time
import uuid
import warnings
from html.parser import HTMLParser
from urllib.parse import parse_qs, parse_qsl, urljoin, urlparse

import msal
import requests

DAEMON = ("reporting-daemon", "daemon-secret-change-me-0123456789abcdef")
LEGACY = ("legacy-cli", "legacy-secret-change-me-0123456789abcdef")
PORTAL = ("web-portal", "portal-secret-change-me-0123456789abcdef")
PUBLIC_ROPC = "spa"  # a public client of the test fixtures allowed the password grant
PORTAL_REDIRECT = "http://127.0.0.1:5000/callback"
ALICE = ("alice", "correct horse battery staple")
READ = "api://reports/Reports.Read"
DEFAULT = "api://reports/.default"



class Failure(Exception):
    pass


def check(cond, what, detail=""):
    if not cond:
        raise Failure(f"{what}{': ' + str(detail) if detail != '' else ''}")
    print(f"  ok  {what}")


def step(title):
    print(f"\n== {title}")


def strip(result):
    """A result without secrets, for messages."""
    return {k: ("…" if k in ("access_token", "refresh_token", "id_token", "client_info") else v)
            for k, v in (result or {}).items()}


def jwt_claims(token):
    p = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(p + "=" * (-len(p) % 4)))


# --- HTTP: TLS trust, and a record of every request MSAL makes -----------------------------------

class OffHost(requests.exceptions.ConnectionError):
    """MSAL tried to reach a host other than Sigil's."""


class GuardedSession(requests.Session):
    def __init__(self, ca, allowed_host):
        super().__init__()
        self.trust_env = False
        self.verify = ca
        self.allowed = allowed_host
        self.log = []

    def request(self, method, url, **kw):
        entry = {"method": method, "url": url, "headers": dict(kw.get("headers") or {}),
                 "data": dict(kw.get("data") or {}), "params": dict(kw.get("params") or {}), "status": None}
        self.log.append(entry)
        if urlparse(url).hostname != self.allowed:
            entry["status"] = "blocked"
            raise OffHost(f"MSAL tried to reach {method} {url}")
        r = super().request(method, url, **kw)
        entry["status"] = r.status_code
        entry["body"] = r.text
        return r

    def token_posts(self):
        return [e for e in self.log if e["method"] == "POST" and e["url"].endswith("/oauth2/v2.0/token")]


# --- the sign-in form contract (a user with a browser, without a browser) ------------------------

class FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._form = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {"method": (a.get("method") or "get").lower(), "action": a.get("action") or "",
                          "inputs": {}, "buttons": []}
            self.forms.append(self._form)
        elif self._form is not None and tag == "input" and a.get("name"):
            self._form["inputs"][a["name"]] = a.get("value") or ""
        elif self._form is not None and tag == "button" and a.get("name"):
            self._form["buttons"].append((a["name"], a.get("value") or ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def post_forms(html):
    p = FormParser()
    p.feed(html)
    return [f for f in p.forms if f["method"] == "post"]


def browser_session(ca):
    b = requests.Session()
    b.trust_env = False
    b.verify = ca
    return b


def sign_in(browser, auth_uri, redirect_uri, username, password):
    """Follows authorize → sign-in form → consent form; returns the authorization response as a dict,
    from the redirect (query) or from the auto-submitting form_post page."""
    r = browser.get(auth_uri, allow_redirects=False)
    for _ in range(4):
        if r.status_code in (302, 303):
            loc = r.headers["Location"]
            if not loc.startswith(redirect_uri):
                raise Failure(f"redirect to an unexpected place: {loc}")
            return dict(parse_qsl(urlparse(loc).query))
        if r.status_code != 200:
            raise Failure(f"authorize flow: unexpected {r.status_code}: {r.text[:400]}")
        forms = post_forms(r.text)
        back = [f for f in forms if f["action"] == redirect_uri]
        if back:  # response_mode=form_post: the page posts the response to the client
            return dict(back[0]["inputs"])
        forms = [f for f in forms if "interaction" in f["inputs"]]
        if len(forms) != 1 or not forms[0]["inputs"].get("csrf_token"):
            raise Failure(f"expected one sign-in/consent form: {r.text[:400]}")
        f = forms[0]
        data = dict(f["inputs"])
        if "username" in data:
            data.update(username=username, password=password)
        elif ("decision", "accept") in f["buttons"]:
            data["decision"] = "accept"
        else:
            raise Failure(f"unknown form {f}")
        r = browser.post(urljoin(r.url, f["action"]), data=data, allow_redirects=False)
    raise Failure("the authorize flow did not come back to the client")


# --- the checks ---------------------------------------------------------------------------------

class Ctx:
    def __init__(self, authority, ca):
        self.authority = authority.rstrip("/")
        self.ca = ca
        self.host = urlparse(self.authority).hostname

    def http(self):
        return GuardedSession(self.ca, self.host)

    def settings(self, http):
        """Everything MSAL needs to work with Sigil; see the top of this file."""
        return dict(authority=self.authority, instance_discovery=False, http_client=http)

    def cca(self, client, http=None, **extra):
        http = http or self.http()
        kw = dict(self.settings(http), azure_region=False)
        kw.update(extra)
        return msal.ConfidentialClientApplication(client[0], client_credential=client[1], **kw), http


def settings_are_needed(c):
    step("which MSAL settings are needed (nothing may reach Microsoft)")
    http = c.http()
    try:
        msal.ConfidentialClientApplication(DAEMON[0], client_credential=DAEMON[1], authority=c.authority,
                                           http_client=http)
        raise Failure("MSAL with default settings made no instance discovery call")
    except OffHost:
        blocked = http.log[-1]["url"]
        check(blocked.startswith("https://login.microsoftonline.com/common/discovery/instance"),
              "default settings: MSAL calls Microsoft's instance discovery when constructed", blocked)

    http = c.http()
    app = msal.ConfidentialClientApplication(
        DAEMON[0], client_credential=DAEMON[1], authority=c.authority, http_client=http, azure_region=False,
        instance_discovery=f"https://{urlparse(c.authority).netloc}/common/discovery/instance")
    check(http.log[0]["url"].startswith(f"https://{urlparse(c.authority).netloc}/common/discovery/instance")
          and http.log[0]["status"] == 200,
          "instance_discovery=<Sigil URL>: construction uses Sigil's instance discovery endpoint")
    try:
        app.get_accounts()
        raise Failure("get_accounts() made no alias lookup")
    except OffHost as e:
        check("login.microsoftonline.com" in str(e),
              "…but get_accounts() still calls login.microsoftonline.com (so that is not enough)", e)

    http = c.http()
    app = msal.ConfidentialClientApplication(DAEMON[0], client_credential=DAEMON[1], authority=c.authority,
                                             http_client=http, validate_authority=False, azure_region=False)
    r = app.acquire_token_for_client([DEFAULT])
    app.get_accounts()
    check("access_token" in r and all(e["status"] != "blocked" for e in http.log),
          "validate_authority=False also keeps MSAL away from Microsoft", strip(r))

    old = os.environ.get("MSAL_FORCE_REGION")
    os.environ["MSAL_FORCE_REGION"] = "westus2"
    logging.getLogger("msal").setLevel(logging.ERROR)  # "Region configured ... != region detected"
    try:
        http = c.http()
        try:
            app = msal.ConfidentialClientApplication(DAEMON[0], client_credential=DAEMON[1],
                                                     **c.settings(http))
            app.acquire_token_for_client([DEFAULT])
        except OffHost:
            pass
        off = [e["url"] for e in http.log if e["status"] == "blocked"]
        check(off, "MSAL_FORCE_REGION without azure_region=False sends MSAL elsewhere", off)
        print(f"      (it tried: {', '.join(off)})")
        app, http = c.cca(DAEMON)
        r = app.acquire_token_for_client([DEFAULT])
        check("access_token" in r and all(e["status"] != "blocked" for e in http.log),
              "azure_region=False ignores MSAL_FORCE_REGION", strip(r))
    finally:
        if old is None:
            os.environ.pop("MSAL_FORCE_REGION", None)
        else:
            os.environ["MSAL_FORCE_REGION"] = old
        logging.getLogger("msal").setLevel(logging.NOTSET)


def client_credentials(c):
    step("client credentials (reporting-daemon) and MSAL's token cache")
    app, http = c.cca(DAEMON)
    r = app.acquire_token_for_client([DEFAULT])
    check("access_token" in r, "acquire_token_for_client", strip(r))
    check(r.get("token_source") == "identity_provider", "first call went to Sigil", r.get("token_source"))
    posts = http.token_posts()
    check(len(posts) == 1, "one token request", len(posts))
    p = posts[0]
    check(p["data"].get("client_secret") == DAEMON[1] and p["data"].get("client_id") == DAEMON[0]
          and "Authorization" not in p["headers"], "MSAL authenticated with client_secret_post")
    check(str(p["data"].get("client_info")) == "1", "MSAL sent client_info=1 (accepted by Sigil)")
    check(all(p["headers"].get(h) for h in ("client-request-id", "x-client-sku", "x-client-ver",
                                             "x-client-current-telemetry", "x-client-last-telemetry")),
          "MSAL sent client-request-id and its telemetry headers (accepted by Sigil)",
          sorted(p["headers"]))
    claims = jwt_claims(r["access_token"])
    check(claims.get("aud") == "api://reports" and claims.get("roles") == ["Reports.Read.All"],
          "access token: aud api://reports, roles", {k: claims.get(k) for k in ("aud", "roles")})
    check(r.get("expires_in", 0) > 300, "lifetime above MSAL's 5-minute margin (per-client override)",
          r.get("expires_in"))
    r2 = app.acquire_token_for_client([DEFAULT])
    check(r2.get("token_source") == "cache" and r2.get("access_token") == r["access_token"],
          "second call served from MSAL's cache", strip(r2))
    check(len(http.token_posts()) == 1, "no second token request")


def auth_code_and_silent(c):
    step("authorization code + PKCE (web-portal), accounts, silent refresh")
    app, http = c.cca(PORTAL)
    flow = app.initiate_auth_code_flow(scopes=[READ], redirect_uri=PORTAL_REDIRECT, response_mode="form_post")
    q = parse_qs(urlparse(flow["auth_uri"]).query)
    check(q.get("code_challenge_method") == ["S256"] and q.get("response_mode") == ["form_post"],
          "MSAL's authorization URL: PKCE S256, response_mode=form_post")
    browser = browser_session(c.ca)
    auth_response = sign_in(browser, flow["auth_uri"], PORTAL_REDIRECT, *ALICE)
    check("code" in auth_response and auth_response.get("state") == flow["state"],
          "sign-in + consent: form_post response with code and state", sorted(auth_response))
    r = app.acquire_token_by_auth_code_flow(flow, auth_response)
    check("access_token" in r and "error" not in r, "acquire_token_by_auth_code_flow", strip(r))
    idc = r.get("id_token_claims") or {}
    check(all(idc.get(k) for k in ("oid", "tid", "preferred_username", "nonce")),
          "id_token_claims has oid, tid, preferred_username, nonce", idc)
    check(idc["preferred_username"] == ALICE[0], "preferred_username is alice", idc["preferred_username"])
    groups = idc.get("groups") or []
    check(len(groups) == 1 and str(uuid.UUID(groups[0])) == groups[0] and idc.get("upn") == ALICE[0],
          "id_token_claims has the portal's groups (one group object id) and optional claim upn", idc)
    check(idc["nonce"] == hashlib.sha256(flow["nonce"].encode()).hexdigest(),
          "nonce is the one MSAL sent (MSAL sends the SHA-256 of its nonce and checks it)")
    ci = json.loads(base64.urlsafe_b64decode(r["client_info"] + "=" * (-len(r["client_info"]) % 4)))
    check(ci == {"uid": idc["oid"], "utid": idc["tid"]}, "client_info = {uid: oid, utid: tid}", ci)
    check(r.get("expires_in", 999) < 300, "short access-token lifetime (MSAL will treat it as expired)",
          r.get("expires_in"))

    accounts = app.get_accounts()
    check(len(accounts) == 1, "one account in get_accounts()", accounts)
    acc = accounts[0]
    check(acc["home_account_id"] == f"{idc['oid']}.{idc['tid']}" and acc["username"] == ALICE[0]
          and acc["local_account_id"] == idc["oid"] and acc["realm"] == idc["tid"]
          and acc["environment"] == c.host,
          "account: home_account_id oid.tid, username, realm, environment", acc)
    check(app.get_accounts(username=ALICE[0]) == [acc], "get_accounts(username='alice')")

    before = len(http.token_posts())
    s1 = app.acquire_token_silent([READ], account=acc)
    check(s1 and "access_token" in s1, "acquire_token_silent", strip(s1))
    check(s1.get("token_source") == "identity_provider", "expired (in MSAL's view) token was refreshed at Sigil",
          s1.get("token_source"))
    check(s1["access_token"] != r["access_token"], "a new access token came back")
    posts = http.token_posts()[before:]
    check(len(posts) == 1 and posts[0]["data"].get("grant_type") == "refresh_token"
          and posts[0]["data"].get("refresh_token") == r["refresh_token"],
          "one refresh_token request with the refresh token from the code redemption")
    check(s1.get("refresh_token") and s1["refresh_token"] != r["refresh_token"], "Sigil rotated the refresh token")
    rts = [t["secret"] for t in app.token_cache.search(msal.TokenCache.CredentialType.REFRESH_TOKEN)]
    check(rts == [s1["refresh_token"]], "MSAL's cache now holds only the rotated refresh token", len(rts))
    s2 = app.acquire_token_silent([READ], account=acc)
    check(s2 and s2.get("token_source") == "identity_provider" and s2["access_token"] != s1["access_token"],
          "a second silent refresh works with the rotated token", strip(s2))
    check(http.token_posts()[-1]["data"].get("refresh_token") == s1["refresh_token"],
          "…and MSAL presented the rotated token")
    claims = jwt_claims(s2["access_token"])
    check(claims.get("aud") == "api://reports" and claims.get("scp", claims.get("scope")) == "Reports.Read"
          and claims.get("oid") == idc["oid"], "refreshed access token: aud, delegated scope, same user",
          {k: claims.get(k) for k in ("aud", "scope", "scp", "oid")})

    step("consent missing: interaction-required signals")
    flow2 = app.initiate_auth_code_flow(scopes=[READ, "email"], redirect_uri=PORTAL_REDIRECT, prompt="none")
    resp = browser.get(flow2["auth_uri"], allow_redirects=False)
    check(resp.status_code in (302, 303), "prompt=none for a signed-in user answers with a redirect", resp.status_code)
    back = dict(parse_qsl(urlparse(resp.headers["Location"]).query))
    check(back.get("error") == "consent_required" and back.get("suberror") == "consent_required"
          and back.get("error_codes") == "65001",
          "redirect carries error=consent_required, suberror consent_required, error_codes 65001",
          {k: back.get(k) for k in ("error", "suberror", "error_codes")})
    e = app.acquire_token_by_auth_code_flow(flow2, back)
    check(e.get("error") == "consent_required" and "access_token" not in e,
          "acquire_token_by_auth_code_flow surfaces consent_required", e)

    wider = app.acquire_token_silent_with_error(["api://billing/Billing.Read"], account=acc)
    check(wider and "error" in wider and "access_token" not in wider,
          "silent request beyond the consented grant is refused", strip(wider))
    check(wider.get("error_codes") and wider.get("trace_id") and wider.get("correlation_id"),
          "…with error_codes, trace_id and correlation_id", strip(wider))
    check(wider.get("suberror") == "consent_required",
          "…and suberror consent_required, MSAL's interaction-required signal",
          {k: wider.get(k) for k in ("error", "error_codes", "suberror")})
    check(app.acquire_token_silent(["api://billing/Billing.Read"], account=acc) is None,
          "acquire_token_silent() returns None, the usual cue to go interactive")

    step(".default on a silent call after consenting to explicit scopes")
    d = app.acquire_token_silent_with_error([DEFAULT], account=acc)
    check(bool(d) and "access_token" in d,
          "acquire_token_silent(['api://reports/.default']) after consenting to Reports.Read "
          "(.default means what the grant holds, as on Entra)",
          {k: (d or {}).get(k) for k in ("error", "error_codes", "suberror")})


def username_password(c):
    step("username/password (ROPC): confidential legacy-cli and public spa")
    app, http = c.cca(LEGACY)
    r = app.acquire_token_by_username_password(ALICE[0], ALICE[1], scopes=[READ])
    check("access_token" in r and "error" not in r, "ConfidentialClientApplication.acquire_token_by_username_password",
          strip(r))
    realm = [e for e in http.log if "/common/userrealm/" in e["url"]]
    check(len(realm) == 1 and realm[0]["url"] == f"https://{c.host}/common/userrealm/{ALICE[0]}?api-version=1.0",
          "MSAL asked the user realm on port 443 of the authority host (port dropped)",
          [e["url"] for e in realm])
    check(realm[0]["status"] == 200 and json.loads(realm[0]["body"]).get("account_type") == "Managed",
          "Sigil's 443 listener answered: account_type Managed", realm[0].get("body"))
    post = http.token_posts()[-1]
    check(post["data"].get("grant_type") == "password" and post["data"].get("username") == ALICE[0],
          "then the password grant with the plain username")
    accounts = app.get_accounts(username=ALICE[0])
    check(len(accounts) == 1 and accounts[0]["account_source"] == "password", "account from the password grant",
          accounts)
    s = app.acquire_token_silent([READ], account=accounts[0])
    check(s and s.get("token_source") == "identity_provider" and s["access_token"] != r["access_token"],
          "silent refresh of a password-grant account", strip(s))

    upn = app.acquire_token_by_username_password("alice@contoso.example", ALICE[1], scopes=[READ])
    check("access_token" in upn, "UPN-form username alice@contoso.example (Entra's form) signs alice in",
          {k: upn.get(k) for k in ("error", "error_codes")})

    http = c.http()
    pca = msal.PublicClientApplication(PUBLIC_ROPC, **c.settings(http))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # MSAL deprecates ROPC for public clients
        r = pca.acquire_token_by_username_password(ALICE[0], ALICE[1], scopes=[READ])
    check("access_token" in r and "error" not in r, "PublicClientApplication.acquire_token_by_username_password",
          strip(r))
    check("client_secret" not in http.token_posts()[-1]["data"], "public client: no secret sent")


def complete_device_page(browser, uri, user_code):
    """The verification page (RFC 8628 §3.3) as a user completes it: the code, sign-in, consent."""
    r = browser.post(uri, data={"user_code": user_code}, allow_redirects=False)
    for _ in range(4):
        if r.status_code != 200:
            raise Failure(f"device page: unexpected {r.status_code}: {r.text[:400]}")
        if "You can close this window" in r.text:
            return
        forms = [f for f in post_forms(r.text) if "interaction" in f["inputs"]]
        if len(forms) != 1:
            raise Failure(f"expected one sign-in/consent form: {r.text[:400]}")
        data = dict(forms[0]["inputs"])
        if "username" in data:
            data.update(username=ALICE[0], password=ALICE[1])
        else:
            data["decision"] = "accept"
        r = browser.post(urljoin(r.url, forms[0]["action"]), data=data, allow_redirects=False)
    raise Failure("the device page did not finish")


def device_code(c):
    step("device code flow (RFC 8628): the page completed while MSAL polls")
    http = c.http()
    pca = msal.PublicClientApplication("desktop-app", **c.settings(http))
    flow = pca.initiate_device_flow(scopes=["email"])
    check(re.fullmatch(r"[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}", flow.get("user_code", "")),
          "initiate_device_flow: a user code XXXX-XXXX", {k: flow.get(k) for k in ("user_code", "error", "error_codes")})
    check(flow["user_code"] in flow.get("message", ""), "the message names the code", flow.get("message"))
    failed = []

    def complete():
        try:
            time.sleep(1)  # MSAL's first poll sees the code pending
            complete_device_page(browser_session(c.ca), flow["verification_uri"], flow["user_code"])
        except Exception as e:  # reported after MSAL returns
            failed.append(e)

    t = threading.Thread(target=complete)
    t.start()
    r = pca.acquire_token_by_device_flow(flow)
    t.join()
    if failed:
        raise failed[0]
    check("access_token" in r and "error" not in r, "acquire_token_by_device_flow", strip(r))
    check(r.get("id_token_claims", {}).get("preferred_username") == ALICE[0], "signed in as alice",
          r.get("id_token_claims"))
    polls = http.token_posts()
    print(f"     polls: {[(p['data'].get('grant_type'), p['status']) for p in polls]}")
    check(len(polls) >= 2 and polls[-1]["status"] == 200, "pending first, then the tokens", len(polls))


def errors(c):
    step("error paths")
    app, http = c.cca((DAEMON[0], "wrong-secret-0123456789abcdef0123456789"))
    r = app.acquire_token_for_client([DEFAULT])
    check(r.get("error") == "invalid_client", "wrong client secret: error invalid_client", strip(r))
    check(r.get("error_codes") == [7000215], "error_codes [7000215]", r.get("error_codes"))
    sent = http.token_posts()[-1]["headers"]["client-request-id"]
    check(uuid.UUID(r.get("trace_id", "")) and r.get("correlation_id") == sent,
          "trace_id present; correlation_id echoes MSAL's client-request-id",
          (r.get("trace_id"), r.get("correlation_id"), sent))
    check(r["trace_id"] in r.get("error_description", ""), "error_description names the trace ID")

    http = c.http()
    bad = c.authority.rsplit("/", 1)[0] + "/no-such-tenant"
    try:
        msal.ConfidentialClientApplication(DAEMON[0], client_credential=DAEMON[1], azure_region=False,
                                           **dict(c.settings(http), authority=bad))
        raise Failure("an unknown tenant was accepted")
    except ValueError as e:
        chain = f"{e} | {e.__context__}"
        check("no-such-tenant" in str(e) and "90002" in chain,
              "unknown tenant: MSAL raises ValueError naming the authority; the cause carries SIGIL90002",
              chain[:300])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--authority", required=True, help="https://127.0.0.1:PORT/contoso")
    ap.add_argument("--ca", default="", help="PEM file to trust (empty: system trust)")
    args = ap.parse_args()
    c = Ctx(args.authority, args.ca or True)
    print(f"msal {msal.__version__}, requests {requests.__version__}, authority {c.authority}")
    warnings.filterwarnings("ignore", message="response_mode='form_post' is recommended")  # the prompt=none probe
    settings_are_needed(c)
    client_credentials(c)
    auth_code_and_silent(c)
    username_password(c)
    device_code(c)
    errors(c)
    print("\nALL MSAL PYTHON CHECKS PASSED")


if __name__ == "__main__":
    try:
        main()
    except Failure as e:
        print(f"\nFAILED: {e}", file=sys.stderr)
        sys.exit(1)
