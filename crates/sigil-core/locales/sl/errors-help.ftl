# Katalog napak Sigil, slovenščina: pomoč pri odpravljanju težav (pomen, vzroki, rešitev za uporabnika in za razvijalca).

## 50000 TokenIssuanceError
err-50000-meaning = Sigil je med obdelavo zahteve naletel na nepričakovano notranjo težavo, zato ni izdal nobenega žetona. Sama zahteva je bila morda povsem veljavna.
err-50000-causes = Operacija v shrambi ni uspela na način, ki ni zgolj izpad, na primer zaradi konflikta ali neberljivega zapisa. Ključa za podpisovanje ni bilo mogoče uporabiti ali pa vrednosti, zapečatene z glavnim ključem, ni bilo mogoče odpreti. Do te napake lahko privede tudi napaka v storitvi Sigil.
err-50000-fix-user = Počakajte trenutek in poskusite znova. Če se težava ponavlja, se obrnite na podporo za aplikacijo ter ji sporočite čas poskusa in morebitni prikazani ID sledenja.
err-50000-fix-dev = Zaženite sigil logs --trace-id <id> z ID-jem sledenja iz odgovora, da v dnevniku vpisov vidite zabeleženi notranji razlog, in preverite shrambo ter dnevnik strežnika okoli tega časa. Avtorizacijske kode, porabljene pred napako, ni mogoče znova unovčiti, zato začnite novo avtorizacijsko zahtevo, namesto da znova poskušate z isto kodo.

## 90033 TransientStoreError
err-90033-meaning = Sigil trenutno ni mogel doseči svoje shrambe podatkov, zato zahteve ni mogel dokončati. Stanje naj bi bilo kratkotrajno, odgovor pa v glavi Retry-After navaja, kdaj poskusiti znova.
err-90033-causes = Zbirka podatkov se znova zaganja, ni dosegljiva ali je preobremenjena. Vse povezave v naboru povezav so bile zasedene in čakanje na prosto povezavo je poteklo. Težava v omrežju ločuje Sigil od njegove shrambe.
err-90033-fix-user = Počakajte nekaj sekund in poskusite znova.
err-90033-fix-dev = Upoštevajte glavo Retry-After in poskusite znova s postopno daljšimi premori, namesto da takoj javite napako. Upravljavci naj preverijo razpoložljivost shrambe in omejitve povezav ter zaženejo sigil logs --trace-id <id>, da vidijo natančno napako shrambe.

## 90002 TenantNotFound
err-90002-meaning = Najemnik, naveden v URL-ju zahteve, v tej namestitvi storitve Sigil ne obstaja. Brez njega Sigil ne ve, katere aplikacije, uporabnike in ključe naj uporabi.
err-90002-causes = Ime ali ID najemnika v poti je napačno zapisano ali pripada drugemu okolju. Najemnik je bil odstranjen ali še ni bil pripravljen. Aplikacija je bila konfigurirana z URL-jem avtoritete iz druge namestitve.
err-90002-fix-user = Obrnite se na podporo za aplikacijo; gre za težavo s konfiguracijo, ki je ne morete odpraviti sami.
err-90002-fix-dev = Segment najemnika v URL-ju avtoritete ali končne točke primerjajte z najemniki v datoteki za pripravo; Sigil sprejme ime najemnika ne glede na velikost črk ali njegov ID. URL-je končnih točk vzemite iz dokumenta za odkrivanje najemnika, namesto da jih sestavljate ročno.

## 900144 MissingParameter
err-900144-meaning = Parameter, ki ga mora ta zahteva vsebovati, ni bil poslan. Parameter, poslan s prazno vrednostjo, se šteje za neposlanega.
err-900144-causes = Aplikacija je izpustila obvezen parameter, kot je grant_type, client_id, code, redirect_uri, code_verifier, refresh_token, username, password ali scope. Parameter je bil poslan s prazno vrednostjo, na primer zato, ker je bila nastavitev v konfiguraciji prazna. Možnost knjižnice, ki doda parameter, je bila izklopljena, na primer PKCE v javnem odjemalcu, zato parameter code_verifier ni bil poslan.
err-900144-fix-user = Poskusite znova. Če znova pride do iste napake, se obrnite na podporo za aplikacijo.
err-900144-fix-dev = Vrednost error_description navaja manjkajoči parameter: pošljite ga z neprazno vrednostjo. Zahteve s poverilnicami odjemalca morajo vsebovati scope, ki navaja en API, na primer api://reports/.default, javni odjemalci pa morajo pri unovčenju kode poslati code_verifier.

## 9002313 MalformedRequest
err-9002313-meaning = Sigil zahteve ni mogel obdelati, ker je nekaj v njeni zgradbi narobe. Vrednost error_description navaja, kaj je bilo ugotovljeno.
err-9002313-causes = Vrednost client_id v telesu obrazca se razlikuje od vrednosti client_id v glavi Authorization. Vrednost parametra ni v obliki, ki jo parameter zahteva. Telo zahteve je bilo prirezano ali nepravilno kodirano.
err-9002313-fix-user = Poskusite znova. Če znova pride do iste napake, se obrnite na podporo za aplikacijo.
err-9002313-fix-dev = Preberite razlog v vrednosti error_description ali ga prikažite z ukazom sigil logs --trace-id <id>. Pri načinu client_secret_basic parameter client_id izpustite iz telesa ali pošljite natanko isto vrednost kot v glavi.

## 88000001 UnsupportedContentType
err-88000001-meaning = Končna točka žetona je prejela telo zahteve v obliki, ki je ne bere. Sprejema samo telesa application/x-www-form-urlencoded, kot zahteva OAuth 2.0.
err-88000001-causes = Aplikacija je končni točki žetona poslala JSON. Poslala je multipart/form-data ali pa sploh ni poslala glave Content-Type. Odjemalec HTTP ali posredniški strežnik je na poti spremenil glavo Content-Type.
err-88000001-fix-user = Obrnite se na podporo za aplikacijo; aplikacijo je treba popraviti.
err-88000001-fix-dev = Zahteve za žeton pošiljajte z metodo POST in glavo Content-Type application/x-www-form-urlencoded, vsak parameter v telesu pa kodirajte za URL. Knjižnice OAuth to že naredijo same; težava običajno izvira iz ročno napisanih klicev HTTP.

## 88000002 DuplicateParameter
err-88000002-meaning = Zahteva je isti parameter vsebovala večkrat. OAuth 2.0 tega ne dovoljuje, ker Sigil ne more vedeti, katera od vrednosti je bila mišljena.
err-88000002-causes = Isti parameter, na primer client_id ali scope, sta dodali tako koda aplikacije kot njena knjižnica OAuth. Več obsegov je bilo poslanih kot ločeni parametri scope namesto kot en seznam. URL je bil sestavljen tako, da so bili parametri dodani URL-ju, ki jih je že vseboval.
err-88000002-fix-user = Poskusite znova. Če znova pride do iste napake, se obrnite na podporo za aplikacijo.
err-88000002-fix-dev = Vsak parameter pošljite natanko enkrat; vrednost error_description navaja ponovljeni parameter. Vse obsege vnesite v en sam parameter scope in jih ločite s presledki.

## 88000003 MultipleClientAuthentication
err-88000003-meaning = Aplikacija se je v isti zahtevi identificirala z več kot enim načinom preverjanja pristnosti. OAuth 2.0 dovoljuje natanko en način na zahtevo.
err-88000003-causes = Aplikacija je poslala glavo Authorization Basic in hkrati v telo vnesla client_secret. Skupaj s skrivnostjo je poslala client_assertion. Knjižnica je bila nastavljena za en način, koda pa poleg tega ročno dodaja poverilnice.
err-88000003-fix-user = Obrnite se na podporo za aplikacijo; aplikacijo je treba popraviti.
err-88000003-fix-dev = Izberite en način med registriranimi auth_methods odjemalca: client_secret_basic s poverilnicami samo v glavi Authorization ali client_secret_post s parametroma client_id in client_secret samo v telesu. Druge poverilnice odstranite iz zahteve.

## 88000004 UnsupportedParameterValue
err-88000004-meaning = Parameter je bil prisoten, vendar Sigil ne podpira njegove vrednosti. Vrednost error_description navaja parameter in vrednost.
err-88000004-causes = Parameter code_challenge_method je imel vrednost plain ali pa je bil izpuščen, zato je bila privzeta vrednost plain, najemnik pa vrednosti plain ne sprejema. Vrednost pripada funkciji protokola, ki je Sigil ne izvaja. Vrednost vsebuje tipkarsko napako ali napačno velikost črk.
err-88000004-fix-user = Obrnite se na podporo za aplikacijo; aplikacijo je treba popraviti.
err-88000004-fix-dev = Za navedeni parameter pošljite vrednost, ki jo Sigil podpira. Za PKCE vedno pošljite code_challenge_method=S256 skupaj s code_challenge.

## 9002325 PkceRequired
err-9002325-meaning = Ta aplikacija mora uporabljati Proof Key for Code Exchange (PKCE) z metodo S256, zahteva pa tega ni storila. Brez PKCE bi lahko prestreženo avtorizacijsko kodo unovčil nekdo drug.
err-9002325-causes = Javni odjemalec, kot je mobilna ali namizna aplikacija ali aplikacija z eno stranjo, je začel vpis brez parametra code_challenge. Koda, ki se unovčuje, je bila izdana brez izziva, javni odjemalci pa takšnih kod ne morejo unovčiti. PKCE je v knjižnici OAuth aplikacije izklopljen.
err-9002325-fix-user = Obrnite se na podporo za aplikacijo; aplikacijo je treba popraviti.
err-9002325-fix-dev = Za vsako avtorizacijsko zahtevo ustvarite naključen code_verifier z dolžino od 43 do 128 znakov, kot code_challenge pošljite njegovo zgoščeno vrednost SHA-256, kodirano v base64url, skupaj s code_challenge_method=S256, pri unovčenju kode pa pošljite isti code_verifier. Sigil to zahteva od vsakega javnega odjemalca.

## 700016 UnauthorizedClientApplicationNotFound
err-700016-meaning = V tem najemniku ni registrirana nobena aplikacija z navedenim client_id, zato Sigil ne more ugotoviti, katera aplikacija pošilja zahtevo.
err-700016-causes = Vrednost client_id je napačno zapisana ali kopirana iz drugega okolja. Zahteva v URL-ju uporablja napačnega najemnika. Aplikacija je bila odstranjena ali v tem najemniku nikoli ni bila pripravljena.
err-700016-fix-user = Obrnite se na podporo za aplikacijo; aplikacija v tej storitvi za vpis ni pravilno nastavljena.
err-700016-fix-dev = Poslano vrednost client_id, v telesu ali v glavi Authorization, primerjajte z odjemalci v datoteki za pripravo najemnika. Preverite, ali segment najemnika v URL-ju ustreza najemniku, v katerem je odjemalec registriran.

## 7000215 InvalidClientSecret
err-7000215-meaning = Skrivnost odjemalca, ki jo je poslala aplikacija, se ne ujema z nobeno skrivnostjo, registrirano zanjo, zato pristnosti aplikacije ni bilo mogoče preveriti.
err-7000215-causes = Skrivnost je bila napačno vnesena, prirezana ali kopirana z odvečnimi presledki. Aplikacija uporablja skrivnost, ki je bila odstranjena, ali skrivnost, ki pripada drugemu odjemalcu ali okolju. Pri načinu client_secret_basic posebni znaki v skrivnosti pred kodiranjem v Base64 niso bili kodirani v obliki form-urlencoded, kot zahteva RFC 6749.
err-7000215-fix-user = Obrnite se na podporo za aplikacijo; napačne so poverilnice aplikacije, ne vaše.
err-7000215-fix-dev = Sigil za vsako skrivnost hrani samo zgoščeno vrednost s ključem in je ne more znova prikazati, zato v primeru izgube pravilne vrednosti z ukazom sigil client secret add ustvarite novo in jo uvedite. Pri načinu client_secret_basic client_id in skrivnost kodirajte v obliki form-urlencoded, preden ju združite z dvopičjem in rezultat kodirate v Base64.

## 7000222 ExpiredClientSecret
err-7000222-meaning = Aplikacija je poslala eno od svojih registriranih skrivnosti, vendar je veljavnost te skrivnosti potekla in ni več sprejeta.
err-7000222-causes = Skrivnost je dosegla datum poteka, nadomestna pa ni bila uvedena. Ustvarjena je bila nova skrivnost, vendar en primerek aplikacije še vedno uporablja staro.
err-7000222-fix-user = Obrnite se na podporo za aplikacijo; poverilnice aplikacije je treba obnoviti.
err-7000222-fix-dev = Z ukazom sigil client secret add ustvarite novo skrivnost, jo uvedite v vse primerke aplikacije in nato odstranite poteklo. Ukaz sigil logs --trace-id <id> pokaže, kateri skrivnosti je potekla veljavnost in kdaj; naslednjo zamenjavo načrtujte pred tem datumom.

## 7000218 MissingClientCredentials
err-7000218-meaning = Aplikacija je registrirana kot zaupna, zato mora svojo identiteto dokazati s skrivnostjo odjemalca, vendar je zahteva vsebovala samo njen client_id.
err-7000218-causes = Skrivnost v aplikaciji ni konfigurirana ali pa je nastavitev prazna. Zaupna aplikacija izvaja kodo, napisano za javne odjemalce. Posredniški strežnik je odstranil glavo Authorization.
err-7000218-fix-user = Obrnite se na podporo za aplikacijo; aplikacijo je treba popraviti.
err-7000218-fix-dev = Skrivnost pošljite z enim od registriranih auth_methods odjemalca: v glavi Authorization Basic ali kot client_secret v telesu obrazca. Če se aplikacija izvaja v napravi uporabnika in skrivnosti ne more varovati, jo registrirajte kot javnega odjemalca z auth_methods none in uporabite PKCE.

## 700025 PublicClientSentSecret
err-700025-meaning = Aplikacija je registrirana kot javni odjemalec, torej odjemalec, ki skrivnosti ne more varovati, kljub temu pa je predložila skrivnost odjemalca. Sigil zahtevo zavrne, namesto da bi skrivnost prezrl.
err-700025-causes = Skrivnost je vgrajena v mobilno, namizno ali brskalniško aplikacijo, ki je registrirana kot javna. Registracija je bila spremenjena v javno, aplikacija pa še vedno pošilja staro skrivnost. Strežniška aplikacija uporablja client_id javnega odjemalca.
err-700025-fix-user = Obrnite se na podporo za aplikacijo; aplikacijo je treba popraviti.
err-700025-fix-dev = Aplikacija, ki se izvaja v napravi uporabnika, naj ne pošilja ne glave Authorization Basic ne parametra client_secret; identificirajte jo s client_id, kodo pa zaščitite s PKCE. Če je aplikacija strežnik, ki lahko varuje skrivnost, jo registrirajte kot zaupno z vrednostjo client_secret_basic ali client_secret_post v auth_methods.

## 88000005 ClientAuthMethodNotAllowed
err-88000005-meaning = Aplikacija je preverila pristnost na način, ki ga njena registracija ne dovoljuje ali ga Sigil ne podpira. Vrednost error_description navaja uporabljeni način.
err-88000005-causes = Aplikacija je skrivnost poslala v telesu (client_secret_post), registrirana pa je samo za glavo Authorization (client_secret_basic), ali obratno. Poslala je client_assertion (private_key_jwt), ki ga Sigil ne podpira. Javni odjemalec, katerega auth_methods ne vključujejo vrednosti none, je poslal samo svoj client_id.
err-88000005-fix-user = Obrnite se na podporo za aplikacijo; aplikacijo je treba popraviti.
err-88000005-fix-dev = Poskrbite, da aplikacija uporablja način, naveden v auth_methods odjemalca, ali pa način, ki ga uporablja, dodajte v auth_methods v datoteki za pripravo. Namesto client_assertion uporabite skrivnost odjemalca.

## 88000006 MalformedClientCredentials
err-88000006-meaning = Zahteva je imela glavo Authorization s shemo Basic, vendar Sigil iz nje ni mogel prebrati vrednosti client_id in skrivnosti.
err-88000006-causes = Vrednost za besedo Basic ni veljaven Base64. Dekodirano besedilo ni v kodiranju UTF-8, ne vsebuje dvopičja ali ima prazen client_id. Znaki v client_id ali skrivnosti niso pravilno kodirani v obliki form-urlencoded.
err-88000006-fix-user = Obrnite se na podporo za aplikacijo; aplikacijo je treba popraviti.
err-88000006-fix-dev = Glavo sestavite iz besede Basic, presledka in kodiranja Base64 niza, ki ga sestavljajo client_id, dvopičje in skrivnost, pri čemer client_id in skrivnost najprej kodirate v obliki form-urlencoded (RFC 6749, razdelek 2.3.1). Ukaz sigil logs --trace-id <id> pokaže, katero preverjanje ni uspelo.

