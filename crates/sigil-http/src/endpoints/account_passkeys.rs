//! `GET/POST /{tenant}/account/passkeys`: the signed-in user's passkeys (issue 21): each with its
//! name, when it was added and last used, and whether it is blocked; add one (W3C WebAuthn Level
//! 3 §7.1 registration), rename, remove. The session cookie says who; every form is bound to that
//! session and to the browser's CSRF cookie; each change is recorded in the sign-in log.
use axum::http::{Method, StatusCode, header};
use axum::response::Response;
use serde_json::json;
use sigil_core::clock::UnixTime;
use sigil_core::error::SigilError;
use sigil_core::factor::passkey::{self, AccountForm};
use sigil_core::model::{Session, User};
use uuid::Uuid;

use super::interaction::{error_page, refused_page};
use crate::meta::CatalogCode;
use crate::pages::page_response;
use crate::request::{self, Opening, ParamsFrom, Refused, TenantRequest};
use crate::{AppState, cookies};

/// The page's opening: GET (no parameters) or a form POST; refusals are the error page.
pub struct AccountPasskeys;

impl Opening for AccountPasskeys {
    const PARAMS: ParamsFrom = ParamsFrom::QueryOrForm;

    fn refuse(r: Refused<'_>) -> Response {
        let locale = request::locale(r.meta, None, r.view);
        refused_page(&r, "account", locale)
    }
}

/// What a POST did: a line to show (`ui-passkeys-*` with the name), or a refusal.
type Outcome = Result<String, SigilError>;

pub async fn passkeys(req: TenantRequest<AccountPasskeys>) -> Response {
    let TenantRequest { state, meta, view, headers, .. } = &req;
    let locale = req.locale();
    let mut record = req.record("account".into());
    let signed_in = match cookies::current_session(state, view, headers).await {
        Ok(Some(s)) => match state.ctx.store.user_by_id(view.tenant.id, s.user_id).await {
            Ok(u) => u.filter(|u| u.enabled).map(|u| (s, u)),
            Err(e) => return error_page(state, meta, locale, &e.into(), &mut record),
        },
        Ok(None) => None,
        Err(e) => return error_page(state, meta, locale, &e, &mut record),
    };
    let Some((session, user)) = signed_in else { return signed_out(state, locale, &view.tenant.display_name) };
    record.user = Some(user.username.clone());
    let outcome = if req.method == Method::POST { Some(change(&req, &session, &user).await) } else { None };
    let (notice, error) = match outcome {
        None => (None, None),
        Some(Ok(line)) => {
            record.reason = line.clone();
            request::finish(state, meta, record);
            (Some(line), None)
        }
        Some(Err(e)) if e.entry.status >= 500 => return error_page(state, meta, locale, &e, &mut record),
        Some(Err(e)) => {
            request::fill_error(&mut record, &e);
            request::finish(state, meta, record);
            (None, Some(e))
        }
    };
    render(&req, locale, &session, &user, notice, error).await
}

/// Applies a posted form: anti-forgery token, then the sealed form of this session, then the
/// action. Returns the line to show.
async fn change(req: &TenantRequest<AccountPasskeys>, session: &Session, user: &User) -> Outcome {
    let TenantRequest { state, view, params, headers, .. } = req;
    let ctx = &state.ctx;
    let form = params.get("form").unwrap_or("");
    cookies::check_csrf(state, headers, form, params.get("csrf_token").unwrap_or(""))?;
    let f = AccountForm::open(&ctx.master, ctx.clock.now(), view.tenant.id, session, form)?;
    let (tenant, m, locale) = (view.tenant.id, &state.messages, req.locale());
    let said = |key: &str, name: String| m.get(locale, key, &[("name", name)]);
    let id = || {
        params
            .get("id")
            .and_then(|i| Uuid::parse_str(i).ok())
            .ok_or_else(|| SigilError::new(sigil_core::catalog::PASSKEY_UNKNOWN, "no passkey id in the form"))
    };
    match params.get("action").unwrap_or("") {
        "add" => {
            let c = f.ceremony.as_ref().ok_or_else(|| {
                SigilError::new(sigil_core::catalog::INTERACTION_EXPIRED, "account form without a ceremony")
            })?;
            let (response, name) = (params.get("credential").unwrap_or(""), params.get("name").unwrap_or(""));
            let a = passkey::finish_registration(ctx, view, user, c, response, name).await?;
            Ok(said("ui-passkeys-added", a.name))
        }
        "rename" => Ok(said(
            "ui-passkeys-renamed",
            passkey::rename(ctx, tenant, user.id, id()?, params.get("name").unwrap_or("")).await?,
        )),
        "remove" => Ok(said("ui-passkeys-removed", passkey::remove(ctx, tenant, user.id, id()?).await?)),
        other => Err(SigilError::new(
            sigil_core::catalog::INTERACTION_MISMATCH,
            format!("unknown account action '{}'", sigil_core::params::sanitize(other)),
        )),
    }
}

