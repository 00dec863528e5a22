# Sigil 错误目录，简体中文：故障排除帮助。每个错误代码一组，顺序与目录相同：
# meaning（发生了什么）、causes（常见原因）、fix-user（面向登录用户）、fix-dev（面向应用程序开发人员或运维人员）。

## 50000 TokenIssuanceError
err-50000-meaning = Sigil 在处理请求时遇到了意外的内部问题，因此未颁发令牌。请求本身可能完全有效。
err-50000-causes = 某项存储操作失败，且并非简单的服务中断，例如发生冲突或记录无法读取。无法使用某个签名密钥，或者无法打开使用主密钥密封的值。Sigil 自身的缺陷也可能导致此错误。
err-50000-fix-user = 请稍候片刻后重试。如果问题仍然存在，请联系该应用程序的支持人员，并提供尝试登录的时间以及页面上显示的跟踪 ID（如有）。
err-50000-fix-dev = 使用响应中的跟踪 ID 运行 sigil logs --trace-id <id>，查看登录日志中记录的内部原因，并检查该时间前后的数据存储和服务器日志。在失败之前已被使用的授权代码无法再次兑换，因此请发起新的授权请求，而不要使用该代码重试。

## 90033 TransientStoreError
err-90033-meaning = Sigil 刚才无法连接到其数据存储，因此无法完成请求。这种情况预计是暂时的，响应会在 Retry-After 标头中指明何时可以重试。
err-90033-causes = 数据库正在重启、无法访问或过载。连接池中的所有连接都在使用中，等待空闲连接时超时。网络问题导致 Sigil 与其数据存储之间无法通信。
err-90033-fix-user = 请等待几秒钟后重试。
err-90033-fix-dev = 遵循 Retry-After 标头，并采用退避策略重试，而不要立即判定失败。运维人员应检查数据存储的可用性和连接数限制，并运行 sigil logs --trace-id <id> 查看具体的存储错误。

## 90002 TenantNotFound
err-90002-meaning = 请求 URL 中指定的租户在此 Sigil 部署中不存在。没有租户，Sigil 就无法确定要使用哪些应用程序、用户和密钥。
err-90002-causes = 路径中的租户名称或 ID 拼写错误，或属于其他环境。该租户已被删除或尚未预配。应用程序配置的颁发机构 URL 来自其他部署。
err-90002-fix-user = 请联系该应用程序的支持人员；这是配置问题，您无法自行解决。
err-90002-fix-dev = 对照预配文件中的租户，检查颁发机构 URL 或终结点 URL 中的租户段；Sigil 接受租户名称（不区分大小写）或租户 ID。请从租户的发现文档中获取终结点 URL，而不要手动拼接。

## 900144 MissingParameter
err-900144-meaning = 此请求必须包含的某个参数未发送。值为空的参数视为未发送。
err-900144-causes = 应用程序遗漏了必需参数，例如 grant_type、client_id、code、redirect_uri、code_verifier、refresh_token、username、password 或 scope。发送的参数值为空，例如由于某项配置设置为空。用于添加该参数的库选项已关闭（例如公共客户端中的 PKCE），因此未发送 code_verifier。
err-900144-fix-user = 请重试。如果仍然出现同样的错误，请联系该应用程序的支持人员。
err-900144-fix-dev = error_description 会指明缺少的参数：请发送该参数并提供非空值。客户端凭据请求必须包含指定一个 API 的 scope（例如 api://reports/.default）；公共客户端在兑换代码时必须发送 code_verifier。

## 9002313 MalformedRequest
err-9002313-meaning = 由于请求的结构存在问题，Sigil 无法处理该请求。error_description 会说明发现的问题。
err-9002313-causes = 表单正文中的 client_id 与 Authorization 标头中的 client_id 不同。某个参数值不符合该参数要求的格式。请求正文被截断或编码不正确。
err-9002313-fix-user = 请重试。如果仍然出现同样的错误，请联系该应用程序的支持人员。
err-9002313-fix-dev = 请阅读 error_description 中的原因，或运行 sigil logs --trace-id <id> 查看原因。使用 client_secret_basic 时，请不要在正文中包含 client_id，或者发送与标头中完全相同的值。

## 88000001 UnsupportedContentType
err-88000001-meaning = 令牌终结点收到的请求正文格式无法读取。按照 OAuth 2.0 的要求，它只接受 application/x-www-form-urlencoded 格式的正文。
err-88000001-causes = 应用程序向令牌终结点发送了 JSON。应用程序发送了 multipart/form-data，或者根本没有发送 Content-Type 标头。HTTP 客户端或代理在传输过程中更改了 Content-Type 标头。
err-88000001-fix-user = 请联系该应用程序的支持人员；该应用程序需要修正。
err-88000001-fix-dev = 以 POST 方式发送令牌请求，将 Content-Type 设为 application/x-www-form-urlencoded，并对正文中的每个参数进行 URL 编码。OAuth 库已经会这样做；此问题通常源于手动编写的 HTTP 调用。

## 88000002 DuplicateParameter
err-88000002-meaning = 请求多次包含同一个参数。OAuth 2.0 禁止这样做，因为 Sigil 无法确定应采用哪个值。
err-88000002-causes = 应用程序代码及其 OAuth 库都添加了同一个参数，例如 client_id 或 scope。多个范围作为单独的 scope 参数发送，而不是放在一个列表中。在已包含参数的 URL 上又追加了这些参数。
err-88000002-fix-user = 请重试。如果仍然出现同样的错误，请联系该应用程序的支持人员。
err-88000002-fix-dev = 每个参数只发送一次；error_description 会指明重复的参数。请将所有范围放入单个 scope 参数中，以空格分隔。

## 88000003 MultipleClientAuthentication
err-88000003-meaning = 应用程序在同一请求中使用了多种身份验证方法来标识自己。OAuth 2.0 规定每个请求只能使用一种方法。
err-88000003-causes = 应用程序发送了 Authorization Basic 标头，同时又在正文中放入了 client_secret。应用程序同时发送了 client_assertion 和客户端密码。库已配置为使用一种方法，而代码又手动添加了凭据。
err-88000003-fix-user = 请联系该应用程序的支持人员；该应用程序需要修正。
err-88000003-fix-dev = 从客户端已注册的 auth_methods 中选择一种方法：client_secret_basic（凭据仅放在 Authorization 标头中），或 client_secret_post（client_id 和 client_secret 仅放在正文中）。从请求中删除其他凭据。

## 88000004 UnsupportedParameterValue
err-88000004-meaning = 请求中包含某个参数，但 Sigil 不支持该参数所带的值。error_description 会指明该参数及其值。
err-88000004-causes = code_challenge_method 为 plain，或者未提供该参数而被视为 plain，而租户不接受 plain。该值属于 Sigil 未实现的协议功能。该值存在拼写错误或大小写不正确。
err-88000004-fix-user = 请联系该应用程序的支持人员；该应用程序需要修正。
err-88000004-fix-dev = 为所指明的参数发送 Sigil 支持的值。对于 PKCE，请始终将 code_challenge_method=S256 与 code_challenge 一起发送。

## 9002325 PkceRequired
err-9002325-meaning = 此应用程序必须使用采用 S256 方法的代码交换证明密钥 (PKCE)，但该请求未使用。如果不使用 PKCE，被截获的授权代码可能会被他人兑换。
err-9002325-causes = 公共客户端（例如移动应用、桌面应用或单页应用）在未提供 code_challenge 的情况下发起了登录。正在兑换的代码在颁发时没有 code_challenge，而公共客户端无法兑换此类代码。应用程序的 OAuth 库中关闭了 PKCE。
err-9002325-fix-user = 请联系该应用程序的支持人员；该应用程序需要修正。
err-9002325-fix-dev = 对于每个授权请求，生成一个长度为 43 到 128 个字符的随机 code_verifier，将其 SHA-256 值经 base64url 编码后作为 code_challenge 发送，同时发送 code_challenge_method=S256；兑换代码时发送同一个 code_verifier。Sigil 要求所有公共客户端都这样做。

## 700016 UnauthorizedClientApplicationNotFound
err-700016-meaning = 此租户中没有注册具有给定 client_id 的应用程序，因此 Sigil 无法判断是哪个应用程序在发出请求。
err-700016-causes = client_id 拼写错误，或是从其他环境复制的。请求 URL 中使用了错误的租户。该应用程序已被删除，或从未在此租户中预配。
err-700016-fix-user = 请联系该应用程序的支持人员；该应用程序未在此登录服务中正确设置。
err-700016-fix-dev = 将发送的 client_id（位于正文或 Authorization 标头中）与租户预配文件中的客户端进行比较。检查 URL 中的租户段是否为该客户端注册所在的租户。

## 7000215 InvalidClientSecret
err-7000215-meaning = 应用程序发送的客户端密码与为其注册的任何密码都不匹配，因此无法对该应用程序进行身份验证。
err-7000215-causes = 客户端密码输入错误、被截断，或复制时带有多余的空格。应用程序使用了已被删除的密码，或属于其他客户端或环境的密码。使用 client_secret_basic 时，没有按照 RFC 6749 的要求在进行 Base64 编码之前先对密码中的特殊字符进行 form-urlencode 编码。
err-7000215-fix-user = 请联系该应用程序的支持人员；出错的是该应用程序自身的凭据，而不是您的凭据。
err-7000215-fix-dev = Sigil 只保存每个客户端密码的带密钥哈希，无法再次显示密码；因此，如果正确的值已丢失，请使用 sigil client secret add 创建新密码并进行部署。对于 client_secret_basic，请先分别对 client_id 和密码进行 form-urlencode 编码，再用冒号将二者连接，然后对结果进行 Base64 编码。

## 7000222 ExpiredClientSecret
err-7000222-meaning = 应用程序发送了其已注册的某个客户端密码，但该密码已过有效期，不再被接受。
err-7000222-causes = 客户端密码已到期，但未部署替换密码。已创建新密码，但应用程序的某个实例仍在使用旧密码。
err-7000222-fix-user = 请联系该应用程序的支持人员；需要续订该应用程序的凭据。
err-7000222-fix-dev = 使用 sigil client secret add 创建新密码，将其部署到应用程序的每个实例，然后删除过期的密码。sigil logs --trace-id <id> 会显示哪个密码已过期以及过期时间；请在该日期之前规划下一次轮换。

## 7000218 MissingClientCredentials
err-7000218-meaning = 该应用程序注册为机密客户端，因此必须使用客户端密码证明其身份，但请求中只包含其 client_id。
err-7000218-causes = 应用程序中未配置客户端密码，或该设置为空。机密应用程序运行的是为公共客户端编写的代码。代理删除了 Authorization 标头。
err-7000218-fix-user = 请联系该应用程序的支持人员；该应用程序需要修正。
err-7000218-fix-dev = 使用客户端已注册的 auth_methods 之一发送客户端密码：Authorization Basic 标头，或表单正文中的 client_secret。如果应用程序在用户设备上运行且无法保管密码，请将其注册为 auth_methods 为 none 的公共客户端，并使用 PKCE。

## 700025 PublicClientSentSecret
err-700025-meaning = 该应用程序注册为公共客户端（即无法保管密码的客户端），却提供了客户端密码。Sigil 会拒绝该请求，而不是忽略该密码。
err-700025-causes = 客户端密码被内置在注册为公共客户端的移动应用、桌面应用或浏览器应用中。注册已更改为公共客户端，但应用程序仍在发送旧密码。服务器端应用程序使用了公共客户端的 client_id。
err-700025-fix-user = 请联系该应用程序的支持人员；该应用程序需要修正。
err-700025-fix-dev = 对于在用户设备上运行的应用，既不要发送 Authorization Basic 标头，也不要发送 client_secret；请使用 client_id 标识该应用，并使用 PKCE 保护代码。如果应用程序是能够保管密码的服务器，请将其注册为机密客户端，并在 auth_methods 中使用 client_secret_basic 或 client_secret_post。

## 88000005 ClientAuthMethodNotAllowed
err-88000005-meaning = 应用程序使用了其注册不允许或 Sigil 不支持的方式进行身份验证。error_description 会指明所使用的方法。
err-88000005-causes = 应用程序在正文中发送了客户端密码 (client_secret_post)，但其注册仅允许使用 Authorization 标头 (client_secret_basic)，或者情况相反。应用程序发送了 client_assertion (private_key_jwt)，而 Sigil 不支持此方法。auth_methods 中不包含 none 的公共客户端只发送了其 client_id。
err-88000005-fix-user = 请联系该应用程序的支持人员；该应用程序需要修正。
err-88000005-fix-dev = 让应用程序使用客户端 auth_methods 中列出的方法，或者在预配文件中将应用程序所用的方法添加到 auth_methods。请使用客户端密码，而不要使用 client_assertion。

## 88000006 MalformedClientCredentials
err-88000006-meaning = 请求包含使用 Basic 方案的 Authorization 标头，但 Sigil 无法从中读取 client_id 和客户端密码。
err-88000006-causes = Basic 之后的值不是有效的 Base64。解码后的文本不是 UTF-8、不包含冒号，或 client_id 为空。client_id 或密码中的字符未正确进行 form-urlencode 编码。
err-88000006-fix-user = 请联系该应用程序的支持人员；该应用程序需要修正。
err-88000006-fix-dev = 按以下格式构建标头：Basic、一个空格，然后是 client_id、冒号和密码拼接后的 Base64 编码，其中 client_id 和密码需先分别进行 form-urlencode 编码（RFC 6749 第 2.3.1 节）。sigil logs --trace-id <id> 会显示哪项检查失败。

