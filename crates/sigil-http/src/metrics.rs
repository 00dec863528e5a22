//! Prometheus metrics without a global recorder: the recorder lives in `AppState`.
use std::collections::HashMap;
use std::sync::RwLock;
use std::time::Duration;

use metrics::{Counter, Histogram, Key, Label, Metadata, Recorder};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle, PrometheusRecorder};

pub struct Metrics {
    recorder: PrometheusRecorder,
    handle: PrometheusHandle,
    /// Per route: registering a metric builds its key (label strings, a hash, a registry lookup),
    /// so each route's handles are registered once and reused. Bounded by routes × outcomes.
    routes: RwLock<HashMap<String, RouteMetrics>>,
}

struct RouteMetrics {
    duration: Histogram,
    /// By (HTTP status, catalog code).
    requests: HashMap<(u16, u32), Counter>,
}

const META: Metadata<'static> = Metadata::new("sigil", metrics::Level::INFO, Some("sigil"));

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Self {
        let recorder = PrometheusBuilder::new()
            .set_buckets(&[0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5])
            .expect("static buckets are valid")
            .build_recorder();
        let handle = recorder.handle();
        Self { recorder, handle, routes: RwLock::default() }
    }

    pub fn request(&self, endpoint: &str, status: u16, code: u32, latency: Duration) {
        let seconds = latency.as_secs_f64();
        {
            let routes = self.routes.read().unwrap_or_else(|e| e.into_inner());
            if let Some(route) = routes.get(endpoint)
                && let Some(counter) = route.requests.get(&(status, code))
            {
                counter.increment(1);
                route.duration.record(seconds);
                return;
            }
        }
        let mut routes = self.routes.write().unwrap_or_else(|e| e.into_inner());
        let route = routes.entry(endpoint.to_string()).or_insert_with(|| RouteMetrics {
            duration: self.recorder.register_histogram(
                &Key::from_parts(
                    "sigil_http_request_duration_seconds",
                    vec![Label::new("endpoint", endpoint.to_string())],
                ),
                &META,
            ),
            requests: HashMap::new(),
        });
        let counter = route.requests.entry((status, code)).or_insert_with(|| {
            let labels = vec![
                Label::new("endpoint", endpoint.to_string()),
                Label::new("status", status.to_string()),
                Label::new("code", code.to_string()),
            ];
            self.recorder.register_counter(&Key::from_parts("sigil_http_requests_total", labels), &META)
        });
        counter.increment(1);
        route.duration.record(seconds);
    }

    pub fn token_issued(&self, grant_type: &'static str) {
        self.recorder
            .register_counter(
                &Key::from_parts("sigil_tokens_issued_total", vec![Label::new("grant_type", grant_type)]),
                &META,
            )
            .increment(1);
    }

    pub fn gauge(&self, name: &'static str, value: f64) {
        self.recorder.register_gauge(&Key::from_name(name), &META).set(value);
    }

    pub fn render(&self) -> String {
        self.handle.render()
    }

    /// Folds the histogram samples recorded since the last call into their buckets. The recorder
    /// keeps every sample (with its timestamp) until a render or an upkeep drains it, so without
    /// this a server that nobody scrapes grows by ~24 bytes per request (`serve` runs it every 5 s).
    pub fn run_upkeep(&self) {
        self.handle.run_upkeep();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(text: &str, series: &str) -> Option<f64> {
        text.lines().find_map(|l| l.strip_prefix(series)?.trim().parse().ok())
    }

    #[test]
    fn each_route_and_outcome_is_its_own_series() {
        let m = Metrics::new();
        for _ in 0..3 {
            m.request("/{tenant}/oauth2/v2.0/token", 200, 0, Duration::from_micros(300));
        }
        m.request("/{tenant}/oauth2/v2.0/token", 400, 70000, Duration::from_millis(2));
        m.request("/health", 200, 0, Duration::from_micros(50));
        m.run_upkeep();
        let text = m.render();
        let token = r#"sigil_http_requests_total{endpoint="/{tenant}/oauth2/v2.0/token",status="#;
        assert_eq!(sample(&text, &format!(r#"{token}"200",code="0"}}"#)), Some(3.0), "{text}");
        assert_eq!(sample(&text, &format!(r#"{token}"400",code="70000"}}"#)), Some(1.0), "{text}");
        assert_eq!(sample(&text, r#"sigil_http_requests_total{endpoint="/health",status="200",code="0"}"#), Some(1.0));
        let count = r#"sigil_http_request_duration_seconds_count{endpoint="/{tenant}/oauth2/v2.0/token"}"#;
        assert_eq!(sample(&text, count), Some(4.0), "{text}");
        let fast = r#"sigil_http_request_duration_seconds_bucket{endpoint="/{tenant}/oauth2/v2.0/token",le="0.0005"}"#;
        assert_eq!(sample(&text, fast), Some(3.0), "{text}");
    }
}
