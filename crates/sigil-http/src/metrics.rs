//! Prometheus metrics without a global recorder: the recorder lives in `AppState`. Every metric is
//! described (`# HELP`), counters end in `_total`; the `process_*` metrics follow the Prometheus
//! client conventions and are read from `/proc` at each scrape.
use std::collections::HashMap;
use std::sync::RwLock;
use std::time::Duration;

use metrics::{Counter, Gauge, Histogram, Key, KeyName, Label, Metadata, Recorder, SharedString, Unit};
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

/// Every metric the recorder exports, with its `# HELP` text.
const COUNTERS: &[(&str, &str)] = &[
    ("sigil_http_requests_total", "HTTP requests answered, by route, status and catalog code (0: success)."),
    ("sigil_tokens_issued_total", "Tokens issued, by grant type."),
    ("sigil_signin_log_dropped_total", "Sign-in records dropped because the write queue was full."),
    ("sigil_connections_rejected_total", "Connections refused because the listener had server.max_connections open."),
    (
        "sigil_rate_limited_total",
        "Requests refused by a rate limit (429), by dimension: client, user, address, prefix.",
    ),
];
const GAUGES: &[(&str, &str)] = &[
    ("sigil_store_pool_connections_in_use", "Store connections in use."),
    ("sigil_store_pool_connections_idle", "Store connections idle in the pool."),
    ("sigil_connections_open", "Open client connections, by listener."),
    ("sigil_build_info", "Always 1; the labels name the running build."),
    ("process_start_time_seconds", "Start time of the process since the Unix epoch, in seconds."),
];
const HISTOGRAMS: &[(&str, &str)] =
    &[("sigil_http_request_duration_seconds", "Time from a request's headers to its response, by route.")];

/// Connection counts of one listener, registered once.
#[derive(Clone)]
pub struct ListenerMetrics {
    pub open: Gauge,
    pub rejected: Counter,
}

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
        for (name, help) in COUNTERS {
            recorder.describe_counter(KeyName::from_const_str(name), None, SharedString::const_str(help));
        }
        for (name, help) in GAUGES {
            recorder.describe_gauge(KeyName::from_const_str(name), None, SharedString::const_str(help));
        }
        for (name, help) in HISTOGRAMS {
            recorder.describe_histogram(
                KeyName::from_const_str(name),
                Some(Unit::Seconds),
                SharedString::const_str(help),
            );
        }
        let version = vec![Label::new("version", env!("CARGO_PKG_VERSION"))];
        recorder.register_gauge(&Key::from_parts("sigil_build_info", version), &META).set(1.0);
        Self { recorder, handle, routes: RwLock::default() }
    }

    /// The connection metrics of the listener named `listener` (`public`, `admin`).
    pub fn listener(&self, listener: &'static str) -> ListenerMetrics {
        let labels = || vec![Label::new("listener", listener)];
        ListenerMetrics {
            open: self.recorder.register_gauge(&Key::from_parts("sigil_connections_open", labels()), &META),
            rejected: self
                .recorder
                .register_counter(&Key::from_parts("sigil_connections_rejected_total", labels()), &META),
        }
    }

    /// Sets a counter kept elsewhere (e.g. the sign-in writer's drops) to its current value.
    pub fn counter_value(&self, name: &'static str, value: u64) {
        self.recorder.register_counter(&Key::from_name(name), &META).absolute(value);
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

    /// A request refused by the rate limit of `dimension` (four values: bounded labels).
    pub fn rate_limited(&self, dimension: &'static str) {
        self.recorder
            .register_counter(
                &Key::from_parts("sigil_rate_limited_total", vec![Label::new("dimension", dimension)]),
                &META,
            )
            .increment(1);
    }

    pub fn gauge(&self, name: &'static str, value: f64) {
        self.recorder.register_gauge(&Key::from_name(name), &META).set(value);
    }

    pub fn render(&self) -> String {
        let mut text = self.handle.render();
        process_metrics(&mut text);
        text
    }

    /// Folds the histogram samples recorded since the last call into their buckets. The recorder
    /// keeps every sample (with its timestamp) until a render or an upkeep drains it, so without
    /// this a server that nobody scrapes grows by ~24 bytes per request (`serve` runs it every 5 s).
    pub fn run_upkeep(&self) {
        self.handle.run_upkeep();
    }
}

