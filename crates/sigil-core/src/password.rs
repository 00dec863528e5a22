//! User passwords: argon2id with OWASP's current minimum (19 MiB, 2 iterations, 1 lane).
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::rng::Rng;

fn hasher() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::new(19 * 1024, 2, 1, None).expect("valid argon2 params"))
}

pub fn hash_password(rng: &dyn Rng, password: &str) -> String {
    let mut salt = [0u8; 16];
    rng.fill(&mut salt);
    hasher().hash_password_with_salt(password.as_bytes(), &salt).expect("argon2 hashing succeeds").to_string()
}

pub fn verify_password(phc: &str, password: &str) -> bool {
    hasher().verify_password(password.as_bytes(), phc).is_ok()
}

/// Verifies passwords with bounded concurrency and reused argon2 memory: at most `permits`
/// hashes run at once (each needs 19 MiB), so a burst of sign-ins neither floods the CPU nor grows
/// the heap without bound; the blocks are kept and reused instead of allocated per attempt.
pub struct PasswordChecker {
    permits: tokio::sync::Semaphore,
    buffers: std::sync::Mutex<Vec<Vec<argon2::Block>>>,
}

impl std::fmt::Debug for PasswordChecker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PasswordChecker({} free)", self.permits.available_permits())
    }
}

impl PasswordChecker {
    pub fn new(concurrency: usize) -> Self {
        Self { permits: tokio::sync::Semaphore::new(concurrency.max(1)), buffers: std::sync::Mutex::new(Vec::new()) }
    }

    /// `None` checks against a dummy hash with the same cost (unknown user) and returns false.
    pub async fn verify(&self, phc: Option<String>, password: String) -> bool {
        let Ok(_permit) = self.permits.acquire().await else { return false };
        let mut buf = self.buffers.lock().map(|mut b| b.pop()).unwrap_or(None).unwrap_or_default();
        let (ok, buf) = tokio::task::spawn_blocking(move || {
            let ok = match phc {
                Some(h) => verify_with_memory(&h, &password, &mut buf),
                None => {
                    let _ = verify_with_memory(DUMMY_PHC, &password, &mut buf);
                    false
                }
            };
            (ok, buf)
        })
        .await
        .unwrap_or_else(|_| (false, Vec::new()));
        if let Ok(mut b) = self.buffers.lock() {
            b.push(buf);
        }
        ok
    }
}

/// A valid argon2id hash (of a random password) with Sigil's parameters, for unknown users.
const DUMMY_PHC: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c2lnaWxkdW1teXNhbHQxMg$ZJ1DEDpKDe4LvAJaMJTGXxh4k8tAvvQJsGmSf5pZsp8";

fn verify_with_memory(phc: &str, password: &str, buf: &mut Vec<argon2::Block>) -> bool {
    use argon2::password_hash::phc::PasswordHash;
    let Ok(h) = PasswordHash::new(phc) else { return false };
    let (Ok(params), Some(salt), Some(expected)) = (Params::try_from(&h), h.salt.as_ref(), h.hash.as_ref()) else {
        return false;
    };
    let blocks = params.block_count();
    if buf.len() < blocks {
        buf.resize(blocks, argon2::Block::default());
    }
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    let mut out = vec![0u8; expected.as_bytes().len()];
    argon.hash_password_into_with_memory(password.as_bytes(), salt.as_ref(), &mut out, &mut buf[..blocks]).is_ok()
        && crate::crypto::ct_eq(&out, expected.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::SystemRng;

    #[test]
    fn pooled_checker_agrees_with_the_library() {
        let h = hash_password(&SystemRng, "correct horse");
        let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let c = PasswordChecker::new(2);
        assert!(rt.block_on(c.verify(Some(h.clone()), "correct horse".into())));
        assert!(!rt.block_on(c.verify(Some(h), "wrong".into())));
        assert!(!rt.block_on(c.verify(None, "x".into())));
        assert!(!verify_password(DUMMY_PHC, "not the dummy password"));
        assert!(argon2::password_hash::phc::PasswordHash::new(DUMMY_PHC).is_ok(), "dummy hash parses");
    }

    #[test]
    fn hash_and_verify() {
        let h = hash_password(&SystemRng, "correct horse");
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify_password(&h, "correct horse"));
        assert!(!verify_password(&h, "wrong"));
    }
}