## 70000 InvalidGrant
err-70000-meaning = 发送到令牌终结点的授权代码或刷新令牌不是 Sigil 能够识别的值。Sigil 只存储这些值的哈希，因此只能告知该值未知。
err-70000-causes = 代码或令牌被截断、篡改、重复编码，或与其他值混淆。它是由其他租户或其他 Sigil 部署颁发的。应用程序在应发送刷新令牌的位置发送了访问令牌或 ID 令牌。
err-70000-fix-user = 请重新登录。
err-70000-fix-dev = 按收到时的原样传递代码和刷新令牌：从重定向中解码代码一次，并在表单正文中编码一次。确保令牌请求发送到颁发该值的租户和部署。

## 70008 ExpiredOrInactiveGrant
err-70008-meaning = 授权代码或刷新令牌已被识别，但已过期，无法使用。授权代码在颁发 60 秒后过期；刷新令牌如果长时间未使用，也会失效。
err-70008-causes = 应用程序在收到代码后等待过久才兑换，例如由于后端响应缓慢或调试器暂停。刷新令牌的未使用时间超过了非活动期限，例如用户数周未打开该应用程序。
err-70008-fix-user = 请重新登录。
err-70008-fix-dev = 收到重定向后，请立即兑换授权代码。刷新令牌的非活动期限由 refresh_token_inactivity 设置（默认为 14 天）或客户端的 lifetimes.refresh_inactivity 决定；达到该期限后，请发起新的交互式登录。

## 54005 AuthorizationCodeAlreadyRedeemed
err-54005-meaning = 该授权代码已被使用过。每个代码只能使用一次；由于第二次使用可能意味着代码已被盗，Sigil 还吊销了通过该代码颁发的所有令牌。
err-54005-causes = 应用程序在超时后重试了令牌请求，但第一次尝试其实已到达 Sigil。重定向页面被加载了两次（例如由于浏览器刷新或预提取），每次加载都兑换了该代码。之前的兑换失败（例如由于 redirect_uri 或 code_verifier 错误）后又使用同一代码重试，但第一次尝试已经消耗了该代码。
err-54005-fix-user = 请重新登录。
err-54005-fix-dev = 每个代码只兑换一次，切勿使用同一代码重试；发生任何失败后，都应发起新的授权请求。第一次兑换获得的令牌现已被吊销，因此请丢弃基于这些令牌建立的所有会话。

## 88000007 GrantIssuedToAnotherClient
err-88000007-meaning = 该授权代码或刷新令牌属于另一个应用程序或另一个租户，而不是提交它的应用程序或租户。代码或令牌只能由获颁它的客户端使用。
err-88000007-causes = 两个应用程序共享令牌缓存或配置，其中一个使用了另一个的刷新令牌。兑换代码时使用的 client_id 与授权请求中的 client_id 不同。请求发送到的租户与颁发代码或令牌的租户不同。
err-88000007-fix-user = 请重新登录。如果问题再次出现，请联系该应用程序的支持人员。
err-88000007-fix-dev = 在授权请求、代码兑换和每次刷新中使用相同的 client_id 和租户，并为每个客户端使用单独的令牌缓存。sigil logs --trace-id <id> 会显示该代码或令牌是颁发给哪个客户端的。

## 501481 CodeVerifierMismatch
err-501481-meaning = 随授权代码发送的 code_verifier 与授权请求中的 code_challenge 不匹配，因此 Sigil 无法确定调用方就是发起登录的应用。
err-501481-causes = 应用程序在两个步骤之间丢失或覆盖了 code_verifier，例如在不同标签页中同时进行了两次登录。code_challenge 的计算方式有误，例如使用了带填充的标准 Base64，而不是不带填充的 base64url。为颁发时没有 code_challenge 的代码发送了 code_verifier，或者 code_verifier 的长度不在 43 到 128 个允许字符的范围内。
err-501481-fix-user = 请重新登录，并且只使用一个浏览器标签页或窗口。
err-501481-fix-dev = 将 code_verifier 与每个授权请求的 state 一起保存，并在兑换时发送同一个值；code_challenge 必须是 code_verifier 的 SHA-256 值经 base64url 编码（不带填充）的结果。此次尝试已消耗该代码，因此请发起新的授权请求。

## 88000008 RedirectUriDoesNotMatchCode
err-88000008-meaning = 兑换代码时发送的 redirect_uri 与授权请求中使用的不完全相同。OAuth 2.0 要求两者完全一致。
err-88000008-causes = 两个步骤中 URI 的写法不同，例如一个带尾部斜杠而另一个不带、大小写不同或端口不同。应用程序注册了多个重定向 URI，但向令牌终结点发送了另一个。代理或负载均衡器更改了应用程序用于构建 URI 的方案或主机。
err-88000008-fix-user = 请重新登录。如果仍然出现同样的错误，请联系该应用程序的支持人员。
err-88000008-fix-dev = 在授权请求和令牌请求中发送逐字符完全相同的 redirect_uri 字符串。此次尝试已消耗该代码，因此修复后请发起新的授权请求。

## 88000009 RefreshTokenReused
err-88000009-meaning = 已兑换过的刷新令牌在短暂的重试窗口过后再次被提交。由于这可能意味着令牌已被盗，Sigil 已吊销整个授权，因此该次登录获得的所有刷新令牌均已失效。
err-88000009-causes = 应用程序没有保存刷新时返回的新刷新令牌，而是继续使用旧令牌。两个进程、线程或标签页共享一个刷新令牌，且两次刷新相隔超过 10 秒。刷新令牌的副本被盗并被他人使用。
err-88000009-fix-user = 请重新登录。
err-88000009-fix-dev = 每次刷新都会返回新的刷新令牌：请可靠地存储新令牌，并停止使用旧令牌。在 10 秒内重试同一次刷新会得到相同的后继令牌，但此后的任何重复使用都会导致授权被吊销，因此请在线程、进程和标签页之间串行执行刷新。

## 50173 GrantRevoked
err-50173-meaning = 此刷新令牌所属的授权已被吊销，因此 Sigil 不会再通过该授权颁发任何令牌。
err-50173-causes = 管理员吊销了该授权。Sigil 在检测到刷新令牌被重复使用或授权代码被第二次兑换后，自动吊销了该授权。在此次刷新进行期间，另一个请求吊销了该授权。
err-50173-fix-user = 请重新登录。
err-50173-fix-dev = 将此视为最终结果：丢弃已存储的令牌，并发起交互式登录。如果经常发生，请在登录日志中查找同一客户端此前的 88000009 或 54005 条目，它们表明令牌处理存在缺陷。

## 88000010 RefreshTokenMaxLifetimeExceeded
err-88000010-meaning = 获得此刷新令牌的那次登录已达到最长生存期。轮换刷新令牌并不能使授权的有效期超出此限制。
err-88000010-causes = 用户通过刷新保持登录状态的时间超过了授权的最长生存期。该客户端配置的最长生存期短于默认值。
err-88000010-fix-user = 请重新登录。
err-88000010-fix-dev = 遇到此错误时，请发起交互式登录。此限制由 refresh_token_max_lifetime 设置（默认为 90 天）或预配文件中客户端的 lifetimes.refresh_max 决定。

## 50126 InvalidUserNameOrPassword
err-50126-meaning = 无法验证用户名和密码。出于安全考虑，无论是密码错误还是用户不存在，Sigil 都会给出相同的响应。
err-50126-causes = 密码错误或已过时，或者输入时开启了大写锁定或使用了其他键盘布局。用户名拼写错误或属于其他租户。该帐户在此租户中不存在；运维人员会在登录日志中看到这种情况记录为 50034。
err-50126-fix-user = 请检查您的用户名和密码，然后重试；多次失败后，您的设备将在短时间内无法登录。如果您忘记了密码，请联系您的管理员。
err-50126-fix-dev = 运行 sigil logs --trace-id <id>：用户不存在时，登录日志记录 50034；密码错误时，记录 50126。切勿让应用程序自动使用已存储的密码重试，因为每次失败都会计入智能锁定。

## 50034 UserAccountNotFound
err-50034-meaning = 租户中没有使用此用户名的用户。调用方永远不会看到此代码：为防止用户名被探测，他们收到的是 50126，与密码错误时完全相同。只有运维人员会在登录日志中看到 50034。
err-50034-causes = 用户名拼写错误，或其书写形式与注册时的不同。该用户属于其他租户或尚未预配。授权代码或刷新令牌对应的用户在登录后被删除。
err-50034-fix-user = 请确认您为此应用程序使用了正确的用户名，然后重试。如果仍然无法登录，请联系您的管理员。
err-50034-fix-dev = 检查租户中预配的用户以及请求 URL 中指定的租户。在您自己的应用程序中也应保持同样的谨慎，不要透露某个用户名是否存在。

## 50057 UserAccountDisabled
err-50057-meaning = 该用户帐户存在，但已被禁用，因此 Sigil 不会让其登录，也不会为其颁发新令牌。
err-50057-causes = 管理员禁用了该帐户，例如在该人员离开组织时。该帐户在用户登录后被禁用，随后应用程序尝试刷新其令牌。
err-50057-fix-user = 请联系您的管理员重新启用您的帐户。
err-50057-fix-dev = 如果该用户应具有访问权限，请在预配文件中将该用户标记为已启用。帐户被禁用期间，刷新令牌无法使用，因此应用程序应显示明确的消息，而不是反复重试。

## 50053 IdsLocked
err-50053-meaning = 由于失败尝试次数过多，此用户从该请求来源地址的登录已被暂时阻止。锁定会自动解除，其他地址不受影响。
err-50053-causes = 从同一地址为该用户输入了五次错误密码，因此 Sigil 针对该地址将该用户锁定 60 秒。某个应用程序或脚本不断使用过时的已保存密码重试。有人正在尝试从该地址猜测密码。
err-50053-fix-user = 请等待一分钟，然后使用正确的密码登录。如果这些尝试并非您本人所为，请告知您的管理员。
err-50053-fix-dev = 在登录日志中查找该用户的失败尝试以确定其来源，并停止任何使用已存储密码的自动重试。锁定由 lockout 设置中的 threshold、window 和 duration 控制；默认情况下，600 秒内失败 5 次会针对该地址将该用户锁定 60 秒。

## 88000011 GrantTypeNotAllowedForClient
err-88000011-meaning = Sigil 支持所请求的授予类型，但此应用程序未注册使用该授予类型。
err-88000011-causes = 客户端的 grant_types 中缺少该授予类型，例如仅注册用于用户登录的应用程序请求了 client_credentials。请求了密码授予，而除非为客户端启用，否则该授予类型处于关闭状态。grant_types 中不包含 authorization_code 的客户端发起了授权代码流。
err-88000011-fix-user = 请联系该应用程序的支持人员；该应用程序未设置为支持此类登录。
err-88000011-fix-dev = 如果客户端应使用此授予类型，请在预配文件中将其添加到客户端的 grant_types；仅当无法使用基于浏览器的流时才启用 password。只有 grant_types 中包含 refresh_token 的客户端才会获得刷新令牌。

## 501051 ClientHasNoPermissionOnApi
err-501051-meaning = 应用程序请求访问某个 API，但对该 API 没有任何权限。该 API 存在，但尚未向此客户端授予其任何权限。
err-501051-causes = 客户端没有针对该 API 的 permissions 条目。该条目未列出客户端凭据授予所需的角色，或未列出用户登录所需的委托范围。permissions 条目中的 api 值与该 API 的标识符不同。
err-501051-fix-user = 请联系该应用程序的支持人员；该应用程序尚未获得其所调用服务的访问权限。
err-501051-fix-dev = 在预配文件中为客户端添加一个 permissions 条目，将其 api 设为该 API 的标识符，并为客户端凭据列出 roles，或为用户流列出 scopes。

## 70003 UnsupportedGrantType
err-70003-meaning = Sigil 不支持令牌请求中给出的 grant_type，对任何应用程序都是如此。
err-70003-causes = grant_type 值拼写错误或大小写不正确。应用程序使用了 Sigil 不提供的授予类型，例如设备授权授予或断言授予。
err-70003-fix-user = 请联系该应用程序的支持人员；该应用程序需要修正。
err-70003-fix-dev = 请使用 authorization_code、client_credentials、refresh_token 或 password 之一；password 仅适用于已启用该授予类型的客户端。

## 70011 InvalidScope
err-70011-meaning = scope 参数包含 Sigil 无法接受的值：该值格式不正确、未知，或未由其指定的 API 定义。
err-70011-causes = 范围之间使用逗号分隔，而不是单个空格。某个范围未指定 API（例如客户端凭据请求中只有角色名称），或者该 API 未定义最后一个斜杠之后指定的范围或角色。范围中包含 RFC 6749 第 3.3 节不允许的字符，例如引号或非 ASCII 字母。
err-70011-fix-user = 请联系该应用程序的支持人员；该应用程序请求了一个不存在的权限。
err-70011-fix-dev = 使用空格分隔范围，并使用 openid、profile、email、offline_access，或者 <API 标识符>/<名称> 或 <API 标识符>/.default 形式的范围。对照预配文件中该 API 的范围和角色检查名称；客户端凭据请求应指定角色或 .default。

## 500011 ResourcePrincipalNotFound
err-500011-meaning = scope 中指定的 API 未在此租户中注册，因此 Sigil 无法为其颁发令牌。
err-500011-causes = scope 中的 API 标识符拼写错误或略有差异，例如方案不同或尾部斜杠不一致。scope 只是 API 标识符本身而不带名称，例如使用了 api://reports 而不是 api://reports/.default。该 API 注册在其他租户中，或尚未预配。
err-500011-fix-user = 请联系该应用程序的支持人员；该应用程序请求的服务是此登录服务无法识别的。
err-500011-fix-dev = 在每个范围的最后一个斜杠之前，准确填写注册时的 API 标识符（例如 api://reports），并检查该 API 是否存在于此租户的预配文件中。

