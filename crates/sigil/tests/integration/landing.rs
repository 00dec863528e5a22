//! `GET /`: the landing page a person sees when opening the server in a browser (issue 17, item 17).
use serde_json::Value;

use crate::common::*;

#[tokio::test]
async fn the_root_is_a_landing_page_not_raw_json() {
    let s = server().await;
    let r = s.http().get(s.url("/")).header("accept", "text/html").send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    assert!(r.headers()["content-security-policy"].to_str().unwrap().contains("default-src 'none'"));
    let html = r.text().await.unwrap();
    assert!(html.contains("href=\"/error?lang=en\""), "links the troubleshooting pages");
    assert!(html.contains(".well-known") && html.contains("oauth2"), "shows the endpoint URLs");

    let ru = s.http().get(s.url("/?lang=ru")).send().await.unwrap().text().await.unwrap();
    assert!(ru.contains("lang=\"ru\"") && ru.contains("Служба входа Sigil"));

    let json: Value =
        s.http().get(s.url("/")).header("accept", "application/json").send().await.unwrap().json().await.unwrap();
    let token = json["endpoints"].as_array().unwrap().iter().find(|e| e["name"] == "token").unwrap();
    assert_eq!(token["url"].as_str().unwrap(), s.url("/{tenant}/oauth2/v2.0/token"));

    // The tenant box leads to that tenant's discovery document; anything odd stays on the page.
    let r = s.http().get(s.url("/?tenant=contoso")).send().await.unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/contoso/v2.0/.well-known/openid-configuration");
    let r = s.http().get(s.url("/?tenant=a%0d%0aSet-Cookie:x=1")).send().await.unwrap();
    assert_eq!(r.status(), 200);
}
