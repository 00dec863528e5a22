# Standardne vrednosti polja error, slovenščina: kratek naslov in pomen po specifikaciji.

## invalid_request
rfc-invalid-request-title = Neveljavna zahteva
rfc-invalid-request-meaning = Zahteva ni pravilno oblikovana. Razdelka 5.2 in 4.1.2.1 dokumenta RFC 6749 to vrednost uporabljata, kadar manjka obvezen parameter, vrednost parametra ni podprta, je parameter ponovljen, je uporabljenih več načinov preverjanja pristnosti odjemalca ali je zahteva kako drugače nepravilno oblikovana. Razdelek 3.1 dokumenta RFC 6750 isto vrednost uporablja za nepravilno oblikovano zahtevo za zaščiten vir.

## invalid_client
rfc-invalid-client-title = Neveljaven odjemalec
rfc-invalid-client-meaning = Pristnosti odjemalca ni bilo mogoče preveriti, na primer ker je neznan, ni poslal poverilnic ali je uporabil nepodprt način preverjanja pristnosti. To vrednost določa razdelek 5.2 dokumenta RFC 6749, ki strežniku dovoljuje odgovor s kodo stanja HTTP 401. Če je odjemalec poskušal preveriti pristnost z glavo Authorization, mora strežnik odgovoriti s kodo 401 in glavo WWW-Authenticate za isto shemo.

## invalid_grant
rfc-invalid-grant-title = Neveljavna odobritev
rfc-invalid-grant-meaning = Avtorizacijske odobritve ali žetona za osveževanje ni mogoče uporabiti. Razdelek 5.2 dokumenta RFC 6749 zajema odobritev, kot je avtorizacijska koda ali poverilnice z geslom uporabnika, oziroma žeton za osveževanje, ki je neveljaven, potekel ali preklican, se ne ujema z URI-jem za preusmeritev iz avtorizacijske zahteve ali je bil izdan drugemu odjemalcu.

## unauthorized_client
rfc-unauthorized-client-title = Nepooblaščen odjemalec
rfc-unauthorized-client-meaning = Odjemalec je znan, vendar nima dovoljenja za to, kar je zahteval. Razdelek 5.2 dokumenta RFC 6749 to vrednost uporablja, kadar odjemalec s preverjeno pristnostjo ne sme uporabiti zahtevane vrste odobritve, razdelek 4.1.2.1 pa, kadar odjemalec na ta način ne sme pridobiti avtorizacijske kode.

## unsupported_grant_type
rfc-unsupported-grant-type-title = Nepodprta vrsta odobritve
rfc-unsupported-grant-type-meaning = Avtorizacijski strežnik ne podpira vrste odobritve, navedene v zahtevi za žeton. To vrednost določa razdelek 5.2 dokumenta RFC 6749; nanaša se na strežnik kot celoto in ne na posameznega odjemalca.

## invalid_scope
rfc-invalid-scope-title = Neveljaven obseg
rfc-invalid-scope-meaning = Zahtevanega obsega ni mogoče odobriti. Razdelka 5.2 in 4.1.2.1 dokumenta RFC 6749 to vrednost uporabljata, kadar je obseg neveljaven, neznan ali nepravilno oblikovan ali kadar presega tisto, kar je odobril lastnik vira.

## server_error
rfc-server-error-title = Napaka strežnika
rfc-server-error-meaning = Avtorizacijski strežnik je naletel na nepričakovano stanje, ki mu je preprečilo dokončanje zahteve. Razdelek 4.1.2.1 dokumenta RFC 6749 to vrednost določa za avtorizacijske odgovore, pri katerih kode stanja HTTP 500 ni mogoče vrniti prek preusmeritve. Sigil jo vrne tudi iz končne točke žetona, in sicer s kodo stanja HTTP 500.

## temporarily_unavailable
rfc-temporarily-unavailable-title = Začasno ni na voljo
rfc-temporarily-unavailable-meaning = Avtorizacijski strežnik trenutno ne more obdelati zahteve, ker je začasno preobremenjen ali poteka vzdrževanje. Razdelek 4.1.2.1 dokumenta RFC 6749 to vrednost določa za avtorizacijske odgovore, pri katerih kode stanja HTTP 503 ni mogoče vrniti prek preusmeritve. Sigil jo vrne tudi iz končne točke žetona, in sicer s kodo stanja HTTP 503 in glavo Retry-After.

