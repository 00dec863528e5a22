# Sigil 在 error 字段中返回的标准错误值，简体中文：简短标题及相关规范对该值含义的说明。

## invalid_request
rfc-invalid-request-title = 无效的请求
rfc-invalid-request-meaning = 请求格式不正确。RFC 6749 第 5.2 节和第 4.1.2.1 节在以下情况下使用此值：缺少必需参数、参数值不受支持、参数重复、使用了多种客户端身份验证方法，或请求在其他方面格式不正确。RFC 6750 第 3.1 节对发往受保护资源的格式不正确的请求也使用此值。

## invalid_client
rfc-invalid-client-title = 无效的客户端
rfc-invalid-client-meaning = 无法对客户端进行身份验证，例如客户端未知、未发送凭据，或使用了不受支持的身份验证方法。此值由 RFC 6749 第 5.2 节定义，该节允许服务器以 HTTP 状态 401 进行响应。如果客户端尝试通过 Authorization 标头进行身份验证，服务器必须以 401 响应，并返回使用相同方案的 WWW-Authenticate 标头。

## invalid_grant
rfc-invalid-grant-title = 无效的授权
rfc-invalid-grant-meaning = 授权或刷新令牌无法使用。RFC 6749 第 5.2 节涵盖以下情况：授权（例如授权代码或用户的密码凭据）或刷新令牌无效、已过期或已被吊销，与授权请求中的重定向 URI 不匹配，或者是颁发给其他客户端的。

## unauthorized_client
rfc-unauthorized-client-title = 未经授权的客户端
rfc-unauthorized-client-meaning = 客户端是已知的，但不允许执行其请求的操作。RFC 6749 第 5.2 节在已通过身份验证的客户端不得使用所请求的授予类型时使用此值；第 4.1.2.1 节在客户端不得以此方式获取授权代码时使用此值。

## unsupported_grant_type
rfc-unsupported-grant-type-title = 不支持的授予类型
rfc-unsupported-grant-type-meaning = 授权服务器不支持令牌请求中指定的授予类型。此值由 RFC 6749 第 5.2 节定义；它针对的是整个服务器，而不是某一个客户端。

## invalid_scope
rfc-invalid-scope-title = 无效的范围
rfc-invalid-scope-meaning = 无法授予所请求的范围。RFC 6749 第 5.2 节和第 4.1.2.1 节在范围无效、未知、格式不正确，或超出资源所有者已授予的范围时使用此值。

## server_error
rfc-server-error-title = 服务器错误
rfc-server-error-meaning = 授权服务器遇到意外情况，无法完成请求。RFC 6749 第 4.1.2.1 节为授权响应定义了此值，因为 HTTP 500 状态无法通过重定向传回。Sigil 也会从令牌终结点返回此值，并附带 HTTP 状态 500。

## temporarily_unavailable
rfc-temporarily-unavailable-title = 暂时不可用
rfc-temporarily-unavailable-meaning = 授权服务器由于暂时过载或正在维护，目前无法处理该请求。RFC 6749 第 4.1.2.1 节为授权响应定义了此值，因为 HTTP 503 状态无法通过重定向传回。Sigil 也会从令牌终结点返回此值，并附带 HTTP 状态 503 和 Retry-After 标头。

## unsupported_response_type
rfc-unsupported-response-type-title = 不支持的响应类型
rfc-unsupported-response-type-meaning = 授权服务器不支持颁发所请求类型的响应。RFC 6749 第 4.1.2.1 节在服务器无法按请求要求的方式返回授权代码或所请求的 response_type 时使用此值。

## login_required
rfc-login-required-title = 需要登录
rfc-login-required-meaning = 授权服务器需要用户登录，但请求不允许其显示登录页面。此值由 OpenID Connect Core 第 3.1.2.6 节定义，通常在请求了 prompt=none 且不存在可用会话时返回。

## consent_required
rfc-consent-required-title = 需要同意
rfc-consent-required-meaning = 授权服务器需要征得用户同意，但请求不允许其显示同意页面。此值由 OpenID Connect Core 第 3.1.2.6 节定义，通常在请求了 prompt=none 且用户尚未批准所请求的访问权限时返回。

## access_denied
rfc-access-denied-title = 访问被拒绝
rfc-access-denied-meaning = 资源所有者或授权服务器拒绝了该请求。RFC 6749 第 4.1.2.1 节为授权响应定义了此值，例如在用户拒绝授予所请求的访问权限时。

## invalid_token
rfc-invalid-token-title = 无效的令牌
rfc-invalid-token-meaning = 提供给受保护资源的访问令牌无法被接受，因为它已过期、已被吊销、格式不正确或由于其他原因无效。此值由 RFC 6750 第 3.1 节定义，该节要求使用 HTTP 状态 401；客户端可以获取新的访问令牌后重试。

## insufficient_scope
rfc-insufficient-scope-title = 范围不足
rfc-insufficient-scope-meaning = 访问令牌有效，但请求所需的权限超出了该令牌所具有的权限。此值由 RFC 6750 第 3.1 节定义，该节要求使用 HTTP 状态 403；响应中可以指明访问该资源所需的范围。

