# Catalogul de erori Sigil, română: ajutor pentru depanare. Pentru fiecare cod: meaning (ce s-a întâmplat),
# causes (cauze frecvente), fix-user (pentru persoana care se conectează), fix-dev (pentru dezvoltator sau operator).
# Aceste mesaje nu folosesc substituenți.

## 50000 TokenIssuanceError
err-50000-meaning = Sigil a întâmpinat o problemă internă neașteptată în timpul procesării solicitării, așa că nu a fost emis niciun token. Este posibil ca solicitarea în sine să fi fost perfect validă.
err-50000-causes = O operație asupra depozitului de date a eșuat într-un mod care nu ține de o simplă întrerupere, de exemplu un conflict sau o înregistrare care nu poate fi citită. O cheie de semnare nu a putut fi utilizată sau o valoare sigilată cu cheia principală nu a putut fi deschisă. Tot aici poate ajunge și un defect din Sigil.
err-50000-fix-user = Așteptați puțin și încercați din nou. Dacă problema persistă, contactați echipa de asistență a aplicației și comunicați-i ora încercării și orice ID de urmărire afișat.
err-50000-fix-dev = Rulați sigil logs --trace-id <id> cu ID-ul de urmărire din răspuns pentru a vedea motivul intern înregistrat în jurnalul de conectare și verificați depozitul de date și jurnalul serverului din acel interval. Un cod de autorizare consumat înainte de eroare nu mai poate fi valorificat, așa că începeți o nouă solicitare de autorizare în loc să reîncercați cu același cod.

## 90033 TransientStoreError
err-90033-meaning = Sigil nu a putut accesa depozitul de date în acest moment, așa că nu a putut finaliza solicitarea. Situația ar trebui să fie de scurtă durată, iar răspunsul indică în antetul Retry-After când se poate încerca din nou.
err-90033-causes = Baza de date repornește, nu poate fi accesată sau este supraîncărcată. Toate conexiunile din pool erau ocupate, iar timpul de așteptare pentru o conexiune liberă a expirat. O problemă de rețea separă Sigil de depozitul de date.
err-90033-fix-user = Așteptați câteva secunde și încercați din nou.
err-90033-fix-dev = Respectați antetul Retry-After și reîncercați cu intervale de așteptare crescătoare, în loc să eșuați imediat. Operatorii trebuie să verifice disponibilitatea depozitului de date și limitele de conexiuni și să ruleze sigil logs --trace-id <id> pentru a vedea eroarea exactă a depozitului.

## 90002 TenantNotFound
err-90002-meaning = Locatarul specificat în URL-ul solicitării nu există în această implementare Sigil. Fără el, Sigil nu știe ce aplicații, utilizatori și chei să folosească.
err-90002-causes = Numele sau ID-ul locatarului din cale este scris greșit sau aparține altui mediu. Locatarul a fost eliminat sau nu a fost încă provizionat. Aplicația a fost configurată cu un URL de autoritate dintr-o altă implementare.
err-90002-fix-user = Contactați echipa de asistență a aplicației; este o problemă de configurare pe care nu o puteți remedia dumneavoastră.
err-90002-fix-dev = Comparați segmentul de locatar din URL-ul autorității sau al punctului final cu locatarii din fișierul de provizionare; Sigil acceptă numele locatarului, indiferent de majuscule și minuscule, sau ID-ul acestuia. Preluați URL-urile punctelor finale din documentul de descoperire al locatarului, în loc să le construiți manual.

## 900144 MissingParameter
err-900144-meaning = Un parametru pe care această solicitare trebuie să îl includă nu a fost trimis. Un parametru trimis cu valoare goală este considerat netrimis.
err-900144-causes = Aplicația a omis un parametru obligatoriu, cum ar fi grant_type, client_id, code, redirect_uri, code_verifier, refresh_token, username, password sau scope. Un parametru a fost trimis cu valoare goală, de exemplu pentru că o setare de configurare era necompletată. O opțiune a bibliotecii care adaugă parametrul a fost dezactivată, de exemplu PKCE într-un client public, așa că nu s-a trimis code_verifier.
err-900144-fix-user = Încercați din nou. Dacă eșuează în același mod, contactați echipa de asistență a aplicației.
err-900144-fix-dev = Câmpul error_description indică parametrul lipsă: trimiteți-l cu o valoare nevidă. Solicitările prin fluxul acreditărilor clientului trebuie să includă un scope care numește un singur API, de exemplu api://reports/.default, iar clienții publici trebuie să trimită code_verifier la valorificarea unui cod.

## 9002313 MalformedRequest
err-9002313-meaning = Sigil nu a putut procesa solicitarea, deoarece ceva din structura ei este greșit. Câmpul error_description indică problema găsită.
err-9002313-causes = Valoarea client_id din corpul formularului diferă de cea din antetul Authorization. Valoarea unui parametru nu are formatul cerut de acel parametru. Corpul solicitării a fost trunchiat sau codificat incorect.
err-9002313-fix-user = Încercați din nou. Dacă eșuează în același mod, contactați echipa de asistență a aplicației.
err-9002313-fix-dev = Citiți motivul din error_description sau rulați sigil logs --trace-id <id> pentru a-l vedea. Cu client_secret_basic, fie omiteți client_id din corp, fie trimiteți exact aceeași valoare ca în antet.

## 88000001 UnsupportedContentType
err-88000001-meaning = Punctul final de token a primit un corp de solicitare într-un format pe care nu îl citește. Acceptă numai corpuri application/x-www-form-urlencoded, așa cum cere OAuth 2.0.
err-88000001-causes = Aplicația a trimis JSON la punctul final de token. A trimis multipart/form-data sau niciun antet Content-Type. Un client HTTP sau un proxy a modificat antetul Content-Type pe parcurs.
err-88000001-fix-user = Contactați echipa de asistență a aplicației; aplicația trebuie corectată.
err-88000001-fix-dev = Trimiteți solicitările de token prin POST cu Content-Type application/x-www-form-urlencoded și codificați URL fiecare parametru din corp. Bibliotecile OAuth fac deja acest lucru; problema provine de obicei din apeluri HTTP scrise manual.

## 88000002 DuplicateParameter
err-88000002-meaning = Solicitarea a conținut același parametru de mai multe ori. OAuth 2.0 interzice acest lucru, deoarece Sigil nu poate ști care dintre valori era cea intenționată.
err-88000002-causes = Atât codul aplicației, cât și biblioteca OAuth a acesteia au adăugat același parametru, cum ar fi client_id sau scope. Mai multe domenii au fost trimise ca parametri scope separați, în loc de o singură listă. Un URL a fost construit prin adăugarea de parametri la unul care îi conținea deja.
err-88000002-fix-user = Încercați din nou. Dacă eșuează în același mod, contactați echipa de asistență a aplicației.
err-88000002-fix-dev = Trimiteți fiecare parametru exact o dată; error_description indică parametrul repetat. Puneți toate domeniile într-un singur parametru scope, separate prin spații.

## 88000003 MultipleClientAuthentication
err-88000003-meaning = Aplicația s-a identificat prin mai multe metode de autentificare în aceeași solicitare. OAuth 2.0 permite exact o metodă pentru fiecare solicitare.
err-88000003-causes = Aplicația a trimis un antet Authorization Basic și a pus și client_secret în corp. A trimis un client_assertion împreună cu un secret. O bibliotecă a fost configurată pentru o metodă, iar codul adaugă în plus acreditări manual.
err-88000003-fix-user = Contactați echipa de asistență a aplicației; aplicația trebuie corectată.
err-88000003-fix-dev = Alegeți o singură metodă dintre auth_methods înregistrate pentru client: client_secret_basic, cu acreditările numai în antetul Authorization, sau client_secret_post, cu client_id și client_secret numai în corp. Eliminați celelalte acreditări din solicitare.

## 88000004 UnsupportedParameterValue
err-88000004-meaning = Un parametru era prezent, dar Sigil nu acceptă valoarea pe care o conținea. Câmpul error_description indică parametrul și valoarea.
err-88000004-causes = Parametrul code_challenge_method avea valoarea plain sau lipsea, astfel încât s-a presupus plain, iar locatarul nu acceptă plain. Valoarea aparține unei funcționalități de protocol pe care Sigil nu o implementează. Valoarea conține o greșeală de tastare sau folosește greșit majusculele și minusculele.
err-88000004-fix-user = Contactați echipa de asistență a aplicației; aplicația trebuie corectată.
err-88000004-fix-dev = Trimiteți o valoare acceptată de Sigil pentru parametrul indicat. Pentru PKCE, trimiteți întotdeauna code_challenge_method=S256 împreună cu code_challenge.

## 9002325 PkceRequired
err-9002325-meaning = Această aplicație trebuie să folosească Proof Key for Code Exchange (PKCE) cu metoda S256, iar solicitarea nu a făcut acest lucru. Fără PKCE, un cod de autorizare interceptat ar putea fi valorificat de altcineva.
err-9002325-causes = Un client public, cum ar fi o aplicație mobilă, desktop sau cu o singură pagină, a început conectarea fără code_challenge. Codul valorificat a fost emis fără code_challenge, iar clienții publici nu pot valorifica astfel de coduri. PKCE este dezactivat în biblioteca OAuth a aplicației.
err-9002325-fix-user = Contactați echipa de asistență a aplicației; aplicația trebuie corectată.
err-9002325-fix-dev = Pentru fiecare solicitare de autorizare, generați un code_verifier aleatoriu de 43 până la 128 de caractere, trimiteți hash-ul său SHA-256 codificat base64url ca code_challenge, cu code_challenge_method=S256, și trimiteți același code_verifier la valorificarea codului. Sigil cere acest lucru tuturor clienților publici.

## 700016 UnauthorizedClientApplicationNotFound
err-700016-meaning = În acest locatar nu este înregistrată nicio aplicație cu valoarea client_id specificată, așa că Sigil nu poate determina ce aplicație face solicitarea.
err-700016-causes = Valoarea client_id este scrisă greșit sau a fost copiată din alt mediu. Solicitarea folosește un locatar greșit în URL. Aplicația a fost eliminată sau nu a fost niciodată provizionată în acest locatar.
err-700016-fix-user = Contactați echipa de asistență a aplicației; aplicația nu este configurată corect pentru acest serviciu de conectare.
err-700016-fix-dev = Comparați valoarea client_id trimisă, în corp sau în antetul Authorization, cu clienții din fișierul de provizionare al locatarului. Verificați dacă segmentul de locatar din URL corespunde locatarului în care este înregistrat clientul.

## 7000215 InvalidClientSecret
err-7000215-meaning = Secretul clientului trimis de aplicație nu corespunde niciunui secret înregistrat pentru aceasta, așa că aplicația nu a putut fi autentificată.
err-7000215-causes = Secretul a fost tastat greșit, trunchiat sau copiat cu spații în plus. Aplicația folosește un secret care a fost eliminat sau unul care aparține altui client ori altui mediu. Cu client_secret_basic, caracterele speciale din secret nu au fost codificate form-urlencoded înainte de pasul Base64, așa cum cere RFC 6749.
err-7000215-fix-user = Contactați echipa de asistență a aplicației; problema ține de acreditările aplicației, nu de ale dumneavoastră.
err-7000215-fix-dev = Sigil păstrează doar un hash cu cheie al fiecărui secret și nu îl mai poate afișa, așa că, dacă valoarea corectă s-a pierdut, creați una nouă cu sigil client secret add și implementați-o. Pentru client_secret_basic, codificați form-urlencoded valoarea client_id și secretul înainte de a le uni prin două puncte și de a codifica rezultatul în Base64.

## 7000222 ExpiredClientSecret
err-7000222-meaning = Aplicația a trimis unul dintre secretele sale înregistrate, dar acesta a depășit data de expirare și nu mai este acceptat.
err-7000222-causes = Secretul a ajuns la data de expirare și nu a fost implementat niciun înlocuitor. A fost creat un secret nou, dar o instanță a aplicației îl folosește încă pe cel vechi.
err-7000222-fix-user = Contactați echipa de asistență a aplicației; acreditările aplicației trebuie reînnoite.
err-7000222-fix-dev = Creați un secret nou cu sigil client secret add, implementați-l în fiecare instanță a aplicației, apoi eliminați-l pe cel expirat. Comanda sigil logs --trace-id <id> arată ce secret a expirat și când; planificați următoarea rotire înainte de acea dată.

## 7000218 MissingClientCredentials
err-7000218-meaning = Aplicația este înregistrată ca aplicație confidențială, deci trebuie să își dovedească identitatea cu un secret al clientului, dar solicitarea conținea doar client_id.
err-7000218-causes = Secretul nu este configurat în aplicație sau setarea este goală. O aplicație confidențială rulează cod scris pentru clienți publici. Un proxy a eliminat antetul Authorization.
err-7000218-fix-user = Contactați echipa de asistență a aplicației; aplicația trebuie corectată.
err-7000218-fix-dev = Trimiteți secretul prin una dintre auth_methods înregistrate pentru client: un antet Authorization Basic sau client_secret în corpul formularului. Dacă aplicația rulează pe dispozitivul utilizatorului și nu poate păstra un secret, înregistrați-o ca client public cu auth_methods none și folosiți PKCE.

## 700025 PublicClientSentSecret
err-700025-meaning = Aplicația este înregistrată ca client public, adică un client care nu poate păstra un secret, și totuși a prezentat un secret al clientului. Sigil refuză solicitarea în loc să ignore secretul.
err-700025-causes = Un secret este inclus într-o aplicație mobilă, desktop sau de browser înregistrată ca publică. Înregistrarea a fost schimbată în client public, dar aplicația trimite în continuare vechiul secret. O aplicație de pe server folosește valoarea client_id a unui client public.
err-700025-fix-user = Contactați echipa de asistență a aplicației; aplicația trebuie corectată.
err-700025-fix-dev = Pentru o aplicație care rulează pe dispozitivul utilizatorului, nu trimiteți nici antet Authorization Basic, nici client_secret; identificați-o prin client_id și protejați codul cu PKCE. Dacă aplicația este un server care poate păstra un secret, înregistrați-o ca aplicație confidențială, cu client_secret_basic sau client_secret_post în auth_methods.

## 88000005 ClientAuthMethodNotAllowed
err-88000005-meaning = Aplicația s-a autentificat într-un mod pe care înregistrarea ei nu îl permite sau pe care Sigil nu îl acceptă. Câmpul error_description indică metoda folosită.
err-88000005-causes = Aplicația a trimis secretul în corp (client_secret_post), dar este înregistrată numai pentru antetul Authorization (client_secret_basic), sau invers. A trimis un client_assertion (private_key_jwt), pe care Sigil nu îl acceptă. Un client public ale cărui auth_methods nu includ none a trimis doar client_id.
err-88000005-fix-user = Contactați echipa de asistență a aplicației; aplicația trebuie corectată.
err-88000005-fix-dev = Configurați aplicația să folosească o metodă listată în auth_methods ale clientului sau adăugați metoda pe care o folosește la auth_methods în fișierul de provizionare. Folosiți un secret al clientului în loc de client_assertion.

## 88000006 MalformedClientCredentials
err-88000006-meaning = Solicitarea avea un antet Authorization cu schema Basic, dar Sigil nu a putut citi din el un client_id și un secret.
err-88000006-causes = Valoarea de după Basic nu este Base64 valid. Textul decodificat nu este UTF-8, nu conține două puncte sau are un client_id gol. Caracterele din client_id sau din secret nu sunt codificate corect form-urlencoded.
err-88000006-fix-user = Contactați echipa de asistență a aplicației; aplicația trebuie corectată.
err-88000006-fix-dev = Construiți antetul astfel: Basic, un spațiu, apoi codificarea Base64 a valorii client_id, a caracterului două puncte și a secretului, fiecare codificat mai întâi form-urlencoded (RFC 6749, secțiunea 2.3.1). Comanda sigil logs --trace-id <id> arată ce verificare a eșuat.

## 70000 InvalidGrant
err-70000-meaning = Codul de autorizare sau tokenul de reîmprospătare trimis la punctul final de token nu este recunoscut de Sigil. Sigil stochează doar hash-uri ale acestor valori, deci nu poate spune decât că valoarea este necunoscută.
err-70000-causes = Codul sau tokenul a fost trunchiat, modificat, codificat de două ori sau confundat cu o altă valoare. A fost emis de alt locatar sau de altă implementare Sigil. Aplicația a trimis un token de acces sau un token ID acolo unde se aștepta un token de reîmprospătare.
err-70000-fix-user = Conectați-vă din nou.
err-70000-fix-dev = Transmiteți codul și tokenul de reîmprospătare exact așa cum au fost primite: decodificați codul din redirecționare o singură dată și codificați-l o singură dată în corpul formularului. Asigurați-vă că solicitarea de token ajunge la locatarul și la implementarea care au emis valoarea.

