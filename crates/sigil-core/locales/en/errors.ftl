# Sigil error catalog, English. One group per catalog code: description (one sentence, printable
# ASCII, used in error_description), meaning, causes, fix-user, fix-dev.
# Placeholders a description may use: $param $value $client $tenant $method $grant_type $scope $api $reason

err-50000-description = The sign-in service could not issue a token because of an internal problem.
err-90033-description = The sign-in service's data store is temporarily unavailable. Try again shortly.
err-90002-description = Tenant '{ $tenant }' was not found. Check the tenant name or ID in the request URL.
err-900144-description = The request must contain the parameter '{ $param }'.
err-9002313-description = The request is malformed: { $reason }.
err-88000001-description = The token endpoint accepts only application/x-www-form-urlencoded request bodies.
err-88000002-description = The parameter '{ $param }' appears more than once; each parameter may be sent only once.
err-88000003-description = The request uses more than one client authentication method; use exactly one.
err-88000004-description = The value '{ $value }' is not supported for the parameter '{ $param }'.
err-9002325-description = Proof Key for Code Exchange (PKCE) is required for this client: send code_challenge with method S256.
err-700016-description = Application '{ $client }' was not found in tenant '{ $tenant }'.
err-7000215-description = Invalid client secret provided for application '{ $client }'.
err-7000222-description = The client secret provided for application '{ $client }' has expired.
err-7000218-description = The request must contain client credentials (client_secret) for confidential application '{ $client }'.
err-700025-description = The client is public, so it must not present a client secret.
err-88000005-description = The client is not registered for the authentication method '{ $method }'.
err-88000006-description = The Authorization header does not carry valid client credentials.
err-70000-description = The provided authorization code or refresh token is invalid.
err-70008-description = The provided authorization code or refresh token has expired.
err-54005-description = The authorization code was already redeemed; every token issued from it has been revoked.
err-88000007-description = The authorization code or refresh token was issued to a different client.
err-501481-description = The code_verifier does not match the code_challenge supplied in the authorization request.
err-88000008-description = The redirect_uri does not match the one used in the authorization request.
err-88000009-description = The refresh token was already used; for safety the whole grant has been revoked. Sign in again.
err-50173-description = The grant has been revoked. Sign in again.
err-88000010-description = The refresh token reached its maximum lifetime. Sign in again.
err-50126-description = Invalid username or password.
err-50034-description = The user account does not exist in this tenant.
err-50057-description = The user account is disabled.
err-50053-description = The account is locked after too many failed sign-in attempts. Try again later.
err-88000011-description = The client is not allowed to use the grant type '{ $grant_type }'.
err-501051-description = The application holds no permission on the API '{ $api }'.
err-70003-description = The grant type '{ $grant_type }' is not supported.
err-70011-description = The scope '{ $scope }' is not valid.
err-500011-description = The API '{ $api }' was not found in this tenant.
err-88000012-description = The scope '{ $scope }' has not been granted to the application.
err-28000-description = The scope names more than one API; request tokens for one API at a time.
err-50011-description = The redirect URI in the request is not registered for the application.
err-88000020-description = The response type '{ $value }' is not supported; use 'code'.
err-50058-description = No user is signed in, and the request did not allow showing a sign-in page.
err-65001-description = The user has not consented to the permissions the application requests.
err-65004-description = The user declined to consent to the application's request.
err-88000021-description = The form expired or was not sent by this sign-in page. Start the sign-in again.
err-88000022-description = The sign-in took too long and expired. Start the sign-in again.
err-88000030-description = The access token is missing, invalid, expired or revoked.
err-88000031-description = The access token does not carry the scope this endpoint requires.
err-88000040-description = The post-logout redirect URI is not registered for the application.
err-88000041-description = The id_token_hint is not a valid ID token issued by this tenant.
err-88000050-description = This administrative endpoint requires the admin credential.
err-88000060-description = The requested page or endpoint does not exist.

