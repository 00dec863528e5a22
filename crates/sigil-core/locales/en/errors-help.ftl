# Sigil error catalog, English: troubleshooting help. One group per catalog code, in catalog order:
# meaning (what happened), causes (common causes), fix-user (for the person signing in) and
# fix-dev (for the application developer or the operator). These messages use no placeholders.

## 50000 TokenIssuanceError
err-50000-meaning = Sigil ran into an unexpected internal problem while handling the request, so no token was issued. The request itself may have been perfectly valid.
err-50000-causes = A store operation failed in a way that is not a simple outage, for example a conflict or an unreadable record. A signing key could not be used, or a value sealed under the master key could not be opened. A defect in Sigil can also end up here.
err-50000-fix-user = Wait a moment and try again. If it keeps happening, contact the application's support and give them the time of the attempt and any trace ID shown.
err-50000-fix-dev = Run sigil logs --trace-id <id> with the trace ID from the response to see the internal reason recorded in the sign-in log, and check the store and the server log around that time. An authorization code consumed before the failure cannot be redeemed again, so start a new authorization request rather than retrying with it.

## 90033 TransientStoreError
err-90033-meaning = Sigil could not reach its data store just now, so it could not finish the request. The condition is expected to be short-lived, and the response says when to try again in its Retry-After header.
err-90033-causes = The database is restarting, unreachable or overloaded. Every connection in the pool was busy and the wait for a free one timed out. A network problem separates Sigil from its store.
err-90033-fix-user = Wait a few seconds and try again.
err-90033-fix-dev = Honour the Retry-After header and retry with backoff instead of failing at once. Operators should check the store's availability and connection limits, and run sigil logs --trace-id <id> to see the exact store error.

## 90002 TenantNotFound
err-90002-meaning = The tenant named in the request URL does not exist in this Sigil deployment. Without it, Sigil does not know which applications, users and keys to use.
err-90002-causes = The tenant name or ID in the path is misspelled or belongs to another environment. The tenant was removed or has not been provisioned yet. The application was configured with an authority URL from a different deployment.
err-90002-fix-user = Contact the application's support; this is a configuration problem you cannot fix yourself.
err-90002-fix-dev = Check the tenant segment of the authority or endpoint URL against the tenants in the provisioning file; Sigil accepts the tenant's name, in any letter case, or its ID. Take endpoint URLs from the tenant's discovery document instead of building them by hand.

## 900144 MissingParameter
err-900144-meaning = A parameter that this request must include was not sent. A parameter sent with an empty value counts as not sent.
err-900144-causes = The application left out a required parameter such as grant_type, client_id, code, redirect_uri, code_verifier, refresh_token, username, password or scope. A parameter was sent with an empty value, for example because a configuration setting was blank. A library option that adds the parameter was switched off, for example PKCE in a public client, so no code_verifier was sent.
err-900144-fix-user = Try again. If it fails the same way, contact the application's support.
err-900144-fix-dev = The error_description names the missing parameter: send it with a non-empty value. Client credentials requests must include scope naming one API, for example api://reports/.default, and public clients must send code_verifier when redeeming a code.

## 9002313 MalformedRequest
err-9002313-meaning = Sigil could not process the request because something in its structure is wrong. The error_description says what it found.
err-9002313-causes = The client_id in the form body differs from the client_id in the Authorization header. A parameter value is not in the format the parameter requires. The request body was cut off or encoded incorrectly.
err-9002313-fix-user = Try again. If it fails the same way, contact the application's support.
err-9002313-fix-dev = Read the reason in the error_description, or run sigil logs --trace-id <id> to see it. With client_secret_basic, either leave client_id out of the body or send exactly the same value as in the header.

## 88000001 UnsupportedContentType
err-88000001-meaning = The token endpoint received a request body in a format it does not read. It accepts only application/x-www-form-urlencoded bodies, as OAuth 2.0 requires.
err-88000001-causes = The application posted JSON to the token endpoint. It sent multipart/form-data, or no Content-Type header at all. An HTTP client or proxy changed the Content-Type header on the way.
err-88000001-fix-user = Contact the application's support; the application needs to be corrected.
err-88000001-fix-dev = Send token requests as POST with Content-Type application/x-www-form-urlencoded and URL-encode each parameter in the body. OAuth libraries do this already; the problem usually comes from hand-written HTTP calls.

## 88000002 DuplicateParameter
err-88000002-meaning = The request contained the same parameter more than once. OAuth 2.0 forbids this, because Sigil cannot know which of the values was meant.
err-88000002-causes = Both the application code and its OAuth library added the same parameter, such as client_id or scope. Several scopes were sent as separate scope parameters instead of one list. A URL was built by appending parameters to one that already carried them.
err-88000002-fix-user = Try again. If it fails the same way, contact the application's support.
err-88000002-fix-dev = Send each parameter exactly once; the error_description names the repeated one. Put all scopes into a single scope parameter, separated by spaces.

## 88000003 MultipleClientAuthentication
err-88000003-meaning = The application identified itself with more than one authentication method in the same request. OAuth 2.0 allows exactly one method per request.
err-88000003-causes = The application sent an Authorization Basic header and also put client_secret in the body. It sent a client_assertion together with a secret. A library was set up for one method while the code adds credentials by hand as well.
err-88000003-fix-user = Contact the application's support; the application needs to be corrected.
err-88000003-fix-dev = Pick one method from the client's registered auth_methods: client_secret_basic, with the credentials only in the Authorization header, or client_secret_post, with client_id and client_secret only in the body. Remove the other credentials from the request.

## 88000004 UnsupportedParameterValue
err-88000004-meaning = A parameter was present, but Sigil does not support the value it carried. The error_description names the parameter and the value.
err-88000004-causes = code_challenge_method was plain, or was left out so that plain was assumed, and the tenant does not accept plain. The value belongs to a protocol feature Sigil does not implement. The value has a typo or the wrong letter case.
err-88000004-fix-user = Contact the application's support; the application needs to be corrected.
err-88000004-fix-dev = Send a value Sigil supports for the named parameter. For PKCE, always send code_challenge_method=S256 together with code_challenge.

## 9002325 PkceRequired
err-9002325-meaning = This application must use Proof Key for Code Exchange (PKCE) with the S256 method, and the request did not. Without PKCE, an intercepted authorization code could be redeemed by someone else.
err-9002325-causes = A public client, such as a mobile, desktop or single-page app, started sign-in without code_challenge. The code being redeemed was issued without a challenge, and public clients cannot redeem such codes. PKCE is switched off in the application's OAuth library.
err-9002325-fix-user = Contact the application's support; the application needs to be corrected.
err-9002325-fix-dev = For every authorization request, create a random code_verifier of 43 to 128 characters, send its base64url-encoded SHA-256 as code_challenge with code_challenge_method=S256, and send the same code_verifier when redeeming the code. Sigil requires this of every public client.

## 700016 UnauthorizedClientApplicationNotFound
err-700016-meaning = No application with the given client_id is registered in this tenant, so Sigil cannot tell which application is asking.
err-700016-causes = The client_id is misspelled or was copied from another environment. The request uses the wrong tenant in its URL. The application was removed or never provisioned in this tenant.
err-700016-fix-user = Contact the application's support; the application is not set up correctly with this sign-in service.
err-700016-fix-dev = Compare the client_id sent, in the body or in the Authorization header, with the clients in the tenant's provisioning file. Check that the tenant segment of the URL is the tenant the client is registered in.

## 7000215 InvalidClientSecret
err-7000215-meaning = The client secret the application sent does not match any secret registered for it, so the application could not be authenticated.
err-7000215-causes = The secret was mistyped, cut short or copied with extra spaces. The application uses a secret that was removed, or one that belongs to another client or environment. With client_secret_basic, special characters in the secret were not form-urlencoded before the Base64 step, as RFC 6749 requires.
err-7000215-fix-user = Contact the application's support; the application's own credentials are wrong, not yours.
err-7000215-fix-dev = Sigil keeps only a keyed hash of each secret and cannot show it again, so if the right value is lost, create a new one with sigil client secret add and deploy it. For client_secret_basic, form-urlencode the client_id and the secret before joining them with a colon and Base64-encoding the result.

## 7000222 ExpiredClientSecret
err-7000222-meaning = The application sent one of its registered secrets, but that secret has passed its expiry date and is no longer accepted.
err-7000222-causes = The secret reached its expiry date and no replacement was deployed. A new secret was created, but one instance of the application still uses the old one.
err-7000222-fix-user = Contact the application's support; the application's credentials need to be renewed.
err-7000222-fix-dev = Create a new secret with sigil client secret add, deploy it to every instance of the application, then remove the expired one. sigil logs --trace-id <id> shows which secret expired and when; plan the next rotation before that date.

## 7000218 MissingClientCredentials
err-7000218-meaning = The application is registered as confidential, so it must prove its identity with a client secret, but the request carried only its client_id.
err-7000218-causes = The secret is not configured in the application, or the setting is empty. A confidential application runs code written for public clients. A proxy removed the Authorization header.
err-7000218-fix-user = Contact the application's support; the application needs to be corrected.
err-7000218-fix-dev = Send the secret with one of the client's registered auth_methods: an Authorization Basic header, or client_secret in the form body. If the application runs on the user's device and cannot keep a secret, register it as a public client with auth_methods none and use PKCE.

## 700025 PublicClientSentSecret
err-700025-meaning = The application is registered as a public client, one that cannot keep a secret, yet it presented a client secret. Sigil refuses the request rather than ignoring the secret.
err-700025-causes = A secret is built into a mobile, desktop or browser application that is registered as public. The registration was changed to public, but the application still sends its old secret. A server-side application uses the client_id of a public client.
err-700025-fix-user = Contact the application's support; the application needs to be corrected.
err-700025-fix-dev = For an app that runs on the user's device, send neither an Authorization Basic header nor client_secret; identify it with client_id and protect the code with PKCE. If the application is a server that can keep a secret, register it as confidential with client_secret_basic or client_secret_post in auth_methods.

## 88000005 ClientAuthMethodNotAllowed
err-88000005-meaning = The application authenticated in a way its registration does not allow, or in a way Sigil does not support. The error_description names the method that was used.
err-88000005-causes = The application sent its secret in the body (client_secret_post) but is registered only for the Authorization header (client_secret_basic), or the other way round. It sent a client_assertion (private_key_jwt), which Sigil does not support. A public client whose auth_methods do not include none sent only its client_id.
err-88000005-fix-user = Contact the application's support; the application needs to be corrected.
err-88000005-fix-dev = Make the application use a method listed in the client's auth_methods, or add the method it uses to auth_methods in the provisioning file. Use a client secret instead of a client_assertion.

## 88000006 MalformedClientCredentials
err-88000006-meaning = The request had an Authorization header with the Basic scheme, but Sigil could not read a client_id and secret from it.
err-88000006-causes = The value after Basic is not valid Base64. The decoded text is not UTF-8, contains no colon, or has an empty client_id. Characters in the client_id or secret are not correctly form-urlencoded.
err-88000006-fix-user = Contact the application's support; the application needs to be corrected.
err-88000006-fix-dev = Build the header as Basic, a space, then the Base64 of client_id, a colon and the secret, each form-urlencoded first (RFC 6749 section 2.3.1). sigil logs --trace-id <id> shows which check failed.

## 70000 InvalidGrant
err-70000-meaning = The authorization code or refresh token sent to the token endpoint is not one that Sigil recognises. Sigil stores only hashes of these values, so it can say no more than that the value is unknown.
err-70000-causes = The code or token was cut short, altered, encoded twice or mixed up with another value. It was issued by another tenant or another Sigil deployment. The application sent an access token or ID token where a refresh token was expected.
err-70000-fix-user = Sign in again.
err-70000-fix-dev = Pass the code and the refresh token on exactly as received, decoding the code from the redirect once and encoding it once in the form body. Make sure the token request goes to the tenant and deployment that issued the value.

