//! Latency samples (microseconds) and their percentiles.
use serde_json::{Value, json};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub count: usize,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    pub mean_ms: f64,
}

/// Nearest-rank percentile (p in 0..=1) of sorted samples, in milliseconds; NaN when empty.
fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = (p * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1] as f64 / 1000.0
}

pub fn summarize(mut micros: Vec<u64>) -> Summary {
    micros.sort_unstable();
    let count = micros.len();
    let mean_ms =
        if count == 0 { f64::NAN } else { micros.iter().map(|&m| m as f64).sum::<f64>() / count as f64 / 1000.0 };
    Summary {
        count,
        p50_ms: percentile(&micros, 0.50),
        p99_ms: percentile(&micros, 0.99),
        max_ms: percentile(&micros, 1.0),
        mean_ms,
    }
}

/// A number for JSON: NaN becomes null.
pub fn num(x: f64) -> Value {
    if x.is_finite() { json!((x * 1000.0).round() / 1000.0) } else { Value::Null }
}

impl Summary {
    pub fn to_json(self) -> Value {
        json!({
            "samples": self.count,
            "p50_ms": num(self.p50_ms),
            "p99_ms": num(self.p99_ms),
            "max_ms": num(self.max_ms),
            "mean_ms": num(self.mean_ms),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank() {
        let s = summarize((1..=100).map(|i| i * 1000).collect());
        assert_eq!(s.p50_ms, 50.0);
        assert_eq!(s.p99_ms, 99.0);
        assert_eq!(s.max_ms, 100.0);
        assert_eq!(s.count, 100);
        let one = summarize(vec![2500]);
        assert_eq!((one.p50_ms, one.p99_ms), (2.5, 2.5));
        assert!(summarize(vec![]).p50_ms.is_nan());
        assert_eq!(num(f64::NAN), Value::Null);
    }
}