## 70008 ExpiredOrInactiveGrant
err-70008-meaning = Codul de autorizare sau tokenul de reîmprospătare a fost recunoscut, dar este prea vechi pentru a fi utilizat. Codurile de autorizare expiră la 60 de secunde după emitere, iar un token de reîmprospătare nu mai funcționează dacă rămâne neutilizat prea mult timp.
err-70008-causes = Aplicația a așteptat prea mult între primirea codului și valorificarea lui, de exemplu din cauza unui back-end lent sau a unui depanator pus pe pauză. Un token de reîmprospătare a rămas neutilizat peste limita de inactivitate, de exemplu pentru că utilizatorul nu a deschis aplicația timp de câteva săptămâni.
err-70008-fix-user = Conectați-vă din nou.
err-70008-fix-dev = Valorificați codurile de autorizare imediat ce sosește redirecționarea. Limita de inactivitate a tokenului de reîmprospătare este dată de setarea refresh_token_inactivity (implicit 14 zile) sau de lifetimes.refresh_inactivity a clientului; când este atinsă, începeți o nouă conectare interactivă.

## 54005 AuthorizationCodeAlreadyRedeemed
err-54005-meaning = Codul de autorizare fusese deja utilizat. Un cod funcționează o singură dată și, deoarece o a doua utilizare poate însemna că acesta a fost furat, Sigil a revocat și toate tokenurile emise pe baza lui.
err-54005-causes = Aplicația a reîncercat solicitarea de token după expirarea timpului de așteptare, deși prima încercare ajunsese deja la Sigil. Pagina de redirecționare a fost încărcată de două ori, de exemplu printr-o reîmprospătare a browserului sau o preîncărcare, și fiecare încărcare a valorificat codul. O valorificare anterioară a eșuat, de exemplu din cauza redirect_uri sau a code_verifier, și s-a încercat din nou cu același cod, dar prima încercare îl consumase deja.
err-54005-fix-user = Conectați-vă din nou.
err-54005-fix-dev = Valorificați fiecare cod exact o dată și nu reîncercați niciodată cu același cod; după orice eșec, începeți o nouă solicitare de autorizare. Tokenurile din prima valorificare sunt acum revocate, așa că renunțați la orice sesiune construită pe baza lor.

## 88000007 GrantIssuedToAnotherClient
err-88000007-meaning = Codul de autorizare sau tokenul de reîmprospătare aparține altei aplicații sau altui locatar decât cel care l-a prezentat. Un cod sau un token poate fi folosit numai de clientul pentru care a fost emis.
err-88000007-causes = Două aplicații partajează un cache de tokenuri sau o configurație, iar una a folosit tokenul de reîmprospătare al celeilalte. Codul a fost valorificat cu un client_id diferit de cel din solicitarea de autorizare. Solicitarea a ajuns la alt locatar decât cel care a emis codul sau tokenul.
err-88000007-fix-user = Conectați-vă din nou. Dacă problema reapare, contactați echipa de asistență a aplicației.
err-88000007-fix-dev = Folosiți același client_id și același locatar pentru solicitarea de autorizare, pentru valorificarea codului și pentru fiecare reîmprospătare și păstrați cache-uri de tokenuri separate pentru fiecare client. Comanda sigil logs --trace-id <id> arată clientul pentru care a fost emis codul sau tokenul.

## 501481 CodeVerifierMismatch
err-501481-meaning = Valoarea code_verifier trimisă împreună cu codul de autorizare nu corespunde valorii code_challenge din solicitarea de autorizare, așa că Sigil nu poate fi sigur că apelantul este aplicația care a început conectarea.
err-501481-causes = Aplicația a pierdut sau a suprascris verificatorul între cei doi pași, de exemplu când două conectări au rulat simultan în file diferite. Valoarea code_challenge a fost calculată greșit, de exemplu cu Base64 standard și completare (padding), în loc de base64url fără completare. S-a trimis un code_verifier pentru un cod emis fără code_challenge sau verificatorul nu are între 43 și 128 de caractere permise.
err-501481-fix-user = Conectați-vă din nou, folosind o singură filă sau fereastră de browser.
err-501481-fix-dev = Păstrați code_verifier împreună cu starea (state) fiecărei solicitări de autorizare și trimiteți aceeași valoare la valorificare; code_challenge trebuie să fie codificarea base64url, fără completare, a hash-ului SHA-256 al verificatorului. Această încercare a consumat codul, așa că începeți o nouă solicitare de autorizare.

## 88000008 RedirectUriDoesNotMatchCode
err-88000008-meaning = Valoarea redirect_uri trimisă la valorificarea codului nu este identică cu cea folosită în solicitarea de autorizare. OAuth 2.0 cere ca cele două să corespundă exact.
err-88000008-causes = Cei doi pași scriu URI-ul diferit, de exemplu cu și fără bară oblică finală, cu alte majuscule și minuscule sau cu alt port. Aplicația are mai multe URI-uri de redirecționare înregistrate și trimite unul diferit la punctul final de token. Un proxy sau un echilibrator de încărcare modifică schema sau gazda pe care aplicația le folosește pentru a construi URI-ul.
err-88000008-fix-user = Conectați-vă din nou. Dacă eșuează în același mod, contactați echipa de asistență a aplicației.
err-88000008-fix-dev = Trimiteți exact același șir redirect_uri, caracter cu caracter, în solicitarea de autorizare și în solicitarea de token. Această încercare a consumat codul, așa că, după remediere, începeți o nouă solicitare de autorizare.

## 88000009 RefreshTokenReused
err-88000009-meaning = Un token de reîmprospătare care fusese deja schimbat a fost prezentat din nou după expirarea scurtului interval de reîncercare. Deoarece acest lucru poate însemna că tokenul a fost furat, Sigil a revocat întreaga acordare, așa că niciun token de reîmprospătare provenit din acea conectare nu mai funcționează.
err-88000009-causes = Aplicația nu a salvat noul token de reîmprospătare returnat de o reîmprospătare și a continuat să îl folosească pe cel vechi. Două procese, fire de execuție sau file partajează un token de reîmprospătare și l-au reîmprospătat la peste 10 secunde distanță unul de altul. O copie a tokenului de reîmprospătare a fost furată și folosită de altcineva.
err-88000009-fix-user = Conectați-vă din nou.
err-88000009-fix-dev = Fiecare reîmprospătare returnează un nou token de reîmprospătare: stocați-l în mod fiabil și nu îl mai folosiți pe cel vechi. O reîncercare a aceleiași reîmprospătări în decurs de 10 secunde primește același succesor, dar orice reutilizare ulterioară revocă acordarea, așa că serializați reîmprospătările între firele de execuție, procese și file.

## 50173 GrantRevoked
err-50173-meaning = Acordarea căreia îi aparține acest token de reîmprospătare a fost revocată, așa că Sigil nu va mai emite tokenuri pe baza ei.
err-50173-causes = Un administrator a revocat acordarea. Sigil a revocat-o automat după ce a detectat reutilizarea unui token de reîmprospătare sau o a doua valorificare a codului de autorizare. O altă solicitare a revocat acordarea în timp ce această reîmprospătare era în curs.
err-50173-fix-user = Conectați-vă din nou.
err-50173-fix-dev = Tratați această eroare ca definitivă: renunțați la tokenurile stocate și începeți o conectare interactivă. Dacă se întâmplă des, căutați în jurnalul de conectare intrări anterioare 88000009 sau 54005 pentru același client, care indică o eroare în gestionarea tokenurilor.

## 88000010 RefreshTokenMaxLifetimeExceeded
err-88000010-meaning = Conectarea din care provine acest token de reîmprospătare a atins durata maximă de viață. Rotirea tokenului de reîmprospătare nu prelungește o acordare dincolo de această limită.
err-88000010-causes = Utilizatorul a rămas conectat prin reîmprospătări mai mult decât durata maximă de viață a acordării. Clientul este configurat cu o durată maximă de viață mai scurtă decât cea implicită.
err-88000010-fix-user = Conectați-vă din nou.
err-88000010-fix-dev = Tratați situația începând o conectare interactivă. Limita este dată de setarea refresh_token_max_lifetime (implicit 90 de zile) sau de lifetimes.refresh_max a clientului din fișierul de provizionare.

## 50126 InvalidUserNameOrPassword
err-50126-meaning = Numele de utilizator și parola nu au putut fi verificate. Din motive de securitate, Sigil dă același răspuns indiferent dacă parola este greșită sau dacă utilizatorul nu există.
err-50126-causes = Parola este greșită sau învechită ori a fost tastată cu Caps Lock activat sau cu alt aspect de tastatură. Numele de utilizator este scris greșit sau aparține altui locatar. Contul nu există în acest locatar; operatorii văd acest caz ca 50034 în jurnalul de conectare.
err-50126-fix-user = Verificați numele de utilizator și parola și încercați din nou; eșecurile repetate blochează pentru scurt timp conectarea de pe dispozitivul dumneavoastră. Dacă ați uitat parola, contactați administratorul.
err-50126-fix-dev = Rulați sigil logs --trace-id <id>: jurnalul de conectare înregistrează 50034 când utilizatorul nu există și 50126 când parola a fost greșită. Nu lăsați niciodată aplicația să reîncerce automat o parolă stocată, deoarece fiecare eșec contează pentru blocarea inteligentă.

## 50034 UserAccountNotFound
err-50034-meaning = În locatar nu există niciun utilizator cu acest nume de utilizator. Apelanții nu văd niciodată acest cod: primesc 50126, exact ca pentru o parolă greșită, astfel încât existența numelor de utilizator să nu poată fi sondată. Doar operatorii văd 50034, în jurnalul de conectare.
err-50034-causes = Numele de utilizator este scris greșit sau într-o altă formă decât cea înregistrată. Utilizatorul aparține altui locatar sau nu a fost încă provizionat. Utilizatorul asociat unui cod de autorizare sau unui token de reîmprospătare a fost șters după conectare.
err-50034-fix-user = Verificați dacă folosiți numele de utilizator corect pentru această aplicație și încercați din nou. Dacă tot nu vă puteți conecta, contactați administratorul.
err-50034-fix-dev = Verificați utilizatorii provizionați în locatar și locatarul indicat în URL-ul solicitării. Păstrați aceeași discreție în propria aplicație și nu dezvăluiți dacă un nume de utilizator există.

## 50057 UserAccountDisabled
err-50057-meaning = Contul utilizatorului există, dar este dezactivat, așa că Sigil nu permite conectarea cu acesta și nu emite tokenuri noi pentru el.
err-50057-causes = Un administrator a dezactivat contul, de exemplu când persoana a părăsit organizația. Contul a fost dezactivat după ce utilizatorul s-a conectat, iar aplicația a încercat apoi să își reîmprospăteze tokenurile.
err-50057-fix-user = Contactați administratorul pentru a vă reactiva contul.
err-50057-fix-dev = Dacă utilizatorul trebuie să aibă acces, marcați-l ca activat în fișierul de provizionare. Tokenurile de reîmprospătare nu funcționează cât timp contul este dezactivat, așa că aplicația trebuie să afișeze un mesaj clar în loc să reîncerce.

## 50053 IdsLocked
err-50053-meaning = Conectarea acestui utilizator este blocată pentru scurt timp de la adresa de la care a venit solicitarea, din cauza prea multor încercări nereușite. Blocarea se încheie de la sine, iar celelalte adrese nu sunt afectate.
err-50053-causes = Au fost introduse cinci parole greșite pentru utilizator de la aceeași adresă, așa că Sigil a blocat utilizatorul pentru acea adresă timp de 60 de secunde. O aplicație sau un script reîncearcă în continuare cu o parolă salvată învechită. Altcineva încearcă să ghicească parola de la acea adresă.
err-50053-fix-user = Așteptați un minut, apoi conectați-vă cu parola corectă. Dacă nu ați făcut dumneavoastră aceste încercări, anunțați administratorul.
err-50053-fix-dev = Căutați în jurnalul de conectare încercările nereușite ale utilizatorului pentru a le găsi sursa și opriți orice reîncercări automate cu parole stocate. Blocarea este controlată de setările de blocare (lockout) threshold, window și duration; implicit, 5 eșecuri în 600 de secunde blochează utilizatorul pentru acea adresă timp de 60 de secunde.

## 88000011 GrantTypeNotAllowedForClient
err-88000011-meaning = Sigil acceptă tipul de acordare solicitat, dar această aplicație nu este înregistrată pentru a-l utiliza.
err-88000011-causes = Tipul de acordare lipsește din grant_types ale clientului, de exemplu client_credentials pentru o aplicație înregistrată numai pentru conectarea utilizatorilor. S-a solicitat acordarea password, care este dezactivată dacă nu este activată explicit pentru client. Un client fără authorization_code în grant_types a început fluxul codului de autorizare.
err-88000011-fix-user = Contactați echipa de asistență a aplicației; aplicația nu este configurată pentru acest tip de conectare.
err-88000011-fix-dev = Dacă clientul trebuie să folosească această acordare, adăugați-o la grant_types ale clientului în fișierul de provizionare; activați password numai când nu este posibil niciun flux bazat pe browser. Tokenurile de reîmprospătare sunt emise numai clienților care au refresh_token în grant_types.

## 501051 ClientHasNoPermissionOnApi
err-501051-meaning = Aplicația a solicitat acces la un API pentru care nu deține nicio permisiune. API-ul există, dar nicio permisiune asupra lui nu a fost acordată acestui client.
err-501051-causes = Clientul nu are nicio intrare permissions pentru API. Intrarea nu conține roluri, necesare pentru fluxul acreditărilor clientului, sau domenii delegate, necesare pentru conectarea utilizatorilor. Valoarea api din intrarea permissions diferă de identificatorul API-ului.
err-501051-fix-user = Contactați echipa de asistență a aplicației; aplicației nu i s-a acordat acces la serviciul pe care îl apelează.
err-501051-fix-dev = În fișierul de provizionare, adăugați pentru client o intrare permissions al cărei câmp api este identificatorul API-ului, cu roluri pentru fluxul acreditărilor clientului sau cu domenii pentru fluxurile cu utilizator.

## 70003 UnsupportedGrantType
err-70003-meaning = Sigil nu acceptă valoarea grant_type din solicitarea de token, pentru nicio aplicație.
err-70003-causes = Valoarea grant_type este scrisă greșit sau folosește greșit majusculele și minusculele. Aplicația folosește o acordare pe care Sigil nu o oferă, cum ar fi acordarea de autorizare pentru dispozitive sau o acordare prin aserțiune.
err-70003-fix-user = Contactați echipa de asistență a aplicației; aplicația trebuie corectată.
err-70003-fix-dev = Folosiți una dintre valorile authorization_code, client_credentials, refresh_token sau password; password funcționează numai pentru clienții care o au activată.

## 70011 InvalidScope
err-70011-meaning = Parametrul scope conține o valoare pe care Sigil nu o poate accepta: este formată incorect, este necunoscută sau nu este definită de API-ul pe care îl numește.
err-70011-causes = Domeniile sunt separate prin virgule în loc de spații simple. Un domeniu nu numește niciun API, de exemplu un simplu nume de rol într-o solicitare prin fluxul acreditărilor clientului, sau API-ul nu definește domeniul ori rolul numit după ultima bară oblică. Domeniul conține caractere pe care secțiunea 3.3 din RFC 6749 nu le permite, cum ar fi ghilimele sau litere non-ASCII.
err-70011-fix-user = Contactați echipa de asistență a aplicației; aplicația solicită o permisiune care nu există.
err-70011-fix-dev = Separați domeniile prin spații și folosiți openid, profile, email, offline_access sau domenii de forma <identificator API>/<nume> ori <identificator API>/.default. Verificați numele în raport cu domeniile și rolurile API-ului din fișierul de provizionare; solicitările prin fluxul acreditărilor clientului numesc roluri sau .default.

## 500011 ResourcePrincipalNotFound
err-500011-meaning = Domeniul numește un API care nu este înregistrat în acest locatar, așa că Sigil nu poate emite un token pentru el.
err-500011-causes = Identificatorul API din domeniu este scris greșit sau ușor diferit, de exemplu în schemă sau printr-o bară oblică finală. Domeniul este doar identificatorul API, fără nume, cum ar fi api://reports în loc de api://reports/.default. API-ul este înregistrat în alt locatar sau nu a fost încă provizionat.
err-500011-fix-user = Contactați echipa de asistență a aplicației; aplicația solicită un serviciu pe care acest serviciu de conectare nu îl cunoaște.
err-500011-fix-dev = Puneți identificatorul API exact așa cum este înregistrat, de exemplu api://reports, înaintea ultimei bare oblice din fiecare domeniu și verificați dacă API-ul există în fișierul de provizionare al acestui locatar.