/// `process_*` metrics from `/proc` (Linux), named and typed as Prometheus' own clients export
/// them. Hand-written rather than the `metrics-process` crate: a dozen lines against that crate's
/// extra dependencies, and it records through `metrics`' global recorder, which Sigil does not
/// install. CPU time is in clock ticks of 100 per second (`USER_HZ`, fixed on Linux; the
/// Prometheus Go client's procfs assumes the same). Missing files (not Linux) leave them out.
fn process_metrics(out: &mut String) {
    use std::fmt::Write;
    let mut metric = |name: &str, kind: &str, help: &str, value: f64| {
        let _ = write!(out, "# HELP {name} {help}\n# TYPE {name} {kind}\n{name} {value}\n\n");
    };
    // Fields after the command name, which is in parentheses and may contain spaces.
    if let Ok(stat) = std::fs::read_to_string("/proc/self/stat")
        && let Some((_, rest)) = stat.rsplit_once(") ")
    {
        let fields: Vec<&str> = rest.split_whitespace().collect();
        // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
        let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
        metric(
            "process_cpu_seconds_total",
            "counter",
            "User and system CPU time spent, in seconds.",
            (ticks(11) + ticks(12)) / 100.0,
        );
    }
    if let Ok(status) = std::fs::read_to_string("/proc/self/status")
        && let Some(kb) = status.lines().find_map(|l| l.strip_prefix("VmRSS:"))
        && let Some(Ok(kb)) = kb.split_whitespace().next().map(str::parse::<f64>)
    {
        metric("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.", kb * 1024.0);
    }
    if let Ok(fds) = std::fs::read_dir("/proc/self/fd") {
        metric("process_open_fds", "gauge", "Open file descriptors.", fds.count() as f64);
    }
    if let Ok(limits) = std::fs::read_to_string("/proc/self/limits")
        && let Some(line) = limits.lines().find(|l| l.starts_with("Max open files"))
        && let Some(Ok(soft)) = line.split_whitespace().nth(3).map(str::parse::<f64>)
    {
        metric("process_max_fds", "gauge", "Maximum number of open file descriptors.", soft);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Grafana dashboard (deploy/grafana/sigil.json) queries only metrics Sigil exports, and
    /// shows every one of them.
    #[test]
    fn the_dashboard_matches_the_exported_metrics() {
        let dash: serde_json::Value =
            serde_json::from_str(include_str!("../../../deploy/grafana/sigil.json")).expect("dashboard JSON");
        let mut used = std::collections::BTreeSet::new();
        for p in dash["panels"].as_array().expect("panels") {
            for t in p["targets"].as_array().into_iter().flatten() {
                let expr = t["expr"].as_str().expect("expr");
                for word in expr.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
                    if word.starts_with("sigil_") || word.starts_with("process_") {
                        let base =
                            ["_bucket", "_count", "_sum"].iter().find_map(|s| word.strip_suffix(s)).unwrap_or(word);
                        used.insert(base.to_string());
                    }
                }
            }
        }
        let process =
            ["process_cpu_seconds_total", "process_resident_memory_bytes", "process_open_fds", "process_max_fds"];
        let exported: std::collections::BTreeSet<String> = COUNTERS
            .iter()
            .chain(GAUGES)
            .chain(HISTOGRAMS)
            .map(|(n, _)| n.to_string())
            .chain(process.iter().map(|n| n.to_string()))
            .collect();
        let unknown: Vec<_> = used.difference(&exported).collect();
        assert!(unknown.is_empty(), "the dashboard queries metrics Sigil does not export: {unknown:?}");
        let missing: Vec<_> = exported.difference(&used).collect();
        assert!(missing.is_empty(), "metrics without a dashboard panel: {missing:?}");
    }

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
