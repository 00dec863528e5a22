//! The OpenAPI 3.1 document of the admin API, generated from the handlers' `#[utoipa::path]`
//! attributes and types, served at `/admin/api/v1/openapi.json`. A test holds it to the router's
//! route table: a route without its operation in the document fails the build's tests.
use std::sync::OnceLock;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{
    apis, applications, audit, consents, credentials, federated, grants, groups, keys, sessions, signin_stats, signins,
    tenants, users,
};

struct Bearer;

impl Modify for Bearer {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let mut http = Http::new(HttpAuthScheme::Bearer);
        http.description = Some(
            "The admin token (server.admin_token), or an access token Sigil issued for api://sigil-admin with the \
             role Sigil.Admin or Sigil.Reader."
                .into(),
        );
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme("bearer", SecurityScheme::Http(http));
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Sigil admin API", version = "1", description = "Tenants, applications (with secrets, certificates and federated credentials), users, groups, signing keys, grants, sessions, consents, the sign-in log and the audit log. Errors are RFC 9457 problem details carrying Sigil's catalog code, trace ID and correlation ID."),
    modifiers(&Bearer),
    security(("bearer" = [])),
    paths(
        document,
        tenants::list, tenants::create, tenants::get, tenants::update, tenants::delete,
        applications::list, applications::create, applications::get, applications::update, applications::delete,
        credentials::add_secret, credentials::remove_secret, credentials::add_certificate, credentials::remove_certificate,
        federated::list, federated::add, federated::remove,
        apis::list, apis::create, apis::get, apis::update, apis::delete,
        users::list, users::create, users::get, users::update, users::delete, users::disable, users::set_password,
        groups::list, groups::create, groups::get, groups::update, groups::delete, groups::of_user, groups::set_app_roles,
        groups::add_member, groups::remove_member,
        grants::list, grants::revoke,
        sessions::list, sessions::revoke,
        consents::list, consents::revoke,
        keys::list, keys::rotate,
        signins::search, signins::detail, signin_stats::stats,
        audit::search,
    )
)]
pub struct ApiDoc;

/// The document as JSON, rendered once.
pub fn json() -> &'static str {
    static DOC: OnceLock<String> = OnceLock::new();
    DOC.get_or_init(|| ApiDoc::openapi().to_json().unwrap_or_default())
}

/// This document (OpenAPI 3.1). Public: it describes the API, holds nothing of an installation, and
/// clients (and schemathesis) load it before they have a token.
#[utoipa::path(get, path = "/admin/api/v1/openapi.json", tag = "meta", security(()),
    responses((status = 200, description = "The OpenAPI 3.1 document (application/json)"),
        (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn document() -> Response {
    let mut res = (StatusCode::OK, json()).into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    crate::errors::no_store(res.headers_mut());
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_admin_route_is_in_the_document_and_nothing_else_is() {
        let doc = ApiDoc::openapi();
        assert!(matches!(doc.openapi, utoipa::openapi::OpenApiVersion::Version31));
        let mut documented = Vec::new();
        for (path, item) in &doc.paths.paths {
            for (m, op) in [
                ("GET", &item.get),
                ("POST", &item.post),
                ("PUT", &item.put),
                ("PATCH", &item.patch),
                ("DELETE", &item.delete),
            ] {
                if op.is_some() {
                    documented.push(format!("{m} {path}"));
                }
            }
        }
        documented.sort();
        let mut served: Vec<String> = super::super::routes().into_iter().map(|(m, p)| format!("{m} {p}")).collect();
        served.sort();
        let missing: Vec<&String> = served.iter().filter(|r| !documented.contains(r)).collect();
        assert!(missing.is_empty(), "routes missing from the OpenAPI document: {missing:?}");
        let extra: Vec<&String> = documented.iter().filter(|r| !served.contains(r)).collect();
        assert!(extra.is_empty(), "documented but not served: {extra:?}");
        assert!(served.len() >= 30, "{served:?}");
    }

    #[test]
    fn every_operation_documents_its_problem_answer_and_the_document_is_json() {
        let doc: serde_json::Value = serde_json::from_str(json()).unwrap();
        assert_eq!(doc["openapi"], "3.1.0");
        for (path, item) in doc["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                let d = &op["responses"]["default"]["content"]["application/problem+json"];
                assert!(d.is_object(), "{method} {path} has no problem+json default answer");
            }
        }
        assert!(doc["components"]["schemas"]["Problem"].is_object());
        assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
    }
}
