# Valorile standard ale câmpului error returnate de Sigil, română: titlu scurt și semnificația din specificație.
# Aceste mesaje nu folosesc substituenți.

## invalid_request
rfc-invalid-request-title = Solicitare nevalidă
rfc-invalid-request-meaning = Solicitarea nu este formată corect. Secțiunile 5.2 și 4.1.2.1 din RFC 6749 folosesc această valoare atunci când lipsește un parametru obligatoriu, valoarea unui parametru nu este acceptată, un parametru este repetat, se folosesc mai multe metode de autentificare a clientului sau solicitarea este formată incorect în alt mod. Secțiunea 3.1 din RFC 6750 folosește aceeași valoare pentru o solicitare formată incorect către o resursă protejată.

## invalid_client
rfc-invalid-client-title = Client nevalid
rfc-invalid-client-meaning = Clientul nu a putut fi autentificat, de exemplu pentru că este necunoscut, nu a trimis acreditări sau a folosit o metodă de autentificare neacceptată. Secțiunea 5.2 din RFC 6749 definește această valoare și permite serverului să răspundă cu codul de stare HTTP 401. Dacă clientul a încercat să se autentifice prin antetul Authorization, serverul trebuie să răspundă cu 401 și cu un antet WWW-Authenticate pentru aceeași schemă.

## invalid_grant
rfc-invalid-grant-title = Acordare nevalidă
rfc-invalid-grant-meaning = Acordarea de autorizare sau tokenul de reîmprospătare nu poate fi utilizat. Secțiunea 5.2 din RFC 6749 se referă la o acordare, cum ar fi un cod de autorizare sau acreditările de tip parolă ale unui utilizator, ori la un token de reîmprospătare care nu este valid, a expirat sau a fost revocat, care nu corespunde URI-ului de redirecționare din solicitarea de autorizare sau care a fost emis pentru alt client.

## unauthorized_client
rfc-unauthorized-client-title = Client neautorizat
rfc-unauthorized-client-meaning = Clientul este cunoscut, dar nu are permisiunea să facă ceea ce a solicitat. Secțiunea 5.2 din RFC 6749 folosește această valoare când un client autentificat nu are voie să utilizeze tipul de acordare solicitat, iar secțiunea 4.1.2.1 când un client nu are voie să obțină un cod de autorizare în acest mod.

## unsupported_grant_type
rfc-unsupported-grant-type-title = Tip de acordare neacceptat
rfc-unsupported-grant-type-meaning = Serverul de autorizare nu acceptă tipul de acordare specificat în solicitarea de token. Secțiunea 5.2 din RFC 6749 definește această valoare; ea privește serverul în ansamblu, nu un anumit client.

## invalid_scope
rfc-invalid-scope-title = Domeniu nevalid
rfc-invalid-scope-meaning = Domeniul solicitat nu poate fi acordat. Secțiunile 5.2 și 4.1.2.1 din RFC 6749 folosesc această valoare când domeniul nu este valid, este necunoscut sau format incorect ori depășește ceea ce a acordat proprietarul resursei.

## server_error
rfc-server-error-title = Eroare de server
rfc-server-error-meaning = Serverul de autorizare a întâmpinat o situație neașteptată care l-a împiedicat să finalizeze solicitarea. Secțiunea 4.1.2.1 din RFC 6749 definește această valoare pentru răspunsurile de autorizare, în care codul de stare HTTP 500 nu poate fi transmis printr-o redirecționare. Sigil o returnează și de la punctul final de token, cu codul de stare HTTP 500.

## temporarily_unavailable
rfc-temporarily-unavailable-title = Indisponibil temporar
rfc-temporarily-unavailable-meaning = Serverul de autorizare nu poate procesa solicitarea în acest moment, deoarece este temporar supraîncărcat sau în mentenanță. Secțiunea 4.1.2.1 din RFC 6749 definește această valoare pentru răspunsurile de autorizare, în care codul de stare HTTP 503 nu poate fi transmis printr-o redirecționare. Sigil o returnează și de la punctul final de token, cu codul de stare HTTP 503 și un antet Retry-After.

