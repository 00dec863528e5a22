# قيم الأخطاء القياسية التي يعيدها Sigil في الحقل error: عنوان قصير ومعنى القيمة وفق المواصفة التي تعرّفها.

## invalid_request
rfc-invalid-request-title = طلب غير صالح
rfc-invalid-request-meaning = الطلب غير سليم البنية. يستخدم RFC 6749 في القسمين 5.2 و4.1.2.1 هذه القيمة عند غياب معلمة مطلوبة، أو عند إرسال قيمة غير مدعومة لمعلمة، أو تكرار معلمة، أو استخدام أكثر من طريقة واحدة لمصادقة العميل، أو عندما يكون الطلب غير سليم البنية لأي سبب آخر. ويستخدم RFC 6750 في القسم 3.1 القيمة نفسها للطلب غير السليم الموجَّه إلى مورد محمي.

## invalid_client
rfc-invalid-client-title = عميل غير صالح
rfc-invalid-client-meaning = تعذّرت مصادقة العميل، على سبيل المثال لأنه غير معروف، أو لم يرسل بيانات اعتماد، أو استخدم طريقة مصادقة غير مدعومة. يعرّف RFC 6749 في القسم 5.2 هذه القيمة ويسمح للخادم بالرد برمز حالة HTTP 401. وإذا حاول العميل المصادقة عبر العنوان Authorization، فيجب على الخادم الرد بالرمز 401 مع العنوان WWW-Authenticate للمخطط نفسه.

## invalid_grant
rfc-invalid-grant-title = منح غير صالح
rfc-invalid-grant-meaning = لا يمكن استخدام منح التخويل أو رمز التحديث المميز. يتناول RFC 6749 في القسم 5.2 المنح، مثل رمز التخويل أو بيانات اعتماد كلمة مرور المستخدم، أو رمز التحديث المميز، إذا كان غير صالح أو منتهي الصلاحية أو مُبطَلًا، أو لا يطابق عنوان URI لإعادة التوجيه المستخدم في طلب التخويل، أو صدر لعميل آخر.

## unauthorized_client
rfc-unauthorized-client-title = عميل غير مخوَّل
rfc-unauthorized-client-meaning = العميل معروف، لكن غير مسموح له بتنفيذ ما طلبه. يستخدم RFC 6749 هذه القيمة في القسم 5.2 عندما لا يجوز لعميل تمت مصادقته استخدام نوع المنح المطلوب، وفي القسم 4.1.2.1 عندما لا يجوز لعميل الحصول على رمز تخويل بهذه الطريقة.

## unsupported_grant_type
rfc-unsupported-grant-type-title = نوع منح غير مدعوم
rfc-unsupported-grant-type-meaning = لا يدعم خادم التخويل نوع المنح المحدد في طلب الرمز المميز. يعرّف RFC 6749 في القسم 5.2 هذه القيمة، وهي تتعلق بالخادم ككل لا بعميل بعينه.

## invalid_scope
rfc-invalid-scope-title = نطاق غير صالح
rfc-invalid-scope-meaning = لا يمكن منح النطاق المطلوب. يستخدم RFC 6749 في القسمين 5.2 و4.1.2.1 هذه القيمة عندما يكون النطاق غير صالح أو غير معروف أو غير سليم البنية، أو يتجاوز ما منحه مالك المورد.

## server_error
rfc-server-error-title = خطأ في الخادم
rfc-server-error-meaning = واجه خادم التخويل حالة غير متوقعة منعته من إكمال الطلب. يعرّف RFC 6749 في القسم 4.1.2.1 هذه القيمة لاستجابات التخويل، حيث لا يمكن تمرير رمز الحالة HTTP 500 عبر إعادة التوجيه. ويعيدها Sigil أيضًا من نقطة نهاية الرمز المميز مع رمز حالة HTTP 500.

## temporarily_unavailable
rfc-temporarily-unavailable-title = غير متاح مؤقتًا
rfc-temporarily-unavailable-meaning = لا يستطيع خادم التخويل معالجة الطلب في الوقت الحالي، بسبب حمل زائد مؤقت أو أعمال صيانة. يعرّف RFC 6749 في القسم 4.1.2.1 هذه القيمة لاستجابات التخويل، حيث لا يمكن تمرير رمز الحالة HTTP 503 عبر إعادة التوجيه. ويعيدها Sigil أيضًا من نقطة نهاية الرمز المميز مع رمز حالة HTTP 503 والعنوان Retry-After.

## unsupported_response_type
rfc-unsupported-response-type-title = نوع استجابة غير مدعوم
rfc-unsupported-response-type-meaning = لا يدعم خادم التخويل إصدار نوع الاستجابة المطلوب. يستخدم RFC 6749 في القسم 4.1.2.1 هذه القيمة عندما لا يستطيع الخادم إعادة رمز تخويل، أو قيمة response_type المطلوبة، بالطريقة التي يطلبها الطلب.