## 70008 ExpiredOrInactiveGrant
err-70008-meaning = The authorization code or refresh token was recognised, but it is too old to be used. Authorization codes expire 60 seconds after they are issued, and a refresh token stops working when it stays unused for too long.
err-70008-causes = The application waited too long between receiving the code and redeeming it, for example because of a slow back end or a paused debugger. A refresh token stayed unused past the inactivity limit, for example because the user did not open the application for weeks.
err-70008-fix-user = Sign in again.
err-70008-fix-dev = Redeem authorization codes as soon as the redirect arrives. The refresh token inactivity limit is the refresh_token_inactivity setting (14 days by default) or the client's lifetimes.refresh_inactivity; when it is reached, start a new interactive sign-in.

## 54005 AuthorizationCodeAlreadyRedeemed
err-54005-meaning = The authorization code had already been used. A code works only once, and since a second use may mean the code was stolen, Sigil has also revoked every token issued from it.
err-54005-causes = The application retried the token request after a timeout, although the first attempt had already reached Sigil. The redirect page was loaded twice, for example by a browser refresh or a prefetch, and each load redeemed the code. An earlier redemption failed, for example on redirect_uri or code_verifier, and the same code was tried again, but the first attempt had already consumed it.
err-54005-fix-user = Sign in again.
err-54005-fix-dev = Redeem each code exactly once and never retry with the same code; after any failure, start a new authorization request. The tokens from the first redemption are now revoked, so discard any session built on them.

## 88000007 GrantIssuedToAnotherClient
err-88000007-meaning = The authorization code or refresh token belongs to a different application, or a different tenant, than the one that presented it. A code or token can be used only by the client it was issued to.
err-88000007-causes = Two applications share a token cache or configuration, and one used the other's refresh token. The code was redeemed with a different client_id than the one in the authorization request. The request went to a different tenant than the one that issued the code or token.
err-88000007-fix-user = Sign in again. If the problem comes back, contact the application's support.
err-88000007-fix-dev = Use the same client_id and tenant for the authorization request, the code redemption and every refresh, and keep token caches separate per client. sigil logs --trace-id <id> shows which client the code or token was issued to.

## 501481 CodeVerifierMismatch
err-501481-meaning = The code_verifier sent with the authorization code does not match the code_challenge from the authorization request, so Sigil cannot be sure the caller is the app that started the sign-in.
err-501481-causes = The application lost or overwrote the verifier between the two steps, for example when two sign-ins ran at once in different tabs. The challenge was computed wrongly, for example with standard Base64 and padding instead of base64url without padding. A code_verifier was sent for a code issued without a challenge, or the verifier is not 43 to 128 allowed characters long.
err-501481-fix-user = Sign in again, using a single browser tab or window.
err-501481-fix-dev = Keep the code_verifier together with the state of each authorization request and send that same value when redeeming; code_challenge must be the base64url, without padding, of the SHA-256 of the verifier. This attempt consumed the code, so start a new authorization request.

## 88000008 RedirectUriDoesNotMatchCode
err-88000008-meaning = The redirect_uri sent when redeeming the code is not identical to the one used in the authorization request. OAuth 2.0 requires the two to match exactly.
err-88000008-causes = The two steps write the URI differently, for example with and without a trailing slash, in another letter case or with another port. The application has several registered redirect URIs and sends a different one to the token endpoint. A proxy or load balancer changes the scheme or host the application uses to build the URI.
err-88000008-fix-user = Sign in again. If it fails the same way, contact the application's support.
err-88000008-fix-dev = Send the same redirect_uri string, character for character, in the authorization request and in the token request. This attempt consumed the code, so start a new authorization request after the fix.

## 88000009 RefreshTokenReused
err-88000009-meaning = A refresh token that had already been exchanged was presented again after the short retry window. Since that can mean the token was stolen, Sigil has revoked the whole grant, so no refresh token from that sign-in works any more.
err-88000009-causes = The application did not save the new refresh token returned by a refresh and kept using the old one. Two processes, threads or tabs share one refresh token and refreshed it more than 10 seconds apart. A copy of the refresh token was stolen and used by someone else.
err-88000009-fix-user = Sign in again.
err-88000009-fix-dev = Every refresh returns a new refresh token: store it reliably and stop using the old one. A retry of the same refresh within 10 seconds receives the same successor, but any later reuse revokes the grant, so serialize refreshes across threads, processes and tabs.

## 50173 GrantRevoked
err-50173-meaning = The grant this refresh token belongs to has been revoked, so Sigil will issue no more tokens from it.
err-50173-causes = An administrator revoked the grant. Sigil revoked it automatically after detecting the reuse of a refresh token or a second redemption of the authorization code. Another request revoked the grant while this refresh was in progress.
err-50173-fix-user = Sign in again.
err-50173-fix-dev = Treat this as final: discard the stored tokens and start an interactive sign-in. If it happens often, look in the sign-in log for earlier 88000009 or 54005 entries for the same client, which point to a token handling bug.

## 88000010 RefreshTokenMaxLifetimeExceeded
err-88000010-meaning = The sign-in this refresh token comes from has reached its maximum lifetime. Rotating the refresh token does not extend a grant beyond this limit.
err-88000010-causes = The user has stayed signed in through refreshes for longer than the maximum lifetime of the grant. The client is configured with a shorter maximum lifetime than the default.
err-88000010-fix-user = Sign in again.
err-88000010-fix-dev = Handle this by starting an interactive sign-in. The limit is the refresh_token_max_lifetime setting (90 days by default), or the client's lifetimes.refresh_max in the provisioning file.

## 50126 InvalidUserNameOrPassword
err-50126-meaning = The username and password could not be verified. For security, Sigil gives the same answer whether the password is wrong or no such user exists.
err-50126-causes = The password is wrong or outdated, or was typed with Caps Lock on or with another keyboard layout. The username is misspelled or belongs to another tenant. The account does not exist in this tenant; operators see that case as 50034 in the sign-in log.
err-50126-fix-user = Check your username and password and try again; repeated failures block sign-in from your device for a short time. If you have forgotten your password, contact your administrator.
err-50126-fix-dev = Run sigil logs --trace-id <id>: the sign-in log records 50034 when the user does not exist and 50126 when the password was wrong. Never let the application retry a stored password automatically, because every failure counts towards smart lockout.

## 50034 UserAccountNotFound
err-50034-meaning = There is no user with this username in the tenant. Callers never see this code: they receive 50126, exactly as for a wrong password, so that usernames cannot be probed. Only operators see 50034, in the sign-in log.
err-50034-causes = The username is misspelled or written in another form than the registered one. The user belongs to another tenant or has not been provisioned yet. The user behind an authorization code or refresh token was deleted after signing in.
err-50034-fix-user = Check that you use the right username for this application and try again. If you still cannot sign in, contact your administrator.
err-50034-fix-dev = Check the users provisioned in the tenant and the tenant named in the request URL. Keep the same discretion in your own application and do not reveal whether a username exists.

## 50057 UserAccountDisabled
err-50057-meaning = The user's account exists but is disabled, so Sigil will not sign it in or issue new tokens for it.
err-50057-causes = An administrator disabled the account, for example when the person left the organization. The account was disabled after the user signed in, and the application then tried to refresh its tokens.
err-50057-fix-user = Contact your administrator to have your account enabled again.
err-50057-fix-dev = If the user should have access, mark the user as enabled in the provisioning file. Refresh tokens do not work while the account is disabled, so the application should show a clear message instead of retrying.

## 50053 IdsLocked
err-50053-meaning = Sign-in for this user is blocked for a short time from the address the request came from, because of too many failed attempts. The lock ends by itself, and other addresses are not affected.
err-50053-causes = Five wrong passwords were entered for the user from the same address, so Sigil locked the user for that address for 60 seconds. An application or script keeps retrying with an outdated saved password. Someone else is trying to guess the password from that address.
err-50053-fix-user = Wait a minute, then sign in with the correct password. If you did not make these attempts yourself, tell your administrator.
err-50053-fix-dev = Look up the user's failed attempts in the sign-in log to find their source, and stop any automatic retries with stored passwords. The lockout settings threshold, window and duration control the lock; by default 5 failures within 600 seconds lock the user for that address for 60 seconds.

## 88000011 GrantTypeNotAllowedForClient
err-88000011-meaning = Sigil supports the requested grant type, but this application is not registered to use it.
err-88000011-causes = The grant type is missing from the client's grant_types, for example client_credentials for an application registered only for user sign-in. The password grant was requested; it is off unless it is enabled for the client. A client without authorization_code in its grant_types started the authorization code flow.
err-88000011-fix-user = Contact the application's support; the application is not set up for this kind of sign-in.
err-88000011-fix-dev = If the client should use this grant, add it to the client's grant_types in the provisioning file; enable password only when no browser-based flow is possible. Refresh tokens are issued only to clients with refresh_token in grant_types.

## 501051 ClientHasNoPermissionOnApi
err-501051-meaning = The application asked for access to an API on which it holds no permission at all. The API exists, but nothing on it has been granted to this client.
err-501051-causes = The client has no permissions entry for the API. The entry lists no roles, which the client credentials grant needs, or no delegated scopes, which user sign-in needs. The api value in the permissions entry differs from the API's identifier.
err-501051-fix-user = Contact the application's support; the application has not been given access to the service it is calling.
err-501051-fix-dev = In the provisioning file, give the client a permissions entry whose api is the API identifier, listing roles for client credentials or scopes for user flows.

## 70003 UnsupportedGrantType
err-70003-meaning = Sigil does not support the grant_type given in the token request, for any application.
err-70003-causes = The grant_type value is misspelled or in the wrong letter case. The application uses a grant Sigil does not offer, such as the device authorization grant or an assertion grant.
err-70003-fix-user = Contact the application's support; the application needs to be corrected.
err-70003-fix-dev = Use one of authorization_code, client_credentials, refresh_token or password; password works only for clients that have it enabled.

## 70011 InvalidScope
err-70011-meaning = The scope parameter contains a value Sigil cannot accept: it is badly formed, unknown, or not defined by the API it names.
err-70011-causes = Scopes are separated by commas instead of single spaces. A scope names no API, for example a bare role name in a client credentials request, or the API does not define the scope or role named after the last slash. The scope contains characters that RFC 6749 section 3.3 does not allow, such as quotation marks or non-ASCII letters.
err-70011-fix-user = Contact the application's support; the application is asking for a permission that does not exist.
err-70011-fix-dev = Separate scopes with spaces and use openid, profile, email, offline_access or scopes of the form <api identifier>/<name> or <api identifier>/.default. Check the names against the API's scopes and roles in the provisioning file; client credentials requests name roles or .default.

## 500011 ResourcePrincipalNotFound
err-500011-meaning = The scope names an API that is not registered in this tenant, so Sigil cannot issue a token for it.
err-500011-causes = The API identifier in the scope is misspelled or slightly different, for example in its scheme or a trailing slash. The scope is the bare API identifier without a name, such as api://reports instead of api://reports/.default. The API is registered in another tenant or has not been provisioned yet.
err-500011-fix-user = Contact the application's support; the application is asking for a service this sign-in service does not know.
err-500011-fix-dev = Put the API identifier exactly as registered, for example api://reports, before the last slash of each scope, and check that the API exists in this tenant's provisioning file.

## 88000012 ScopeNotGranted
err-88000012-meaning = The API defines the requested scope or role, but this application has not been granted it. On a refresh, the same code means the request asked for more than the original sign-in granted.
err-88000012-causes = The client's permissions entry for the API lacks this scope, for user flows, or this role, for client credentials. The application was updated to request a new permission that was never added to its registration. A refresh request named a scope that was not part of the original grant.
err-88000012-fix-user = Contact the application's support; the application is asking for a permission it has not been given.
err-88000012-fix-dev = Add the scope or role to the client's permissions entry for that API in the provisioning file, or stop requesting it. On refresh, leave scope out or ask for a subset of the granted scopes; to get more, start a new interactive sign-in.