/// The page: the list, a fresh registration ceremony, the outcome of a POST.
async fn render(
    req: &TenantRequest<AccountPasskeys>,
    locale: &'static str,
    session: &Session,
    user: &User,
    notice: Option<String>,
    error: Option<SigilError>,
) -> Response {
    let TenantRequest { state, meta, view, headers, .. } = req;
    let ctx = &state.ctx;
    let m = &state.messages;
    let mut record = req.record("account".into());
    let listed = match passkey::list(ctx, view.tenant.id, user.id).await {
        Ok(l) => l,
        Err(e) => return error_page(state, meta, locale, &e, &mut record),
    };
    let existing = match ctx.store.authenticators(view.tenant.id, user.id).await {
        Ok(a) => a,
        Err(e) => return error_page(state, meta, locale, &e.into(), &mut record),
    };
    let begun = match passkey::begin_registration(ctx, view, user, &existing) {
        Ok(b) => b,
        Err(e) => return error_page(state, meta, locale, &e, &mut record),
    };
    let form = AccountForm::new(view.tenant.id, session, Some(begun.ceremony), ctx.clock.now())
        .seal(&ctx.master, ctx.rng.as_ref());
    let (csrf_token, set_csrf) = cookies::csrf_for(state, headers, &form);
    let never = m.get(locale, "ui-passkeys-never", &[]);
    let items: Vec<_> = listed
        .iter()
        .map(|p| {
            let used = p.last_used_at.map(when).unwrap_or_else(|| never.clone());
            let facts = m.get(locale, "ui-passkeys-facts", &[("created", when(p.created_at)), ("used", used)]);
            json!({ "id": p.id, "name": p.name, "facts": facts, "flagged": p.flagged })
        })
        .collect();
    let nonce = sigil_core::rng::token_256(ctx.rng.as_ref());
    let code = error.as_ref().map(|e| e.public_entry().code);
    let page = json!({
        "action": format!("/{}/account/passkeys", view.tenant.id),
        "signed_in_as": m.get(locale, "ui-passkeys-signed-in-as", &[("user", user.username.clone())]),
        "passkeys": items, "form": form, "csrf_token": csrf_token,
        "passkey_options": begun.options, "script_nonce": nonce,
        "tenant_display": view.tenant.display_name,
        "notice": notice,
        "error": error.as_ref().map(|e| m.get(locale, &e.public_entry().key("description"), &[])),
        "error_code": code,
    });
    let html = state.pages.render(m, locale, "passkeys.html", page).unwrap_or_else(|e| format!("template error: {e}"));
    let mut res = page_response(StatusCode::OK, html, locale, Some(&nonce), None);
    if let Some(c) = set_csrf {
        res.headers_mut().append(header::SET_COOKIE, c);
    }
    if let Some(c) = code {
        res.extensions_mut().insert(CatalogCode(c));
    }
    res
}

/// No session: the page cannot know who you are (the account page signs you in through an
/// application; docs/passkeys.md).
fn signed_out(state: &AppState, locale: &str, tenant_display: &str) -> Response {
    let m = &state.messages;
    let ctx = json!({
        "title": m.get(locale, "ui-passkeys-signed-out-title", &[]),
        "body": m.get(locale, "ui-passkeys-signed-out-body", &[]),
        "tenant_display": tenant_display,
    });
    let html = state.pages.render(m, locale, "message.html", ctx).unwrap_or_default();
    crate::pages::html_response(StatusCode::UNAUTHORIZED, html, locale, None)
}

/// A time as the page shows it: UTC, to the minute (the same in every language), isolated
/// left-to-right (Unicode bidi LRI … PDI) so that a right-to-left line keeps it in order.
fn when(t: UnixTime) -> String {
    let f = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    let s = time::OffsetDateTime::from_unix_timestamp(t).ok().and_then(|d| d.format(f).ok()).unwrap_or_default();
    format!("\u{2066}{s}\u{2069}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn times_are_utc_to_the_minute() {
        assert_eq!(super::when(1_800_000_000), "\u{2066}2027-01-15 08:00 UTC\u{2069}");
    }
}