## 88000012 ScopeNotGranted
err-88000012-meaning = API-ul definește domeniul sau rolul solicitat, dar acesta nu a fost acordat acestei aplicații. La o reîmprospătare, același cod înseamnă că solicitarea a cerut mai mult decât a acordat conectarea inițială.
err-88000012-causes = Intrarea permissions a clientului pentru API nu conține acest domeniu, în cazul fluxurilor cu utilizator, sau acest rol, în cazul fluxului acreditărilor clientului. Aplicația a fost actualizată pentru a solicita o permisiune nouă, care nu a fost adăugată niciodată la înregistrarea ei. O solicitare de reîmprospătare a numit un domeniu care nu făcea parte din acordarea inițială.
err-88000012-fix-user = Contactați echipa de asistență a aplicației; aplicația solicită o permisiune care nu i-a fost acordată.
err-88000012-fix-dev = Adăugați domeniul sau rolul la intrarea permissions a clientului pentru acel API în fișierul de provizionare sau nu îl mai solicitați. La reîmprospătare, omiteți scope sau cereți un subset al domeniilor acordate; pentru a obține mai multe, începeți o nouă conectare interactivă.

## 28000 MultipleResourcesInScope
err-28000-meaning = Parametrul scope solicită permisiuni pentru mai multe API-uri. Un token de acces Sigil este emis pentru un singur API, așa că o solicitare poate numi doar unul.
err-28000-causes = Aplicația a solicitat simultan domenii pentru două API-uri, în speranța unui singur token valabil pentru ambele. O bibliotecă a combinat domeniile implicite ale mai multor API-uri într-o singură solicitare.
err-28000-fix-user = Contactați echipa de asistență a aplicației; aplicația trebuie corectată.
err-28000-fix-dev = Solicitați un token separat pentru fiecare API, numai cu domeniile acelui API; openid, profile, email și offline_access pot însoți oricare dintre ele. Pentru fluxurile cu utilizator, aceasta înseamnă câte o solicitare de autorizare separată pentru fiecare API.

## 50011 RedirectUriMismatch
err-50011-meaning = Valoarea redirect_uri din solicitarea de autorizare nu este una dintre adresele înregistrate pentru aplicație. Sigil afișează această pagină în loc să redirecționeze, deoarece trimiterea răspunsului la o adresă neînregistrată l-ar putea pune în mâinile altcuiva.
err-50011-causes = Adresa diferă de cea înregistrată printr-un detaliu, cum ar fi http și https, numele gazdei, portul, calea, bara oblică finală sau majusculele și minusculele. Aplicația rulează într-un mediu nou, a cărui adresă nu a fost niciodată înregistrată. În spatele unui proxy invers, aplicația își construiește adresa cu un nume de gazdă sau o schemă internă.
err-50011-fix-user = Contactați echipa de asistență a aplicației și comunicați-i că pagina de conectare a raportat o nepotrivire a URI-ului de redirecționare.
err-50011-fix-dev = Adăugați adresa exactă la redirect_uris ale clientului în fișierul de provizionare sau configurați aplicația să trimită una deja înregistrată; adresa trebuie să corespundă exact unei valori înregistrate.

## 88000020 UnsupportedResponseType
err-88000020-meaning = Solicitarea de autorizare a cerut o valoare response_type pe care Sigil nu o acceptă. Sigil oferă numai fluxul codului de autorizare, response_type=code.
err-88000020-causes = Aplicația folosește fluxul implicit, cu token sau id_token, ori un flux hibrid, cum ar fi code id_token. Valoarea response_type este scrisă greșit. O bibliotecă mai veche folosește în mod prestabilit fluxul implicit.
err-88000020-fix-user = Contactați echipa de asistență a aplicației; aplicația trebuie corectată.
err-88000020-fix-dev = Folosiți response_type=code cu PKCE și valorificați codul la punctul final de token. Și aplicațiile cu o singură pagină ar trebui să folosească acest flux, în locul fluxului implicit.

## 50058 LoginRequired
err-50058-meaning = Aplicația i-a cerut lui Sigil să conecteze utilizatorul în mod silențios, fără a afișa nicio pagină, dar nu există nicio sesiune activă care să poată fi folosită. Este necesară o conectare vizibilă.
err-50058-causes = Solicitarea a folosit prompt=none, iar utilizatorul nu s-a conectat încă sau sesiunea a expirat. Browserul a blocat cookie-ul de sesiune al Sigil, așa cum fac multe browsere cu cookie-urile terțe din cadrele ascunse. Între timp, utilizatorul s-a deconectat.
err-50058-fix-user = Conectați-vă din nou când aplicația vă solicită acest lucru. Dacă nu funcționează, permiteți cookie-urile pentru site-ul de conectare.
err-50058-fix-dev = Tratați această eroare ca pe un semnal pentru a începe o conectare interactivă fără prompt=none. Nu vă bazați pe conectarea silențioasă în cadre ascunse acolo unde browserele blochează cookie-urile terțe; folosiți în schimb tokenuri de reîmprospătare.

## 65001 ConsentRequired
err-65001-meaning = Utilizatorul nu și-a dat acordul ca aplicația să primească permisiunile pe care le solicită, iar solicitarea nu i-a oferit lui Sigil nicio modalitate de a-l întreba.
err-65001-causes = Solicitarea a folosit prompt=none, așa că Sigil nu avea voie să afișeze pagina de consimțământ. Aplicația cere acum mai multe permisiuni decât a aprobat anterior utilizatorul. Solicitarea a venit printr-un flux fără pagină de browser, în care consimțământul nu poate fi obținut.
err-65001-fix-user = Conectați-vă din nou la aplicație și examinați permisiunile pe care le solicită. Dacă nu aveți dreptul să le aprobați, contactați administratorul.
err-65001-fix-dev = Începeți o solicitare de autorizare interactivă fără prompt=none, astfel încât pagina de consimțământ să poată fi afișată, și solicitați numai domeniile de care aplicația are nevoie.

## 65004 UserDeclinedConsent
err-65004-meaning = Utilizatorul a văzut pagina de consimțământ și a ales să nu acorde aplicației permisiunile solicitate. Sigil a revenit la aplicație fără a emite un cod.
err-65004-causes = Utilizatorul a refuzat sau a anulat pe pagina de consimțământ. Utilizatorul nu a recunoscut aplicația sau nu a dorit să partajeze informațiile solicitate.
err-65004-fix-user = Dacă doriți totuși să utilizați aplicația, conectați-vă din nou și acceptați permisiunile pe care le solicită.
err-65004-fix-dev = Tratați elegant error=access_denied la redirecționare, de exemplu cu o pagină care explică de ce sunt necesare permisiunile și oferă posibilitatea de a încerca din nou. Solicitați numai domeniile de care aplicația are cu adevărat nevoie.

## 88000021 InvalidCsrfToken
err-88000021-meaning = Un formular de pe pagina de conectare a fost trimis fără un token anti-falsificare valid, așa că Sigil nu a putut confirma că acesta provine de pe propria pagină, în acest browser. Sigil refuză astfel de trimiteri pentru a vă proteja împotriva falsificării solicitărilor între site-uri (CSRF).
err-88000021-causes = Pagina de conectare a rămas deschisă mult timp, iar formularul a expirat. Browserul a blocat sau a șters cookie-urile Sigil, de exemplu într-o fereastră privată sau din cauza unei extensii de confidențialitate. Formularul a fost retrimis cu butonul Înapoi, dintr-o altă filă sau de pe un alt site.
err-88000021-fix-user = Reluați conectarea din aplicație și asigurați-vă că sunt permise cookie-urile pentru site-ul de conectare.
err-88000021-fix-dev = Verificați dacă cookie-urile Sigil ajung în browser și revin împreună cu formularul și dacă niciun proxy nu le elimină și nu modifică gazda pe care o văd utilizatorii. Nu încorporați pagina de conectare Sigil într-un cadru de pe alt site.

## 88000022 SignInExpired
err-88000022-meaning = Conectarea a durat mai mult decât permite Sigil între deschiderea paginii de conectare și finalizarea ei, așa că solicitarea în așteptare a fost abandonată.
err-88000022-causes = Utilizatorul a lăsat pagina de conectare deschisă și a revenit mai târziu. Un pas, cum ar fi căutarea unei parole, a durat prea mult. Pagina a fost restaurată din istoricul browserului sau dintr-o filă salvată.
err-88000022-fix-user = Reveniți la aplicație și reluați conectarea.
err-88000022-fix-dev = Dacă situația este rară, nu este necesară nicio modificare, în afară de a oferi reluarea conectării. Dacă apare des, verificați dacă ceasurile serverelor sunt corecte și dacă utilizatorii nu sunt trimiși la o adresă de conectare veche, salvată ca marcaj.

## 88000030 InvalidAccessToken
err-88000030-meaning = Solicitarea către punctul final UserInfo nu conținea un token de acces utilizabil: tokenul lipsea, nu fusese emis de acest locatar, expirase sau fusese revocat.
err-88000030-causes = Tokenul de acces a expirat; tokenurile de acces au o durată de viață scurtă, implicit 10 minute. Tokenul a fost emis de alt locatar sau de altă implementare ori a fost modificat. Acordarea din spatele tokenului a fost revocată sau tokenul nu a fost trimis cu schema Bearer în antetul Authorization.
err-88000030-fix-user = Conectați-vă din nou.
err-88000030-fix-dev = Trimiteți tokenul de acces în antetul Authorization cu schema Bearer, reîmprospătați-l înainte să expire și apelați punctul final UserInfo al locatarului care l-a emis. Antetul WWW-Authenticate al răspunsului repetă eroarea și descrierea ei.

## 88000031 InsufficientScope
err-88000031-meaning = Tokenul de acces este valid, dar nu a fost emis cu domeniul necesar pentru acest punct final. Pentru punctul final UserInfo, acesta este domeniul openid.
err-88000031-causes = Conectarea nu a solicitat domeniul openid. Tokenul a fost obținut împreună cu domenii ale unui API, iar un astfel de token conține numai domeniile acelui API, nu și openid. S-a folosit un token obținut prin fluxul acreditărilor clientului, care conține roluri de aplicație în loc de domenii de utilizator.
err-88000031-fix-user = Conectați-vă din nou. Dacă problema persistă, contactați echipa de asistență a aplicației.
err-88000031-fix-dev = Includeți openid în scope pentru conectarea al cărei token de acces este trimis la UserInfo și nu îl combinați cu domenii de API pentru acel token; obțineți un token separat pentru API.

## 88000040 InvalidPostLogoutRedirectUri
err-88000040-meaning = Solicitarea de deconectare i-a cerut lui Sigil să trimită utilizatorul la o adresă care nu este înregistrată ca URI de redirecționare după deconectare pentru aplicație. Sigil afișează această pagină în loc să redirecționeze, pentru ca deconectarea să nu poată fi folosită la trimiterea utilizatorilor către site-uri arbitrare.
err-88000040-causes = Adresa nu se află în post_logout_redirect_uris ale clientului sau diferă de una înregistrată prin schemă, gazdă, port, cale sau bara oblică finală. Aplicația a fost implementată la o adresă nouă, care nu a fost niciodată înregistrată. URI-ul de redirecționare pentru conectare a fost înregistrat, dar nu și cel separat, pentru după deconectare.
err-88000040-fix-user = Închideți această pagină și reveniți la aplicație. Dacă nu știți sigur dacă deconectarea a reușit, deconectați-vă din nou din aplicație și raportați problema echipei de asistență a aplicației.
err-88000040-fix-dev = Adăugați adresa exactă la post_logout_redirect_uris ale clientului în fișierul de provizionare sau trimiteți una deja înregistrată; acestea sunt separate de redirect_uris. Trimiteți id_token_hint sau client_id împreună cu solicitarea de deconectare, așa cum prevede OpenID Connect RP-Initiated Logout.

## 88000041 InvalidIdTokenHint
err-88000041-meaning = Valoarea id_token_hint trimisă cu solicitarea de deconectare nu este un token ID valid emis de acest locatar, așa că Sigil nu o poate folosi pentru a identifica utilizatorul și aplicația.
err-88000041-causes = Valoarea trimisă este un token de acces sau o altă valoare, nu tokenul ID. Tokenul ID a fost emis de alt locatar sau de altă implementare ori a fost trunchiat sau modificat. A fost semnat cu o cheie care între timp a fost scoasă din rotație și nu mai este publicată.
err-88000041-fix-user = Închideți această pagină și deconectați-vă din nou din aplicație. Dacă problema persistă, contactați echipa de asistență a aplicației.
err-88000041-fix-dev = Trimiteți nemodificat tokenul ID primit la conectare și trimiteți solicitarea de deconectare către locatarul care l-a emis. Dacă tokenul ID este foarte vechi, trimiteți client_id în loc de id_token_hint.

## 88000050 AdminCredentialRequired
err-88000050-meaning = Un punct final administrativ a fost apelat fără o acreditare de administrator validă. Aceste puncte finale sunt destinate operatorilor și instrumentelor lor, niciodată aplicațiilor sau persoanelor care se conectează.
err-88000050-causes = Acreditarea de administrator nu a fost trimisă sau a fost trimisă în alt loc ori în alt format decât cel corect. Acreditarea a fost schimbată, iar instrumentul o folosește încă pe cea veche. O aplicație sau o persoană a ajuns din greșeală la o adresă de administrare.
err-88000050-fix-user = Această pagină nu vă este destinată; reveniți la aplicația pe care o foloseați.
err-88000050-fix-dev = Configurați instrumentul sau scriptul apelant cu acreditarea de administrator curentă a acestei implementări. Asigurați-vă că aplicațiile și utilizatorii finali nu au niciun motiv și nicio cale de a ajunge la punctele finale de administrare.

## 88000060 NotFound
err-88000060-meaning = Adresa solicitată nu corespunde niciunei pagini și niciunui punct final oferit de Sigil.
err-88000060-causes = URL-ul conține o greșeală de tastare sau folosește o cale învechită. Aplicația construiește manual URL-urile punctelor finale, în loc să le citească din documentul de descoperire. Un link sau un marcaj indică o pagină care nu mai există.
err-88000060-fix-user = Verificați adresa sau reveniți la aplicație și începeți din nou de acolo.
err-88000060-fix-dev = Citiți URL-urile punctelor finale din documentul de descoperire OpenID Connect al locatarului, de la /.well-known/openid-configuration sub URL-ul emitentului, în loc să le codificați direct în aplicație.

## 88000100 RequestBodyTooLarge
err-88000100-meaning = Corpul solicitării a fost mai mare decât citește Sigil. Solicitările de protocol au câțiva kiloocteți; limita protejează serviciul de solicitări construite pentru a-l epuiza.
err-88000100-causes = Aplicația a trimis un fișier sau alte date mari unui punct final de conectare. Un parametru, cum ar fi state, conține mult mai multe date decât ar trebui. Solicitarea a fost construită pentru a supraîncărca serviciul.
err-88000100-fix-user = Încercați din nou. Dacă eșuează în același mod, contactați echipa de asistență a aplicației.
err-88000100-fix-dev = Păstrați solicitările de protocol mici: trimiteți doar parametrii definiți de punctul final și păstrați scurte valori precum state (stocați datele mari în aplicație și trimiteți o referință).

## 88000101 TooManyParameters
err-88000101-meaning = Solicitarea a conținut mai mulți parametri decât are nevoie orice solicitare de protocol, așa că Sigil a refuzat-o fără a o procesa mai departe.
err-88000101-causes = Aplicația sau o bibliotecă adaugă parametri într-o buclă. Un URL a fost construit prin adăugarea repetată de parametri. Solicitarea a fost construită pentru a supraîncărca serviciul.
err-88000101-fix-user = Încercați din nou. Dacă eșuează în același mod, contactați echipa de asistență a aplicației.
err-88000101-fix-dev = Trimiteți doar parametrii definiți de punctul final; verificați codul care construiește solicitarea pentru parametri adăugați în mod repetat.

