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

/// Spends the same time as a real check, so an unknown username cannot be told from a wrong password.
pub fn verify_dummy(password: &str) {
    let _ = hasher().hash_password_with_salt(password.as_bytes(), b"sigil-dummy-salt");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::SystemRng;

    #[test]
    fn hash_and_verify() {
        let h = hash_password(&SystemRng, "correct horse");
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify_password(&h, "correct horse"));
        assert!(!verify_password(&h, "wrong"));
    }
}