## not_found
rfc-not-found-title = 未找到
rfc-not-found-meaning = 请求的页面或终结点不存在。此值并非由 RFC 6749、RFC 6750 或 OpenID Connect 定义；Sigil 将其与 HTTP 状态 404 一起使用，以便此类响应仍采用标准的错误格式。

## invalid_target
rfc-invalid-target-title = 无效的目标
rfc-invalid-target-meaning = 请求的资源无效、缺失、未知，或不是客户端可以为其获取令牌的资源。RFC 8707 第 2 节为授权端点和令牌端点的 resource 参数定义了此值；当服务器无法为所有请求的资源颁发一个令牌时，也可以使用此值。
## authorization_pending
rfc-authorization-pending-title = 等待授权
rfc-authorization-pending-meaning = 用户尚未在验证页面上完成设备授权。RFC 8628 第 3.5 节定义了此值；设备按其间隔继续轮询。

## slow_down
rfc-slow-down-title = 降低频率
rfc-slow-down-meaning = 设备轮询令牌端点过于频繁。RFC 8628 第 3.5 节定义了此值；设备继续轮询，但在本次及之后的所有请求中将间隔增加 5 秒。

## expired_token
rfc-expired-token-title = 令牌已过期
rfc-expired-token-meaning = 设备代码已过期，设备授权会话已结束。RFC 8628 第 3.5 节定义了此值；客户端可以发起新的设备授权请求。

rfc-invalid-redirect-uri-title = 无效的重定向 URI
rfc-invalid-redirect-uri-meaning = 客户端注册请求中一个或多个重定向 URI 的值无效。RFC 7591 第 3.2.2 节为注册端点定义了此值。
rfc-invalid-client-metadata-title = 无效的客户端元数据
rfc-invalid-client-metadata-meaning = 注册或更新请求中某个客户端元数据字段的值无效，或被服务器依据策略拒绝。RFC 7591 第 3.2.2 节为注册端点定义了此值。
## invalid_dpop_proof
rfc-invalid-dpop-proof-title = 无效的 DPoP 证明
rfc-invalid-dpop-proof-meaning = DPoP 标头中的 DPoP 证明在必需时缺失、格式错误、未由其密钥签名、为其他请求生成、过旧或已被使用。RFC 9449 第 5 节和第 7.1 节为令牌端点和受保护资源定义了此值。

## use_dpop_nonce
rfc-use-dpop-nonce-title = 使用 DPoP nonce
rfc-use-dpop-nonce-meaning = 服务器要求 DPoP 证明中包含 nonce。RFC 9449 第 8 节和第 9 节定义了此值：响应在 DPoP-Nonce 标头中提供 nonce，客户端使用包含该 nonce 的证明重新发送请求。

## invalid_request_uri
rfc-invalid-request-uri-title = 无效的请求 URI
rfc-invalid-request-uri-meaning = 授权请求的 request_uri 无效或已不能再使用。RFC 9101 第 6.2 节定义了此值，RFC 9126 将其用于未知、已过期或已被使用的推送请求。
rfc-invalid-request-object-title = 请求对象无效
rfc-invalid-request-object-meaning = request 参数包含无效的请求对象：未按要求签名、无法用客户端的密钥验证，或其声明与请求不符。RFC 9101 第 6.2 节定义了此值。
rfc-request-uri-not-supported-title = 不支持该 request_uri
rfc-request-uri-not-supported-meaning = 授权服务器不接受此类 request_uri。RFC 9101 第 6.2 节命名了此值；Sigil 只接受来自其自身推送授权请求终结点（RFC 9126）的 request_uri 值。

## interaction_required
rfc-interaction-required-title = 需要交互
rfc-interaction-required-meaning = 授权服务器需要用户进行交互（此处为验证或设置第二因素），但请求不允许显示页面。OpenID Connect Core 第 3.1.2.6 节定义了此值，通常在请求了 prompt=none 时返回。
rfc-precondition-failed-title = 前提条件失败
rfc-precondition-failed-meaning = 调用方读取该对象后，它已被更改：If-Match 中的 ETag 已不是最新的（RFC 9110 §13.1.1，HTTP 状态 412）。此值并非由 RFC 6749、RFC 6750 或 OpenID Connect 定义；由 Sigil 的管理 API 使用。
rfc-conflict-title = 冲突
rfc-conflict-meaning = 已存在同名的对象（HTTP 状态 409）。此值并非由 RFC 6749、RFC 6750 或 OpenID Connect 定义；由 Sigil 的管理 API 使用。

## insufficient_user_authentication
rfc-insufficient-user-authentication-title = 用户身份验证不足
rfc-insufficient-user-authentication-meaning = 访问令牌有效，但其背后用户的身份验证不满足资源的要求。RFC 9470 第 3 节定义了此值以及质询参数 acr_values 和 max_age，它们说明新的授权请求必须要求什么。

## insufficient_claims
rfc-insufficient-claims-title = 声明不足
rfc-insufficient-claims-meaning = 访问令牌有效，但其声明不满足资源的策略。Microsoft Entra ID 在其声明质询中使用此值，并附带需要在新令牌请求中发送的 claims 参数。
