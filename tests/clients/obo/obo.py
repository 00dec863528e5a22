"""On-behalf-of with Microsoft's client libraries (pinned in ../requirements.txt), unchanged apart from
configuration: MSAL Python's acquire_token_on_behalf_of and azure-identity's OnBehalfOfCredential,
as a middle-tier API ("middle", which implements api://middle) calling api://downstream as the user.

    python obo.py --host https://127.0.0.1:PORT --tenant obo --ca cert.pem --assertion <user token>

The assertion is the user's access token for api://middle (the test gets it from the server); the
user has consented to "middle" for api://downstream/Data.Read only. Every step asserts; exit 0 only
when all pass.

----------------------------------------------------------------------------------------------------
MIDDLE-TIER CONFIGURATION FOR SIGIL

MSAL Python:
    app = msal.ConfidentialClientApplication("<middle-tier client id>", client_credential="<secret>",
        authority="https://sigil.example.com/<tenant>", instance_discovery=False, azure_region=False)
    result = app.acquire_token_on_behalf_of(incoming_access_token, ["api://downstream/Data.Read"])

azure-identity:
    cred = OnBehalfOfCredential("<tenant>", "<middle-tier client id>", client_secret="<secret>",
        user_assertion=incoming_access_token, authority="https://sigil.example.com",
        disable_instance_discovery=True)
    cred.get_token("api://downstream/Data.Read")

On the Sigil side the middle-tier client has `exposes_api` = its API's identifier, the grant
`jwt_bearer`, and delegated permissions on the downstream API; the user consents to it once.
----------------------------------------------------------------------------------------------------
"""
import argparse
import base64
import json
import sys
from urllib.parse import parse_qsl, urlparse

import msal
import requests
from azure.core.exceptions import ClientAuthenticationError
from azure.identity import OnBehalfOfCredential

MIDDLE = ("middle", "middle-secret-0123456789abcdef-0123456789a")
READ = "api://downstream/Data.Read"
WRITE = "api://downstream/Data.Write"
failures = 0


def check(cond, what, detail=""):
    global failures
    print(("ok   " if cond else "FAIL ") + what + ("" if cond else f": {detail}"), flush=True)
    if not cond:
        failures += 1


def claims(token):
    p = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(p + "=" * (-len(p) % 4)))


class Recorder(requests.Session):
    """Records every request and refuses hosts other than Sigil's."""

    def __init__(self, ca, host):
        super().__init__()
        self.verify, self.trust_env, self.host, self.seen = ca, False, host, []

    def request(self, method, url, **kw):
        if urlparse(url).netloc != self.host:
            raise RuntimeError(f"request to another host: {url}")
        self.seen.append((method, url, kw.get("data")))
        return super().request(method, url, **kw)


def posts_of(http):
    """The forms MSAL posted to the token endpoint."""
    return [d if isinstance(d, dict) else dict(parse_qsl(d or ""))
            for m, u, d in http.seen if m == "POST" and u.endswith("/token")]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", required=True)
    ap.add_argument("--tenant", required=True)
    ap.add_argument("--ca", required=True)
    ap.add_argument("--assertion", required=True)
    a = ap.parse_args()
    user = claims(a.assertion)

    print("== MSAL Python acquire_token_on_behalf_of")
    http = Recorder(a.ca, urlparse(a.host).netloc)
    app = msal.ConfidentialClientApplication(
        MIDDLE[0], client_credential=MIDDLE[1], authority=f"{a.host}/{a.tenant}",
        instance_discovery=False, azure_region=False, http_client=http)
    r = app.acquire_token_on_behalf_of(a.assertion, [READ])
    check("access_token" in r, "a token for the downstream API", r)
    if "access_token" in r:
        c = claims(r["access_token"])
        check(c.get("aud") == "api://downstream", "aud is the downstream API", c)
        check(c.get("scope") == "Data.Read", "scope Data.Read", c)
        check(c.get("oid") == user["oid"] and c.get("sub") == user["sub"], "the same user", c)
        check(c.get("client_id") == MIDDLE[0], "issued to the middle tier", c)
    posts = posts_of(http)
    check(any(p.get("grant_type") == "urn:ietf:params:oauth:grant-type:jwt-bearer"
              and p.get("requested_token_use") == "on_behalf_of" for p in posts),
          "MSAL sent the jwt-bearer grant with requested_token_use=on_behalf_of", posts)
    rts = app.token_cache.find(msal.TokenCache.CredentialType.REFRESH_TOKEN)
    check(len(rts) == 1, "offline_access (MSAL adds it): a refresh token in MSAL's cache", rts)
    # MSAL looks in its cache first and may redeem the refresh token it holds for this assertion.
    again = app.acquire_token_on_behalf_of(a.assertion, [READ])
    check("access_token" in again, "a second call succeeds (" + str(again.get("token_source")) + ")", again)
    print("grant types MSAL posted:", [p.get("grant_type") for p in posts_of(http)])
    denied = app.acquire_token_on_behalf_of(a.assertion, [WRITE])
    check(denied.get("error") == "invalid_grant" and denied.get("suberror") == "consent_required"
          and 65001 in denied.get("error_codes", []),
          "no consent for Data.Write: invalid_grant, 65001, suberror consent_required", denied)

    print("== azure-identity OnBehalfOfCredential")
    cred = OnBehalfOfCredential(a.tenant, MIDDLE[0], client_secret=MIDDLE[1], user_assertion=a.assertion,
                                authority=a.host, disable_instance_discovery=True, connection_verify=a.ca)
    t = cred.get_token(READ)
    c = claims(t.token)
    check(c.get("aud") == "api://downstream" and c.get("oid") == user["oid"], "get_token: downstream, same user", c)
    check(t.expires_on > c["iat"], "expires_on set", t)
    d = OnBehalfOfCredential(a.tenant, MIDDLE[0], client_secret=MIDDLE[1], user_assertion=a.assertion,
                             authority=a.host, disable_instance_discovery=True, connection_verify=a.ca)
    c = claims(d.get_token("api://downstream/.default").token)
    check(c.get("scope") == "Data.Read", "get_token('.default'): the consented scopes only", c)
    try:
        cred.get_token(WRITE)
        check(False, "Data.Write refused")
    except ClientAuthenticationError as e:
        check("65001" in str(e), "Data.Write refused with 65001", str(e))

    if failures:
        print(f"{failures} CHECK(S) FAILED")
        sys.exit(1)
    print("ALL OBO CLIENT CHECKS PASSED")


if __name__ == "__main__":
    main()