## 88000012 ScopeNotGranted
err-88000012-meaning = 该 API 定义了所请求的范围或角色，但尚未将其授予此应用程序。在刷新时，同一错误代码表示请求的内容超出了最初登录时授予的范围。
err-88000012-causes = 客户端针对该 API 的 permissions 条目中缺少此范围（用于用户流）或此角色（用于客户端凭据）。应用程序更新后请求了一个从未添加到其注册中的新权限。刷新请求指定了不属于原始授权的范围。
err-88000012-fix-user = 请联系该应用程序的支持人员；该应用程序请求了尚未授予它的权限。
err-88000012-fix-dev = 在预配文件中将该范围或角色添加到客户端针对该 API 的 permissions 条目中，或停止请求它。刷新时，请省略 scope，或仅请求已授予范围的子集；如需更多权限，请发起新的交互式登录。

## 28000 MultipleResourcesInScope
err-28000-meaning = scope 参数请求了多个 API 的权限。Sigil 访问令牌只针对单个 API 颁发，因此一个请求只能指定一个 API。
err-28000-causes = 应用程序同时请求了两个 API 的范围，希望获得一个对两者都有效的令牌。某个库将多个 API 的默认范围合并到了一个请求中。
err-28000-fix-user = 请联系该应用程序的支持人员；该应用程序需要修正。
err-28000-fix-dev = 为每个 API 分别请求令牌，且只包含该 API 的范围；openid、profile、email 和 offline_access 可以与其中任何一个一起请求。对于用户流，这意味着每个 API 都需要单独的授权请求。

## 50011 RedirectUriMismatch
err-50011-meaning = 授权请求中的 redirect_uri 不是为该应用程序注册的地址之一。Sigil 会显示此页面而不进行重定向，因为将响应发送到未注册的地址可能会使其落入他人之手。
err-50011-causes = 该地址与注册的地址在某些细节上不同，例如 http 与 https、主机名、端口、路径、尾部斜杠或大小写。应用程序运行在新环境中，而该环境的地址从未注册过。在反向代理之后，应用程序使用内部主机名或方案构建其地址。
err-50011-fix-user = 请联系该应用程序的支持人员，告知他们登录页面报告了重定向 URI 不匹配。
err-50011-fix-dev = 在预配文件中将确切的地址添加到客户端的 redirect_uris，或者让应用程序发送一个已注册的地址；该地址必须与某个已注册的值完全一致。

## 88000020 UnsupportedResponseType
err-88000020-meaning = 授权请求要求使用 Sigil 不支持的 response_type。Sigil 仅提供授权代码流，即 response_type=code。
err-88000020-causes = 应用程序使用了隐式流（token 或 id_token），或混合流（例如 code id_token）。response_type 值拼写错误。较旧的库默认使用隐式流。
err-88000020-fix-user = 请联系该应用程序的支持人员；该应用程序需要修正。
err-88000020-fix-dev = 使用 response_type=code 和 PKCE，并在令牌终结点兑换代码。单页应用程序也应使用此流，而不是隐式流。

## 50058 LoginRequired
err-50058-meaning = 应用程序要求 Sigil 在不显示任何页面的情况下以静默方式让用户登录，但没有可用的活动会话。需要显示登录页面让用户登录。
err-50058-causes = 请求使用了 prompt=none，而用户尚未登录或会话已过期。浏览器阻止了 Sigil 的会话 Cookie，许多浏览器会对隐藏框架中的第三方 Cookie 这样做。用户在此期间已注销。
err-50058-fix-user = 当应用程序要求您登录时，请重新登录。如果仍然无法登录，请允许登录站点使用 Cookie。
err-50058-fix-dev = 将此视为需要发起交互式登录（不带 prompt=none）的信号。不要依赖在隐藏框架中进行静默登录，因为浏览器会在其中阻止第三方 Cookie；请改用刷新令牌。

## 65001 ConsentRequired
err-65001-meaning = 用户尚未同意向该应用程序授予其请求的权限，而该请求又不允许 Sigil 征求用户同意。
err-65001-causes = 请求使用了 prompt=none，因此 Sigil 不能显示同意页面。应用程序现在请求的权限多于用户之前批准的权限。请求来自没有浏览器页面的流，无法在其中征得同意。
err-65001-fix-user = 请重新登录该应用程序，并查看其请求的权限。如果您无权批准这些权限，请联系您的管理员。
err-65001-fix-dev = 发起不带 prompt=none 的交互式授权请求，以便能够显示同意页面；并且只请求应用程序所需的范围。

## 65004 UserDeclinedConsent
err-65004-meaning = 用户看到了同意页面，并选择不向该应用程序授予其请求的权限。Sigil 已返回到应用程序，未颁发代码。
err-65004-causes = 用户在同意页面上选择了拒绝或取消。用户不认识该应用程序，或者不想共享所请求的信息。
err-65004-fix-user = 如果您确实想使用该应用程序，请重新登录并接受其请求的权限。
err-65004-fix-dev = 妥善处理重定向中的 error=access_denied，例如显示一个页面，说明为何需要这些权限并提供重试选项。只请求应用程序真正需要的范围。

## 88000021 InvalidCsrfToken
err-88000021-meaning = 登录页面上的某个表单在提交时没有有效的防伪令牌，因此 Sigil 无法确认该表单来自此浏览器中其自身的页面。Sigil 会拒绝此类提交，以防范跨站请求伪造。
err-88000021-causes = 登录页面打开时间过长，其表单已过期。浏览器阻止或删除了 Sigil 的 Cookie，例如在隐私浏览窗口中或由于隐私扩展程序。表单通过后退按钮、从其他标签页或从其他站点被再次提交。
err-88000021-fix-user = 请从应用程序重新开始登录，并确保登录站点允许使用 Cookie。
err-88000021-fix-dev = 检查 Sigil 的 Cookie 是否能到达浏览器并随表单一起发回，并确保没有代理删除这些 Cookie 或更改用户看到的主机。不要将 Sigil 的登录页面嵌入其他站点的框架中。

## 88000022 SignInExpired
err-88000022-meaning = 从打开登录页面到完成登录所用的时间超过了 Sigil 允许的时长，因此待处理的请求已被丢弃。
err-88000022-causes = 用户让登录页面保持打开状态，过了一段时间才返回。某个步骤（例如查找密码）耗时过长。该页面是从浏览器历史记录或保存的标签页中恢复的。
err-88000022-fix-user = 请返回应用程序，重新开始登录。
err-88000022-fix-dev = 如果这种情况很少发生，除了提供重新登录的选项外，无需进行其他更改。如果经常发生，请检查服务器时钟是否准确，以及用户是否被引导到了旧的、已加入书签的登录地址。

## 88000030 InvalidAccessToken
err-88000030-meaning = 发往 UserInfo 终结点的请求未携带可用的访问令牌：令牌缺失、并非由此租户颁发、已过期或已被吊销。
err-88000030-causes = 访问令牌已过期；访问令牌的生存期很短，默认为 10 分钟。令牌由其他租户或部署颁发，或已被篡改。令牌所属的授权已被吊销，或者令牌未使用 Bearer 方案通过 Authorization 标头发送。
err-88000030-fix-user = 请重新登录。
err-88000030-fix-dev = 使用 Bearer 方案在 Authorization 标头中发送访问令牌，在令牌过期之前刷新它，并调用颁发该令牌的租户的 UserInfo 终结点。响应的 WWW-Authenticate 标头会重复给出该错误及其说明。

## 88000031 InsufficientScope
err-88000031-meaning = 访问令牌有效，但颁发时未包含此终结点所需的范围。对于 UserInfo 终结点，所需的是 openid 范围。
err-88000031-causes = 登录时未请求 openid 范围。该令牌是与某个 API 的范围一起获取的，此类令牌只包含该 API 的范围，不包含 openid。使用了客户端凭据令牌，该令牌包含的是应用程序角色，而不是用户范围。
err-88000031-fix-user = 请重新登录。如果问题仍然存在，请联系该应用程序的支持人员。
err-88000031-fix-dev = 如果某次登录获得的访问令牌要发送到 UserInfo，请在该次登录的 scope 中包含 openid，并且不要将其与 API 范围组合在同一令牌中；请为 API 单独获取令牌。

## 88000040 InvalidPostLogoutRedirectUri
err-88000040-meaning = 注销请求要求 Sigil 将用户发送到一个未注册为该应用程序注销后重定向 URI 的地址。Sigil 会显示此页面而不进行重定向，以防注销功能被用来将用户引导到任意站点。
err-88000040-causes = 该地址不在客户端的 post_logout_redirect_uris 中，或者在方案、主机、端口、路径或尾部斜杠方面与已注册的地址不同。应用程序部署到了一个从未注册过的新地址。只注册了登录重定向 URI，而未注册单独的注销后重定向 URI。
err-88000040-fix-user = 请关闭此页面并返回应用程序。如果不确定自己是否已注销，请在应用程序中再次注销，并将此问题报告给该应用程序的支持人员。
err-88000040-fix-dev = 在预配文件中将确切的地址添加到客户端的 post_logout_redirect_uris，或者发送一个已注册的地址；这些地址与 redirect_uris 是分开配置的。按照 OpenID Connect RP-Initiated Logout 的要求，在注销请求中发送 id_token_hint 或 client_id。

## 88000041 InvalidIdTokenHint
err-88000041-meaning = 随注销请求发送的 id_token_hint 不是由此租户颁发的有效 ID 令牌，因此 Sigil 无法用它来识别用户和应用程序。
err-88000041-causes = 该提示是访问令牌或其他值，而不是 ID 令牌。该 ID 令牌由其他租户或部署颁发，或已被截断或篡改。该令牌是用已被轮换掉、不再发布的密钥签名的。
err-88000041-fix-user = 请关闭此页面，然后从应用程序中再次注销。如果问题仍然存在，请联系该应用程序的支持人员。
err-88000041-fix-dev = 原样发送登录时收到的 ID 令牌，并将注销请求发送到颁发该令牌的租户。如果 ID 令牌非常旧，请发送 client_id 而不是 id_token_hint。

## 88000050 AdminCredentialRequired
err-88000050-meaning = 调用管理终结点时未提供有效的管理员凭据。这些终结点供运维人员及其工具使用，绝不供应用程序或登录用户使用。
err-88000050-causes = 未发送管理员凭据，或者发送的位置或格式不正确。凭据已更改，但工具仍在使用旧凭据。某个应用程序或用户误访问了管理地址。
err-88000050-fix-user = 此页面并非供您使用；请返回您之前使用的应用程序。
err-88000050-fix-dev = 为调用方工具或脚本配置此部署当前的管理员凭据。确保应用程序和最终用户既没有理由也没有途径访问管理终结点。

## 88000060 NotFound
err-88000060-meaning = 请求的地址与 Sigil 提供的任何页面或终结点都不匹配。
err-88000060-causes = URL 存在拼写错误或使用了过时的路径。应用程序手动构建终结点 URL，而不是从发现文档中读取。某个链接或书签指向已不存在的页面。
err-88000060-fix-user = 请检查地址，或返回应用程序并从那里重新开始。
err-88000060-fix-dev = 从租户的 OpenID Connect 发现文档（位于颁发者 URL 下的 /.well-known/openid-configuration）中读取终结点 URL，而不要硬编码。

## 88000100 RequestBodyTooLarge
err-88000100-meaning = 请求正文大于 Sigil 读取的上限。协议请求只有几 KB；此限制可防止专为耗尽服务资源而构造的请求。
err-88000100-causes = 应用程序向登录端点发送了文件或其他大量数据。某个参数（例如 state）携带的数据远超应有的量。该请求是为使服务过载而构造的。
err-88000100-fix-user = 请重试。如果仍然出现同样的错误，请联系该应用程序的支持人员。
err-88000100-fix-dev = 保持协议请求简短：只发送端点定义的参数，并让 state 等值保持简短（将大量数据保存在应用程序中，只发送引用）。

## 88000101 TooManyParameters
err-88000101-meaning = 请求携带的参数超过了任何协议请求所需的数量，因此 Sigil 未作进一步处理即拒绝了它。
err-88000101-causes = 应用程序或库在循环中追加参数。URL 是通过反复添加参数构建的。该请求是为使服务过载而构造的。
err-88000101-fix-user = 请重试。如果仍然出现同样的错误，请联系该应用程序的支持人员。
err-88000101-fix-dev = 只发送端点定义的参数；检查构建请求的代码中是否有重复添加的参数。

## 88000102 ScopeTooLarge
err-88000102-meaning = scope 参数列出的值数量或长度超过了 Sigil 在单个请求中接受的上限。Sigil 在查看这些值之前就拒绝了它。
err-88000102-causes = 应用程序在循环中添加范围，或多次重复同一个范围。一次请求了多个 API 的范围，而一个令牌只针对一个 API。该请求是为使服务过载而构造的。
err-88000102-fix-user = 请联系该应用程序的支持人员；该应用程序请求的权限远多于它能使用的。
err-88000102-fix-dev = 只请求令牌所需的范围：openid 及其他 OpenID Connect 范围，加上一个 API 的范围，或 <api identifier>/.default。删除重复的范围。

## 88000103 MethodNotAllowed
err-88000103-meaning = 该端点存在，但不接受所使用的 HTTP 方法，例如对只接受 POST 的令牌端点使用 GET。
err-88000103-causes = 应用程序在浏览器中或用 GET 打开了令牌端点。代理或库在重定向后将 POST 改成了 GET。脚本中的方法拼写错误。
err-88000103-fix-user = 请返回应用程序并从那里重新开始。
err-88000103-fix-dev = 使用响应的 Allow 标头中列出的方法之一：令牌端点使用 POST，授权、userinfo 和注销端点使用 GET 或 POST。

