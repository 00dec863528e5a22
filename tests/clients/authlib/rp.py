"""Authlib (pinned in ../requirements.txt) as a real client of a running Sigil server.

    python rp.py --base http://127.0.0.1:PORT --ca ''          # plain HTTP
    python rp.py --base https://127.0.0.1:PORT --ca cert.pem   # HTTPS with a private CA / dev cert

Flows, every step asserted (exit 0 only when all pass):
  1. discovery (OIDC Discovery 1.0 and RFC 8414 metadata, checked by authlib's own validators);
  2. client credentials with client_secret_basic and client_secret_post; the access token's signature
     verified by authlib.jose against the tenant JWKS, iss/aud/exp checked; a wrong secret refused;
  3. password grant (legacy-cli) then refresh_token grant with rotation;
  4. authorization code + PKCE S256 as an OpenID Connect relying party (web-portal): the sign-in and
     consent forms driven with requests, the ID token validated with authlib (signature, iss, aud,
     nonce, at_hash), userinfo, refresh, single sign-on on a second authorization, a wrong
     code_verifier refused.
"""
import argparse
import base64
import hashlib
import sys
import warnings
from html.parser import HTMLParser
from urllib.parse import parse_qs, urljoin, urlparse

import requests  # noqa: E402
from authlib.deprecate import AuthlibDeprecationWarning  # noqa: E402

# authlib.jose is deprecated in favour of joserfc (warned at import); it is the API under test here.
warnings.simplefilter("ignore", AuthlibDeprecationWarning)
from authlib.common.security import generate_token  # noqa: E402
from authlib.integrations.base_client import OAuthError  # noqa: E402
from authlib.integrations.requests_client import OAuth2Session  # noqa: E402
from authlib.jose import JsonWebKey, jwt  # noqa: E402
from authlib.jose.errors import BadSignatureError  # noqa: E402
from authlib.oauth2.rfc8414 import AuthorizationServerMetadata, get_well_known_url  # noqa: E402
from authlib.oidc.core import CodeIDToken, IDToken  # noqa: E402
from authlib.oidc.discovery import OpenIDProviderMetadata  # noqa: E402
from joserfc.errors import ClaimError  # noqa: E402  (authlib's OIDC claim classes raise joserfc errors)

TENANT = "contoso"
DAEMON = ("reporting-daemon", "daemon-secret-change-me-0123456789abcdef")
LEGACY = ("legacy-cli", "legacy-secret-change-me-0123456789abcdef")
PORTAL = ("web-portal", "portal-secret-change-me-0123456789abcdef")
PORTAL_REDIRECT = "http://127.0.0.1:5000/callback"
ALICE = ("alice", "correct horse battery staple")
API = "api://reports"


class Failure(Exception):
    pass


def check(cond, what, detail=""):
    if not cond:
        raise Failure(f"{what}{': ' + str(detail) if detail != '' else ''}")
    print(f"  ok  {what}")


def step(title):
    print(f"\n== {title}")


# --- the sign-in form contract ---------------------------------------------------------------------

class FormParser(HTMLParser):
    """Collects every <form> with its inputs and named submit buttons (values come unescaped)."""

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


def the_form(html):
    p = FormParser()
    p.feed(html)
    forms = [f for f in p.forms if f["method"] == "post" and "interaction" in f["inputs"]]
    if len(forms) != 1:
        raise Failure(f"expected one sign-in/consent form, found {len(forms)}: {html[:400]}")
    f = forms[0]
    for k in ("csrf_token", "interaction"):
        if not f["inputs"].get(k):
            raise Failure(f"form lacks {k}")
    return f


def sign_in(browser, authorize_url, username, password, consent=True):
    """Drives the sign-in and consent pages; returns the 303 Location sent to the redirect URI."""
    r = browser.get(authorize_url, allow_redirects=False)
    for _ in range(4):
        if r.status_code in (302, 303):
            return r.headers["Location"]
        if r.status_code != 200 or "text/html" not in r.headers.get("content-type", ""):
            raise Failure(f"authorize flow: unexpected {r.status_code} {r.headers.get('content-type')}: {r.text[:400]}")
        f = the_form(r.text)
        data = dict(f["inputs"])
        if "username" in data or "password" in data:
            data.update(username=username, password=password)
        elif ("decision", "accept") in f["buttons"]:
            if not consent:
                data["decision"] = "deny"
            else:
                data["decision"] = "accept"
        else:
            raise Failure(f"unknown form: {f}")
        r = browser.post(urljoin(r.url, f["action"]), data=data, allow_redirects=False)
    raise Failure("authorize flow did not end in a redirect")