## 28000 MultipleResourcesInScope
err-28000-meaning = The scope parameter asks for permissions on more than one API. A Sigil access token is issued for a single API, so one request may name only one.
err-28000-causes = The application asked for scopes of two APIs at once, hoping for one token that works for both. A library merged the default scopes of several APIs into one request.
err-28000-fix-user = Contact the application's support; the application needs to be corrected.
err-28000-fix-dev = Request a separate token for each API, with that API's scopes only; openid, profile, email and offline_access may accompany any of them. For user flows this means a separate authorization request per API.

## 50011 RedirectUriMismatch
err-50011-meaning = The redirect_uri in the authorization request is not one of the addresses registered for the application. Sigil shows this page instead of redirecting, because sending the response to an unregistered address could hand it to someone else.
err-50011-causes = The address differs from the registered one in a detail such as http and https, host name, port, path, trailing slash or letter case. The application runs in a new environment whose address was never registered. Behind a reverse proxy, the application builds its address with an internal host name or scheme.
err-50011-fix-user = Contact the application's support and tell them that the sign-in page reported a redirect URI mismatch.
err-50011-fix-dev = Add the exact address to the client's redirect_uris in the provisioning file, or make the application send one that is already registered; it must match a registered value exactly.

## 88000020 UnsupportedResponseType
err-88000020-meaning = The authorization request asked for a response_type that Sigil does not support. Sigil offers only the authorization code flow, response_type=code.
err-88000020-causes = The application uses the implicit flow, with token or id_token, or a hybrid flow such as code id_token. The response_type value is misspelled. An older library uses the implicit flow by default.
err-88000020-fix-user = Contact the application's support; the application needs to be corrected.
err-88000020-fix-dev = Use response_type=code with PKCE and redeem the code at the token endpoint. Single-page applications should use this flow too, instead of the implicit flow.

## 50058 LoginRequired
err-50058-meaning = The application asked Sigil to sign the user in silently, without showing any page, but there is no active session to use. A visible sign-in is needed.
err-50058-causes = The request used prompt=none, and the user has not signed in yet or the session has expired. The browser blocked Sigil's session cookie, as many browsers do for third-party cookies in hidden frames. The user signed out in the meantime.
err-50058-fix-user = Sign in again when the application asks you to. If that does not work, allow cookies for the sign-in site.
err-50058-fix-dev = Treat this as the signal to start an interactive sign-in without prompt=none. Do not rely on silent sign-in in hidden frames where browsers block third-party cookies; use refresh tokens instead.

## 65001 ConsentRequired
err-65001-meaning = The user has not agreed to give the application the permissions it requests, and the request gave Sigil no way to ask.
err-65001-causes = The request used prompt=none, so Sigil was not allowed to show the consent page. The application now asks for more permissions than the user approved before. The request came through a flow without a browser page, where consent cannot be collected.
err-65001-fix-user = Sign in to the application again and review the permissions it asks for. If you are not allowed to approve them, contact your administrator.
err-65001-fix-dev = Start an interactive authorization request without prompt=none so that the consent page can be shown, and request only the scopes the application needs.

## 65004 UserDeclinedConsent
err-65004-meaning = The user saw the consent page and chose not to give the application the permissions it asked for. Sigil returned to the application without issuing a code.
err-65004-causes = The user declined or cancelled on the consent page. The user did not recognise the application or did not want to share the requested information.
err-65004-fix-user = If you do want to use the application, sign in again and accept the permissions it asks for.
err-65004-fix-dev = Handle error=access_denied on the redirect gracefully, for example with a page that explains why the permissions are needed and offers to try again. Request only the scopes the application really needs.

## 88000021 InvalidCsrfToken
err-88000021-meaning = A form on the sign-in page was submitted without a valid anti-forgery token, so Sigil could not confirm that it came from its own page in this browser. Sigil refuses such submissions to protect against cross-site request forgery.
err-88000021-causes = The sign-in page stayed open a long time and its form expired. The browser blocked or deleted Sigil's cookies, for example in a private window or because of a privacy extension. The form was sent again with the back button, from another tab, or from a different site.
err-88000021-fix-user = Start the sign-in again from the application, and make sure cookies are allowed for the sign-in site.
err-88000021-fix-dev = Check that Sigil's cookies reach the browser and come back with the form, and that no proxy strips them or changes the host users see. Do not embed Sigil's sign-in page in a frame on another site.

## 88000022 SignInExpired
err-88000022-meaning = The sign-in took longer than Sigil allows between opening the sign-in page and finishing it, so the pending request was discarded.
err-88000022-causes = The user left the sign-in page open and came back later. A step such as looking up a password took too long. The page was restored from the browser history or a saved tab.
err-88000022-fix-user = Go back to the application and start the sign-in again.
err-88000022-fix-dev = When this is rare, no change is needed beyond offering to start the sign-in again. If it happens often, check that server clocks are correct and that users are not sent to an old, bookmarked sign-in address.

## 88000030 InvalidAccessToken
err-88000030-meaning = The request to the UserInfo endpoint did not carry a usable access token: it was missing, not issued by this tenant, expired, or revoked.
err-88000030-causes = The access token expired; access tokens are short-lived, 10 minutes by default. The token was issued by another tenant or deployment, or was altered. The grant behind the token was revoked, or the token was not sent with the Bearer scheme in the Authorization header.
err-88000030-fix-user = Sign in again.
err-88000030-fix-dev = Send the access token in the Authorization header with the Bearer scheme, refresh it before it expires, and call the UserInfo endpoint of the tenant that issued it. The WWW-Authenticate header of the response repeats the error and its description.

## 88000031 InsufficientScope
err-88000031-meaning = The access token is valid, but it was not issued with the scope this endpoint requires. For the UserInfo endpoint, that is the openid scope.
err-88000031-causes = The sign-in did not request the openid scope. The token was obtained together with scopes of an API, and such a token carries only that API's scopes, not openid. A client credentials token was used, which carries application roles instead of user scopes.
err-88000031-fix-user = Sign in again. If the problem continues, contact the application's support.
err-88000031-fix-dev = Include openid in the scope of the sign-in whose access token is sent to UserInfo, and do not combine it with API scopes for that token; get a separate token for the API.

## 88000040 InvalidPostLogoutRedirectUri
err-88000040-meaning = The logout request asked Sigil to send the user to an address that is not registered as a post-logout redirect URI for the application. Sigil shows this page instead of redirecting, so that logout cannot be used to send people to arbitrary sites.
err-88000040-causes = The address is not in the client's post_logout_redirect_uris, or differs from a registered one in scheme, host, port, path or trailing slash. The application was deployed at a new address that was never registered. The sign-in redirect URI was registered, but not the separate post-logout one.
err-88000040-fix-user = Close this page and return to the application. If you are not sure you were signed out, sign out again there and report the problem to the application's support.
err-88000040-fix-dev = Add the exact address to the client's post_logout_redirect_uris in the provisioning file, or send one that is already registered; these are separate from redirect_uris. Send id_token_hint or client_id with the logout request, as OpenID Connect RP-Initiated Logout expects.

## 88000041 InvalidIdTokenHint
err-88000041-meaning = The id_token_hint sent with the logout request is not a valid ID token issued by this tenant, so Sigil cannot use it to identify the user and the application.
err-88000041-causes = The hint is an access token or some other value rather than the ID token. The ID token was issued by another tenant or deployment, or was cut short or altered. It was signed with a key that has since been rotated out and is no longer published.
err-88000041-fix-user = Close this page and sign out again from the application. If the problem continues, contact the application's support.
err-88000041-fix-dev = Send the ID token received at sign-in unmodified, and send the logout request to the tenant that issued it. If the ID token is very old, send client_id instead of id_token_hint.

## 88000050 AdminCredentialRequired
err-88000050-meaning = An administrative endpoint was called without a valid admin credential. These endpoints are for operators and their tools, never for applications or people signing in.
err-88000050-causes = The admin credential was not sent, or was sent in the wrong place or format. The credential was changed, and the tool still uses the old one. An application or a person reached an admin address by mistake.
err-88000050-fix-user = This page is not meant for you; go back to the application you were using.
err-88000050-fix-dev = Configure the calling tool or script with the current admin credential of this deployment. Make sure applications and end users have no reason or route to reach the admin endpoints.

## 88000060 NotFound
err-88000060-meaning = The requested address does not match any page or endpoint that Sigil provides.
err-88000060-causes = The URL has a typo or uses an outdated path. The application builds endpoint URLs by hand instead of reading them from discovery. A link or bookmark points to a page that no longer exists.
err-88000060-fix-user = Check the address, or go back to the application and start again from there.
err-88000060-fix-dev = Read the endpoint URLs from the tenant's OpenID Connect discovery document, at /.well-known/openid-configuration under the issuer URL, instead of hard-coding them.

## 88000100 RequestBodyTooLarge
err-88000100-meaning = The request body was larger than Sigil reads. Protocol requests are a few kilobytes; the limit protects the service from requests built to exhaust it.
err-88000100-causes = The application sent a file or other large data to a sign-in endpoint. A parameter, such as state, carries far more data than it should. The request was built to overload the service.
err-88000100-fix-user = Try again. If it fails the same way, contact the application's support.
err-88000100-fix-dev = Keep protocol requests small: send only the parameters the endpoint defines and keep values such as state short (store large data in the application and send a reference).

## 88000101 TooManyParameters
err-88000101-meaning = The request carried more parameters than any protocol request needs, so Sigil refused it without processing it further.
err-88000101-causes = The application or a library appends parameters in a loop. A URL was built by repeatedly adding parameters. The request was built to overload the service.
err-88000101-fix-user = Try again. If it fails the same way, contact the application's support.
err-88000101-fix-dev = Send only the parameters the endpoint defines; check the code that builds the request for parameters added repeatedly.

## 88000102 ScopeTooLarge
err-88000102-meaning = The scope parameter lists more values, or is longer, than Sigil accepts in one request. Sigil refuses it before looking at the values.
err-88000102-causes = The application adds scopes in a loop, or repeats the same scope many times. Scopes of many APIs were requested at once, although a token is for one API. The request was built to overload the service.
err-88000102-fix-user = Contact the application's support; the application asks for far more permissions than it can use.
err-88000102-fix-dev = Request only the scopes the token is for: openid and the other OpenID Connect scopes plus the scopes of one API, or <api identifier>/.default. Remove repeated scopes.

## 88000103 MethodNotAllowed
err-88000103-meaning = The endpoint exists but does not accept the HTTP method used, for example a GET on the token endpoint, which only accepts POST.
err-88000103-causes = The application opened the token endpoint in a browser or with GET. A proxy or library changed POST to GET after a redirect. The method was misspelled in a script.
err-88000103-fix-user = Go back to the application and start again from there.
err-88000103-fix-dev = Use one of the methods listed in the Allow header of the response: POST for the token endpoint, GET or POST for the authorization, userinfo and logout endpoints.

## 88000104 ParameterTooLong
err-88000104-meaning = A value the authorization request carries through the sign-in and back to the application (state, nonce, login_hint or ui_locales) is longer than Sigil keeps.
err-88000104-causes = The application stores a large amount of data in state instead of a short reference. A value was appended to repeatedly. The request was built to overload the service.
err-88000104-fix-user = Go back to the application and start again from there. If it fails the same way, contact the application's support.
err-88000104-fix-dev = Keep state and nonce short: store what you need in the application's session and send a random reference. A too-long state is refused on a page, since it cannot be sent back.
## 88000140 AccessTokenSentMoreThanOnce
err-88000140-meaning = The request to the UserInfo endpoint carried the access token both in the Authorization header and in the form body. RFC 6750 allows either, but a client must not use more than one method in the same request.
err-88000140-causes = The client library adds the Authorization header on every call, and the application also put access_token into the POST body. A proxy or middleware added a header to a request that already carried the token in its body.
err-88000140-fix-user = Sign in again. If the problem continues, contact the application's support.
err-88000140-fix-dev = Send the access token once: preferably in the Authorization header with the Bearer scheme; or, on POST with Content-Type application/x-www-form-urlencoded, as the access_token form parameter, without the header.
## 88000120 AdminCredentialThrottled
err-88000120-meaning = Several requests from this network address presented a wrong admin credential in a short time, so admin requests from it are refused for a while. Requests from other addresses are not affected.
err-88000120-causes = A tool or script uses an old or mistyped admin credential and retries. Someone is trying to guess the admin credential.
err-88000120-fix-user = This page is not meant for you; go back to the application you were using.
err-88000120-fix-dev = Wait for the time given in the Retry-After header, then use the current admin credential of this deployment. Check the server log for where the failed attempts came from.

