//! The one error catalog. Every refusal Sigil can send is one entry here: its number, a stable name,
//! the RFC 6749 / OIDC `error` value, the HTTP status and the Fluent message keys derived from the
//! number (`err-<code>-description`, `-meaning`, `-causes`, `-fix-user`, `-fix-dev`).
//!
//! Numbers follow Microsoft Entra ID where the condition is the same, so runbooks carry over.
//! Sigil's own conditions use the eight-digit range 88000000–88999999, which Entra does not use.

/// Where an error is shown: in a protocol response (JSON or redirect) or only as a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Surface {
    Token,
    Authorize,
    Page,
    Userinfo,
    /// The registration endpoint (RFC 7591) and client configuration endpoint (RFC 7592).
    Registration,
    Admin,
    Any,
}

#[derive(Debug, PartialEq, Eq)]
pub struct ErrorEntry {
    pub code: u32,
    pub name: &'static str,
    /// The RFC 6749 §5.2 / §4.1.2.1, RFC 6750 §3.1 or OIDC Core §3.1.2.6 `error` value.
    pub error: &'static str,
    pub status: u16,
    pub surface: Surface,
    /// When set, callers see this code and its message instead (e.g. an unknown user is reported
    /// exactly like a wrong password so usernames cannot be probed; Entra's 65001 as `invalid_grant`
    /// at the token endpoint); the `error` value and status stay this entry's, and the sign-in log
    /// keeps the real code.
    pub public_as: Option<u32>,
}

macro_rules! catalog {
    ($( $ident:ident = $code:literal, $name:literal, $error:literal, $status:literal, $surface:ident $(, as $pub:literal)? ;)*) => {
        $( pub const $ident: &ErrorEntry = &ErrorEntry {
            code: $code, name: $name, error: $error, status: $status, surface: Surface::$surface,
            public_as: catalog!(@pub $($pub)?),
        }; )*
        /// Every entry, in catalog order.
        pub const ALL: &[&ErrorEntry] = &[$($ident),*];
    };
    (@pub) => { None };
    (@pub $p:literal) => { Some($p) };
}