## login_required
rfc-login-required-title = تسجيل الدخول مطلوب
rfc-login-required-meaning = يحتاج خادم التخويل إلى أن يسجّل المستخدم الدخول، لكن الطلب لم يسمح له بعرض صفحة تسجيل الدخول. يعرّف OpenID Connect Core في القسم 3.1.2.6 هذه القيمة، وتُعاد عادةً عند طلب prompt=none مع عدم وجود جلسة صالحة للاستخدام.

## consent_required
rfc-consent-required-title = الموافقة مطلوبة
rfc-consent-required-meaning = يحتاج خادم التخويل إلى موافقة المستخدم، لكن الطلب لم يسمح له بعرض صفحة الموافقة. يعرّف OpenID Connect Core في القسم 3.1.2.6 هذه القيمة، وتُعاد عادةً عند طلب prompt=none إذا لم يكن المستخدم قد وافق بعدُ على الوصول المطلوب.

## access_denied
rfc-access-denied-title = تم رفض الوصول
rfc-access-denied-meaning = رفض مالك المورد أو خادم التخويل الطلب. يعرّف RFC 6749 في القسم 4.1.2.1 هذه القيمة لاستجابات التخويل، على سبيل المثال عندما يرفض المستخدم منح الوصول المطلوب.

## invalid_token
rfc-invalid-token-title = رمز مميز غير صالح
rfc-invalid-token-meaning = لا يمكن قبول رمز الوصول المميز المقدَّم إلى مورد محمي لأنه منتهي الصلاحية أو مُبطَل أو غير سليم البنية أو غير صالح لسبب آخر. يعرّف RFC 6750 في القسم 3.1 هذه القيمة ويطلب رمز الحالة HTTP 401؛ ويمكن للعميل الحصول على رمز وصول مميز جديد وإعادة المحاولة.

## insufficient_scope
rfc-insufficient-scope-title = نطاق غير كافٍ
rfc-insufficient-scope-meaning = رمز الوصول المميز صالح، لكن الطلب يحتاج إلى امتيازات أوسع مما يحمله الرمز. يعرّف RFC 6750 في القسم 3.1 هذه القيمة ويطلب رمز الحالة HTTP 403؛ ويجوز أن تذكر الاستجابة النطاق اللازم للوصول إلى المورد.

## not_found
rfc-not-found-title = غير موجود
rfc-not-found-meaning = الصفحة أو نقطة النهاية المطلوبة غير موجودة. هذه القيمة غير معرَّفة في RFC 6749 ولا RFC 6750 ولا OpenID Connect؛ يستخدمها Sigil مع رمز الحالة HTTP 404 حتى تحافظ هذه الاستجابات على البنية القياسية للأخطاء.

## invalid_target
rfc-invalid-target-title = هدف غير صالح
rfc-invalid-target-meaning = المورد المطلوب غير صالح أو مفقود أو غير معروف، أو ليس موردًا يحق للعميل الحصول على رمز مميز له. يعرّف القسم 2 من RFC 8707 هذه القيمة للمعامل resource في نقطتي نهاية التفويض والرمز؛ ويمكن للخادم استخدامها أيضًا عندما لا يستطيع إصدار رمز مميز واحد لكل الموارد المطلوبة.
## authorization_pending
rfc-authorization-pending-title = التفويض قيد الانتظار
rfc-authorization-pending-meaning = لم يُكمل المستخدم تفويض الجهاز في صفحة التحقق بعد. يعرّف RFC 8628 في القسم 3.5 هذه القيمة؛ يواصل الجهاز الاستعلام وفق فترته.

## slow_down
rfc-slow-down-title = أبطئ
rfc-slow-down-meaning = يستعلم الجهاز من نقطة نهاية الرموز المميزة بكثرة. يعرّف RFC 8628 في القسم 3.5 هذه القيمة؛ يواصل الجهاز الاستعلام لكنه يضيف خمس ثوانٍ إلى فترته لهذا الطلب ولكل الطلبات اللاحقة.

## expired_token
rfc-expired-token-title = رمز منتهي الصلاحية
rfc-expired-token-meaning = انتهت صلاحية رمز الجهاز وانتهت جلسة تفويض الجهاز. يعرّف RFC 8628 في القسم 3.5 هذه القيمة؛ يمكن للعميل بدء طلب تفويض جهاز جديد.