## 88000121 RequestTimeout
err-88000121-meaning = The server stopped reading and handling the request because it did not complete within the configured request timeout, and closed the connection.
err-88000121-causes = The client sent the request body very slowly or stopped sending it. The network between the client and the server is very slow or congested. The request itself took unusually long to handle.
err-88000121-fix-user = Check your network connection and try again.
err-88000121-fix-dev = Send the whole request body promptly. If your requests are legitimately slow, ask the operator about server.request_timeout; check proxies between the client and Sigil for buffering problems.
## 88000160 InteractionStepMismatch
err-88000160-meaning = A sign-in or consent form was sent to a step it was not issued for, or a consent form was sent with another session than the one it was shown to. Sigil binds each form to its step and session so that a step such as re-entering the password cannot be skipped.
err-88000160-causes = A page was replayed or tampered with: the sign-in form's hidden fields were posted to the consent address. The user signed out or signed in as someone else in another tab while a consent page was open. A script or tool builds the forms itself instead of submitting the pages Sigil shows.
err-88000160-fix-user = Go back to the application and start the sign-in again.
err-88000160-fix-dev = Submit the forms exactly as Sigil renders them; never reuse the hidden fields of one page on another. Check the sign-in log for the trace ID: repeated occurrences from one source may be an attempt to skip re-authentication (prompt=login).