## 88000102 ScopeTooLarge
err-88000102-meaning = Parametrul scope enumeră mai multe valori sau este mai lung decât acceptă Sigil într-o singură solicitare. Sigil îl refuză înainte de a examina valorile.
err-88000102-causes = Aplicația adaugă domenii într-o buclă sau repetă același domeniu de multe ori. Au fost solicitate deodată domenii ale multor API-uri, deși un token este pentru un singur API. Solicitarea a fost construită pentru a supraîncărca serviciul.
err-88000102-fix-user = Contactați echipa de asistență a aplicației; aplicația solicită mult mai multe permisiuni decât poate folosi.
err-88000102-fix-dev = Solicitați doar domeniile pentru care este tokenul: openid și celelalte domenii OpenID Connect plus domeniile unui singur API sau <api identifier>/.default. Eliminați domeniile repetate.

## 88000103 MethodNotAllowed
err-88000103-meaning = Punctul final există, dar nu acceptă metoda HTTP folosită, de exemplu GET pe punctul final de tokenuri, care acceptă doar POST.
err-88000103-causes = Aplicația a deschis punctul final de tokenuri într-un browser sau cu GET. Un proxy sau o bibliotecă a schimbat POST în GET după o redirecționare. Metoda a fost scrisă greșit într-un script.
err-88000103-fix-user = Reveniți la aplicație și începeți din nou de acolo.
err-88000103-fix-dev = Folosiți una dintre metodele enumerate în antetul Allow al răspunsului: POST pentru punctul final de tokenuri, GET sau POST pentru punctele finale de autorizare, userinfo și deconectare.

## 88000104 ParameterTooLong
err-88000104-meaning = O valoare pe care solicitarea de autorizare o poartă prin conectare și înapoi la aplicație (state, nonce, login_hint sau ui_locales) este mai lungă decât păstrează Sigil.
err-88000104-causes = Aplicația stochează o cantitate mare de date în state în loc de o referință scurtă. O valoare a fost extinsă în mod repetat. Solicitarea a fost construită pentru a supraîncărca serviciul.
err-88000104-fix-user = Reveniți la aplicație și începeți din nou de acolo. Dacă eșuează în același mod, contactați echipa de asistență a aplicației.
err-88000104-fix-dev = Păstrați scurte state și nonce: stocați ce vă trebuie în sesiunea aplicației și trimiteți o referință aleatorie. Un state prea lung este refuzat pe o pagină, deoarece nu poate fi trimis înapoi.
## 88000140 AccessTokenSentMoreThanOnce
err-88000140-meaning = Cererea către punctul final UserInfo conținea tokenul de acces atât în antetul Authorization, cât și în corpul formularului. RFC 6750 permite oricare dintre aceste metode, dar un client nu trebuie să folosească mai mult de una în aceeași cerere.
err-88000140-causes = Biblioteca clientului adaugă antetul Authorization la fiecare apel, iar aplicația a pus în plus access_token în corpul cererii POST. Un proxy sau un middleware a adăugat un antet unei cereri care avea deja tokenul în corp.
err-88000140-fix-user = Conectați-vă din nou. Dacă problema persistă, contactați echipa de asistență a aplicației.
err-88000140-fix-dev = Trimiteți tokenul de acces o singură dată: de preferință în antetul Authorization cu schema Bearer; sau, într-o cerere POST cu Content-Type application/x-www-form-urlencoded, ca parametru de formular access_token, fără antet.
## 88000120 AdminCredentialThrottled
err-88000120-meaning = Mai multe cereri de la această adresă de rețea au prezentat o acreditare de administrator greșită într-un timp scurt, așa că cererile administrative de la ea sunt refuzate o vreme. Cererile de la alte adrese nu sunt afectate.
err-88000120-causes = Un instrument sau un script folosește o acreditare de administrator veche sau tastată greșit și reîncearcă. Cineva încearcă să ghicească acreditarea de administrator.
err-88000120-fix-user = Această pagină nu este destinată dvs.; reveniți la aplicația pe care o foloseați.
err-88000120-fix-dev = Așteptați timpul indicat în antetul Retry-After, apoi folosiți acreditarea de administrator curentă a acestei instalări. Verificați jurnalul serverului pentru a vedea de unde au venit încercările eșuate.

## 88000121 RequestTimeout
err-88000121-meaning = Serverul a oprit citirea și tratarea cererii deoarece aceasta nu s-a încheiat în timpul de așteptare configurat pentru o cerere și a închis conexiunea.
err-88000121-causes = Clientul a trimis corpul cererii foarte încet sau a încetat să îl trimită. Rețeaua dintre client și server este foarte lentă sau congestionată. Tratarea cererii în sine a durat neobișnuit de mult.
err-88000121-fix-user = Verificați conexiunea la rețea și încercați din nou.
err-88000121-fix-dev = Trimiteți tot corpul cererii fără întârziere. Dacă cererile dvs. sunt lente în mod legitim, întrebați operatorul despre server.request_timeout; verificați dacă proxy-urile dintre client și Sigil nu au probleme de memorare tampon.
## 88000160 InteractionStepMismatch
err-88000160-meaning = Un formular de conectare sau de consimțământ a fost trimis unui pas pentru care nu a fost emis, sau un formular de consimțământ a fost trimis cu altă sesiune decât cea căreia i-a fost afișat. Sigil leagă fiecare formular de pasul și de sesiunea sa, astfel încât un pas precum reintroducerea parolei să nu poată fi sărit.
err-88000160-causes = O pagină a fost retrimisă sau modificată: câmpurile ascunse ale formularului de conectare au fost trimise la adresa de consimțământ. Utilizatorul s-a deconectat sau s-a conectat ca altcineva într-o altă filă cât timp pagina de consimțământ era deschisă. Un script sau un instrument construiește singur formularele în loc să trimită paginile afișate de Sigil.
err-88000160-fix-user = Reveniți la aplicație și reluați conectarea.
err-88000160-fix-dev = Trimiteți formularele exact așa cum le afișează Sigil; nu reutilizați niciodată câmpurile ascunse ale unei pagini în alta. Căutați ID-ul de urmărire în jurnalul de conectări: apariții repetate de la aceeași sursă pot fi o încercare de a sări peste reautentificare (prompt=login).

