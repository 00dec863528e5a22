//! OIDC Back-Channel Logout 1.0 §2.5: logout tokens POSTed to the relying parties' registered
//! `backchannel_logout_uri` (only that URI: no redirects are followed). The user's logout never waits:
//! delivery runs on a spawned task, each request bounded by a timeout, with bounded retries.
use std::time::Duration;

use sigil_core::backchannel::LogoutNotice;

/// Per request (connect and response).
const TIMEOUT: Duration = Duration::from_secs(5);
/// Attempts per relying party, the first included.
const ATTEMPTS: u32 = 3;
/// Wait before the second attempt; doubled for each further one.
const BACKOFF: Duration = Duration::from_millis(500);

/// Spawns the delivery of `notices`; returns at once.
pub fn deliver(notices: Vec<LogoutNotice>) {
    if notices.is_empty() {
        return;
    }
    let http = match reqwest::Client::builder().timeout(TIMEOUT).redirect(reqwest::redirect::Policy::none()).build() {
        Ok(c) => c,
        Err(e) => return tracing::warn!(error = %e, "back-channel logout: no HTTP client"),
    };
    for n in notices {
        tokio::spawn(send(http.clone(), n));
    }
}

async fn send(http: reqwest::Client, n: LogoutNotice) {
    let mut wait = BACKOFF;
    for attempt in 1..=ATTEMPTS {
        let res = http.post(&n.uri).form(&[("logout_token", n.logout_token.as_str())]).send().await;
        // §2.8: 200 (or 204) is success; anything else may be retried.
        let outcome = match res {
            Ok(r) if r.status().is_success() => {
                return tracing::info!(client_id = %n.client_id, attempt, "back-channel logout delivered");
            }
            Ok(r) => format!("status {}", r.status().as_u16()),
            Err(e) => (if e.is_timeout() { "timeout" } else { "connection failed" }).to_string(),
        };
        tracing::warn!(client_id = %n.client_id, attempt, outcome, "back-channel logout not delivered");
        if attempt < ATTEMPTS {
            tokio::time::sleep(wait).await;
            wait *= 2;
        }
    }
}
