package datasets

var bookSV = phrasebook{
	dateLayout: "2006-01-02",
	names:      []string{"Elin", "Oskar", "Maja", "Erik", "Sara", "Johan"},
	streets:    []string{"Storgatan 12, 111 22 Stockholm", "Kungsvägen 4, 411 05 Göteborg", "Drottninggatan 31, 211 41 Malmö"},

	greetBot: []string{
		"Hej! 👋 Jag är Nora, {brand}s virtuella assistent. Vad kan jag hjälpa dig med idag?",
		"Välkommen till {brand} kundtjänst. Jag är en digital assistent – vad gäller ditt ärende?",
	},
	greetAgent: []string{
		"Hej, jag heter {agent} och hjälper dig idag. Vad kan jag göra för dig?",
		"Hej, du chattar med {agent} på {brand} kundtjänst. Hur kan jag hjälpa till?",
	},
	takeover: []string{
		"Hej, det här är {agent} från kundtjänst. Jag har läst din konversation med vår assistent, så du behöver inte upprepa allt.",
		"Hej, {agent} här. Tack för att du väntade – jag tittar på ditt ärende nu.",
	},
	open: map[string][]string{
		"refund": {
			"Hej, jag skickade tillbaka en vara för två veckor sedan och har fortfarande inte fått min återbetalning på {amount}. Order {order}.",
			"När får jag tillbaka mina pengar? Jag skickade tillbaka paketet den {date}.",
		},
		"delivery": {
			"Var är min beställning {order}? Den skulle ha kommit den {date}.",
			"Mitt paket har fortfarande inte kommit och spårningen har inte uppdaterats på flera dagar.",
		},
		"payment_failed": {
			"Min betalning på {amount} misslyckas hela tiden i kassan, fast det finns pengar på kortet.",
			"Jag har försökt betala tre gånger och får \"betalningen nekades\" varje gång. Vad är det som händer?",
		},
		"account_access": {
			"Jag kan inte logga in på mitt konto, det står att lösenordet är fel trots att jag har återställt det.",
			"Verifieringskoden kommer aldrig fram via sms, så jag kan inte logga in.",
		},
		"cancel_subscription": {
			"Jag vill säga upp mitt {plan}-abonnemang, hur gör jag det?",
			"Snälla avsluta mitt abonnemang, jag använder det inte längre.",
		},
		"invoice": {
			"Jag behöver en faktura för min senaste betalning på {amount}, med mina företagsuppgifter.",
			"Fakturan {invoice} visar fel belopp. Kan ni rätta den?",
		},
		"card_blocked": {
			"Mitt kort spärrades när jag skulle betala i en butik. Varför?",
			"Mitt kort fungerar plötsligt inte längre, det står att det är spärrat. Jag är utomlands just nu!",
		},
		"fraud_report": {
			"Det finns en betalning på {amount} på mitt konto som jag inte har gjort. Jag tror att mitt kort har blivit stulet.",
			"Jag ser flera transaktioner från igår som jag inte känner igen. Snälla hjälp mig!",
		},
		"address_change": {
			"Jag har flyttat och behöver ändra min leveransadress till {address}.",
			"Kan ni ändra adressen på order {order} innan den skickas?",
		},
		"change_plan": {
			"Jag vill uppgradera från {plan} till ett större abonnemang. Vad kostar det?",
			"Kan jag byta abonnemang mitt i månaden, eller måste jag vänta till nästa faktureringsperiod?",
		},
		"complaint": {
			"Jag vill lämna ett klagomål. Budet lämnade mitt paket ute i regnet och innehållet är förstört.",
			"Jag har debiterats två gånger för samma order {order} och ingen svarar på mina mejl.",
		},
	},
	ask: [4][]string{
		kindOrder:   {"Kan du ge mig ditt ordernummer?", "Absolut, jag kollar det. Vilket är ordernumret? Du hittar det i din orderbekräftelse."},
		kindInvoice: {"Vilken faktura gäller det? Skicka gärna fakturanumret.", "Kan du berätta fakturanumret och datumet för betalningen?"},
		kindAccount: {"För att verifiera att det är du: vilken e-postadress är registrerad på ditt konto?", "Bekräfta gärna e-postadressen som är kopplad till ditt konto."},
		kindCard:    {"Kan du ge mig de fyra sista siffrorna på kortet det gäller?", "Vilket kort gäller det, och ungefär när hände det?"},
	},
	detail: [4][]string{
		kindOrder:   {"Det är {order}.", "Ordernummer {order}, beställd den {date}."},
		kindInvoice: {"Faktura {invoice}, betalningen gjordes den {date}.", "Det är {invoice}."},
		kindAccount: {"Min e-post är {email}.", "{email} – den använder jag alltid."},
		kindCard:    {"Kortet slutar på {last4}, det hände idag.", "Det är mitt bankkort som slutar på {last4}."},
	},
	solve: map[string][]string{
		"refund": {
			"Jag har kollat order {order}: returen registrerades den {date} och återbetalningen på {amount} är godkänd. Det tar normalt {days} bankdagar innan pengarna syns på ditt konto.",
			"Din återbetalning har genomförts idag. Beroende på din bank kan det ta upp till {days} bankdagar innan du ser {amount} på kontot.",
		},
		"delivery": {
			"Din beställning {order} har lämnat vårt lager och finns nu hos budfirman. Beräknad leverans är om {days} dagar, och du får ett sms samma dag som leveransen sker.",
			"Budfirman har haft förseningar i ditt område. Paketet väntas komma inom {days} arbetsdagar, och du kan följa det via spårningslänken i din orderbekräftelse.",
		},
		"payment_failed": {
			"Betalningen nekades av din banks 3D Secure-kontroll, inte av oss. Godkänn betalningen i din bankapp och försök igen, eller välj ett annat betalsätt.",
			"Jag ser flera misslyckade försök. Den vanligaste orsaken är att kortets gräns för internetköp är nådd. Du kan höja den i din bankapp och sedan försöka igen – din varukorg finns kvar.",
		},
		"account_access": {
			"Jag har skickat en länk för att återställa lösenordet till {email}. Länken gäller i 30 minuter; titta även i skräpposten.",
			"Ditt konto var tillfälligt låst efter flera misslyckade försök. Jag har låst upp det nu, och du kan logga in igen med ett nytt lösenord.",
		},
		"cancel_subscription": {
			"Ditt {plan}-abonnemang är uppsagt. Du har tillgång till slutet av den pågående perioden och debiteras inte igen.",
			"Klart – {plan} förnyas inte längre. Du får en bekräftelse via e-post inom några minuter.",
		},
		"invoice": {
			"Jag har skapat en rättad faktura och skickat den till din e-postadress. Du kan också ladda ner alla fakturor under Konto > Betalningar > Fakturor.",
			"Faktura {invoice} har ställts ut på nytt med rätt belopp, {amount}. Den gamla fakturan gäller inte längre.",
		},
		"card_blocked": {
			"Ditt kort spärrades automatiskt av vårt säkerhetssystem på grund av en ovanlig betalning. Eftersom du nu har bekräftat betalningen är kortet aktivt igen inom några minuter.",
			"För din säkerhet spärrades kortet efter en misstänkt transaktion. Du kan häva spärren själv i appen under Kort > Säkerhet, eller så beställer jag ett nytt kort åt dig.",
		},
		"fraud_report": {
			"Jag har spärrat kortet direkt så att inga fler betalningar kan göras. Jag har också öppnat ett bedrägeriärende med referens {ref}; vårt team kontaktar dig inom {days} bankdagar om återbetalningen.",
			"Kortet är nu permanent spärrat, ett ersättningskort är på väg och de ifrågasatta betalningarna på {amount} utreds (ärende {ref}).",
		},
		"address_change": {
			"Jag har ändrat din adress till {address}. Alla framtida beställningar skickas dit.",
			"Leveransadressen för order {order} är ändrad till {address}, eftersom den inte har skickats än.",
		},
		"change_plan": {
			"Du kan byta till Premium direkt; mellanskillnaden för resten av månaden, {amount}, debiteras proportionellt.",
			"Plus ger fri frakt, och Premium ger dessutom reseförsäkring och prioriterad support. Du kan byta abonnemang när som helst under Konto > Abonnemang.",
		},
		"complaint": {
			"Det är jag verkligen ledsen för. Jag har registrerat ditt klagomål med referens {ref} och ordnat en återbetalning på {amount}. Du behöver inte skicka tillbaka något.",
			"Jag har skickat ditt klagomål vidare till ansvarigt team med referens {ref}. Du får ett skriftligt svar inom {days} arbetsdagar.",
		},
	},
	empathy: []string{"Tråkigt att höra.", "Tack för ditt tålamod.", "Jag förstår, jag hjälper dig gärna med det."},
	extra: []string{
		"Du får snart en bekräftelse via e-post.",
		"Du kan också se statusen när som helst i {brand}-appen.",
		"Har du fler frågor är det bara att svara här i chatten.",
		"Spara gärna referensen {ref} om du kontaktar oss igen.",
	},
	wait: []string{"Ett ögonblick, jag kollar det åt dig.", "Jag tittar på det, det tar en minut eller två."},
	calm: []string{
		"Jag förstår verkligen att du är frustrerad, och jag beklagar besväret.",
		"Jag är verkligen ledsen att det har varit så krångligt. Jag ska se vad jag kan göra.",
	},
	acks: []string{"Ok.", "Jag förstår.", "Okej."},
	qa: [][2]string{
		{"Hur lång tid tar det?", "Normalt {days} arbetsdagar, ibland lite snabbare."},
		{"Får jag en bekräftelse via e-post?", "Ja, en bekräftelse skickas till e-postadressen på ditt konto så fort det är klart."},
		{"Kostar det något?", "Nej, det tillkommer ingen extra avgift för det."},
		{"Behöver jag göra något mer?", "Nej, du behöver inte göra något mer."},
		{"Syns det i appen också?", "Ja, i appen under Konto > Aktivitet ser du ändringen inom en timme."},
		{"Vad händer om det fortfarande inte fungerar?", "Kontakta oss då igen och uppge referens {ref}, så kan vi ta vid direkt."},
		{"Påverkar det mina andra beställningar?", "Nej, dina andra beställningar påverkas inte."},
		{"Kan du skicka det skriftligt?", "Självklart, jag har skickat en sammanfattning av samtalet till din e-post."},
	},
	fallback: []string{
		"Förlåt, det förstod jag inte. Kan du formulera frågan på ett annat sätt?",
		"Tyvärr förstod jag inte. Du kan fråga mig om beställningar, betalningar, kort och ditt konto.",
	},
	notAnswered: []string{"Det svarar inte på min fråga.", "Det har jag redan läst, min fråga gäller något annat.", "Nej, det var inte det jag menade."},
	askHuman: []string{
		"Kan jag få prata med en riktig människa?",
		"Jag vill prata med en handläggare.",
		"Finns det någon människa jag kan chatta med?",
	},
	handover: []string{
		"Självklart. Jag kopplar dig nu till en av mina kollegor på kundtjänst, stanna kvar i chatten.",
		"Absolut, jag kopplar dig vidare till en kollega i vårt supportteam.",
	},
	deflect: []string{
		"Det kan jag hjälpa dig med själv! Kan du berätta lite mer om din fråga?",
		"Alla handläggare är upptagna just nu, men jag kan svara på de flesta frågor. Vad behöver du?",
		"Det kan jag svara på direkt här. Vad vill du veta?",
	},
	selfEscalate: []string{
		"Det här behöver en kollega titta på. Jag kopplar dig till vårt supportteam nu.",
		"Det kan jag tyvärr inte lösa i chatten själv, så jag lämnar över till en kollega.",
	},
	passOn: []string{
		"Det här hanteras av vårt specialistteam, så jag kopplar dig till en kollega. Ett ögonblick.",
		"Jag kopplar dig till en kollega som jobbar med just sådana ärenden.",
	},
	frustration: []string{
		"Det här är ju löjligt, jag har försökt lösa det här i flera dagar!",
		"Allvarligt?! Det här är så frustrerande 😡",
		"Ni är helt värdelösa. Jag är så trött på det här.",
	},
	repeatPrefix: []string{"Som jag sa: ", "Igen: "},
	thanks: []string{
		"Tack, då är det löst!",
		"Perfekt, nu fungerar det. Tack så mycket! 🙏",
		"Toppen, det var allt jag behövde. Tack.",
	},
	welcome:    []string{"Varsågod! Ha en fin dag.", "Kul att jag kunde hjälpa till. Ha det bra!"},
	giveUp:     []string{"Ok, jag försöker igen senare.", "Strunt samma, jag ringer istället.", "Tack ändå, jag löser det själv."},
	sorryClose: []string{"Jag beklagar att jag inte kunde lösa det idag. Du är välkommen att kontakta oss igen när som helst.", "Tråkigt att jag inte kunde hjälpa mer. Ha en fin dag."},
	stillThere: []string{"Hallå? Är det någon där?", "Är du kvar?"},
	giveCard:   []string{"Här är hela kortnumret: {card}", "Mitt kortnummer är {card}, giltigt till 08/28."},
	giveIBAN:   []string{"Mitt IBAN är {iban} om ni behöver det för återbetalningen.", "Skicka pengarna till {iban}."},
	echoCard:   []string{"Tack. Jag ser att kortet {card} användes för betalningen.", "Jag har kontrollerat kortet {card}: det är registrerat på ditt konto."},
	echoIBAN:   []string{"Tack, återbetalningen skickas till {iban}.", "Noterat: kontot {iban} används för överföringen."},
	maskCard:   []string{"Tack, jag hittade kortet som slutar på {last4}.", "Av säkerhetsskäl nämner jag bara slutsiffrorna {last4}. Jag har hittat kortet."},
	maskIBAN:   []string{"Tack, återbetalningen går till kontot som slutar på {ibanLast4}.", "Noterat: vi för över pengarna till ditt konto som slutar på {ibanLast4}."},
	privacy: []string{
		"Observera: den här chatten sparas i kvalitetssyfte. Dela aldrig hela ditt kortnummer, din PIN-kod eller ditt lösenord här.",
		"För din säkerhet, skicka inga kortnummer eller lösenord i den här chatten.",
	},
	reasons: []string{
		"Det är ganska bråttom för mig.",
		"Jag ska resa nästa vecka och behöver få det löst innan dess.",
		"Jag har redan letat i appen men hittade ingenting.",
		"Jag har varit kund i många år och det här har aldrig hänt förut.",
		"Min sambo hade förresten samma problem förra månaden.",
	},
	helpful: []string{"Var svaret till hjälp? 👍 / 👎", "Fick du svar på din fråga? Svara <b>ja</b> eller <b>nej</b>."},
	notes: []string{
		"Jag har också lagt in en anteckning på ditt konto, så att mina kollegor kan se vad vi har pratat om.",
		"Säg till om något är oklart, så förklarar jag gärna igen.",
		"Det gäller alla {brand}-konton, oavsett abonnemang.",
		"Jag har dubbelkollat det i vårt system, så du kan lita på det.",
	},
}