catalog! {
    // --- server conditions
    TOKEN_ISSUANCE_ERROR = 50000, "TokenIssuanceError", "server_error", 500, Any;
    TEMPORARILY_UNAVAILABLE = 90033, "TransientStoreError", "temporarily_unavailable", 503, Any;
    // --- request shape (RFC 6749 §5.2 invalid_request)
    TENANT_NOT_FOUND = 90002, "TenantNotFound", "invalid_request", 400, Any;
    MISSING_PARAMETER = 900144, "MissingParameter", "invalid_request", 400, Any;
    MALFORMED_REQUEST = 9002313, "MalformedRequest", "invalid_request", 400, Any;
    UNSUPPORTED_CONTENT_TYPE = 88000001, "UnsupportedContentType", "invalid_request", 400, Token;
    DUPLICATE_PARAMETER = 88000002, "DuplicateParameter", "invalid_request", 400, Any;
    MULTIPLE_CLIENT_AUTHENTICATION = 88000003, "MultipleClientAuthentication", "invalid_request", 400, Token;
    UNSUPPORTED_PARAMETER_VALUE = 88000004, "UnsupportedParameterValue", "invalid_request", 400, Any;
    PKCE_REQUIRED = 9002325, "PkceRequired", "invalid_request", 400, Any;
    // --- client authentication (RFC 6749 §5.2 invalid_client, 401)
    UNKNOWN_CLIENT = 700016, "UnauthorizedClientApplicationNotFound", "invalid_client", 401, Any;
    INVALID_CLIENT_SECRET = 7000215, "InvalidClientSecret", "invalid_client", 401, Token;
    EXPIRED_CLIENT_SECRET = 7000222, "ExpiredClientSecret", "invalid_client", 401, Token;
    MISSING_CLIENT_CREDENTIALS = 7000218, "MissingClientCredentials", "invalid_client", 401, Token;
    PUBLIC_CLIENT_SENT_SECRET = 700025, "PublicClientSentSecret", "invalid_client", 401, Token;
    AUTH_METHOD_NOT_ALLOWED = 88000005, "ClientAuthMethodNotAllowed", "invalid_client", 401, Token;
    MALFORMED_CLIENT_CREDENTIALS = 88000006, "MalformedClientCredentials", "invalid_client", 401, Token;
    // --- grants (invalid_grant)
    INVALID_GRANT = 70000, "InvalidGrant", "invalid_grant", 400, Token;
    EXPIRED_GRANT = 70008, "ExpiredOrInactiveGrant", "invalid_grant", 400, Token;
    CODE_ALREADY_REDEEMED = 54005, "AuthorizationCodeAlreadyRedeemed", "invalid_grant", 400, Token;
    GRANT_ISSUED_TO_ANOTHER_CLIENT = 88000007, "GrantIssuedToAnotherClient", "invalid_grant", 400, Token;
    PKCE_VERIFIER_MISMATCH = 501481, "CodeVerifierMismatch", "invalid_grant", 400, Token;
    REDIRECT_URI_MISMATCH_AT_TOKEN = 88000008, "RedirectUriDoesNotMatchCode", "invalid_grant", 400, Token;
    REFRESH_TOKEN_REUSED = 88000009, "RefreshTokenReused", "invalid_grant", 400, Token;
    GRANT_REVOKED = 50173, "GrantRevoked", "invalid_grant", 400, Token;
    REFRESH_TOKEN_LIFETIME_EXCEEDED = 88000010, "RefreshTokenMaxLifetimeExceeded", "invalid_grant", 400, Token;
    INVALID_USERNAME_OR_PASSWORD = 50126, "InvalidUserNameOrPassword", "invalid_grant", 400, Token;
    USER_NOT_FOUND = 50034, "UserAccountNotFound", "invalid_grant", 400, Token, as 50126;
    USER_DISABLED = 50057, "UserAccountDisabled", "invalid_grant", 400, Token;
    ACCOUNT_LOCKED = 50053, "IdsLocked", "invalid_grant", 400, Token;
    // --- authorization (unauthorized_client, unsupported_grant_type, invalid_scope)
    GRANT_TYPE_NOT_ALLOWED = 88000011, "GrantTypeNotAllowedForClient", "unauthorized_client", 400, Any;
    NO_PERMISSION_ON_API = 501051, "ClientHasNoPermissionOnApi", "unauthorized_client", 400, Any;
    UNSUPPORTED_GRANT_TYPE = 70003, "UnsupportedGrantType", "unsupported_grant_type", 400, Token;
    INVALID_SCOPE = 70011, "InvalidScope", "invalid_scope", 400, Any;
    API_NOT_FOUND = 500011, "ResourcePrincipalNotFound", "invalid_scope", 400, Any;
    SCOPE_NOT_GRANTED = 88000012, "ScopeNotGranted", "invalid_scope", 400, Any;
    MULTIPLE_RESOURCES = 28000, "MultipleResourcesInScope", "invalid_scope", 400, Any;
    // --- authorization endpoint (RFC 6749 §4.1.2.1, OIDC Core §3.1.2.6)
    REDIRECT_URI_MISMATCH = 50011, "RedirectUriMismatch", "invalid_request", 400, Page;
    UNSUPPORTED_RESPONSE_TYPE = 88000020, "UnsupportedResponseType", "unsupported_response_type", 400, Authorize;
    LOGIN_REQUIRED = 50058, "LoginRequired", "login_required", 400, Authorize;
    CONSENT_REQUIRED = 65001, "ConsentRequired", "consent_required", 400, Any;
    CONSENT_DECLINED = 65004, "UserDeclinedConsent", "access_denied", 400, Authorize;
    INVALID_CSRF_TOKEN = 88000021, "InvalidCsrfToken", "invalid_request", 400, Page;
    INTERACTION_EXPIRED = 88000022, "SignInExpired", "invalid_request", 400, Page;
    // --- resource access (RFC 6750 §3.1)
    INVALID_ACCESS_TOKEN = 88000030, "InvalidAccessToken", "invalid_token", 401, Userinfo;
    INSUFFICIENT_SCOPE = 88000031, "InsufficientScope", "insufficient_scope", 403, Userinfo;
    // --- logout (OIDC RP-Initiated Logout 1.0 §2, §3)
    INVALID_POST_LOGOUT_REDIRECT_URI = 88000040, "InvalidPostLogoutRedirectUri", "invalid_request", 400, Page;
    INVALID_ID_TOKEN_HINT = 88000041, "InvalidIdTokenHint", "invalid_request", 400, Page;
    // --- operator surface
    ADMIN_UNAUTHORIZED = 88000050, "AdminCredentialRequired", "invalid_token", 401, Admin;
    NOT_FOUND = 88000060, "NotFound", "not_found", 404, Any;

    // --- issue 17, input limits and protocol conformance (88000100-88000119)
    REQUEST_BODY_TOO_LARGE = 88000100, "RequestBodyTooLarge", "invalid_request", 413, Any;
    TOO_MANY_PARAMETERS = 88000101, "TooManyParameters", "invalid_request", 400, Any;
    SCOPE_TOO_LARGE = 88000102, "ScopeTooLarge", "invalid_scope", 400, Any;
    // RFC 9110 §15.5.6: 405 with `Allow`.
    METHOD_NOT_ALLOWED = 88000103, "MethodNotAllowed", "invalid_request", 405, Any;
    PARAMETER_TOO_LONG = 88000104, "ParameterTooLong", "invalid_request", 400, Any;

    // --- issue 17, connections, proxies, admin access (88000120-88000139)
    ADMIN_THROTTLED = 88000120, "AdminCredentialThrottled", "access_denied", 429, Admin;

    // --- issue 21, branding and sign-in pages (88000620-88000629)
    // RFC 6749 §4.1.2.1 access_denied: the user chose "back to the application" on a sign-in page.
    USER_CANCELLED_SIGNIN = 88000620, "UserCancelledSignIn", "access_denied", 400, Authorize;
    // `/{tenant}/branding/logo` of a tenant without an uploaded logo.
    TENANT_LOGO_NOT_FOUND = 88000621, "TenantLogoNotFound", "not_found", 404, Any;
    REQUEST_TIMEOUT = 88000121, "RequestTimeout", "invalid_request", 408, Any;

    // --- issue 17, provisioning and operators (88000140-88000159)
    // RFC 6750 §2: a client MUST NOT use more than one method to send the access token.
    ACCESS_TOKEN_SENT_MORE_THAN_ONCE = 88000140, "AccessTokenSentMoreThanOnce", "invalid_request", 400, Userinfo;

    // --- issue 17, authentication, interaction, logout (88000160-88000179)
    INTERACTION_MISMATCH = 88000160, "InteractionStepMismatch", "invalid_request", 400, Page;

    // --- issue 17, storage faults (88000180-88000199)

    // --- issue 20, introspection and revocation (88000200-88000209)
    // RFC 7662 §2.1: the introspection endpoint requires authorization; a client may introspect
    // only the access tokens of the APIs its `introspect` setting names.
    INTROSPECTION_NOT_ALLOWED = 88000200, "IntrospectionNotAllowed", "unauthorized_client", 400, Token;

    // --- issue 20, resource indicators (88000210-88000219)
    // RFC 8707 §2: a `resource` that is not an absolute URI without fragment, names no API of the
    // tenant, is one the client may not use, or several where one token is asked for.
    INVALID_TARGET = 88000210, "InvalidTarget", "invalid_target", 400, Any;

    // --- issue 20, PAR and DPoP (88000340-88000359)
    // RFC 9449 §4.3: a DPoP proof that is not a well-formed `dpop+jwt` signed by the public key in
    // its header with a supported algorithm, or that lacks a required claim.
    DPOP_PROOF_INVALID = 88000340, "DpopProofInvalid", "invalid_dpop_proof", 400, Any;
    // §4.3 steps 8, 9, 12: `htm`, `htu` or `ath` does not match this request.
    DPOP_PROOF_MISMATCH = 88000341, "DpopProofMismatch", "invalid_dpop_proof", 400, Any;
    // §4.3 step 11, §11.1: `iat` outside the accepted window.
    DPOP_PROOF_STALE = 88000342, "DpopProofStale", "invalid_dpop_proof", 400, Any;
    // §11.1: a proof `jti` already presented.
    DPOP_PROOF_REPLAYED = 88000343, "DpopProofReplayed", "invalid_dpop_proof", 400, Any;
    // §8: the server requires a nonce, and the proof has none or an old one; `DPoP-Nonce` has it.
    DPOP_NONCE_REQUIRED = 88000344, "UseDpopNonce", "use_dpop_nonce", 400, Any;
    // §5, §10: a grant, code or token bound to one key, presented with another key or no proof.
    DPOP_KEY_MISMATCH = 88000345, "DpopKeyMismatch", "invalid_grant", 400, Token;
    // §5.2 `dpop_bound_access_tokens`: the client must send a DPoP proof.
    DPOP_PROOF_REQUIRED = 88000346, "DpopProofRequired", "invalid_dpop_proof", 400, Any;
    // §7.1: a DPoP-bound access token presented without its proof or with another key.
    DPOP_BOUND_TOKEN_MISUSED = 88000347, "DpopBoundTokenMisused", "invalid_token", 401, Userinfo;
    // RFC 9126 §4 (RFC 9101 §6.2 `invalid_request_uri`): unknown, expired, used or another
    // client's `request_uri`.
    INVALID_REQUEST_URI = 88000350, "InvalidRequestUri", "invalid_request_uri", 400, Page;
    // RFC 9126 §5 `require_pushed_authorization_requests`: the client must push its requests.
    PUSHED_REQUEST_REQUIRED = 88000351, "PushedAuthorizationRequestRequired", "invalid_request", 400, Authorize;

    // --- issue 19, device authorization grant (RFC 8628 §3.5; Entra's numbers where it has one)
    AUTHORIZATION_PENDING = 70016, "AuthorizationPending", "authorization_pending", 400, Token;
    DEVICE_CODE_EXPIRED = 70019, "CodeExpired", "expired_token", 400, Token;
    DEVICE_POLLING_TOO_FAST = 88000220, "DevicePollingTooFast", "slow_down", 400, Token;
    DEVICE_AUTHORIZATION_DECLINED = 88000221, "DeviceAuthorizationDeclined", "access_denied", 400, Any;
    // The verification page (§3.3): a user code that is wrong, expired or already used.
    BAD_VERIFICATION_CODE = 70018, "BadVerificationCode", "invalid_request", 400, Page;
    // §5.1: wrong user codes are limited per source address.
    DEVICE_CODE_GUESSES_THROTTLED = 88000222, "DeviceCodeGuessesThrottled", "access_denied", 429, Page;

    // --- issue 19, single-page applications (Entra's number)
    // A code or refresh token of an SPA is redeemed only by a cross-origin request (`Origin` sent).
    SPA_REDEMPTION_NOT_CROSS_ORIGIN = 9002327, "SpaTokenRedeemedWithoutOrigin", "invalid_request", 400, Token;

    // --- issue 20, dynamic client registration and Client ID Metadata Documents (88000380-88000399)
    // RFC 7591 §3.2.2: a redirect URI that is malformed or that the tenant's policy does not allow.
    INVALID_REDIRECT_URI = 88000380, "InvalidRedirectUri", "invalid_redirect_uri", 400, Registration;
    // RFC 7591 §3.2.2: any other metadata value that is invalid or not allowed.
    INVALID_CLIENT_METADATA = 88000381, "InvalidClientMetadata", "invalid_client_metadata", 400, Registration;
    // RFC 7591 §3 and RFC 6750 §3.1: registration needs an initial access token, and this one is
    // absent, unknown, expired or used up.
    INVALID_INITIAL_ACCESS_TOKEN = 88000382, "InvalidInitialAccessToken", "invalid_token", 401, Registration;
    // RFC 7592 §2: the registration access token does not belong to the client (or the client
    // does not exist): 401, RFC 6750 §3.1.
    INVALID_REGISTRATION_ACCESS_TOKEN = 88000383, "InvalidRegistrationAccessToken", "invalid_token", 401, Registration;
    // Client ID Metadata Document: the document at the client_id URL could not be fetched.
    CLIENT_METADATA_DOCUMENT_UNAVAILABLE = 88000384, "ClientMetadataDocumentUnavailable", "invalid_client", 401, Any;
    // Client ID Metadata Document: the URL or the document breaks the draft's rules or the tenant's policy.
    CLIENT_METADATA_DOCUMENT_INVALID = 88000385, "ClientMetadataDocumentInvalid", "invalid_client", 401, Any;
    // --- issue 19, client assertions (RFC 7523 §3, OIDC Core §9; Entra's numbers, else 88000300-88000319)
    CLIENT_ASSERTION_ISSUER_MISMATCH = 700021, "ClientAssertionIssuerMismatch", "invalid_client", 401, Token;
    CLIENT_ASSERTION_AUDIENCE_INVALID = 700023, "InvalidClientAssertionAudience", "invalid_client", 401, Token;
    CLIENT_ASSERTION_TIME_RANGE = 700024, "ClientAssertionNotWithinValidTimeRange", "invalid_client", 401, Token;
    CLIENT_ASSERTION_SIGNATURE = 700027, "InvalidClientAssertionSignature", "invalid_client", 401, Token;
    CLIENT_ASSERTION_KEY_NOT_FOUND = 88000300, "ClientAssertionKeyNotFound", "invalid_client", 401, Token;
    CLIENT_ASSERTION_REPLAYED = 88000301, "ClientAssertionReplayed", "invalid_client", 401, Token;
    CLIENT_CERTIFICATE_EXPIRED = 88000302, "ClientCertificateExpired", "invalid_client", 401, Token;
    // A `jwks_uri`, or an external issuer's discovery document or JWKS, could not be fetched.
    ASSERTION_KEYS_UNAVAILABLE = 88000303, "AssertionKeysUnavailable", "invalid_client", 401, Token;
    // Workload identity federation: no federated credential of the client matches the token.
    FEDERATED_ISSUER_NO_MATCH = 700211, "NoMatchingFederatedIssuer", "invalid_client", 401, Token;
    FEDERATED_AUDIENCE_NO_MATCH = 700212, "NoMatchingFederatedAudience", "invalid_client", 401, Token;
    FEDERATED_SUBJECT_NO_MATCH = 700213, "NoMatchingFederatedSubject", "invalid_client", 401, Token;

    // --- issue 22, the admin API v1 (88000480-88000499)
    // RFC 9110 §13.1.1: `If-Match` names no current representation (another writer changed it).
    ADMIN_PRECONDITION_FAILED = 88000480, "AdminPreconditionFailed", "precondition_failed", 412, Admin;
    // The admin token is valid but its roles do not allow this: a reader writing, or another tenant.
    ADMIN_FORBIDDEN = 88000481, "AdminForbidden", "insufficient_scope", 403, Admin;
    // A provisioning rule is broken (the same rules as `sigil import` and the CLI); fields listed.
    ADMIN_INVALID_OBJECT = 88000482, "AdminInvalidObject", "invalid_request", 400, Admin;
    // The name (tenant, client ID, username, group) is already taken.
    ADMIN_CONFLICT = 88000483, "AdminNameTaken", "conflict", 409, Admin;
    // --- issue 22 item 3, SCIM 2.0 (88000700-88000719); each is one RFC 7644 §3.12 `scimType`
    // A `filter` that does not parse (§3.4.2.2), is too long or nested too deep.
    SCIM_INVALID_FILTER = 88000700, "ScimInvalidFilter", "invalid_request", 400, Admin;
    // A PATCH `path` that does not parse (§3.5.2).
    SCIM_INVALID_PATH = 88000701, "ScimInvalidPath", "invalid_request", 400, Admin;
    // A PATCH `remove` without a path, or a value filter that matches nothing (§3.5.2.2).
    SCIM_NO_TARGET = 88000702, "ScimNoTarget", "invalid_request", 400, Admin;
    // A value of the wrong type or breaking a rule (`active: "maybe"`, no `userName`).
    SCIM_INVALID_VALUE = 88000703, "ScimInvalidValue", "invalid_request", 400, Admin;
    // A body that is not the SCIM message it should be (no PatchOp schema, not JSON).
    SCIM_INVALID_SYNTAX = 88000704, "ScimInvalidSyntax", "invalid_request", 400, Admin;
    // A change to a read-only attribute (`id`, `meta`, a user's `groups`).
    SCIM_MUTABILITY = 88000705, "ScimMutability", "invalid_request", 400, Admin;
    // A filter Sigil would have to evaluate over more resources than it scans (`scim::MAX_SCAN`).
    SCIM_TOO_MANY = 88000706, "ScimTooMany", "invalid_request", 400, Admin;
    // --- issue 22, the admin console (88000720-88000739)
    // RFC 6749 §10.12: the console's callback without this browser's sign-in attempt (state
    // missing or different), or Sigil refused the sign-in or the code.
    CONSOLE_SIGNIN_FAILED = 88000720, "ConsoleSignInFailed", "invalid_request", 400, Page;
    // A console form posted without the session's anti-forgery token (CSRF, or an old tab).
    CONSOLE_FORM_REJECTED = 88000721, "ConsoleFormRejected", "invalid_request", 403, Page;
    // The console signs in through the admin tenant; `server.admin_tenant` is not set.
    CONSOLE_NOT_CONFIGURED = 88000722, "ConsoleNotConfigured", "invalid_request", 404, Page;
    // --- issue 19, on-behalf-of (Entra's form of RFC 7523 §2.1; Entra's numbers where it has one)
    // §3 items 1, 2, 8, 9: a signature or issuer that is not this tenant's, not an access token, its
    // grant or `jti` revoked.
    INVALID_ASSERTION = 50013, "InvalidAssertion", "invalid_grant", 400, Token;
    // §3 item 3: the assertion's audience must be the API the calling client implements.
    ASSERTION_AUDIENCE_MISMATCH = 500131, "AssertionAudienceDoesNotMatchClient", "invalid_grant", 400, Token;
    // §3 items 4, 5: `exp`/`nbf`.
    ASSERTION_NOT_IN_TIME_RANGE = 500133, "AssertionNotWithinValidTimeRange", "invalid_grant", 400, Token;
    // A client-credentials token names no user to act for.
    ASSERTION_HAS_NO_USER = 88000320, "AssertionHasNoUser", "invalid_grant", 400, Token;
    // The user has not consented to the middle tier for the downstream scopes: Entra's 65001 with
    // `invalid_grant` and `suberror=consent_required` (MSAL then asks the front end to prompt).
    ON_BEHALF_OF_CONSENT_REQUIRED = 88000321, "OnBehalfOfConsentRequired", "invalid_grant", 400, Token, as 65001;

    // --- issue 19, token exchange (RFC 8693 §2.2.2: a bad subject or actor token is invalid_request,
    // a target the server will not issue for is invalid_target)
    SUBJECT_TOKEN_INVALID = 88000322, "SubjectTokenInvalid", "invalid_request", 400, Token;
    ACTOR_TOKEN_INVALID = 88000323, "ActorTokenInvalid", "invalid_request", 400, Token;
    // §5: the client's policy does not let it exchange tokens of this audience.
    SUBJECT_TOKEN_NOT_EXCHANGEABLE = 88000324, "SubjectTokenNotExchangeable", "invalid_request", 400, Token;
    EXCHANGE_TARGET_NOT_ALLOWED = 88000325, "ExchangeTargetNotAllowed", "invalid_target", 400, Token;
    // §3: a `subject_token_type`, `actor_token_type` or `requested_token_type` Sigil does not handle.
    UNSUPPORTED_TOKEN_TYPE = 88000326, "UnsupportedTokenType", "invalid_request", 400, Token;

    // --- issue 20, JAR (RFC 9101) and the FAPI 2.0 profile (88000420-88000439)
    // RFC 9101 §6.1, §6.2 `invalid_request_object`: a `request` that is not a compact JWS, is
    // unsigned (`none`) or signed with another algorithm, whose signature no registered key of the
    // client verifies, or that carries `request`/`request_uri` itself (§4).
    REQUEST_OBJECT_INVALID = 88000420, "RequestObjectInvalid", "invalid_request_object", 400, Any;
    // §4, §5: `iss` is not the client, `aud` not the issuer, or `client_id` not the request's.
    REQUEST_OBJECT_CLAIMS_MISMATCH = 88000421, "RequestObjectClaimsMismatch", "invalid_request_object", 400, Any;
    // §10.2 (RFC 7519 §4.1.4, §4.1.5): `exp` passed or missing, `nbf`/`iat` ahead, or too long-lived.
    REQUEST_OBJECT_TIME_RANGE = 88000422, "RequestObjectNotWithinValidTimeRange", "invalid_request_object", 400, Any;
    // §10.2: a `jti` of this client's request objects seen before.
    REQUEST_OBJECT_REPLAYED = 88000423, "RequestObjectReplayed", "invalid_request_object", 400, Any;
    // §6.2, §10.8: a `request_uri` that is not a pushed request's URN (RFC 9126): Sigil fetches none.
    REQUEST_URI_NOT_SUPPORTED = 88000424, "RequestUriNotSupported", "request_uri_not_supported", 400, Page;
    // §10.5 `require_signed_request_object`: the request was not a signed request object.
    SIGNED_REQUEST_OBJECT_REQUIRED = 88000425, "SignedRequestObjectRequired", "invalid_request", 400, Any;
    // FAPI 2.0 Security Profile §5.3.2.2: PKCE with S256 only.
    FAPI_PKCE_S256_REQUIRED = 88000430, "FapiPkceS256Required", "invalid_request", 400, Authorize;
    // FAPI 2.0 clients get their authorization response in the query only (crate::fapi).
    FAPI_RESPONSE_MODE_NOT_ALLOWED = 88000431, "FapiResponseModeNotAllowed", "invalid_request", 400, Authorize;
    // FAPI 2.0 Security Profile §5.3.2.1: a client assertion's `aud` is the issuer, as a string.
    FAPI_ASSERTION_AUDIENCE = 88000432, "FapiClientAssertionAudience", "invalid_client", 401, Token;
    // --- issue 21, second factors (Entra's numbers where it has one; Sigil's 88000440-88000469)
    // OIDC Core §3.1.2.6 under prompt=none: a second factor would have to be asked (suberror
    // `basic_action`: an interactive sign-in resolves it), or enrolled first.
    MFA_REQUIRED = 50076, "UserStrongAuthClientAuthNRequired", "interaction_required", 400, Authorize;
    MFA_ENROLLMENT_REQUIRED = 50079, "UserStrongAuthEnrollmentRequired", "interaction_required", 400, Authorize;
    // RFC 6238: the code matches none of the previous, current and next time steps.
    OTP_CODE_INVALID = 88000440, "OtpCodeInvalid", "invalid_grant", 400, Page;
    // RFC 6238 §5.2: the code's time step was already accepted for this authenticator.
    OTP_CODE_REPLAYED = 88000441, "OtpCodeReplayed", "invalid_grant", 400, Page;
    // Too many wrong codes (guessing): the second factor waits before it accepts another.
    FACTOR_LOCKED = 88000442, "SecondFactorLocked", "invalid_grant", 400, Page;
    RECOVERY_CODE_INVALID = 88000443, "RecoveryCodeInvalid", "invalid_grant", 400, Page;
    // The password grant cannot carry a second factor: refused where one is required, reported as
    // Entra reports it (50076, `invalid_grant`).
    PASSWORD_GRANT_MFA_REQUIRED = 88000444, "PasswordGrantMfaRequired", "invalid_grant", 400, Token, as 50076;
    // --- issue 21, passkeys (WebAuthn Level 3; 88000600-88000619)
    // §13.4.3: the assertion's challenge was already spent (a replayed assertion or form).
    PASSKEY_CHALLENGE_USED = 88000600, "PasskeyChallengeUsed", "invalid_grant", 400, Page;
    // §7.2 step 13: `clientDataJSON.origin` is not one of the tenant's allowed origins.
    PASSKEY_ORIGIN_MISMATCH = 88000601, "PasskeyOriginMismatch", "invalid_grant", 400, Page;
    // §7.2 step 15: `rpIdHash` is not the SHA-256 of the tenant's relying-party id.
    PASSKEY_RP_ID_MISMATCH = 88000602, "PasskeyRpIdMismatch", "invalid_grant", 400, Page;
    // §7.2 step 21 / §6.1.1: the signature counter did not grow (a cloned authenticator); the
    // credential is flagged and refused from then on.
    PASSKEY_COUNTER_REGRESSED = 88000603, "PasskeyCounterRegressed", "invalid_grant", 400, Page;
    // §7.2 steps 5-6: no passkey of this user has the credential id (removed, or another site's).
    PASSKEY_UNKNOWN = 88000604, "PasskeyUnknown", "invalid_grant", 400, Page;
    // §7.2 step 17: user verification (PIN, biometrics) was required and not performed.
    PASSKEY_USER_NOT_VERIFIED = 88000605, "PasskeyUserNotVerified", "invalid_grant", 400, Page;
    // Any other failed check of an assertion: signature, type, malformed response.
    PASSKEY_ASSERTION_INVALID = 88000606, "PasskeyAssertionInvalid", "invalid_grant", 400, Page;
    // §7.1: a registration response that does not verify (or names a passkey already registered).
    PASSKEY_REGISTRATION_FAILED = 88000607, "PasskeyRegistrationFailed", "invalid_request", 400, Page;
    // --- issue 21, sign-in policies and step-up (88000650-88000669)
    // RFC 9470 §3: the token's sign-in lacks the second factor the tenant or the client requires;
    // the challenge names `acr_values` for the client's next authorization request.
    INSUFFICIENT_USER_AUTHENTICATION = 88000650, "InsufficientUserAuthentication", "insufficient_user_authentication", 401, Userinfo;
    // Entra's claims challenge for clients that declared `cp1`: the same, as `claims` to send back.
    INSUFFICIENT_CLAIMS = 88000651, "InsufficientClaims", "insufficient_claims", 401, Userinfo;
    // --- issue 19, JWT bearer grant from trusted issuers (RFC 7523 §2.1, §3; 88000400-88000419)
    // §3 item 1: the `iss` is none of the tenant's trusted issuers.
    JWT_BEARER_ISSUER_NOT_TRUSTED = 88000400, "JwtBearerIssuerNotTrusted", "invalid_grant", 400, Token;
    // The trusted issuer does not list the calling client.
    JWT_BEARER_CLIENT_NOT_ALLOWED = 88000401, "JwtBearerClientNotAllowed", "unauthorized_client", 400, Token;
    // §3 items 2, 8, 9: malformed, a required claim missing, the signature or its key.
    JWT_BEARER_ASSERTION_INVALID = 88000402, "JwtBearerAssertionInvalid", "invalid_grant", 400, Token;
    // §3 item 3.
    JWT_BEARER_AUDIENCE_INVALID = 88000403, "JwtBearerAudienceInvalid", "invalid_grant", 400, Token;
    // §3 items 4-6.
    JWT_BEARER_TIME_RANGE = 88000404, "JwtBearerNotWithinValidTimeRange", "invalid_grant", 400, Token;
    // §3 item 7.
    JWT_BEARER_REPLAYED = 88000405, "JwtBearerReplayed", "invalid_grant", 400, Token;
    // The claim that names the user matches no user of the tenant.
    JWT_BEARER_USER_NOT_FOUND = 88000406, "JwtBearerUserNotFound", "invalid_grant", 400, Token;
    // --- issue 23, rate limits (88000500-88000519): RFC 6749 has no throttling error; RFC 6749
    // §4.1.2.1 `temporarily_unavailable` ("temporarily overloading") with RFC 6585 §4's 429.
    RATE_LIMITED = 88000500, "RateLimited", "temporarily_unavailable", 429, Any;
    // --- issue 21, the self-service account page (88000630-88000649): page refusals, shown on the
    // account page itself with their code; the sign-in log keeps the internal reason.
    // The current password given to change it is wrong (counted by smart lockout like a sign-in).
    ACCOUNT_WRONG_PASSWORD = 88000630, "AccountCurrentPasswordWrong", "invalid_grant", 400, Page;
    // The new password breaks the password rules (too short, or the same as the current one).
    ACCOUNT_PASSWORD_REJECTED = 88000631, "AccountNewPasswordRejected", "invalid_request", 400, Page;
    // The new password and its confirmation differ.
    ACCOUNT_PASSWORD_MISMATCH = 88000632, "AccountPasswordConfirmationMismatch", "invalid_request", 400, Page;
    // The session to end is none of this user's live sessions (ended meanwhile, or another user's).
    ACCOUNT_SESSION_NOT_FOUND = 88000633, "AccountSessionNotFound", "invalid_request", 400, Page;
    // The consent to withdraw is none of this user's (withdrawn meanwhile, or another user's).
    ACCOUNT_CONSENT_NOT_FOUND = 88000634, "AccountConsentNotFound", "invalid_request", 400, Page;
    // OIDC Core §3.1.2.1 `max_age`-like freshness: removing a second factor needs a sign-in with
    // both factors in the last ten minutes; the page sends the user through one.
    ACCOUNT_RECENT_SIGNIN_REQUIRED = 88000635, "AccountRecentSignInRequired", "login_required", 400, Page;
    // Removing an authenticator app the user does not have.
    ACCOUNT_TOTP_NOT_ENROLLED = 88000636, "AccountTotpNotEnrolled", "invalid_request", 400, Page;
    // Setting up an authenticator app while one is set up (remove it first).
    ACCOUNT_TOTP_ALREADY_ENROLLED = 88000637, "AccountTotpAlreadyEnrolled", "invalid_request", 400, Page;
}

