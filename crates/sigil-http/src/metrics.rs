//! Prometheus metrics without a global recorder: the recorder lives in `AppState`.
use std::time::Duration;

use metrics::{Key, Label, Metadata, Recorder};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle, PrometheusRecorder};

pub struct Metrics {
    recorder: PrometheusRecorder,
    handle: PrometheusHandle,
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
        Self { recorder, handle }
    }

    pub fn request(&self, endpoint: &str, status: u16, code: u32, latency: Duration) {
        let labels = vec![
            Label::new("endpoint", endpoint.to_string()),
            Label::new("status", status.to_string()),
            Label::new("code", code.to_string()),
        ];
        self.recorder.register_counter(&Key::from_parts("sigil_http_requests_total", labels), &META).increment(1);
        self.recorder
            .register_histogram(
                &Key::from_parts(
                    "sigil_http_request_duration_seconds",
                    vec![Label::new("endpoint", endpoint.to_string())],
                ),
                &META,
            )
            .record(latency.as_secs_f64());
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
}