rfc-invalid-redirect-uri-title = عنوان إعادة توجيه غير صالح
rfc-invalid-redirect-uri-meaning = قيمة عنوان أو أكثر من عناوين إعادة التوجيه في طلب تسجيل العميل غير صالحة. يعرّف القسم 3.2.2 من RFC 7591 هذه القيمة لنقطة نهاية التسجيل.
rfc-invalid-client-metadata-title = بيانات وصفية غير صالحة للعميل
rfc-invalid-client-metadata-meaning = قيمة أحد حقول البيانات الوصفية للعميل في طلب التسجيل أو التحديث غير صالحة، أو رفضها الخادم بموجب سياسته. يعرّف القسم 3.2.2 من RFC 7591 هذه القيمة لنقطة نهاية التسجيل.
## invalid_dpop_proof
rfc-invalid-dpop-proof-title = إثبات DPoP غير صالح
rfc-invalid-dpop-proof-meaning = إثبات DPoP في ترويسة DPoP مفقود حيث يكون مطلوبًا، أو مشوّه، أو غير موقَّع بمفتاحه، أو أُنشئ لطلب آخر، أو قديم جدًا، أو استُخدم من قبل. يعرّف RFC 9449 هذه القيمة في القسمين 5 و7.1 لنقطة نهاية الرموز وللموارد المحمية.

## use_dpop_nonce
rfc-use-dpop-nonce-title = استخدم nonce لـ DPoP
rfc-use-dpop-nonce-meaning = يتطلب الخادم قيمة nonce في إثباتات DPoP. يعرّف RFC 9449 هذه القيمة في القسمين 8 و9: تحمل الاستجابة قيمة nonce في ترويسة DPoP-Nonce، ويعيد العميل الطلب بإثبات يحتويها.

## invalid_request_uri
rfc-invalid-request-uri-title = معرّف URI للطلب غير صالح
rfc-invalid-request-uri-meaning = قيمة request_uri في طلب التفويض غير صالحة أو لم يعد من الممكن استخدامها. يعرّف RFC 9101 هذه القيمة في القسم 6.2، ويستخدمها RFC 9126 لطلب مدفوع غير معروف أو منتهي الصلاحية أو مستخدم من قبل.
rfc-invalid-request-object-title = كائن طلب غير صالح
rfc-invalid-request-object-meaning = يحمل المعامل request كائن طلب غير صالح: غير موقّع كما هو مطلوب، أو لا يمكن التحقق منه بمفاتيح العميل، أو بمطالبات لا تناسب الطلب. يعرّف RFC 9101 هذه القيمة في القسم 6.2.
rfc-request-uri-not-supported-title = request_uri غير مدعوم
rfc-request-uri-not-supported-meaning = لا يقبل خادم التفويض هذا النوع من request_uri. يسمّي RFC 9101 هذه القيمة في القسم 6.2؛ ولا يقبل Sigil إلا قيم request_uri الصادرة عن نقطة نهاية طلبات التفويض المدفوعة الخاصة به (RFC 9126).

## interaction_required
rfc-interaction-required-title = التفاعل مطلوب
rfc-interaction-required-meaning = يحتاج خادم التخويل إلى تفاعل المستخدم (هنا: التحقق من عامل ثانٍ أو إعداده)، لكن الطلب لم يسمح له بعرض صفحة. يعرّف OpenID Connect Core في القسم 3.1.2.6 هذه القيمة، وتُعاد عادةً عند طلب prompt=none.
rfc-precondition-failed-title = فشل الشرط المسبق
rfc-precondition-failed-meaning = تغيّر الكائن منذ أن قرأه المستدعي: لم تعد قيمة ETag في If-Match حالية (RFC 9110 §13.1.1، رمز حالة HTTP 412). هذه القيمة غير معرَّفة في RFC 6749 ولا RFC 6750 ولا OpenID Connect؛ تستخدمها واجهة برمجة الإدارة في Sigil.
rfc-conflict-title = تعارض
rfc-conflict-meaning = يوجد كائن بالاسم نفسه بالفعل (رمز حالة HTTP 409). هذه القيمة غير معرَّفة في RFC 6749 ولا RFC 6750 ولا OpenID Connect؛ تستخدمها واجهة برمجة الإدارة في Sigil.

## insufficient_user_authentication
rfc-insufficient-user-authentication-title = مصادقة المستخدم غير كافية
rfc-insufficient-user-authentication-meaning = رمز الوصول صالح، لكن مصادقة المستخدم الذي يقف خلفه لا تستوفي متطلبات المورد. يعرّف RFC 9470 في القسم 3 هذه القيمة ومعاملي التحدي acr_values وmax_age اللذين يبيّنان ما يجب أن يطلبه طلب التفويض الجديد.

## insufficient_claims
rfc-insufficient-claims-title = مطالبات غير كافية
rfc-insufficient-claims-meaning = رمز الوصول صالح، لكن مطالباته لا تستوفي سياسة المورد. يستخدم Microsoft Entra ID هذه القيمة في تحدي المطالبات، مع معامل claims يجب إرساله في طلب رمز جديد.
