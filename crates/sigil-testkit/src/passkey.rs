//! A software WebAuthn authenticator (ES256, attestation "none") for tests and the benchmark. It
//! builds what a browser posts (W3C WebAuthn Level 3: §5.8.1 client data, §6.1 authenticator
//! data, §6.5.4 attestation object, §6.3.3 assertion signature), with every field the server
//! checks open to change: origin, relying-party id, signature counter, UV and backup flags.
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{ECDSA_P256_SHA256_ASN1_SIGNING, EcdsaKeyPair, KeyPair};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use serde_json::{Value, json};

/// §6.1 flags.
const UP: u8 = 0x01;
const UV: u8 = 0x04;
const BE: u8 = 0x08;
const BS: u8 = 0x10;
const AT: u8 = 0x40;

pub struct SoftPasskey {
    key: EcdsaKeyPair,
    rng: SystemRandom,
    pub credential_id: Vec<u8>,
    /// §5.4.3 `user.id` from the registration options (Sigil's user id).
    pub user_handle: Vec<u8>,
    pub rp_id: String,
    pub origin: String,
    /// The signature counter of the next assertion; `None`: a counterless (synced) passkey, 0.
    pub counter: Option<u32>,
    /// User verification performed (PIN, biometrics).
    pub uv: bool,
    /// Backed up / synced (BE and BS flags): `swk` instead of `hwk`.
    pub synced: bool,
}

impl SoftPasskey {
    /// A new key for `origin` (its host is the relying-party id).
    pub fn new(origin: &str) -> Self {
        let rng = SystemRandom::new();
        let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, &rng).expect("P-256 key");
        let key = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, pkcs8.as_ref()).expect("P-256 key");
        let host = url::Url::parse(origin).expect("origin").host_str().expect("host").to_string();
        Self {
            key,
            rng,
            credential_id: uuid::Uuid::new_v4().as_bytes().to_vec(),
            user_handle: vec![],
            rp_id: host,
            origin: origin.trim_end_matches('/').to_string(),
            counter: Some(1),
            uv: true,
            synced: false,
        }
    }

    fn flags(&self) -> u8 {
        UP | if self.uv { UV } else { 0 } | if self.synced { BE | BS } else { 0 }
    }

    fn client_data(&self, kind: &str, challenge: &str) -> Vec<u8> {
        json!({ "type": kind, "challenge": challenge, "origin": self.origin, "crossOrigin": false })
            .to_string()
            .into_bytes()
    }

    /// §6.5.1.1: the credential public key as a COSE_Key (EC2, P-256, ES256).
    fn cose_key(&self) -> Vec<u8> {
        let point = self.key.public_key().as_ref();
        let mut out = Vec::new();
        cbor_head(&mut out, 5, 5);
        for (k, v) in [(1i64, Cbor::Int(2)), (3, Cbor::Int(-7)), (-1, Cbor::Int(1))] {
            cbor_int(&mut out, k);
            v.write(&mut out);
        }
        cbor_int(&mut out, -2);
        Cbor::Bytes(&point[1..33]).write(&mut out);
        cbor_int(&mut out, -3);
        Cbor::Bytes(&point[33..65]).write(&mut out);
        out
    }

    /// The browser's answer to `navigator.credentials.create` for these options (the JSON the
    /// page's form posts).
    pub fn register(&mut self, options: &Value) -> String {
        let pk = &options["publicKey"];
        let challenge = pk["challenge"].as_str().expect("challenge");
        self.user_handle = B64.decode(pk["user"]["id"].as_str().expect("user.id")).expect("user.id base64url");
        let client_data = self.client_data("webauthn.create", challenge);
        let mut auth = sha256(self.rp_id.as_bytes()).to_vec();
        auth.push(self.flags() | AT);
        auth.extend_from_slice(&self.counter.map_or(0, |c| c.saturating_sub(1)).to_be_bytes());
        auth.extend_from_slice(&[0u8; 16]);
        auth.extend_from_slice(&(self.credential_id.len() as u16).to_be_bytes());
        auth.extend_from_slice(&self.credential_id);
        auth.extend_from_slice(&self.cose_key());
        let mut att = Vec::new();
        cbor_head(&mut att, 5, 3);
        Cbor::Text("fmt").write(&mut att);
        Cbor::Text("none").write(&mut att);
        Cbor::Text("attStmt").write(&mut att);
        cbor_head(&mut att, 5, 0);
        Cbor::Text("authData").write(&mut att);
        Cbor::Bytes(&auth).write(&mut att);
        let id = B64.encode(&self.credential_id);
        json!({
            "id": id, "rawId": id, "type": "public-key", "extensions": {},
            "response": { "attestationObject": B64.encode(&att), "clientDataJSON": B64.encode(&client_data) },
        })
        .to_string()
    }

    /// The browser's answer to `navigator.credentials.get` for these options; the counter moves on.
    pub fn assert(&mut self, options: &Value) -> String {
        let challenge = options["publicKey"]["challenge"].as_str().expect("challenge").to_string();
        let out = self.assertion(&challenge, self.counter.unwrap_or(0));
        if let Some(c) = self.counter.as_mut() {
            *c += 1;
        }
        out
    }

    /// An assertion over `challenge` with this signature counter (a clone replays an old one).
    pub fn assertion(&self, challenge: &str, counter: u32) -> String {
        let client_data = self.client_data("webauthn.get", challenge);
        let mut auth = sha256(self.rp_id.as_bytes()).to_vec();
        auth.push(self.flags());
        auth.extend_from_slice(&counter.to_be_bytes());
        let mut signed = auth.clone();
        signed.extend_from_slice(&sha256(&client_data));
        let sig = self.key.sign(&self.rng, &signed).expect("signature");
        let id = B64.encode(&self.credential_id);
        json!({
            "id": id, "rawId": id, "type": "public-key", "extensions": {},
            "response": {
                "authenticatorData": B64.encode(&auth),
                "clientDataJSON": B64.encode(&client_data),
                "signature": B64.encode(sig.as_ref()),
                "userHandle": B64.encode(&self.user_handle),
            },
        })
        .to_string()
    }
}

