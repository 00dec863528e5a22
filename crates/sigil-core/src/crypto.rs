//! Master key, sealing (AES-256-GCM), keyed hashes for client secrets (HMAC-SHA-256) and plain
//! hashes for random tokens. All through aws-lc-rs, the one crypto library Sigil uses.
use aws_lc_rs::{aead, digest, hmac};
use base64::Engine;
use subtle::ConstantTimeEq;

use crate::rng::Rng;

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;

#[derive(Debug, thiserror::Error)]
pub enum CryptoError {
    #[error("the master key must be 32 bytes, base64 encoded")]
    BadMasterKey,
    #[error("sealed data could not be opened: wrong master key or corrupt data")]
    Open,
}

/// The master key: seals signing keys and grace-window successors, and derives the secret-hash key.
pub struct MasterKey {
    aead: aead::LessSafeKey,
    secret_hmac: hmac::Key,
    csrf_hmac: hmac::Key,
}

impl std::fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MasterKey(<redacted>)")
    }
}

impl MasterKey {
    pub fn from_bytes(raw: &[u8]) -> Result<Self, CryptoError> {
        if raw.len() != 32 {
            return Err(CryptoError::BadMasterKey);
        }
        // Separate keys per purpose, derived with HMAC so one never doubles as the other.
        let root = hmac::Key::new(hmac::HMAC_SHA256, raw);
        let enc = hmac::sign(&root, b"sigil/seal/v1");
        let mac = hmac::sign(&root, b"sigil/client-secret/v1");
        let csrf = hmac::sign(&root, b"sigil/csrf/v1");
        let unbound = aead::UnboundKey::new(&aead::AES_256_GCM, enc.as_ref()).map_err(|_| CryptoError::BadMasterKey)?;
        Ok(Self {
            aead: aead::LessSafeKey::new(unbound),
            secret_hmac: hmac::Key::new(hmac::HMAC_SHA256, mac.as_ref()),
            csrf_hmac: hmac::Key::new(hmac::HMAC_SHA256, csrf.as_ref()),
        })
    }

    pub fn from_base64(s: &str) -> Result<Self, CryptoError> {
        let s = s.trim();
        let raw = base64::engine::general_purpose::STANDARD
            .decode(s)
            .or_else(|_| B64.decode(s))
            .map_err(|_| CryptoError::BadMasterKey)?;
        Self::from_bytes(&raw)
    }

    pub fn generate_base64(rng: &dyn Rng) -> String {
        let mut b = [0u8; 32];
        rng.fill(&mut b);
        base64::engine::general_purpose::STANDARD.encode(b)
    }

    /// nonce (12 bytes) || ciphertext+tag. `context` is authenticated, binding the blob to its use.
    pub fn seal(&self, rng: &dyn Rng, context: &[u8], plaintext: &[u8]) -> Vec<u8> {
        let mut nonce = [0u8; 12];
        rng.fill(&mut nonce);
        let mut buf = plaintext.to_vec();
        self.aead
            .seal_in_place_append_tag(aead::Nonce::assume_unique_for_key(nonce), aead::Aad::from(context), &mut buf)
            .expect("AES-GCM seal cannot fail for in-memory buffers");
        let mut out = nonce.to_vec();
        out.extend_from_slice(&buf);
        out
    }

    pub fn open(&self, context: &[u8], sealed: &[u8]) -> Result<Vec<u8>, CryptoError> {
        if sealed.len() < 12 + 16 {
            return Err(CryptoError::Open);
        }
        let (nonce, ct) = sealed.split_at(12);
        let nonce = aead::Nonce::try_assume_unique_for_key(nonce).map_err(|_| CryptoError::Open)?;
        let mut buf = ct.to_vec();
        let pt = self.aead.open_in_place(nonce, aead::Aad::from(context), &mut buf).map_err(|_| CryptoError::Open)?;
        Ok(pt.to_vec())
    }

    /// MAC for anti-forgery tokens: binds a form to the browser's cookie and to one interaction.
    pub fn csrf_mac(&self, data: &[u8]) -> Vec<u8> {
        hmac::sign(&self.csrf_hmac, data).as_ref().to_vec()
    }

    /// Keyed hash of a client secret: microseconds to verify, useless without the server key.
    pub fn secret_hash(&self, secret: &str) -> Vec<u8> {
        hmac::sign(&self.secret_hmac, secret.as_bytes()).as_ref().to_vec()
    }
}

/// SHA-256 of a high-entropy random token (refresh tokens, codes, session ids).
pub fn token_hash(token: &str) -> Vec<u8> {
    digest::digest(&digest::SHA256, token.as_bytes()).as_ref().to_vec()
}

pub fn sha256(data: &[u8]) -> [u8; 32] {
    let d = digest::digest(&digest::SHA256, data);
    let mut out = [0u8; 32];
    out.copy_from_slice(d.as_ref());
    out
}

pub fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && bool::from(a.ct_eq(b))
}

pub fn b64url(data: &[u8]) -> String {
    B64.encode(data)
}

pub fn b64url_decode(s: &str) -> Option<Vec<u8>> {
    B64.decode(s).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::SystemRng;

    #[test]
    fn seal_roundtrip_and_context_binding() {
        let k = MasterKey::from_bytes(&[7u8; 32]).unwrap();
        let s = k.seal(&SystemRng, b"ctx", b"hello");
        assert_eq!(k.open(b"ctx", &s).unwrap(), b"hello");
        assert!(k.open(b"other", &s).is_err());
        let other = MasterKey::from_bytes(&[8u8; 32]).unwrap();
        assert!(other.open(b"ctx", &s).is_err());
    }

    #[test]
    fn secret_hash_is_keyed() {
        let a = MasterKey::from_bytes(&[1u8; 32]).unwrap();
        let b = MasterKey::from_bytes(&[2u8; 32]).unwrap();
        assert_eq!(a.secret_hash("s"), a.secret_hash("s"));
        assert_ne!(a.secret_hash("s"), b.secret_hash("s"));
        assert_eq!(a.secret_hash("s").len(), 32);
    }
}