## 88000104 ParameterTooLong
err-88000104-meaning = 授权请求在登录过程中携带并返回给应用程序的某个值（state、nonce、login_hint 或 ui_locales）超过了 Sigil 保存的长度。
err-88000104-causes = 应用程序在 state 中存储了大量数据，而不是简短的引用。某个值被反复追加。该请求是为使服务过载而构造的。
err-88000104-fix-user = 请返回应用程序并从那里重新开始。如果仍然出现同样的错误，请联系该应用程序的支持人员。
err-88000104-fix-dev = 保持 state 和 nonce 简短：将所需数据保存在应用程序的会话中，只发送一个随机引用。过长的 state 会在页面上被拒绝，因为无法将其发回。
## 88000140 AccessTokenSentMoreThanOnce
err-88000140-meaning = 发往 UserInfo 终结点的请求同时在 Authorization 标头和表单正文中携带了访问令牌。RFC 6750 允许使用其中任一方式，但客户端不得在同一请求中使用多种方式。
err-88000140-causes = 客户端库在每次调用时都会添加 Authorization 标头，而应用程序又在 POST 正文中放入了 access_token。代理或中间件向正文中已带有令牌的请求添加了标头。
err-88000140-fix-user = 请重新登录。如果问题仍然存在，请联系该应用程序的支持人员。
err-88000140-fix-dev = 只发送一次访问令牌：最好放在使用 Bearer 方案的 Authorization 标头中；或者在 Content-Type 为 application/x-www-form-urlencoded 的 POST 请求中作为 access_token 表单参数发送，且不带该标头。
## 88000120 AdminCredentialThrottled
err-88000120-meaning = 来自此网络地址的多个请求在短时间内提供了错误的管理员凭据，因此来自该地址的管理请求会被暂时拒绝。来自其他地址的请求不受影响。
err-88000120-causes = 某个工具或脚本使用了旧的或输错的管理员凭据并不断重试。有人正在尝试猜测管理员凭据。
err-88000120-fix-user = 此页面不是为你准备的；请返回你正在使用的应用程序。
err-88000120-fix-dev = 等待 Retry-After 标头给出的时间，然后使用此部署当前的管理员凭据。查看服务器日志，了解失败的尝试来自何处。

## 88000121 RequestTimeout
err-88000121-meaning = 由于请求未在配置的请求超时时间内完成，服务器停止读取和处理该请求，并关闭了连接。
err-88000121-causes = 客户端发送请求正文的速度非常慢，或者停止了发送。客户端与服务器之间的网络非常慢或拥塞。请求本身的处理耗时异常长。
err-88000121-fix-user = 请检查网络连接后重试。
err-88000121-fix-dev = 请及时发送完整的请求正文。如果你的请求确实需要较长时间，请向运维人员咨询 server.request_timeout；并检查客户端与 Sigil 之间的代理是否存在缓冲问题。
## 88000160 InteractionStepMismatch
err-88000160-meaning = 登录或同意表单被提交到了并非为其签发的步骤，或者同意表单是用与显示它时不同的会话提交的。Sigil 将每个表单绑定到其步骤和会话，以防跳过重新输入密码等步骤。
err-88000160-causes = 页面被重放或篡改：登录表单的隐藏字段被提交到了同意地址。在同意页面打开期间，用户在另一个标签页中注销或以其他身份登录。某个脚本或工具自行构造表单，而不是提交 Sigil 显示的页面。
err-88000160-fix-user = 请返回应用程序，重新开始登录。
err-88000160-fix-dev = 请完全按照 Sigil 呈现的方式提交表单；切勿在另一个页面上重用某个页面的隐藏字段。请在登录日志中查找该跟踪 ID：来自同一来源的重复出现可能是试图跳过重新身份验证（prompt=login）。

## 88000200 IntrospectionNotAllowed
err-88000200-meaning = 一个已通过身份验证的客户端调用了内省端点（RFC 7662），但它没有注册为可以内省令牌的资源服务器：它的 introspect 设置中没有列出任何 API。
err-88000200-causes = 客户端的 introspect 设置为空：该客户端是应用程序，而不是资源服务器。资源服务器使用了另一个客户端（例如应用程序）的凭据而不是自己的凭据进行身份验证。
err-88000200-fix-user = 请联系该服务的支持人员；该服务尚未配置为通过 Sigil 检查令牌。
err-88000200-fix-dev = 将资源服务器注册为机密客户端，并在其 introspect 设置中列出它所检查的访问令牌所属 API 的标识符（预配文件键 introspect，或 sigil client update --introspect api://...）。它只能看到 aud 为其中之一的令牌；其他任何令牌都回答 active: false。

## 88000210 InvalidTarget
err-88000210-meaning = 客户端指定了一个资源（RFC 8707 资源指示符），但 Sigil 无法为其颁发令牌：该值不是不含片段的绝对 URI，租户中没有具有该标识符的 API，客户端对该 API 没有任何权限，正在兑换或刷新的授权不涵盖它，或者令牌请求指定了多个资源。
err-88000210-causes = API 标识符拼写错误或 API 已被删除。客户端从未获得该 API 的权限。刷新令牌或授权码是为其他 API 获取的。向令牌端点发送了多个 resource 参数，或在一个请求中超过了允许的数量。
err-88000210-fix-user = 请联系该应用程序的支持人员；该应用程序请求访问一项它未被配置使用的服务。
err-88000210-fix-dev = 在 resource 中发送租户中某个 API 的准确标识符（例如 api://reports），每个令牌请求一个；为客户端授予该 API 的权限；若要将刷新令牌用于多个 API，请在授权请求中将它们全部作为 resource 参数列出。指定 API 的 scope 值必须与 resource 指定的 API 相同。
## 70016 AuthorizationPending
err-70016-meaning = 设备代码有效，但用户尚未在验证页面上输入用户代码并完成登录（RFC 8628 第 3.5 节 authorization_pending）。
err-70016-causes = 用户仍在登录，或尚未打开验证页面。
err-70016-fix-user = 打开设备上显示的地址，输入代码并完成登录。
err-70016-fix-dev = 按照随设备代码返回的 interval 继续轮询令牌端点；在用户完成之前，这是预期的响应。

## 70019 CodeExpired
err-70019-meaning = 设备代码及其用户代码的存在时间超过了 expires_in（RFC 8628 第 3.5 节 expired_token）。
err-70019-causes = 用户未能及时完成登录。设备仍在使用旧代码轮询。
err-70019-fix-user = 在设备上重新开始登录，并尽快输入新代码。
err-70019-fix-dev = 停止轮询，并向 devicecode 端点请求新的设备代码。

## 88000220 DevicePollingTooFast
err-88000220-meaning = 设备在上次轮询后、间隔时间未到之前就再次请求了令牌端点（RFC 8628 第 3.5 节 slow_down）。此设备代码的间隔现已增加 5 秒。
err-88000220-causes = 客户端忽略了随设备代码返回的 interval，或在收到 slow_down 后没有增加 5 秒。
err-88000220-fix-user = 请稍候；设备会继续尝试。
err-88000220-fix-dev = 两次轮询之间至少等待 interval 秒，并在每次收到 slow_down 后将其增加 5 秒，直到该设备代码失效。

## 88000221 DeviceAuthorizationDeclined
err-88000221-meaning = 用户在验证页面上拒绝了请求，因此该设备代码永远不会换得令牌（RFC 8628 第 3.5 节 access_denied）。
err-88000221-causes = 用户不认识该设备或应用程序，或拒绝了它请求的权限。
err-88000221-fix-user = 如果这是误操作，请在设备上重新开始登录。
err-88000221-fix-dev = 停止轮询；告知用户登录已被拒绝，并提供重新开始的选项。

## 70018 BadVerificationCode
err-70018-meaning = 验证页面收到的用户代码与此租户中任何待处理的设备授权都不匹配：代码输入有误、已过期，或已被批准或拒绝（RFC 8628 第 3.3 节）。
err-70018-causes = 输入错误。代码在输入之前已过期（15 分钟后）。设备上的登录已完成或被拒绝。设备属于另一个租户。
err-70018-fix-user = 核对设备上显示的代码并重新输入；如果设备显示了新代码，请使用新代码。
err-70018-fix-dev = 原样显示 devicecode 响应中的 user_code 和 verification_uri；旧代码过期后请申请新的设备代码。

## 88000222 DeviceCodeGuessesThrottled
err-88000222-meaning = 验证页面按来源地址统计错误的用户代码；10 分钟内出现 10 次错误后，在该时间窗口结束前拒绝该地址的后续代码，使用户代码无法被猜中（RFC 8628 第 5.1 节）。
err-88000222-causes = 反复输入错误。有人在随机尝试代码。许多用户通过代理共用一个地址。
err-88000222-fix-user = 请等待 10 分钟，然后仔细输入设备上显示的代码。
err-88000222-fix-dev = 如果许多合法用户共用一个地址，请确保 Sigil 能看到他们的真实地址（server.trusted_proxies）。

## 9002327 SpaTokenRedeemedWithoutOrigin
err-9002327-meaning = 该应用程序注册为单页应用程序（type = "spa"）。其授权码和刷新令牌只能由浏览器本身通过携带 Origin 标头的跨源请求兑换；此请求没有该标头，因此并非来自浏览器中的页面。这样可以防止面向浏览器的令牌落入服务器（Entra 规则 AADSTS9002327）。
err-9002327-causes = 后端服务器兑换了单页应用程序获得的授权码或刷新令牌。命令行工具或脚本以 SPA 客户端身份调用令牌终结点。该应用程序实际上是带服务器的 Web 应用程序，却注册成了错误的类型。Sigil 前面的代理删除了 Origin 标头。
err-9002327-fix-user = 请联系应用程序的支持团队；应用程序需要更正。
err-9002327-fix-dev = 从页面本身兑换授权码和刷新令牌（MSAL.js 即如此），使浏览器发送 Origin。如果必须由服务器兑换，请将该应用程序注册为 Web（机密）客户端或公共客户端，而不是 spa。确保代理转发 Origin 标头。
## 88000380 InvalidRedirectUri
err-88000380-meaning = 动态客户端注册（RFC 7591）提供的重定向 URI 格式错误，或不被租户的注册策略允许（RFC 7591 第 3.2.2 节 invalid_redirect_uri）。
err-88000380-causes = 包含片段、相对 URI、非环回主机上的普通 http，或者方案或主机不在租户的 registration.redirect_uri_schemes 和 registration.redirect_uri_hosts 之内。
err-88000380-fix-user = 请联系该应用程序的支持人员；应用程序无法在此登录服务中注册自身。
err-88000380-fix-dev = 注册不含片段的绝对重定向 URI：https，或 127.0.0.1、[::1]、localhost 上的 http，且方案和主机须为租户允许；请向运维人员确认。

## 88000381 InvalidClientMetadata
err-88000381-meaning = 动态客户端注册或更新（RFC 7591、RFC 7592）携带的客户端元数据无效，或不被租户的注册策略允许（RFC 7591 第 3.2.2 节 invalid_client_metadata）。
err-88000381-causes = 请求体不是 JSON 对象；授权类型不允许注册客户端使用；response_types 与 grant_types 不匹配；认证方法不是 none、client_secret_basic 或 client_secret_post；请求了租户未提供的 scope；或 client_id 与正在更新的客户端不同。
err-88000381-fix-user = 请联系该应用程序的支持人员；应用程序无法在此登录服务中注册自身。
err-88000381-fix-dev = 发送一个 JSON 对象，包含 redirect_uris、租户允许的 grant_types、匹配的 response_types、token_endpoint_auth_method 为 none、client_secret_basic 或 client_secret_post，并且只请求 registration.permissions 提供的 scope。

## 88000382 InvalidInitialAccessToken
err-88000382-meaning = 租户的注册端点未开放：每次注册都必须以 Bearer 令牌携带初始访问令牌（RFC 7591 第 3 节），而所发送的令牌缺失、未知、已过期或已用尽。
err-88000382-causes = 没有 Authorization 头。令牌属于其他租户。一次性令牌已被使用，或令牌已过期。
err-88000382-fix-user = 请联系该应用程序的支持人员；应用程序无法在此登录服务中注册自身。
err-88000382-fix-dev = 向运维人员索取初始访问令牌（sigil registration token create），并在注册请求中以 Authorization: Bearer 发送。

## 88000383 InvalidRegistrationAccessToken
err-88000383-meaning = 对客户端配置端点（RFC 7592）的请求所携带的注册访问令牌不属于所指定的客户端，或该客户端（已）不存在；RFC 7592 第 2 节对两种情况都返回 401。
err-88000383-causes = 使用了其他客户端的令牌、客户端删除之前的令牌，或客户端已在其生命周期结束时被移除。
err-88000383-fix-user = 请联系该应用程序的支持人员。
err-88000383-fix-dev = 以 Bearer 方式使用注册响应中返回的 registration_access_token 和 registration_client_uri；如果客户端已被移除，请重新注册。

## 88000384 ClientMetadataDocumentUnavailable
err-88000384-meaning = client_id 是一个 https URL（OAuth 客户端 ID 元数据文档），Sigil 未能在其限制范围内从该 URL 获取 JSON 文档。
err-88000384-causes = 应用程序的服务器宕机或响应缓慢、返回错误或重定向、发送的内容超过允许的大小，或者在 outbound.allow_private_addresses 关闭时解析到私有或环回地址。
err-88000384-fix-user = 请稍后重试；如果问题持续存在，请联系该应用程序的支持人员。
err-88000384-fix-dev = 通过 https 在与 client_id 完全相同的 URL 上提供该文档：状态 200、JSON 格式、体积小、无重定向、来自公网地址。