## unsupported_response_type
rfc-unsupported-response-type-title = Tip de răspuns neacceptat
rfc-unsupported-response-type-meaning = Serverul de autorizare nu acceptă emiterea tipului de răspuns solicitat. Secțiunea 4.1.2.1 din RFC 6749 folosește această valoare când serverul nu poate returna un cod de autorizare sau valoarea response_type solicitată în modul cerut de solicitare.

## login_required
rfc-login-required-title = Este necesară conectarea
rfc-login-required-meaning = Serverul de autorizare are nevoie ca utilizatorul să se conecteze, dar solicitarea nu i-a permis să afișeze o pagină de conectare. Secțiunea 3.1.2.6 din OpenID Connect Core definește această valoare, returnată de obicei când s-a solicitat prompt=none și nu există nicio sesiune utilizabilă.

## consent_required
rfc-consent-required-title = Este necesar consimțământul
rfc-consent-required-meaning = Serverul de autorizare are nevoie de consimțământul utilizatorului, dar solicitarea nu i-a permis să afișeze o pagină de consimțământ. Secțiunea 3.1.2.6 din OpenID Connect Core definește această valoare, returnată de obicei când s-a solicitat prompt=none și utilizatorul nu a aprobat încă accesul solicitat.

## access_denied
rfc-access-denied-title = Acces refuzat
rfc-access-denied-meaning = Proprietarul resursei sau serverul de autorizare a refuzat solicitarea. Secțiunea 4.1.2.1 din RFC 6749 definește această valoare pentru răspunsurile de autorizare, de exemplu când utilizatorul refuză să acorde accesul solicitat.

## invalid_token
rfc-invalid-token-title = Token nevalid
rfc-invalid-token-meaning = Tokenul de acces prezentat unei resurse protejate nu poate fi acceptat, deoarece a expirat, a fost revocat, este format incorect sau nu este valid din alt motiv. Secțiunea 3.1 din RFC 6750 definește această valoare și cere codul de stare HTTP 401; clientul poate obține un nou token de acces și poate încerca din nou.

## insufficient_scope
rfc-insufficient-scope-title = Domeniu insuficient
rfc-insufficient-scope-meaning = Tokenul de acces este valid, dar solicitarea necesită privilegii mai largi decât cele conținute de token. Secțiunea 3.1 din RFC 6750 definește această valoare și cere codul de stare HTTP 403; răspunsul poate indica domeniul necesar pentru accesarea resursei.

## not_found
rfc-not-found-title = Nu a fost găsit
rfc-not-found-meaning = Pagina sau punctul final solicitat nu există. Această valoare nu este definită de RFC 6749, RFC 6750 sau OpenID Connect; Sigil o folosește cu codul de stare HTTP 404, pentru ca și astfel de răspunsuri să aibă forma standard a erorilor.

## invalid_target
rfc-invalid-target-title = Țintă invalidă
rfc-invalid-target-meaning = Resursa cerută este invalidă, lipsește, este necunoscută sau nu este una pentru care clientul poate obține un token. RFC 8707, secțiunea 2, definește această valoare pentru parametrul resource la punctele finale de autorizare și de token; serverul o poate folosi și atunci când nu poate emite un singur token pentru toate resursele cerute.
## authorization_pending
rfc-authorization-pending-title = Autorizare în așteptare
rfc-authorization-pending-meaning = Utilizatorul nu a finalizat încă autorizarea dispozitivului pe pagina de verificare. RFC 8628, secțiunea 3.5, definește această valoare; dispozitivul continuă interogarea la intervalul său.

## slow_down
rfc-slow-down-title = Încetiniți
rfc-slow-down-meaning = Dispozitivul interoghează endpointul de token prea des. RFC 8628, secțiunea 3.5, definește această valoare; dispozitivul continuă, dar adaugă 5 secunde la interval pentru această cerere și toate cele următoare.

## expired_token
rfc-expired-token-title = Token expirat
rfc-expired-token-meaning = Codul dispozitivului a expirat, iar sesiunea de autorizare a dispozitivului s-a încheiat. RFC 8628, secțiunea 3.5, definește această valoare; clientul poate începe o nouă cerere de autorizare a dispozitivului.