# --- helpers ------------------------------------------------------------------------------------

def b64url(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def at_hash(alg, access_token):
    """OIDC Core §3.1.3.6, computed independently of authlib."""
    h = hashlib.sha512 if alg == "EdDSA" else {"256": hashlib.sha256, "384": hashlib.sha384,
                                                 "512": hashlib.sha512}[alg[2:]]
    d = h(access_token.encode()).digest()
    return b64url(d[: len(d) // 2])


def jwt_header(token):
    import json
    seg = token.split(".")[0]
    return json.loads(base64.urlsafe_b64decode(seg + "=" * (-len(seg) % 4)))


def session(client, **kw):
    s = OAuth2Session(client[0], client[1], **kw)
    s.trust_env = False
    s.verify = VERIFY
    return s


def verify_access_token(keys, issuer, token, aud):
    check(jwt_header(token).get("typ") == "at+jwt", "access token header typ is at+jwt (RFC 9068)", jwt_header(token))
    claims = jwt.decode(token, keys, claims_options={
        "iss": {"essential": True, "value": issuer},
        "aud": {"essential": True, "value": aud},
        "exp": {"essential": True},
        "sub": {"essential": True},
    })
    claims.validate(leeway=5)
    print(f"  ok  access token signature verified by authlib.jose; iss, aud={aud}, exp valid")
    return claims


def validate_id_token(keys, issuer, id_token, client_id, access_token, nonce=None):
    params = {"client_id": client_id, "access_token": access_token}
    if nonce is not None:
        params["nonce"] = nonce
    claims = jwt.decode(id_token, keys, claims_cls=CodeIDToken, claims_options={
        "iss": {"essential": True, "value": issuer},
        "aud": {"essential": True, "value": client_id},
        "sub": {"essential": True},
    }, claims_params=params)
    claims.validate(leeway=5)
    check(True, "ID token validated by authlib (signature via JWKS, iss, aud, exp, nonce, at_hash)")
    alg = claims.header["alg"]
    check(claims.get("at_hash") == at_hash(alg, access_token), "at_hash recomputed independently matches",
          (claims.get("at_hash"), at_hash(alg, access_token)))
    if nonce is not None:
        check(claims.get("nonce") == nonce, "nonce equals the one sent")
    # authlib must notice a mismatching access token: proves at_hash is checked, not skipped.
    # authlib must refuse what does not match: proves each check is enforced, not skipped.
    wrong = {
        "at_hash": ({}, dict(params, access_token=access_token + "x")),
        "iss": ({"iss": {"essential": True, "value": issuer + "x"}}, params),
        "aud": ({"aud": {"essential": True, "value": client_id + "x"}}, params),
    }
    if nonce is not None:
        wrong["nonce"] = ({}, dict(params, nonce=nonce + "x"))
    for what, (options, p) in wrong.items():
        bad = jwt.decode(id_token, keys, claims_cls=CodeIDToken, claims_options=options, claims_params=p)
        try:
            bad.validate(leeway=5)
            raise Failure(f"authlib accepted an ID token with a mismatching {what}")
        except ClaimError as e:
            check(getattr(e, "claim", what) == what, f"authlib refuses a mismatching {what}", repr(e))
    return claims


# --- flows ------------------------------------------------------------------------------------

def discovery(base):
    step("discovery")
    http = requests.Session()
    http.trust_env = False
    http.verify = VERIFY
    url = f"{base}/{TENANT}/v2.0/.well-known/openid-configuration"
    r = http.get(url)
    check(r.status_code == 200, f"GET {url}", r.status_code)
    meta = r.json()
    issuer = meta["issuer"]
    m = OpenIDProviderMetadata(meta)
    deviations = []
    for key in m.REGISTRY_KEYS:
        try:
            getattr(m, "validate_" + key)()
        except ValueError as e:
            deviations.append((key, str(e)))
    # OIDC Discovery 1.0 §3 requires RS256 in id_token_signing_alg_values_supported; an ES256 tenant
    # lists only ES256 (see the report). Anything else is a failure.
    unexpected = [d for d in deviations if d[0] != "id_token_signing_alg_values_supported"]
    check(not unexpected, "OIDC discovery metadata passes authlib's OpenIDProviderMetadata validation", unexpected)
    for key, why in deviations:
        print(f"  NOTE known deviation: {key}: {why}")
    # The issuer is the only thing a relying party is configured with: both well-known URLs derive from it.
    r2 = http.get(issuer.rstrip("/") + "/.well-known/openid-configuration")
    check(r2.status_code == 200 and r2.json()["issuer"] == issuer,
          "issuer + /.well-known/openid-configuration serves the same issuer (OIDC Discovery §4)")
    as_url = get_well_known_url(issuer, external=True)
    r3 = http.get(as_url)
    check(r3.status_code == 200, f"RFC 8414 §3 metadata at {as_url}", r3.status_code)
    AuthorizationServerMetadata(r3.json()).validate()
    check(r3.json()["issuer"] == issuer, "RFC 8414 metadata passes authlib's validation; same issuer (§3.3)")
    for k in ("authorization_endpoint", "token_endpoint", "jwks_uri", "userinfo_endpoint"):
        check(meta.get(k, "").startswith(base), f"{k} is under the base URL", meta.get(k))
    check("S256" in meta.get("code_challenge_methods_supported", []), "S256 PKCE advertised")
    jwks = http.get(meta["jwks_uri"])
    check(jwks.status_code == 200, "JWKS fetched", jwks.status_code)
    keys = JsonWebKey.import_key_set(jwks.json())
    check(len(keys.keys) >= 1, f"JWKS imported by authlib ({len(keys.keys)} key(s))")

    # The RS256 tenant must pass the whole validation, RS256 requirement included.
    fab = http.get(f"{base}/fabrikam/v2.0/.well-known/openid-configuration").json()
    OpenIDProviderMetadata(fab).validate()
    check(True, "RS256 tenant (fabrikam): OIDC metadata passes authlib's full validation")
    return meta, keys


def client_credentials(meta, keys):
    step("client credentials (reporting-daemon)")
    issuer, token_endpoint = meta["issuer"], meta["token_endpoint"]
    for method in ("client_secret_basic", "client_secret_post"):
        s = session(DAEMON, scope=f"{API}/.default", token_endpoint_auth_method=method)
        tok = s.fetch_token(token_endpoint, grant_type="client_credentials")
        check(tok.get("token_type", "").lower() == "bearer" and tok.get("expires_in", 0) > 0,
              f"{method}: bearer token with expires_in", dict(tok, access_token="…"))
        check("refresh_token" not in tok, f"{method}: no refresh token for client credentials (RFC 6749 §4.4.3)")
        claims = verify_access_token(keys, issuer, tok["access_token"], API)
        check(claims.get("roles") == ["Reports.Read.All"], "roles claim carries the application role", claims.get("roles"))
        check(claims.get("client_id") == DAEMON[0] and claims.get("sub") == DAEMON[0], "sub and client_id are the client")
    # A token whose signature is altered is refused by authlib against the JWKS.
    head, body, sig = tok["access_token"].split(".")
    forged = f"{head}.{body}.{sig[:-4]}{'AAAA' if sig[-4:] != 'AAAA' else 'BBBB'}"
    try:
        jwt.decode(forged, keys)
        raise Failure("authlib accepted a token with an altered signature")
    except BadSignatureError:
        check(True, "an altered signature fails verification against the JWKS")
    # Wrong secret: authlib surfaces the RFC 6749 §5.2 error.
    s = session((DAEMON[0], "wrong-secret-0123456789abcdef0123456789"), scope=f"{API}/.default")
    try:
        s.fetch_token(token_endpoint, grant_type="client_credentials")
        raise Failure("wrong client secret was accepted")
    except OAuthError as e:
        check(e.error == "invalid_client", "wrong secret: authlib raises OAuthError invalid_client", e.error)


def password_and_refresh(meta, keys):
    step("password grant + refresh (legacy-cli)")
    issuer, token_endpoint = meta["issuer"], meta["token_endpoint"]
    s = session(LEGACY, scope=f"openid offline_access {API}/Reports.Read")
    tok = s.fetch_token(token_endpoint, username=ALICE[0], password=ALICE[1])
    check(tok.get("refresh_token") and tok.get("id_token"), "access, refresh and ID tokens issued")
    c = verify_access_token(keys, issuer, tok["access_token"], API)
    check(c.get("preferred_username") == ALICE[0] and c.get("scope") == "Reports.Read",
          "user access token: preferred_username and delegated scope", (c.get("preferred_username"), c.get("scope")))
    idc = jwt.decode(tok["id_token"], keys, claims_cls=IDToken, claims_options={
        "iss": {"essential": True, "value": issuer}, "aud": {"essential": True, "value": LEGACY[0]}},
        claims_params={"client_id": LEGACY[0], "access_token": tok["access_token"]})
    idc.validate(leeway=5)
    check(idc["sub"] == c["sub"], "ID token validated by authlib; same sub as the access token")
    first_rt = tok["refresh_token"]
    tok2 = s.refresh_token(token_endpoint)
    check(tok2.get("refresh_token") and tok2["refresh_token"] != first_rt,
          "refresh_token grant rotates the refresh token (new one differs)")
    check(tok2["access_token"] != tok["access_token"], "a new access token is issued")
    c2 = verify_access_token(keys, issuer, tok2["access_token"], API)
    check(c2["sub"] == c["sub"], "refreshed access token is for the same user")
    check(s.token["refresh_token"] == tok2["refresh_token"], "authlib's session keeps the rotated refresh token")
    # Rotation is enforced by the server: once the grace window is over, the spent token is refused;
    # within it, the same successor returns (retry safety). Either way, no *new* token family appears.
    again = session(LEGACY, scope=f"openid offline_access {API}/Reports.Read")
    try:
        t3 = again.refresh_token(token_endpoint, refresh_token=first_rt)
        check(t3["refresh_token"] == tok2["refresh_token"], "a retry within the grace window returns the same successor")
    except OAuthError as e:
        check(e.error == "invalid_grant", "the spent refresh token is refused with invalid_grant", e.error)


def authorization_code(meta, keys):
    step("authorization code + PKCE S256 as an OpenID Connect relying party (web-portal)")
    issuer = meta["issuer"]
    scope = f"openid profile email offline_access {API}/Reports.Read"
    s = session(PORTAL, scope=scope, redirect_uri=PORTAL_REDIRECT, code_challenge_method="S256",
                token_endpoint_auth_method="client_secret_basic")
    verifier = generate_token(64)
    nonce = generate_token(24)
    url, state = s.create_authorization_url(meta["authorization_endpoint"], code_verifier=verifier, nonce=nonce)
    q = parse_qs(urlparse(url).query)
    check(q.get("code_challenge_method") == ["S256"] and q.get("nonce") == [nonce],
          "authlib built the authorization URL with an S256 challenge and the nonce")

    browser = requests.Session()  # the user's browser: keeps Sigil's cookies
    browser.trust_env = False
    browser.verify = VERIFY
    location = sign_in(browser, url, *ALICE)
    check(location.startswith(PORTAL_REDIRECT + "?"), "sign-in and consent end in a redirect to the client", location)
    back = parse_qs(urlparse(location).query)
    check(back.get("state") == [state], "state returned unchanged")
    check(back.get("iss") == [issuer], "RFC 9207 iss in the authorization response equals the discovery issuer",
          back.get("iss"))
    check("code" in back and "error" not in back, "authorization code returned")

    tok = s.fetch_token(meta["token_endpoint"], authorization_response=location, code_verifier=verifier)
    check(all(k in tok for k in ("access_token", "id_token", "refresh_token")), "token response has access, ID and refresh tokens")
    idc = validate_id_token(keys, issuer, tok["id_token"], PORTAL[0], tok["access_token"], nonce)
    check(idc.get("preferred_username") == ALICE[0] and idc.get("email") and idc.get("name"),
          "ID token: preferred_username, email (email scope) and name (profile scope)",
          {k: idc.get(k) for k in ("preferred_username", "email", "name")})
    check(isinstance(idc.get("auth_time"), int), "ID token carries auth_time")
    at = verify_access_token(keys, issuer, tok["access_token"], API)
    check(at["sub"] == idc["sub"], "access token and ID token name the same subject")

    r = s.get(meta["userinfo_endpoint"])  # authlib attaches the bearer token
    check(r.status_code == 200, "userinfo with the access token", (r.status_code, r.text[:300]))
    ui = r.json()
    check(ui.get("sub") == idc["sub"], "userinfo sub equals the ID token sub (OIDC Core §5.3.2)", ui)
    check(ui.get("email") == idc.get("email"), "userinfo email matches")
    r = browser.get(meta["userinfo_endpoint"], headers={"Authorization": "Bearer " + tok["access_token"][:-3] + "abc"})
    check(r.status_code == 401, "userinfo refuses an altered token", r.status_code)

    old_rt = tok["refresh_token"]
    tok2 = s.refresh_token(meta["token_endpoint"])
    check(tok2.get("refresh_token") and tok2["refresh_token"] != old_rt, "refresh rotates the refresh token")
    if "id_token" in tok2:
        idc2 = validate_id_token(keys, issuer, tok2["id_token"], PORTAL[0], tok2["access_token"])
        check(idc2["sub"] == idc["sub"] and idc2["iss"] == idc["iss"] and idc2["aud"] == idc["aud"],
              "refreshed ID token: same iss, sub, aud (OIDC Core §12.2)")
    r = s.get(meta["userinfo_endpoint"])
    check(r.status_code == 200 and r.json().get("sub") == idc["sub"], "userinfo with the refreshed access token")

    step("single sign-on: second authorization with the same browser")
    s2 = session(PORTAL, scope=scope, redirect_uri=PORTAL_REDIRECT, code_challenge_method="S256")
    verifier2, nonce2 = generate_token(64), generate_token(24)
    url2, state2 = s2.create_authorization_url(meta["authorization_endpoint"], code_verifier=verifier2, nonce=nonce2)
    r = browser.get(url2, allow_redirects=False)
    check(r.status_code == 303, "with a session and remembered consent, authorize redirects at once", r.status_code)
    tok3 = s2.fetch_token(meta["token_endpoint"], authorization_response=r.headers["Location"], code_verifier=verifier2)
    idc3 = validate_id_token(keys, issuer, tok3["id_token"], PORTAL[0], tok3["access_token"], nonce2)
    check(idc3["sub"] == idc["sub"] and idc3.get("sid") == idc.get("sid"), "same user and session (sid)")

    step("PKCE: a wrong code_verifier is refused")
    s3 = session(PORTAL, scope=scope, redirect_uri=PORTAL_REDIRECT, code_challenge_method="S256")
    verifier3 = generate_token(64)
    url3, _ = s3.create_authorization_url(meta["authorization_endpoint"], code_verifier=verifier3, nonce=generate_token(24))
    r = browser.get(url3, allow_redirects=False)
    check(r.status_code == 303, "code issued", r.status_code)
    try:
        s3.fetch_token(meta["token_endpoint"], authorization_response=r.headers["Location"],
                       code_verifier=generate_token(64))
        raise Failure("a wrong code_verifier was accepted")
    except OAuthError as e:
        check(e.error == "invalid_grant", "wrong code_verifier: invalid_grant", e.error)


def main():
    global VERIFY
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True, help="Sigil's base URL, e.g. http://127.0.0.1:8080")
    ap.add_argument("--ca", default="", help="PEM file to trust for HTTPS (empty: system trust)")
    args = ap.parse_args()
    VERIFY = args.ca or True
    base = args.base.rstrip("/")
    import authlib
    print(f"authlib {authlib.__version__}, requests {requests.__version__}, against {base}")
    meta, keys = discovery(base)
    client_credentials(meta, keys)
    password_and_refresh(meta, keys)
    authorization_code(meta, keys)
    print("\nALL AUTHLIB CHECKS PASSED")


VERIFY = True

if __name__ == "__main__":
    try:
        main()
    except Failure as e:
        print(f"\nFAILED: {e}", file=sys.stderr)
        sys.exit(1)
