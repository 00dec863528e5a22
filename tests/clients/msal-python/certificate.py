"""Certificate and assertion credentials of Microsoft's Python libraries against a running Sigil:
MSAL Python's certificate credential (PS256 with x5t#S256 from the public certificate; RS256 with
an SHA-1 thumbprint), Azure Identity's CertificateCredential and ClientAssertionCredential (a
workload token of a federated credential). Unchanged libraries, configuration only.

    python certificate.py --authority https://127.0.0.1:PORT/contoso --ca CA.pem \
        --key client-key.pem --cert client-cert.pem --workload-token FILE

Every step asserts; exit 0 only when all pass.

CONFIGURATION FOR SIGIL (verified here with msal 1.39.0 and azure-identity 1.27.0)

    msal.ConfidentialClientApplication("cert-app",
        client_credential={"private_key": key_pem, "public_certificate": cert_pem},
        authority="https://sigil.example.com/contoso", instance_discovery=False, azure_region=False)

    azure.identity.CertificateCredential("contoso", "cert-app", certificate_path="key-and-cert.pem",
        authority="https://sigil.example.com", disable_instance_discovery=True)

    azure.identity.ClientAssertionCredential("contoso", "workload-app", func=read_workload_token,
        authority="https://sigil.example.com", disable_instance_discovery=True)
"""
import argparse
import base64
import json
import os
import sys

p = argparse.ArgumentParser()
p.add_argument("--authority", required=True)
p.add_argument("--ca", required=True)
p.add_argument("--key", required=True)
p.add_argument("--cert", required=True)
p.add_argument("--workload-token", required=True)
args = p.parse_args()
# Azure Identity's transport (azure-core, requests) trusts this CA bundle.
os.environ["REQUESTS_CA_BUNDLE"] = args.ca

import msal  # noqa: E402
import requests  # noqa: E402
from azure.identity import CertificateCredential, ClientAssertionCredential  # noqa: E402

SCOPE = "api://reports/.default"
host, tenant = args.authority.rsplit("/", 1)
key_pem = open(args.key).read()
cert_pem = open(args.cert).read()


def claims(jwt):
    payload = jwt.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def check(name, ok, detail=""):
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else f": {detail}"), flush=True)
    if not ok:
        sys.exit(1)


http = requests.Session()
http.verify = args.ca

# 1. MSAL's recommended form: the public certificate lets MSAL send PS256 with x5t#S256 (and x5c).
app = msal.ConfidentialClientApplication(
    "cert-app",
    client_credential={"private_key": key_pem, "public_certificate": cert_pem},
    authority=args.authority,
    instance_discovery=False,
    azure_region=False,
    http_client=http,
)
r = app.acquire_token_for_client(scopes=[SCOPE])
check("msal certificate (PS256, x5t#S256)", "access_token" in r, r)
check("token is the client's", claims(r["access_token"]).get("client_id") == "cert-app", r)
# MSAL re-sends its cached assertion (same jti) for the next request: accepted by default.
app.remove_tokens_for_client()
r = app.acquire_token_for_client(scopes=[SCOPE])
check("msal re-sends its cached assertion", "access_token" in r and r.get("token_source") == "identity_provider", r)

# 2. The legacy form: an SHA-1 thumbprint makes MSAL sign with RS256 and send x5t.
from cryptography import x509  # noqa: E402
from cryptography.hazmat.primitives import hashes  # noqa: E402

sha1 = x509.load_pem_x509_certificate(cert_pem.encode()).fingerprint(hashes.SHA1()).hex()
legacy = msal.ConfidentialClientApplication(
    "cert-app",
    client_credential={"private_key": key_pem, "thumbprint": sha1},
    authority=args.authority,
    instance_discovery=False,
    azure_region=False,
    http_client=http,
)
r = legacy.acquire_token_for_client(scopes=[SCOPE])
check("msal certificate (RS256, x5t)", "access_token" in r, r)

# 3. Azure Identity's CertificateCredential: a PEM file with the key and the certificate.
both = args.key + ".with-cert.pem"
with open(both, "w") as f:
    f.write(key_pem + cert_pem)
cred = CertificateCredential(tenant, "cert-app", certificate_path=both, authority=host, disable_instance_discovery=True)
t = cred.get_token(SCOPE)
check("azure-identity CertificateCredential", claims(t.token).get("client_id") == "cert-app", t)

# 4. Azure Identity's ClientAssertionCredential with a workload token (federated credential).
workload = open(args.workload_token).read().strip()
cred = ClientAssertionCredential(
    tenant, "workload-app", func=lambda: workload, authority=host, disable_instance_discovery=True
)
t = cred.get_token(SCOPE)
check("azure-identity ClientAssertionCredential", claims(t.token).get("client_id") == "workload-app", t)

print("ALL CERTIFICATE CHECKS PASSED", flush=True)