rfc-invalid-redirect-uri-title = URI de redirecționare invalid
rfc-invalid-redirect-uri-meaning = Valoarea unuia sau mai multor URI-uri de redirecționare dintr-o cerere de înregistrare a clientului este invalidă. RFC 7591, secțiunea 3.2.2, definește această valoare pentru punctul final de înregistrare.
rfc-invalid-client-metadata-title = Metadate de client invalide
rfc-invalid-client-metadata-meaning = Valoarea unuia dintre câmpurile de metadate ale clientului dintr-o cerere de înregistrare sau actualizare este invalidă sau serverul a respins-o prin politică. RFC 7591, secțiunea 3.2.2, definește această valoare pentru punctul final de înregistrare.
## invalid_dpop_proof
rfc-invalid-dpop-proof-title = Dovadă DPoP nevalidă
rfc-invalid-dpop-proof-meaning = Dovada DPoP din antetul DPoP lipsește acolo unde este obligatorie, este malformată, nu este semnată de cheia sa, a fost făcută pentru altă cerere, este prea veche sau a fost deja folosită. RFC 9449, secțiunile 5 și 7.1, definesc această valoare pentru endpointul de token și pentru resursele protejate.

## use_dpop_nonce
rfc-use-dpop-nonce-title = Folosiți nonce DPoP
rfc-use-dpop-nonce-meaning = Serverul cere un nonce în dovezile DPoP. RFC 9449, secțiunile 8 și 9, definesc această valoare: răspunsul conține nonce-ul în antetul DPoP-Nonce, iar clientul repetă cererea cu o dovadă care îl conține.

## invalid_request_uri
rfc-invalid-request-uri-title = URI de cerere nevalid
rfc-invalid-request-uri-meaning = request_uri al cererii de autorizare este nevalid sau nu mai poate fi folosit. RFC 9101, secțiunea 6.2, definește această valoare, iar RFC 9126 o folosește pentru o cerere trimisă care este necunoscută, expirată sau deja folosită.
rfc-invalid-request-object-title = Obiect de cerere nevalid
rfc-invalid-request-object-meaning = Parametrul request conține un obiect de cerere nevalid: nesemnat cum se cere, neverificabil cu cheile clientului sau cu revendicări care nu se potrivesc cererii. RFC 9101, secțiunea 6.2, definește această valoare.
rfc-request-uri-not-supported-title = request_uri neacceptat
rfc-request-uri-not-supported-meaning = Serverul de autorizare nu acceptă acest fel de request_uri. RFC 9101, secțiunea 6.2, numește această valoare; Sigil acceptă doar valori request_uri de la propriul endpoint de cereri de autorizare împinse (RFC 9126).

## interaction_required
rfc-interaction-required-title = Este necesară interacțiunea
rfc-interaction-required-meaning = Serverul de autorizare are nevoie ca utilizatorul să interacționeze (aici: să verifice sau să configureze un al doilea factor), dar solicitarea nu i-a permis să afișeze o pagină. Secțiunea 3.1.2.6 din OpenID Connect Core definește această valoare, returnată de obicei când s-a solicitat prompt=none.
rfc-precondition-failed-title = Precondiție eșuată
rfc-precondition-failed-meaning = Obiectul s-a modificat după ce apelantul l-a citit: ETag-ul din If-Match nu mai este cel curent (RFC 9110 §13.1.1, cod de stare HTTP 412). Această valoare nu este definită de RFC 6749, RFC 6750 sau OpenID Connect; o folosește API-ul de administrare Sigil.
rfc-conflict-title = Conflict
rfc-conflict-meaning = Există deja un obiect cu același nume (cod de stare HTTP 409). Această valoare nu este definită de RFC 6749, RFC 6750 sau OpenID Connect; o folosește API-ul de administrare Sigil.

## insufficient_user_authentication
rfc-insufficient-user-authentication-title = Autentificare insuficientă a utilizatorului
rfc-insufficient-user-authentication-meaning = Tokenul de acces este valid, dar autentificarea utilizatorului din spatele lui nu îndeplinește cerințele resursei. RFC 9470 secțiunea 3 definește această valoare și parametrii de provocare acr_values și max_age, care spun ce trebuie să ceară o nouă cerere de autorizare.

## insufficient_claims
rfc-insufficient-claims-title = Revendicări insuficiente
rfc-insufficient-claims-meaning = Tokenul de acces este valid, dar revendicările lui nu respectă politica resursei. Microsoft Entra ID folosește această valoare în provocarea de revendicări, cu un parametru claims de trimis într-o nouă cerere de token.
