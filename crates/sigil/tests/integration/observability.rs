//! Observability (issue 23 item 5): JSON logs with one access line per request (no query string),
//! and OpenTelemetry traces over OTLP/HTTP received by a real receiver this test starts (an axum
//! server decoding the protobuf `ExportTraceServiceRequest`): the span of a token request arrives
//! with the trace ID the response named, and a caller's W3C `traceparent` is continued.
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use opentelemetry_proto::tonic::collector::trace::v1::ExportTraceServiceRequest;
use opentelemetry_proto::tonic::common::v1::any_value::Value as AnyValue;
use prost::Message;
use serde_json::Value;
use sigil_testkit::ServerOptions;

use crate::common::*;

#[derive(Debug, Clone)]
struct ReceivedSpan {
    name: String,
    trace_id: String,
    parent_span_id: String,
    attributes: Vec<(String, String)>,
    service: String,
}

impl ReceivedSpan {
    fn attr(&self, key: &str) -> Option<&str> {
        self.attributes.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn text(v: &Option<opentelemetry_proto::tonic::common::v1::AnyValue>) -> String {
    match v.as_ref().and_then(|v| v.value.as_ref()) {
        Some(AnyValue::StringValue(s)) => s.clone(),
        Some(AnyValue::IntValue(i)) => i.to_string(),
        Some(AnyValue::BoolValue(b)) => b.to_string(),
        Some(other) => format!("{other:?}"),
        None => String::new(),
    }
}

/// A minimal OTLP/HTTP receiver (`POST /v1/traces`, protobuf); returns its URL and what it got.
async fn receiver() -> (String, Arc<Mutex<Vec<ReceivedSpan>>>) {
    let got: Arc<Mutex<Vec<ReceivedSpan>>> = Arc::default();
    let sink = got.clone();
    let app = axum::Router::new().route(
        "/v1/traces",
        axum::routing::post(move |headers: axum::http::HeaderMap, body: axum::body::Bytes| {
            let sink = sink.clone();
            async move {
                assert_eq!(headers["content-type"], "application/x-protobuf");
                let req = ExportTraceServiceRequest::decode(body).expect("an OTLP protobuf body");
                for rs in req.resource_spans {
                    let service = rs
                        .resource
                        .as_ref()
                        .and_then(|r| r.attributes.iter().find(|a| a.key == "service.name"))
                        .map(|a| text(&a.value))
                        .unwrap_or_default();
                    for ss in rs.scope_spans {
                        for s in ss.spans {
                            sink.lock().unwrap().push(ReceivedSpan {
                                name: s.name.clone(),
                                trace_id: hex(&s.trace_id),
                                parent_span_id: hex(&s.parent_span_id),
                                attributes: s.attributes.iter().map(|a| (a.key.clone(), text(&a.value))).collect(),
                                service: service.clone(),
                            });
                        }
                    }
                }
                // An empty ExportTraceServiceResponse: everything accepted.
                ([("content-type", "application/x-protobuf")], Vec::<u8>::new())
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/v1/traces", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, got)
}

async fn wait_for_span(got: &Arc<Mutex<Vec<ReceivedSpan>>>, trace_id: &str) -> ReceivedSpan {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Some(s) = got.lock().unwrap().iter().find(|s| s.trace_id == trace_id && s.name == "request") {
            return s.clone();
        }
        assert!(Instant::now() < deadline, "no span for trace {trace_id}; received: {:?}", got.lock().unwrap());
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn access_lines(log: &str) -> Vec<Value> {
    log.lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|v| v["target"] == "sigil::access")
        .collect()
}

#[tokio::test]
async fn token_request_spans_reach_an_otlp_receiver_with_the_response_trace_id() {
    let (url, got) = receiver().await;
    let env = vec![
        ("SIGIL_SERVER_OTLP_ENDPOINT".to_string(), url),
        ("SIGIL_SERVER_ACCESS_LOG".into(), "info".into()),
        // A quiet log but for the access lines: the traces do not depend on the log filter.
        ("SIGIL_SERVER_LOG_LEVEL".into(), "warn,sigil::access=info".into()),
        // The SDK's batch delay (default 5 s), shortened so the test does not wait.
        ("OTEL_BSP_SCHEDULE_DELAY".into(), "100".into()),
    ];
    let s = server_with(ServerOptions { env, ..Default::default() }).await;
    let cc = [("grant_type", "client_credentials"), ("scope", "api://reports/.default")];
    let r = token(&s, "contoso", &cc, Some(DAEMON)).await;
    assert_eq!(r.status(), 200);
    let trace = r.headers()["x-sigil-trace-id"].to_str().unwrap().to_string();
    let span = wait_for_span(&got, &trace.replace('-', "")).await;
    assert_eq!(span.service, "sigil");
    assert_eq!(span.attr("trace_id"), Some(trace.as_str()), "{span:?}");
    assert_eq!(span.attr("url.path"), Some("/contoso/oauth2/v2.0/token"));
    assert_eq!(span.attr("http.request.method"), Some("POST"));
    assert_eq!(span.attr("http.response.status_code"), Some("200"));

    // A caller's trace is continued: same trace ID, the caller's span as parent.
    let caller_trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    let r = s
        .http()
        .post(s.url("/contoso/oauth2/v2.0/token"))
        .header("traceparent", format!("00-{caller_trace}-00f067aa0ba902b7-01"))
        .basic_auth(DAEMON.0, Some(DAEMON.1))
        .form(&cc)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let sigil_trace = r.headers()["x-sigil-trace-id"].to_str().unwrap().to_string();
    let span = wait_for_span(&got, caller_trace).await;
    assert_eq!(span.parent_span_id, "00f067aa0ba902b7");
    assert_eq!(span.attr("trace_id"), Some(sigil_trace.as_str()), "Sigil's own ID stays an attribute");

    // One JSON access line per request: method, path without the query, status, latency, client
    // address and trace ID; nothing from the query string.
    let r = s
        .http()
        .get(s.url("/contoso/oauth2/v2.0/authorize?login_hint=secret-hint%40example.com"))
        .send()
        .await
        .unwrap();
    let authorize_trace = r.headers()["x-sigil-trace-id"].to_str().unwrap().to_string();
    let deadline = Instant::now() + Duration::from_secs(5);
    let line = loop {
        let lines = access_lines(&s.log());
        if let Some(l) = lines.iter().find(|l| l["fields"]["trace_id"] == authorize_trace.as_str()) {
            break l.clone();
        }
        assert!(Instant::now() < deadline, "no access line for {authorize_trace}: {}", s.log());
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let f = &line["fields"];
    assert_eq!(line["level"], "INFO");
    assert_eq!((f["method"].as_str(), f["path"].as_str()), (Some("GET"), Some("/contoso/oauth2/v2.0/authorize")));
    assert_eq!(f["endpoint"], "/{tenant}/oauth2/v2.0/authorize", "the route template, for grouping");
    assert_eq!(f["status"].as_u64(), Some(r.status().as_u16() as u64));
    assert_eq!(f["client"], "127.0.0.1");
    assert!(f["micros"].as_u64().is_some(), "{line}");
    assert!(!s.log().contains("secret-hint"), "the query string is not logged");
    let token_line = access_lines(&s.log()).into_iter().find(|l| l["fields"]["trace_id"] == trace.as_str());
    assert_eq!(token_line.expect("the token request has its line")["fields"]["status"].as_u64(), Some(200));
}

#[tokio::test]
async fn the_access_log_can_be_switched_off_and_bad_settings_are_refused() {
    let env = vec![("SIGIL_SERVER_ACCESS_LOG".to_string(), "off".to_string()), ("SIGIL_LOG".into(), "trace".into())];
    let s = server_with(ServerOptions { env, ..Default::default() }).await;
    let r = s.http().get(s.url("/contoso/v2.0/.well-known/openid-configuration")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(access_lines(&s.log()).is_empty(), "access_log = off writes no access line even at trace");
    for (k, v, what) in [
        ("SIGIL_SERVER_ACCESS_LOG", "loud", "access_log"),
        ("SIGIL_SERVER_OTLP_ENDPOINT", "collector:4318", "otlp_endpoint"),
        ("SIGIL_SERVER_OTLP_SAMPLE_RATIO", "1.5", "otlp_sample_ratio"),
    ] {
        let out = sigil_command().args(["config", "check"]).env(k, v).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{k}={v}");
        assert!(String::from_utf8_lossy(&out.stderr).contains(what), "{}", String::from_utf8_lossy(&out.stderr));
    }
}