# issue 17, input limits and protocol conformance
err-88000100-description = The request body is larger than the { $limit } bytes Sigil accepts.
err-88000101-description = The request has more than { $limit } parameters.
err-88000102-description = The scope parameter has more than { $values } values or is longer than { $bytes } bytes.
err-88000103-description = This endpoint does not accept the { $method } method; the Allow header lists the methods it accepts.
err-88000104-description = The parameter '{ $param }' is longer than { $limit } bytes.
err-88000140-description = The access token was sent in more than one way in the same request.
err-88000120-description = Too many wrong admin credentials came from this address; wait before trying again.
err-88000121-description = The request took longer than the server allows for one request and was stopped.
err-88000160-description = The form does not belong to this step of the sign-in or to your session. Start the sign-in again.
err-88000200-description = The client '{ $client }' is not allowed to introspect tokens.
err-88000210-description = The resource '{ $resource }' is not a target this client can get a token for.
err-70016-description = The user has not finished signing in on the verification page yet; keep polling.
err-70019-description = The device code has expired; start the device sign-in again.
err-88000220-description = The device polled sooner than the interval allows; wait longer between polls.
err-88000221-description = The user declined the sign-in request on the verification page.
err-70018-description = The code you entered is wrong or has expired. Check the code shown on your device and try again.
err-88000222-description = Too many wrong codes were entered from this address; wait a few minutes before trying again.

# issue 19, single-page applications
err-9002327-description = Tokens issued for the single-page application '{ $client }' may only be redeemed by cross-origin requests from a browser.
err-88000380-description = The redirect URI is not acceptable: { $reason }.
err-88000381-description = The client metadata is not acceptable: { $reason }.
err-88000382-description = Registering a client here needs a valid initial access token.
err-88000383-description = The registration access token is not valid for this client.
err-88000384-description = The client metadata document at '{ $url }' could not be fetched: { $reason }.
err-88000385-description = The client metadata document at '{ $url }' cannot be used: { $reason }.
# issue 20: PAR and DPoP
err-88000340-description = The DPoP proof sent with this request is not valid.
err-88000341-description = The DPoP proof was made for another request.
err-88000342-description = The DPoP proof's time (iat) is too far from the server's time: the proof is too old or dated in the future.
err-88000343-description = This DPoP proof was already used.
err-88000344-description = The server requires a DPoP nonce: repeat the request with the nonce from the DPoP-Nonce header.
err-88000345-description = The code or refresh token is bound to another DPoP key than the one used in this request.
err-88000346-description = This application must send a DPoP proof with its token requests.
err-88000347-description = The access token must be sent with the DPoP scheme and a valid proof of its key.
err-88000350-description = The request_uri is unknown for client '{ $client }', expired or already used.
err-88000351-description = This application must send its authorization requests through the pushed authorization request endpoint.
err-700021-description = The client assertion's issuer or subject is not the application's client ID.
err-700023-description = The client assertion's audience is not this server.
err-700024-description = The client assertion is not within its valid time range.
err-700027-description = The client assertion's signature is not valid.
err-88000300-description = No key registered for the application matches the client assertion.
err-88000301-description = This client assertion was already used.
err-88000302-description = The certificate used to sign the client assertion has expired.
err-88000303-description = The keys to check the client assertion could not be fetched.
err-700211-description = No federated credential of the application trusts the token's issuer.
err-700212-description = No federated credential of the application accepts the token's audience.
err-700213-description = No federated credential of the application matches the token's subject.
err-50013-description = The assertion is not a valid access token issued by this tenant, or it was revoked.
err-500131-description = The assertion's audience is not the API this application implements.
err-500133-description = The assertion has expired or is not yet valid.
err-88000320-description = The assertion is an application token; on-behalf-of needs a user's access token.
err-88000321-description = The user has not consented to this application acting on their behalf for the requested permissions.
err-88000322-description = The subject token is not a valid, live user access token of this tenant.
err-88000323-description = The actor token is not a valid, live access token of this tenant.
err-88000324-description = This application may not exchange tokens issued for that audience.
err-88000325-description = This application may not obtain exchanged tokens for the requested target.
err-88000326-description = The token type is not supported.

# issue 23, rate limits
err-88000500-description = Too many requests; try again in { $seconds } seconds.