## 70000 InvalidGrant
err-70000-meaning = Avtorizacijska koda ali žeton za osveževanje, poslan končni točki žetona, ni vrednost, ki bi jo Sigil prepoznal. Sigil hrani samo zgoščene vrednosti teh podatkov, zato lahko pove le, da je vrednost neznana.
err-70000-causes = Koda ali žeton je bil prirezan, spremenjen, dvakrat kodiran ali zamenjan z drugo vrednostjo. Izdal ga je drug najemnik ali druga namestitev storitve Sigil. Aplikacija je poslala žeton za dostop ali žeton ID, kjer je bil pričakovan žeton za osveževanje.
err-70000-fix-user = Znova se vpišite.
err-70000-fix-dev = Kodo in žeton za osveževanje posredujte natanko takšna, kot ste ju prejeli: kodo iz preusmeritve enkrat dekodirajte in jo v telesu obrazca enkrat kodirajte. Poskrbite, da zahteva za žeton prispe do najemnika in namestitve, ki je vrednost izdala.

## 70008 ExpiredOrInactiveGrant
err-70008-meaning = Avtorizacijska koda ali žeton za osveževanje je bil prepoznan, vendar je prestar za uporabo. Avtorizacijske kode potečejo 60 sekund po izdaji, žeton za osveževanje pa preneha delovati, če je predolgo neuporabljen.
err-70008-causes = Aplikacija je med prejemom kode in njenim unovčenjem čakala predolgo, na primer zaradi počasnega zalednega sistema ali zaustavljenega razhroščevalnika. Žeton za osveževanje je ostal neuporabljen dlje od omejitve nedejavnosti, na primer zato, ker uporabnik več tednov ni odprl aplikacije.
err-70008-fix-user = Znova se vpišite.
err-70008-fix-dev = Avtorizacijske kode unovčite takoj, ko prispe preusmeritev. Omejitev nedejavnosti žetona za osveževanje določa nastavitev refresh_token_inactivity (privzeto 14 dni) ali nastavitev odjemalca lifetimes.refresh_inactivity; ko je dosežena, začnite nov interaktivni vpis.

## 54005 AuthorizationCodeAlreadyRedeemed
err-54005-meaning = Avtorizacijska koda je bila že uporabljena. Koda deluje samo enkrat, in ker lahko druga uporaba pomeni, da je bila koda ukradena, je Sigil preklical tudi vse žetone, izdane na njeni podlagi.
err-54005-causes = Aplikacija je po poteku časovne omejitve znova poslala zahtevo za žeton, čeprav je prvi poskus že prispel do storitve Sigil. Stran za preusmeritev je bila naložena dvakrat, na primer zaradi osvežitve v brskalniku ali vnaprejšnjega nalaganja, in vsako nalaganje je unovčilo kodo. Prejšnje unovčenje ni uspelo, na primer zaradi redirect_uri ali code_verifier, in z isto kodo je bil izveden nov poskus, vendar jo je prvi poskus že porabil.
err-54005-fix-user = Znova se vpišite.
err-54005-fix-dev = Vsako kodo unovčite natanko enkrat in nikoli ne poskušajte znova z isto kodo; po vsakem neuspehu začnite novo avtorizacijsko zahtevo. Žetoni iz prvega unovčenja so zdaj preklicani, zato zavrzite vsako sejo, ki temelji na njih.

## 88000007 GrantIssuedToAnotherClient
err-88000007-meaning = Avtorizacijska koda ali žeton za osveževanje pripada drugi aplikaciji ali drugemu najemniku kot zahteva, v kateri je bil predložen. Kodo ali žeton lahko uporabi samo odjemalec, ki mu je bil izdan.
err-88000007-causes = Dve aplikaciji si delita predpomnilnik žetonov ali konfiguracijo in ena je uporabila žeton za osveževanje druge. Koda je bila unovčena z drugim client_id kot v avtorizacijski zahtevi. Zahteva je bila poslana drugemu najemniku kot tistemu, ki je izdal kodo ali žeton.
err-88000007-fix-user = Znova se vpišite. Če se težava ponovi, se obrnite na podporo za aplikacijo.
err-88000007-fix-dev = Za avtorizacijsko zahtevo, unovčenje kode in vsako osvežitev uporabljajte isti client_id in istega najemnika, predpomnilnike žetonov pa ločite po odjemalcih. Ukaz sigil logs --trace-id <id> pokaže, kateremu odjemalcu je bila izdana koda ali žeton.

## 501481 CodeVerifierMismatch
err-501481-meaning = Vrednost code_verifier, poslana z avtorizacijsko kodo, se ne ujema z vrednostjo code_challenge iz avtorizacijske zahteve, zato Sigil ne more biti prepričan, da je klicatelj aplikacija, ki je začela vpis.
err-501481-causes = Aplikacija je med korakoma izgubila ali prepisala preverjevalnik, na primer ko sta v različnih zavihkih hkrati potekala dva vpisa. Izziv je bil izračunan napačno, na primer s standardnim Base64 in zapolnitvijo namesto z base64url brez zapolnitve. Vrednost code_verifier je bila poslana za kodo, izdano brez izziva, ali pa preverjevalnik ni dolg od 43 do 128 dovoljenih znakov.
err-501481-fix-user = Znova se vpišite in pri tem uporabite en sam zavihek ali okno brskalnika.
err-501481-fix-dev = Vrednost code_verifier hranite skupaj s stanjem vsake avtorizacijske zahteve in pri unovčenju pošljite isto vrednost; code_challenge mora biti zgoščena vrednost SHA-256 preverjevalnika, kodirana v base64url brez zapolnitve. Ta poskus je porabil kodo, zato začnite novo avtorizacijsko zahtevo.

## 88000008 RedirectUriDoesNotMatchCode
err-88000008-meaning = Vrednost redirect_uri, poslana pri unovčenju kode, ni enaka tisti, ki je bila uporabljena v avtorizacijski zahtevi. OAuth 2.0 zahteva, da se natančno ujemata.
err-88000008-causes = Koraka URI zapišeta različno, na primer s končno poševnico in brez nje, z drugačno velikostjo črk ali z drugimi vrati. Aplikacija ima registriranih več URI-jev za preusmeritev in končni točki žetona pošlje drugega. Posredniški strežnik ali izravnalnik obremenitve spremeni shemo ali gostitelja, ki ju aplikacija uporabi za sestavljanje URI-ja.
err-88000008-fix-user = Znova se vpišite. Če znova pride do iste napake, se obrnite na podporo za aplikacijo.
err-88000008-fix-dev = V avtorizacijski zahtevi in v zahtevi za žeton pošljite isti niz redirect_uri, znak za znakom. Ta poskus je porabil kodo, zato po popravku začnite novo avtorizacijsko zahtevo.

## 88000009 RefreshTokenReused
err-88000009-meaning = Žeton za osveževanje, ki je bil že zamenjan za nove žetone, je bil po izteku kratkega okna za ponovne poskuse znova predložen. Ker to lahko pomeni, da je bil žeton ukraden, je Sigil preklical celotno odobritev, zato noben žeton za osveževanje iz tega vpisa ne deluje več.
err-88000009-causes = Aplikacija ni shranila novega žetona za osveževanje, vrnjenega ob osvežitvi, in je še naprej uporabljala starega. Dva procesa, niti ali zavihka si delita en žeton za osveževanje in sta ga osvežila v razmiku, daljšem od 10 sekund. Kopijo žetona za osveževanje je nekdo ukradel in jo uporabil.
err-88000009-fix-user = Znova se vpišite.
err-88000009-fix-dev = Vsaka osvežitev vrne nov žeton za osveževanje: zanesljivo ga shranite in prenehajte uporabljati starega. Ponovni poskus iste osvežitve v 10 sekundah prejme istega naslednika, vsaka poznejša ponovna uporaba pa prekliče odobritev, zato osvežitve med nitmi, procesi in zavihki izvajajte zaporedno.

## 50173 GrantRevoked
err-50173-meaning = Odobritev, ki ji pripada ta žeton za osveževanje, je bila preklicana, zato Sigil na njeni podlagi ne bo izdal nobenih žetonov več.
err-50173-causes = Odobritev je preklical skrbnik. Sigil jo je samodejno preklical, ko je zaznal ponovno uporabo žetona za osveževanje ali drugo unovčenje avtorizacijske kode. Druga zahteva je preklicala odobritev, medtem ko je ta osvežitev še potekala.
err-50173-fix-user = Znova se vpišite.
err-50173-fix-dev = To obravnavajte kot dokončno: zavrzite shranjene žetone in začnite interaktivni vpis. Če se to pogosto dogaja, v dnevniku vpisov poiščite prejšnje vnose 88000009 ali 54005 za istega odjemalca, ki kažejo na napako pri ravnanju z žetoni.

## 88000010 RefreshTokenMaxLifetimeExceeded
err-88000010-meaning = Vpis, iz katerega izvira ta žeton za osveževanje, je dosegel najdaljšo življenjsko dobo. Zamenjava žetona za osveževanje odobritve ne podaljša prek te omejitve.
err-88000010-causes = Uporabnik je z osvežitvami ostal vpisan dlje od najdaljše življenjske dobe odobritve. Odjemalec ima konfigurirano krajšo najdaljšo življenjsko dobo od privzete.
err-88000010-fix-user = Znova se vpišite.
err-88000010-fix-dev = V tem primeru začnite interaktivni vpis. Omejitev določa nastavitev refresh_token_max_lifetime (privzeto 90 dni) ali nastavitev odjemalca lifetimes.refresh_max v datoteki za pripravo.

## 50126 InvalidUserNameOrPassword
err-50126-meaning = Uporabniškega imena in gesla ni bilo mogoče preveriti. Zaradi varnosti Sigil vrne enak odgovor ne glede na to, ali je geslo napačno ali pa takšen uporabnik ne obstaja.
err-50126-causes = Geslo je napačno ali zastarelo ali pa je bilo vneseno z vklopljeno tipko Caps Lock ali z drugo razporeditvijo tipkovnice. Uporabniško ime je napačno zapisano ali pripada drugemu najemniku. Račun v tem najemniku ne obstaja; upravljavci ta primer v dnevniku vpisov vidijo kot 50034.
err-50126-fix-user = Preverite uporabniško ime in geslo ter poskusite znova; ponavljajoči se neuspešni poskusi za kratek čas blokirajo vpis iz vaše naprave. Če ste pozabili geslo, se obrnite na skrbnika.
err-50126-fix-dev = Zaženite sigil logs --trace-id <id>: dnevnik vpisov zabeleži 50034, če uporabnik ne obstaja, in 50126, če je bilo geslo napačno. Aplikaciji nikoli ne dovolite, da samodejno znova poskuša s shranjenim geslom, saj se vsak neuspeh šteje v pametno zaklepanje.

## 50034 UserAccountNotFound
err-50034-meaning = V najemniku ni uporabnika s tem uporabniškim imenom. Klicatelji te kode nikoli ne vidijo: prejmejo 50126, natanko tako kot pri napačnem geslu, da uporabniških imen ni mogoče preizkušati. Kodo 50034 vidijo samo upravljavci, in sicer v dnevniku vpisov.
err-50034-causes = Uporabniško ime je napačno zapisano ali zapisano v drugačni obliki od registrirane. Uporabnik pripada drugemu najemniku ali še ni bil pripravljen. Uporabnik, povezan z avtorizacijsko kodo ali žetonom za osveževanje, je bil po vpisu izbrisan.
err-50034-fix-user = Preverite, ali za to aplikacijo uporabljate pravo uporabniško ime, in poskusite znova. Če se še vedno ne morete vpisati, se obrnite na skrbnika.
err-50034-fix-dev = Preverite uporabnike, pripravljene v najemniku, in najemnika, navedenega v URL-ju zahteve. Enako diskretnost ohranite v svoji aplikaciji in ne razkrivajte, ali uporabniško ime obstaja.

## 50057 UserAccountDisabled
err-50057-meaning = Račun uporabnika obstaja, vendar je onemogočen, zato ga Sigil ne bo vpisal in zanj ne bo izdal novih žetonov.
err-50057-causes = Račun je onemogočil skrbnik, na primer ko je oseba zapustila organizacijo. Račun je bil onemogočen po vpisu uporabnika, aplikacija pa je nato poskušala osvežiti svoje žetone.
err-50057-fix-user = Obrnite se na skrbnika, da vam račun znova omogoči.
err-50057-fix-dev = Če bi uporabnik moral imeti dostop, ga v datoteki za pripravo označite kot omogočenega. Žetoni za osveževanje ne delujejo, dokler je račun onemogočen, zato naj aplikacija namesto ponovnih poskusov prikaže jasno sporočilo.

## 50053 IdsLocked
err-50053-meaning = Vpis tega uporabnika je zaradi prevelikega števila neuspešnih poskusov za kratek čas blokiran z naslova, s katerega je prišla zahteva. Zaklep se konča sam, drugi naslovi pa niso prizadeti.
err-50053-causes = Z istega naslova je bilo za uporabnika vneseno pet napačnih gesel, zato je Sigil uporabnika za ta naslov zaklenil za 60 sekund. Aplikacija ali skript nenehno znova poskuša z zastarelim shranjenim geslom. Nekdo drug poskuša s tega naslova uganiti geslo.
err-50053-fix-user = Počakajte minuto in se nato vpišite s pravilnim geslom. Če teh poskusov niste izvedli sami, o tem obvestite skrbnika.
err-50053-fix-dev = V dnevniku vpisov poiščite neuspešne poskuse uporabnika, da ugotovite njihov vir, in ustavite vse samodejne ponovne poskuse s shranjenimi gesli. Zaklep določajo nastavitve zaklepanja threshold, window in duration; privzeto 5 neuspehov v 600 sekundah zaklene uporabnika za ta naslov za 60 sekund.

## 88000011 GrantTypeNotAllowedForClient
err-88000011-meaning = Sigil podpira zahtevano vrsto odobritve, vendar ta aplikacija ni registrirana za njeno uporabo.
err-88000011-causes = Vrsta odobritve manjka v grant_types odjemalca, na primer client_credentials pri aplikaciji, registrirani samo za vpis uporabnikov. Zahtevana je bila odobritev z geslom, ki je izklopljena, razen če je za odjemalca omogočena. Odjemalec brez vrednosti authorization_code v grant_types je začel tok avtorizacijske kode.
err-88000011-fix-user = Obrnite se na podporo za aplikacijo; aplikacija ni nastavljena za to vrsto vpisa.
err-88000011-fix-dev = Če bi moral odjemalec uporabljati to odobritev, jo dodajte v grant_types odjemalca v datoteki za pripravo; vrednost password omogočite samo, kadar tok v brskalniku ni mogoč. Žetoni za osveževanje se izdajo samo odjemalcem, ki imajo refresh_token v grant_types.

## 501051 ClientHasNoPermissionOnApi
err-501051-meaning = Aplikacija je zahtevala dostop do API-ja, za katerega nima nobenega dovoljenja. API obstaja, vendar temu odjemalcu v njem ni bilo dodeljeno ničesar.
err-501051-causes = Odjemalec nima vnosa permissions za API. Vnos ne navaja vlog, ki jih potrebuje odobritev s poverilnicami odjemalca, ali delegiranih obsegov, ki jih potrebuje vpis uporabnika. Vrednost api v vnosu permissions se razlikuje od identifikatorja API-ja.
err-501051-fix-user = Obrnite se na podporo za aplikacijo; aplikacija ni dobila dostopa do storitve, ki jo kliče.
err-501051-fix-dev = V datoteki za pripravo odjemalcu dodajte vnos permissions, katerega api je identifikator API-ja, in v njem navedite vloge za poverilnice odjemalca ali obsege za uporabniške tokove.

## 70003 UnsupportedGrantType
err-70003-meaning = Sigil ne podpira vrednosti grant_type, navedene v zahtevi za žeton, za nobeno aplikacijo.
err-70003-causes = Vrednost grant_type je napačno zapisana ali ima napačno velikost črk. Aplikacija uporablja odobritev, ki je Sigil ne ponuja, na primer odobritev z avtorizacijo naprave ali odobritev s trditvijo.
err-70003-fix-user = Obrnite se na podporo za aplikacijo; aplikacijo je treba popraviti.
err-70003-fix-dev = Uporabite authorization_code, client_credentials, refresh_token ali password; password deluje samo za odjemalce, ki imajo to odobritev omogočeno.

## 70011 InvalidScope
err-70011-meaning = Parameter scope vsebuje vrednost, ki je Sigil ne more sprejeti: je nepravilno oblikovana, neznana ali je ne določa API, ki ga navaja.
err-70011-causes = Obsegi so ločeni z vejicami namesto s posameznimi presledki. Obseg ne navaja API-ja, na primer golo ime vloge v zahtevi s poverilnicami odjemalca, ali pa API ne določa obsega oziroma vloge, navedene za zadnjo poševnico. Obseg vsebuje znake, ki jih RFC 6749, razdelek 3.3, ne dovoljuje, na primer narekovaje ali črke zunaj nabora ASCII.
err-70011-fix-user = Obrnite se na podporo za aplikacijo; aplikacija zahteva dovoljenje, ki ne obstaja.
err-70011-fix-dev = Obsege ločite s presledki in uporabite openid, profile, email, offline_access ali obsege v obliki <identifikator API-ja>/<ime> ali <identifikator API-ja>/.default. Imena primerjajte z obsegi in vlogami API-ja v datoteki za pripravo; zahteve s poverilnicami odjemalca navajajo vloge ali .default.