## 88000385 ClientMetadataDocumentInvalid
err-88000385-meaning = client_id 是一个 https URL（OAuth 客户端 ID 元数据文档），该 URL 或从中获取的文档违反了草案规则或租户策略。
err-88000385-causes = 租户未启用元数据文档；文档中的 client_id 与 URL 不完全相同；文档包含 client_secret 或要求使用共享密钥的认证方法；其重定向 URI 或授权类型不被允许；或 URL 含有片段、凭据、点路径段或没有路径。
err-88000385-fix-user = 请联系该应用程序的支持人员；该应用程序未针对此登录服务正确配置。
err-88000385-fix-dev = 使文档中的 client_id 与其 URL 相同，列出 redirect_uris，使用 token_endpoint_auth_method none，并遵守租户的注册策略。
## 88000340 DpopProofInvalid
err-88000340-meaning = DPoP 标头必须包含一个类型为 dpop+jwt 的 JSON Web Token，由其自身 jwk 标头中的公钥以 ES256、RS256、PS256 或 EdDSA 签名，并包含 jti、htm、htu 和 iat 声明（RFC 9449 第 4.3 节）。此证明未通过其中某项检查，或者请求包含多个 DPoP 标头。
err-88000340-causes = 客户端库使用了其他 typ 或算法生成证明。jwk 标头包含私钥，或密钥与算法不匹配。签名验证失败。缺少必需的声明。发送了两个 DPoP 标头。
err-88000340-fix-user = 请重试；如果问题仍然存在，请联系该应用程序的开发人员。
err-88000340-fix-dev = 按照 RFC 9449 第 4.2 节生成证明（typ 为 dpop+jwt，jwk 中只含公钥，使用新的 jti），或使用维护良好的库，例如 oauth4webapi。登录日志会指出未通过的检查。

## 88000341 DpopProofMismatch
err-88000341-meaning = DPoP 证明指明其所针对的唯一请求的 HTTP 方法（htm）和不含查询与片段的 URL（htu），当它随访问令牌一起发送时，还包含该令牌的 SHA-256 哈希（ath）。其中某一项与此请求不匹配（RFC 9449 第 4.3 节）。
err-88000341-causes = 证明被重复用于其他端点或方法。客户端根据与 Sigil 发布的不同的基础 URL 计算 htu，例如位于代理之后。ath 缺失或针对其他令牌计算。
err-88000341-fix-user = 请重试；如果问题仍然存在，请联系该应用程序的开发人员。
err-88000341-fix-dev = 将 htu 设置为 discovery 中的端点 URL，将 htm 设置为请求方法；在资源端添加 ath，即访问令牌 SHA-256 的 base64url 编码。如果代理改写了地址，请检查 server.public_url。

## 88000342 DpopProofStale
err-88000342-meaning = 证明的 iat 声明与服务器时钟的差值不得超过 tokens.dpop_proof_window 秒（默认 60 秒）（RFC 9449 第 4.3 节和第 11.1 节），以免被截获的证明在之后被使用。
err-88000342-causes = 客户端时钟不正确。证明被保存后在稍后再次发送。生成证明与发送证明之间延迟过长。
err-88000342-fix-user = 请检查设备时钟是否设置正确，然后重试。
err-88000342-fix-dev = 为每个请求在发送前即时生成新的证明；同步客户端时钟，或使用服务器 nonce（tokens.dpop_nonce_lifetime）。

## 88000343 DpopProofReplayed
err-88000343-meaning = 每个 DPoP 证明只被接受一次：Sigil 在所有实例共享的存储中记录每个证明的密钥和 jti，并在其 iat 仍处于可接受时间窗口内时拒绝已见过的证明（RFC 9449 第 11.1 节）。
err-88000343-causes = 客户端两次发送了同一个证明，例如在重试时。攻击者重放了截获的证明。
err-88000343-fix-user = 请重试。
err-88000343-fix-dev = 为每个请求（包括重试）生成带有新的随机 jti 的新证明。

## 88000344 UseDpopNonce
err-88000344-meaning = 该客户端注册为必须在 DPoP 证明中包含服务器提供的 nonce（RFC 9449 第 8 节）。证明中没有 nonce，或其 nonce 已不再有效。响应的 DPoP-Nonce 标头中包含应使用的 nonce。
err-88000344-causes = 客户端尚未获得 nonce 时的第一个请求（这是正常的第一步）。nonce 已超过两个周期。
err-88000344-fix-user = 请重试；应用程序通常会自动完成此操作。
err-88000344-fix-dev = 使用新的证明重试，其 nonce 声明为本响应的 DPoP-Nonce 标头值；oauth4webapi 等库会自动完成。nonce 每 tokens.dpop_nonce_lifetime 秒更换一次。

## 88000345 DpopKeyMismatch
err-88000345-meaning = 带 dpop_jkt 请求的授权码，以及使用了 DPoP 的公共客户端的刷新令牌，都绑定到一个 DPoP 密钥；只有由该密钥生成的证明才能兑换它们（RFC 9449 第 5 节和第 10 节）。
err-88000345-causes = 客户端生成了新的 DPoP 密钥（例如重启后）并丢失了旧密钥。请求未携带 DPoP 证明。被盗的令牌正被他人使用。
err-88000345-fix-user = 请重新登录。
err-88000345-fix-dev = 在绑定到 DPoP 密钥对的令牌有效期间保留该密钥对；对已绑定授权的每个令牌请求都发送 DPoP 证明。密钥丢失后，请重新开始授权。

## 88000346 DpopProofRequired
err-88000346-meaning = 该客户端注册了 dpop_bound_access_tokens（RFC 9449 第 5.2 节）：Sigil 只向其颁发绑定 DPoP 的访问令牌，因此每个令牌请求都必须包含 DPoP 标头。
err-88000346-causes = 客户端库未配置为使用 DPoP。代理删除了证明。
err-88000346-fix-user = 请联系该应用程序的开发人员。
err-88000346-fix-dev = 将客户端配置为对每个令牌请求生成 DPoP 证明，或从客户端注册中删除 dpop_bound_access_tokens。

## 88000347 DpopBoundTokenMisused
err-88000347-meaning = 绑定 DPoP 的访问令牌（其 cnf 声明指明一个密钥）只有以 Authorization: DPoP 方式、并附带由该密钥生成的 DPoP 证明时才被接受；未绑定的令牌不能以 DPoP 方案发送（RFC 9449 第 7.1 节）。
err-88000347-causes = 客户端把绑定 DPoP 的令牌作为 Bearer 令牌发送。证明缺失或由其他密钥生成。未绑定的令牌以 DPoP 方案发送。
err-88000347-fix-user = 请重新登录；如果问题仍然存在，请联系该应用程序的开发人员。
err-88000347-fix-dev = 发送 Authorization: DPoP 和令牌，并附带 DPoP 标头，其 ath 为令牌的哈希，由令牌所绑定的密钥签名。请读取令牌响应中的 token_type：DPoP 或 Bearer。

## 88000350 InvalidRequestUri
err-88000350-meaning = 来自推送授权请求（PAR）端点的 request_uri 代表一个客户端的一个授权请求，有效期很短，且只能使用一次（RFC 9126 第 4 节）。此 request_uri 对请求中指定的客户端未知、已过期或已被使用。
err-88000350-causes = 用户刷新了授权页面或返回到该页面。请求推送的时间过早（tokens.pushed_request_lifetime）。授权请求中的 client_id 不是推送该请求的客户端。该值被修改过。
err-88000350-fix-user = 请返回应用程序并重新开始登录。
err-88000350-fix-dev = 为每个授权请求推送新的请求，并立即将浏览器重定向到授权端点，使用相同的 client_id 和未经修改的 request_uri。

## 88000351 PushedAuthorizationRequestRequired
err-88000351-meaning = 该客户端注册了 require_pushed_authorization_requests（RFC 9126 第 6 节）：Sigil 只接受来自 PAR 端点的 request_uri 形式的授权请求，以免其参数在浏览器中被篡改。
err-88000351-causes = 客户端库未配置为使用 PAR。攻击者或书签直接发送了授权请求。
err-88000351-fix-user = 请返回应用程序并从那里开始登录。
err-88000351-fix-dev = 将授权请求以 POST 方式发送到 discovery 中的 pushed_authorization_request_endpoint，然后只带 client_id 和 request_uri 进行重定向。
## 700021 ClientAssertionIssuerMismatch
err-700021-meaning = 在客户端断言（private_key_jwt，RFC 7523 第 3 节）中，iss 和 sub 都必须是进行身份验证的应用程序的客户端 ID。
err-700021-causes = 断言是为其他应用程序构建的，或者 client_id 参数指定的应用程序与断言不同。
err-700021-fix-user = 请联系应用程序的管理员。
err-700021-fix-dev = 将断言的 iss 和 sub 设置为应用程序的客户端 ID，并发送相同的 client_id（或不发送）。

## 700023 InvalidClientAssertionAudience
err-700023-meaning = 客户端断言的 aud 声明必须是此租户的令牌终结点或其颁发者（RFC 7523 第 3 节），租户可以用名称或 ID 表示。
err-700023-causes = 应用程序配置了其他颁发机构，例如 Entra 的 login.microsoftonline.com。
err-700023-fix-user = 请联系应用程序的管理员。
err-700023-fix-dev = 将库的 authority 指向此 Sigil 租户；受众即为其发现文档中的令牌终结点。

## 700024 ClientAssertionNotWithinValidTimeRange
err-700024-meaning = 客户端断言仅在其 nbf/iat 与 exp 之间被接受，允许少量时钟偏差（tokens.assertion_clock_skew），并且其过期时间必须在 tokens.assertion_max_lifetime 之内。
err-700024-causes = 断言已过期、客户端时钟不正确，或断言的有效期长于服务器允许的时间。
err-700024-fix-user = 请检查设备时钟设置是否正确，然后重试。
err-700024-fix-dev = 同步时钟（NTP），每次过期后生成新的断言，并使 exp 保持在 tokens.assertion_max_lifetime 之内。

## 700027 InvalidClientAssertionSignature
err-700027-meaning = 断言必须由为应用程序注册的证书或密钥的私钥使用 RS256、PS256 或 ES256 签名；none 和 HMAC 算法会被拒绝。
err-700027-causes = 断言使用了与其所指证书不同的密钥签名、签名后被修改，或使用了与密钥不匹配的算法签名。
err-700027-fix-user = 请联系应用程序的管理员。
err-700027-fix-dev = 使用已注册证书的私钥签名；RSA 密钥使用 RS256 或 PS256，P-256 密钥使用 ES256。

## 88000300 ClientAssertionKeyNotFound
err-88000300-meaning = 断言的头部通过 x5t#S256、x5t 或 kid 指定其密钥；应用程序的证书、JWKS 密钥以及 jwks_uri 上的密钥（会重新获取一次）中都没有该密钥。
err-88000300-causes = 应用程序使用了尚未注册的新证书，或者颁发者轮换了密钥。
err-88000300-fix-user = 请联系应用程序的管理员。
err-88000300-fix-dev = 注册该证书（使用 sigil import 和 [[tenant.client.certificate]]），或在 jwks_uri 上发布该密钥。

## 88000301 ClientAssertionReplayed
err-88000301-meaning = 客户端断言的 jti 会被记住直到其过期。默认情况下，只有同一应用程序的同一断言可以再次被接受；启用 strict_assertion_replay 时，每个 jti 只接受一次。
err-88000301-causes = 断言被截获并重放，或者应用程序处于严格模式时库重复使用了其断言。
err-88000301-fix-user = 请重试；如果仍然失败，请联系应用程序的管理员。
err-88000301-fix-dev = 为每个请求生成带有新 jti 的新断言，或为此客户端关闭 strict_assertion_replay。

## 88000302 ClientCertificateExpired
err-88000302-meaning = 为应用程序注册的证书只在其 notAfter 日期之前使用。
err-88000302-causes = 应用程序仍在使用已过期的证书签名。
err-88000302-fix-user = 请联系应用程序的管理员。
err-88000302-fix-dev = 创建新证书，将其与旧证书一起注册，将应用程序切换到新证书，然后删除旧证书。

## 88000303 AssertionKeysUnavailable
err-88000303-meaning = jwks_uri 上的密钥以及外部颁发者的发现文档和 JWKS 通过 HTTPS 获取，有大小和时间限制，绝不从私有地址获取，并且发现文档中的颁发者必须与令牌的颁发者一致。
err-88000303-causes = 另一台服务器不可用或响应缓慢、URL 错误、解析到私有地址，或其发现文档指定了其他颁发者。
err-88000303-fix-user = 请稍后重试。
err-88000303-fix-dev = 检查 jwks_uri 或颁发者的 /.well-known/openid-configuration 是否可以从 Sigil 访问且正确；请参阅 outbound 设置。

## 700211 NoMatchingFederatedIssuer
err-700211-meaning = 只有当应用程序的某个联合凭据准确指定了外部颁发者时，该颁发者的令牌才能对应用程序进行身份验证。
err-700211-causes = 工作负载的令牌来自其他颁发者，或颁发者 URL 不同（例如末尾的斜杠）。
err-700211-fix-user = 请联系应用程序的管理员。
err-700211-fix-dev = 添加一个 federated_credential，其颁发者与令牌的 iss 声明完全一致。

## 700212 NoMatchingFederatedAudience
err-700212-meaning = 令牌的 aud 必须包含匹配的联合凭据的受众（默认为 api://AzureADTokenExchange）。
err-700212-causes = 工作负载为其他受众请求了令牌。
err-700212-fix-user = 请联系应用程序的管理员。
err-700212-fix-dev = 使用凭据的受众请求工作负载令牌，或将凭据的受众设置为令牌所携带的受众。

## 700213 NoMatchingFederatedSubject
err-700213-meaning = 令牌的 sub 必须等于其颁发者的某个联合凭据的主体（例如 system:serviceaccount:namespace:name）。
err-700213-causes = 其他工作负载、分支或服务帐户出示了其令牌。
err-700213-fix-user = 请联系应用程序的管理员。
err-700213-fix-dev = 添加一个 federated_credential，其主体与令牌的 sub 声明完全一致。
## 50013 InvalidAssertion
err-50013-meaning = 代表（on-behalf-of）请求携带的断言无法被 Sigil 接受：它不是此租户签名的访问令牌、由其他租户颁发，或其授权或令牌本身已被吊销。
err-50013-causes = 中间层 API 转发了 ID 令牌或来自其他租户或颁发者的令牌。用户已注销或令牌已被吊销。令牌被篡改。
err-50013-fix-user = 请重新登录应用程序。
err-50013-fix-dev = 转发 API 在 Authorization 标头中收到的原始访问令牌，且须由同一租户颁发；若已被吊销，请让前端重新获取令牌。

