"""Microsoft's Python azure-identity (pinned in ../requirements.txt), the library Azure SDK
applications use on top of MSAL, against a running Sigil server: DeviceCodeCredential.

    python device_code.py --authority-host https://127.0.0.1:PORT --tenant contoso --ca cert.pem

Exit 0 only when every check passes. The verification page is completed (code, sign-in, consent)
by a plain HTTP client while the credential polls, as a user with a browser would.

----------------------------------------------------------------------------------------------------
AZURE IDENTITY CONFIGURATION FOR SIGIL (verified here with azure-identity 1.27.0)

    from azure.identity import DeviceCodeCredential
    cred = DeviceCodeCredential(
        client_id="desktop-app",                    # a public client with the device_code grant
        tenant_id="contoso",                        # Sigil tenant name or id
        authority="https://sigil.example.com",      # Sigil's host ("authority host"; https only)
        disable_instance_discovery=True,            # REQUIRED: else it asks login.microsoftonline.com
    )
    cred.get_token("api://reports/Reports.Read")

TLS trust for a private CA: the REQUESTS_CA_BUNDLE environment variable (azure-core's transport is
requests, which reads it), or transport=RequestsTransport(connection_verify="/path/ca.pem").
----------------------------------------------------------------------------------------------------
"""
import argparse
import os
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "msal-python"))
from app import ALICE, Failure, browser_session, check, complete_device_page, jwt_claims, step  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--authority-host", required=True)
    ap.add_argument("--tenant", default="contoso")
    ap.add_argument("--ca", required=True)
    args = ap.parse_args()
    # Before azure.identity is imported: its transport reads the CA bundle from the environment.
    os.environ["REQUESTS_CA_BUNDLE"] = args.ca
    for v in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "AZURE_AUTHORITY_HOST"):
        os.environ.pop(v, None)
    import azure.identity
    from azure.identity import DeviceCodeCredential

    print(f"azure-identity {azure.identity.__version__}, authority host {args.authority_host}")
    step("DeviceCodeCredential: the page completed while the credential polls")
    shown, failed = {}, []

    def prompt(verification_uri, user_code, expires_on):
        shown.update(uri=verification_uri, code=user_code, expires_on=expires_on)

        def complete():
            try:
                time.sleep(1)  # the first poll sees the code pending
                complete_device_page(browser_session(args.ca), verification_uri, user_code)
            except Exception as e:  # reported after get_token returns
                failed.append(e)

        threading.Thread(target=complete, daemon=True).start()

    cred = DeviceCodeCredential(
        client_id="desktop-app",
        tenant_id=args.tenant,
        authority=args.authority_host,
        disable_instance_discovery=True,
        prompt_callback=prompt,
        timeout=60,
    )
    token = cred.get_token("email")
    if failed:
        raise failed[0]
    check(shown.get("uri", "").startswith(args.authority_host) and shown["uri"].endswith("/device"),
          "prompt_callback gets Sigil's verification URI", shown.get("uri"))
    check(len(shown.get("code", "")) == 9, "and the user code XXXX-XXXX", shown.get("code"))
    check(token.token.count(".") == 2 and token.expires_on > time.time(), "get_token returns a live JWT")
    claims = jwt_claims(token.token)
    print(f"     claims: { {k: claims.get(k) for k in ('aud', 'scp', 'preferred_username', 'azp')} }")
    check(claims.get("preferred_username") == ALICE[0], "a token for alice, who signed in on the page",
          {k: claims.get(k) for k in ("sub", "preferred_username", "aud")})
    again = cred.get_token("email")
    check(again.token == token.token, "a second get_token is served from the credential's cache")
    print("\nALL AZURE IDENTITY DEVICE CODE CHECKS PASSED")


if __name__ == "__main__":
    try:
        main()
    except Failure as e:
        print(f"\nFAILED: {e}")
        sys.exit(1)