## 500011 ResourcePrincipalNotFound
err-500011-meaning = Obseg navaja API, ki v tem najemniku ni registriran, zato Sigil zanj ne more izdati žetona.
err-500011-causes = Identifikator API-ja v obsegu je napačno zapisan ali nekoliko drugačen, na primer v shemi ali končni poševnici. Obseg je goli identifikator API-ja brez imena, na primer api://reports namesto api://reports/.default. API je registriran v drugem najemniku ali še ni bil pripravljen.
err-500011-fix-user = Obrnite se na podporo za aplikacijo; aplikacija zahteva storitev, ki je ta storitev za vpis ne pozna.
err-500011-fix-dev = Pred zadnjo poševnico vsakega obsega navedite identifikator API-ja natanko tako, kot je registriran, na primer api://reports, in preverite, ali API obstaja v datoteki za pripravo tega najemnika.

## 88000012 ScopeNotGranted
err-88000012-meaning = API določa zahtevani obseg ali vlogo, vendar ta pravica tej aplikaciji ni bila dodeljena. Pri osvežitvi ista koda pomeni, da je zahteva zahtevala več, kot je bilo odobreno ob prvotnem vpisu.
err-88000012-causes = V vnosu permissions odjemalca za API manjka ta obseg (pri uporabniških tokovih) ali ta vloga (pri poverilnicah odjemalca). Aplikacija je bila posodobljena tako, da zahteva novo dovoljenje, ki ni bilo nikoli dodano v njeno registracijo. Zahteva za osvežitev je navedla obseg, ki ni bil del prvotne odobritve.
err-88000012-fix-user = Obrnite se na podporo za aplikacijo; aplikacija zahteva dovoljenje, ki ji ni bilo dodeljeno.
err-88000012-fix-dev = Obseg ali vlogo dodajte v vnos permissions odjemalca za ta API v datoteki za pripravo ali pa ga prenehajte zahtevati. Pri osvežitvi parameter scope izpustite ali zahtevajte podmnožico odobrenih obsegov; za več obsegov začnite nov interaktivni vpis.

## 28000 MultipleResourcesInScope
err-28000-meaning = Parameter scope zahteva dovoljenja za več kot en API. Žeton za dostop storitve Sigil se izda za en sam API, zato lahko posamezna zahteva navaja samo enega.
err-28000-causes = Aplikacija je hkrati zahtevala obsege dveh API-jev v upanju, da bo prejela en žeton, ki bo deloval za oba. Knjižnica je privzete obsege več API-jev združila v eno zahtevo.
err-28000-fix-user = Obrnite se na podporo za aplikacijo; aplikacijo je treba popraviti.
err-28000-fix-dev = Za vsak API zahtevajte ločen žeton samo z obsegi tega API-ja; openid, profile, email in offline_access so lahko dodani kateri koli od teh zahtev. Pri uporabniških tokovih to pomeni ločeno avtorizacijsko zahtevo za vsak API.

## 50011 RedirectUriMismatch
err-50011-meaning = Vrednost redirect_uri v avtorizacijski zahtevi ni med naslovi, registriranimi za aplikacijo. Sigil namesto preusmeritve prikaže to stran, ker bi lahko pošiljanje odgovora na neregistriran naslov odgovor predalo komu drugemu.
err-50011-causes = Naslov se od registriranega razlikuje v podrobnosti, kot so http in https, ime gostitelja, vrata, pot, končna poševnica ali velikost črk. Aplikacija se izvaja v novem okolju, katerega naslov ni bil nikoli registriran. Aplikacija za obratnim posredniškim strežnikom sestavi svoj naslov z notranjim imenom gostitelja ali shemo.
err-50011-fix-user = Obrnite se na podporo za aplikacijo in sporočite, da je stran za vpis javila neujemanje URI-ja za preusmeritev.
err-50011-fix-dev = Natančen naslov dodajte v redirect_uris odjemalca v datoteki za pripravo ali poskrbite, da aplikacija pošlje naslov, ki je že registriran; z registrirano vrednostjo se mora natančno ujemati.

## 88000020 UnsupportedResponseType
err-88000020-meaning = Avtorizacijska zahteva je zahtevala vrednost response_type, ki je Sigil ne podpira. Sigil ponuja samo tok avtorizacijske kode, response_type=code.
err-88000020-causes = Aplikacija uporablja implicitni tok z vrednostjo token ali id_token ali hibridni tok, kot je code id_token. Vrednost response_type je napačno zapisana. Starejša knjižnica privzeto uporablja implicitni tok.
err-88000020-fix-user = Obrnite se na podporo za aplikacijo; aplikacijo je treba popraviti.
err-88000020-fix-dev = Uporabite response_type=code s PKCE in kodo unovčite v končni točki žetona. Tudi aplikacije z eno stranjo naj namesto implicitnega toka uporabljajo ta tok.

## 50058 LoginRequired
err-50058-meaning = Aplikacija je od storitve Sigil zahtevala tihi vpis uporabnika brez prikaza katere koli strani, vendar ni aktivne seje, ki bi jo lahko uporabil. Potreben je viden vpis.
err-50058-causes = Zahteva je uporabila prompt=none, uporabnik pa se še ni vpisal ali pa je seja potekla. Brskalnik je blokiral piškotek seje storitve Sigil, kot to številni brskalniki počnejo s piškotki tretjih oseb v skritih okvirjih. Uporabnik se je medtem izpisal.
err-50058-fix-user = Ko vas aplikacija pozove, se znova vpišite. Če to ne deluje, dovolite piškotke za spletno mesto za vpis.
err-50058-fix-dev = To obravnavajte kot znak, da je treba začeti interaktivni vpis brez prompt=none. Ne zanašajte se na tihi vpis v skritih okvirjih, kjer brskalniki blokirajo piškotke tretjih oseb; namesto tega uporabite žetone za osveževanje.

## 65001 ConsentRequired
err-65001-meaning = Uporabnik se ni strinjal, da aplikaciji dodeli zahtevana dovoljenja, zahteva pa storitvi Sigil ni omogočila, da ga za to vpraša.
err-65001-causes = Zahteva je uporabila prompt=none, zato Sigil ni smel prikazati strani za soglasje. Aplikacija zdaj zahteva več dovoljenj, kot jih je uporabnik odobril prej. Zahteva je prišla prek toka brez strani v brskalniku, kjer soglasja ni mogoče pridobiti.
err-65001-fix-user = Znova se vpišite v aplikacijo in preglejte dovoljenja, ki jih zahteva. Če jih ne smete odobriti, se obrnite na skrbnika.
err-65001-fix-dev = Začnite interaktivno avtorizacijsko zahtevo brez prompt=none, da se lahko prikaže stran za soglasje, in zahtevajte samo obsege, ki jih aplikacija potrebuje.

## 65004 UserDeclinedConsent
err-65004-meaning = Uporabnik je videl stran za soglasje in se odločil, da aplikaciji ne dodeli zahtevanih dovoljenj. Sigil se je vrnil v aplikacijo, ne da bi izdal kodo.
err-65004-causes = Uporabnik je na strani za soglasje zavrnil zahtevo ali jo preklical. Uporabnik aplikacije ni prepoznal ali ni želel deliti zahtevanih podatkov.
err-65004-fix-user = Če želite aplikacijo uporabljati, se znova vpišite in sprejmite dovoljenja, ki jih zahteva.
err-65004-fix-dev = Vrednost error=access_denied v preusmeritvi obravnavajte premišljeno, na primer s stranjo, ki pojasni, zakaj so dovoljenja potrebna, in ponudi nov poskus. Zahtevajte samo obsege, ki jih aplikacija res potrebuje.

## 88000021 InvalidCsrfToken
err-88000021-meaning = Obrazec na strani za vpis je bil poslan brez veljavnega žetona za zaščito pred ponarejanjem, zato Sigil ni mogel potrditi, da izvira z njegove strani v tem brskalniku. Sigil takšne obrazce zavrne, da zaščiti pred ponarejanjem zahtev med spletnimi mesti.
err-88000021-causes = Stran za vpis je bila dolgo odprta in njen obrazec je potekel. Brskalnik je blokiral ali izbrisal piškotke storitve Sigil, na primer v zasebnem oknu ali zaradi razširitve za zasebnost. Obrazec je bil znova poslan z gumbom Nazaj, iz drugega zavihka ali z drugega spletnega mesta.
err-88000021-fix-user = Vpis znova začnite v aplikaciji in poskrbite, da so piškotki za spletno mesto za vpis dovoljeni.
err-88000021-fix-dev = Preverite, ali piškotki storitve Sigil dosežejo brskalnik in se vrnejo z obrazcem ter ali jih noben posredniški strežnik ne odstrani in ne spremeni gostitelja, ki ga vidijo uporabniki. Strani za vpis storitve Sigil ne vdelujte v okvir na drugem spletnem mestu.

## 88000022 SignInExpired
err-88000022-meaning = Vpis je od odprtja strani za vpis do dokončanja trajal dlje, kot Sigil dovoljuje, zato je bila čakajoča zahteva zavržena.
err-88000022-causes = Uporabnik je pustil stran za vpis odprto in se vrnil pozneje. Korak, kot je iskanje gesla, je trajal predolgo. Stran je bila obnovljena iz zgodovine brskalnika ali iz shranjenega zavihka.
err-88000022-fix-user = Vrnite se v aplikacijo in znova začnite vpis.
err-88000022-fix-dev = Če se to zgodi redko, razen možnosti za ponoven začetek vpisa ni potrebna nobena sprememba. Če se dogaja pogosto, preverite, ali so ure strežnikov pravilne in ali uporabniki niso poslani na star naslov za vpis, shranjen med zaznamki.

## 88000030 InvalidAccessToken
err-88000030-meaning = Zahteva za končno točko UserInfo ni vsebovala uporabnega žetona za dostop: manjkal je, ni ga izdal ta najemnik, potekel je ali je bil preklican.
err-88000030-causes = Žetonu za dostop je potekla veljavnost; žetoni za dostop so kratkotrajni, privzeto veljajo 10 minut. Žeton je izdal drug najemnik ali druga namestitev ali pa je bil spremenjen. Odobritev, na kateri temelji žeton, je bila preklicana ali pa žeton ni bil poslan s shemo Bearer v glavi Authorization.
err-88000030-fix-user = Znova se vpišite.
err-88000030-fix-dev = Žeton za dostop pošljite v glavi Authorization s shemo Bearer, osvežite ga pred potekom in kličite končno točko UserInfo najemnika, ki ga je izdal. Glava WWW-Authenticate v odgovoru ponovi napako in njen opis.

## 88000031 InsufficientScope
err-88000031-meaning = Žeton za dostop je veljaven, vendar ni bil izdan z obsegom, ki ga zahteva ta končna točka. Za končno točko UserInfo je to obseg openid.
err-88000031-causes = Vpis ni zahteval obsega openid. Žeton je bil pridobljen skupaj z obsegi API-ja, takšen žeton pa vsebuje samo obsege tega API-ja, ne pa obsega openid. Uporabljen je bil žeton, pridobljen s poverilnicami odjemalca, ki namesto uporabniških obsegov vsebuje vloge aplikacije.
err-88000031-fix-user = Znova se vpišite. Če se težava nadaljuje, se obrnite na podporo za aplikacijo.
err-88000031-fix-dev = Obseg openid vključite v scope vpisa, katerega žeton za dostop pošiljate končni točki UserInfo, in ga za ta žeton ne združujte z obsegi API-ja; za API pridobite ločen žeton.

## 88000040 InvalidPostLogoutRedirectUri
err-88000040-meaning = Zahteva za izpis je od storitve Sigil zahtevala, naj uporabnika pošlje na naslov, ki za aplikacijo ni registriran kot URI za preusmeritev po izpisu. Sigil namesto preusmeritve prikaže to stran, da izpisa ni mogoče zlorabiti za pošiljanje ljudi na poljubna spletna mesta.
err-88000040-causes = Naslova ni v post_logout_redirect_uris odjemalca ali pa se od registriranega razlikuje v shemi, gostitelju, vratih, poti ali končni poševnici. Aplikacija je bila uvedena na novem naslovu, ki ni bil nikoli registriran. Registriran je bil URI za preusmeritev pri vpisu, ločeni URI za preusmeritev po izpisu pa ne.
err-88000040-fix-user = Zaprite to stran in se vrnite v aplikacijo. Če niste prepričani, da ste se izpisali, se tam znova izpišite in težavo sporočite podpori za aplikacijo.
err-88000040-fix-dev = Natančen naslov dodajte v post_logout_redirect_uris odjemalca v datoteki za pripravo ali pošljite naslov, ki je že registriran; ti naslovi so ločeni od redirect_uris. Z zahtevo za izpis pošljite id_token_hint ali client_id, kot pričakuje OpenID Connect RP-Initiated Logout.

## 88000041 InvalidIdTokenHint
err-88000041-meaning = Vrednost id_token_hint, poslana z zahtevo za izpis, ni veljaven žeton ID, ki bi ga izdal ta najemnik, zato je Sigil ne more uporabiti za prepoznavanje uporabnika in aplikacije.
err-88000041-causes = Namig je žeton za dostop ali kakšna druga vrednost namesto žetona ID. Žeton ID je izdal drug najemnik ali druga namestitev ali pa je bil prirezan ali spremenjen. Podpisan je bil s ključem, ki je bil medtem zamenjan in ni več objavljen.
err-88000041-fix-user = Zaprite to stran in se znova izpišite iz aplikacije. Če se težava nadaljuje, se obrnite na podporo za aplikacijo.
err-88000041-fix-dev = Pošljite nespremenjen žeton ID, prejet ob vpisu, zahtevo za izpis pa pošljite najemniku, ki ga je izdal. Če je žeton ID zelo star, namesto id_token_hint pošljite client_id.

## 88000050 AdminCredentialRequired
err-88000050-meaning = Skrbniška končna točka je bila klicana brez veljavne skrbniške poverilnice. Te končne točke so namenjene upravljavcem in njihovim orodjem, nikoli aplikacijam ali osebam, ki se vpisujejo.
err-88000050-causes = Skrbniška poverilnica ni bila poslana ali pa je bila poslana na napačnem mestu ali v napačni obliki. Poverilnica je bila spremenjena, orodje pa še vedno uporablja staro. Aplikacija ali oseba je po pomoti dostopila do skrbniškega naslova.
err-88000050-fix-user = Ta stran ni namenjena vam; vrnite se v aplikacijo, ki ste jo uporabljali.
err-88000050-fix-dev = Orodje ali skript, ki kliče končno točko, konfigurirajte s trenutno skrbniško poverilnico te namestitve. Poskrbite, da aplikacije in končni uporabniki nimajo ne razloga ne poti do skrbniških končnih točk.

## 88000060 NotFound
err-88000060-meaning = Zahtevani naslov se ne ujema z nobeno stranjo ali končno točko, ki jo ponuja Sigil.
err-88000060-causes = URL vsebuje tipkarsko napako ali uporablja zastarelo pot. Aplikacija URL-je končnih točk sestavlja ročno, namesto da bi jih prebrala iz dokumenta za odkrivanje. Povezava ali zaznamek kaže na stran, ki ne obstaja več.
err-88000060-fix-user = Preverite naslov ali se vrnite v aplikacijo in od tam začnite znova.
err-88000060-fix-dev = URL-je končnih točk preberite iz dokumenta za odkrivanje OpenID Connect najemnika, ki je na voljo na poti /.well-known/openid-configuration pod URL-jem izdajatelja, namesto da jih vnesete v kodo.

## 88000100 RequestBodyTooLarge
err-88000100-meaning = Telo zahteve je bilo večje, kot ga Sigil prebere. Zahteve protokola obsegajo nekaj kilobajtov; omejitev ščiti storitev pred zahtevami, sestavljenimi za njeno izčrpavanje.
err-88000100-causes = Aplikacija je končni točki za prijavo poslala datoteko ali druge obsežne podatke. Parameter, na primer state, nosi veliko več podatkov, kot bi smel. Zahteva je bila sestavljena za preobremenitev storitve.
err-88000100-fix-user = Poskusite znova. Če znova pride do iste napake, se obrnite na podporo za aplikacijo.
err-88000100-fix-dev = Zahteve protokola naj bodo majhne: pošljite samo parametre, ki jih končna točka določa, in vrednosti, kot je state, naj bodo kratke (obsežne podatke hranite v aplikaciji in pošljite sklic).

## 88000101 TooManyParameters
err-88000101-meaning = Zahteva je vsebovala več parametrov, kot jih potrebuje katera koli zahteva protokola, zato jo je Sigil zavrnil brez nadaljnje obdelave.
err-88000101-causes = Aplikacija ali knjižnica dodaja parametre v zanki. URL je bil sestavljen z večkratnim dodajanjem parametrov. Zahteva je bila sestavljena za preobremenitev storitve.
err-88000101-fix-user = Poskusite znova. Če znova pride do iste napake, se obrnite na podporo za aplikacijo.
err-88000101-fix-dev = Pošljite samo parametre, ki jih končna točka določa; v kodi, ki sestavi zahtevo, preverite, ali se parametri dodajajo večkrat.