## unsupported_response_type
rfc-unsupported-response-type-title = Nepodprta vrsta odgovora
rfc-unsupported-response-type-meaning = Avtorizacijski strežnik ne podpira izdajanja zahtevane vrste odgovora. Razdelek 4.1.2.1 dokumenta RFC 6749 to vrednost uporablja, kadar strežnik avtorizacijske kode ali zahtevane vrednosti response_type ne more vrniti na način, ki ga določa zahteva.

## login_required
rfc-login-required-title = Potreben je vpis
rfc-login-required-meaning = Avtorizacijski strežnik potrebuje vpis uporabnika, vendar mu zahteva ni dovolila prikazati strani za vpis. To vrednost določa razdelek 3.1.2.6 specifikacije OpenID Connect Core; običajno se vrne, kadar je bil zahtevan prompt=none in ni nobene uporabne seje.

## consent_required
rfc-consent-required-title = Potrebno je soglasje
rfc-consent-required-meaning = Avtorizacijski strežnik potrebuje soglasje uporabnika, vendar mu zahteva ni dovolila prikazati strani za soglasje. To vrednost določa razdelek 3.1.2.6 specifikacije OpenID Connect Core; običajno se vrne, kadar je bil zahtevan prompt=none in uporabnik zahtevanega dostopa še ni odobril.

## access_denied
rfc-access-denied-title = Dostop je zavrnjen
rfc-access-denied-meaning = Lastnik vira ali avtorizacijski strežnik je zavrnil zahtevo. Razdelek 4.1.2.1 dokumenta RFC 6749 to vrednost določa za avtorizacijske odgovore, na primer kadar uporabnik zavrne odobritev zahtevanega dostopa.

## invalid_token
rfc-invalid-token-title = Neveljaven žeton
rfc-invalid-token-meaning = Žetona za dostop, predloženega zaščitenemu viru, ni mogoče sprejeti, ker je potekel, preklican, nepravilno oblikovan ali iz drugega razloga neveljaven. To vrednost določa razdelek 3.1 dokumenta RFC 6750, ki zahteva kodo stanja HTTP 401; odjemalec lahko pridobi nov žeton za dostop in poskusi znova.

## insufficient_scope
rfc-insufficient-scope-title = Nezadosten obseg
rfc-insufficient-scope-meaning = Žeton za dostop je veljaven, vendar zahteva potrebuje širše pravice, kot jih vsebuje žeton. To vrednost določa razdelek 3.1 dokumenta RFC 6750, ki zahteva kodo stanja HTTP 403; odgovor lahko navede obseg, ki je potreben za dostop do vira.

## not_found
rfc-not-found-title = Ni najdeno
rfc-not-found-meaning = Zahtevana stran ali končna točka ne obstaja. Te vrednosti ne določajo RFC 6749, RFC 6750 ali OpenID Connect; Sigil jo uporablja s kodo stanja HTTP 404, da imajo tudi takšni odgovori standardno obliko napake.

## invalid_target
rfc-invalid-target-title = Neveljaven cilj
rfc-invalid-target-meaning = Zahtevani vir je neveljaven, manjka, ni znan ali pa zanj odjemalec ne sme dobiti žetona. RFC 8707, razdelek 2, to vrednost določa za parameter resource na končni točki za avtorizacijo in končni točki za žetone; strežnik jo lahko uporabi tudi, kadar ne more izdati enega žetona za vse zahtevane vire.
## authorization_pending
rfc-authorization-pending-title = Avtorizacija v teku
rfc-authorization-pending-meaning = Uporabnik avtorizacije naprave na strani za potrditev še ni dokončal. To vrednost določa RFC 8628, razdelek 3.5; naprava nadaljuje s poizvedovanjem v svojem intervalu.

## slow_down
rfc-slow-down-title = Upočasnite
rfc-slow-down-meaning = Naprava prepogosto poizveduje na končni točki za žetone. To vrednost določa RFC 8628, razdelek 3.5; naprava nadaljuje, vendar intervalu za to in vse nadaljnje zahteve prišteje 5 sekund.

## expired_token
rfc-expired-token-title = Potekel žeton
rfc-expired-token-meaning = Koda naprave je potekla in seja avtorizacije naprave je končana. To vrednost določa RFC 8628, razdelek 3.5; odjemalec lahko začne novo zahtevo za avtorizacijo naprave.

