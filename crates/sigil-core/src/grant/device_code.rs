//! RFC 8628 §3.4, §3.5: the device polls the token endpoint with its device code. The store records
//! each poll and redeems an approved code in one statement, so a code yields tokens exactly once.
use super::{GrantStart, Issued, Request, load_user, start_grant};
use crate::catalog;
use crate::crypto::token_hash;
use crate::device::SLOW_DOWN_BY;
use crate::error::SigilError;
use crate::model::GrantType;
use crate::scope;
use crate::store::{DevicePoll, DeviceStatus};

pub(super) async fn handle(r: &Request<'_>) -> Result<Issued, SigilError> {
    let code = r.params.require("device_code")?;
    let client = r.client.client();
    let poll =
        r.ctx.store.poll_device(r.view.tenant.id, &client.client_id, &token_hash(code), r.now, SLOW_DOWN_BY).await?;
    let approved = match poll {
        // Unknown, or issued to another client: §3.5 invalid_grant.
        DevicePoll::Unknown => return Err(SigilError::new(catalog::INVALID_GRANT, "device code unknown")),
        DevicePoll::Waiting { expires_at, .. } if expires_at <= r.now => {
            return Err(SigilError::new(
                catalog::DEVICE_CODE_EXPIRED,
                format!("device code expired {} s ago", r.now - expires_at),
            ));
        }
        DevicePoll::Waiting { status: DeviceStatus::Redeemed, .. } => {
            return Err(SigilError::new(catalog::INVALID_GRANT, "device code already redeemed"));
        }
        DevicePoll::Waiting { status: DeviceStatus::Denied, .. } => {
            return Err(SigilError::new(catalog::DEVICE_AUTHORIZATION_DECLINED, "the user declined the request"));
        }
        // §3.5 slow_down: "the interval MUST be increased by 5 seconds for this and all subsequent
        // requests" (the store already raised it).
        DevicePoll::Waiting { too_fast: true, interval, .. } => {
            return Err(SigilError::new(
                catalog::DEVICE_POLLING_TOO_FAST,
                format!("polled sooner than the interval; wait {interval} s between polls"),
            ));
        }
        // Approved between the two statements of the poll: the next poll redeems it.
        DevicePoll::Waiting { status: DeviceStatus::Pending | DeviceStatus::Approved, .. } => {
            return Err(SigilError::new(catalog::AUTHORIZATION_PENDING, "the user has not completed the sign-in yet"));
        }
        DevicePoll::Redeemed(a) => a,
    };
    let user = load_user(r, approved.user_id).await?;
    let scope = scope::resolve_user(r.view, client, &approved.scope)?;
    let grant_id = crate::rng::uuid_v4(r.ctx.rng.as_ref());
    let response = start_grant(
        r,
        grant_id,
        &user,
        &scope,
        GrantStart {
            grant_scope: &scope.to_scope_string(),
            auth_time: approved.auth_time,
            amr: &approved.amr,
            nonce: None,
            session_id: approved.session_id.as_deref(),
            parent: None,
            act: None,
        },
    )
    .await?;
    Ok(Issued {
        response,
        grant_type: GrantType::DeviceCode,
        user: Some(user.username.clone()),
        note: format!("grant {grant_id}"),
    })
}
