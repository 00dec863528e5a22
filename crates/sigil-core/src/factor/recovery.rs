//! Recovery codes: ten single-use codes shown once at enrollment, for a user whose authenticator
//! is lost. 50 random bits each (ten base32 characters, `xxxxx-xxxxx`), stored only as keyed
//! hashes (HMAC-SHA-256 under the master key, as client secrets), spent in one conditional
//! statement so two concurrent uses of one code cannot both succeed.
use uuid::Uuid;

use crate::clock::UnixTime;
use crate::context::Context;
use crate::crypto::MasterKey;
use crate::error::SigilError;
use crate::rng::Rng;

pub const COUNT: usize = 10;
/// Crockford's base32 alphabet (no i, l, o, u): read aloud and typed without confusion.
const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
const LEN: usize = 10;

/// New codes, formatted for display.
pub fn generate(rng: &dyn Rng) -> Vec<String> {
    (0..COUNT)
        .map(|_| {
            let mut raw = [0u8; LEN];
            rng.fill(&mut raw);
            let s: String = raw.iter().map(|b| ALPHABET[usize::from(b & 31)] as char).collect();
            format!("{}-{}", &s[..5], &s[5..])
        })
        .collect()
}

/// A typed code in canonical form (case, spaces and dashes ignored), or `None` when it cannot be one.
pub fn normalize(input: &str) -> Option<String> {
    let s: String = input.chars().filter(|c| !c.is_whitespace() && *c != '-').map(|c| c.to_ascii_lowercase()).collect();
    (s.len() == LEN && s.bytes().all(|b| ALPHABET.contains(&b))).then_some(s)
}

pub fn hash(master: &MasterKey, normalized: &str) -> Vec<u8> {
    master.secret_hash(&format!("recovery-code:{normalized}"))
}

/// Replaces the user's codes with new ones; returns them for the one page that shows them.
pub async fn issue(ctx: &Context, tenant: Uuid, user: Uuid, now: UnixTime) -> Result<Vec<String>, SigilError> {
    let codes = generate(ctx.rng.as_ref());
    let hashes: Vec<Vec<u8>> =
        codes.iter().map(|c| hash(&ctx.master, &normalize(c).expect("generated codes are canonical"))).collect();
    ctx.store.replace_recovery_codes(tenant, user, &hashes, now).await?;
    Ok(codes)
}

/// Spends a code: `true` once for each issued code, `false` for anything else.
pub async fn spend(ctx: &Context, tenant: Uuid, user: Uuid, input: &str, now: UnixTime) -> Result<bool, SigilError> {
    let Some(code) = normalize(input) else { return Ok(false) };
    Ok(ctx.store.use_recovery_code(tenant, user, &hash(&ctx.master, &code), now).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_ten_distinct_canonical_and_typed_loosely() {
        let codes = generate(&crate::rng::SystemRng);
        assert_eq!(codes.len(), COUNT);
        let mut n: Vec<String> = codes.iter().map(|c| normalize(c).unwrap()).collect();
        n.sort();
        n.dedup();
        assert_eq!(n.len(), COUNT);
        let c = &codes[0];
        assert_eq!(normalize(&format!(" {} ", c.to_uppercase().replace('-', " "))), normalize(c));
        assert_eq!(normalize("123456"), None);
        assert_eq!(normalize("iiiii-iiiii"), None);
    }
}