## 500131 AssertionAudienceDoesNotMatchClient
err-500131-meaning = 在代表（on-behalf-of）流程中，断言必须是调用方应用程序所实现 API（其 exposes_api 设置）的访问令牌。此令牌颁发给了其他受众。
err-500131-causes = 中间层 API 转发了发给其他 API 的令牌。应用程序的 exposes_api 设置指向其他 API 或未设置。
err-500131-fix-user = 请联系应用程序的管理员。
err-500131-fix-dev = 转发 API 为自身收到的令牌。将中间层客户端的 exposes_api 设置为其实现的 API 标识符，并让前端请求该 API 的范围。

## 500133 AssertionNotWithinValidTimeRange
err-500133-meaning = 作为代表（on-behalf-of）断言提供的访问令牌已超过过期时间（exp）或尚未生效（nbf），超出了允许的少量时钟偏差。
err-500133-causes = 中间层 API 保存用户令牌的时间超过了其有效期。服务器时钟相差超过一分钟。
err-500133-fix-user = 请重新加载应用程序或重新登录。
err-500133-fix-dev = 让前端每次调用都发送新的访问令牌；不要在 exp 之后继续缓存收到的令牌。保持服务器时钟同步。

## 88000320 AssertionHasNoUser
err-88000320-meaning = 代表（on-behalf-of）流程为断言中指明的已登录用户执行操作。此断言是颁发给应用程序本身（客户端凭据）的访问令牌，未指明任何用户。
err-88000320-causes = 调用方 API 收到了应用程序令牌（来自守护程序或服务），并尝试代表用户交换它。
err-88000320-fix-user = 请联系应用程序的管理员。
err-88000320-fix-dev = 仅对颁发给用户的令牌使用代表流程。对于没有用户的服务间调用，请改用客户端凭据获取令牌。

## 88000321 OnBehalfOfConsentRequired
err-88000321-meaning = 中间层应用程序代表用户请求下游 API 的令牌，但用户尚未就这些权限同意该应用程序。调用方看到 Entra 代码 65001，错误为 invalid_grant，suberror 为 consent_required。
err-88000321-causes = 用户仅同意了前端应用程序。中间层请求的下游权限多于用户批准的权限。同意已被撤回。
err-88000321-fix-user = 请重新登录应用程序并接受其请求的权限。
err-88000321-fix-dev = 将 consent_required 错误返回给前端，使其以中间层的下游范围交互式登录用户（或让用户登录一次中间层客户端），然后重试。

## 88000322 SubjectTokenInvalid
err-88000322-meaning = 在令牌交换（RFC 8693）中，subject_token 必须是此租户颁发给用户、未过期且未被吊销的访问令牌。
err-88000322-causes = 令牌已过期、已被吊销、由其他租户颁发、是 ID 令牌或应用程序令牌，或已被篡改。
err-88000322-fix-user = 请重新登录应用程序。
err-88000322-fix-dev = 将用户当前的访问令牌作为 subject_token 发送，subject_token_type 为 urn:ietf:params:oauth:token-type:access_token。

## 88000323 ActorTokenInvalid
err-88000323-meaning = 在委托型令牌交换（RFC 8693）中，actor_token 指明代表用户执行操作的一方；它必须是此租户颁发、未过期且未被吊销的访问令牌。
err-88000323-causes = 参与者令牌已过期、已被吊销、由其他租户颁发或已被篡改。
err-88000323-fix-user = 请稍后重试；如果持续失败，请联系应用程序的管理员。
err-88000323-fix-dev = 将执行操作的服务的当前访问令牌（例如通过客户端凭据获取的令牌）作为 actor_token 发送，actor_token_type 为 urn:ietf:params:oauth:token-type:access_token。

## 88000324 SubjectTokenNotExchangeable
err-88000324-meaning = 客户端的令牌交换策略列出了其可交换的主体令牌受众；此主体令牌的受众不在其中。
err-88000324-causes = 应用程序发送了发给其他 API 的令牌，或其策略（token_exchange.subject_audiences）未列出此 API。
err-88000324-fix-user = 请联系应用程序的管理员。
err-88000324-fix-dev = 仅交换为你自己的 API 颁发的令牌，或将其标识符添加到客户端的 token_exchange.subject_audiences。

## 88000325 ExchangeTargetNotAllowed
err-88000325-meaning = 客户端的令牌交换策略列出了其可请求交换令牌的 API；请求的 audience、resource 或 scope 指向其他 API，或客户端没有策略。
err-88000325-causes = audience、resource 或 scope 参数指向策略（token_exchange.target_audiences）未列出的 API。
err-88000325-fix-user = 请联系应用程序的管理员。
err-88000325-fix-dev = 仅请求客户端 token_exchange.target_audiences 中的目标，或将该 API 添加到其中。

## 88000326 UnsupportedTokenType
err-88000326-meaning = 令牌交换指定了 Sigil 不处理的 subject_token_type、actor_token_type 或 requested_token_type。Sigil 交换其自身的访问令牌：urn:ietf:params:oauth:token-type:access_token 或 urn:ietf:params:oauth:token-type:jwt。
err-88000326-causes = 应用程序发送了 ID 令牌、SAML 断言或刷新令牌类型，或拼错了类型 URI。
err-88000326-fix-user = 请联系应用程序的管理员。
err-88000326-fix-dev = 令牌类型请使用 urn:ietf:params:oauth:token-type:access_token（或 urn:ietf:params:oauth:token-type:jwt）。

## 88000420 RequestObjectInvalid
err-88000420-meaning = request 参数必须是 JWT 安全授权请求（RFC 9101）：使用为应用程序注册的密钥（证书、JWKS 或其 jwks_uri），以 RS256、PS256 或 ES256 签名的紧凑 JWS。未签名的对象（alg none）会被拒绝，且请求对象本身不得包含 request 或 request_uri。
err-88000420-causes = 对象未签名、已加密、使用不支持的算法或应用程序未注册的密钥签名，或在传输中被修改。
err-88000420-fix-user = 返回应用程序并重新开始登录。如果仍然失败，请联系应用程序的管理员。
err-88000420-fix-dev = 使用 RS256、PS256 或 ES256 以已注册的密钥签名请求对象，并在其头部放入指明该密钥的 kid（或 x5t#S256）。

## 88000421 RequestObjectClaimsMismatch
err-88000421-meaning = 在请求对象中（RFC 9101 第 4 和第 5 节），iss 必须是应用程序的客户端 ID，aud 必须是此租户的颁发者，client_id 必须等于携带它的请求的 client_id。
err-88000421-causes = 对象是为其他应用程序或其他服务器构建的，或请求指定的客户端与对象不同。
err-88000421-fix-user = 请联系应用程序的管理员。
err-88000421-fix-dev = 将 iss 和 client_id 设为客户端 ID，将 aud 设为发现文档中的 issuer，并在 request 旁发送相同的 client_id。

## 88000422 RequestObjectNotWithinValidTimeRange
err-88000422-meaning = 请求对象必须包含 exp，不得已过期，其 nbf 和 iat 不得在将来，且有效期不得超过服务器允许的长度（适用 tokens.assertion_clock_skew 时钟偏差）。
err-88000422-causes = 客户端时钟错误，对象在发送之前很久就已构建，或缺少 exp 声明。
err-88000422-fix-user = 检查设备的日期和时间，然后重试。
err-88000422-fix-dev = 在发送前即时构建请求对象，使 exp 比 iat 晚几分钟，并保持客户端时钟同步。

## 88000423 RequestObjectReplayed
err-88000423-meaning = 应用程序每个请求对象的 jti 在对象过期前只接受一次（RFC 9101 第 10.2 节），因此被截获的请求对象无法再次使用。
err-88000423-causes = 应用程序重复使用请求对象，或攻击者重放了它。
err-88000423-fix-user = 返回应用程序并重新开始登录。
err-88000423-fix-dev = 为每个授权请求构建带有新 jti 的新请求对象。

## 88000424 RequestUriNotSupported
err-88000424-meaning = Sigil 不从 URL 获取请求对象（RFC 9101 第 6.2 节 request_uri_not_supported）。它唯一接受的 request_uri 是来自其自身推送授权请求终结点（RFC 9126）的 urn:ietf:params:oauth:request_uri: 值。
err-88000424-causes = 应用程序通过 https URL 引用传递请求对象，或将无关值作为 request_uri。
err-88000424-fix-user = 请联系应用程序的管理员。
err-88000424-fix-dev = 将请求（或请求对象）推送到 pushed_authorization_request_endpoint 并使用返回的 request_uri，或在 request 中按值发送请求对象。

## 88000425 SignedRequestObjectRequired
err-88000425-meaning = 应用程序注册时设置了 require_signed_request_object（RFC 9101 第 10.5 节）：其在授权终结点和推送授权请求终结点的授权请求，都必须是 request 参数中的已签名请求对象。
err-88000425-causes = 客户端库未配置为对请求签名，或有人为此应用程序发送了普通授权请求。
err-88000425-fix-user = 返回应用程序并从那里开始登录。
err-88000425-fix-dev = 将所有授权参数放入用已注册密钥签名的请求对象，并以 request 发送（直接发送或通过 PAR）。

## 88000430 FapiPkceS256Required
err-88000430-meaning = 应用程序遵循 FAPI 2.0 安全配置文件（第 5.3.2.2 节）：每个授权请求都带有 code_challenge_method 为 S256 的 PKCE code_challenge。即使租户允许，plain 方法也会被拒绝。
err-88000430-causes = 请求没有 code_challenge，或使用 plain 方法。
err-88000430-fix-user = 请联系应用程序的管理员。
err-88000430-fix-dev = 在推送的请求中发送 code_challenge = BASE64URL(SHA-256(code_verifier)) 和 code_challenge_method=S256。

## 88000431 FapiResponseModeNotAllowed
err-88000431-meaning = 对于使用 FAPI 2.0 配置文件的应用程序，Sigil 只在已注册重定向 URI 的查询字符串中返回授权响应（code、state 以及 RFC 9207 的 iss）；其他响应模式会被拒绝。
err-88000431-causes = 请求要求 response_mode 为 fragment 或 form_post。
err-88000431-fix-user = 请联系应用程序的管理员。
err-88000431-fix-dev = 省略 response_mode（query 是 response_type code 的默认值），或发送 response_mode=query。

## 88000432 FapiClientAssertionAudience
err-88000432-meaning = FAPI 2.0 安全配置文件（第 5.3.2.1 节）要求授权服务器在客户端断言的 aud 声明中只接受其颁发者标识符，且为单个字符串。对于 FAPI 2.0 应用程序，令牌终结点 URL 或数组会被拒绝。
err-88000432-causes = 客户端库在 aud 中放入了令牌终结点 URL、数组或租户的另一个名称。
err-88000432-fix-user = 请联系应用程序的管理员。
err-88000432-fix-dev = 将 private_key_jwt 断言的 aud 设置为发现文档中的 issuer 值（字符串）。
## 50076 UserStrongAuthClientAuthNRequired
err-50076-meaning = 此次登录需要多重身份验证（由租户、应用程序、用户所在的组或请求本身要求），但应用程序要求 Sigil 不显示任何页面（prompt=none）。
err-50076-causes = 会话仅通过密码建立，而策略或 acr_values 现在要求第二因素。应用程序尝试了静默登录。
err-50076-fix-user = 在应用程序提示时重新登录，并输入身份验证器应用中的代码。
err-50076-fix-dev = 将带有 suberror basic_action 的 interaction_required 视为发起不带 prompt=none 的交互式登录的信号。

## 50079 UserStrongAuthEnrollmentRequired
err-50079-meaning = 此次登录需要多重身份验证，用户尚未设置第二因素，而应用程序要求不显示任何页面（prompt=none），因此无法显示设置页面。
err-50079-causes = 为尚未设置身份验证器应用的用户启用了要求多重身份验证的策略。应用程序尝试了静默登录。
err-50079-fix-user = 在应用程序提示时重新登录：Sigil 会帮助你设置身份验证器应用。
err-50079-fix-dev = 发起不带 prompt=none 的交互式登录；Sigil 会在下次登录时显示注册页面。

## 88000440 OtpCodeInvalid
err-88000440-meaning = 这个六位数代码与用户身份验证器应用在当前时间的代码不符（Sigil 接受前一个、当前和下一个 30 秒代码）。
err-88000440-causes = 代码输入错误。手机时钟偏差超过 30 秒。代码来自应用中的另一个帐户。
err-88000440-fix-user = 输入身份验证器应用当前为此帐户显示的代码。如果仍然失败，请将手机时间设为自动。
err-88000440-fix-dev = 应用程序无需更改；错误代码会被计数，过多会让第二因素暂时等待（88000442）。

## 88000441 OtpCodeReplayed
err-88000441-meaning = 代码正确，但同一 30 秒时间步的代码已被此身份验证器接受过。RFC 6238 要求第二次拒绝它，使被偷看到的代码无法重复使用。
err-88000441-causes = 用户在 30 秒内用同一代码登录了两次。表单被提交了两次。其他人先使用了该代码。
err-88000441-fix-user = 等待身份验证器应用显示新代码，然后输入新代码。
err-88000441-fix-dev = 应用程序无需更改。如果用户经常遇到此情况，说明他们连续登录两次；第二次登录可以复用会话。