## 88000200 IntrospectionNotAllowed
err-88000200-meaning = An authenticated client called the introspection endpoint (RFC 7662), but it is not registered as a resource server that may introspect tokens: its introspect setting names no API.
err-88000200-causes = The client's introspect setting is empty: the client is an application, not a resource server. The resource server authenticates with the credentials of another client (for example the application's) instead of its own.
err-88000200-fix-user = Contact the service's support; the service is not set up to check tokens with Sigil.
err-88000200-fix-dev = Register the resource server as a confidential client and list, in its introspect setting, the identifiers of the APIs whose access tokens it checks (provisioning file key introspect, or sigil client update --introspect api://...). It will see only tokens whose aud is one of them; every other token answers active: false.

## 88000210 InvalidTarget
err-88000210-meaning = The client named a resource (RFC 8707 resource indicator) that Sigil cannot issue a token for: the value is not an absolute URI without fragment, no API of the tenant has that identifier, the client holds no permission on that API, the grant being redeemed or refreshed does not cover it, or a token request named more than one resource.
err-88000210-causes = A typo in the API identifier or an API that was removed. The client was never given permissions on the API. A refresh token or code obtained for other APIs. Several resource parameters sent to the token endpoint, or more than the allowed number in one request.
err-88000210-fix-user = Contact the application's support; the application asked for access to a service it is not set up for.
err-88000210-fix-dev = Send as resource the exact identifier of an API of the tenant (for example api://reports), one per token request; give the client permissions on that API; to use a refresh token for several APIs, name all of them as resource parameters in the authorization request. Scope values that name an API must name the same one as resource.
## 70016 AuthorizationPending
err-70016-meaning = The device code is valid, but the user has not yet entered the user code and completed the sign-in on the verification page (RFC 8628 section 3.5 authorization_pending).
err-70016-causes = The user is still signing in, or has not opened the verification page yet.
err-70016-fix-user = Open the address shown by the device, enter the code and finish signing in.
err-70016-fix-dev = Keep polling the token endpoint at the interval returned with the device code; this answer is expected until the user finishes.

## 70019 CodeExpired
err-70019-meaning = The device code and its user code lived longer than expires_in (RFC 8628 section 3.5 expired_token).
err-70019-causes = The user did not finish the sign-in in time. The device kept polling with an old code.
err-70019-fix-user = Start the sign-in on the device again and enter the new code promptly.
err-70019-fix-dev = Stop polling and request a new device code from the devicecode endpoint.

## 88000220 DevicePollingTooFast
err-88000220-meaning = The device polled the token endpoint sooner than the interval after its previous poll (RFC 8628 section 3.5 slow_down). The interval for this device code is now 5 seconds longer.
err-88000220-causes = The client ignores the interval returned with the device code, or does not add 5 seconds after a slow_down answer.
err-88000220-fix-user = Wait; the device will keep trying.
err-88000220-fix-dev = Wait at least the interval between polls and add 5 seconds to it after every slow_down answer, for the rest of this device code's life.

## 88000221 DeviceAuthorizationDeclined
err-88000221-meaning = The user declined the request on the verification page, so the device code will never yield tokens (RFC 8628 section 3.5 access_denied).
err-88000221-causes = The user did not recognise the device or the application, or declined the permissions it asked for.
err-88000221-fix-user = If this was a mistake, start the sign-in on the device again.
err-88000221-fix-dev = Stop polling; show the user that the sign-in was declined and offer to start again.

## 70018 BadVerificationCode
err-70018-meaning = The verification page received a user code that matches no pending device authorization of this tenant: it was mistyped, has expired, or was already approved or declined (RFC 8628 section 3.3).
err-70018-causes = A typing mistake. The code expired (after 15 minutes) before it was entered. The sign-in on the device was already completed or declined. The device belongs to another tenant.
err-70018-fix-user = Check the code shown on the device and enter it again; if the device shows a new code, use that one.
err-70018-fix-dev = Show the user_code and verification_uri from the devicecode response unchanged; request a new device code when the old one expired.

## 88000222 DeviceCodeGuessesThrottled
err-88000222-meaning = The verification page counts wrong user codes per source address; after 10 wrong codes within 10 minutes it refuses further codes from that address until the window ends, so user codes cannot be guessed (RFC 8628 section 5.1).
err-88000222-causes = Repeated typing mistakes. Someone is trying codes at random. Many users share one address behind a proxy.
err-88000222-fix-user = Wait 10 minutes, then enter the code shown on your device carefully.
err-88000222-fix-dev = If many legitimate users share one address, make sure Sigil sees their real addresses (server.trusted_proxies).

## 9002327 SpaTokenRedeemedWithoutOrigin
err-9002327-meaning = The application is registered as a single-page application (type = "spa"). Its authorization codes and refresh tokens may only be redeemed by the browser itself, in a cross-origin request that carries an Origin header; this request had none, so it did not come from a page in a browser. This keeps tokens meant for a browser out of servers (Entra's rule AADSTS9002327).
err-9002327-causes = A backend server redeems a code or refresh token that a single-page application obtained. A command-line tool or script calls the token endpoint for an SPA client. The application is really a web application with a server and is registered with the wrong type. A proxy in front of Sigil strips the Origin header.
err-9002327-fix-user = Contact the application's support; the application needs to be corrected.
err-9002327-fix-dev = Redeem codes and refresh tokens from the page itself (MSAL.js does), so that the browser sends Origin. If a server must redeem them, register that application as a web (confidential) or public client instead of spa. Make sure proxies forward the Origin header.
## 88000380 InvalidRedirectUri
err-88000380-meaning = A dynamic client registration (RFC 7591) named a redirect URI that is malformed or that the tenant's registration policy does not allow (RFC 7591 section 3.2.2 invalid_redirect_uri).
err-88000380-causes = A fragment, a relative URI, plain http on a host that is not loopback, or a scheme or host outside the tenant's registration.redirect_uri_schemes and registration.redirect_uri_hosts.
err-88000380-fix-user = Contact the application's support; the application could not register itself with this sign-in service.
err-88000380-fix-dev = Register absolute redirect URIs without fragments, https or http on 127.0.0.1, [::1] or localhost, with a scheme and host the tenant allows; ask the operator which ones.

## 88000381 InvalidClientMetadata
err-88000381-meaning = A dynamic client registration or update (RFC 7591, RFC 7592) carried client metadata that is invalid or that the tenant's registration policy does not allow (RFC 7591 section 3.2.2 invalid_client_metadata).
err-88000381-causes = A body that is not a JSON object, a grant type the tenant does not allow for registered clients, response_types that do not match grant_types, an authentication method other than none, client_secret_basic or client_secret_post, a scope the tenant does not offer, or a client_id that differs from the one being updated.
err-88000381-fix-user = Contact the application's support; the application could not register itself with this sign-in service.
err-88000381-fix-dev = Send a JSON object with redirect_uris, grant_types among those the tenant allows, the matching response_types, token_endpoint_auth_method none, client_secret_basic or client_secret_post, and only scopes the tenant's registration.permissions offer.

## 88000382 InvalidInitialAccessToken
err-88000382-meaning = The tenant's registration endpoint is not open: each registration must carry an initial access token (RFC 7591 section 3) as a Bearer token, and the one sent is absent, unknown, expired or used up.
err-88000382-causes = No Authorization header. A token for another tenant. A single-use token that was already used, or one past its expiry.
err-88000382-fix-user = Contact the application's support; the application could not register itself with this sign-in service.
err-88000382-fix-dev = Ask the operator for an initial access token (sigil registration token create) and send it as Authorization: Bearer with the registration request.

## 88000383 InvalidRegistrationAccessToken
err-88000383-meaning = A request to the client configuration endpoint (RFC 7592) carried a registration access token that does not belong to the client named, or the client does not exist (any more); RFC 7592 section 2 answers both with 401.
err-88000383-causes = The token of another client, a token from before the client was deleted, or a client that was removed when its lifetime ended.
err-88000383-fix-user = Contact the application's support.
err-88000383-fix-dev = Use the registration_access_token and registration_client_uri returned by the registration, as a Bearer token; register again if the client was removed.

## 88000384 ClientMetadataDocumentUnavailable
err-88000384-meaning = The client_id is an https URL (OAuth Client ID Metadata Document), and Sigil could not fetch the JSON document at that URL within its limits.
err-88000384-causes = The client's server is down or slow, answers with an error or a redirect, sends more than the allowed size, or resolves to a private or loopback address while outbound.allow_private_addresses is off.
err-88000384-fix-user = Try again later; if it persists, contact the application's support.
err-88000384-fix-dev = Serve the document at exactly the client_id URL over https, with status 200, JSON, small, without redirects, from a public address.

## 88000385 ClientMetadataDocumentInvalid
err-88000385-meaning = The client_id is an https URL (OAuth Client ID Metadata Document), and the URL or the document fetched from it breaks the rules of the draft or of the tenant's policy.
err-88000385-causes = Metadata documents are not enabled for the tenant, the document's client_id is not exactly the URL, the document holds a client_secret or asks for a shared-secret authentication method, its redirect URIs or grant types are not allowed, or the URL has a fragment, credentials, dot segments or no path.
err-88000385-fix-user = Contact the application's support; the application is not set up correctly for this sign-in service.
err-88000385-fix-dev = Make client_id in the document equal to its URL, list redirect_uris, use token_endpoint_auth_method none, and keep to the tenant's registration policy.
## 88000340 DpopProofInvalid
err-88000340-meaning = The DPoP header must hold one JSON Web Token of type dpop+jwt, signed with ES256, RS256, PS256 or EdDSA by the public key in its own jwk header, and carrying the jti, htm, htu and iat claims (RFC 9449 section 4.3). This proof failed one of those checks, or the request carried more than one DPoP header.
err-88000340-causes = The client library built the proof with another typ or algorithm. The jwk header holds a private key or a key that does not fit the algorithm. The signature does not verify. A required claim is missing. Two DPoP headers were sent.
err-88000340-fix-user = Try again; if it keeps failing, contact the application's developer.
err-88000340-fix-dev = Build the proof as RFC 9449 section 4.2 describes (typ dpop+jwt, the public key only in jwk, a fresh jti), or use a maintained library such as oauth4webapi. The sign-in log names the check that failed.

## 88000341 DpopProofMismatch
err-88000341-meaning = A DPoP proof names the HTTP method (htm) and the URL without query and fragment (htu) of the one request it is for, and, when it accompanies an access token, that token's SHA-256 hash (ath). One of them does not match this request (RFC 9449 section 4.3).
err-88000341-causes = The proof was reused for another endpoint or method. The client computed htu from another base URL than Sigil publishes, for example behind a proxy. The ath is missing or was computed over another token.
err-88000341-fix-user = Try again; if it keeps failing, contact the application's developer.
err-88000341-fix-dev = Set htu to the endpoint URL from discovery and htm to the request's method; at a resource, add ath, the base64url SHA-256 of the access token. Check server.public_url if a proxy rewrites the address.

## 88000342 DpopProofStale
err-88000342-meaning = The proof's iat claim must lie within tokens.dpop_proof_window seconds (60 by default) of the server's clock (RFC 9449 section 4.3 and section 11.1), so that a captured proof cannot be used later.
err-88000342-causes = The client's clock is wrong. A proof was kept and sent again later. A long delay between creating and sending the proof.
err-88000342-fix-user = Check that your device's clock is set correctly, then try again.
err-88000342-fix-dev = Create a new proof for every request, right before it is sent; synchronize the client's clock, or use server nonces (tokens.dpop_nonce_lifetime).

## 88000343 DpopProofReplayed
err-88000343-meaning = Every DPoP proof is accepted once: Sigil records each proof's key and jti, shared by all its instances, and refuses a proof it has seen before while its iat is still within the accepted window (RFC 9449 section 11.1).
err-88000343-causes = The client sent the same proof twice, for example on a retry. An attacker replays a captured proof.
err-88000343-fix-user = Try again.
err-88000343-fix-dev = Create a new proof with a new random jti for every request, retries included.

## 88000344 UseDpopNonce
err-88000344-meaning = The client is registered to include a server-provided nonce in its DPoP proofs (RFC 9449 section 8). The proof had none, or one that is no longer current. The response's DPoP-Nonce header carries the nonce to use.
err-88000344-causes = The first request of a client that has not seen a nonce yet (this is the normal first step). A nonce older than two nonce periods.
err-88000344-fix-user = Try again; the application normally does this by itself.
err-88000344-fix-dev = Retry with a new proof whose nonce claim is the DPoP-Nonce header of this response; libraries such as oauth4webapi do this automatically. Nonces change every tokens.dpop_nonce_lifetime seconds.

## 88000345 DpopKeyMismatch
err-88000345-meaning = An authorization code requested with dpop_jkt, and the refresh tokens of a public client that used DPoP, are bound to one DPoP key; they can be redeemed only with a proof made by that key (RFC 9449 section 5 and section 10).
err-88000345-causes = The client generated a new DPoP key, for example after a restart, and lost the old one. The request was sent without a DPoP proof. A stolen token is used by someone else.
err-88000345-fix-user = Sign in again.
err-88000345-fix-dev = Keep the DPoP key pair for as long as the tokens bound to it; send a DPoP proof with every token request of a bound grant. After losing the key, start a new authorization.

## 88000346 DpopProofRequired
err-88000346-meaning = The client is registered with dpop_bound_access_tokens (RFC 9449 section 5.2): Sigil issues it only DPoP-bound access tokens, so every token request must carry a DPoP header.
err-88000346-causes = The client library was not configured to use DPoP. The proof was removed by a proxy.
err-88000346-fix-user = Contact the application's developer.
err-88000346-fix-dev = Configure the client to create a DPoP proof for every token request, or remove dpop_bound_access_tokens from the client's registration.

## 88000347 DpopBoundTokenMisused
err-88000347-meaning = A DPoP-bound access token (its cnf claim names a key) is accepted only as Authorization: DPoP with a DPoP proof made by that key; an unbound token is not accepted under the DPoP scheme (RFC 9449 section 7.1).
err-88000347-causes = The client sent a DPoP-bound token as a Bearer token. The proof is missing or made by another key. A token without binding was sent with the DPoP scheme.
err-88000347-fix-user = Sign in again; if it keeps failing, contact the application's developer.
err-88000347-fix-dev = Send Authorization: DPoP with the token and a DPoP header whose ath is the token's hash, signed by the key the token was issued to. Read token_type in the token response: DPoP or Bearer.

## 88000350 InvalidRequestUri
err-88000350-meaning = A request_uri from the pushed authorization request endpoint stands for one authorization request, for one client, for a short time, and can be used once (RFC 9126 section 4). This one is not known for the client named in the request, has expired or was already used.
err-88000350-causes = The user reloaded or went back to the authorization page. The request was pushed too long ago (tokens.pushed_request_lifetime). The client_id in the authorization request is not the one that pushed it. The value was changed.
err-88000350-fix-user = Go back to the application and start the sign-in again.
err-88000350-fix-dev = Push a new request for every authorization request and redirect the browser to the authorization endpoint right away, with the same client_id and the request_uri unchanged.

## 88000351 PushedAuthorizationRequestRequired
err-88000351-meaning = The client is registered with require_pushed_authorization_requests (RFC 9126 section 6): Sigil accepts its authorization requests only as a request_uri from the PAR endpoint, so that their parameters cannot be changed in the browser.
err-88000351-causes = The client library was not configured to use PAR. An attacker or a bookmark sends the authorization request directly.
err-88000351-fix-user = Go back to the application and start the sign-in there.
err-88000351-fix-dev = POST the authorization request to pushed_authorization_request_endpoint from discovery and redirect with only client_id and request_uri.
## 700021 ClientAssertionIssuerMismatch
err-700021-meaning = In a client assertion (private_key_jwt, RFC 7523 section 3) both iss and sub must be the client ID of the application that authenticates.
err-700021-causes = The assertion was built for another application, or the client_id parameter names another application than the assertion.
err-700021-fix-user = Contact the administrator of the application.
err-700021-fix-dev = Set iss and sub of the assertion to the application's client ID, and send the same client_id (or none).

## 700023 InvalidClientAssertionAudience
err-700023-meaning = The aud claim of a client assertion must be this tenant's token endpoint or its issuer (RFC 7523 section 3), with the tenant given by name or by ID.
err-700023-causes = The application is configured with another authority, for example Entra's login.microsoftonline.com.
err-700023-fix-user = Contact the administrator of the application.
err-700023-fix-dev = Point the library's authority at this Sigil tenant; the audience is then the token endpoint from its discovery document.

## 700024 ClientAssertionNotWithinValidTimeRange
err-700024-meaning = A client assertion is accepted only between its nbf/iat and its exp, with a small clock skew (tokens.assertion_clock_skew), and only when it expires within tokens.assertion_max_lifetime.
err-700024-causes = The assertion expired, the client's clock is wrong, or the assertion was made to live longer than the server allows.
err-700024-fix-user = Check that the device's clock is set correctly, then try again.
err-700024-fix-dev = Synchronize the clock (NTP), build a new assertion for each expiry, and keep exp within tokens.assertion_max_lifetime.

## 700027 InvalidClientAssertionSignature
err-700027-meaning = The assertion must be signed with RS256, PS256 or ES256 by the private key of a certificate or key registered for the application; none and HMAC algorithms are refused.
err-700027-causes = The assertion was signed with another key than the certificate it names, altered after signing, or signed with an algorithm that does not fit the key.
err-700027-fix-user = Contact the administrator of the application.
err-700027-fix-dev = Sign with the private key of the registered certificate, and use RS256 or PS256 for RSA keys and ES256 for P-256 keys.

## 88000300 ClientAssertionKeyNotFound
err-88000300-meaning = The assertion's header names its key by x5t#S256, x5t or kid; none of the application's certificates, JWKS keys or the keys at its jwks_uri (fetched again once) has it.
err-88000300-causes = The application uses a new certificate that was not registered, or the issuer rotated its keys.
err-88000300-fix-user = Contact the administrator of the application.
err-88000300-fix-dev = Register the certificate (sigil import with [[tenant.client.certificate]]) or publish the key at the jwks_uri.

## 88000301 ClientAssertionReplayed
err-88000301-meaning = A client assertion's jti is remembered until it expires. By default only the same assertion from the same application is accepted again; with strict_assertion_replay every jti is accepted once.
err-88000301-causes = The assertion was captured and replayed, or the library reuses its assertion while the application is in strict mode.
err-88000301-fix-user = Try again; if it keeps failing, contact the administrator of the application.
err-88000301-fix-dev = Build a new assertion with a fresh jti for every request, or turn strict_assertion_replay off for this client.

## 88000302 ClientCertificateExpired
err-88000302-meaning = A certificate registered for an application is used only until its notAfter date.
err-88000302-causes = The application still signs with a certificate past its expiry.
err-88000302-fix-user = Contact the administrator of the application.
err-88000302-fix-dev = Create a new certificate, register it next to the old one, switch the application to it, then remove the old one.

## 88000303 AssertionKeysUnavailable
err-88000303-meaning = Keys at a jwks_uri, and an external issuer's discovery document and JWKS, are fetched over HTTPS with size and time limits, never from private addresses, and the discovery document's issuer must be the token's.
err-88000303-causes = The other server is down or slow, the URL is wrong, it resolves to a private address, or its discovery document names another issuer.
err-88000303-fix-user = Try again later.
err-88000303-fix-dev = Check that the jwks_uri or the issuer's /.well-known/openid-configuration is reachable from Sigil and correct; see the outbound settings.

## 700211 NoMatchingFederatedIssuer
err-700211-meaning = A token from an external issuer authenticates an application only when one of its federated credentials names that issuer exactly.
err-700211-causes = The workload's token comes from another issuer, or the issuer URL differs (for example a trailing slash).
err-700211-fix-user = Contact the administrator of the application.
err-700211-fix-dev = Add a federated_credential with the issuer exactly as in the token's iss claim.

## 700212 NoMatchingFederatedAudience
err-700212-meaning = The token's aud must contain the audience of the matching federated credential (api://AzureADTokenExchange by default).
err-700212-causes = The workload requested its token for another audience.
err-700212-fix-user = Contact the administrator of the application.
err-700212-fix-dev = Request the workload token with the credential's audience, or set the credential's audience to the one the token carries.

## 700213 NoMatchingFederatedSubject
err-700213-meaning = The token's sub must equal the subject of a federated credential for its issuer (for example system:serviceaccount:namespace:name).
err-700213-causes = Another workload, branch or service account presented its token.
err-700213-fix-user = Contact the administrator of the application.
err-700213-fix-dev = Add a federated_credential with the subject exactly as in the token's sub claim.
## 50013 InvalidAssertion
err-50013-meaning = The on-behalf-of request carried an assertion that Sigil could not accept: it is not an access token signed by this tenant, it was issued by another tenant, or its grant or the token itself was revoked.
err-50013-causes = The middle-tier API forwarded an ID token or a token from another tenant or authority. The user signed out or the token was revoked. The token was altered.
err-50013-fix-user = Sign in to the application again.
err-50013-fix-dev = Forward the exact access token your API received in the Authorization header, issued by the same tenant; when it was revoked, have the front end acquire a new one.

## 500131 AssertionAudienceDoesNotMatchClient
err-500131-meaning = In the on-behalf-of flow the assertion must be an access token for the API the calling application implements (its exposes_api setting). This one was issued for another audience.
err-500131-causes = The middle-tier API forwarded a token meant for a different API. The application's exposes_api setting names another API, or none.
err-500131-fix-user = Contact the application's administrator.
err-500131-fix-dev = Forward the token your API received for itself. Set exposes_api on the middle-tier client to the identifier of the API it implements, and have the front end request scopes of that API.

## 500133 AssertionNotWithinValidTimeRange
err-500133-meaning = The access token given as the on-behalf-of assertion is past its expiry (exp) or not yet valid (nbf), beyond a small allowance for clock differences.
err-500133-causes = The middle-tier API kept a user's token longer than its lifetime. The clocks of the servers differ by more than a minute.
err-500133-fix-user = Reload the application or sign in again.
err-500133-fix-dev = Have the front end send a fresh access token with each call; do not cache incoming tokens beyond their exp. Keep server clocks synchronised.

## 88000320 AssertionHasNoUser
err-88000320-meaning = On-behalf-of acts for the signed-in user named in the assertion. The assertion was an access token issued to an application itself (client credentials), which names no user.
err-88000320-causes = The calling API received an application token (from a daemon or service) and tried to exchange it on behalf of a user.
err-88000320-fix-user = Contact the application's administrator.
err-88000320-fix-dev = Use on-behalf-of only with tokens issued for a user. For service-to-service calls without a user, request a token with client credentials instead.

## 88000321 OnBehalfOfConsentRequired
err-88000321-meaning = The middle-tier application asked for a token of a downstream API on behalf of the user, but the user has not consented to that application for those permissions. Callers see Entra's code 65001 with error invalid_grant and suberror consent_required.
err-88000321-causes = The user consented to the front-end application only. The middle tier asks for more downstream permissions than the user approved. The consent was withdrawn.
err-88000321-fix-user = Sign in to the application again and accept the permissions it asks for.
err-88000321-fix-dev = Return the consent_required error to the front end so that it signs the user in interactively with the middle tier's downstream scopes (or have the user sign in to the middle-tier client once), then retry.

## 88000322 SubjectTokenInvalid
err-88000322-meaning = In a token exchange (RFC 8693) the subject_token must be an access token this tenant issued to a user, unexpired and not revoked.
err-88000322-causes = The token expired, was revoked, was issued by another tenant, is an ID token or an application token, or was altered.
err-88000322-fix-user = Sign in to the application again.
err-88000322-fix-dev = Send the user's current access token as subject_token, with subject_token_type urn:ietf:params:oauth:token-type:access_token.

## 88000323 ActorTokenInvalid
err-88000323-meaning = In a delegation token exchange (RFC 8693) the actor_token names the party that acts for the user; it must be an access token this tenant issued, unexpired and not revoked.
err-88000323-causes = The actor's token expired, was revoked, was issued by another tenant or was altered.
err-88000323-fix-user = Try again later; if it keeps failing, contact the application's administrator.
err-88000323-fix-dev = Send a current access token of the acting service (for example one from client credentials) as actor_token, with actor_token_type urn:ietf:params:oauth:token-type:access_token.

## 88000324 SubjectTokenNotExchangeable
err-88000324-meaning = The client's token exchange policy lists the audiences of subject tokens it may exchange; the subject token's audience is not one of them.
err-88000324-causes = The application sent a token meant for another API, or its policy (token_exchange.subject_audiences) does not list this API.
err-88000324-fix-user = Contact the application's administrator.
err-88000324-fix-dev = Exchange only tokens issued for your own API, or add its identifier to the client's token_exchange.subject_audiences.

## 88000325 ExchangeTargetNotAllowed
err-88000325-meaning = The client's token exchange policy lists the APIs it may ask exchanged tokens for; the requested audience, resource or scope names another one, or the client has no policy.
err-88000325-causes = The audience, resource or scope parameter names an API the policy (token_exchange.target_audiences) does not list.
err-88000325-fix-user = Contact the application's administrator.
err-88000325-fix-dev = Ask only for targets in the client's token_exchange.target_audiences, or add the API there.

## 88000326 UnsupportedTokenType
err-88000326-meaning = A token exchange named a subject_token_type, actor_token_type or requested_token_type that Sigil does not handle. Sigil exchanges its own access tokens: urn:ietf:params:oauth:token-type:access_token or urn:ietf:params:oauth:token-type:jwt.
err-88000326-causes = The application sent an ID token, a SAML assertion or a refresh token type, or misspelled the type URI.
err-88000326-fix-user = Contact the application's administrator.
err-88000326-fix-dev = Use urn:ietf:params:oauth:token-type:access_token (or urn:ietf:params:oauth:token-type:jwt) for the token types.

## 88000420 RequestObjectInvalid
err-88000420-meaning = The request parameter must be a JWT-secured authorization request (RFC 9101): a compact JWS signed with RS256, PS256 or ES256 by a key registered for the application (certificates, a JWKS or its jwks_uri). Unsigned objects (alg none) are refused, and a request object may not contain request or request_uri itself.
err-88000420-causes = The object is unsigned, encrypted, signed with an unsupported algorithm or with a key the application did not register, or it was altered on the way.
err-88000420-fix-user = Go back to the application and start the sign-in again. If it keeps failing, contact the application's administrator.
err-88000420-fix-dev = Sign the request object with a registered key using RS256, PS256 or ES256, and put a kid (or x5t#S256) in its header that names the key.

## 88000421 RequestObjectClaimsMismatch
err-88000421-meaning = In a request object (RFC 9101 sections 4 and 5) iss must be the application's client ID, aud must be this tenant's issuer, and client_id must equal the client_id of the request that carried it.
err-88000421-causes = The object was built for another application or another server, or the query names another client than the object.
err-88000421-fix-user = Contact the application's administrator.
err-88000421-fix-dev = Set iss and client_id to the client ID and aud to the issuer from discovery, and send the same client_id next to request.

## 88000422 RequestObjectNotWithinValidTimeRange
err-88000422-meaning = A request object must carry exp, must not have expired, its nbf and iat must not be in the future, and it may not be valid for longer than the server allows (the clock skew of tokens.assertion_clock_skew applies).
err-88000422-causes = The client's clock is wrong, the object was built long before it was sent, or it has no exp claim.
err-88000422-fix-user = Check the date and time of your device, then try again.
err-88000422-fix-dev = Build the request object just before sending it, with exp a few minutes ahead of iat, and keep the client's clock in sync.

## 88000423 RequestObjectReplayed
err-88000423-meaning = The jti of each request object of an application is accepted once until the object expires (RFC 9101 section 10.2), so a captured request object cannot be used again.
err-88000423-causes = The application reuses a request object, or an attacker replays one.
err-88000423-fix-user = Go back to the application and start the sign-in again.
err-88000423-fix-dev = Build a new request object with a fresh jti for every authorization request.

## 88000424 RequestUriNotSupported
err-88000424-meaning = Sigil does not fetch request objects from URLs (RFC 9101 section 6.2 request_uri_not_supported). The only request_uri it accepts is a urn:ietf:params:oauth:request_uri: value from its own pushed authorization request endpoint (RFC 9126).
err-88000424-causes = The application passes a request object by reference at an https URL, or an unrelated value as request_uri.
err-88000424-fix-user = Contact the application's administrator.
err-88000424-fix-dev = Push the request (or the request object) to pushed_authorization_request_endpoint and use the request_uri it returns, or send the request object by value in request.

## 88000425 SignedRequestObjectRequired
err-88000425-meaning = The application is registered with require_signed_request_object (RFC 9101 section 10.5): its authorization requests, at the authorization endpoint and at the pushed authorization request endpoint, must be a signed request object in the request parameter.
err-88000425-causes = The client library was not configured to sign its requests, or someone sent a plain authorization request for this application.
err-88000425-fix-user = Go back to the application and start the sign-in there.
err-88000425-fix-dev = Put every authorization parameter into a request object signed with a registered key and send it as request (directly or through PAR).

## 88000430 FapiPkceS256Required
err-88000430-meaning = The application follows the FAPI 2.0 Security Profile (section 5.3.2.2): every authorization request carries a PKCE code_challenge with code_challenge_method S256. Plain challenges are refused even where the tenant allows them.
err-88000430-causes = The request has no code_challenge, or uses the plain method.
err-88000430-fix-user = Contact the application's administrator.
err-88000430-fix-dev = Send code_challenge = BASE64URL(SHA-256(code_verifier)) and code_challenge_method=S256 in the pushed request.

## 88000431 FapiResponseModeNotAllowed
err-88000431-meaning = For an application with the FAPI 2.0 profile, Sigil returns the authorization response (code, state and iss per RFC 9207) only in the query string of the registered redirect URI; other response modes are refused.
err-88000431-causes = The request asks for response_mode fragment or form_post.
err-88000431-fix-user = Contact the application's administrator.
err-88000431-fix-dev = Leave out response_mode (query is the default for response_type code) or send response_mode=query.

## 88000432 FapiClientAssertionAudience
err-88000432-meaning = The FAPI 2.0 Security Profile (section 5.3.2.1) requires the authorization server to accept only its issuer identifier, as a single string, in the aud claim of client assertions. The token endpoint URL or an array is refused for FAPI 2.0 applications.
err-88000432-causes = The client library puts the token endpoint URL, an array, or the tenant's other name in aud.
err-88000432-fix-user = Contact the application's administrator.
err-88000432-fix-dev = Set aud of the private_key_jwt assertion to the issuer value from discovery, as a string.
## 50076 UserStrongAuthClientAuthNRequired
err-50076-meaning = The sign-in needs multi-factor authentication (the tenant, the application, a group of the user, or the request asked for it), but the application asked Sigil not to show any page (prompt=none).
err-50076-causes = The session was made with a password only, and a policy or acr_values now requires a second factor. The application tried a silent sign-in.
err-50076-fix-user = Sign in again when the application asks you to, and enter the code from your authenticator app.
err-50076-fix-dev = Treat interaction_required with suberror basic_action as the signal to start an interactive sign-in without prompt=none.

## 50079 UserStrongAuthEnrollmentRequired
err-50079-meaning = Multi-factor authentication is required for this sign-in, the user has no second factor yet, and the application asked Sigil not to show any page (prompt=none), so the setup page cannot be shown.
err-50079-causes = A policy requiring multi-factor authentication was switched on for a user who has not set up an authenticator app. The application tried a silent sign-in.
err-50079-fix-user = Sign in again when the application asks you to: Sigil will help you set up an authenticator app.
err-50079-fix-dev = Start an interactive sign-in without prompt=none; Sigil shows the enrollment page at the next sign-in.

## 88000440 OtpCodeInvalid
err-88000440-meaning = The six-digit code does not match the user's authenticator app for the current time (Sigil accepts the previous, current and next 30-second code).
err-88000440-causes = A mistyped code. The phone's clock is more than 30 seconds off. The code came from another account in the app.
err-88000440-fix-user = Type the code your authenticator app shows now for this account. If it keeps failing, set your phone's time automatically.
err-88000440-fix-dev = Nothing to change in the application; wrong codes are counted and too many make the second factor wait (88000442).

## 88000441 OtpCodeReplayed
err-88000441-meaning = The code is correct, but a code of the same 30-second step was already accepted for this authenticator. RFC 6238 requires refusing it a second time, so a code seen over someone's shoulder cannot be reused.
err-88000441-causes = The user signed in twice within 30 seconds with the same code. The form was submitted twice. Someone else used the code first.
err-88000441-fix-user = Wait until your authenticator app shows a new code, then type that one.
err-88000441-fix-dev = Nothing to change in the application. If users hit this often, they sign in twice in a row; the second sign-in can reuse the session.

## 88000442 SecondFactorLocked
err-88000442-meaning = Too many wrong second-factor codes were entered for this user, so Sigil does not check codes for a while (15 minutes). This stops guessing the six-digit code.
err-88000442-causes = Someone who knows the password is guessing codes. The user typed several wrong codes, or codes of another account.
err-88000442-fix-user = Wait 15 minutes and try again with the code your app shows. If you did not try to sign in, change your password.
err-88000442-fix-dev = Nothing to change in the application. Operators: the sign-in log records every attempt with the reason.

## 88000443 RecoveryCodeInvalid
err-88000443-meaning = The text typed at the second-factor step is not six digits, so Sigil checked it as a recovery code, and it is none of the user's unused recovery codes. Each recovery code works once.
err-88000443-causes = A recovery code that was used before. A code from an older set (setting up the authenticator again replaces them). A typo.
err-88000443-fix-user = Use another of your recovery codes, or the code from your authenticator app. If you have neither, ask your administrator.
err-88000443-fix-dev = Nothing to change in the application; wrong recovery codes count against the same limit as wrong codes (88000442).

## 88000444 PasswordGrantMfaRequired
err-88000444-meaning = The application signed the user in with the resource owner password credentials grant, which carries only a password, but a policy requires multi-factor authentication for this user or application. Callers see Entra's 50076.
err-88000444-causes = The tenant, the application or one of the user's groups requires multi-factor authentication, and the application uses grant_type=password.
err-88000444-fix-user = Sign in through the application's browser sign-in instead, or contact the application's administrator.
err-88000444-fix-dev = Use the authorization code flow (or the device code flow) so the user can complete the second factor; the password grant cannot.

## 88000650 InsufficientUserAuthentication
err-88000650-meaning = A protected resource of Sigil (UserInfo) refused the access token because the sign-in it came from used a password only, while the tenant or the application now requires multi-factor authentication. The answer is RFC 9470's WWW-Authenticate challenge with error insufficient_user_authentication and acr_values.
err-88000650-causes = Multi-factor authentication was switched on for the tenant or the application after the token's sign-in. The token was refreshed from a sign-in made before the policy.
err-88000650-fix-user = Sign in again when the application asks you to, and enter the code from your authenticator app.
err-88000650-fix-dev = Read acr_values from the WWW-Authenticate header and start a new authorization request with acr_values set to it (RFC 9470 section 4); the user is asked for the second factor and the new token satisfies the policy.

## 88000651 InsufficientClaims
err-88000651-meaning = The same refusal as 88000650 for a client that declared Entra's cp1 capability: the WWW-Authenticate challenge has error insufficient_claims and a claims value (base64) to send back, Entra's claims challenge.
err-88000651-causes = Multi-factor authentication was switched on for the tenant or the application after the token's sign-in, and the client declared that it handles claims challenges (xms_cc cp1).
err-88000651-fix-user = Sign in again when the application asks you to, and enter the code from your authenticator app.
err-88000651-fix-dev = Decode the claims value from the WWW-Authenticate header and pass it as the claims parameter of a new interactive token request (MSAL: WithClaims); Sigil asks for the second factor.
## 88000400 JwtBearerIssuerNotTrusted
err-88000400-meaning = A JWT bearer grant (RFC 7523) carried a JWT whose issuer (iss) is none of the tenant's trusted issuers.
err-88000400-causes = The tenant has no trusted_issuer entry for that issuer, or its issuer value differs (scheme, trailing slash, path).
err-88000400-fix-user = Contact the application's administrator.
err-88000400-fix-dev = Add a [[tenant.trusted_issuer]] whose issuer is exactly the JWT's iss, or send a JWT of a trusted issuer.

## 88000401 JwtBearerClientNotAllowed
err-88000401-meaning = The JWT's issuer is trusted by the tenant, but its trusted_issuer entry does not list the calling client.
err-88000401-causes = The client_id is missing from the issuer's clients list, or another application is using the assertion.
err-88000401-fix-user = Contact the application's administrator.
err-88000401-fix-dev = Add the client_id to the clients list of the tenant's trusted_issuer entry for this issuer.

## 88000402 JwtBearerAssertionInvalid
err-88000402-meaning = The JWT given as an authorization grant could not be accepted: it is malformed, lacks a required claim (iss, sub, aud, exp, or jti when the issuer requires it), its signature does not verify with the issuer's keys, or the keys could not be fetched.
err-88000402-causes = The JWT was altered or signed with a key the issuer does not publish. The issuer's discovery document or JWKS is unreachable. The JWT uses an algorithm other than RS256, PS256 or ES256.
err-88000402-fix-user = Try again later; if it persists, contact the application's administrator.
err-88000402-fix-dev = Send the JWT exactly as the issuer made it; check that the issuer publishes its keys (jwks_uri or discovery) and that Sigil can reach them; include a jti when require_jti is set.

## 88000403 JwtBearerAudienceInvalid
err-88000403-meaning = The JWT's aud must name this tenant's token endpoint or issuer (by tenant id or name), or one of the audiences configured for its trusted issuer.
err-88000403-causes = The issuer made the JWT for another service, or the tenant's trusted_issuer lists other audiences.
err-88000403-fix-user = Contact the application's administrator.
err-88000403-fix-dev = Have the issuer set aud to this tenant's token endpoint, or list the aud value in the trusted_issuer's audiences.

## 88000404 JwtBearerNotWithinValidTimeRange
err-88000404-meaning = The JWT's exp has passed, or its nbf or iat is in the future, beyond a small allowance for clock differences; or it is valid for longer than Sigil accepts (tokens.assertion_max_lifetime).
err-88000404-causes = The JWT was kept beyond its lifetime. The clocks of the issuer and of Sigil differ. The issuer makes long-lived JWTs.
err-88000404-fix-user = Try again; if it persists, contact the application's administrator.
err-88000404-fix-dev = Get a fresh JWT from the issuer for each token request; keep clocks synchronised; have the issuer make JWTs valid for at most tokens.assertion_max_lifetime.

## 88000405 JwtBearerReplayed
err-88000405-meaning = A JWT bearer grant's JWT is accepted once: a JWT with the same issuer and jti was redeemed before (RFC 7523 §3 item 7).
err-88000405-causes = The application sent the same JWT twice (a retry, or a cached JWT), or the JWT was intercepted and replayed.
err-88000405-fix-user = Try again.
err-88000405-fix-dev = Get a new JWT (with a new jti) from the issuer for every token request.

## 88000406 JwtBearerUserNotFound
err-88000406-meaning = The claim the trusted issuer names users with (user_claim, sub by default) matches no user of the tenant by the configured user_match (id, username or email).
err-88000406-causes = The user does not exist in Sigil yet, or the issuer's user_claim or user_match is configured for another kind of value.
err-88000406-fix-user = Contact the application's administrator.
err-88000406-fix-dev = Provision the user in Sigil, or set the trusted_issuer's user_claim and user_match to the claim and value that identify Sigil users.
## 88000480 AdminPreconditionFailed
err-88000480-meaning = A change through the admin API carried an If-Match header whose ETag is no longer the object's: someone or something else changed it after it was read.
err-88000480-causes = Two operators or tools edited the same object at the same time. A script reused an ETag from an earlier read. Another change to the directory (for example a scheduled key rotation) committed between the read and the write.
err-88000480-fix-user = This page is not meant for you; go back to the application you were using.
err-88000480-fix-dev = GET the object again, apply your change to what it now holds, and send it with the new ETag in If-Match.

## 88000481 AdminForbidden
err-88000481-meaning = The admin token was accepted, but its roles do not cover the operation: a Sigil.Reader token tried to change something, or a tenant's administrator addressed another tenant or an installation-wide resource.
err-88000481-causes = The client was granted Sigil.Reader instead of Sigil.Admin. The token was issued by a tenant other than the one addressed, and that tenant is not the installation's admin tenant.
err-88000481-fix-user = This page is not meant for you; go back to the application you were using.
err-88000481-fix-dev = Grant the client the Sigil.Admin role on the api://sigil-admin API of the right tenant, or use a token of the admin tenant (server.admin_tenant) for installation-wide operations.

## 88000482 AdminInvalidObject
err-88000482-meaning = The object sent to the admin API breaks a provisioning rule. These are the same rules sigil import and the admin CLI apply; the response lists every broken field.
err-88000482-causes = A required field is missing or misspelled. A redirect URI is not https (or http on a loopback host). A public client was given a secret, or a confidential one none. A password or secret is too short.
err-88000482-fix-user = This page is not meant for you; go back to the application you were using.
err-88000482-fix-dev = Read the errors list of the response: each item names the field and the rule. docs/provisioning.md describes every rule.

## 88000483 AdminNameTaken
err-88000483-meaning = The admin API refused to create or rename an object because its name is taken: tenant names, client IDs, usernames and group names are unique within their scope.
err-88000483-causes = The object was created before (a retried request). Another operator or tool created one with the same name.
err-88000483-fix-user = This page is not meant for you; go back to the application you were using.
err-88000483-fix-dev = Choose another name, or GET the existing object and change it with PATCH.

## 88000720 ConsoleSignInFailed
err-88000720-meaning = The admin console's sign-in callback could not finish: the browser came back without the sign-in the console started (its state), or Sigil refused the sign-in or the code.
err-88000720-causes = The sign-in took more than ten minutes. Cookies were blocked or cleared during the sign-in. The callback address was opened from another browser or bookmarked. The account was refused at the sign-in page (see the sign-in log for its code).
err-88000720-fix-user = Open the console again and sign in; allow cookies for this site.
err-88000720-fix-dev = Look up the trace ID in the sign-in log: a refused code or sign-in has its own record with the reason. Check that server.public_url is the address operators use, since the console's redirect URI is built from it.

## 88000721 ConsoleFormRejected
err-88000721-meaning = A change was posted to the console without the anti-forgery token of the current console session, so it was not made.
err-88000721-causes = The page was open from an earlier console session (before signing out or in again). Another site tried to post to the console (cross-site request forgery).
err-88000721-fix-user = Reload the console page and make the change again.
err-88000721-fix-dev = Console forms carry a token bound to the sealed session cookie; automation should use the admin API with a bearer token instead of the console's forms.

## 88000722 ConsoleNotConfigured
err-88000722-meaning = The admin console signs operators in through the installation's admin tenant, and none is configured.
err-88000722-causes = server.admin_tenant is empty, or names a tenant that does not exist.
err-88000722-fix-user = Ask the operator of this server to enable the admin console.
err-88000722-fix-dev = Set server.admin_tenant (SIGIL_SERVER_ADMIN_TENANT) to an existing tenant and restart: Sigil then creates the sigil-console client and the api://sigil-admin API there. Give people the role Sigil.Admin or Sigil.Reader, directly or through a group. See docs/console.md.
## 88000500 RateLimited
err-88000500-meaning = A rate limit was reached: requests of one client at the token endpoint, sign-in attempts for one user name, or requests from one source address or one network (a /24 for IPv4, a /64 for IPv6 by default) within the window ([rate_limits] window, 60 seconds by default). The answer is HTTP 429 with a Retry-After header giving the seconds until the window ends (RFC 6585 section 4).
err-88000500-causes = An application that requests a new token for every call instead of caching it until it expires. A script or load test. Someone guessing passwords or client secrets. Many users behind one proxy whose address Sigil sees instead of theirs.
err-88000500-fix-user = Wait the number of seconds shown, then try again.
err-88000500-fix-dev = Cache tokens until shortly before they expire (MSAL does). Honour Retry-After. If many users share one proxy, list it in server.trusted_proxies so that Sigil sees their real addresses; operators can raise the limits in [rate_limits] (0 turns one off).

## 88000630 AccountCurrentPasswordWrong
err-88000630-meaning = On the account page, the current password given to change the password is not the user's password. Sigil checks it as it checks a sign-in: smart lockout counts a wrong one, so guessing the current password from a session left open locks the account as guessing at the sign-in page would.
err-88000630-causes = A typing mistake or the keyboard layout. The password was changed meanwhile (by the user in another browser, or reset by an administrator). Someone else is using a browser the user left signed in.
err-88000630-fix-user = Type your current password again. If you forgot it, sign out and use your organization's password reset, or ask its administrator.
err-88000630-fix-dev = Nothing to change in an application: the account page belongs to Sigil. In the sign-in log (flow account) the same trace ID shows the attempt; repeated ones from one source point to a browser left signed in.

## 88000631 AccountNewPasswordRejected
err-88000631-meaning = The new password breaks the password rules: it is shorter than 8 characters, or it is the current password.
err-88000631-causes = A short password. The current password typed again as the new one.
err-88000631-fix-user = Choose a new password of at least 8 characters that you have not used here before; a passphrase of several words is easy to remember and hard to guess.
err-88000631-fix-dev = The rule is the same as for users created through provisioning (at least 8 characters). The sign-in log's reason names the rule that failed.

## 88000632 AccountPasswordConfirmationMismatch
err-88000632-meaning = The new password and its repetition on the account page are not the same, so Sigil does not know which one was meant and changes nothing.
err-88000632-causes = A typing mistake in one of the two fields. A password manager filled only one of them.
err-88000632-fix-user = Type the new password into both fields again.
err-88000632-fix-dev = Nothing to change: the check protects users from locking themselves out with a mistyped password.

## 88000633 AccountSessionNotFound
err-88000633-meaning = The session to sign out is none of the signed-in user's live sessions. A user can end only their own sessions; the identifier is checked against their list.
err-88000633-causes = The session already ended: it expired, was signed out in its own browser or from another tab of the account page. The form was altered to name another user's session.
err-88000633-fix-user = Reload the account page: the list shows the sessions that are still signed in.
err-88000633-fix-dev = Nothing to change in an application. A request naming another user's session is refused on purpose and recorded in the sign-in log with this code.

## 88000634 AccountConsentNotFound
err-88000634-meaning = The application whose access the user withdraws has no consent of this user. A user can withdraw only their own consents.
err-88000634-causes = The consent was already withdrawn (in another tab, or by an administrator). The form was altered to name another application or another user's consent.
err-88000634-fix-user = Reload the account page: the list shows the applications that still have your permission.
err-88000634-fix-dev = Nothing to change in an application. After a withdrawal the application's refresh tokens for the user are refused (invalid_grant) and its next sign-in asks for consent again.

## 88000635 AccountRecentSignInRequired
err-88000635-meaning = Removing a second factor needs a sign-in with both steps (password and code) in the last ten minutes, as an application asks for one with max_age and acr_values (OpenID Connect Core 1.0 section 3.1.2.1). The account page then sends the user through such a sign-in and back.
err-88000635-causes = The user signed in longer ago than ten minutes, or without the second step.
err-88000635-fix-user = Sign in again with your password and a code from your authenticator app (or a recovery code), then repeat the change.
err-88000635-fix-dev = Nothing to change: the freshness check keeps a browser left signed in from removing a user's second factor.

## 88000636 AccountTotpNotEnrolled
err-88000636-meaning = The user asked to remove their authenticator app, but they have none.
err-88000636-causes = It was removed already, in another tab or by an administrator (sigil user reset-factors).
err-88000636-fix-user = Reload the account page to see your current sign-in methods.
err-88000636-fix-dev = Nothing to change in an application.

## 88000637 AccountTotpAlreadyEnrolled
err-88000637-meaning = The user asked to set up an authenticator app while one is set up. Sigil keeps one per user, so that an extra one cannot be added unnoticed from a browser left signed in.
err-88000637-causes = The app was set up in another tab meanwhile. The user wants to move to a new phone.
err-88000637-fix-user = To move to a new phone, remove the authenticator app first (you sign in again with a code), then set it up on the new phone.
err-88000637-fix-dev = Nothing to change in an application.
## 88000700 ScimInvalidFilter
err-88000700-meaning = The filter query parameter of a SCIM list request is not a filter of RFC 7644 section 3.4.2.2, is longer than 8 KiB or nested deeper than 32 levels. The answer is a SCIM error with scimType invalidFilter.
err-88000700-causes = A misspelled operator (eq, ne, co, sw, ew, pr, gt, ge, lt, le), a string value without double quotes, an unbalanced parenthesis or bracket.
err-88000700-fix-user = This page is not meant for you; go back to the application you were using.
err-88000700-fix-dev = Quote string values with double quotes, e.g. userName eq "alice", and percent-encode the filter in the URL. docs/scim.md lists what Sigil supports.
## 88000701 ScimInvalidPath
err-88000701-meaning = An operation of a SCIM PATCH request names a path that is not an attribute path of RFC 7644 section 3.5.2, such as name.givenName or emails[type eq "work"].value.
err-88000701-causes = A typo in the path, an unclosed bracket, text after the value filter other than one sub-attribute, a sub-attribute of an attribute that has none.
err-88000701-fix-user = This page is not meant for you; go back to the application you were using.
err-88000701-fix-dev = Send a path as in RFC 7644 section 3.5.2; the attributes are listed by GET /Schemas.
## 88000702 ScimNoTarget
err-88000702-meaning = A SCIM PATCH remove operation has no path, or its value filter matches no value of the attribute (RFC 7644 section 3.5.2.2). Nothing was changed.
err-88000702-causes = The value was removed before (a retried request). The filter names a value the resource does not hold, or compares the wrong sub-attribute.
err-88000702-fix-user = This page is not meant for you; go back to the application you were using.
err-88000702-fix-dev = GET the resource, then remove a value it holds; a remove needs a path.
## 88000703 ScimInvalidValue
err-88000703-meaning = A SCIM request sent a value of the wrong type or one that breaks a rule: a user without userName, active that is not a boolean, a member that is not a user of this tenant, a list that should be an object.
err-88000703-causes = A mapping in the provisioning client sends an attribute of the wrong type. A group member was deleted before the group was updated.
err-88000703-fix-user = This page is not meant for you; go back to the application you were using.
err-88000703-fix-dev = Compare the body with GET /Schemas; the error's detail names the attribute.
## 88000704 ScimInvalidSyntax
err-88000704-meaning = The body of a SCIM request is not a JSON object, or a PATCH body does not carry the PatchOp schema and an Operations list with add, remove or replace (RFC 7644 section 3.5.2).
err-88000704-causes = A client that sends a plain JSON merge document instead of a PatchOp message, or an op other than add, remove and replace.
err-88000704-fix-user = This page is not meant for you; go back to the application you were using.
err-88000704-fix-dev = Send urn:ietf:params:scim:api:messages:2.0:PatchOp in schemas and the changes in Operations.
## 88000705 ScimMutability
err-88000705-meaning = A SCIM PATCH tried to change a read-only attribute: id, meta, or a user's groups (memberships are changed through the group's members).
err-88000705-causes = A client that patches a user's groups instead of the group's members, or that sends a new id.
err-88000705-fix-user = This page is not meant for you; go back to the application you were using.
err-88000705-fix-dev = Change memberships with PATCH on /Groups/<id> (members); never change id.
## 88000706 ScimTooMany
err-88000706-meaning = The filter is not one Sigil answers from an index (userName, externalId, id or displayName eq, members.value eq) and the tenant holds more resources than Sigil scans for one request (10,000).
err-88000706-causes = A provisioning client that lists every user with a broad filter, in a large tenant. Or a PATCH request with more than 1,000 operations.
err-88000706-fix-user = This page is not meant for you; go back to the application you were using.
err-88000706-fix-dev = Filter by userName, externalId or id with eq, as Entra's provisioning does.
## 88000620 UserCancelledSignIn
err-88000620-meaning = On the sign-in page the user chose to go back to the application instead of signing in, so the application receives access_denied (RFC 6749 section 4.1.2.1) and no code.
err-88000620-causes = The user did not want to sign in now, opened the wrong application, or did not recognise the sign-in request.
err-88000620-fix-user = Start again from the application when you want to sign in.
err-88000620-fix-dev = Treat access_denied as the user's choice: show your own page with a way to sign in again, and do not retry automatically.

## 88000621 TenantLogoNotFound
err-88000621-meaning = The logo address of this tenant was requested, but the tenant has no uploaded logo (it may use a logo from another site, or none).
err-88000621-causes = The logo was removed or replaced by a link with sigil tenant branding or the import file, and a page or cache still points at the old address.
err-88000621-fix-user = Nothing to do: the sign-in pages work without the logo.
err-88000621-fix-dev = Upload a logo with sigil tenant branding NAME --logo-file FILE, or set logo_file in [tenant.branding] of the import file.
## 88000600 PasskeyChallengeUsed
err-88000600-meaning = The WebAuthn challenge this passkey answer signs was already spent. Each challenge is accepted once (W3C WebAuthn §13.4.3), so a captured answer cannot be sent again.
err-88000600-causes = The form was submitted twice. The browser's back button re-sent an old page. Someone replayed a captured passkey answer.
err-88000600-fix-user = Go back to the application and sign in again.
err-88000600-fix-dev = Nothing to change in the application. Operators: the sign-in log records the challenge that was reused.

## 88000601 PasskeyOriginMismatch
err-88000601-meaning = The origin the browser reported in the passkey answer (clientDataJSON.origin) is not one of the relying party's allowed origins: Sigil's public URL and [passkeys] origins.
err-88000601-causes = Sigil runs behind a proxy or under another host name than server.public_url, and [passkeys] origins does not list it. A phishing page relayed the passkey answer.
err-88000601-fix-user = Open the sign-in page from the application again instead of a bookmark or a link in a message.
err-88000601-fix-dev = Set server.public_url to the address users see, or list the extra origin in [passkeys] origins (docs/passkeys.md).

## 88000602 PasskeyRpIdMismatch
err-88000602-meaning = The authenticator signed for another relying-party id: the hash in the passkey answer (rpIdHash) is not the SHA-256 of Sigil's relying-party id ([passkeys] rp_id, by default the host of server.public_url).
err-88000602-causes = [passkeys] rp_id was changed after passkeys were registered. A passkey of another site was presented. A tampered answer.
err-88000602-fix-user = Sign in with your password, then add your passkey again on the passkeys page.
err-88000602-fix-dev = Keep [passkeys] rp_id stable: passkeys are bound to it. Changing it requires every user to register again.

## 88000603 PasskeyCounterRegressed
err-88000603-meaning = The passkey's signature counter did not increase (W3C WebAuthn §6.1.1): the authenticator was probably cloned. Sigil flags the passkey and refuses it from then on.
err-88000603-causes = A copy of the passkey's private key is used on another device. An authenticator that restored an old backup.
err-88000603-fix-user = Remove the blocked passkey on the passkeys page and add it again; if you did not copy it, change your password and tell your administrator.
err-88000603-fix-dev = Nothing to change in the application. Operators: the sign-in log records the counters; investigate the account.

## 88000604 PasskeyUnknown
err-88000604-meaning = No passkey of the user has the credential id in the answer, or the user it names does not exist in this tenant.
err-88000604-causes = The passkey was removed. The passkey belongs to another tenant or site. The user account was deleted.
err-88000604-fix-user = Sign in with your password, then add a passkey on the passkeys page.
err-88000604-fix-dev = Nothing to change in the application.

## 88000605 PasskeyUserNotVerified
err-88000605-meaning = User verification was required and the authenticator's answer does not carry the UV flag (W3C WebAuthn §7.2 step 17): nobody entered a PIN, a fingerprint or a face.
err-88000605-causes = A security key without a PIN. An authenticator that only checks presence (a touch).
err-88000605-fix-user = Set a PIN on your security key, or use your device's screen lock, then try again.
err-88000605-fix-dev = Nothing to change in the application: passkeys require user verification.

## 88000606 PasskeyAssertionInvalid
err-88000606-meaning = The passkey answer failed a WebAuthn check other than origin, relying-party id, counter and user verification: its signature, its type or its format.
err-88000606-causes = A browser extension altered the answer. A tampered or truncated request. An authenticator with a broken implementation.
err-88000606-fix-user = Try again; if it keeps failing, sign in with your password.
err-88000606-fix-dev = Operators: the sign-in log records the library's reason.

## 88000607 PasskeyRegistrationFailed
err-88000607-meaning = The registration answer failed a WebAuthn check (W3C WebAuthn §7.1), or that passkey is already registered for the user.
err-88000607-causes = The same authenticator was added twice. The ceremony expired (5 minutes). The origin or relying-party id does not match.
err-88000607-fix-user = Open the passkeys page again and add the passkey once more.
err-88000607-fix-dev = Operators: the sign-in log records the library's reason.
