//! OpenTelemetry traces exported over OTLP/HTTP with protobuf bodies (`server.otlp_endpoint`):
//! every request is a span named `request` carrying Sigil's trace and correlation IDs, with the
//! events logged inside it. The exporter batches on its own thread (blocking reqwest client), so an
//! unreachable collector costs the request path nothing; spans beyond the queue are dropped.
//! The standard `OTEL_*` variables of the SDK apply (`OTEL_SERVICE_NAME`, `OTEL_BSP_*`,
//! `OTEL_EXPORTER_OTLP_HEADERS`, ...).
use std::time::Duration;

use opentelemetry::trace::TracerProvider as _;
use opentelemetry_otlp::{Protocol, WithExportConfig};
use opentelemetry_sdk::Resource;
use opentelemetry_sdk::trace::{Sampler, SdkTracerProvider};

use crate::config::Config;

/// The tracer provider when an endpoint is configured; shut it down at exit to flush the batch.
pub fn provider(cfg: &Config) -> Result<Option<SdkTracerProvider>, String> {
    let endpoint = &cfg.server.otlp_endpoint;
    if endpoint.is_empty() {
        return Ok(None);
    }
    let exporter = opentelemetry_otlp::SpanExporter::builder()
        .with_http()
        .with_protocol(Protocol::HttpBinary)
        .with_endpoint(endpoint.clone())
        .with_timeout(Duration::from_secs(5))
        .build()
        .map_err(|e| format!("server.otlp_endpoint {endpoint}: {e}"))?;
    let mut resource =
        Resource::builder().with_attribute(opentelemetry::KeyValue::new("service.version", env!("CARGO_PKG_VERSION")));
    if std::env::var_os("OTEL_SERVICE_NAME").is_none() {
        resource = resource.with_service_name("sigil");
    }
    // The sampling decision is made per request in `sigil-http` (meta.rs), which gives every span
    // a parent: a sampled parent is followed, so `server.otlp_sample_ratio` holds there.
    let provider = SdkTracerProvider::builder()
        .with_batch_exporter(exporter)
        .with_sampler(Sampler::ParentBased(Box::new(Sampler::TraceIdRatioBased(cfg.server.otlp_sample_ratio))))
        .with_resource(resource.build())
        .build();
    Ok(Some(provider))
}

/// The `tracing` layer feeding the provider's tracer.
pub fn layer<S>(
    provider: &SdkTracerProvider,
) -> tracing_opentelemetry::OpenTelemetryLayer<S, opentelemetry_sdk::trace::Tracer>
where
    S: tracing::Subscriber + for<'span> tracing_subscriber::registry::LookupSpan<'span>,
{
    tracing_opentelemetry::layer().with_tracer(provider.tracer("sigil"))
}