## 88000442 SecondFactorLocked
err-88000442-meaning = 此用户输入了过多错误的第二因素代码，因此 Sigil 会在一段时间（15 分钟）内不检查代码。这可以阻止猜测六位数代码。
err-88000442-causes = 知道密码的人正在猜测代码。用户输入了多个错误代码，或其他帐户的代码。
err-88000442-fix-user = 等待 15 分钟，然后用应用显示的代码重试。如果你没有尝试登录，请更改密码。
err-88000442-fix-dev = 应用程序无需更改。运维人员：登录日志会记录每次尝试及其原因。

## 88000443 RecoveryCodeInvalid
err-88000443-meaning = 在第二因素步骤输入的文本不是六位数字，因此 Sigil 将其作为恢复代码检查，但它不是用户任何一个未使用的恢复代码。每个恢复代码只能使用一次。
err-88000443-causes = 已使用过的恢复代码。来自旧一组的代码（重新设置身份验证器会替换它们）。输入错误。
err-88000443-fix-user = 使用另一个恢复代码，或身份验证器应用中的代码。如果两者都没有，请联系管理员。
err-88000443-fix-dev = 应用程序无需更改；错误的恢复代码与错误代码计入同一限制（88000442）。

## 88000444 PasswordGrantMfaRequired
err-88000444-meaning = 应用程序使用资源所有者密码凭据授权（只携带密码）登录用户，但策略要求该用户或应用程序进行多重身份验证。调用方看到 Entra 的 50076。
err-88000444-causes = 租户、应用程序或用户所在的某个组要求多重身份验证，而应用程序使用 grant_type=password。
err-88000444-fix-user = 请改用应用程序的浏览器登录，或联系应用程序的管理员。
err-88000444-fix-dev = 使用授权码流程（或设备码流程），让用户能够完成第二因素；密码授权无法做到。

## 88000650 InsufficientUserAuthentication
err-88000650-meaning = Sigil 的受保护资源 (UserInfo) 拒绝了该访问令牌：它来自仅使用密码的登录，而租户或应用程序现在要求多重身份验证。响应是 RFC 9470 的 WWW-Authenticate 质询，错误为 insufficient_user_authentication，并带有 acr_values。
err-88000650-causes = 在令牌对应的登录之后，租户或应用程序开启了多重身份验证。令牌是从策略生效前的登录刷新得到的。
err-88000650-fix-user = 在应用程序提示时重新登录，并输入身份验证器应用中的代码。
err-88000650-fix-dev = 从 WWW-Authenticate 头读取 acr_values，并以该值作为 acr_values 发起新的授权请求 (RFC 9470 第 4 节)；用户会被要求提供第二因素，新令牌将满足策略。

## 88000651 InsufficientClaims
err-88000651-meaning = 与 88000650 相同的拒绝，针对声明了 Entra cp1 能力的客户端：WWW-Authenticate 质询的错误为 insufficient_claims，并带有需要回传的 claims 值 (base64)，即 Entra 的声明质询。
err-88000651-causes = 在令牌对应的登录之后，租户或应用程序开启了多重身份验证，且客户端声明可以处理声明质询 (xms_cc cp1)。
err-88000651-fix-user = 在应用程序提示时重新登录，并输入身份验证器应用中的代码。
err-88000651-fix-dev = 解码 WWW-Authenticate 头中的 claims 值，并将其作为新的交互式令牌请求的 claims 参数传递 (MSAL: WithClaims)；Sigil 会要求第二因素。
## 88000400 JwtBearerIssuerNotTrusted
err-88000400-meaning = JWT 持有者授权（RFC 7523）携带的 JWT 的颁发者（iss）不是租户的任何受信任颁发者。
err-88000400-causes = 租户没有该颁发者的 trusted_issuer 条目，或颁发者值不同（协议、末尾斜杠、路径）。
err-88000400-fix-user = 请联系应用程序的管理员。
err-88000400-fix-dev = 添加一个 issuer 与 JWT 的 iss 完全相同的 [[tenant.trusted_issuer]]，或发送受信任颁发者的 JWT。

## 88000401 JwtBearerClientNotAllowed
err-88000401-meaning = 租户信任该 JWT 的颁发者，但其 trusted_issuer 条目未列出调用方客户端。
err-88000401-causes = 该颁发者的 clients 列表中缺少此 client_id，或断言被其他应用程序使用。
err-88000401-fix-user = 请联系应用程序的管理员。
err-88000401-fix-dev = 将 client_id 添加到此颁发者的 trusted_issuer 条目的 clients 列表中。

## 88000402 JwtBearerAssertionInvalid
err-88000402-meaning = 作为授权许可提交的 JWT 无法被接受：其格式错误、缺少必需的声明（iss、sub、aud、exp，或颁发者要求时的 jti）、签名无法用颁发者的密钥验证，或无法获取密钥。
err-88000402-causes = JWT 被篡改或使用颁发者未发布的密钥签名。颁发者的发现文档或 JWKS 无法访问。JWT 使用了 RS256、PS256 或 ES256 以外的算法。
err-88000402-fix-user = 请稍后重试；如果问题仍然存在，请联系应用程序的管理员。
err-88000402-fix-dev = 按颁发者生成的原样发送 JWT；检查颁发者是否发布其密钥（jwks_uri 或发现文档）以及 Sigil 能否访问；设置了 require_jti 时请包含 jti。

## 88000403 JwtBearerAudienceInvalid
err-88000403-meaning = JWT 的 aud 必须指向此租户的令牌终结点或颁发者（按租户 ID 或名称），或为其受信任颁发者配置的受众之一。
err-88000403-causes = 颁发者为其他服务生成了该 JWT，或租户的 trusted_issuer 列出了其他受众。
err-88000403-fix-user = 请联系应用程序的管理员。
err-88000403-fix-dev = 让颁发者将 aud 设置为此租户的令牌终结点，或将该 aud 值列入 trusted_issuer 的 audiences。

## 88000404 JwtBearerNotWithinValidTimeRange
err-88000404-meaning = JWT 的 exp 已过，或其 nbf 或 iat 在未来，超出了允许的少量时钟偏差；或其有效期长于 Sigil 接受的上限（tokens.assertion_max_lifetime）。
err-88000404-causes = JWT 的保留时间超过了其有效期。颁发者与 Sigil 的时钟不一致。颁发者生成了长期有效的 JWT。
err-88000404-fix-user = 请重试；如果问题仍然存在，请联系应用程序的管理员。
err-88000404-fix-dev = 每次令牌请求都从颁发者获取新的 JWT；保持时钟同步；让颁发者生成有效期不超过 tokens.assertion_max_lifetime 的 JWT。

## 88000405 JwtBearerReplayed
err-88000405-meaning = JWT 持有者授权的 JWT 只接受一次：具有相同颁发者和 jti 的 JWT 之前已被兑换（RFC 7523 §3 第 7 项）。
err-88000405-causes = 应用程序两次发送了同一个 JWT（重试或缓存的 JWT），或 JWT 被截获并重放。
err-88000405-fix-user = 请重试。
err-88000405-fix-dev = 每次令牌请求都从颁发者获取新的 JWT（使用新的 jti）。

## 88000406 JwtBearerUserNotFound
err-88000406-meaning = 受信任颁发者用于标识用户的声明（user_claim，默认为 sub）按配置的 user_match（ID、用户名或电子邮件）未匹配到租户的任何用户。
err-88000406-causes = 该用户尚未在 Sigil 中创建，或颁发者的 user_claim 或 user_match 配置为另一种值。
err-88000406-fix-user = 请联系应用程序的管理员。
err-88000406-fix-dev = 在 Sigil 中创建该用户，或将 trusted_issuer 的 user_claim 和 user_match 设置为标识 Sigil 用户的声明和值。
## 88000480 AdminPreconditionFailed
err-88000480-meaning = 通过管理 API 的更改带有 If-Match 标头，但其中的 ETag 已不再对应该对象：在读取之后，其他人或程序更改了它。
err-88000480-causes = 两个操作员或工具同时编辑了同一对象。脚本重复使用了之前读取得到的 ETag。在读取和写入之间，目录的其他更改（例如计划的密钥轮换）已提交。
err-88000480-fix-user = 此页面不是为你准备的；请返回你正在使用的应用程序。
err-88000480-fix-dev = 重新 GET 该对象，把你的更改应用到其当前内容上，并在 If-Match 中携带新的 ETag 发送。

## 88000481 AdminForbidden
err-88000481-meaning = 管理令牌已被接受，但其角色不涵盖该操作：Sigil.Reader 令牌尝试进行更改，或某个租户的管理员访问了另一个租户或整个安装范围的资源。
err-88000481-causes = 客户端被授予了 Sigil.Reader 而不是 Sigil.Admin。令牌由被访问租户以外的租户颁发，且该租户不是安装的管理租户。
err-88000481-fix-user = 此页面不是为你准备的；请返回你正在使用的应用程序。
err-88000481-fix-dev = 在正确租户的 api://sigil-admin API 上授予客户端 Sigil.Admin 角色，或对整个安装范围的操作使用管理租户（server.admin_tenant）的令牌。

## 88000482 AdminInvalidObject
err-88000482-meaning = 发送到管理 API 的对象违反了预配规则。这些规则与 sigil import 和管理命令行所用的相同；响应列出了每个违反规则的字段。
err-88000482-causes = 缺少必填字段或拼写错误。重定向 URI 不是 https（或环回主机上的 http）。公共客户端设置了机密，或机密客户端没有机密。密码或机密太短。
err-88000482-fix-user = 此页面不是为你准备的；请返回你正在使用的应用程序。
err-88000482-fix-dev = 阅读响应中的 errors 列表：每一项都指明了字段和规则。docs/provisioning.md 描述了所有规则。

## 88000483 AdminNameTaken
err-88000483-meaning = 管理 API 拒绝创建或重命名对象，因为该名称已被占用：租户名称、客户端 ID、用户名和组名在其范围内唯一。
err-88000483-causes = 该对象之前已创建（重试的请求）。其他操作员或工具创建了同名对象。
err-88000483-fix-user = 此页面不是为你准备的；请返回你正在使用的应用程序。
err-88000483-fix-dev = 选择其他名称，或 GET 现有对象并使用 PATCH 更改它。

## 88000720 ConsoleSignInFailed
err-88000720-meaning = 管理控制台的登录回调无法完成：浏览器返回时没有携带控制台发起的那次登录（state 参数），或者 Sigil 拒绝了登录或代码。
err-88000720-causes = 登录耗时超过十分钟。登录期间 Cookie 被阻止或清除。回调地址是从另一个浏览器或书签打开的。帐户在登录页面被拒绝（代码见登录日志）。
err-88000720-fix-user = 重新打开控制台并登录；允许此网站使用 Cookie。
err-88000720-fix-dev = 在登录日志中查找该跟踪 ID：被拒绝的代码或登录都有自己的记录和原因。请确认 server.public_url 是操作员使用的地址，因为控制台的重定向 URI 由它生成。

## 88000721 ConsoleFormRejected
err-88000721-meaning = 一项更改被提交到控制台，但没有携带当前控制台会话的防伪令牌，因此未执行。
err-88000721-causes = 页面是在之前的控制台会话中打开的（在注销或重新登录之前）。另一个网站试图向控制台提交数据（跨站请求伪造）。
err-88000721-fix-user = 重新加载控制台页面，然后再次进行更改。
err-88000721-fix-dev = 控制台表单携带与密封会话 Cookie 绑定的令牌；自动化应使用带 bearer 令牌的管理 API，而不是控制台表单。

## 88000722 ConsoleNotConfigured
err-88000722-meaning = 管理控制台通过安装的管理租户为操作员登录，但尚未配置管理租户。
err-88000722-causes = server.admin_tenant 为空，或指向不存在的租户。
err-88000722-fix-user = 请联系此服务器的操作员启用管理控制台。
err-88000722-fix-dev = 将 server.admin_tenant（SIGIL_SERVER_ADMIN_TENANT）设为一个现有租户并重新启动：Sigil 会在其中创建 sigil-console 客户端和 api://sigil-admin API。直接或通过组为人员分配 Sigil.Admin 或 Sigil.Reader 角色。参见 docs/console.md。
## 88000500 RateLimited
err-88000500-meaning = 已达到速率限制：在时间窗口内（[rate_limits] window，默认 60 秒）一个应用程序对令牌端点的请求、一个用户名的登录尝试，或来自一个源地址或一个网络（默认 IPv4 为 /24，IPv6 为 /64）的请求过多。响应为 HTTP 429，Retry-After 标头给出到窗口结束的秒数（RFC 6585 第 4 节）。
err-88000500-causes = 应用程序每次调用都请求新令牌，而不是缓存到过期。脚本或负载测试。有人在猜测密码或客户端机密。许多用户位于同一代理之后，Sigil 看到的是代理的地址而不是他们的地址。
err-88000500-fix-user = 等待显示的秒数后重试。
err-88000500-fix-dev = 将令牌缓存到即将过期（MSAL 会这样做）。遵守 Retry-After。如果许多用户共用一个代理，请将其列入 server.trusted_proxies，使 Sigil 看到他们的真实地址；运维人员可以在 [rate_limits] 中提高限制（0 表示关闭某项限制）。

## 88000630 AccountCurrentPasswordWrong
err-88000630-meaning = 在账户页面上，为更改密码而输入的当前密码不是该用户的密码。Sigil 会像登录时一样检查它：智能锁定会计入错误的密码，因此在未关闭的会话中猜测当前密码，会像在登录页面猜测一样锁定账户。
err-88000630-causes = 输入错误或键盘布局不对。密码在此期间已被更改（用户在另一个浏览器中更改，或管理员重置）。有其他人在使用用户未注销的浏览器。
err-88000630-fix-user = 请重新输入当前密码。如果忘记了密码，请注销并使用组织的密码重置功能，或联系管理员。
err-88000630-fix-dev = 应用无需任何更改：账户页面属于 Sigil。在登录日志中（flow account），相同的跟踪 ID 会显示这次尝试；来自同一来源的多次尝试说明有浏览器未注销。

