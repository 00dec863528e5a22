//! Randomness is injected: production uses the OS generator through aws-lc-rs; tests may seed their own.
use std::sync::Arc;

pub trait Rng: Send + Sync + 'static {
    fn fill(&self, dest: &mut [u8]);

    fn bytes<const N: usize>(&self) -> [u8; N]
    where
        Self: Sized,
    {
        let mut b = [0u8; N];
        self.fill(&mut b);
        b
    }
}

pub type SharedRng = Arc<dyn Rng>;

#[derive(Debug, Default, Clone, Copy)]
pub struct SystemRng;

impl Rng for SystemRng {
    fn fill(&self, dest: &mut [u8]) {
        aws_lc_rs::rand::fill(dest).expect("the operating system random generator failed");
    }
}

/// 256 random bits, base64url without padding (43 characters).
pub fn token_256(rng: &dyn Rng) -> String {
    use base64::Engine;
    let mut b = [0u8; 32];
    rng.fill(&mut b);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b)
}

/// RFC 9562 §5.7 UUIDv7: time-ordered, so index inserts of trace IDs append instead of landing on
/// random pages of the sign-in log's indexes. The caller draws the random bits (see `meta.rs`,
/// which draws them for two IDs at once).
pub fn uuid_v7(unix_millis: i64, random: &[u8; 10]) -> uuid::Uuid {
    uuid::Builder::from_unix_timestamp_millis(unix_millis.max(0) as u64, random).into_uuid()
}

/// The millisecond a UUIDv7 carries (RFC 9562 §5.7), `None` for any other version.
pub fn uuid_v7_millis(id: &uuid::Uuid) -> Option<i64> {
    if id.get_version_num() != 7 {
        return None;
    }
    let (secs, nanos) = id.get_timestamp()?.to_unix();
    i64::try_from(secs * 1000 + u64::from(nanos) / 1_000_000).ok()
}

pub fn uuid_v4(rng: &dyn Rng) -> uuid::Uuid {
    let mut b = [0u8; 16];
    rng.fill(&mut b);
    uuid::Builder::from_random_bytes(b).into_uuid()
}

#[cfg(test)]
mod tests {
    #[test]
    fn uuid_v7_carries_the_time_and_the_random_bits() {
        let id = super::uuid_v7(1_796_000_000_123, &[0xab; 10]);
        assert_eq!(id.get_version_num(), 7);
        let (secs, nanos) = id.get_timestamp().expect("v7 has a timestamp").to_unix();
        assert_eq!(secs * 1000 + u64::from(nanos) / 1_000_000, 1_796_000_000_123);
        assert_eq!(id.as_bytes()[15], 0xab, "the last bytes are the caller's");
        assert_ne!(id, super::uuid_v7(1_796_000_000_123, &[0xac; 10]));
        assert_eq!(super::uuid_v7_millis(&id), Some(1_796_000_000_123));
        assert_eq!(super::uuid_v7_millis(&uuid::Uuid::from_bytes([0x5a; 16])), None, "not a v7");
    }
}