/// The options a page carries in its form's `data-passkey` attribute (`id` names the form).
pub fn page_options(body: &str, form_id: &str) -> Option<Value> {
    let form = &body[body.find(&format!("id=\"{form_id}\""))?..];
    let start = form.find("data-passkey=\"")? + "data-passkey=\"".len();
    let end = form[start..].find('"')? + start;
    serde_json::from_str(&crate::browser::unescape(&form[start..end])).ok()
}

fn sha256(data: &[u8]) -> [u8; 32] {
    let d = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, data);
    d.as_ref().try_into().expect("32 bytes")
}

enum Cbor<'a> {
    Int(i64),
    Bytes(&'a [u8]),
    Text(&'a str),
}

impl Cbor<'_> {
    fn write(&self, out: &mut Vec<u8>) {
        match self {
            Cbor::Int(i) => cbor_int(out, *i),
            Cbor::Bytes(b) => {
                cbor_head(out, 2, b.len() as u64);
                out.extend_from_slice(b);
            }
            Cbor::Text(t) => {
                cbor_head(out, 3, t.len() as u64);
                out.extend_from_slice(t.as_bytes());
            }
        }
    }
}

/// RFC 8949 §3: a major type and its argument, shortest form.
fn cbor_head(out: &mut Vec<u8>, major: u8, n: u64) {
    let m = major << 5;
    match n {
        0..=23 => out.push(m | n as u8),
        24..=0xff => out.extend_from_slice(&[m | 24, n as u8]),
        0x100..=0xffff => {
            out.push(m | 25);
            out.extend_from_slice(&(n as u16).to_be_bytes());
        }
        _ => {
            out.push(m | 26);
            out.extend_from_slice(&(n as u32).to_be_bytes());
        }
    }
}

fn cbor_int(out: &mut Vec<u8>, i: i64) {
    if i >= 0 { cbor_head(out, 0, i as u64) } else { cbor_head(out, 1, (-1 - i) as u64) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cbor_matches_rfc_8949_appendix_a() {
        let enc = |i: i64| {
            let mut v = vec![];
            cbor_int(&mut v, i);
            v
        };
        assert_eq!(enc(10), [0x0a]);
        assert_eq!(enc(24), [0x18, 0x18]);
        assert_eq!(enc(-1), [0x20]);
        assert_eq!(enc(-7), [0x26]);
        assert_eq!(enc(1000), [0x19, 0x03, 0xe8]);
        let mut v = vec![];
        Cbor::Text("IETF").write(&mut v);
        assert_eq!(v, [0x64, 0x49, 0x45, 0x54, 0x46]);
    }
}
