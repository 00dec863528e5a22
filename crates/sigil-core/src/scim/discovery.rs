//! RFC 7644 §4 discovery: `/ServiceProviderConfig` (RFC 7643 §5), `/ResourceTypes` (§6) and
//! `/Schemas` (§7), computed from what Sigil serves. The schemas declare only the attributes
//! Sigil stores, each with its real mutability, so a client (and a validator) can rely on them.
use serde_json::{Value, json};

use super::{ENTERPRISE_USER, GROUP, MAX_RESULTS, USER};

const SPC: &str = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
const RESOURCE_TYPE: &str = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
const SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:Schema";

/// RFC 7643 §5. `base`: the tenant's SCIM base URL (no trailing slash).
pub fn service_provider_config(base: &str, docs: &str) -> Value {
    json!({
        "schemas": [SPC],
        "documentationUri": docs,
        "patch": {"supported": true},
        "bulk": {"supported": false, "maxOperations": 0, "maxPayloadSize": 0},
        "filter": {"supported": true, "maxResults": MAX_RESULTS},
        "changePassword": {"supported": true},
        "sort": {"supported": false},
        "etag": {"supported": true},
        "authenticationSchemes": [{
            "type": "oauthbearertoken",
            "name": "OAuth Bearer Token",
            "description": "A Sigil access token for api://sigil-admin with Sigil.Admin or Sigil.Provisioning (Sigil.Reader reads)",
            "specUri": "https://www.rfc-editor.org/rfc/rfc6750",
            "documentationUri": docs,
            "primary": true
        }],
        "meta": {"resourceType": "ServiceProviderConfig", "location": format!("{base}/ServiceProviderConfig")}
    })
}

/// RFC 7643 §6.
pub fn resource_types(base: &str) -> Vec<Value> {
    vec![
        json!({
            "schemas": [RESOURCE_TYPE], "id": "User", "name": "User", "endpoint": "/Users",
            "description": "User Account", "schema": USER,
            "schemaExtensions": [{"schema": ENTERPRISE_USER, "required": false}],
            "meta": {"resourceType": "ResourceType", "location": format!("{base}/ResourceTypes/User")}
        }),
        json!({
            "schemas": [RESOURCE_TYPE], "id": "Group", "name": "Group", "endpoint": "/Groups",
            "description": "Group", "schema": GROUP, "schemaExtensions": [],
            "meta": {"resourceType": "ResourceType", "location": format!("{base}/ResourceTypes/Group")}
        }),
    ]
}

/// One attribute definition (RFC 7643 §7).
fn attr(
    name: &str,
    ty: &str,
    multi: bool,
    required: bool,
    mutability: &str,
    returned: &str,
    uniqueness: &str,
) -> Value {
    let mut a = json!({
        "name": name, "type": ty, "multiValued": multi, "description": name, "required": required,
        "mutability": mutability, "returned": returned, "uniqueness": uniqueness,
    });
    if ty == "string" || ty == "reference" {
        a["caseExact"] = json!(matches!(name, "id" | "externalId" | "value" | "$ref"));
    }
    if ty == "reference" {
        a["referenceTypes"] = json!(["User", "Group"]);
    }
    a
}

fn rw(name: &str, ty: &str) -> Value {
    attr(name, ty, false, false, "readWrite", "default", "none")
}

fn complex(mut a: Value, subs: Vec<Value>) -> Value {
    a["subAttributes"] = Value::Array(subs);
    a
}

fn multi_complex(name: &str, subs: Vec<Value>) -> Value {
    complex(attr(name, "complex", true, false, "readWrite", "default", "none"), subs)
}

fn typed_values(name: &str, types: &[&str]) -> Value {
    let mut ty = rw("type", "string");
    ty["canonicalValues"] = json!(types);
    multi_complex(name, vec![rw("value", "string"), rw("display", "string"), ty, rw("primary", "boolean")])
}

fn schema(id: &str, name: &str, attributes: Vec<Value>, base: &str) -> Value {
    json!({
        "schemas": [SCHEMA], "id": id, "name": name, "description": name, "attributes": attributes,
        "meta": {"resourceType": "Schema", "location": format!("{base}/Schemas/{id}")}
    })
}

/// RFC 7643 §7 and §8.7.1, limited to what Sigil stores. `locale` and `timezone` are accepted
/// (they become the OIDC claims, checked as a BCP 47 tag and a tz name) but not declared: a
/// generic client fills declared strings with free text, which those rules refuse. Members are
/// users only, so their `type` is not declared either.
pub fn schemas(base: &str) -> Vec<Value> {
    let user = vec![
        attr("userName", "string", false, true, "readWrite", "default", "server"),
        complex(
            rw("name", "complex"),
            ["formatted", "familyName", "givenName", "middleName", "honorificPrefix", "honorificSuffix"]
                .iter()
                .map(|n| rw(n, "string"))
                .collect(),
        ),
        rw("displayName", "string"),
        rw("nickName", "string"),
        rw("title", "string"),
        rw("userType", "string"),
        rw("preferredLanguage", "string"),
        rw("active", "boolean"),
        attr("password", "string", false, false, "writeOnly", "never", "none"),
        typed_values("emails", &["work", "home", "other"]),
        typed_values("phoneNumbers", &["work", "home", "mobile", "fax", "pager", "other"]),
        complex(
            attr("groups", "complex", true, false, "readOnly", "default", "none"),
            vec![
                attr("value", "string", false, false, "readOnly", "default", "none"),
                attr("$ref", "reference", false, false, "readOnly", "default", "none"),
                attr("display", "string", false, false, "readOnly", "default", "none"),
                attr("type", "string", false, false, "readOnly", "default", "none"),
            ],
        ),
    ];
    let enterprise = vec![
        rw("employeeNumber", "string"),
        rw("costCenter", "string"),
        rw("organization", "string"),
        rw("division", "string"),
        rw("department", "string"),
        complex(
            rw("manager", "complex"),
            vec![
                rw("value", "string"),
                attr("$ref", "reference", false, false, "readWrite", "default", "none"),
                attr("displayName", "string", false, false, "readOnly", "default", "none"),
            ],
        ),
    ];
    let group = vec![
        attr("displayName", "string", false, true, "readWrite", "default", "server"),
        multi_complex(
            "members",
            vec![
                attr("value", "string", false, false, "immutable", "default", "none"),
                attr("$ref", "reference", false, false, "immutable", "default", "none"),
                attr("display", "string", false, false, "readOnly", "default", "none"),
            ],
        ),
    ];
    vec![
        schema(USER, "User", user, base),
        schema(ENTERPRISE_USER, "EnterpriseUser", enterprise, base),
        schema(GROUP, "Group", group, base),
    ]
}