## 88000102 ScopeTooLarge
err-88000102-meaning = Parameter scope navaja več vrednosti ali je daljši, kot ga Sigil sprejme v eni zahtevi. Sigil ga zavrne, preden pregleda vrednosti.
err-88000102-causes = Aplikacija dodaja obsege v zanki ali isti obseg mnogokrat ponovi. Zahtevani so bili obsegi več API-jev hkrati, čeprav je žeton namenjen enemu API-ju. Zahteva je bila sestavljena za preobremenitev storitve.
err-88000102-fix-user = Obrnite se na podporo za aplikacijo; aplikacija zahteva veliko več dovoljenj, kot jih lahko uporabi.
err-88000102-fix-dev = Zahtevajte samo obsege, za katere je žeton: openid in druge obsege OpenID Connect ter obsege enega API-ja ali <api identifier>/.default. Odstranite ponovljene obsege.

## 88000103 MethodNotAllowed
err-88000103-meaning = Končna točka obstaja, vendar ne sprejema uporabljene metode HTTP, na primer GET na končni točki za žetone, ki sprejema samo POST.
err-88000103-causes = Aplikacija je končno točko za žetone odprla v brskalniku ali z metodo GET. Posredniški strežnik ali knjižnica je po preusmeritvi POST spremenila v GET. V skriptu je metoda napačno zapisana.
err-88000103-fix-user = Vrnite se v aplikacijo in začnite znova od tam.
err-88000103-fix-dev = Uporabite eno od metod, navedenih v glavi Allow odgovora: POST za končno točko za žetone, GET ali POST za končne točke za avtorizacijo, userinfo in odjavo.

## 88000104 ParameterTooLong
err-88000104-meaning = Vrednost, ki jo zahteva za avtorizacijo nosi skozi prijavo in nazaj v aplikacijo (state, nonce, login_hint ali ui_locales), je daljša, kot jo Sigil hrani.
err-88000104-causes = Aplikacija v state hrani veliko podatkov namesto kratkega sklica. Vrednost je bila večkrat podaljšana. Zahteva je bila sestavljena za preobremenitev storitve.
err-88000104-fix-user = Vrnite se v aplikacijo in začnite znova od tam. Če znova pride do iste napake, se obrnite na podporo za aplikacijo.
err-88000104-fix-dev = State in nonce naj bosta kratka: potrebne podatke hranite v seji aplikacije in pošljite naključen sklic. Predolg state je zavrnjen na strani, ker ga ni mogoče poslati nazaj.
## 88000140 AccessTokenSentMoreThanOnce
err-88000140-meaning = Zahteva za končno točko UserInfo je žeton za dostop nosila hkrati v glavi Authorization in v telesu obrazca. RFC 6750 dovoljuje oba načina, vendar odjemalec v isti zahtevi ne sme uporabiti več kot enega.
err-88000140-causes = Knjižnica odjemalca doda glavo Authorization vsakemu klicu, aplikacija pa je access_token dodala še v telo zahteve POST. Posredniški strežnik ali vmesna programska oprema je dodala glavo zahtevi, ki je žeton že nosila v telesu.
err-88000140-fix-user = Znova se prijavite. Če se težava ponavlja, se obrnite na podporo aplikacije.
err-88000140-fix-dev = Žeton za dostop pošljite enkrat: najbolje v glavi Authorization s shemo Bearer; ali pa v zahtevi POST s Content-Type application/x-www-form-urlencoded kot parameter obrazca access_token, brez glave.
## 88000120 AdminCredentialThrottled
err-88000120-meaning = Več zahtev s tega omrežnega naslova je v kratkem času predložilo napačno skrbniško poverilnico, zato so skrbniške zahteve z njega nekaj časa zavrnjene. Zahtev z drugih naslovov to ne prizadene.
err-88000120-causes = Orodje ali skripta uporablja staro ali napačno vneseno skrbniško poverilnico in poskuša znova. Nekdo poskuša uganiti skrbniško poverilnico.
err-88000120-fix-user = Ta stran ni namenjena vam; vrnite se v aplikacijo, ki ste jo uporabljali.
err-88000120-fix-dev = Počakajte čas, naveden v glavi Retry-After, nato uporabite trenutno skrbniško poverilnico te namestitve. V dnevniku strežnika preverite, od kod so prišli neuspeli poskusi.

## 88000121 RequestTimeout
err-88000121-meaning = Strežnik je prenehal brati in obdelovati zahtevo, ker se ni končala v nastavljenem času za zahtevo, in je zaprl povezavo.
err-88000121-causes = Odjemalec je telo zahteve pošiljal zelo počasi ali ga je nehal pošiljati. Omrežje med odjemalcem in strežnikom je zelo počasno ali preobremenjeno. Obdelava same zahteve je trajala nenavadno dolgo.
err-88000121-fix-user = Preverite omrežno povezavo in poskusite znova.
err-88000121-fix-dev = Celotno telo zahteve pošljite brez odlašanja. Če so vaše zahteve upravičeno počasne, se z upravljavcem posvetujte o server.request_timeout; preverite, ali posredniški strežniki med odjemalcem in Sigil pravilno medpomnijo zahteve.
## 88000160 InteractionStepMismatch
err-88000160-meaning = Obrazec za vpis ali soglasje je bil poslan koraku, za katerega ni bil izdan, ali pa je bil obrazec za soglasje poslan z drugo sejo kot tisto, ki ji je bil prikazan. Sigil veže vsak obrazec na njegov korak in sejo, da koraka, kot je ponoven vnos gesla, ni mogoče preskočiti.
err-88000160-causes = Stran je bila ponovljena ali spremenjena: skrita polja obrazca za vpis so bila poslana na naslov za soglasje. Uporabnik se je med odprto stranjo za soglasje v drugem zavihku izpisal ali vpisal kot nekdo drug. Skript ali orodje samo sestavlja obrazce, namesto da bi oddalo strani, ki jih prikaže Sigil.
err-88000160-fix-user = Vrnite se v aplikacijo in znova začnite vpis.
err-88000160-fix-dev = Obrazce oddajte natanko tako, kot jih prikaže Sigil; skritih polj ene strani nikoli ne uporabite na drugi. V dnevniku vpisov poiščite ID sledenja: ponavljajoči se primeri iz istega vira so lahko poskus preskoka ponovnega preverjanja pristnosti (prompt=login).

