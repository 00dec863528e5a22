# The standard error values Sigil returns in the error field, English: a short title and what the
# defining specification says the value means. These messages use no placeholders.

## invalid_request
rfc-invalid-request-title = Invalid request
rfc-invalid-request-meaning = The request is not well formed. RFC 6749 section 5.2 and section 4.1.2.1 use this value when a required parameter is missing, a parameter value is not supported, a parameter is repeated, more than one client authentication method is used, or the request is malformed in some other way. RFC 6750 section 3.1 uses the same value for a malformed request to a protected resource.

## invalid_client
rfc-invalid-client-title = Invalid client
rfc-invalid-client-meaning = The client could not be authenticated, for example because it is unknown, sent no credentials, or used an authentication method that is not supported. RFC 6749 section 5.2 defines this value and lets the server answer with HTTP status 401. When the client tried to authenticate with the Authorization header, the server must answer 401 with a WWW-Authenticate header for the same scheme.

## invalid_grant
rfc-invalid-grant-title = Invalid grant
rfc-invalid-grant-meaning = The authorization grant or refresh token cannot be used. RFC 6749 section 5.2 covers a grant, such as an authorization code or a user's password credentials, or a refresh token that is invalid, expired or revoked, that does not match the redirection URI of the authorization request, or that was issued to another client.

## unauthorized_client
rfc-unauthorized-client-title = Unauthorized client
rfc-unauthorized-client-meaning = The client is known, but it is not permitted to do what it asked. RFC 6749 section 5.2 uses this value when an authenticated client may not use the requested grant type, and section 4.1.2.1 when a client may not obtain an authorization code in this way.

## unsupported_grant_type
rfc-unsupported-grant-type-title = Unsupported grant type
rfc-unsupported-grant-type-meaning = The authorization server does not support the grant type named in the token request. RFC 6749 section 5.2 defines this value; it concerns the server as a whole, not one client.

## invalid_scope
rfc-invalid-scope-title = Invalid scope
rfc-invalid-scope-meaning = The requested scope cannot be granted. RFC 6749 section 5.2 and section 4.1.2.1 use this value when the scope is invalid, unknown or malformed, or goes beyond what the resource owner granted.

## server_error
rfc-server-error-title = Server error
rfc-server-error-meaning = The authorization server met an unexpected condition that kept it from completing the request. RFC 6749 section 4.1.2.1 defines this value for authorization responses, where an HTTP 500 status cannot be passed back through a redirect. Sigil also returns it from the token endpoint, with HTTP status 500.

## temporarily_unavailable
rfc-temporarily-unavailable-title = Temporarily unavailable
rfc-temporarily-unavailable-meaning = The authorization server cannot handle the request at the moment, because it is temporarily overloaded or under maintenance. RFC 6749 section 4.1.2.1 defines this value for authorization responses, where an HTTP 503 status cannot be passed back through a redirect. Sigil also returns it from the token endpoint, with HTTP status 503 and a Retry-After header.

## unsupported_response_type
rfc-unsupported-response-type-title = Unsupported response type
rfc-unsupported-response-type-meaning = The authorization server does not support issuing the requested kind of response. RFC 6749 section 4.1.2.1 uses this value when the server cannot return an authorization code, or the requested response_type, in the way the request asks for.

## login_required
rfc-login-required-title = Sign-in required
rfc-login-required-meaning = The authorization server needs the user to sign in, but the request did not allow it to show a sign-in page. OpenID Connect Core section 3.1.2.6 defines this value, which is typically returned when prompt=none was requested and no usable session exists.

## consent_required
rfc-consent-required-title = Consent required
rfc-consent-required-meaning = The authorization server needs the user's consent, but the request did not allow it to show a consent page. OpenID Connect Core section 3.1.2.6 defines this value, which is typically returned when prompt=none was requested and the user has not yet approved the requested access.

## access_denied
rfc-access-denied-title = Access denied
rfc-access-denied-meaning = The resource owner or the authorization server refused the request. RFC 6749 section 4.1.2.1 defines this value for authorization responses, for example when the user declines to grant the requested access.

## invalid_token
rfc-invalid-token-title = Invalid token
rfc-invalid-token-meaning = The access token presented to a protected resource cannot be accepted because it is expired, revoked, malformed or invalid for another reason. RFC 6750 section 3.1 defines this value and asks for HTTP status 401; the client may obtain a new access token and try again.

## insufficient_scope
rfc-insufficient-scope-title = Insufficient scope
rfc-insufficient-scope-meaning = The access token is valid, but the request needs broader privileges than the token carries. RFC 6750 section 3.1 defines this value and asks for HTTP status 403; the response may name the scope needed to access the resource.