## 88000200 IntrospectionNotAllowed
err-88000200-meaning = Un client autentificat a apelat punctul final de introspecție (RFC 7662), dar nu este înregistrat ca server de resurse care poate introspecta tokenuri: setarea sa introspect nu numește niciun API.
err-88000200-causes = Setarea introspect a clientului este goală: clientul este o aplicație, nu un server de resurse. Serverul de resurse se autentifică cu datele de autentificare ale altui client (de exemplu ale aplicației) în loc de ale sale.
err-88000200-fix-user = Contactați asistența serviciului; serviciul nu este configurat să verifice tokenuri prin Sigil.
err-88000200-fix-dev = Înregistrați serverul de resurse ca client confidențial și enumerați în setarea sa introspect identificatorii API-urilor ale căror tokenuri de acces le verifică (cheia introspect din fișierul de provizionare sau sigil client update --introspect api://...). Va vedea doar tokenurile al căror aud este unul dintre ele; oricare alt token primește răspunsul active: false.

## 88000210 InvalidTarget
err-88000210-meaning = Clientul a numit o resursă (indicator de resursă RFC 8707) pentru care Sigil nu poate emite un token: valoarea nu este un URI absolut fără fragment, niciun API al chiriașului nu are acest identificator, clientul nu deține nicio permisiune pe acel API, acordul răscumpărat sau reîmprospătat nu o acoperă, sau o cerere de token a numit mai multe resurse.
err-88000210-causes = O greșeală de scriere în identificatorul API-ului sau un API eliminat. Clientul nu a primit niciodată permisiuni pe API. Un token de reîmprospătare sau un cod obținut pentru alte API-uri. Mai mulți parametri resource trimiși la punctul final de token sau mai mulți decât numărul permis într-o cerere.
err-88000210-fix-user = Contactați asistența aplicației; aplicația a cerut acces la un serviciu pentru care nu este configurată.
err-88000210-fix-dev = Trimiteți ca resource identificatorul exact al unui API al chiriașului (de exemplu api://reports), unul pe cerere de token; acordați clientului permisiuni pe acel API; pentru a folosi un token de reîmprospătare pentru mai multe API-uri, numiți-le pe toate ca parametri resource în cererea de autorizare. Valorile scope care numesc un API trebuie să numească același API ca resource.
## 70016 AuthorizationPending
err-70016-meaning = Codul dispozitivului este valid, dar utilizatorul nu a introdus încă codul de utilizator și nu a terminat autentificarea pe pagina de verificare (RFC 8628, secțiunea 3.5, authorization_pending).
err-70016-causes = Utilizatorul încă se autentifică sau nu a deschis încă pagina de verificare.
err-70016-fix-user = Deschideți adresa afișată de dispozitiv, introduceți codul și terminați autentificarea.
err-70016-fix-dev = Continuați să interogați endpointul de token la intervalul primit odată cu codul dispozitivului; acest răspuns este așteptat până când utilizatorul termină.

## 70019 CodeExpired
err-70019-meaning = Codul dispozitivului și codul său de utilizator au trăit mai mult decât expires_in (RFC 8628, secțiunea 3.5, expired_token).
err-70019-causes = Utilizatorul nu a terminat autentificarea la timp. Dispozitivul a continuat să interogheze cu un cod vechi.
err-70019-fix-user = Reluați autentificarea pe dispozitiv și introduceți imediat noul cod.
err-70019-fix-dev = Opriți interogarea și cereți un cod nou de dispozitiv de la endpointul devicecode.

## 88000220 DevicePollingTooFast
err-88000220-meaning = Dispozitivul a interogat endpointul de token înainte să treacă intervalul de la interogarea anterioară (RFC 8628, secțiunea 3.5, slow_down). Intervalul pentru acest cod de dispozitiv este acum cu 5 secunde mai lung.
err-88000220-causes = Clientul ignoră intervalul primit odată cu codul dispozitivului sau nu adaugă 5 secunde după un răspuns slow_down.
err-88000220-fix-user = Așteptați; dispozitivul va încerca în continuare.
err-88000220-fix-dev = Așteptați cel puțin intervalul între interogări și adăugați-i 5 secunde după fiecare răspuns slow_down, pe toată durata de viață a acestui cod de dispozitiv.

## 88000221 DeviceAuthorizationDeclined
err-88000221-meaning = Utilizatorul a refuzat cererea pe pagina de verificare, așa că acest cod de dispozitiv nu va produce niciodată tokenuri (RFC 8628, secțiunea 3.5, access_denied).
err-88000221-causes = Utilizatorul nu a recunoscut dispozitivul sau aplicația ori a refuzat permisiunile cerute.
err-88000221-fix-user = Dacă a fost o greșeală, reluați autentificarea pe dispozitiv.
err-88000221-fix-dev = Opriți interogarea; arătați utilizatorului că autentificarea a fost refuzată și oferiți reluarea.

## 70018 BadVerificationCode
err-70018-meaning = Pagina de verificare a primit un cod de utilizator care nu corespunde niciunei autorizări de dispozitiv în așteptare din acest tenant: a fost tastat greșit, a expirat sau a fost deja aprobat ori refuzat (RFC 8628, secțiunea 3.3).
err-70018-causes = O greșeală de tastare. Codul a expirat (după 15 minute) înainte de a fi introdus. Autentificarea pe dispozitiv a fost deja finalizată sau refuzată. Dispozitivul aparține altui tenant.
err-70018-fix-user = Verificați codul afișat pe dispozitiv și introduceți-l din nou; dacă dispozitivul arată un cod nou, folosiți-l pe acela.
err-70018-fix-dev = Afișați neschimbate user_code și verification_uri din răspunsul devicecode; cereți un cod nou de dispozitiv când cel vechi a expirat.

## 88000222 DeviceCodeGuessesThrottled
err-88000222-meaning = Pagina de verificare numără codurile de utilizator greșite pentru fiecare adresă sursă; după 10 coduri greșite în 10 minute refuză codurile de la acea adresă până la sfârșitul ferestrei, ca să nu poată fi ghicite (RFC 8628, secțiunea 5.1).
err-88000222-causes = Greșeli de tastare repetate. Cineva încearcă coduri la întâmplare. Mulți utilizatori împart o singură adresă în spatele unui proxy.
err-88000222-fix-user = Așteptați 10 minute, apoi introduceți cu atenție codul afișat pe dispozitiv.
err-88000222-fix-dev = Dacă mulți utilizatori legitimi împart o adresă, asigurați-vă că Sigil vede adresele lor reale (server.trusted_proxies).

## 9002327 SpaTokenRedeemedWithoutOrigin
err-9002327-meaning = Aplicația este înregistrată ca aplicație cu o singură pagină (type = "spa"). Codurile sale de autorizare și tokenurile de reîmprospătare pot fi valorificate numai de browser, printr-o solicitare cross-origin care poartă antetul Origin; această solicitare nu îl avea, deci nu a venit de la o pagină dintr-un browser. Astfel, tokenurile destinate unui browser nu ajung pe servere (regula Entra AADSTS9002327).
err-9002327-causes = Un server backend valorifică un cod sau un token de reîmprospătare obținut de o aplicație cu o singură pagină. Un instrument de linie de comandă sau un script apelează endpointul de tokenuri pentru un client SPA. Aplicația este de fapt o aplicație web cu server și este înregistrată cu tipul greșit. Un proxy din fața Sigil elimină antetul Origin.
err-9002327-fix-user = Contactați echipa de asistență a aplicației; aplicația trebuie corectată.
err-9002327-fix-dev = Valorificați codurile și tokenurile de reîmprospătare din pagina însăși (așa face MSAL.js), astfel încât browserul să trimită Origin. Dacă un server trebuie să le valorifice, înregistrați acea aplicație ca client web (confidențial) sau public, nu ca spa. Asigurați-vă că proxy-urile transmit antetul Origin.
## 88000380 InvalidRedirectUri
err-88000380-meaning = O înregistrare dinamică de aplicație (RFC 7591) a indicat un URI de redirecționare incorect sau nepermis de politica de înregistrare a tenantului (RFC 7591, secțiunea 3.2.2 invalid_redirect_uri).
err-88000380-causes = Un fragment, un URI relativ, http simplu pe o gazdă care nu e loopback, sau o schemă ori o gazdă în afara registration.redirect_uri_schemes și registration.redirect_uri_hosts ale tenantului.
err-88000380-fix-user = Contactați asistența aplicației; aplicația nu s-a putut înregistra la acest serviciu de autentificare.
err-88000380-fix-dev = Înregistrați URI-uri de redirecționare absolute, fără fragmente, https sau http pe 127.0.0.1, [::1] ori localhost, cu o schemă și o gazdă permise de tenant; întrebați operatorul care sunt acestea.

## 88000381 InvalidClientMetadata
err-88000381-meaning = O înregistrare sau actualizare dinamică de aplicație (RFC 7591, RFC 7592) a conținut metadate invalide sau nepermise de politica de înregistrare a tenantului (RFC 7591, secțiunea 3.2.2 invalid_client_metadata).
err-88000381-causes = Un corp care nu e obiect JSON, un tip de grant nepermis aplicațiilor înregistrate, response_types care nu corespund cu grant_types, o metodă de autentificare alta decât none, client_secret_basic sau client_secret_post, un scope pe care tenantul nu îl oferă, sau un client_id diferit de cel actualizat.
err-88000381-fix-user = Contactați asistența aplicației; aplicația nu s-a putut înregistra la acest serviciu de autentificare.
err-88000381-fix-dev = Trimiteți un obiect JSON cu redirect_uris, grant_types dintre cele permise de tenant, response_types corespunzătoare, token_endpoint_auth_method none, client_secret_basic sau client_secret_post și doar scope-uri oferite de registration.permissions.

## 88000382 InvalidInitialAccessToken
err-88000382-meaning = Punctul de înregistrare al tenantului nu este deschis: fiecare înregistrare trebuie să poarte un token de acces inițial (RFC 7591, secțiunea 3) ca token Bearer, iar cel trimis lipsește, este necunoscut, expirat sau epuizat.
err-88000382-causes = Lipsește antetul Authorization. Un token al altui tenant. Un token de unică folosință deja folosit sau unul expirat.
err-88000382-fix-user = Contactați asistența aplicației; aplicația nu s-a putut înregistra la acest serviciu de autentificare.
err-88000382-fix-dev = Cereți operatorului un token de acces inițial (sigil registration token create) și trimiteți-l ca Authorization: Bearer cu cererea de înregistrare.

## 88000383 InvalidRegistrationAccessToken
err-88000383-meaning = O cerere către punctul de configurare a aplicației (RFC 7592) a purtat un token de acces pentru înregistrare care nu aparține aplicației numite, sau aplicația nu (mai) există; RFC 7592, secțiunea 2, răspunde la ambele cu 401.
err-88000383-causes = Tokenul altei aplicații, un token de dinainte de ștergerea aplicației, sau o aplicație eliminată la sfârșitul duratei ei de viață.
err-88000383-fix-user = Contactați asistența aplicației.
err-88000383-fix-dev = Folosiți registration_access_token și registration_client_uri primite la înregistrare, ca token Bearer; înregistrați-vă din nou dacă aplicația a fost eliminată.

## 88000384 ClientMetadataDocumentUnavailable
err-88000384-meaning = client_id este un URL https (OAuth Client ID Metadata Document), iar Sigil nu a putut descărca documentul JSON de la acel URL în limitele sale.
err-88000384-causes = Serverul aplicației este oprit sau lent, răspunde cu o eroare sau o redirecționare, trimite mai mult decât dimensiunea permisă, ori se rezolvă la o adresă privată sau loopback cât timp outbound.allow_private_addresses este dezactivat.
err-88000384-fix-user = Încercați din nou mai târziu; dacă problema persistă, contactați asistența aplicației.
err-88000384-fix-dev = Serviți documentul exact la URL-ul client_id prin https, cu starea 200, JSON, mic, fără redirecționări, de la o adresă publică.

## 88000385 ClientMetadataDocumentInvalid
err-88000385-meaning = client_id este un URL https (OAuth Client ID Metadata Document), iar URL-ul sau documentul descărcat încalcă regulile draftului sau ale politicii tenantului.
err-88000385-causes = Documentele de metadate nu sunt activate pentru tenant, client_id din document nu este exact URL-ul, documentul conține un client_secret sau cere o metodă de autentificare cu secret partajat, URI-urile de redirecționare sau tipurile de grant nu sunt permise, ori URL-ul are fragment, credențiale, segmente cu puncte sau nicio cale.
err-88000385-fix-user = Contactați asistența aplicației; aplicația nu este configurată corect pentru acest serviciu de autentificare.
err-88000385-fix-dev = Faceți client_id din document egal cu URL-ul său, enumerați redirect_uris, folosiți token_endpoint_auth_method none și respectați politica de înregistrare a tenantului.
## 88000340 DpopProofInvalid
err-88000340-meaning = Antetul DPoP trebuie să conțină un singur JSON Web Token de tip dpop+jwt, semnat cu ES256, RS256, PS256 sau EdDSA de cheia publică din propriul antet jwk și care conține revendicările jti, htm, htu și iat (RFC 9449, secțiunea 4.3). Această dovadă nu a trecut una dintre aceste verificări sau cererea a conținut mai multe antete DPoP.
err-88000340-causes = Biblioteca client a construit dovada cu alt typ sau alt algoritm. Antetul jwk conține o cheie privată sau o cheie care nu se potrivește algoritmului. Semnătura nu se verifică. Lipsește o revendicare obligatorie. Au fost trimise două antete DPoP.
err-88000340-fix-user = Încercați din nou; dacă eroarea persistă, contactați dezvoltatorul aplicației.
err-88000340-fix-dev = Construiți dovada așa cum descrie RFC 9449, secțiunea 4.2 (typ dpop+jwt, doar cheia publică în jwk, un jti nou) sau folosiți o bibliotecă întreținută, de exemplu oauth4webapi. Jurnalul de autentificări numește verificarea eșuată.

## 88000341 DpopProofMismatch
err-88000341-meaning = O dovadă DPoP numește metoda HTTP (htm) și URL-ul fără interogare și fragment (htu) ale singurei cereri pentru care este făcută și, când însoțește un token de acces, hash-ul SHA-256 al acelui token (ath). Una dintre aceste valori nu se potrivește cu această cerere (RFC 9449, secțiunea 4.3).
err-88000341-causes = Dovada a fost refolosită pentru alt endpoint sau altă metodă. Clientul a calculat htu dintr-un alt URL de bază decât cel publicat de Sigil, de exemplu în spatele unui proxy. ath lipsește sau a fost calculat pentru alt token.
err-88000341-fix-user = Încercați din nou; dacă eroarea persistă, contactați dezvoltatorul aplicației.
err-88000341-fix-dev = Setați htu la URL-ul endpointului din discovery și htm la metoda cererii; la o resursă adăugați ath, base64url al SHA-256 al tokenului de acces. Verificați server.public_url dacă un proxy rescrie adresa.

## 88000342 DpopProofStale
err-88000342-meaning = Revendicarea iat a dovezii trebuie să se afle la cel mult tokens.dpop_proof_window secunde (implicit 60) de ceasul serverului (RFC 9449, secțiunile 4.3 și 11.1), astfel încât o dovadă interceptată să nu poată fi folosită mai târziu.
err-88000342-causes = Ceasul clientului este greșit. O dovadă a fost păstrată și trimisă din nou mai târziu. O întârziere mare între crearea și trimiterea dovezii.
err-88000342-fix-user = Verificați dacă ceasul dispozitivului este setat corect, apoi încercați din nou.
err-88000342-fix-dev = Creați o dovadă nouă pentru fiecare cerere, chiar înainte de trimitere; sincronizați ceasul clientului sau folosiți nonce-uri de server (tokens.dpop_nonce_lifetime).

## 88000343 DpopProofReplayed
err-88000343-meaning = Fiecare dovadă DPoP este acceptată o singură dată: Sigil înregistrează cheia și jti-ul fiecărei dovezi, comun pentru toate instanțele sale, și refuză o dovadă deja văzută cât timp iat-ul ei este încă în fereastra acceptată (RFC 9449, secțiunea 11.1).
err-88000343-causes = Clientul a trimis aceeași dovadă de două ori, de exemplu la o reîncercare. Un atacator reia o dovadă interceptată.
err-88000343-fix-user = Încercați din nou.
err-88000343-fix-dev = Creați o dovadă nouă, cu un jti aleator nou, pentru fiecare cerere, inclusiv pentru reîncercări.

## 88000344 UseDpopNonce
err-88000344-meaning = Clientul este înregistrat să includă în dovezile DPoP un nonce furnizat de server (RFC 9449, secțiunea 8). Dovada nu a avut niciunul sau a avut unul care nu mai este curent. Antetul DPoP-Nonce al răspunsului conține nonce-ul de folosit.
err-88000344-causes = Prima cerere a unui client care nu a primit încă un nonce (acesta este primul pas obișnuit). Un nonce mai vechi de două perioade.
err-88000344-fix-user = Încercați din nou; de obicei aplicația face acest lucru singură.
err-88000344-fix-dev = Reîncercați cu o dovadă nouă a cărei revendicare nonce este antetul DPoP-Nonce al acestui răspuns; biblioteci precum oauth4webapi fac acest lucru automat. Nonce-urile se schimbă la fiecare tokens.dpop_nonce_lifetime secunde.

## 88000345 DpopKeyMismatch
err-88000345-meaning = Un cod de autorizare cerut cu dpop_jkt și tokenurile de reîmprospătare ale unui client public care a folosit DPoP sunt legate de o singură cheie DPoP; pot fi folosite doar cu o dovadă făcută de acea cheie (RFC 9449, secțiunile 5 și 10).
err-88000345-causes = Clientul a generat o cheie DPoP nouă, de exemplu după o repornire, și a pierdut-o pe cea veche. Cererea a fost trimisă fără dovadă DPoP. Un token furat este folosit de altcineva.
err-88000345-fix-user = Autentificați-vă din nou.
err-88000345-fix-dev = Păstrați perechea de chei DPoP cât timp există tokenuri legate de ea; trimiteți o dovadă DPoP cu fiecare cerere de token a unei autorizări legate. După pierderea cheii, începeți o autorizare nouă.

## 88000346 DpopProofRequired
err-88000346-meaning = Clientul este înregistrat cu dpop_bound_access_tokens (RFC 9449, secțiunea 5.2): Sigil îi emite doar tokenuri de acces legate prin DPoP, așa că fiecare cerere de token trebuie să conțină un antet DPoP.
err-88000346-causes = Biblioteca client nu a fost configurată să folosească DPoP. Dovada a fost eliminată de un proxy.
err-88000346-fix-user = Contactați dezvoltatorul aplicației.
err-88000346-fix-dev = Configurați clientul să creeze o dovadă DPoP pentru fiecare cerere de token sau eliminați dpop_bound_access_tokens din înregistrarea clientului.

## 88000347 DpopBoundTokenMisused
err-88000347-meaning = Un token de acces legat prin DPoP (revendicarea sa cnf numește o cheie) este acceptat doar ca Authorization: DPoP împreună cu o dovadă DPoP făcută de acea cheie; un token nelegat nu este acceptat cu schema DPoP (RFC 9449, secțiunea 7.1).
err-88000347-causes = Clientul a trimis un token legat prin DPoP ca token Bearer. Dovada lipsește sau este făcută de altă cheie. Un token fără legătură a fost trimis cu schema DPoP.
err-88000347-fix-user = Autentificați-vă din nou; dacă eroarea persistă, contactați dezvoltatorul aplicației.
err-88000347-fix-dev = Trimiteți Authorization: DPoP cu tokenul și un antet DPoP al cărui ath este hash-ul tokenului, semnat cu cheia pentru care a fost emis tokenul. Citiți token_type din răspuns: DPoP sau Bearer.

## 88000350 InvalidRequestUri
err-88000350-meaning = Un request_uri de la endpointul pentru cereri de autorizare trimise în prealabil (PAR) reprezintă o singură cerere de autorizare, pentru un singur client, pentru scurt timp, și poate fi folosit o singură dată (RFC 9126, secțiunea 4). Acesta nu este cunoscut pentru clientul numit în cerere, a expirat sau a fost deja folosit.
err-88000350-causes = Utilizatorul a reîncărcat pagina de autorizare sau a revenit la ea. Cererea a fost trimisă cu prea mult timp în urmă (tokens.pushed_request_lifetime). client_id din cererea de autorizare nu este cel care a trimis-o. Valoarea a fost modificată.
err-88000350-fix-user = Reveniți la aplicație și începeți din nou autentificarea.
err-88000350-fix-dev = Trimiteți o cerere nouă pentru fiecare cerere de autorizare și redirecționați imediat browserul către endpointul de autorizare, cu același client_id și request_uri nemodificat.

## 88000351 PushedAuthorizationRequestRequired
err-88000351-meaning = Clientul este înregistrat cu require_pushed_authorization_requests (RFC 9126, secțiunea 6): Sigil îi acceptă cererile de autorizare doar ca request_uri de la endpointul PAR, astfel încât parametrii lor să nu poată fi modificați în browser.
err-88000351-causes = Biblioteca client nu a fost configurată să folosească PAR. Un atacator sau un marcaj trimite cererea de autorizare direct.
err-88000351-fix-user = Reveniți la aplicație și începeți autentificarea de acolo.
err-88000351-fix-dev = Trimiteți cererea de autorizare prin POST la pushed_authorization_request_endpoint din discovery și redirecționați doar cu client_id și request_uri.
## 700021 ClientAssertionIssuerMismatch
err-700021-meaning = Într-o aserțiune de client (private_key_jwt, RFC 7523 secțiunea 3), iss și sub trebuie să fie ambele ID-ul de client al aplicației care se autentifică.
err-700021-causes = Aserțiunea a fost construită pentru altă aplicație sau parametrul client_id numește altă aplicație decât aserțiunea.
err-700021-fix-user = Contactați administratorul aplicației.
err-700021-fix-dev = Setați iss și sub ale aserțiunii la ID-ul de client al aplicației și trimiteți același client_id (sau niciunul).

## 700023 InvalidClientAssertionAudience
err-700023-meaning = Revendicarea aud a unei aserțiuni de client trebuie să fie punctul de token al acestui tenant sau emitentul său (RFC 7523 secțiunea 3), cu tenantul dat prin nume sau prin ID.
err-700023-causes = Aplicația este configurată cu altă autoritate, de exemplu login.microsoftonline.com al Entra.
err-700023-fix-user = Contactați administratorul aplicației.
err-700023-fix-dev = Îndreptați autoritatea bibliotecii spre acest tenant Sigil; audiența este atunci punctul de token din documentul său de descoperire.

## 700024 ClientAssertionNotWithinValidTimeRange
err-700024-meaning = O aserțiune de client este acceptată doar între nbf/iat și exp, cu o mică toleranță de ceas (tokens.assertion_clock_skew), și doar dacă expiră în tokens.assertion_max_lifetime.
err-700024-causes = Aserțiunea a expirat, ceasul clientului este greșit sau aserțiunea a fost făcută să trăiască mai mult decât permite serverul.
err-700024-fix-user = Verificați că ceasul dispozitivului este setat corect, apoi încercați din nou.
err-700024-fix-dev = Sincronizați ceasul (NTP), construiți o aserțiune nouă la fiecare expirare și păstrați exp în tokens.assertion_max_lifetime.

## 700027 InvalidClientAssertionSignature
err-700027-meaning = Aserțiunea trebuie semnată cu RS256, PS256 sau ES256 de cheia privată a unui certificat sau a unei chei înregistrate pentru aplicație; algoritmii none și HMAC sunt refuzați.
err-700027-causes = Aserțiunea a fost semnată cu altă cheie decât certificatul pe care îl numește, modificată după semnare sau semnată cu un algoritm nepotrivit cheii.
err-700027-fix-user = Contactați administratorul aplicației.
err-700027-fix-dev = Semnați cu cheia privată a certificatului înregistrat și folosiți RS256 sau PS256 pentru chei RSA și ES256 pentru chei P-256.

## 88000300 ClientAssertionKeyNotFound
err-88000300-meaning = Antetul aserțiunii își numește cheia prin x5t#S256, x5t sau kid; niciunul dintre certificatele aplicației, cheile JWKS sau cheile de la jwks_uri (preluate încă o dată) nu o are.
err-88000300-causes = Aplicația folosește un certificat nou care nu a fost înregistrat sau emitentul și-a rotit cheile.
err-88000300-fix-user = Contactați administratorul aplicației.
err-88000300-fix-dev = Înregistrați certificatul (sigil import cu [[tenant.client.certificate]]) sau publicați cheia la jwks_uri.

## 88000301 ClientAssertionReplayed
err-88000301-meaning = jti-ul unei aserțiuni de client este reținut până la expirare. Implicit, doar aceeași aserțiune de la aceeași aplicație este acceptată din nou; cu strict_assertion_replay fiecare jti este acceptat o singură dată.
err-88000301-causes = Aserțiunea a fost interceptată și retrimisă sau biblioteca își refolosește aserțiunea în timp ce aplicația este în modul strict.
err-88000301-fix-user = Încercați din nou; dacă eroarea persistă, contactați administratorul aplicației.
err-88000301-fix-dev = Construiți o aserțiune nouă cu un jti proaspăt pentru fiecare cerere sau dezactivați strict_assertion_replay pentru acest client.

## 88000302 ClientCertificateExpired
err-88000302-meaning = Un certificat înregistrat pentru o aplicație este folosit doar până la data sa notAfter.
err-88000302-causes = Aplicația încă semnează cu un certificat expirat.
err-88000302-fix-user = Contactați administratorul aplicației.
err-88000302-fix-dev = Creați un certificat nou, înregistrați-l lângă cel vechi, treceți aplicația pe el, apoi eliminați-l pe cel vechi.

## 88000303 AssertionKeysUnavailable
err-88000303-meaning = Cheile de la un jwks_uri, precum și documentul de descoperire și JWKS-ul unui emitent extern, sunt preluate prin HTTPS cu limite de mărime și timp, niciodată de la adrese private, iar emitentul din documentul de descoperire trebuie să fie cel al tokenului.
err-88000303-causes = Celălalt server este oprit sau lent, URL-ul este greșit, se rezolvă la o adresă privată sau documentul său de descoperire numește alt emitent.
err-88000303-fix-user = Încercați din nou mai târziu.
err-88000303-fix-dev = Verificați că jwks_uri sau /.well-known/openid-configuration al emitentului este accesibil din Sigil și corect; vedeți setările outbound.

## 700211 NoMatchingFederatedIssuer
err-700211-meaning = Un token de la un emitent extern autentifică o aplicație doar dacă una dintre credențialele sale federate numește exact acel emitent.
err-700211-causes = Tokenul sarcinii de lucru provine de la alt emitent sau URL-ul emitentului diferă (de exemplu o bară oblică la final).
err-700211-fix-user = Contactați administratorul aplicației.
err-700211-fix-dev = Adăugați un federated_credential cu emitentul exact ca în revendicarea iss a tokenului.

## 700212 NoMatchingFederatedAudience
err-700212-meaning = aud-ul tokenului trebuie să conțină audiența credențialei federate corespunzătoare (implicit api://AzureADTokenExchange).
err-700212-causes = Sarcina de lucru și-a cerut tokenul pentru altă audiență.
err-700212-fix-user = Contactați administratorul aplicației.
err-700212-fix-dev = Cereți tokenul sarcinii de lucru cu audiența credențialei sau setați audiența credențialei la cea pe care o poartă tokenul.

## 700213 NoMatchingFederatedSubject
err-700213-meaning = sub-ul tokenului trebuie să fie egal cu subiectul unei credențiale federate pentru emitentul său (de exemplu system:serviceaccount:namespace:name).
err-700213-causes = Altă sarcină de lucru, ramură sau cont de serviciu și-a prezentat tokenul.
err-700213-fix-user = Contactați administratorul aplicației.
err-700213-fix-dev = Adăugați un federated_credential cu subiectul exact ca în revendicarea sub a tokenului.
## 50013 InvalidAssertion
err-50013-meaning = Cererea on-behalf-of a conținut o aserțiune pe care Sigil nu a putut-o accepta: nu este un token de acces semnat de acest tenant, a fost emisă de alt tenant sau acordul ei ori tokenul însuși a fost revocat.
err-50013-causes = API-ul de nivel mediu a transmis un token de identitate sau un token de la alt tenant sau emitent. Utilizatorul s-a deconectat sau tokenul a fost revocat. Tokenul a fost modificat.
err-50013-fix-user = Autentificați-vă din nou în aplicație.
err-50013-fix-dev = Transmiteți exact tokenul de acces primit de API-ul dvs. în antetul Authorization, emis de același tenant; dacă a fost revocat, front-endul trebuie să obțină unul nou.

## 500131 AssertionAudienceDoesNotMatchClient
err-500131-meaning = În fluxul on-behalf-of, aserțiunea trebuie să fie un token de acces pentru API-ul implementat de aplicația apelantă (setarea exposes_api). Aceasta a fost emisă pentru altă audiență.
err-500131-causes = API-ul de nivel mediu a transmis un token destinat altui API. Setarea exposes_api a aplicației numește alt API sau niciunul.
err-500131-fix-user = Contactați administratorul aplicației.
err-500131-fix-dev = Transmiteți tokenul primit de API-ul dvs. pentru el însuși. Setați exposes_api pe clientul de nivel mediu la identificatorul API-ului pe care îl implementează, iar front-endul să ceară scopuri ale acelui API.

## 500133 AssertionNotWithinValidTimeRange
err-500133-meaning = Tokenul de acces dat ca aserțiune on-behalf-of a depășit momentul expirării (exp) sau nu este încă valid (nbf), dincolo de o mică toleranță pentru diferențele de ceas.
err-500133-causes = API-ul de nivel mediu a păstrat tokenul unui utilizator mai mult decât durata lui de viață. Ceasurile serverelor diferă cu mai mult de un minut.
err-500133-fix-user = Reîncărcați aplicația sau autentificați-vă din nou.
err-500133-fix-dev = Front-endul să trimită un token de acces proaspăt la fiecare apel; nu păstrați tokenurile primite după exp. Țineți ceasurile serverelor sincronizate.

## 88000320 AssertionHasNoUser
err-88000320-meaning = On-behalf-of acționează pentru utilizatorul autentificat numit în aserțiune. Aserțiunea a fost un token de acces emis unei aplicații (client credentials), care nu numește niciun utilizator.
err-88000320-causes = API-ul apelant a primit un token de aplicație (de la un serviciu) și a încercat să-l schimbe în numele unui utilizator.
err-88000320-fix-user = Contactați administratorul aplicației.
err-88000320-fix-dev = Folosiți on-behalf-of doar cu tokenuri emise pentru un utilizator. Pentru apeluri între servicii fără utilizator, cereți un token cu client credentials.

## 88000321 OnBehalfOfConsentRequired
err-88000321-meaning = Aplicația de nivel mediu a cerut un token pentru un API din aval în numele utilizatorului, dar utilizatorul nu și-a dat consimțământul acelei aplicații pentru aceste permisiuni. Apelanții văd codul Entra 65001 cu eroarea invalid_grant și suberror consent_required.
err-88000321-causes = Utilizatorul și-a dat consimțământul doar aplicației front-end. Nivelul mediu cere mai multe permisiuni din aval decât a aprobat utilizatorul. Consimțământul a fost retras.
err-88000321-fix-user = Autentificați-vă din nou în aplicație și acceptați permisiunile cerute.
err-88000321-fix-dev = Returnați eroarea consent_required front-endului, ca acesta să autentifice utilizatorul interactiv cu scopurile din aval ale nivelului mediu (sau utilizatorul să se autentifice o dată la clientul de nivel mediu), apoi reîncercați.

## 88000322 SubjectTokenInvalid
err-88000322-meaning = Într-un schimb de tokenuri (RFC 8693), subject_token trebuie să fie un token de acces emis de acest tenant unui utilizator, neexpirat și nerevocat.
err-88000322-causes = Tokenul a expirat, a fost revocat, a fost emis de alt tenant, este un token de identitate sau de aplicație ori a fost modificat.
err-88000322-fix-user = Autentificați-vă din nou în aplicație.
err-88000322-fix-dev = Trimiteți tokenul de acces curent al utilizatorului ca subject_token, cu subject_token_type urn:ietf:params:oauth:token-type:access_token.

## 88000323 ActorTokenInvalid
err-88000323-meaning = Într-un schimb de tokenuri cu delegare (RFC 8693), actor_token numește partea care acționează pentru utilizator; trebuie să fie un token de acces emis de acest tenant, neexpirat și nerevocat.
err-88000323-causes = Tokenul actorului a expirat, a fost revocat, a fost emis de alt tenant sau a fost modificat.
err-88000323-fix-user = Încercați din nou mai târziu; dacă eroarea persistă, contactați administratorul aplicației.
err-88000323-fix-dev = Trimiteți un token de acces curent al serviciului care acționează (de exemplu din client credentials) ca actor_token, cu actor_token_type urn:ietf:params:oauth:token-type:access_token.

## 88000324 SubjectTokenNotExchangeable
err-88000324-meaning = Politica de schimb de tokenuri a clientului enumeră audiențele tokenurilor subiect pe care le poate schimba; audiența tokenului subiect nu se află printre ele.
err-88000324-causes = Aplicația a trimis un token destinat altui API sau politica ei (token_exchange.subject_audiences) nu enumeră acest API.
err-88000324-fix-user = Contactați administratorul aplicației.
err-88000324-fix-dev = Schimbați doar tokenuri emise pentru propriul API sau adăugați identificatorul lui la token_exchange.subject_audiences al clientului.

## 88000325 ExchangeTargetNotAllowed
err-88000325-meaning = Politica de schimb de tokenuri a clientului enumeră API-urile pentru care poate cere tokenuri schimbate; audiența, resursa sau scopul cerut numește alt API sau clientul nu are politică.
err-88000325-causes = Parametrul audience, resource sau scope numește un API pe care politica (token_exchange.target_audiences) nu îl enumeră.
err-88000325-fix-user = Contactați administratorul aplicației.
err-88000325-fix-dev = Cereți doar ținte din token_exchange.target_audiences al clientului sau adăugați API-ul acolo.

## 88000326 UnsupportedTokenType
err-88000326-meaning = Un schimb de tokenuri a numit un subject_token_type, actor_token_type sau requested_token_type pe care Sigil nu îl tratează. Sigil schimbă propriile tokenuri de acces: urn:ietf:params:oauth:token-type:access_token sau urn:ietf:params:oauth:token-type:jwt.
err-88000326-causes = Aplicația a trimis tipul unui token de identitate, al unei aserțiuni SAML sau al unui token de reîmprospătare ori a scris greșit URI-ul tipului.
err-88000326-fix-user = Contactați administratorul aplicației.
err-88000326-fix-dev = Folosiți urn:ietf:params:oauth:token-type:access_token (sau urn:ietf:params:oauth:token-type:jwt) pentru tipurile de token.

## 88000420 RequestObjectInvalid
err-88000420-meaning = Parametrul request trebuie să fie o cerere de autorizare securizată JWT (RFC 9101): un JWS compact semnat cu RS256, PS256 sau ES256 cu o cheie înregistrată pentru aplicație (certificate, un JWKS sau jwks_uri-ul ei). Obiectele nesemnate (alg none) sunt refuzate, iar un obiect de cerere nu poate conține el însuși request sau request_uri.
err-88000420-causes = Obiectul este nesemnat, criptat, semnat cu un algoritm neacceptat sau cu o cheie pe care aplicația nu a înregistrat-o, ori a fost modificat pe drum.
err-88000420-fix-user = Întoarceți-vă la aplicație și începeți din nou autentificarea. Dacă eroarea persistă, contactați administratorul aplicației.
err-88000420-fix-dev = Semnați obiectul de cerere cu o cheie înregistrată folosind RS256, PS256 sau ES256 și puneți în antet un kid (sau x5t#S256) care numește cheia.

## 88000421 RequestObjectClaimsMismatch
err-88000421-meaning = Într-un obiect de cerere (RFC 9101 secțiunile 4 și 5) iss trebuie să fie ID-ul de client al aplicației, aud emitentul acestui tenant, iar client_id trebuie să fie egal cu client_id al cererii care l-a adus.
err-88000421-causes = Obiectul a fost construit pentru altă aplicație sau alt server, ori cererea numește alt client decât obiectul.
err-88000421-fix-user = Contactați administratorul aplicației.
err-88000421-fix-dev = Setați iss și client_id la ID-ul de client și aud la emitentul din discovery și trimiteți același client_id lângă request.

## 88000422 RequestObjectNotWithinValidTimeRange
err-88000422-meaning = Un obiect de cerere trebuie să conțină exp, nu trebuie să fi expirat, nbf și iat nu trebuie să fie în viitor și nu poate fi valabil mai mult decât permite serverul (se aplică toleranța de ceas tokens.assertion_clock_skew).
err-88000422-causes = Ceasul clientului este greșit, obiectul a fost construit cu mult înainte de trimitere sau nu are exp.
err-88000422-fix-user = Verificați data și ora dispozitivului, apoi încercați din nou.
err-88000422-fix-dev = Construiți obiectul de cerere chiar înainte de trimitere, cu exp la câteva minute după iat, și țineți ceasul clientului sincronizat.

## 88000423 RequestObjectReplayed
err-88000423-meaning = jti-ul fiecărui obiect de cerere al unei aplicații este acceptat o singură dată până la expirarea obiectului (RFC 9101 secțiunea 10.2), astfel încât un obiect de cerere capturat nu poate fi folosit din nou.
err-88000423-causes = Aplicația refolosește un obiect de cerere sau un atacator îl retrimite.
err-88000423-fix-user = Întoarceți-vă la aplicație și începeți din nou autentificarea.
err-88000423-fix-dev = Construiți un obiect de cerere nou, cu un jti nou, pentru fiecare cerere de autorizare.

## 88000424 RequestUriNotSupported
err-88000424-meaning = Sigil nu descarcă obiecte de cerere de la URL-uri (RFC 9101 secțiunea 6.2 request_uri_not_supported). Singurul request_uri acceptat este o valoare urn:ietf:params:oauth:request_uri: de la propriul endpoint de cereri de autorizare împinse (RFC 9126).
err-88000424-causes = Aplicația transmite un obiect de cerere prin referință la un URL https sau o valoare fără legătură ca request_uri.
err-88000424-fix-user = Contactați administratorul aplicației.
err-88000424-fix-dev = Împingeți cererea (sau obiectul de cerere) la pushed_authorization_request_endpoint și folosiți request_uri-ul primit, ori trimiteți obiectul de cerere prin valoare în request.

## 88000425 SignedRequestObjectRequired
err-88000425-meaning = Aplicația este înregistrată cu require_signed_request_object (RFC 9101 secțiunea 10.5): cererile ei de autorizare, la endpointul de autorizare și la endpointul de cereri împinse, trebuie să fie un obiect de cerere semnat în parametrul request.
err-88000425-causes = Biblioteca clientului nu a fost configurată să semneze cererile sau cineva a trimis o cerere de autorizare simplă pentru această aplicație.
err-88000425-fix-user = Întoarceți-vă la aplicație și începeți autentificarea de acolo.
err-88000425-fix-dev = Puneți toți parametrii de autorizare într-un obiect de cerere semnat cu o cheie înregistrată și trimiteți-l ca request (direct sau prin PAR).

## 88000430 FapiPkceS256Required
err-88000430-meaning = Aplicația urmează profilul de securitate FAPI 2.0 (secțiunea 5.3.2.2): fiecare cerere de autorizare conține un code_challenge PKCE cu code_challenge_method S256. Metoda plain este refuzată chiar dacă tenantul o permite.
err-88000430-causes = Cererea nu are code_challenge sau folosește metoda plain.
err-88000430-fix-user = Contactați administratorul aplicației.
err-88000430-fix-dev = Trimiteți code_challenge = BASE64URL(SHA-256(code_verifier)) și code_challenge_method=S256 în cererea împinsă.

## 88000431 FapiResponseModeNotAllowed
err-88000431-meaning = Pentru o aplicație cu profilul FAPI 2.0, Sigil întoarce răspunsul de autorizare (code, state și iss conform RFC 9207) doar în șirul de interogare al URI-ului de redirecționare înregistrat; alte moduri de răspuns sunt refuzate.
err-88000431-causes = Cererea cere response_mode fragment sau form_post.
err-88000431-fix-user = Contactați administratorul aplicației.
err-88000431-fix-dev = Omiteți response_mode (query este implicit pentru response_type code) sau trimiteți response_mode=query.

## 88000432 FapiClientAssertionAudience
err-88000432-meaning = Profilul de securitate FAPI 2.0 (secțiunea 5.3.2.1) cere ca serverul de autorizare să accepte în aud al aserțiunilor de client doar identificatorul său de emitent, ca un singur șir. URL-ul endpointului de token sau o listă sunt refuzate pentru aplicațiile FAPI 2.0.
err-88000432-causes = Biblioteca clientului pune în aud URL-ul endpointului de token, o listă sau celălalt nume al tenantului.
err-88000432-fix-user = Contactați administratorul aplicației.
err-88000432-fix-dev = Setați aud al aserțiunii private_key_jwt la valoarea issuer din discovery, ca șir.
## 50076 UserStrongAuthClientAuthNRequired
err-50076-meaning = Conectarea necesită autentificare multifactor (cerută de tenant, de aplicație, de un grup al utilizatorului sau de solicitare), dar aplicația a cerut să nu fie afișată nicio pagină (prompt=none).
err-50076-causes = Sesiunea a fost creată doar cu parola, iar o politică sau acr_values cere acum un al doilea factor. Aplicația a încercat o conectare silențioasă.
err-50076-fix-user = Conectați-vă din nou când aplicația vă cere și introduceți codul din aplicația de autentificare.
err-50076-fix-dev = Tratați interaction_required cu suberror basic_action ca semnal pentru o conectare interactivă fără prompt=none.

## 50079 UserStrongAuthEnrollmentRequired
err-50079-meaning = Conectarea necesită autentificare multifactor, utilizatorul nu are încă un al doilea factor, iar aplicația a cerut să nu fie afișată nicio pagină (prompt=none), deci pagina de configurare nu poate fi afișată.
err-50079-causes = A fost activată o politică ce cere autentificare multifactor pentru un utilizator fără aplicație de autentificare. Aplicația a încercat o conectare silențioasă.
err-50079-fix-user = Conectați-vă din nou când aplicația vă cere: Sigil vă va ajuta să configurați o aplicație de autentificare.
err-50079-fix-dev = Porniți o conectare interactivă fără prompt=none; Sigil afișează pagina de înscriere la următoarea conectare.

## 88000440 OtpCodeInvalid
err-88000440-meaning = Codul de șase cifre nu corespunde aplicației de autentificare a utilizatorului pentru ora curentă (Sigil acceptă codul de 30 de secunde anterior, curent și următor).
err-88000440-causes = Un cod tastat greșit. Ceasul telefonului este decalat cu mai mult de 30 de secunde. Codul provine de la alt cont din aplicație.
err-88000440-fix-user = Tastați codul pe care aplicația de autentificare îl arată acum pentru acest cont. Dacă tot nu merge, setați ora telefonului automat.
err-88000440-fix-dev = Nimic de schimbat în aplicație; codurile greșite sunt numărate, iar prea multe fac al doilea factor să aștepte (88000442).

## 88000441 OtpCodeReplayed
err-88000441-meaning = Codul este corect, dar un cod din același interval de 30 de secunde a fost deja acceptat pentru acest autentificator. RFC 6238 cere refuzarea lui a doua oară, ca un cod văzut peste umăr să nu poată fi refolosit.
err-88000441-causes = Utilizatorul s-a conectat de două ori în 30 de secunde cu același cod. Formularul a fost trimis de două ori. Altcineva a folosit codul primul.
err-88000441-fix-user = Așteptați până când aplicația de autentificare arată un cod nou, apoi tastați-l pe acela.
err-88000441-fix-dev = Nimic de schimbat în aplicație. Dacă utilizatorii întâlnesc des asta, se conectează de două ori la rând; a doua conectare poate refolosi sesiunea.

## 88000442 SecondFactorLocked
err-88000442-meaning = Pentru acest utilizator au fost introduse prea multe coduri greșite pentru al doilea factor, așa că Sigil nu mai verifică coduri o vreme (15 minute). Astfel se oprește ghicirea codului de șase cifre.
err-88000442-causes = Cineva care știe parola ghicește coduri. Utilizatorul a tastat mai multe coduri greșite sau coduri ale altui cont.
err-88000442-fix-user = Așteptați 15 minute și încercați din nou cu codul afișat de aplicație. Dacă nu ați încercat să vă conectați, schimbați-vă parola.
err-88000442-fix-dev = Nimic de schimbat în aplicație. Operatori: jurnalul de conectări înregistrează fiecare încercare cu motivul.

## 88000443 RecoveryCodeInvalid
err-88000443-meaning = Textul tastat la pasul celui de-al doilea factor nu are șase cifre, așa că Sigil l-a verificat ca cod de recuperare, și nu este niciunul dintre codurile de recuperare nefolosite ale utilizatorului. Fiecare cod de recuperare funcționează o singură dată.
err-88000443-causes = Un cod de recuperare folosit deja. Un cod dintr-un set mai vechi (reconfigurarea autentificatorului le înlocuiește). O greșeală de tastare.
err-88000443-fix-user = Folosiți alt cod de recuperare sau codul din aplicația de autentificare. Dacă nu aveți niciunul, cereți ajutorul administratorului.
err-88000443-fix-dev = Nimic de schimbat în aplicație; codurile de recuperare greșite se numără la aceeași limită ca și codurile greșite (88000442).

## 88000444 PasswordGrantMfaRequired
err-88000444-meaning = Aplicația a conectat utilizatorul prin acordarea cu credențialele parolei, care transportă doar o parolă, dar o politică cere autentificare multifactor pentru acest utilizator sau această aplicație. Apelanții văd codul Entra 50076.
err-88000444-causes = Tenantul, aplicația sau unul dintre grupurile utilizatorului cere autentificare multifactor, iar aplicația folosește grant_type=password.
err-88000444-fix-user = Conectați-vă prin conectarea din browser a aplicației sau contactați administratorul aplicației.
err-88000444-fix-dev = Folosiți fluxul cu cod de autorizare (sau cu cod de dispozitiv) pentru ca utilizatorul să poată completa al doilea factor; acordarea cu parolă nu poate.

## 88000650 InsufficientUserAuthentication
err-88000650-meaning = O resursă protejată a Sigil (UserInfo) a refuzat tokenul de acces deoarece conectarea din care provine a folosit doar o parolă, iar tenantul sau aplicația cere acum autentificare multifactor. Răspunsul este provocarea WWW-Authenticate din RFC 9470, cu eroarea insufficient_user_authentication și acr_values.
err-88000650-causes = Autentificarea multifactor a fost activată pentru tenant sau pentru aplicație după conectarea tokenului. Tokenul a fost reîmprospătat dintr-o conectare făcută înainte de politică.
err-88000650-fix-user = Conectați-vă din nou când aplicația vă cere și introduceți codul din aplicația de autentificare.
err-88000650-fix-dev = Citiți acr_values din antetul WWW-Authenticate și începeți o nouă cerere de autorizare cu acr_values setat la această valoare (RFC 9470 secțiunea 4); utilizatorului i se cere al doilea factor, iar noul token respectă politica.

## 88000651 InsufficientClaims
err-88000651-meaning = Același refuz ca 88000650, pentru un client care a declarat capabilitatea cp1 din Entra: provocarea WWW-Authenticate are eroarea insufficient_claims și o valoare claims (base64) de trimis înapoi, provocarea de revendicări din Entra.
err-88000651-causes = Autentificarea multifactor a fost activată pentru tenant sau pentru aplicație după conectarea tokenului, iar clientul a declarat că tratează provocări de revendicări (xms_cc cp1).
err-88000651-fix-user = Conectați-vă din nou când aplicația vă cere și introduceți codul din aplicația de autentificare.
err-88000651-fix-dev = Decodificați valoarea claims din antetul WWW-Authenticate și trimiteți-o ca parametrul claims al unei noi cereri interactive de token (MSAL: WithClaims); Sigil cere al doilea factor.
## 88000400 JwtBearerIssuerNotTrusted
err-88000400-meaning = O acordare JWT bearer (RFC 7523) a purtat un JWT al cărui emitent (iss) nu este niciunul dintre emitenții de încredere ai tenantului.
err-88000400-causes = Tenantul nu are o intrare trusted_issuer pentru acel emitent sau valoarea emitentului diferă (schemă, bară finală, cale).
err-88000400-fix-user = Contactați administratorul aplicației.
err-88000400-fix-dev = Adăugați un [[tenant.trusted_issuer]] al cărui issuer este exact iss din JWT sau trimiteți un JWT al unui emitent de încredere.

## 88000401 JwtBearerClientNotAllowed
err-88000401-meaning = Emitentul JWT-ului este de încredere pentru tenant, dar intrarea sa trusted_issuer nu listează clientul apelant.
err-88000401-causes = client_id lipsește din lista clients a emitentului sau o altă aplicație folosește aserțiunea.
err-88000401-fix-user = Contactați administratorul aplicației.
err-88000401-fix-dev = Adăugați client_id în lista clients a intrării trusted_issuer a tenantului pentru acest emitent.

## 88000402 JwtBearerAssertionInvalid
err-88000402-meaning = JWT-ul dat ca acordare de autorizare nu a putut fi acceptat: este malformat, îi lipsește o revendicare obligatorie (iss, sub, aud, exp sau jti când emitentul o cere), semnătura nu se verifică cu cheile emitentului sau cheile nu au putut fi preluate.
err-88000402-causes = JWT-ul a fost modificat sau semnat cu o cheie pe care emitentul nu o publică. Documentul de descoperire sau JWKS-ul emitentului nu este accesibil. JWT-ul folosește alt algoritm decât RS256, PS256 sau ES256.
err-88000402-fix-user = Încercați din nou mai târziu; dacă persistă, contactați administratorul aplicației.
err-88000402-fix-dev = Trimiteți JWT-ul exact cum l-a făcut emitentul; verificați că emitentul își publică cheile (jwks_uri sau descoperire) și că Sigil le poate accesa; includeți jti când require_jti este setat.

## 88000403 JwtBearerAudienceInvalid
err-88000403-meaning = aud din JWT trebuie să numească endpointul de tokenuri sau emitentul acestui tenant (după id-ul sau numele tenantului) ori una dintre audiențele configurate pentru emitentul său de încredere.
err-88000403-causes = Emitentul a făcut JWT-ul pentru alt serviciu sau trusted_issuer al tenantului listează alte audiențe.
err-88000403-fix-user = Contactați administratorul aplicației.
err-88000403-fix-dev = Cereți emitentului să seteze aud la endpointul de tokenuri al acestui tenant sau listați valoarea aud în audiences ale trusted_issuer.

## 88000404 JwtBearerNotWithinValidTimeRange
err-88000404-meaning = exp din JWT a trecut sau nbf ori iat sunt în viitor, peste o mică toleranță pentru diferențele de ceas; sau este valid mai mult decât acceptă Sigil (tokens.assertion_max_lifetime).
err-88000404-causes = JWT-ul a fost păstrat peste durata sa de viață. Ceasurile emitentului și ale Sigil diferă. Emitentul face JWT-uri cu viață lungă.
err-88000404-fix-user = Încercați din nou; dacă persistă, contactați administratorul aplicației.
err-88000404-fix-dev = Obțineți un JWT nou de la emitent pentru fiecare cerere de token; țineți ceasurile sincronizate; cereți emitentului JWT-uri valide cel mult tokens.assertion_max_lifetime.

## 88000405 JwtBearerReplayed
err-88000405-meaning = JWT-ul unei acordări JWT bearer este acceptat o singură dată: un JWT cu același emitent și jti a fost deja răscumpărat (RFC 7523 §3 punctul 7).
err-88000405-causes = Aplicația a trimis același JWT de două ori (o reîncercare sau un JWT păstrat în cache) ori JWT-ul a fost interceptat și retrimis.
err-88000405-fix-user = Încercați din nou.
err-88000405-fix-dev = Obțineți un JWT nou (cu un jti nou) de la emitent pentru fiecare cerere de token.

## 88000406 JwtBearerUserNotFound
err-88000406-meaning = Revendicarea prin care emitentul de încredere numește utilizatorii (user_claim, implicit sub) nu corespunde niciunui utilizator al tenantului după user_match configurat (id, nume de utilizator sau email).
err-88000406-causes = Utilizatorul nu există încă în Sigil sau user_claim ori user_match al emitentului sunt configurate pentru alt tip de valoare.
err-88000406-fix-user = Contactați administratorul aplicației.
err-88000406-fix-dev = Creați utilizatorul în Sigil sau setați user_claim și user_match ale trusted_issuer la revendicarea și valoarea care identifică utilizatorii Sigil.
## 88000480 AdminPreconditionFailed
err-88000480-meaning = O modificare prin API-ul de administrare a avut antetul If-Match cu un ETag care nu mai corespunde obiectului: altcineva l-a modificat după ce a fost citit.
err-88000480-causes = Doi operatori sau două instrumente au editat același obiect în același timp. Un script a refolosit un ETag dintr-o citire anterioară. O altă modificare a directorului (de exemplu o rotire programată a cheilor) a fost confirmată între citire și scriere.
err-88000480-fix-user = Această pagină nu este destinată dvs.; reveniți la aplicația pe care o foloseați.
err-88000480-fix-dev = Citiți din nou obiectul cu GET, aplicați modificarea pe conținutul actual și trimiteți-o cu noul ETag în If-Match.

## 88000481 AdminForbidden
err-88000481-meaning = Tokenul de administrator a fost acceptat, dar rolurile sale nu acoperă operația: un token Sigil.Reader a încercat o modificare, sau administratorul unui tenant a accesat alt tenant ori o resursă a întregii instalări.
err-88000481-causes = Clientului i s-a acordat Sigil.Reader în loc de Sigil.Admin. Tokenul a fost emis de alt tenant decât cel accesat, iar acel tenant nu este tenantul de administrare al instalării.
err-88000481-fix-user = Această pagină nu este destinată dvs.; reveniți la aplicația pe care o foloseați.
err-88000481-fix-dev = Acordați clientului rolul Sigil.Admin pe API-ul api://sigil-admin al tenantului potrivit sau folosiți un token al tenantului de administrare (server.admin_tenant) pentru operațiile întregii instalări.

## 88000482 AdminInvalidObject
err-88000482-meaning = Obiectul trimis API-ului de administrare încalcă o regulă de provizionare. Sunt aceleași reguli pe care le aplică sigil import și linia de comandă de administrare; răspunsul enumeră fiecare câmp încălcat.
err-88000482-causes = Lipsește un câmp obligatoriu sau este scris greșit. Un URI de redirecționare nu este https (sau http pe o gazdă loopback). Unui client public i s-a dat un secret sau unui client confidențial niciunul. O parolă sau un secret este prea scurt.
err-88000482-fix-user = Această pagină nu este destinată dvs.; reveniți la aplicația pe care o foloseați.
err-88000482-fix-dev = Citiți lista errors din răspuns: fiecare element numește câmpul și regula. docs/provisioning.md descrie toate regulile.

## 88000483 AdminNameTaken
err-88000483-meaning = API-ul de administrare a refuzat să creeze sau să redenumească un obiect deoarece numele este ocupat: numele de tenant, ID-urile de client, numele de utilizator și de grup sunt unice în domeniul lor.
err-88000483-causes = Obiectul a fost creat anterior (o cerere reîncercată). Alt operator sau instrument a creat unul cu același nume.
err-88000483-fix-user = Această pagină nu este destinată dvs.; reveniți la aplicația pe care o foloseați.
err-88000483-fix-dev = Alegeți alt nume sau citiți obiectul existent cu GET și modificați-l cu PATCH.

## 88000720 ConsoleSignInFailed
err-88000720-meaning = Revenirea din autentificarea consolei de administrare nu s-a putut încheia: browserul a revenit fără autentificarea pornită de consolă (parametrul state), sau Sigil a refuzat autentificarea ori codul.
err-88000720-causes = Autentificarea a durat mai mult de zece minute. Cookie-urile au fost blocate sau șterse în timpul autentificării. Adresa de revenire a fost deschisă din alt browser sau dintr-un marcaj. Contul a fost refuzat pe pagina de autentificare (vedeți codul în jurnalul de autentificări).
err-88000720-fix-user = Deschideți din nou consola și autentificați-vă; permiteți cookie-urile pentru acest site.
err-88000720-fix-dev = Căutați ID-ul de urmărire în jurnalul de autentificări: un cod sau o autentificare refuzată are propria înregistrare cu motivul. Verificați că server.public_url este adresa folosită de operatori, deoarece URI-ul de redirecționare al consolei este construit din ea.

## 88000721 ConsoleFormRejected
err-88000721-meaning = O modificare a fost trimisă consolei fără tokenul anti-falsificare al sesiunii curente a consolei, așa că nu a fost făcută.
err-88000721-causes = Pagina era deschisă dintr-o sesiune anterioară a consolei (înainte de deconectare sau reautentificare). Alt site a încercat să trimită date consolei (falsificarea cererilor între site-uri).
err-88000721-fix-user = Reîncărcați pagina consolei și faceți din nou modificarea.
err-88000721-fix-dev = Formularele consolei poartă un token legat de cookie-ul sigilat al sesiunii; automatizările ar trebui să folosească API-ul de administrare cu un token bearer, nu formularele consolei.

## 88000722 ConsoleNotConfigured
err-88000722-meaning = Consola de administrare autentifică operatorii prin tenantul de administrare al instalării, iar acesta nu este configurat.
err-88000722-causes = server.admin_tenant este gol sau numește un tenant care nu există.
err-88000722-fix-user = Cereți operatorului acestui server să activeze consola de administrare.
err-88000722-fix-dev = Setați server.admin_tenant (SIGIL_SERVER_ADMIN_TENANT) la un tenant existent și reporniți: Sigil creează acolo clientul sigil-console și API-ul api://sigil-admin. Dați oamenilor rolul Sigil.Admin sau Sigil.Reader, direct sau printr-un grup. Vedeți docs/console.md.
## 88000500 RateLimited
err-88000500-meaning = A fost atinsă o limită de rată: cererile unei aplicații la endpoint-ul de tokenuri, încercările de autentificare pentru un nume de utilizator sau cererile de la o adresă sursă ori dintr-o rețea (un /24 pentru IPv4, un /64 pentru IPv6 implicit) în fereastra de timp ([rate_limits] window, implicit 60 de secunde). Răspunsul este HTTP 429 cu antetul Retry-After, care dă secundele până la sfârșitul ferestrei (RFC 6585 secțiunea 4).
err-88000500-causes = O aplicație care cere un token nou la fiecare apel în loc să-l păstreze până expiră. Un script sau un test de încărcare. Cineva care ghicește parole sau secrete de client. Mulți utilizatori în spatele unui proxy a cărui adresă o vede Sigil în locul alor lor.
err-88000500-fix-user = Așteptați numărul de secunde afișat, apoi încercați din nou.
err-88000500-fix-dev = Păstrați tokenurile până cu puțin înainte de expirare (MSAL face asta). Respectați Retry-After. Dacă mulți utilizatori folosesc același proxy, adăugați-l în server.trusted_proxies ca Sigil să vadă adresele lor reale; operatorii pot mări limitele în [rate_limits] (0 dezactivează una).

## 88000630 AccountCurrentPasswordWrong
err-88000630-meaning = Pe pagina contului, parola actuală dată pentru schimbarea parolei nu este parola utilizatorului. Sigil o verifică la fel ca la autentificare: blocarea inteligentă numără o parolă greșită, așa că ghicirea parolei dintr-o sesiune lăsată deschisă blochează contul la fel ca pe pagina de autentificare.
err-88000630-causes = O greșeală de tastare sau aranjamentul tastaturii. Parola a fost schimbată între timp (de utilizator în alt browser sau resetată de un administrator). Altcineva folosește un browser în care utilizatorul a rămas autentificat.
err-88000630-fix-user = Tastați din nou parola actuală. Dacă ați uitat-o, deconectați-vă și folosiți resetarea parolei organizației sau întrebați administratorul.
err-88000630-fix-dev = Nimic de schimbat într-o aplicație: pagina contului aparține Sigil. În jurnalul de autentificări (flow account), același ID de urmărire arată încercarea; încercări repetate de la o sursă indică un browser lăsat autentificat.

## 88000631 AccountNewPasswordRejected
err-88000631-meaning = Parola nouă încalcă regulile pentru parole: are mai puțin de 8 caractere sau este parola actuală.
err-88000631-causes = O parolă scurtă. Parola actuală tastată din nou ca parolă nouă.
err-88000631-fix-user = Alegeți o parolă nouă de cel puțin 8 caractere pe care nu ați folosit-o aici; o frază din mai multe cuvinte se ține minte ușor și se ghicește greu.
err-88000631-fix-dev = Regula este aceeași ca pentru utilizatorii creați prin provizionare (cel puțin 8 caractere). Motivul din jurnalul de autentificări numește regula încălcată.

## 88000632 AccountPasswordConfirmationMismatch
err-88000632-meaning = Parola nouă și repetarea ei de pe pagina contului nu sunt identice, deci Sigil nu știe care a fost intenția și nu schimbă nimic.
err-88000632-causes = O greșeală de tastare într-unul dintre cele două câmpuri. Un manager de parole a completat doar unul dintre ele.
err-88000632-fix-user = Tastați din nou parola nouă în ambele câmpuri.
err-88000632-fix-dev = Nimic de schimbat: verificarea îi ferește pe utilizatori să-și blocheze singuri accesul cu o parolă tastată greșit.

## 88000633 AccountSessionNotFound
err-88000633-meaning = Sesiunea de deconectat nu este niciuna dintre sesiunile active ale utilizatorului autentificat. Un utilizator își poate încheia doar propriile sesiuni; identificatorul este verificat în lista lui.
err-88000633-causes = Sesiunea s-a încheiat deja: a expirat, a fost deconectată în propriul browser sau din altă filă a paginii contului. Formularul a fost modificat pentru a numi sesiunea altui utilizator.
err-88000633-fix-user = Reîncărcați pagina contului: lista arată sesiunile încă autentificate.
err-88000633-fix-dev = Nimic de schimbat într-o aplicație. O cerere care numește sesiunea altui utilizator este refuzată intenționat și înregistrată în jurnalul de autentificări cu acest cod.

## 88000634 AccountConsentNotFound
err-88000634-meaning = Aplicația al cărei acces îl retrage utilizatorul nu are acordul acestui utilizator. Un utilizator își poate retrage doar propriile acorduri.
err-88000634-causes = Acordul a fost deja retras (în altă filă sau de un administrator). Formularul a fost modificat pentru a numi altă aplicație sau acordul altui utilizator.
err-88000634-fix-user = Reîncărcați pagina contului: lista arată aplicațiile care au încă permisiunea dumneavoastră.
err-88000634-fix-dev = Nimic de schimbat într-o aplicație. După retragere, tokenurile de reîmprospătare ale aplicației pentru utilizator sunt refuzate (invalid_grant), iar următoarea autentificare cere din nou acordul.

## 88000635 AccountRecentSignInRequired
err-88000635-meaning = Eliminarea unui al doilea factor necesită o autentificare cu ambii pași (parolă și cod) în ultimele zece minute, așa cum o cere o aplicație cu max_age și acr_values (OpenID Connect Core 1.0 secțiunea 3.1.2.1). Pagina contului îl trece atunci pe utilizator printr-o asemenea autentificare și înapoi.
err-88000635-causes = Utilizatorul s-a autentificat acum mai mult de zece minute sau fără al doilea pas.
err-88000635-fix-user = Autentificați-vă din nou cu parola și un cod din aplicația de autentificare (sau un cod de recuperare), apoi repetați modificarea.
err-88000635-fix-dev = Nimic de schimbat: verificarea prospețimii împiedică un browser lăsat autentificat să elimine al doilea factor al unui utilizator.

## 88000636 AccountTotpNotEnrolled
err-88000636-meaning = Utilizatorul a cerut eliminarea aplicației de autentificare, dar nu are niciuna.
err-88000636-causes = A fost deja eliminată, în altă filă sau de un administrator (sigil user reset-factors).
err-88000636-fix-user = Reîncărcați pagina contului pentru a vedea metodele de autentificare actuale.
err-88000636-fix-dev = Nimic de schimbat într-o aplicație.

## 88000637 AccountTotpAlreadyEnrolled
err-88000637-meaning = Utilizatorul a cerut configurarea unei aplicații de autentificare deși una este configurată. Sigil păstrează una per utilizator, ca să nu poată fi adăugată alta neobservat dintr-un browser lăsat autentificat.
err-88000637-causes = Aplicația a fost configurată între timp în altă filă. Utilizatorul vrea să treacă pe un telefon nou.
err-88000637-fix-user = Pentru a trece pe un telefon nou, eliminați mai întâi aplicația de autentificare (vă autentificați din nou cu un cod), apoi configurați-o pe telefonul nou.
err-88000637-fix-dev = Nimic de schimbat într-o aplicație.
## 88000700 ScimInvalidFilter
err-88000700-meaning = Parametrul filter al unei cereri SCIM de listare nu este un filtru conform RFC 7644 secțiunea 3.4.2.2, depășește 8 KiB sau este imbricat pe mai mult de 32 de niveluri. Răspunsul este o eroare SCIM cu scimType invalidFilter.
err-88000700-causes = Un operator scris greșit (eq, ne, co, sw, ew, pr, gt, ge, lt, le), o valoare text fără ghilimele duble, o paranteză sau o acoladă pătrată neînchisă.
err-88000700-fix-user = Această pagină nu este destinată dvs.; reveniți la aplicația pe care o foloseați.
err-88000700-fix-dev = Puneți valorile text între ghilimele duble, de exemplu userName eq "alice", și codificați filtrul în URL. docs/scim.md descrie ce acceptă Sigil.
## 88000701 ScimInvalidPath
err-88000701-meaning = O operație a unei cereri SCIM PATCH numește o cale care nu este o cale de atribut conform RFC 7644 secțiunea 3.5.2, cum ar fi name.givenName sau emails[type eq "work"].value.
err-88000701-causes = O greșeală de scriere în cale, o paranteză pătrată neînchisă, text după filtrul de valori în afara unui sub-atribut, un sub-atribut al unui atribut care nu are.
err-88000701-fix-user = Această pagină nu este destinată dvs.; reveniți la aplicația pe care o foloseați.
err-88000701-fix-dev = Trimiteți o cale ca în RFC 7644 secțiunea 3.5.2; atributele sunt listate de GET /Schemas.
## 88000702 ScimNoTarget
err-88000702-meaning = O operație SCIM PATCH remove nu are cale sau filtrul ei de valori nu se potrivește cu nicio valoare a atributului (RFC 7644 secțiunea 3.5.2.2). Nu s-a modificat nimic.
err-88000702-causes = Valoarea a fost eliminată anterior (o cerere reîncercată). Filtrul numește o valoare pe care resursa nu o are sau compară alt sub-atribut.
err-88000702-fix-user = Această pagină nu este destinată dvs.; reveniți la aplicația pe care o foloseați.
err-88000702-fix-dev = Citiți resursa cu GET, apoi eliminați o valoare pe care o are; o eliminare are nevoie de cale.
## 88000703 ScimInvalidValue
err-88000703-meaning = O cerere SCIM a trimis o valoare de tip greșit sau care încalcă o regulă: un utilizator fără userName, active care nu este boolean, un membru care nu este utilizator al acestui tenant, o listă în loc de obiect.
err-88000703-causes = O mapare din clientul de provizionare trimite un atribut de tip greșit. Un membru al grupului a fost șters înainte de actualizarea grupului.
err-88000703-fix-user = Această pagină nu este destinată dvs.; reveniți la aplicația pe care o foloseați.
err-88000703-fix-dev = Comparați corpul cu GET /Schemas; detaliul erorii numește atributul.
## 88000704 ScimInvalidSyntax
err-88000704-meaning = Corpul unei cereri SCIM nu este un obiect JSON sau un corp PATCH nu conține schema PatchOp și o listă Operations cu add, remove sau replace (RFC 7644 secțiunea 3.5.2).
err-88000704-causes = Un client care trimite un document JSON simplu în loc de un mesaj PatchOp sau o operație diferită de add, remove și replace.
err-88000704-fix-user = Această pagină nu este destinată dvs.; reveniți la aplicația pe care o foloseați.
err-88000704-fix-dev = Trimiteți urn:ietf:params:scim:api:messages:2.0:PatchOp în schemas și modificările în Operations.
## 88000705 ScimMutability
err-88000705-meaning = Un SCIM PATCH a încercat să modifice un atribut doar pentru citire: id, meta sau groups al unui utilizator (apartenența se modifică prin members ale grupului).
err-88000705-causes = Un client care modifică groups al utilizatorului în loc de members ale grupului sau care trimite un id nou.
err-88000705-fix-user = Această pagină nu este destinată dvs.; reveniți la aplicația pe care o foloseați.
err-88000705-fix-dev = Modificați apartenența cu PATCH pe /Groups/<id> (members); nu modificați niciodată id.
## 88000706 ScimTooMany
err-88000706-meaning = Filtrul nu este unul la care Sigil răspunde dintr-un index (userName, externalId, id sau displayName eq, members.value eq), iar tenantul are mai multe resurse decât scanează Sigil pentru o cerere (10.000).
err-88000706-causes = Un client de provizionare care listează toți utilizatorii cu un filtru larg, într-un tenant mare. Sau o cerere PATCH cu mai mult de 1.000 de operații.
err-88000706-fix-user = Această pagină nu este destinată dvs.; reveniți la aplicația pe care o foloseați.
err-88000706-fix-dev = Filtrați după userName, externalId sau id cu eq, cum face provizionarea Entra.
## 88000620 UserCancelledSignIn
err-88000620-meaning = Pe pagina de autentificare utilizatorul a ales să revină la aplicație în loc să se autentifice, așa că aplicația primește access_denied (RFC 6749, secțiunea 4.1.2.1) și niciun cod.
err-88000620-causes = Utilizatorul nu a vrut să se autentifice acum, a deschis aplicația greșită sau nu a recunoscut cererea de autentificare.
err-88000620-fix-user = Porniți din nou din aplicație când doriți să vă autentificați.
err-88000620-fix-dev = Tratați access_denied ca pe alegerea utilizatorului: afișați propria pagină cu o cale de a vă autentifica din nou și nu reîncercați automat.

## 88000621 TenantLogoNotFound
err-88000621-meaning = A fost cerută adresa logoului acestei organizații, dar organizația nu are un logo încărcat (poate folosi un logo de pe alt site sau niciunul).
err-88000621-causes = Logoul a fost eliminat sau înlocuit cu un link prin sigil tenant branding sau prin fișierul de import, iar o pagină sau un cache indică încă adresa veche.
err-88000621-fix-user = Nu trebuie să faceți nimic: paginile de autentificare funcționează și fără logo.
err-88000621-fix-dev = Încărcați un logo cu sigil tenant branding NUME --logo-file FIȘIER sau setați logo_file în [tenant.branding] din fișierul de import.
## 88000600 PasskeyChallengeUsed
err-88000600-meaning = Provocarea WebAuthn semnată de acest răspuns a fost deja consumată. Fiecare provocare este acceptată o singură dată (W3C WebAuthn §13.4.3), astfel încât un răspuns interceptat nu poate fi retrimis.
err-88000600-causes = Formularul a fost trimis de două ori. Butonul Înapoi al browserului a retrimis o pagină veche. Cineva a retrimis un răspuns interceptat.
err-88000600-fix-user = Reveniți la aplicație și conectați-vă din nou.
err-88000600-fix-dev = Nimic de schimbat în aplicație. Operatori: jurnalul de conectări înregistrează provocarea refolosită.

## 88000601 PasskeyOriginMismatch
err-88000601-meaning = Originea raportată de browser în răspuns (clientDataJSON.origin) nu este printre originile permise ale părții de încredere: adresa publică Sigil și [passkeys] origins.
err-88000601-causes = Sigil rulează în spatele unui proxy sau sub alt nume de gazdă decât server.public_url, iar [passkeys] origins nu îl conține. O pagină de phishing a retransmis răspunsul.
err-88000601-fix-user = Deschideți din nou pagina de conectare din aplicație, nu dintr-un marcaj sau dintr-un link primit într-un mesaj.
err-88000601-fix-dev = Setați server.public_url la adresa pe care o văd utilizatorii sau adăugați originea în [passkeys] origins (docs/passkeys.md).

## 88000602 PasskeyRpIdMismatch
err-88000602-meaning = Autentificatorul a semnat pentru alt identificator al părții de încredere: hash-ul din răspuns (rpIdHash) nu este SHA-256 al identificatorului Sigil ([passkeys] rp_id, implicit gazda din server.public_url).
err-88000602-causes = [passkeys] rp_id a fost schimbat după înregistrarea cheilor. A fost prezentată cheia altui site. Un răspuns modificat.
err-88000602-fix-user = Conectați-vă cu parola, apoi adăugați din nou cheia de acces pe pagina cheilor de acces.
err-88000602-fix-dev = Păstrați [passkeys] rp_id neschimbat: cheile sunt legate de el. Schimbarea lui obligă toți utilizatorii să se înregistreze din nou.

## 88000603 PasskeyCounterRegressed
err-88000603-meaning = Contorul de semnături al cheii nu a crescut (W3C WebAuthn §6.1.1): autentificatorul a fost probabil clonat. Sigil marchează cheia și o refuză de acum înainte.
err-88000603-causes = O copie a cheii private este folosită pe alt dispozitiv. Un autentificator restaurat dintr-o copie de rezervă veche.
err-88000603-fix-user = Eliminați cheia blocată pe pagina cheilor de acces și adăugați-o din nou; dacă nu ați copiat-o, schimbați parola și anunțați administratorul.
err-88000603-fix-dev = Nimic de schimbat în aplicație. Operatori: jurnalul de conectări înregistrează contoarele; investigați contul.

## 88000604 PasskeyUnknown
err-88000604-meaning = Nicio cheie de acces a utilizatorului nu are identificatorul din răspuns, sau utilizatorul indicat nu există în acest tenant.
err-88000604-causes = Cheia a fost eliminată. Cheia aparține altui tenant sau site. Contul utilizatorului a fost șters.
err-88000604-fix-user = Conectați-vă cu parola, apoi adăugați o cheie de acces pe pagina cheilor de acces.
err-88000604-fix-dev = Nimic de schimbat în aplicație.

## 88000605 PasskeyUserNotVerified
err-88000605-meaning = Verificarea utilizatorului era obligatorie, iar răspunsul autentificatorului nu are indicatorul UV (W3C WebAuthn §7.2 pasul 17): nu s-a introdus niciun PIN, amprentă sau față.
err-88000605-causes = O cheie de securitate fără PIN. Un autentificator care verifică doar prezența (o atingere).
err-88000605-fix-user = Setați un PIN pe cheia de securitate sau folosiți blocarea ecranului dispozitivului, apoi încercați din nou.
err-88000605-fix-dev = Nimic de schimbat în aplicație: cheile de acces cer verificarea utilizatorului.

## 88000606 PasskeyAssertionInvalid
err-88000606-meaning = Răspunsul a eșuat la o verificare WebAuthn alta decât originea, identificatorul părții de încredere, contorul și verificarea utilizatorului: semnătura, tipul sau formatul.
err-88000606-causes = O extensie a browserului a modificat răspunsul. O cerere modificată sau trunchiată. Un autentificator cu o implementare defectă.
err-88000606-fix-user = Încercați din nou; dacă eșuează în continuare, conectați-vă cu parola.
err-88000606-fix-dev = Operatori: jurnalul de conectări înregistrează motivul dat de bibliotecă.

## 88000607 PasskeyRegistrationFailed
err-88000607-meaning = Răspunsul de înregistrare a eșuat la o verificare WebAuthn (W3C WebAuthn §7.1) sau cheia este deja înregistrată pentru utilizator.
err-88000607-causes = Același autentificator a fost adăugat de două ori. Ceremonia a expirat (5 minute). Originea sau identificatorul părții de încredere nu se potrivește.
err-88000607-fix-user = Deschideți din nou pagina cheilor de acces și adăugați cheia încă o dată.
err-88000607-fix-dev = Operatori: jurnalul de conectări înregistrează motivul dat de bibliotecă.