## 88000631 AccountNewPasswordRejected
err-88000631-meaning = 新密码不符合密码规则：少于 8 个字符，或与当前密码相同。
err-88000631-causes = 密码太短。把当前密码再次作为新密码输入。
err-88000631-fix-user = 请选择一个至少 8 个字符、且未在此使用过的新密码；由几个词组成的短语容易记住，也难以猜到。
err-88000631-fix-dev = 该规则与通过预配创建的用户相同（至少 8 个字符）。登录日志中的原因会指出违反的规则。

## 88000632 AccountPasswordConfirmationMismatch
err-88000632-meaning = 账户页面上的新密码与再次输入的密码不一致，Sigil 无法确定哪个才是本意，因此不做任何更改。
err-88000632-causes = 两个字段之一输入有误。密码管理器只填写了其中一个字段。
err-88000632-fix-user = 请在两个字段中重新输入新密码。
err-88000632-fix-dev = 无需更改：此检查可防止用户因密码输错而把自己锁在外面。

## 88000633 AccountSessionNotFound
err-88000633-meaning = 要注销的会话不是当前登录用户的任何有效会话。用户只能结束自己的会话；标识符会与其会话列表核对。
err-88000633-causes = 该会话已经结束：已过期，或已在其浏览器中或账户页面的另一个标签页中注销。表单被篡改，指向了其他用户的会话。
err-88000633-fix-user = 请刷新账户页面：列表中显示的是仍处于登录状态的会话。
err-88000633-fix-dev = 应用无需任何更改。指向其他用户会话的请求会被有意拒绝，并以此代码记录在登录日志中。

## 88000634 AccountConsentNotFound
err-88000634-meaning = 用户要撤销其访问权限的应用没有该用户的同意。用户只能撤销自己的同意。
err-88000634-causes = 同意已被撤销（在另一个标签页中，或由管理员撤销）。表单被篡改，指向了其他应用或其他用户的同意。
err-88000634-fix-user = 请刷新账户页面：列表中显示的是仍拥有你许可的应用。
err-88000634-fix-dev = 应用无需任何更改。撤销后，该应用为此用户持有的刷新令牌会被拒绝（invalid_grant），下次登录时会再次请求同意。

## 88000635 AccountRecentSignInRequired
err-88000635-meaning = 删除第二因素需要在最近十分钟内使用两个步骤（密码和验证码）登录，就像应用通过 max_age 和 acr_values 请求的那样（OpenID Connect Core 1.0 第 3.1.2.1 节）。此时账户页面会引导用户完成这样的登录并返回。
err-88000635-causes = 用户登录已超过十分钟，或登录时未完成第二步。
err-88000635-fix-user = 请使用密码和身份验证器应用中的验证码（或恢复代码）重新登录，然后再次进行更改。
err-88000635-fix-dev = 无需更改：新鲜度检查可防止未注销的浏览器删除用户的第二因素。

## 88000636 AccountTotpNotEnrolled
err-88000636-meaning = 用户请求删除身份验证器应用，但其并没有设置。
err-88000636-causes = 它已被删除，在另一个标签页中或由管理员删除（sigil user reset-factors）。
err-88000636-fix-user = 请刷新账户页面，查看你当前的登录方式。
err-88000636-fix-dev = 应用无需任何更改。

## 88000637 AccountTotpAlreadyEnrolled
err-88000637-meaning = 用户请求设置身份验证器应用，但已经设置了一个。Sigil 为每个用户只保留一个，以免有人在未注销的浏览器中悄悄添加另一个。
err-88000637-causes = 应用已在另一个标签页中设置。用户想换到新手机上。
err-88000637-fix-user = 要换到新手机，请先删除身份验证器应用（需要用验证码重新登录），然后在新手机上重新设置。
err-88000637-fix-dev = 应用无需任何更改。
## 88000700 ScimInvalidFilter
err-88000700-meaning = SCIM 列表请求的 filter 查询参数不是 RFC 7644 第 3.4.2.2 节定义的筛选器，或超过 8 KiB，或嵌套超过 32 层。响应是 scimType 为 invalidFilter 的 SCIM 错误。
err-88000700-causes = 运算符拼写错误（eq、ne、co、sw、ew、pr、gt、ge、lt、le），字符串值未加双引号，圆括号或方括号未闭合。
err-88000700-fix-user = 此页面不是为你准备的；请返回你正在使用的应用程序。
err-88000700-fix-dev = 字符串值请用双引号括起，例如 userName eq "alice"，并在 URL 中对筛选器进行百分号编码。docs/scim.md 列出了 Sigil 支持的内容。
## 88000701 ScimInvalidPath
err-88000701-meaning = SCIM PATCH 请求中的某个操作指定的路径不是 RFC 7644 第 3.5.2 节定义的属性路径，例如 name.givenName 或 emails[type eq "work"].value。
err-88000701-causes = 路径拼写错误，方括号未闭合，值筛选器后除一个子属性外还有其他文本，为没有子属性的属性指定了子属性。
err-88000701-fix-user = 此页面不是为你准备的；请返回你正在使用的应用程序。
err-88000701-fix-dev = 按 RFC 7644 第 3.5.2 节发送路径；GET /Schemas 列出了所有属性。
## 88000702 ScimNoTarget
err-88000702-meaning = SCIM PATCH 的 remove 操作没有路径，或其值筛选器与该属性的任何值都不匹配（RFC 7644 第 3.5.2.2 节）。未做任何更改。
err-88000702-causes = 该值之前已被删除（重试的请求）。筛选器指定了资源没有的值，或比较了错误的子属性。
err-88000702-fix-user = 此页面不是为你准备的；请返回你正在使用的应用程序。
err-88000702-fix-dev = 先用 GET 读取资源，再删除它持有的值；remove 操作需要路径。
## 88000703 ScimInvalidValue
err-88000703-meaning = SCIM 请求发送了类型错误或违反规则的值：没有 userName 的用户、不是布尔值的 active、不是本租户用户的成员、本应是对象的列表。
err-88000703-causes = 预配客户端中的映射发送了类型错误的属性。组成员在更新组之前已被删除。
err-88000703-fix-user = 此页面不是为你准备的；请返回你正在使用的应用程序。
err-88000703-fix-dev = 将请求体与 GET /Schemas 对照；错误的 detail 指明了属性。
## 88000704 ScimInvalidSyntax
err-88000704-meaning = SCIM 请求体不是 JSON 对象，或 PATCH 请求体没有 PatchOp 架构以及包含 add、remove 或 replace 的 Operations 列表（RFC 7644 第 3.5.2 节）。
err-88000704-causes = 客户端发送了普通的 JSON 合并文档而不是 PatchOp 消息，或使用了 add、remove、replace 以外的操作。
err-88000704-fix-user = 此页面不是为你准备的；请返回你正在使用的应用程序。
err-88000704-fix-dev = 在 schemas 中发送 urn:ietf:params:scim:api:messages:2.0:PatchOp，并在 Operations 中列出更改。
## 88000705 ScimMutability
err-88000705-meaning = SCIM PATCH 试图更改只读属性：id、meta 或用户的 groups（成员关系通过组的 members 更改）。
err-88000705-causes = 客户端修改用户的 groups 而不是组的 members，或发送了新的 id。
err-88000705-fix-user = 此页面不是为你准备的；请返回你正在使用的应用程序。
err-88000705-fix-dev = 通过对 /Groups/<id> 执行 PATCH（members）更改成员关系；切勿更改 id。
## 88000706 ScimTooMany
err-88000706-meaning = 该筛选器不是 Sigil 可通过索引回答的类型（userName、externalId、id 或 displayName eq，members.value eq），且租户中的资源数超过 Sigil 单次请求扫描的上限（10,000）。
err-88000706-causes = 预配客户端在大型租户中用宽泛的筛选器列出所有用户。或者 PATCH 请求包含超过 1,000 个操作。
err-88000706-fix-user = 此页面不是为你准备的；请返回你正在使用的应用程序。
err-88000706-fix-dev = 像 Entra 预配那样，按 userName、externalId 或 id 使用 eq 筛选。
## 88000620 UserCancelledSignIn
err-88000620-meaning = 用户在登录页面上选择返回应用程序而不是登录，因此应用程序收到 access_denied（RFC 6749 第 4.1.2.1 节），不会收到授权码。
err-88000620-causes = 用户现在不想登录、打开了错误的应用程序，或者不认识这个登录请求。
err-88000620-fix-user = 需要登录时，请从应用程序重新开始。
err-88000620-fix-dev = 将 access_denied 视为用户的选择：显示你自己的页面并提供重新登录的方式，不要自动重试。

## 88000621 TenantLogoNotFound
err-88000621-meaning = 请求了此租户的徽标地址，但该租户没有上传的徽标（它可能使用其他网站上的徽标，或者没有徽标）。
err-88000621-causes = 徽标已通过 sigil tenant branding 或导入文件删除或替换为链接，而某个页面或缓存仍指向旧地址。
err-88000621-fix-user = 无需任何操作：没有徽标，登录页面也能正常使用。
err-88000621-fix-dev = 使用 sigil tenant branding 名称 --logo-file 文件 上传徽标，或在导入文件的 [tenant.branding] 中设置 logo_file。
## 88000600 PasskeyChallengeUsed
err-88000600-meaning = 此应答所签名的 WebAuthn 质询已被使用。每个质询只接受一次（W3C WebAuthn §13.4.3），因此截获的应答无法再次发送。
err-88000600-causes = 表单被提交了两次。浏览器的后退按钮重新发送了旧页面。有人重放了截获的通行密钥应答。
err-88000600-fix-user = 返回应用并重新登录。
err-88000600-fix-dev = 应用无需更改。运维人员：登录日志记录了被重复使用的质询。

## 88000601 PasskeyOriginMismatch
err-88000601-meaning = 浏览器在应答中报告的来源（clientDataJSON.origin）不在依赖方允许的来源中：Sigil 的公开地址和 [passkeys] origins。
err-88000601-causes = Sigil 运行在代理之后，或使用与 server.public_url 不同的主机名，而 [passkeys] origins 未列出它。钓鱼页面转发了通行密钥应答。
err-88000601-fix-user = 请从应用重新打开登录页面，而不是使用书签或消息中的链接。
err-88000601-fix-dev = 将 server.public_url 设置为用户看到的地址，或在 [passkeys] origins 中列出额外的来源（docs/passkeys.md）。

## 88000602 PasskeyRpIdMismatch
err-88000602-meaning = 身份验证器为另一个依赖方 ID 签名：应答中的哈希（rpIdHash）不是 Sigil 依赖方 ID（[passkeys] rp_id，默认为 server.public_url 的主机）的 SHA-256。
err-88000602-causes = 注册通行密钥后更改了 [passkeys] rp_id。出示了其他网站的通行密钥。应答被篡改。
err-88000602-fix-user = 使用密码登录，然后在通行密钥页面重新添加通行密钥。
err-88000602-fix-dev = 保持 [passkeys] rp_id 不变：通行密钥与它绑定。更改后所有用户都必须重新注册。

## 88000603 PasskeyCounterRegressed
err-88000603-meaning = 通行密钥的签名计数器没有增加（W3C WebAuthn §6.1.1）：身份验证器可能已被克隆。Sigil 会标记该通行密钥，并从此拒绝它。
err-88000603-causes = 通行密钥私钥的副本在另一台设备上使用。身份验证器从旧备份中恢复。
err-88000603-fix-user = 在通行密钥页面删除被阻止的通行密钥并重新添加；如果你没有复制过它，请更改密码并告知管理员。
err-88000603-fix-dev = 应用无需更改。运维人员：登录日志记录了计数器值；请调查该账户。

## 88000604 PasskeyUnknown
err-88000604-meaning = 该用户没有任何通行密钥具有应答中的凭据 ID，或者其指向的用户在此租户中不存在。
err-88000604-causes = 通行密钥已被删除。通行密钥属于其他租户或网站。用户账户已被删除。
err-88000604-fix-user = 使用密码登录，然后在通行密钥页面添加通行密钥。
err-88000604-fix-dev = 应用无需更改。

## 88000605 PasskeyUserNotVerified
err-88000605-meaning = 要求进行用户验证，但身份验证器的应答没有 UV 标志（W3C WebAuthn §7.2 第 17 步）：没有人输入 PIN、指纹或面容。
err-88000605-causes = 没有 PIN 的安全密钥。只检查在场（触摸）的身份验证器。
err-88000605-fix-user = 在安全密钥上设置 PIN，或使用设备的屏幕锁，然后重试。
err-88000605-fix-dev = 应用无需更改：通行密钥要求用户验证。

## 88000606 PasskeyAssertionInvalid
err-88000606-meaning = 应答未通过来源、依赖方 ID、计数器和用户验证以外的某项 WebAuthn 检查：签名、类型或格式。
err-88000606-causes = 浏览器扩展修改了应答。请求被篡改或截断。身份验证器实现有缺陷。
err-88000606-fix-user = 请重试；如果仍然失败，请使用密码登录。
err-88000606-fix-dev = 运维人员：登录日志记录了库给出的原因。

## 88000607 PasskeyRegistrationFailed
err-88000607-meaning = 注册应答未通过 WebAuthn 检查（W3C WebAuthn §7.1），或该通行密钥已为该用户注册。
err-88000607-causes = 同一个身份验证器被添加了两次。仪式已过期（5 分钟）。来源或依赖方 ID 不匹配。
err-88000607-fix-user = 重新打开通行密钥页面，再次添加通行密钥。
err-88000607-fix-dev = 运维人员：登录日志记录了库给出的原因。