## not_found
rfc-not-found-title = Not found
rfc-not-found-meaning = The requested page or endpoint does not exist. This value is not defined by RFC 6749, RFC 6750 or OpenID Connect; Sigil uses it with HTTP status 404 so that such answers still have the standard error shape.

## invalid_target
rfc-invalid-target-title = Invalid target
rfc-invalid-target-meaning = The requested resource is invalid, missing, unknown, or not one the client may obtain a token for. RFC 8707 section 2 defines this value for the resource parameter at the authorization and token endpoints; the server may also use it when it cannot issue one token for all the resources requested.
## authorization_pending
rfc-authorization-pending-title = Authorization pending
rfc-authorization-pending-meaning = The user has not yet completed the device authorization on the verification page. RFC 8628 section 3.5 defines this value; the device keeps polling at its interval.

## slow_down
rfc-slow-down-title = Slow down
rfc-slow-down-meaning = The device polls the token endpoint too often. RFC 8628 section 3.5 defines this value; the device keeps polling but adds 5 seconds to its interval for this and all later requests.

## expired_token
rfc-expired-token-title = Expired token
rfc-expired-token-meaning = The device code has expired and the device authorization session is over. RFC 8628 section 3.5 defines this value; the client may start a new device authorization request.

rfc-invalid-redirect-uri-title = Invalid redirect URI
rfc-invalid-redirect-uri-meaning = The value of one or more redirect URIs in a client registration request is invalid. RFC 7591 section 3.2.2 defines this value for the registration endpoint.
rfc-invalid-client-metadata-title = Invalid client metadata
rfc-invalid-client-metadata-meaning = The value of one of the client metadata fields in a registration or update request is invalid, or the server rejected it by policy. RFC 7591 section 3.2.2 defines this value for the registration endpoint.
## invalid_dpop_proof
rfc-invalid-dpop-proof-title = Invalid DPoP proof
rfc-invalid-dpop-proof-meaning = The DPoP proof in the DPoP header is missing where it is required, malformed, not signed by its key, made for another request, too old, or used before. RFC 9449 section 5 and section 7.1 define this value, for the token endpoint and for protected resources.

## use_dpop_nonce
rfc-use-dpop-nonce-title = Use DPoP nonce
rfc-use-dpop-nonce-meaning = The server requires a nonce in DPoP proofs. RFC 9449 section 8 and section 9 define this value: the response carries the nonce in the DPoP-Nonce header, and the client repeats the request with a proof that contains it.

## invalid_request_uri
rfc-invalid-request-uri-title = Invalid request URI
rfc-invalid-request-uri-meaning = The request_uri of the authorization request is invalid or can no longer be used. RFC 9101 section 6.2 defines this value, and RFC 9126 uses it for a pushed request that is unknown, expired or already used.
rfc-invalid-request-object-title = Invalid request object
rfc-invalid-request-object-meaning = The request parameter holds a request object that is invalid: not signed as required, not verifiable with the client's keys, or with claims that do not fit the request. RFC 9101 section 6.2 defines this value.
rfc-request-uri-not-supported-title = request_uri not supported
rfc-request-uri-not-supported-meaning = The authorization server does not accept this kind of request_uri. RFC 9101 section 6.2 names this value; Sigil accepts only request_uri values from its own pushed authorization request endpoint (RFC 9126).

## interaction_required
rfc-interaction-required-title = Interaction required
rfc-interaction-required-meaning = The authorization server needs the user to interact (here: to verify or set up a second factor), but the request did not allow it to show a page. OpenID Connect Core section 3.1.2.6 defines this value, which is typically returned when prompt=none was requested.
rfc-precondition-failed-title = Precondition failed
rfc-precondition-failed-meaning = The object changed since the caller read it: the ETag in If-Match is no longer current (RFC 9110 §13.1.1, HTTP status 412). This value is not defined by RFC 6749, RFC 6750 or OpenID Connect; Sigil's admin API uses it.
rfc-conflict-title = Conflict
rfc-conflict-meaning = An object with the same name already exists (HTTP status 409). This value is not defined by RFC 6749, RFC 6750 or OpenID Connect; Sigil's admin API uses it.

## insufficient_user_authentication
rfc-insufficient-user-authentication-title = Insufficient user authentication
rfc-insufficient-user-authentication-meaning = The access token is valid, but the authentication of the user behind it does not meet the resource's requirements. RFC 9470 section 3 defines this value and the acr_values and max_age challenge parameters that say what a new authorization request must ask for.

## insufficient_claims
rfc-insufficient-claims-title = Insufficient claims
rfc-insufficient-claims-meaning = The access token is valid, but its claims do not satisfy the resource's policy. Microsoft Entra ID uses this value in its claims challenge, with a claims parameter to send in a new token request.
