# Catalogul de erori Sigil, română: descrierile scurte (error_description afișat în pagini).
# Substituenți: $param $value $client $tenant $method $grant_type $scope $api $reason

err-50000-description = Serviciul de conectare nu a putut emite un token din cauza unei probleme interne.
err-90033-description = Depozitul de date al serviciului de conectare este temporar indisponibil. Încercați din nou în scurt timp.
err-90002-description = Locatarul „{ $tenant }” nu a fost găsit. Verificați numele sau ID-ul locatarului din URL-ul solicitării.
err-900144-description = Solicitarea trebuie să conțină parametrul „{ $param }”.
err-9002313-description = Solicitarea este formată incorect: { $reason }.
err-88000001-description = Punctul final de token acceptă numai corpuri de solicitare application/x-www-form-urlencoded.
err-88000002-description = Parametrul „{ $param }” apare de mai multe ori; fiecare parametru poate fi trimis o singură dată.
err-88000003-description = Solicitarea folosește mai multe metode de autentificare a clientului; utilizați exact una.
err-88000004-description = Valoarea „{ $value }” nu este acceptată pentru parametrul „{ $param }”.
err-9002325-description = Pentru acest client este necesară Proof Key for Code Exchange (PKCE): trimiteți code_challenge cu metoda S256.
err-700016-description = Aplicația „{ $client }” nu a fost găsită în locatarul „{ $tenant }”.
err-7000215-description = Secretul clientului furnizat pentru aplicația „{ $client }” nu este valid.
err-7000222-description = Secretul clientului furnizat pentru aplicația „{ $client }” a expirat.
err-7000218-description = Solicitarea trebuie să conțină acreditările clientului (client_secret) pentru aplicația confidențială „{ $client }”.
err-700025-description = Clientul este public, deci nu trebuie să prezinte un secret al clientului.
err-88000005-description = Clientul nu este înregistrat pentru metoda de autentificare „{ $method }”.
err-88000006-description = Antetul Authorization nu conține acreditări valide ale clientului.
err-70000-description = Codul de autorizare sau tokenul de reîmprospătare furnizat nu este valid.
err-70008-description = Codul de autorizare sau tokenul de reîmprospătare furnizat a expirat.
err-54005-description = Codul de autorizare a fost deja valorificat; toate tokenurile emise pe baza lui au fost revocate.
err-88000007-description = Codul de autorizare sau tokenul de reîmprospătare a fost emis pentru alt client.
err-501481-description = Valoarea code_verifier nu corespunde valorii code_challenge furnizate în solicitarea de autorizare.
err-88000008-description = Valoarea redirect_uri nu corespunde celei folosite în solicitarea de autorizare.
err-88000009-description = Tokenul de reîmprospătare a fost deja utilizat; din motive de securitate, întreaga acordare a fost revocată. Conectați-vă din nou.
err-50173-description = Acordarea a fost revocată. Conectați-vă din nou.
err-88000010-description = Tokenul de reîmprospătare a atins durata maximă de viață. Conectați-vă din nou.
err-50126-description = Numele de utilizator sau parola nu sunt valide.
err-50034-description = Contul de utilizator nu există în acest locatar.
err-50057-description = Contul de utilizator este dezactivat.
err-50053-description = Contul este blocat după prea multe încercări de conectare nereușite. Încercați din nou mai târziu.
err-88000011-description = Clientul nu are permisiunea de a utiliza tipul de acordare „{ $grant_type }”.
err-501051-description = Aplicația nu deține nicio permisiune pentru API-ul „{ $api }”.
err-70003-description = Tipul de acordare „{ $grant_type }” nu este acceptat.
err-70011-description = Domeniul „{ $scope }” nu este valid.
err-500011-description = API-ul „{ $api }” nu a fost găsit în acest locatar.
err-88000012-description = Domeniul „{ $scope }” nu a fost acordat aplicației.
err-28000-description = Parametrul scope numește mai multe API-uri; solicitați tokenuri pentru câte un singur API.
err-50011-description = URI-ul de redirecționare din solicitare nu este înregistrat pentru aplicație.
err-88000020-description = Tipul de răspuns „{ $value }” nu este acceptat; utilizați „code”.
err-50058-description = Niciun utilizator nu este conectat, iar solicitarea nu a permis afișarea unei pagini de conectare.
err-65001-description = Utilizatorul nu și-a dat consimțământul pentru permisiunile solicitate de aplicație.
err-65004-description = Utilizatorul a refuzat să își dea consimțământul pentru solicitarea aplicației.
err-88000021-description = Formularul a expirat sau nu a fost trimis de această pagină de conectare. Reluați conectarea.
err-88000022-description = Conectarea a durat prea mult și a expirat. Reluați conectarea.
err-88000030-description = Tokenul de acces lipsește, nu este valid, a expirat sau a fost revocat.
err-88000031-description = Tokenul de acces nu conține domeniul necesar pentru acest punct final.
err-88000040-description = URI-ul de redirecționare după deconectare nu este înregistrat pentru aplicație.
err-88000041-description = Valoarea id_token_hint nu este un token ID valid emis de acest locatar.
err-88000050-description = Acest punct final administrativ necesită acreditarea de administrator.
err-88000060-description = Pagina sau punctul final solicitat nu există.

# issue 17, input limits and protocol conformance
err-88000100-description = Corpul solicitării depășește cei { $limit } octeți pe care îi acceptă Sigil.
err-88000101-description = Solicitarea are mai mult de { $limit } parametri.
err-88000102-description = Parametrul scope are mai mult de { $values } valori sau depășește { $bytes } octeți.
err-88000103-description = Acest punct final nu acceptă metoda { $method }; antetul Allow enumeră metodele pe care le acceptă.
err-88000104-description = Parametrul „{ $param }” depășește { $limit } octeți.
err-88000140-description = Tokenul de acces a fost trimis în mai multe moduri în aceeași cerere.
err-88000120-description = De la această adresă au venit prea multe acreditări de administrator greșite; așteptați înainte de a încerca din nou.
err-88000121-description = Cererea a durat mai mult decât permite serverul pentru o cerere și a fost oprită.
err-88000160-description = Formularul nu aparține acestui pas al conectării sau sesiunii dvs. Reluați conectarea.
err-88000200-description = Clientul „{ $client }” nu are voie să introspecteze tokenuri.
err-88000210-description = Resursa „{ $resource }” nu este o țintă pentru care acest client poate obține un token.
err-70016-description = Utilizatorul nu a terminat încă autentificarea pe pagina de verificare; continuați interogarea.
err-70019-description = Codul dispozitivului a expirat; reluați autentificarea pe dispozitiv.
err-88000220-description = Dispozitivul a interogat mai des decât permite intervalul; așteptați mai mult între interogări.
err-88000221-description = Utilizatorul a refuzat cererea de autentificare pe pagina de verificare.
err-70018-description = Codul introdus este greșit sau a expirat. Verificați codul afișat pe dispozitiv și încercați din nou.
err-88000222-description = De la această adresă s-au introdus prea multe coduri greșite; așteptați câteva minute înainte de a încerca din nou.

# issue 19, single-page applications
err-9002327-description = Tokenurile emise pentru aplicația cu o singură pagină '{ $client }' pot fi valorificate numai prin solicitări cross-origin dintr-un browser.