pub fn lookup(code: u32) -> Option<&'static ErrorEntry> {
    ALL.iter().copied().find(|e| e.code == code)
}

impl ErrorEntry {
    /// The entry a caller sees (see [`ErrorEntry::public_as`]).
    pub fn public(&'static self) -> &'static ErrorEntry {
        self.public_as.and_then(lookup).unwrap_or(self)
    }
    pub fn key(&self, part: &str) -> String {
        format!("err-{}-{}", self.code, part)
    }
}

/// The message parts every entry has in every locale.
pub const MESSAGE_PARTS: &[&str] = &["description", "meaning", "causes", "fix-user", "fix-dev"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique() {
        let mut codes: Vec<u32> = ALL.iter().map(|e| e.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), ALL.len());
        let mut names: Vec<&str> = ALL.iter().map(|e| e.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), ALL.len());
    }

    #[test]
    fn public_aliases_resolve() {
        for e in ALL {
            if let Some(p) = e.public_as {
                assert!(lookup(p).is_some(), "{} aliases unknown {}", e.code, p);
            }
        }
    }

    #[test]
    fn invalid_client_is_401_everything_else_per_rfc() {
        for e in ALL {
            match e.error {
                "invalid_client" | "invalid_token" => assert_eq!(e.status, 401, "{}", e.code),
                "server_error" => assert_eq!(e.status, 500),
                // 503 for a store fault, 429 for a rate limit (RFC 6585 §4).
                "temporarily_unavailable" => assert!(matches!(e.status, 503 | 429), "{}", e.code),
                _ => {}
            }
        }
    }
}
