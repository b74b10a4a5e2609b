package datasets

var bookNL = phrasebook{
	dateLayout: "02-01-2006",
	names:      []string{"Sanne", "Daan", "Lotte", "Bram", "Emma", "Thijs"},
	streets:    []string{"Kerkstraat 12, 1017 GC Amsterdam", "Stationsweg 4, 3511 ED Utrecht", "Meir 50, 2000 Antwerpen"},

	greetBot: []string{
		"Hoi! 👋 Ik ben Nora, de virtuele assistent van {brand}. Waarmee kan ik je vandaag helpen?",
		"Welkom bij de klantenservice van {brand}. Ik ben een digitale assistent – waar gaat je vraag over?",
	},
	greetAgent: []string{
		"Hallo, mijn naam is {agent} en ik help je vandaag verder. Wat kan ik voor je doen?",
		"Hoi, je chat met {agent} van de klantenservice van {brand}. Hoe kan ik helpen?",
	},
	takeover: []string{
		"Hallo, met {agent} van de klantenservice. Ik heb je gesprek met onze assistent gelezen, dus je hoeft niet alles te herhalen.",
		"Hoi, {agent} hier. Bedankt voor het wachten – ik bekijk je vraag nu.",
	},
	open: map[string][]string{
		"refund": {
			"Hallo, ik heb twee weken geleden een artikel teruggestuurd en mijn terugbetaling van {amount} is er nog steeds niet. Bestelling {order}.",
			"Wanneer krijg ik mijn geld terug? Ik heb het pakket op {date} teruggestuurd.",
		},
		"delivery": {
			"Waar is mijn bestelling {order}? Die zou op {date} aankomen.",
			"Mijn pakket is nog steeds niet aangekomen en de track-and-trace is al dagen niet bijgewerkt.",
		},
		"payment_failed": {
			"Mijn betaling van {amount} mislukt steeds bij het afrekenen, terwijl er genoeg geld op mijn kaart staat.",
			"Ik heb drie keer geprobeerd te betalen en krijg elke keer 'betaling geweigerd'. Wat is er aan de hand?",
		},
		"account_access": {
			"Ik kan niet inloggen op mijn account, er staat dat mijn wachtwoord fout is, ook nadat ik het heb gereset.",
			"De verificatiecode komt nooit aan via sms, dus ik kan niet inloggen.",
		},
		"cancel_subscription": {
			"Ik wil mijn {plan}-abonnement opzeggen, hoe doe ik dat?",
			"Zeg mijn abonnement alsjeblieft op, ik gebruik het niet meer.",
		},
		"invoice": {
			"Ik heb een factuur nodig voor mijn laatste betaling van {amount}, met mijn bedrijfsgegevens erop.",
			"Op factuur {invoice} staat het verkeerde bedrag. Kunnen jullie dat aanpassen?",
		},
		"card_blocked": {
			"Mijn kaart werd geblokkeerd toen ik in een winkel aan het betalen was. Waarom?",
			"Mijn kaart werkt ineens niet meer, er staat dat hij geblokkeerd is. Ik ben nu in het buitenland!",
		},
		"fraud_report": {
			"Er staat een betaling van {amount} op mijn rekening die ik niet heb gedaan. Ik denk dat mijn kaart gestolen is.",
			"Ik zie meerdere transacties van gisteren die ik niet herken. Help me alsjeblieft!",
		},
		"address_change": {
			"Ik ben verhuisd en moet mijn bezorgadres wijzigen naar {address}.",
			"Kunnen jullie het adres van bestelling {order} nog aanpassen voordat hij verzonden wordt?",
		},
		"change_plan": {
			"Ik wil graag overstappen van {plan} naar een groter abonnement. Wat kost dat?",
			"Kan ik halverwege de maand van abonnement wisselen, of moet ik wachten tot de volgende factuurperiode?",
		},
		"complaint": {
			"Ik wil een klacht indienen. De bezorger heeft mijn pakket buiten in de regen laten staan en de inhoud is beschadigd.",
			"Ik heb twee keer betaald voor dezelfde bestelling {order} en niemand beantwoordt mijn e-mails.",
		},
	},
	ask: [4][]string{
		kindOrder:   {"Kun je me je bestelnummer geven?", "Natuurlijk, ik kijk het na. Wat is het bestelnummer? Je vindt het in je bevestigingsmail."},
		kindInvoice: {"Over welke factuur gaat het? Stuur me alsjeblieft het factuurnummer.", "Kun je me het factuurnummer en de datum van de betaling geven?"},
		kindAccount: {"Om te controleren dat jij het bent: welk e-mailadres staat er op je account?", "Bevestig alsjeblieft het e-mailadres dat aan je account gekoppeld is."},
		kindCard:    {"Kun je me de laatste vier cijfers van de betreffende kaart geven?", "Om welke kaart gaat het, en wanneer gebeurde het ongeveer?"},
	},
	detail: [4][]string{
		kindOrder:   {"Het is {order}.", "Bestelnummer {order}, besteld op {date}."},
		kindInvoice: {"Factuur {invoice}, de betaling was op {date}.", "Het is {invoice}."},
		kindAccount: {"Mijn e-mailadres is {email}.", "{email} – die gebruik ik altijd."},
		kindCard:    {"De kaart eindigt op {last4}, het gebeurde vandaag.", "Het is mijn betaalpas die eindigt op {last4}."},
	},
	solve: map[string][]string{
		"refund": {
			"Ik heb bestelling {order} bekeken: de retour is op {date} geregistreerd en de terugbetaling van {amount} is goedgekeurd. Het duurt meestal {days} werkdagen voordat het geld op je rekening staat.",
			"Je terugbetaling is vandaag verwerkt. Afhankelijk van je bank kan het tot {days} werkdagen duren voordat je {amount} op je afschrift ziet.",
		},
		"delivery": {
			"Je bestelling {order} heeft ons magazijn verlaten en is nu bij de vervoerder. De verwachte bezorging is over {days} dagen, en je krijgt een sms op de dag van bezorging.",
			"De vervoerder had vertraging in jouw regio. Het pakket wordt binnen {days} werkdagen verwacht, en je kunt het volgen via de link in je bevestigingsmail.",
		},
		"payment_failed": {
			"De betaling is geweigerd door de 3-D Secure-controle van je bank, niet door ons. Keur de betaling goed in je bankapp en probeer het opnieuw, of kies een andere betaalmethode.",
			"Ik zie meerdere mislukte pogingen. Meestal is de limiet voor online betalingen van de kaart bereikt. Je kunt die verhogen in je bankapp en het daarna opnieuw proberen – je winkelmandje blijft bewaard.",
		},
		"account_access": {
			"Ik heb een link om je wachtwoord te resetten naar {email} gestuurd. De link is 30 minuten geldig; kijk ook even in je spammap.",
			"Je account was tijdelijk geblokkeerd na meerdere mislukte pogingen. Ik heb het nu vrijgegeven, en je kunt weer inloggen met een nieuw wachtwoord.",
		},
		"cancel_subscription": {
			"Je {plan}-abonnement is opgezegd. Je houdt toegang tot het einde van de huidige factuurperiode en er wordt niets meer afgeschreven.",
			"Geregeld – het {plan}-abonnement wordt niet meer verlengd. Je ontvangt binnen een paar minuten een bevestiging per e-mail.",
		},
		"invoice": {
			"Ik heb een gecorrigeerde factuur gemaakt en naar je e-mailadres gestuurd. Je kunt ook al je facturen downloaden onder Account > Betalingen > Facturen.",
			"Factuur {invoice} is opnieuw uitgegeven met het juiste bedrag van {amount}. De oude factuur is niet meer geldig.",
		},
		"card_blocked": {
			"Je kaart is automatisch geblokkeerd door ons beveiligingssysteem vanwege een ongebruikelijke betaling. Nu je de betaling hebt bevestigd, is de kaart binnen een paar minuten weer actief.",
			"Voor je veiligheid is de kaart geblokkeerd na een verdachte transactie. Je kunt hem zelf deblokkeren in de app onder Kaart > Beveiliging, of ik bestel een nieuwe kaart voor je.",
		},
		"fraud_report": {
			"Ik heb de kaart direct geblokkeerd, zodat er geen betalingen meer mogelijk zijn. Ook heb ik een fraudezaak geopend met referentie {ref}; ons team neemt binnen {days} werkdagen contact met je op over de terugbetaling.",
			"De kaart is nu definitief geblokkeerd, er is een vervangende kaart onderweg en de betwiste betalingen van {amount} worden onderzocht (zaak {ref}).",
		},
		"address_change": {
			"Ik heb je adres gewijzigd naar {address}. Alle toekomstige bestellingen worden daarheen gestuurd.",
			"Het bezorgadres van bestelling {order} is gewijzigd naar {address}, omdat hij nog niet verzonden was.",
		},
		"change_plan": {
			"Je kunt meteen overstappen naar Premium; het prijsverschil voor de rest van de maand, {amount}, wordt naar rato berekend.",
			"Plus heeft gratis verzending, Premium geeft daarnaast een reisverzekering en voorrang bij de klantenservice. Je kunt altijd van abonnement wisselen onder Account > Abonnement.",
		},
		"complaint": {
			"Dat spijt me echt. Ik heb je klacht geregistreerd onder referentie {ref} en een terugbetaling van {amount} geregeld. Je hoeft niets terug te sturen.",
			"Ik heb je klacht met referentie {ref} doorgestuurd naar het verantwoordelijke team. Je krijgt binnen {days} werkdagen een schriftelijk antwoord.",
		},
	},
	empathy: []string{"Vervelend om te horen.", "Bedankt voor je geduld.", "Ik begrijp het, ik help je er graag mee."},
	extra: []string{
		"Je ontvangt zo een bevestiging per e-mail.",
		"Je kunt de status ook altijd bekijken in de {brand}-app.",
		"Heb je nog meer vragen, reageer dan gewoon in deze chat.",
		"Bewaar de referentie {ref} voor eventueel later contact.",
	},
	wait: []string{"Een moment alsjeblieft, ik kijk het even na.", "Ik zoek het voor je uit, dat duurt een minuutje of twee."},
	calm: []string{
		"Ik begrijp je frustratie helemaal en het spijt me voor het ongemak.",
		"Het spijt me echt dat dit zo lastig was. Ik ga kijken wat ik kan doen.",
	},
	acks: []string{"Oké.", "Ik snap het.", "Prima."},
	qa: [][2]string{
		{"Hoe lang duurt dat?", "Meestal {days} werkdagen, soms iets sneller."},
		{"Krijg ik een bevestiging per e-mail?", "Ja, zodra het geregeld is gaat er een bevestiging naar het e-mailadres van je account."},
		{"Kost dat iets?", "Nee, daar zijn geen extra kosten aan verbonden."},
		{"Moet ik verder nog iets doen?", "Nee, van jouw kant is er niets meer nodig."},
		{"Zie ik dit ook in de app?", "Ja, in de app onder Account > Activiteit zie je de wijziging binnen een uur."},
		{"En als het dan nog steeds niet werkt?", "Neem dan gewoon opnieuw contact op en noem referentie {ref}, dan pakken we het direct op."},
		{"Heeft dit gevolgen voor mijn andere bestellingen?", "Nee, je andere bestellingen veranderen niet."},
		{"Kun je me dat op papier sturen?", "Natuurlijk, ik heb een samenvatting van dit gesprek naar je e-mailadres gestuurd."},
	},
	fallback: []string{
		"Sorry, dat begreep ik niet. Kun je je vraag anders formuleren?",
		"Dat heb ik helaas niet begrepen. Je kunt me vragen stellen over bestellingen, betalingen, kaarten en je account.",
	},
	notAnswered: []string{"Dat is geen antwoord op mijn vraag.", "Dat heb ik al gelezen, mijn vraag gaat over iets anders.", "Nee, dat bedoelde ik niet."},
	askHuman: []string{
		"Kan ik alsjeblieft met een echt mens praten?",
		"Ik wil graag een medewerker spreken.",
		"Is er een mens met wie ik kan chatten?",
	},
	handover: []string{
		"Natuurlijk. Ik verbind je nu door met een van mijn collega's van de klantenservice, blijf in de chat.",
		"Zeker, ik zet je door naar een collega van ons supportteam.",
	},
	deflect: []string{
		"Daar kan ik je zelf mee helpen! Kun je iets meer over je vraag vertellen?",
		"Onze medewerkers zijn op dit moment allemaal bezet, maar ik kan de meeste vragen beantwoorden. Wat heb je nodig?",
		"Dat kan ik hier direct voor je beantwoorden. Wat wil je weten?",
	},
	selfEscalate: []string{
		"Hier moet een collega naar kijken. Ik verbind je nu door met ons supportteam.",
		"Dit kan ik in de chat niet zelf oplossen, dus ik geef je door aan een collega.",
	},
	passOn: []string{
		"Dit wordt door ons specialistenteam behandeld, dus ik zet je door naar een collega. Een moment alsjeblieft.",
		"Ik verbind je door met een collega die precies dit soort zaken behandelt.",
	},
	frustration: []string{
		"Dit is belachelijk, ik probeer dit al dagen op te lossen!",
		"Serieus?! Dit is zo frustrerend 😡",
		"Jullie zijn echt nutteloos. Ik ben het helemaal zat.",
	},
	repeatPrefix: []string{"Zoals ik al zei: ", "Nog een keer: "},
	thanks: []string{
		"Dank je, dat is opgelost!",
		"Perfect, nu werkt het. Heel erg bedankt! 🙏",
		"Top, dat was alles wat ik nodig had, bedankt.",
	},
	welcome:    []string{"Graag gedaan! Nog een fijne dag.", "Fijn dat ik je kon helpen. Fijne dag!"},
	giveUp:     []string{"Oké, ik probeer het later nog eens.", "Laat maar, ik bel wel.", "Toch bedankt, ik zoek het zelf wel uit."},
	sorryClose: []string{"Het spijt me dat ik dit vandaag niet kon oplossen. Je kunt altijd opnieuw contact met ons opnemen.", "Jammer dat ik je niet verder kon helpen. Nog een fijne dag."},
	stillThere: []string{"Hallo? Is daar iemand?", "Ben je er nog?"},
	giveCard:   []string{"Hier is het volledige kaartnummer: {card}", "Mijn kaartnummer is {card}, geldig tot 08/28."},
	giveIBAN:   []string{"Mijn IBAN is {iban}, als jullie dat nodig hebben voor de terugbetaling.", "Stort het geld alsjeblieft op {iban}."},
	echoCard:   []string{"Bedankt. Ik zie dat de kaart {card} voor deze betaling is gebruikt.", "Ik heb kaart {card} gecontroleerd: die staat op je account geregistreerd."},
	echoIBAN:   []string{"Bedankt, de terugbetaling gaat naar {iban}.", "Genoteerd: rekening {iban} wordt gebruikt voor de overboeking."},
	maskCard:   []string{"Bedankt, ik heb de kaart gevonden die eindigt op {last4}.", "Voor je veiligheid noem ik alleen de laatste cijfers, {last4}. Ik heb de kaart gevonden."},
	maskIBAN:   []string{"Bedankt, de terugbetaling gaat naar de rekening die eindigt op {ibanLast4}.", "Genoteerd: we maken het geld over naar je rekening die eindigt op {ibanLast4}."},
	privacy: []string{
		"Let op: deze chat wordt opgeslagen voor kwaliteitsdoeleinden. Deel hier nooit je volledige kaartnummer, pincode of wachtwoord.",
		"Stuur voor je eigen veiligheid geen kaartnummers of wachtwoorden in deze chat.",
	},
	reasons: []string{
		"Het is best dringend voor mij.",
		"Ik ga volgende week op reis en wil dit voor die tijd geregeld hebben.",
		"Ik heb al in de app gekeken, maar niets gevonden.",
		"Ik ben al jaren klant en dit is nog nooit gebeurd.",
		"Mijn partner had vorige maand trouwens hetzelfde probleem.",
	},
	helpful: []string{"Was dit antwoord nuttig? 👍 / 👎", "Heb ik je vraag beantwoord? Antwoord met <b>ja</b> of <b>nee</b>."},
	notes: []string{
		"Ik heb ook een notitie in je account gezet, zodat mijn collega's kunnen zien wat we besproken hebben.",
		"Laat het gerust weten als iets niet duidelijk is, dan leg ik het nog een keer uit.",
		"Dit geldt voor alle {brand}-accounts, ongeacht je abonnement.",
		"Ik heb het in ons systeem dubbel gecontroleerd, dus je kunt erop rekenen.",
	},
}