rfc-invalid-redirect-uri-title = Neveljaven URI za preusmeritev
rfc-invalid-redirect-uri-meaning = Vrednost enega ali več URI-jev za preusmeritev v zahtevi za registracijo odjemalca je neveljavna. RFC 7591, razdelek 3.2.2, to vrednost določa za končno točko za registracijo.
rfc-invalid-client-metadata-title = Neveljavni metapodatki odjemalca
rfc-invalid-client-metadata-meaning = Vrednost enega od polj metapodatkov odjemalca v zahtevi za registracijo ali posodobitev je neveljavna ali pa jo je strežnik zavrnil zaradi pravilnika. RFC 7591, razdelek 3.2.2, to vrednost določa za končno točko za registracijo.
## invalid_dpop_proof
rfc-invalid-dpop-proof-title = Neveljaven dokaz DPoP
rfc-invalid-dpop-proof-meaning = Dokaz DPoP v glavi DPoP manjka, kjer je obvezen, je napačno oblikovan, ni podpisan s svojim ključem, je ustvarjen za drugo zahtevo, je prestar ali je bil že uporabljen. Vrednost določata RFC 9449, razdelka 5 in 7.1, za končno točko za žetone in za zaščitene vire.

## use_dpop_nonce
rfc-use-dpop-nonce-title = Uporabite nonce DPoP
rfc-use-dpop-nonce-meaning = Strežnik zahteva nonce v dokazih DPoP. Vrednost določata RFC 9449, razdelka 8 in 9: odgovor vsebuje nonce v glavi DPoP-Nonce, odjemalec pa zahtevo ponovi z dokazom, ki ga vsebuje.

## invalid_request_uri
rfc-invalid-request-uri-title = Neveljaven URI zahteve
rfc-invalid-request-uri-meaning = request_uri avtorizacijske zahteve ni veljaven ali ga ni več mogoče uporabiti. Vrednost določa RFC 9101, razdelek 6.2, RFC 9126 pa jo uporablja za potisnjeno zahtevo, ki ni znana, je potekla ali je bila že uporabljena.
rfc-invalid-request-object-title = Neveljaven objekt zahteve
rfc-invalid-request-object-meaning = Parameter request vsebuje neveljaven objekt zahteve: ni podpisan, kot je zahtevano, ga ni mogoče preveriti s ključi odjemalca ali ima trditve, ki se ne ujemajo z zahtevo. Vrednost določa RFC 9101, razdelek 6.2.
rfc-request-uri-not-supported-title = request_uri ni podprt
rfc-request-uri-not-supported-meaning = Strežnik za avtorizacijo ne sprejema te vrste request_uri. Vrednost navaja RFC 9101, razdelek 6.2; Sigil sprejema le vrednosti request_uri s svoje končne točke potisnjenih zahtev (RFC 9126).

## interaction_required
rfc-interaction-required-title = Potrebna je interakcija
rfc-interaction-required-meaning = Avtorizacijski strežnik potrebuje dejanje uporabnika (tu: potrditev ali nastavitev drugega dejavnika), vendar mu zahteva ni dovolila prikazati strani. To vrednost določa razdelek 3.1.2.6 specifikacije OpenID Connect Core; običajno se vrne, kadar je bil zahtevan prompt=none.
rfc-precondition-failed-title = Predpogoj ni izpolnjen
rfc-precondition-failed-meaning = Predmet se je spremenil, odkar ga je klicatelj prebral: ETag v If-Match ni več veljaven (RFC 9110 §13.1.1, koda stanja HTTP 412). Te vrednosti ne določajo RFC 6749, RFC 6750 ali OpenID Connect; uporablja jo skrbniški API Sigil.
rfc-conflict-title = Spor
rfc-conflict-meaning = Predmet z enakim imenom že obstaja (koda stanja HTTP 409). Te vrednosti ne določajo RFC 6749, RFC 6750 ali OpenID Connect; uporablja jo skrbniški API Sigil.

## insufficient_user_authentication
rfc-insufficient-user-authentication-title = Nezadostno preverjanje pristnosti uporabnika
rfc-insufficient-user-authentication-meaning = Žeton za dostop je veljaven, vendar preverjanje pristnosti uporabnika za njim ne izpolnjuje zahtev vira. RFC 9470, razdelek 3, določa to vrednost ter parametra izziva acr_values in max_age, ki povesta, kaj mora zahtevati nova zahteva za avtorizacijo.

## insufficient_claims
rfc-insufficient-claims-title = Nezadostne trditve
rfc-insufficient-claims-meaning = Žeton za dostop je veljaven, vendar njegove trditve ne izpolnjujejo pravilnika vira. Microsoft Entra ID to vrednost uporablja v izzivu trditev, s parametrom claims, ki ga je treba poslati v novi zahtevi za žeton.