## 88000200 IntrospectionNotAllowed
err-88000200-meaning = Overjeni odjemalec je poklical končno točko za introspekcijo (RFC 7662), vendar ni registriran kot strežnik virov, ki sme introspektirati žetone: njegova nastavitev introspect ne navaja nobenega API-ja.
err-88000200-causes = Nastavitev introspect odjemalca je prazna: odjemalec je aplikacija, ne strežnik virov. Strežnik virov se overja s poverilnicami drugega odjemalca (na primer aplikacije) namesto s svojimi.
err-88000200-fix-user = Obrnite se na podporo storitve; storitev ni nastavljena za preverjanje žetonov prek Sigila.
err-88000200-fix-dev = Strežnik virov registrirajte kot zaupnega odjemalca in v njegovi nastavitvi introspect naštejte identifikatorje API-jev, katerih dostopne žetone preverja (ključ introspect v datoteki za pripravo ali sigil client update --introspect api://...). Videl bo samo žetone, katerih aud je eden od njih; na vsak drug žeton je odgovor active: false.

## 88000210 InvalidTarget
err-88000210-meaning = Odjemalec je navedel vir (indikator vira RFC 8707), za katerega Sigil ne more izdati žetona: vrednost ni absolutni URI brez fragmenta, noben API najemnika nima tega identifikatorja, odjemalec na tem API-ju nima nobenega dovoljenja, odobritev, ki se unovčuje ali osvežuje, ga ne pokriva, ali pa je zahteva za žeton navedla več virov.
err-88000210-causes = Tipkarska napaka v identifikatorju API-ja ali odstranjen API. Odjemalec nikoli ni dobil dovoljenj na API-ju. Žeton za osvežitev ali koda, pridobljena za druge API-je. Več parametrov resource, poslanih končni točki za žetone, ali več od dovoljenega števila v eni zahtevi.
err-88000210-fix-user = Obrnite se na podporo aplikacije; aplikacija je zahtevala dostop do storitve, za katero ni nastavljena.
err-88000210-fix-dev = Kot resource pošljite natančen identifikator API-ja najemnika (na primer api://reports), enega na zahtevo za žeton; odjemalcu dodelite dovoljenja na tem API-ju; če želite žeton za osvežitev uporabiti za več API-jev, jih v zahtevi za avtorizacijo navedite vse kot parametre resource. Vrednosti scope, ki navajajo API, morajo navajati istega kot resource.
## 70016 AuthorizationPending
err-70016-meaning = Koda naprave je veljavna, vendar uporabnik še ni vnesel uporabniške kode in dokončal prijave na strani za potrditev (RFC 8628, razdelek 3.5, authorization_pending).
err-70016-causes = Uporabnik se še prijavlja ali strani za potrditev še ni odprl.
err-70016-fix-user = Odprite naslov, ki ga prikazuje naprava, vnesite kodo in dokončajte prijavo.
err-70016-fix-dev = Nadaljujte s poizvedovanjem na končni točki za žetone v intervalu, vrnjenem s kodo naprave; ta odgovor je pričakovan, dokler uporabnik ne konča.

## 70019 CodeExpired
err-70019-meaning = Koda naprave in njena uporabniška koda sta živeli dlje od expires_in (RFC 8628, razdelek 3.5, expired_token).
err-70019-causes = Uporabnik prijave ni dokončal pravočasno. Naprava je poizvedovala s staro kodo.
err-70019-fix-user = Prijavo na napravi začnite znova in novo kodo vnesite takoj.
err-70019-fix-dev = Prenehajte s poizvedovanjem in zahtevajte novo kodo naprave na končni točki devicecode.

## 88000220 DevicePollingTooFast
err-88000220-meaning = Naprava je poizvedovala na končni točki za žetone, preden je od prejšnje poizvedbe minil interval (RFC 8628, razdelek 3.5, slow_down). Interval za to kodo naprave je zdaj 5 sekund daljši.
err-88000220-causes = Odjemalec ne upošteva intervala, vrnjenega s kodo naprave, ali mu po odgovoru slow_down ne prišteje 5 sekund.
err-88000220-fix-user = Počakajte; naprava bo poskušala naprej.
err-88000220-fix-dev = Med poizvedbami počakajte vsaj interval in mu po vsakem odgovoru slow_down prištejte 5 sekund, do konca življenja te kode naprave.

## 88000221 DeviceAuthorizationDeclined
err-88000221-meaning = Uporabnik je zahtevo na strani za potrditev zavrnil, zato koda naprave nikoli ne bo dala žetonov (RFC 8628, razdelek 3.5, access_denied).
err-88000221-causes = Uporabnik naprave ali aplikacije ni prepoznal ali pa je zavrnil zahtevana dovoljenja.
err-88000221-fix-user = Če je bila to napaka, prijavo na napravi začnite znova.
err-88000221-fix-dev = Prenehajte s poizvedovanjem; uporabniku pokažite, da je bila prijava zavrnjena, in ponudite nov začetek.

## 70018 BadVerificationCode
err-70018-meaning = Stran za potrditev je prejela uporabniško kodo, ki se ne ujema z nobeno čakajočo avtorizacijo naprave v tem najemniku: bila je napačno vnesena, je potekla ali pa je bila že odobrena ali zavrnjena (RFC 8628, razdelek 3.3).
err-70018-causes = Tipkarska napaka. Koda je potekla (po 15 minutah), preden je bila vnesena. Prijava na napravi je bila že dokončana ali zavrnjena. Naprava pripada drugemu najemniku.
err-70018-fix-user = Preverite kodo na napravi in jo vnesite znova; če naprava prikazuje novo kodo, uporabite to.
err-70018-fix-dev = Prikažite user_code in verification_uri iz odgovora devicecode nespremenjena; ko stara koda poteče, zahtevajte novo kodo naprave.

## 88000222 DeviceCodeGuessesThrottled
err-88000222-meaning = Stran za potrditev šteje napačne uporabniške kode po izvornem naslovu; po 10 napačnih kodah v 10 minutah do konca okna zavrača kode s tega naslova, da kod ni mogoče uganiti (RFC 8628, razdelek 5.1).
err-88000222-causes = Ponavljajoče se tipkarske napake. Nekdo naključno preizkuša kode. Veliko uporabnikov si za posredniškim strežnikom deli en naslov.
err-88000222-fix-user = Počakajte 10 minut in nato previdno vnesite kodo, prikazano na napravi.
err-88000222-fix-dev = Če si veliko zakonitih uporabnikov deli en naslov, poskrbite, da Sigil vidi njihove prave naslove (server.trusted_proxies).

## 9002327 SpaTokenRedeemedWithoutOrigin
err-9002327-meaning = Aplikacija je registrirana kot enostranska aplikacija (type = "spa"). Njene avtorizacijske kode in žetone za osveževanje lahko unovči samo brskalnik sam, z zahtevo med izvori, ki nosi glavo Origin; ta zahteva je ni imela, torej ni prišla s strani v brskalniku. Tako žetoni, namenjeni brskalniku, ne pridejo na strežnike (Entrino pravilo AADSTS9002327).
err-9002327-causes = Zaledni strežnik unovči kodo ali žeton za osveževanje, ki ga je pridobila enostranska aplikacija. Orodje ukazne vrstice ali skript kliče končno točko za žetone za odjemalca SPA. Aplikacija je v resnici spletna aplikacija s strežnikom in je registrirana z napačno vrsto. Posredniški strežnik pred Sigilom odstrani glavo Origin.
err-9002327-fix-user = Obrnite se na podporo aplikacije; aplikacijo je treba popraviti.
err-9002327-fix-dev = Kode in žetone za osveževanje unovčite s strani same (kot to počne MSAL.js), da brskalnik pošlje Origin. Če jih mora unovčiti strežnik, registrirajte to aplikacijo kot spletnega (zaupnega) ali javnega odjemalca namesto spa. Poskrbite, da posredniki posredujejo glavo Origin.
## 88000380 InvalidRedirectUri
err-88000380-meaning = Dinamična registracija aplikacije (RFC 7591) je navedla URI za preusmeritev, ki je napačno oblikovan ali ga pravilnik registracije najemnika ne dovoli (RFC 7591, razdelek 3.2.2 invalid_redirect_uri).
err-88000380-causes = Fragment, relativni URI, navaden http na gostitelju, ki ni povratna zanka, ali shema oziroma gostitelj zunaj registration.redirect_uri_schemes in registration.redirect_uri_hosts najemnika.
err-88000380-fix-user = Obrnite se na podporo aplikacije; aplikacija se pri tej storitvi za prijavo ni mogla registrirati.
err-88000380-fix-dev = Registrirajte absolutne URI-je za preusmeritev brez fragmentov, https ali http na 127.0.0.1, [::1] ali localhost, s shemo in gostiteljem, ki ju najemnik dovoli; vprašajte upravljavca, katera sta.

## 88000381 InvalidClientMetadata
err-88000381-meaning = Dinamična registracija ali posodobitev aplikacije (RFC 7591, RFC 7592) je vsebovala metapodatke, ki so neveljavni ali jih pravilnik registracije najemnika ne dovoli (RFC 7591, razdelek 3.2.2 invalid_client_metadata).
err-88000381-causes = Telo, ki ni objekt JSON, vrsta odobritve, ki je najemnik registriranim aplikacijam ne dovoli, response_types, ki se ne ujemajo z grant_types, način overjanja, ki ni none, client_secret_basic ali client_secret_post, obseg, ki ga najemnik ne ponuja, ali client_id, ki se razlikuje od posodabljanega.
err-88000381-fix-user = Obrnite se na podporo aplikacije; aplikacija se pri tej storitvi za prijavo ni mogla registrirati.
err-88000381-fix-dev = Pošljite objekt JSON z redirect_uris, grant_types med dovoljenimi, ustreznimi response_types, token_endpoint_auth_method none, client_secret_basic ali client_secret_post in le obsegi, ki jih ponuja registration.permissions.

## 88000382 InvalidInitialAccessToken
err-88000382-meaning = Končna točka za registracijo najemnika ni odprta: vsaka registracija mora nositi začetni dostopni žeton (RFC 7591, razdelek 3) kot žeton Bearer, poslani pa manjka, je neznan, potekel ali porabljen.
err-88000382-causes = Ni glave Authorization. Žeton drugega najemnika. Žeton za enkratno uporabo, ki je bil že uporabljen, ali žeton s pretečeno veljavnostjo.
err-88000382-fix-user = Obrnite se na podporo aplikacije; aplikacija se pri tej storitvi za prijavo ni mogla registrirati.
err-88000382-fix-dev = Od upravljavca zahtevajte začetni dostopni žeton (sigil registration token create) in ga z zahtevo za registracijo pošljite kot Authorization: Bearer.

## 88000383 InvalidRegistrationAccessToken
err-88000383-meaning = Zahteva na končno točko za nastavitve aplikacije (RFC 7592) je nosila dostopni žeton registracije, ki ne pripada navedeni aplikaciji, ali aplikacija ne obstaja (več); RFC 7592, razdelek 2, na oboje odgovori s 401.
err-88000383-causes = Žeton druge aplikacije, žeton izpred izbrisa aplikacije ali aplikacija, odstranjena ob koncu svoje življenjske dobe.
err-88000383-fix-user = Obrnite se na podporo aplikacije.
err-88000383-fix-dev = Uporabite registration_access_token in registration_client_uri, ki ju je vrnila registracija, žeton kot Bearer; če je bila aplikacija odstranjena, se registrirajte znova.

## 88000384 ClientMetadataDocumentUnavailable
err-88000384-meaning = client_id je naslov URL https (OAuth Client ID Metadata Document), Sigil pa dokumenta JSON s tega naslova ni mogel pridobiti v okviru svojih omejitev.
err-88000384-causes = Strežnik aplikacije ne deluje ali je počasen, odgovori z napako ali preusmeritvijo, pošlje več od dovoljene velikosti ali se razreši v zasebni naslov ali naslov povratne zanke, medtem ko je outbound.allow_private_addresses izklopljen.
err-88000384-fix-user = Poskusite znova pozneje; če težava ostane, se obrnite na podporo aplikacije.
err-88000384-fix-dev = Dokument strezite natanko na naslovu client_id prek https, s stanjem 200, v JSON, majhen, brez preusmeritev, z javnega naslova.

## 88000385 ClientMetadataDocumentInvalid
err-88000385-meaning = client_id je naslov URL https (OAuth Client ID Metadata Document), naslov ali z njega pridobljeni dokument pa krši pravila osnutka ali pravilnika najemnika.
err-88000385-causes = Dokumenti z metapodatki za najemnika niso omogočeni, client_id v dokumentu ni natanko enak naslovu, dokument vsebuje client_secret ali zahteva način overjanja z deljeno skrivnostjo, njegovi URI-ji za preusmeritev ali vrste odobritev niso dovoljeni, ali pa ima naslov fragment, poverilnice, segmente s pikami ali nima poti.
err-88000385-fix-user = Obrnite se na podporo aplikacije; aplikacija za to storitev za prijavo ni pravilno nastavljena.
err-88000385-fix-dev = V dokumentu nastavite client_id enako njegovemu naslovu, navedite redirect_uris, uporabite token_endpoint_auth_method none in se držite pravilnika registracije najemnika.
## 88000340 DpopProofInvalid
err-88000340-meaning = Glava DPoP mora vsebovati en JSON Web Token tipa dpop+jwt, podpisan z ES256, RS256, PS256 ali EdDSA z javnim ključem iz lastne glave jwk, s trditvami jti, htm, htu in iat (RFC 9449, razdelek 4.3). Ta dokaz ni prestal enega od teh preverjanj ali pa je zahteva vsebovala več kot eno glavo DPoP.
err-88000340-causes = Odjemalska knjižnica je dokaz ustvarila z drugim typ ali algoritmom. Glava jwk vsebuje zasebni ključ ali ključ, ki ne ustreza algoritmu. Podpis se ne ujema. Manjka obvezna trditev. Poslani sta bili dve glavi DPoP.
err-88000340-fix-user = Poskusite znova; če napaka ostane, se obrnite na razvijalca aplikacije.
err-88000340-fix-dev = Dokaz sestavite, kot opisuje RFC 9449, razdelek 4.2 (typ dpop+jwt, v jwk samo javni ključ, nov jti), ali uporabite vzdrževano knjižnico, na primer oauth4webapi. Dnevnik prijav navede preverjanje, ki ni uspelo.

## 88000341 DpopProofMismatch
err-88000341-meaning = Dokaz DPoP navaja metodo HTTP (htm) in URL brez poizvedbe in fragmenta (htu) edine zahteve, za katero je namenjen, in kadar spremlja žeton za dostop, še zgoščeno vrednost SHA-256 tega žetona (ath). Ena od teh vrednosti se ne ujema s to zahtevo (RFC 9449, razdelek 4.3).
err-88000341-causes = Dokaz je bil ponovno uporabljen za drugo končno točko ali metodo. Odjemalec je htu izračunal iz drugega osnovnega URL-ja, kot ga objavlja Sigil, na primer za posredniškim strežnikom. ath manjka ali je bil izračunan za drug žeton.
err-88000341-fix-user = Poskusite znova; če napaka ostane, se obrnite na razvijalca aplikacije.
err-88000341-fix-dev = Nastavite htu na URL končne točke iz discovery in htm na metodo zahteve; pri viru dodajte ath, base64url SHA-256 žetona za dostop. Preverite server.public_url, če posrednik prepisuje naslov.

## 88000342 DpopProofStale
err-88000342-meaning = Trditev iat dokaza mora biti od ure strežnika oddaljena največ tokens.dpop_proof_window sekund (privzeto 60) (RFC 9449, razdelka 4.3 in 11.1), da prestreženega dokaza ni mogoče uporabiti pozneje.
err-88000342-causes = Ura odjemalca ni pravilna. Dokaz je bil shranjen in poslan pozneje. Dolg zamik med nastankom in pošiljanjem dokaza.
err-88000342-fix-user = Preverite, ali je ura vaše naprave pravilno nastavljena, in poskusite znova.
err-88000342-fix-dev = Za vsako zahtevo ustvarite nov dokaz tik pred pošiljanjem; uskladite uro odjemalca ali uporabite strežniške nonce (tokens.dpop_nonce_lifetime).

## 88000343 DpopProofReplayed
err-88000343-meaning = Vsak dokaz DPoP je sprejet enkrat: Sigil si zapomni ključ in jti vsakega dokaza, skupno za vse svoje instance, in zavrne že videni dokaz, dokler je njegov iat še v sprejetem oknu (RFC 9449, razdelek 11.1).
err-88000343-causes = Odjemalec je isti dokaz poslal dvakrat, na primer pri ponovnem poskusu. Napadalec ponavlja prestreženi dokaz.
err-88000343-fix-user = Poskusite znova.
err-88000343-fix-dev = Za vsako zahtevo, tudi za ponovne poskuse, ustvarite nov dokaz z novim naključnim jti.

## 88000344 UseDpopNonce
err-88000344-meaning = Odjemalec je registriran tako, da mora v dokaze DPoP vključiti nonce, ki ga da strežnik (RFC 9449, razdelek 8). Dokaz ga ni imel ali pa ni več veljaven. Glava DPoP-Nonce odgovora vsebuje nonce za uporabo.
err-88000344-causes = Prva zahteva odjemalca, ki še ni videl nonce (to je običajni prvi korak). Nonce, starejši od dveh obdobij.
err-88000344-fix-user = Poskusite znova; aplikacija to običajno naredi sama.
err-88000344-fix-dev = Ponovite zahtevo z novim dokazom, katerega trditev nonce je glava DPoP-Nonce tega odgovora; knjižnice, kot je oauth4webapi, to naredijo samodejno. Nonce se menja vsakih tokens.dpop_nonce_lifetime sekund.

## 88000345 DpopKeyMismatch
err-88000345-meaning = Avtorizacijska koda, zahtevana z dpop_jkt, in žetoni za osvežitev javnega odjemalca, ki je uporabil DPoP, so vezani na en ključ DPoP; unovčiti jih je mogoče le z dokazom, ki ga je ustvaril ta ključ (RFC 9449, razdelka 5 in 10).
err-88000345-causes = Odjemalec je ustvaril nov ključ DPoP, na primer po ponovnem zagonu, in izgubil starega. Zahteva je bila poslana brez dokaza DPoP. Ukradeni žeton uporablja nekdo drug.
err-88000345-fix-user = Znova se prijavite.
err-88000345-fix-dev = Par ključev DPoP hranite, dokler obstajajo nanj vezani žetoni; z vsako zahtevo za žeton vezanega dovoljenja pošljite dokaz DPoP. Po izgubi ključa začnite novo avtorizacijo.

## 88000346 DpopProofRequired
err-88000346-meaning = Odjemalec je registriran z dpop_bound_access_tokens (RFC 9449, razdelek 5.2): Sigil mu izdaja samo žetone za dostop, vezane na DPoP, zato mora vsaka zahteva za žeton vsebovati glavo DPoP.
err-88000346-causes = Odjemalska knjižnica ni nastavljena za uporabo DPoP. Posrednik je dokaz odstranil.
err-88000346-fix-user = Obrnite se na razvijalca aplikacije.
err-88000346-fix-dev = Nastavite odjemalca, da za vsako zahtevo za žeton ustvari dokaz DPoP, ali iz registracije odjemalca odstranite dpop_bound_access_tokens.

## 88000347 DpopBoundTokenMisused
err-88000347-meaning = Žeton za dostop, vezan na DPoP (njegova trditev cnf navaja ključ), je sprejet samo kot Authorization: DPoP skupaj z dokazom DPoP, ki ga je ustvaril ta ključ; nevezan žeton s shemo DPoP ni sprejet (RFC 9449, razdelek 7.1).
err-88000347-causes = Odjemalec je na DPoP vezan žeton poslal kot žeton Bearer. Dokaz manjka ali ga je ustvaril drug ključ. Žeton brez vezave je bil poslan s shemo DPoP.
err-88000347-fix-user = Znova se prijavite; če napaka ostane, se obrnite na razvijalca aplikacije.
err-88000347-fix-dev = Pošljite Authorization: DPoP z žetonom in glavo DPoP, katere ath je zgoščena vrednost žetona, podpisano s ključem, za katerega je bil žeton izdan. V odgovoru preberite token_type: DPoP ali Bearer.

## 88000350 InvalidRequestUri
err-88000350-meaning = request_uri s končne točke za potisnjene avtorizacijske zahteve (PAR) predstavlja eno avtorizacijsko zahtevo enega odjemalca za kratek čas in ga je mogoče uporabiti enkrat (RFC 9126, razdelek 4). Ta ni znan za odjemalca iz zahteve, je potekel ali je bil že uporabljen.
err-88000350-causes = Uporabnik je stran za avtorizacijo osvežil ali se nanjo vrnil. Zahteva je bila potisnjena prepozno (tokens.pushed_request_lifetime). client_id v avtorizacijski zahtevi ni tisti, ki jo je potisnil. Vrednost je bila spremenjena.
err-88000350-fix-user = Vrnite se v aplikacijo in znova začnite prijavo.
err-88000350-fix-dev = Za vsako avtorizacijsko zahtevo potisnite novo zahtevo in brskalnik takoj preusmerite na avtorizacijsko končno točko z istim client_id in nespremenjenim request_uri.

## 88000351 PushedAuthorizationRequestRequired
err-88000351-meaning = Odjemalec je registriran z require_pushed_authorization_requests (RFC 9126, razdelek 6): Sigil njegove avtorizacijske zahteve sprejme samo kot request_uri s končne točke PAR, da njihovih parametrov ni mogoče spremeniti v brskalniku.
err-88000351-causes = Odjemalska knjižnica ni nastavljena za uporabo PAR. Napadalec ali zaznamek pošlje avtorizacijsko zahtevo neposredno.
err-88000351-fix-user = Vrnite se v aplikacijo in tam začnite prijavo.
err-88000351-fix-dev = Avtorizacijsko zahtevo pošljite z metodo POST na pushed_authorization_request_endpoint iz discovery in preusmerite samo s client_id in request_uri.
## 700021 ClientAssertionIssuerMismatch
err-700021-meaning = V trditvi odjemalca (private_key_jwt, RFC 7523, razdelek 3) morata biti iss in sub oba ID odjemalca aplikacije, ki se overja.
err-700021-causes = Trditev je bila ustvarjena za drugo aplikacijo ali parameter client_id navaja drugo aplikacijo kot trditev.
err-700021-fix-user = Obrnite se na skrbnika aplikacije.
err-700021-fix-dev = Nastavite iss in sub trditve na ID odjemalca aplikacije in pošljite enak client_id (ali nobenega).

## 700023 InvalidClientAssertionAudience
err-700023-meaning = Zahtevek aud v trditvi odjemalca mora biti končna točka žetonov tega najemnika ali njegov izdajatelj (RFC 7523, razdelek 3), z najemnikom po imenu ali po ID-ju.
err-700023-causes = Aplikacija je nastavljena na drugo avtoriteto, na primer login.microsoftonline.com storitve Entra.
err-700023-fix-user = Obrnite se na skrbnika aplikacije.
err-700023-fix-dev = Avtoriteto knjižnice usmerite na tega najemnika Sigil; občinstvo je potem končna točka žetonov iz njegovega dokumenta za odkrivanje.

## 700024 ClientAssertionNotWithinValidTimeRange
err-700024-meaning = Trditev odjemalca je sprejeta samo med nbf/iat in exp, z majhnim odstopanjem ure (tokens.assertion_clock_skew), in samo, če poteče znotraj tokens.assertion_max_lifetime.
err-700024-causes = Trditev je potekla, ura odjemalca je napačna ali trditev velja dlje, kot dovoljuje strežnik.
err-700024-fix-user = Preverite, ali je ura naprave pravilno nastavljena, in poskusite znova.
err-700024-fix-dev = Uskladite uro (NTP), ob vsakem poteku ustvarite novo trditev in exp ohranite znotraj tokens.assertion_max_lifetime.

## 700027 InvalidClientAssertionSignature
err-700027-meaning = Trditev mora biti podpisana z RS256, PS256 ali ES256 z zasebnim ključem potrdila ali ključa, registriranega za aplikacijo; algoritma none in HMAC sta zavrnjena.
err-700027-causes = Trditev je bila podpisana z drugim ključem, kot ga navaja potrdilo, spremenjena po podpisu ali podpisana z algoritmom, ki ne ustreza ključu.
err-700027-fix-user = Obrnite se na skrbnika aplikacije.
err-700027-fix-dev = Podpisujte z zasebnim ključem registriranega potrdila; za ključe RSA uporabite RS256 ali PS256, za ključe P-256 pa ES256.

## 88000300 ClientAssertionKeyNotFound
err-88000300-meaning = Glava trditve navaja ključ z x5t#S256, x5t ali kid; nima ga nobeno potrdilo aplikacije, noben ključ JWKS in noben ključ na jwks_uri (enkrat znova pridobljen).
err-88000300-causes = Aplikacija uporablja novo potrdilo, ki ni registrirano, ali pa je izdajatelj zamenjal ključe.
err-88000300-fix-user = Obrnite se na skrbnika aplikacije.
err-88000300-fix-dev = Registrirajte potrdilo (sigil import z [[tenant.client.certificate]]) ali objavite ključ na jwks_uri.

## 88000301 ClientAssertionReplayed
err-88000301-meaning = jti trditve odjemalca se hrani do njenega poteka. Privzeto je znova sprejeta samo ista trditev iste aplikacije; s strict_assertion_replay je vsak jti sprejet samo enkrat.
err-88000301-causes = Trditev je bila prestrežena in ponovno poslana ali pa knjižnica ponovno uporablja trditev, medtem ko je aplikacija v strogem načinu.
err-88000301-fix-user = Poskusite znova; če se napaka ponavlja, se obrnite na skrbnika aplikacije.
err-88000301-fix-dev = Za vsako zahtevo ustvarite novo trditev s svežim jti ali za tega odjemalca izklopite strict_assertion_replay.

## 88000302 ClientCertificateExpired
err-88000302-meaning = Potrdilo, registrirano za aplikacijo, se uporablja samo do datuma notAfter.
err-88000302-causes = Aplikacija še vedno podpisuje s poteklim potrdilom.
err-88000302-fix-user = Obrnite se na skrbnika aplikacije.
err-88000302-fix-dev = Ustvarite novo potrdilo, ga registrirajte poleg starega, preklopite aplikacijo nanj in nato odstranite staro.

## 88000303 AssertionKeysUnavailable
err-88000303-meaning = Ključi na jwks_uri ter dokument za odkrivanje in JWKS zunanjega izdajatelja se pridobijo prek HTTPS z omejitvami velikosti in časa, nikoli z zasebnih naslovov, izdajatelj v dokumentu za odkrivanje pa mora biti izdajatelj žetona.
err-88000303-causes = Drugi strežnik ne deluje ali je počasen, URL je napačen, kaže na zasebni naslov ali pa dokument za odkrivanje navaja drugega izdajatelja.
err-88000303-fix-user = Poskusite znova pozneje.
err-88000303-fix-dev = Preverite, ali sta jwks_uri ali /.well-known/openid-configuration izdajatelja dosegljiva iz Sigila in pravilna; glejte nastavitve outbound.

## 700211 NoMatchingFederatedIssuer
err-700211-meaning = Žeton zunanjega izdajatelja overi aplikacijo samo, če ena od njenih zveznih poverilnic natančno navaja tega izdajatelja.
err-700211-causes = Žeton delovne obremenitve je izdal drug izdajatelj ali pa se URL izdajatelja razlikuje (na primer v poševnici na koncu).
err-700211-fix-user = Obrnite se na skrbnika aplikacije.
err-700211-fix-dev = Dodajte federated_credential z izdajateljem natančno kot v zahtevku iss žetona.

## 700212 NoMatchingFederatedAudience
err-700212-meaning = aud žetona mora vsebovati občinstvo ustrezne zvezne poverilnice (privzeto api://AzureADTokenExchange).
err-700212-causes = Delovna obremenitev je žeton zahtevala za drugo občinstvo.
err-700212-fix-user = Obrnite se na skrbnika aplikacije.
err-700212-fix-dev = Žeton delovne obremenitve zahtevajte z občinstvom poverilnice ali občinstvo poverilnice nastavite na tisto, ki ga nosi žeton.

## 700213 NoMatchingFederatedSubject
err-700213-meaning = sub žetona mora biti enak subjektu zvezne poverilnice za njegovega izdajatelja (na primer system:serviceaccount:namespace:name).
err-700213-causes = Žeton je predložila druga delovna obremenitev, veja ali storitveni račun.
err-700213-fix-user = Obrnite se na skrbnika aplikacije.
err-700213-fix-dev = Dodajte federated_credential s subjektom natančno kot v zahtevku sub žetona.
## 50013 InvalidAssertion
err-50013-meaning = Zahteva on-behalf-of je vsebovala trditev, ki je Sigil ni mogel sprejeti: ni dostopni žeton, ki ga je podpisal ta najemnik, izdal jo je drug najemnik, ali pa je bilo njeno dovoljenje ali sam žeton preklican.
err-50013-causes = Vmesni API je posredoval žeton ID ali žeton drugega najemnika ali izdajatelja. Uporabnik se je odjavil ali je bil žeton preklican. Žeton je bil spremenjen.
err-50013-fix-user = Znova se prijavite v aplikacijo.
err-50013-fix-dev = Posredujte natanko dostopni žeton, ki ga je vaš API prejel v glavi Authorization in ga je izdal isti najemnik; če je bil preklican, naj sprednji del pridobi novega.

## 500131 AssertionAudienceDoesNotMatchClient
err-500131-meaning = V toku on-behalf-of mora biti trditev dostopni žeton za API, ki ga izvaja klicoča aplikacija (nastavitev exposes_api). Ta je bila izdana za drugo občinstvo.
err-500131-causes = Vmesni API je posredoval žeton, namenjen drugemu API-ju. Nastavitev exposes_api aplikacije navaja drug API ali nobenega.
err-500131-fix-user = Obrnite se na skrbnika aplikacije.
err-500131-fix-dev = Posredujte žeton, ki ga je vaš API prejel zase. Nastavite exposes_api vmesnega odjemalca na identifikator API-ja, ki ga izvaja, sprednji del pa naj zahteva obsege tega API-ja.

## 500133 AssertionNotWithinValidTimeRange
err-500133-meaning = Dostopni žeton, podan kot trditev on-behalf-of, je po času poteka (exp) ali še ni veljaven (nbf), upoštevaje majhno dovoljeno razliko ur.
err-500133-causes = Vmesni API je žeton uporabnika hranil dlje od njegove življenjske dobe. Uri strežnikov se razlikujeta za več kot minuto.
err-500133-fix-user = Znova naložite aplikacijo ali se znova prijavite.
err-500133-fix-dev = Sprednji del naj ob vsakem klicu pošlje svež dostopni žeton; prejetih žetonov ne hranite po exp. Uri strežnikov naj bosta usklajeni.

## 88000320 AssertionHasNoUser
err-88000320-meaning = On-behalf-of deluje v imenu prijavljenega uporabnika, navedenega v trditvi. Trditev je bila dostopni žeton, izdan sami aplikaciji (poverilnice odjemalca), ki ne navaja uporabnika.
err-88000320-causes = Klicoči API je prejel žeton aplikacije (od storitve) in ga poskušal zamenjati v imenu uporabnika.
err-88000320-fix-user = Obrnite se na skrbnika aplikacije.
err-88000320-fix-dev = On-behalf-of uporabljajte le z žetoni, izdanimi za uporabnika. Za klice med storitvami brez uporabnika zahtevajte žeton s poverilnicami odjemalca.

## 88000321 OnBehalfOfConsentRequired
err-88000321-meaning = Vmesna aplikacija je v imenu uporabnika zahtevala žeton za nadaljnji API, a uporabnik tej aplikaciji za ta dovoljenja ni dal privolitve. Klicatelji vidijo Entrino kodo 65001 z napako invalid_grant in suberror consent_required.
err-88000321-causes = Uporabnik je privolil le v sprednjo aplikacijo. Vmesni sloj zahteva več nadaljnjih dovoljenj, kot jih je uporabnik odobril. Privolitev je bila preklicana.
err-88000321-fix-user = Znova se prijavite v aplikacijo in sprejmite zahtevana dovoljenja.
err-88000321-fix-dev = Napako consent_required vrnite sprednjemu delu, da uporabnika interaktivno prijavi z nadaljnjimi obsegi vmesnega sloja (ali naj se uporabnik enkrat prijavi v vmesnega odjemalca), nato poskusite znova.

## 88000322 SubjectTokenInvalid
err-88000322-meaning = Pri izmenjavi žetonov (RFC 8693) mora biti subject_token dostopni žeton, ki ga je ta najemnik izdal uporabniku, nepotekel in nepreklican.
err-88000322-causes = Žeton je potekel, bil preklican, ga je izdal drug najemnik, je žeton ID ali žeton aplikacije, ali pa je bil spremenjen.
err-88000322-fix-user = Znova se prijavite v aplikacijo.
err-88000322-fix-dev = Kot subject_token pošljite trenutni dostopni žeton uporabnika, s subject_token_type urn:ietf:params:oauth:token-type:access_token.

## 88000323 ActorTokenInvalid
err-88000323-meaning = Pri izmenjavi žetonov z delegiranjem (RFC 8693) actor_token navaja stranko, ki deluje v imenu uporabnika; biti mora dostopni žeton tega najemnika, nepotekel in nepreklican.
err-88000323-causes = Žeton akterja je potekel, bil preklican, ga je izdal drug najemnik ali je bil spremenjen.
err-88000323-fix-user = Poskusite znova pozneje; če se napaka ponavlja, se obrnite na skrbnika aplikacije.
err-88000323-fix-dev = Kot actor_token pošljite trenutni dostopni žeton delujoče storitve (npr. iz poverilnic odjemalca), z actor_token_type urn:ietf:params:oauth:token-type:access_token.

## 88000324 SubjectTokenNotExchangeable
err-88000324-meaning = Pravilnik izmenjave žetonov odjemalca navaja občinstva žetonov subjekta, ki jih sme izmenjati; občinstva tega žetona med njimi ni.
err-88000324-causes = Aplikacija je poslala žeton, namenjen drugemu API-ju, ali njen pravilnik (token_exchange.subject_audiences) tega API-ja ne navaja.
err-88000324-fix-user = Obrnite se na skrbnika aplikacije.
err-88000324-fix-dev = Izmenjujte le žetone, izdane za vaš API, ali dodajte njegov identifikator v token_exchange.subject_audiences odjemalca.

## 88000325 ExchangeTargetNotAllowed
err-88000325-meaning = Pravilnik izmenjave žetonov odjemalca navaja API-je, za katere sme zahtevati izmenjane žetone; zahtevano občinstvo, vir ali obseg navaja drug API, ali pa odjemalec nima pravilnika.
err-88000325-causes = Parameter audience, resource ali scope navaja API, ki ga pravilnik (token_exchange.target_audiences) ne navaja.
err-88000325-fix-user = Obrnite se na skrbnika aplikacije.
err-88000325-fix-dev = Zahtevajte le cilje iz token_exchange.target_audiences odjemalca ali tja dodajte API.

## 88000326 UnsupportedTokenType
err-88000326-meaning = Izmenjava žetonov je navedla subject_token_type, actor_token_type ali requested_token_type, ki ga Sigil ne obravnava. Sigil izmenjuje svoje dostopne žetone: urn:ietf:params:oauth:token-type:access_token ali urn:ietf:params:oauth:token-type:jwt.
err-88000326-causes = Aplikacija je poslala vrsto žetona ID, trditve SAML ali osvežilnega žetona ali pa je napačno zapisala URI vrste.
err-88000326-fix-user = Obrnite se na skrbnika aplikacije.
err-88000326-fix-dev = Za vrste žetonov uporabite urn:ietf:params:oauth:token-type:access_token (ali urn:ietf:params:oauth:token-type:jwt).

## 88000420 RequestObjectInvalid
err-88000420-meaning = Parameter request mora biti z JWT zavarovana zahteva za avtorizacijo (RFC 9101): kompakten JWS, podpisan z RS256, PS256 ali ES256 s ključem, registriranim za aplikacijo (potrdila, JWKS ali njen jwks_uri). Nepodpisani objekti (alg none) so zavrnjeni, objekt zahteve pa sam ne sme vsebovati request ali request_uri.
err-88000420-causes = Objekt ni podpisan, je šifriran, podpisan z nepodprtim algoritmom ali s ključem, ki ga aplikacija ni registrirala, ali pa je bil na poti spremenjen.
err-88000420-fix-user = Vrnite se v aplikacijo in znova začnite prijavo. Če napaka ostaja, se obrnite na skrbnika aplikacije.
err-88000420-fix-dev = Podpišite objekt zahteve z registriranim ključem z RS256, PS256 ali ES256 in v glavo vpišite kid (ali x5t#S256), ki poimenuje ključ.

## 88000421 RequestObjectClaimsMismatch
err-88000421-meaning = V objektu zahteve (RFC 9101, razdelka 4 in 5) mora biti iss ID odjemalca aplikacije, aud izdajatelj tega najemnika, client_id pa enak client_id zahteve, ki ga je prinesla.
err-88000421-causes = Objekt je bil ustvarjen za drugo aplikacijo ali drug strežnik, ali pa zahteva navaja drugega odjemalca kot objekt.
err-88000421-fix-user = Obrnite se na skrbnika aplikacije.
err-88000421-fix-dev = Nastavite iss in client_id na ID odjemalca in aud na izdajatelja iz discovery ter poleg request pošljite isti client_id.

## 88000422 RequestObjectNotWithinValidTimeRange
err-88000422-meaning = Objekt zahteve mora vsebovati exp, ne sme biti potekel, njegova nbf in iat ne smeta biti v prihodnosti in ne sme veljati dlje, kot dovoli strežnik (upošteva se odstopanje ure tokens.assertion_clock_skew).
err-88000422-causes = Ura odjemalca je napačna, objekt je bil ustvarjen dolgo pred pošiljanjem ali nima exp.
err-88000422-fix-user = Preverite datum in čas naprave ter poskusite znova.
err-88000422-fix-dev = Objekt zahteve ustvarite tik pred pošiljanjem, z exp nekaj minut za iat, in uro odjemalca imejte usklajeno.

## 88000423 RequestObjectReplayed
err-88000423-meaning = jti vsakega objekta zahteve aplikacije je sprejet enkrat, dokler objekt ne poteče (RFC 9101, razdelek 10.2), zato prestreženega objekta zahteve ni mogoče znova uporabiti.
err-88000423-causes = Aplikacija ponovno uporabi objekt zahteve ali pa ga napadalec ponovi.
err-88000423-fix-user = Vrnite se v aplikacijo in znova začnite prijavo.
err-88000423-fix-dev = Za vsako zahtevo za avtorizacijo ustvarite nov objekt zahteve z novim jti.

## 88000424 RequestUriNotSupported
err-88000424-meaning = Sigil ne prenaša objektov zahteve z naslovov URL (RFC 9101, razdelek 6.2, request_uri_not_supported). Edini sprejeti request_uri je vrednost urn:ietf:params:oauth:request_uri: z njegove lastne končne točke potisnjenih zahtev (RFC 9126).
err-88000424-causes = Aplikacija pošlje objekt zahteve s sklicem na naslov https ali nepovezano vrednost kot request_uri.
err-88000424-fix-user = Obrnite se na skrbnika aplikacije.
err-88000424-fix-dev = Potisnite zahtevo (ali objekt zahteve) na pushed_authorization_request_endpoint in uporabite vrnjeni request_uri ali pa objekt zahteve pošljite po vrednosti v request.

## 88000425 SignedRequestObjectRequired
err-88000425-meaning = Aplikacija je registrirana z require_signed_request_object (RFC 9101, razdelek 10.5): njene zahteve za avtorizacijo, na končni točki za avtorizacijo in na končni točki potisnjenih zahtev, morajo biti podpisan objekt zahteve v parametru request.
err-88000425-causes = Knjižnica odjemalca ni nastavljena za podpisovanje zahtev ali pa je nekdo poslal navadno zahtevo za avtorizacijo za to aplikacijo.
err-88000425-fix-user = Vrnite se v aplikacijo in tam začnite prijavo.
err-88000425-fix-dev = Vse parametre avtorizacije dajte v objekt zahteve, podpisan z registriranim ključem, in ga pošljite kot request (neposredno ali prek PAR).

## 88000430 FapiPkceS256Required
err-88000430-meaning = Aplikacija sledi varnostnemu profilu FAPI 2.0 (razdelek 5.3.2.2): vsaka zahteva za avtorizacijo vsebuje code_challenge PKCE s code_challenge_method S256. Metoda plain je zavrnjena, tudi če jo najemnik dovoli.
err-88000430-causes = Zahteva nima code_challenge ali uporablja metodo plain.
err-88000430-fix-user = Obrnite se na skrbnika aplikacije.
err-88000430-fix-dev = V potisnjeni zahtevi pošljite code_challenge = BASE64URL(SHA-256(code_verifier)) in code_challenge_method=S256.

## 88000431 FapiResponseModeNotAllowed
err-88000431-meaning = Za aplikacijo s profilom FAPI 2.0 Sigil vrne odgovor avtorizacije (code, state in iss po RFC 9207) le v poizvedbenem nizu registriranega preusmeritvenega URI; drugi načini odgovora so zavrnjeni.
err-88000431-causes = Zahteva zahteva response_mode fragment ali form_post.
err-88000431-fix-user = Obrnite se na skrbnika aplikacije.
err-88000431-fix-dev = Izpustite response_mode (query je privzet za response_type code) ali pošljite response_mode=query.

## 88000432 FapiClientAssertionAudience
err-88000432-meaning = Varnostni profil FAPI 2.0 (razdelek 5.3.2.1) zahteva, da strežnik za avtorizacijo v aud trditev odjemalca sprejme le svoj identifikator izdajatelja kot en niz. URL končne točke žetonov ali seznam sta za aplikacije FAPI 2.0 zavrnjena.
err-88000432-causes = Knjižnica odjemalca v aud vpiše URL končne točke žetonov, seznam ali drugo ime najemnika.
err-88000432-fix-user = Obrnite se na skrbnika aplikacije.
err-88000432-fix-dev = Nastavite aud trditve private_key_jwt na vrednost issuer iz discovery, kot niz.
## 50076 UserStrongAuthClientAuthNRequired
err-50076-meaning = Vpis zahteva večfaktorsko preverjanje pristnosti (zahteva ga najemnik, aplikacija, skupina uporabnika ali zahteva sama), aplikacija pa je zahtevala, da se ne prikaže nobena stran (prompt=none).
err-50076-causes = Seja je bila ustvarjena samo z geslom, pravilnik ali acr_values pa zdaj zahteva drugi dejavnik. Aplikacija je poskusila tihi vpis.
err-50076-fix-user = Vpišite se znova, ko vas aplikacija pozove, in vnesite kodo iz aplikacije za preverjanje pristnosti.
err-50076-fix-dev = interaction_required s suberror basic_action obravnavajte kot znak za interaktivni vpis brez prompt=none.

## 50079 UserStrongAuthEnrollmentRequired
err-50079-meaning = Vpis zahteva večfaktorsko preverjanje pristnosti, uporabnik še nima drugega dejavnika, aplikacija pa je zahtevala, da se ne prikaže nobena stran (prompt=none), zato strani za nastavitev ni mogoče prikazati.
err-50079-causes = Za uporabnika brez aplikacije za preverjanje pristnosti je bil vklopljen pravilnik, ki zahteva večfaktorsko preverjanje. Aplikacija je poskusila tihi vpis.
err-50079-fix-user = Vpišite se znova, ko vas aplikacija pozove: Sigil vam bo pomagal nastaviti aplikacijo za preverjanje pristnosti.
err-50079-fix-dev = Začnite interaktivni vpis brez prompt=none; Sigil ob naslednjem vpisu prikaže stran za nastavitev.

## 88000440 OtpCodeInvalid
err-88000440-meaning = Šestmestna koda se ne ujema z uporabnikovo aplikacijo za preverjanje pristnosti za trenutni čas (Sigil sprejme prejšnjo, trenutno in naslednjo 30-sekundno kodo).
err-88000440-causes = Napačno vtipkana koda. Ura telefona odstopa za več kot 30 sekund. Koda je iz drugega računa v aplikaciji.
err-88000440-fix-user = Vtipkajte kodo, ki jo aplikacija za preverjanje pristnosti zdaj prikazuje za ta račun. Če še vedno ne gre, nastavite samodejni čas telefona.
err-88000440-fix-dev = V aplikaciji ni treba ničesar spremeniti; napačne kode se štejejo, preveč jih povzroči čakanje drugega dejavnika (88000442).

## 88000441 OtpCodeReplayed
err-88000441-meaning = Koda je pravilna, vendar je bila koda istega 30-sekundnega intervala za ta avtentikator že sprejeta. RFC 6238 zahteva, da se drugič zavrne, da kode, videne čez ramo, ni mogoče ponovno uporabiti.
err-88000441-causes = Uporabnik se je v 30 sekundah dvakrat vpisal z isto kodo. Obrazec je bil poslan dvakrat. Nekdo drug je kodo uporabil prvi.
err-88000441-fix-user = Počakajte, da aplikacija za preverjanje pristnosti prikaže novo kodo, in vtipkajte to.
err-88000441-fix-dev = V aplikaciji ni treba ničesar spremeniti. Če se to pogosto dogaja, se uporabniki vpisujejo dvakrat zapored; drugi vpis lahko uporabi sejo.

## 88000442 SecondFactorLocked
err-88000442-meaning = Za tega uporabnika je bilo vnesenih preveč napačnih kod drugega dejavnika, zato Sigil nekaj časa (15 minut) ne preverja kod. Tako se ustavi ugibanje šestmestne kode.
err-88000442-causes = Nekdo, ki pozna geslo, ugiba kode. Uporabnik je vtipkal več napačnih kod ali kode drugega računa.
err-88000442-fix-user = Počakajte 15 minut in poskusite znova s kodo, ki jo prikaže aplikacija. Če se niste poskušali vpisati, spremenite geslo.
err-88000442-fix-dev = V aplikaciji ni treba ničesar spremeniti. Operaterji: dnevnik vpisov zabeleži vsak poskus z razlogom.

## 88000443 RecoveryCodeInvalid
err-88000443-meaning = Besedilo, vneseno pri koraku drugega dejavnika, ni šest števk, zato ga je Sigil preveril kot obnovitveno kodo, in ni nobena od uporabnikovih neuporabljenih obnovitvenih kod. Vsaka obnovitvena koda deluje enkrat.
err-88000443-causes = Obnovitvena koda, ki je bila že uporabljena. Koda iz starejšega nabora (ponovna nastavitev avtentikatorja jih zamenja). Tipkarska napaka.
err-88000443-fix-user = Uporabite drugo obnovitveno kodo ali kodo iz aplikacije za preverjanje pristnosti. Če nimate nobene, se obrnite na skrbnika.
err-88000443-fix-dev = V aplikaciji ni treba ničesar spremeniti; napačne obnovitvene kode se štejejo v isto omejitev kot napačne kode (88000442).

## 88000444 PasswordGrantMfaRequired
err-88000444-meaning = Aplikacija je uporabnika vpisala z dodelitvijo poverilnic lastnika vira, ki nosi le geslo, pravilnik pa za tega uporabnika ali aplikacijo zahteva večfaktorsko preverjanje pristnosti. Klicatelji vidijo Entrino kodo 50076.
err-88000444-causes = Najemnik, aplikacija ali ena od uporabnikovih skupin zahteva večfaktorsko preverjanje, aplikacija pa uporablja grant_type=password.
err-88000444-fix-user = Vpišite se z vpisom v brskalniku aplikacije ali se obrnite na skrbnika aplikacije.
err-88000444-fix-dev = Uporabite tok s kodo za pooblastilo (ali s kodo naprave), da lahko uporabnik opravi drugi dejavnik; dodelitev z geslom tega ne zmore.

## 88000650 InsufficientUserAuthentication
err-88000650-meaning = Zaščiteni vir Sigila (UserInfo) je zavrnil žeton za dostop, ker je vpis, iz katerega izhaja, uporabil samo geslo, najemnik ali aplikacija pa zdaj zahteva večfaktorsko preverjanje pristnosti. Odgovor je izziv WWW-Authenticate po RFC 9470 z napako insufficient_user_authentication in acr_values.
err-88000650-causes = Večfaktorsko preverjanje pristnosti je bilo za najemnika ali aplikacijo vklopljeno po vpisu žetona. Žeton je bil osvežen iz vpisa pred pravilnikom.
err-88000650-fix-user = Vpišite se znova, ko vas aplikacija pozove, in vnesite kodo iz aplikacije za preverjanje pristnosti.
err-88000650-fix-dev = Preberite acr_values iz glave WWW-Authenticate in začnite novo zahtevo za avtorizacijo s tem acr_values (RFC 9470, razdelek 4); uporabnik bo pozvan k drugemu dejavniku in novi žeton bo izpolnjeval pravilnik.

## 88000651 InsufficientClaims
err-88000651-meaning = Enaka zavrnitev kot 88000650 za odjemalca, ki je prijavil zmožnost cp1 iz Entre: izziv WWW-Authenticate ima napako insufficient_claims in vrednost claims (base64), ki jo je treba poslati nazaj, izziv trditev iz Entre.
err-88000651-causes = Večfaktorsko preverjanje pristnosti je bilo za najemnika ali aplikacijo vklopljeno po vpisu žetona, odjemalec pa je prijavil, da obravnava izzive trditev (xms_cc cp1).
err-88000651-fix-user = Vpišite se znova, ko vas aplikacija pozove, in vnesite kodo iz aplikacije za preverjanje pristnosti.
err-88000651-fix-dev = Dekodirajte vrednost claims iz glave WWW-Authenticate in jo pošljite kot parameter claims nove interaktivne zahteve za žeton (MSAL: WithClaims); Sigil bo zahteval drugi dejavnik.
## 88000400 JwtBearerIssuerNotTrusted
err-88000400-meaning = Dodelitev JWT bearer (RFC 7523) je vsebovala JWT, katerega izdajatelj (iss) ni noben od zaupanja vrednih izdajateljev najemnika.
err-88000400-causes = Najemnik nima vnosa trusted_issuer za tega izdajatelja ali pa se vrednost izdajatelja razlikuje (shema, končna poševnica, pot).
err-88000400-fix-user = Obrnite se na skrbnika aplikacije.
err-88000400-fix-dev = Dodajte [[tenant.trusted_issuer]], katerega issuer je natanko iss iz JWT, ali pošljite JWT zaupanja vrednega izdajatelja.

## 88000401 JwtBearerClientNotAllowed
err-88000401-meaning = Izdajatelj JWT je za najemnika zaupanja vreden, vendar njegov vnos trusted_issuer ne navaja kličočega odjemalca.
err-88000401-causes = client_id manjka na seznamu clients izdajatelja ali pa trditev uporablja druga aplikacija.
err-88000401-fix-user = Obrnite se na skrbnika aplikacije.
err-88000401-fix-dev = Dodajte client_id na seznam clients vnosa trusted_issuer najemnika za tega izdajatelja.

## 88000402 JwtBearerAssertionInvalid
err-88000402-meaning = JWT, podanega kot dodelitev pooblastila, ni bilo mogoče sprejeti: je napačno oblikovan, manjka mu obvezna trditev (iss, sub, aud, exp ali jti, ko jo izdajatelj zahteva), njegov podpis se ne preveri s ključi izdajatelja ali ključev ni bilo mogoče pridobiti.
err-88000402-causes = JWT je bil spremenjen ali podpisan s ključem, ki ga izdajatelj ne objavlja. Dokument odkrivanja ali JWKS izdajatelja ni dosegljiv. JWT uporablja algoritem, ki ni RS256, PS256 ali ES256.
err-88000402-fix-user = Poskusite znova pozneje; če se težava ponavlja, se obrnite na skrbnika aplikacije.
err-88000402-fix-dev = Pošljite JWT natanko takšen, kot ga je izdelal izdajatelj; preverite, ali izdajatelj objavlja svoje ključe (jwks_uri ali odkrivanje) in ali jih Sigil doseže; dodajte jti, ko je nastavljen require_jti.

## 88000403 JwtBearerAudienceInvalid
err-88000403-meaning = aud v JWT mora navajati končno točko žetonov ali izdajatelja tega najemnika (po ID-ju ali imenu najemnika) ali eno od občinstev, nastavljenih za njegovega zaupanja vrednega izdajatelja.
err-88000403-causes = Izdajatelj je JWT izdelal za drugo storitev ali pa trusted_issuer najemnika navaja druga občinstva.
err-88000403-fix-user = Obrnite se na skrbnika aplikacije.
err-88000403-fix-dev = Naj izdajatelj nastavi aud na končno točko žetonov tega najemnika ali dodajte vrednost aud v audiences vnosa trusted_issuer.

## 88000404 JwtBearerNotWithinValidTimeRange
err-88000404-meaning = exp v JWT je minil ali pa sta nbf ali iat v prihodnosti, preko majhne dopustne razlike ur; ali pa je veljaven dlje, kot Sigil sprejme (tokens.assertion_max_lifetime).
err-88000404-causes = JWT je bil hranjen dlje od svoje življenjske dobe. Uri izdajatelja in Sigil se razlikujeta. Izdajatelj izdeluje dolgožive JWT.
err-88000404-fix-user = Poskusite znova; če se težava ponavlja, se obrnite na skrbnika aplikacije.
err-88000404-fix-dev = Za vsako zahtevo za žeton pridobite nov JWT od izdajatelja; uri naj bodo usklajene; izdajatelj naj izdeluje JWT, veljavne največ tokens.assertion_max_lifetime.

## 88000405 JwtBearerReplayed
err-88000405-meaning = JWT dodelitve JWT bearer je sprejet enkrat: JWT z istim izdajateljem in jti je bil že unovčen (RFC 7523 §3, točka 7).
err-88000405-causes = Aplikacija je isti JWT poslala dvakrat (ponovni poskus ali JWT iz predpomnilnika) ali pa je bil JWT prestrežen in ponovno poslan.
err-88000405-fix-user = Poskusite znova.
err-88000405-fix-dev = Za vsako zahtevo za žeton pridobite nov JWT (z novim jti) od izdajatelja.

## 88000406 JwtBearerUserNotFound
err-88000406-meaning = Trditev, s katero zaupanja vreden izdajatelj navaja uporabnike (user_claim, privzeto sub), se po nastavljenem user_match (ID, uporabniško ime ali e-pošta) ne ujema z nobenim uporabnikom najemnika.
err-88000406-causes = Uporabnik v Sigil še ne obstaja ali pa sta user_claim ali user_match izdajatelja nastavljena za drugo vrsto vrednosti.
err-88000406-fix-user = Obrnite se na skrbnika aplikacije.
err-88000406-fix-dev = Ustvarite uporabnika v Sigil ali nastavite user_claim in user_match vnosa trusted_issuer na trditev in vrednost, ki določata uporabnike Sigil.
## 88000480 AdminPreconditionFailed
err-88000480-meaning = Sprememba prek skrbniškega API-ja je imela glavo If-Match z oznako ETag, ki ne ustreza več predmetu: po branju ga je spremenil nekdo drug.
err-88000480-causes = Dva operaterja ali orodji sta hkrati urejala isti predmet. Skript je znova uporabil ETag iz prejšnjega branja. Med branjem in pisanjem je bila potrjena druga sprememba imenika (na primer načrtovana menjava ključev).
err-88000480-fix-user = Ta stran ni namenjena vam; vrnite se v aplikacijo, ki ste jo uporabljali.
err-88000480-fix-dev = Predmet znova preberite z GET, spremembo uporabite na trenutni vsebini in jo pošljite z novim ETag v If-Match.

## 88000481 AdminForbidden
err-88000481-meaning = Skrbniški žeton je bil sprejet, vendar njegove vloge ne zajemajo operacije: žeton z vlogo Sigil.Reader je poskušal nekaj spremeniti ali pa je skrbnik enega najemnika dostopal do drugega najemnika ali do vira celotne namestitve.
err-88000481-causes = Odjemalec je dobil vlogo Sigil.Reader namesto Sigil.Admin. Žeton je izdal drug najemnik kot tisti, ki je naslovljen, in ta ni skrbniški najemnik namestitve.
err-88000481-fix-user = Ta stran ni namenjena vam; vrnite se v aplikacijo, ki ste jo uporabljali.
err-88000481-fix-dev = Odjemalcu dodelite vlogo Sigil.Admin na API-ju api://sigil-admin pravega najemnika ali za operacije celotne namestitve uporabite žeton skrbniškega najemnika (server.admin_tenant).

## 88000482 AdminInvalidObject
err-88000482-meaning = Predmet, poslan skrbniškemu API-ju, krši pravilo priprave. To so ista pravila, kot jih uporabljata sigil import in skrbniška ukazna vrstica; odgovor navede vsako kršeno polje.
err-88000482-causes = Obvezno polje manjka ali je napačno zapisano. Preusmeritveni URI ni https (ali http na povratnem naslovu). Javni odjemalec je dobil skrivnost ali zaupni nobene. Geslo ali skrivnost je prekratka.
err-88000482-fix-user = Ta stran ni namenjena vam; vrnite se v aplikacijo, ki ste jo uporabljali.
err-88000482-fix-dev = Preberite seznam errors v odgovoru: vsak element navede polje in pravilo. Vsa pravila opisuje docs/provisioning.md.

## 88000483 AdminNameTaken
err-88000483-meaning = Skrbniški API je zavrnil ustvarjanje ali preimenovanje predmeta, ker je ime zasedeno: imena najemnikov, ID-ji odjemalcev, uporabniška imena in imena skupin so edinstveni v svojem obsegu.
err-88000483-causes = Predmet je bil ustvarjen že prej (ponovljena zahteva). Drug operater ali orodje je ustvarilo predmet z istim imenom.
err-88000483-fix-user = Ta stran ni namenjena vam; vrnite se v aplikacijo, ki ste jo uporabljali.
err-88000483-fix-dev = Izberite drugo ime ali preberite obstoječi predmet z GET in ga spremenite s PATCH.

## 88000720 ConsoleSignInFailed
err-88000720-meaning = Povratka po prijavi v skrbniško konzolo ni bilo mogoče dokončati: brskalnik se je vrnil brez prijave, ki jo je začela konzola (parameter state), ali pa je Sigil zavrnil prijavo ali kodo.
err-88000720-causes = Prijava je trajala več kot deset minut. Piškotki so bili med prijavo blokirani ali izbrisani. Povratni naslov je bil odprt iz drugega brskalnika ali zaznamka. Račun je bil zavrnjen na strani za prijavo (kodo najdete v dnevniku prijav).
err-88000720-fix-user = Znova odprite konzolo in se prijavite; dovolite piškotke za to spletno mesto.
err-88000720-fix-dev = ID sledenja poiščite v dnevniku prijav: zavrnjena koda ali prijava ima svoj zapis z razlogom. Preverite, da je server.public_url naslov, ki ga uporabljajo operaterji, saj je iz njega sestavljen URI za preusmeritev konzole.

## 88000721 ConsoleFormRejected
err-88000721-meaning = Sprememba je bila konzoli poslana brez žetona proti ponarejanju trenutne seje konzole, zato ni bila izvedena.
err-88000721-causes = Stran je bila odprta iz prejšnje seje konzole (pred odjavo ali ponovno prijavo). Drugo spletno mesto je poskušalo poslati podatke konzoli (ponarejanje zahtev med spletnimi mesti).
err-88000721-fix-user = Znova naložite stran konzole in spremembo naredite še enkrat.
err-88000721-fix-dev = Obrazci konzole nosijo žeton, vezan na zapečateni piškotek seje; avtomatizacija naj uporablja skrbniški API z žetonom bearer, ne obrazcev konzole.

## 88000722 ConsoleNotConfigured
err-88000722-meaning = Skrbniška konzola prijavlja operaterje prek skrbniškega najemnika namestitve, ta pa ni nastavljen.
err-88000722-causes = server.admin_tenant je prazen ali imenuje najemnika, ki ne obstaja.
err-88000722-fix-user = Prosite operaterja tega strežnika, naj omogoči skrbniško konzolo.
err-88000722-fix-dev = Nastavite server.admin_tenant (SIGIL_SERVER_ADMIN_TENANT) na obstoječega najemnika in znova zaženite: Sigil tam ustvari odjemalca sigil-console in API api://sigil-admin. Ljudem dodelite vlogo Sigil.Admin ali Sigil.Reader neposredno ali prek skupine. Glejte docs/console.md.
## 88000500 RateLimited
err-88000500-meaning = Dosežena je bila omejitev hitrosti: zahteve ene aplikacije na končni točki za žetone, poskusi prijave za eno uporabniško ime ali zahteve z enega izvornega naslova ali iz enega omrežja (privzeto /24 za IPv4, /64 za IPv6) v časovnem oknu ([rate_limits] window, privzeto 60 sekund). Odgovor je HTTP 429 z glavo Retry-After, ki pove sekunde do konca okna (RFC 6585, razdelek 4).
err-88000500-causes = Aplikacija zahteva nov žeton ob vsakem klicu, namesto da bi ga hranila do poteka. Skript ali obremenitveni test. Nekdo ugiba gesla ali skrivnosti odjemalca. Veliko uporabnikov za enim posredniškim strežnikom, katerega naslov Sigil vidi namesto njihovih.
err-88000500-fix-user = Počakajte prikazano število sekund in poskusite znova.
err-88000500-fix-dev = Žetone hranite do tik pred potekom (MSAL to počne). Upoštevajte Retry-After. Če si veliko uporabnikov deli en posredniški strežnik, ga navedite v server.trusted_proxies, da Sigil vidi njihove prave naslove; operaterji lahko omejitve zvišajo v [rate_limits] (0 eno izklopi).

## 88000630 AccountCurrentPasswordWrong
err-88000630-meaning = Na strani računa trenutno geslo, podano za spremembo gesla, ni geslo uporabnika. Sigil ga preveri enako kot pri prijavi: pametno zaklepanje šteje napačno geslo, zato ugibanje trenutnega gesla iz odprte seje zaklene račun enako kot ugibanje na strani za prijavo.
err-88000630-causes = Tipkarska napaka ali razporeditev tipkovnice. Geslo je bilo medtem spremenjeno (uporabnik v drugem brskalniku ali ponastavitev skrbnika). Nekdo drug uporablja brskalnik, v katerem je uporabnik ostal prijavljen.
err-88000630-fix-user = Ponovno vnesite trenutno geslo. Če ste ga pozabili, se odjavite in uporabite ponastavitev gesla svoje organizacije ali vprašajte skrbnika.
err-88000630-fix-dev = V aplikaciji ni treba ničesar spremeniti: stran računa pripada Sigilu. V dnevniku prijav (flow account) isti ID sledenja pokaže poskus; ponavljajoči se poskusi z enega vira kažejo na brskalnik, ki je ostal prijavljen.

## 88000631 AccountNewPasswordRejected
err-88000631-meaning = Novo geslo krši pravila za gesla: krajše je od 8 znakov ali pa je enako trenutnemu.
err-88000631-causes = Kratko geslo. Trenutno geslo, ponovno vneseno kot novo.
err-88000631-fix-user = Izberite novo geslo z vsaj 8 znaki, ki ga tu še niste uporabili; geslo iz več besed si je lahko zapomniti in ga je težko uganiti.
err-88000631-fix-dev = Pravilo je enako kot za uporabnike, ustvarjene s pripravo (vsaj 8 znakov). Razlog v dnevniku prijav navede kršeno pravilo.

## 88000632 AccountPasswordConfirmationMismatch
err-88000632-meaning = Novo geslo in njegova ponovitev na strani računa nista enaka, zato Sigil ne ve, katero je bilo mišljeno, in ne spremeni ničesar.
err-88000632-causes = Tipkarska napaka v enem od obeh polj. Upravitelj gesel je izpolnil le eno od njiju.
err-88000632-fix-user = Ponovno vnesite novo geslo v obe polji.
err-88000632-fix-dev = Ničesar ni treba spremeniti: preverjanje uporabnike varuje pred tem, da bi se zaklenili z napačno vnesenim geslom.

## 88000633 AccountSessionNotFound
err-88000633-meaning = Seja, ki naj se odjavi, ni nobena od živih sej prijavljenega uporabnika. Uporabnik lahko konča le svoje seje; identifikator se preveri na njegovem seznamu.
err-88000633-causes = Seja se je že končala: potekla je, bila je odjavljena v svojem brskalniku ali v drugem zavihku strani računa. Obrazec je bil spremenjen, da navaja sejo drugega uporabnika.
err-88000633-fix-user = Znova naložite stran računa: seznam pokaže seje, ki so še prijavljene.
err-88000633-fix-dev = V aplikaciji ni treba ničesar spremeniti. Zahteva, ki navaja sejo drugega uporabnika, je namenoma zavrnjena in zapisana v dnevnik prijav s to kodo.

## 88000634 AccountConsentNotFound
err-88000634-meaning = Aplikacija, ki ji uporabnik preklicuje dostop, nima soglasja tega uporabnika. Uporabnik lahko prekliče le svoja soglasja.
err-88000634-causes = Soglasje je bilo že preklicano (v drugem zavihku ali s strani skrbnika). Obrazec je bil spremenjen, da navaja drugo aplikacijo ali soglasje drugega uporabnika.
err-88000634-fix-user = Znova naložite stran računa: seznam pokaže aplikacije, ki še imajo vaše dovoljenje.
err-88000634-fix-dev = V aplikaciji ni treba ničesar spremeniti. Po preklicu so žetoni za osvežitev aplikacije za uporabnika zavrnjeni (invalid_grant), naslednja prijava pa znova zahteva soglasje.

## 88000635 AccountRecentSignInRequired
err-88000635-meaning = Odstranitev drugega faktorja zahteva prijavo z obema korakoma (geslo in koda) v zadnjih desetih minutah, kot jo aplikacija zahteva z max_age in acr_values (OpenID Connect Core 1.0, razdelek 3.1.2.1). Stran računa takrat uporabnika vodi skozi takšno prijavo in nazaj.
err-88000635-causes = Uporabnik se je prijavil pred več kot desetimi minutami ali brez drugega koraka.
err-88000635-fix-user = Znova se prijavite z geslom in kodo iz aplikacije za preverjanje pristnosti (ali obnovitveno kodo), nato ponovite spremembo.
err-88000635-fix-dev = Ničesar ni treba spremeniti: preverjanje svežine prijave preprečuje, da bi brskalnik, ki je ostal prijavljen, odstranil uporabnikov drugi faktor.

## 88000636 AccountTotpNotEnrolled
err-88000636-meaning = Uporabnik je zahteval odstranitev aplikacije za preverjanje pristnosti, vendar je nima.
err-88000636-causes = Odstranjena je bila že prej, v drugem zavihku ali s strani skrbnika (sigil user reset-factors).
err-88000636-fix-user = Znova naložite stran računa in si oglejte svoje trenutne načine prijave.
err-88000636-fix-dev = V aplikaciji ni treba ničesar spremeniti.

## 88000637 AccountTotpAlreadyEnrolled
err-88000637-meaning = Uporabnik je zahteval nastavitev aplikacije za preverjanje pristnosti, čeprav je ena že nastavljena. Sigil hrani eno na uporabnika, da druge ni mogoče neopazno dodati iz brskalnika, ki je ostal prijavljen.
err-88000637-causes = Aplikacija je bila medtem nastavljena v drugem zavihku. Uporabnik se želi preseliti na nov telefon.
err-88000637-fix-user = Za selitev na nov telefon najprej odstranite aplikacijo za preverjanje pristnosti (znova se prijavite s kodo), nato jo nastavite na novem telefonu.
err-88000637-fix-dev = V aplikaciji ni treba ničesar spremeniti.
## 88000700 ScimInvalidFilter
err-88000700-meaning = Parameter filter zahteve SCIM za seznam ni filter po RFC 7644, razdelek 3.4.2.2, je daljši od 8 KiB ali gnezden globlje od 32 ravni. Odgovor je napaka SCIM s scimType invalidFilter.
err-88000700-causes = Napačno zapisan operator (eq, ne, co, sw, ew, pr, gt, ge, lt, le), besedilna vrednost brez dvojnih narekovajev, nezaprt oklepaj.
err-88000700-fix-user = Ta stran ni namenjena vam; vrnite se v aplikacijo, ki ste jo uporabljali.
err-88000700-fix-dev = Besedilne vrednosti zapišite v dvojnih narekovajih, npr. userName eq "alice", in filter v URL-ju kodirajte. Kaj Sigil podpira, opisuje docs/scim.md.
## 88000701 ScimInvalidPath
err-88000701-meaning = Operacija zahteve SCIM PATCH navaja pot, ki ni pot atributa po RFC 7644, razdelek 3.5.2, kot name.givenName ali emails[type eq "work"].value.
err-88000701-causes = Tipkarska napaka v poti, nezaprt oglati oklepaj, besedilo za filtrom vrednosti, ki ni en podatribut, podatribut atributa, ki ga nima.
err-88000701-fix-user = Ta stran ni namenjena vam; vrnite se v aplikacijo, ki ste jo uporabljali.
err-88000701-fix-dev = Pošljite pot kot v RFC 7644, razdelek 3.5.2; atribute navaja GET /Schemas.
## 88000702 ScimNoTarget
err-88000702-meaning = Operacija SCIM PATCH remove nima poti ali se njen filter vrednosti ne ujema z nobeno vrednostjo atributa (RFC 7644, razdelek 3.5.2.2). Nič ni bilo spremenjeno.
err-88000702-causes = Vrednost je bila že odstranjena (ponovljena zahteva). Filter navaja vrednost, ki je vir nima, ali primerja napačen podatribut.
err-88000702-fix-user = Ta stran ni namenjena vam; vrnite se v aplikacijo, ki ste jo uporabljali.
err-88000702-fix-dev = Vir preberite z GET in odstranite vrednost, ki jo ima; odstranitev potrebuje pot.
## 88000703 ScimInvalidValue
err-88000703-meaning = Zahteva SCIM je poslala vrednost napačne vrste ali vrednost, ki krši pravilo: uporabnik brez userName, active, ki ni logična vrednost, član, ki ni uporabnik tega najemnika, seznam namesto predmeta.
err-88000703-causes = Preslikava v odjemalcu za omogočanje uporabe pošilja atribut napačne vrste. Član skupine je bil izbrisan pred posodobitvijo skupine.
err-88000703-fix-user = Ta stran ni namenjena vam; vrnite se v aplikacijo, ki ste jo uporabljali.
err-88000703-fix-dev = Telo primerjajte z GET /Schemas; podrobnost napake navaja atribut.
## 88000704 ScimInvalidSyntax
err-88000704-meaning = Telo zahteve SCIM ni predmet JSON ali telo PATCH nima sheme PatchOp in seznama Operations z add, remove ali replace (RFC 7644, razdelek 3.5.2).
err-88000704-causes = Odjemalec, ki namesto sporočila PatchOp pošlje navaden dokument JSON, ali operacijo, ki ni add, remove ali replace.
err-88000704-fix-user = Ta stran ni namenjena vam; vrnite se v aplikacijo, ki ste jo uporabljali.
err-88000704-fix-dev = V schemas pošljite urn:ietf:params:scim:api:messages:2.0:PatchOp, spremembe pa v Operations.
## 88000705 ScimMutability
err-88000705-meaning = SCIM PATCH je poskušal spremeniti atribut samo za branje: id, meta ali groups uporabnika (članstvo se spreminja prek members skupine).
err-88000705-causes = Odjemalec, ki spreminja groups uporabnika namesto members skupine, ali pošlje nov id.
err-88000705-fix-user = Ta stran ni namenjena vam; vrnite se v aplikacijo, ki ste jo uporabljali.
err-88000705-fix-dev = Članstvo spreminjajte s PATCH na /Groups/<id> (members); id nikoli ne spreminjajte.
## 88000706 ScimTooMany
err-88000706-meaning = Filter ni med tistimi, na katere Sigil odgovori iz indeksa (userName, externalId, id ali displayName eq, members.value eq), najemnik pa ima več virov, kot jih Sigil pregleda za eno zahtevo (10.000).
err-88000706-causes = Odjemalec za omogočanje uporabe, ki s širokim filtrom našteva vse uporabnike v velikem najemniku. Ali zahteva PATCH z več kot 1.000 operacijami.
err-88000706-fix-user = Ta stran ni namenjena vam; vrnite se v aplikacijo, ki ste jo uporabljali.
err-88000706-fix-dev = Filtrirajte po userName, externalId ali id z eq, kot to počne omogočanje uporabe Entra.
## 88000620 UserCancelledSignIn
err-88000620-meaning = Uporabnik se je na strani za prijavo odločil, da se namesto prijave vrne v aplikacijo, zato aplikacija prejme access_denied (RFC 6749, razdelek 4.1.2.1) in nobene kode.
err-88000620-causes = Uporabnik se zdaj ni želel prijaviti, odprl je napačno aplikacijo ali ni prepoznal zahteve za prijavo.
err-88000620-fix-user = Ko se želite prijaviti, začnite znova v aplikaciji.
err-88000620-fix-dev = access_denied obravnavajte kot uporabnikovo odločitev: pokažite svojo stran z možnostjo ponovne prijave in ne poskušajte samodejno znova.

## 88000621 TenantLogoNotFound
err-88000621-meaning = Zahtevan je bil naslov logotipa te organizacije, vendar organizacija nima naloženega logotipa (morda uporablja logotip z drugega spletnega mesta ali nobenega).
err-88000621-causes = Logotip je bil odstranjen ali zamenjan s povezavo prek sigil tenant branding ali uvozne datoteke, stran ali predpomnilnik pa še vedno kaže na stari naslov.
err-88000621-fix-user = Ničesar vam ni treba storiti: strani za prijavo delujejo tudi brez logotipa.
err-88000621-fix-dev = Naložite logotip z ukazom sigil tenant branding IME --logo-file DATOTEKA ali nastavite logo_file v [tenant.branding] uvozne datoteke.
## 88000600 PasskeyChallengeUsed
err-88000600-meaning = Izziv WebAuthn, ki ga ta odgovor podpisuje, je že porabljen. Vsak izziv je sprejet enkrat (W3C WebAuthn §13.4.3), zato prestreženega odgovora ni mogoče poslati znova.
err-88000600-causes = Obrazec je bil poslan dvakrat. Gumb Nazaj v brskalniku je znova poslal staro stran. Nekdo je ponovil prestrežen odgovor.
err-88000600-fix-user = Vrnite se v aplikacijo in se znova vpišite.
err-88000600-fix-dev = V aplikaciji ni treba ničesar spremeniti. Operaterji: dnevnik vpisov beleži ponovno uporabljeni izziv.

## 88000601 PasskeyOriginMismatch
err-88000601-meaning = Izvor, ki ga je brskalnik sporočil v odgovoru (clientDataJSON.origin), ni med dovoljenimi izvori zanašajoče se stranke: javni naslov Sigila in [passkeys] origins.
err-88000601-causes = Sigil teče za posrednikom ali pod drugim imenom gostitelja kot server.public_url, [passkeys] origins pa ga ne navaja. Stran za ribarjenje je posredovala odgovor.
err-88000601-fix-user = Stran za vpis znova odprite iz aplikacije, ne iz zaznamka ali povezave v sporočilu.
err-88000601-fix-dev = Nastavite server.public_url na naslov, ki ga vidijo uporabniki, ali dodajte izvor v [passkeys] origins (docs/passkeys.md).

## 88000602 PasskeyRpIdMismatch
err-88000602-meaning = Avtentikator je podpisal za drug identifikator zanašajoče se stranke: zgoščena vrednost v odgovoru (rpIdHash) ni SHA-256 identifikatorja Sigila ([passkeys] rp_id, privzeto gostitelj iz server.public_url).
err-88000602-causes = [passkeys] rp_id je bil spremenjen po registraciji ključev. Predložen je bil ključ drugega mesta. Spremenjen odgovor.
err-88000602-fix-user = Vpišite se z geslom, nato na strani ključev za dostop znova dodajte ključ.
err-88000602-fix-dev = [passkeys] rp_id naj ostane nespremenjen: ključi so vezani nanj. Po spremembi se morajo vsi uporabniki registrirati znova.

## 88000603 PasskeyCounterRegressed
err-88000603-meaning = Števec podpisov ključa se ni povečal (W3C WebAuthn §6.1.1): avtentikator je verjetno kloniran. Sigil ključ označi in ga odslej zavrača.
err-88000603-causes = Kopija zasebnega ključa se uporablja v drugi napravi. Avtentikator je bil obnovljen iz stare varnostne kopije.
err-88000603-fix-user = Na strani ključev za dostop odstranite blokirani ključ in ga dodajte znova; če ga niste kopirali, spremenite geslo in obvestite skrbnika.
err-88000603-fix-dev = V aplikaciji ni treba ničesar spremeniti. Operaterji: dnevnik vpisov beleži števce; preverite račun.

## 88000604 PasskeyUnknown
err-88000604-meaning = Noben ključ za dostop uporabnika nima identifikatorja iz odgovora ali pa uporabnik, ki ga navaja, v tem najemniku ne obstaja.
err-88000604-causes = Ključ je bil odstranjen. Ključ pripada drugemu najemniku ali mestu. Uporabniški račun je bil izbrisan.
err-88000604-fix-user = Vpišite se z geslom, nato na strani ključev za dostop dodajte ključ.
err-88000604-fix-dev = V aplikaciji ni treba ničesar spremeniti.

## 88000605 PasskeyUserNotVerified
err-88000605-meaning = Preverjanje uporabnika je bilo obvezno, odgovor avtentikatorja pa nima zastavice UV (W3C WebAuthn §7.2, korak 17): nihče ni vnesel PIN-a, prstnega odtisa ali obraza.
err-88000605-causes = Varnostni ključ brez PIN-a. Avtentikator, ki preveri le prisotnost (dotik).
err-88000605-fix-user = Na varnostnem ključu nastavite PIN ali uporabite zaklepanje zaslona naprave, nato poskusite znova.
err-88000605-fix-dev = V aplikaciji ni treba ničesar spremeniti: ključi za dostop zahtevajo preverjanje uporabnika.

## 88000606 PasskeyAssertionInvalid
err-88000606-meaning = Odgovor ni prestal preverjanja WebAuthn, ki ni izvor, identifikator zanašajoče se stranke, števec ali preverjanje uporabnika: podpis, vrsta ali oblika.
err-88000606-causes = Razširitev brskalnika je spremenila odgovor. Spremenjena ali okrnjena zahteva. Avtentikator z napačno izvedbo.
err-88000606-fix-user = Poskusite znova; če še vedno ne gre, se vpišite z geslom.
err-88000606-fix-dev = Operaterji: dnevnik vpisov beleži razlog knjižnice.

## 88000607 PasskeyRegistrationFailed
err-88000607-meaning = Odgovor registracije ni prestal preverjanja WebAuthn (W3C WebAuthn §7.1) ali pa je ta ključ za uporabnika že registriran.
err-88000607-causes = Isti avtentikator je bil dodan dvakrat. Postopek je potekel (5 minut). Izvor ali identifikator zanašajoče se stranke se ne ujema.
err-88000607-fix-user = Znova odprite stran ključev za dostop in ključ dodajte še enkrat.
err-88000607-fix-dev = Operaterji: dnevnik vpisov beleži razlog knjižnice.
