package datasets

var bookDE = phrasebook{
	dateLayout: "02.01.2006",
	names:      []string{"Lena", "Jonas", "Anna", "Lukas", "Sophie", "Felix"},
	streets:    []string{"Lindenstraße 12, 10115 Berlin", "Hauptstraße 5, 80331 München", "Gartenweg 3, 1010 Wien", "Bahnhofstraße 21, 8001 Zürich"},

	greetBot: []string{
		"Hallo! 👋 Ich bin Nora, die virtuelle Assistentin von {brand}. Wie kann ich Ihnen helfen?",
		"Willkommen beim {brand} Kundenservice. Ich bin ein digitaler Assistent – worum geht es bei Ihnen?",
	},
	greetAgent: []string{
		"Guten Tag, mein Name ist {agent}. Wie kann ich Ihnen heute helfen?",
		"Hallo, hier ist {agent} vom {brand} Kundenservice. Was kann ich für Sie tun?",
	},
	takeover: []string{
		"Hallo, hier ist {agent} vom Kundenservice. Ich habe Ihr Gespräch mit unserem Assistenten gelesen, Sie müssen also nicht alles wiederholen.",
		"Guten Tag, {agent} hier. Danke fürs Warten – ich schaue mir Ihr Anliegen jetzt an.",
	},
	open: map[string][]string{
		"refund": {
			"Hallo, ich habe vor zwei Wochen einen Artikel zurückgeschickt und meine Erstattung von {amount} ist immer noch nicht da. Bestellung {order}.",
			"Wann bekomme ich mein Geld zurück? Ich habe das Paket am {date} zurückgeschickt.",
		},
		"delivery": {
			"Wo ist meine Bestellung {order}? Sie sollte am {date} ankommen.",
			"Mein Paket ist immer noch nicht angekommen und die Sendungsverfolgung zeigt seit Tagen nichts Neues.",
		},
		"payment_failed": {
			"Meine Zahlung über {amount} schlägt immer wieder fehl, obwohl genug Geld auf der Karte ist.",
			"Ich habe dreimal versucht zu bezahlen und bekomme jedes Mal „Zahlung abgelehnt“. Was ist da los?",
		},
		"account_access": {
			"Ich kann mich nicht in mein Konto einloggen, es heißt immer, das Passwort sei falsch, obwohl ich es zurückgesetzt habe.",
			"Der Bestätigungscode per SMS kommt nie an, deshalb kann ich mich nicht anmelden.",
		},
		"cancel_subscription": {
			"Ich möchte mein {plan}-Abo kündigen. Wie geht das?",
			"Bitte kündigen Sie mein Abonnement, ich nutze es nicht mehr.",
		},
		"invoice": {
			"Ich brauche eine Rechnung für meine letzte Zahlung über {amount}, mit meinen Firmendaten.",
			"Auf der Rechnung {invoice} steht der falsche Betrag. Können Sie das korrigieren?",
		},
		"card_blocked": {
			"Meine Karte wurde beim Bezahlen im Geschäft gesperrt. Warum?",
			"Meine Karte funktioniert plötzlich nicht mehr, angeblich ist sie gesperrt. Ich bin gerade im Ausland!",
		},
		"fraud_report": {
			"Auf meinem Konto ist eine Zahlung über {amount}, die ich nicht gemacht habe. Ich glaube, meine Karte wurde gestohlen.",
			"Ich sehe mehrere Umsätze von gestern, die ich nicht kenne. Bitte helfen Sie mir!",
		},
		"address_change": {
			"Ich bin umgezogen und muss meine Lieferadresse auf {address} ändern.",
			"Können Sie die Adresse für die Bestellung {order} noch ändern, bevor sie verschickt wird?",
		},
		"change_plan": {
			"Ich würde gern von {plan} auf einen größeren Tarif wechseln. Was kostet das?",
			"Kann ich meinen Tarif mitten im Monat wechseln oder muss ich bis zur nächsten Abrechnung warten?",
		},
		"complaint": {
			"Ich möchte mich beschweren: Der Kurier hat mein Paket im Regen vor der Tür abgestellt und der Inhalt ist beschädigt.",
			"Mir wurde die Bestellung {order} zweimal berechnet und auf meine E-Mails antwortet niemand.",
		},
	},
	ask: [4][]string{
		kindOrder: {
			"Können Sie mir bitte Ihre Bestellnummer nennen?",
			"Gern prüfe ich das. Wie lautet die Bestellnummer? Sie finden sie in Ihrer Bestätigungs-E-Mail.",
		},
		kindInvoice: {
			"Um welche Rechnung geht es? Bitte nennen Sie mir die Rechnungsnummer.",
			"Können Sie mir die Rechnungsnummer und das Zahlungsdatum nennen?",
		},
		kindAccount: {
			"Damit ich Sie identifizieren kann: Wie lautet die E-Mail-Adresse Ihres Kontos?",
			"Bitte bestätigen Sie die E-Mail-Adresse, die mit Ihrem Konto verknüpft ist.",
		},
		kindCard: {
			"Können Sie mir die letzten vier Ziffern der betroffenen Karte nennen?",
			"Um welche Karte geht es, und wann ist das ungefähr passiert?",
		},
	},
	detail: [4][]string{
		kindOrder:   {"Die Nummer ist {order}.", "Bestellnummer {order}, bestellt am {date}."},
		kindInvoice: {"Rechnung {invoice}, bezahlt am {date}.", "Es ist die {invoice}."},
		kindAccount: {"Meine E-Mail ist {email}.", "{email} – die benutze ich immer."},
		kindCard:    {"Die Karte endet auf {last4}, es war heute.", "Meine Debitkarte mit der Endung {last4}."},
	},
	solve: map[string][]string{
		"refund": {
			"Ich habe die Bestellung {order} geprüft: Die Rücksendung wurde am {date} erfasst und die Erstattung über {amount} ist freigegeben. Es dauert in der Regel {days} Werktage, bis das Geld auf Ihrem Konto ist.",
			"Ihre Erstattung wurde heute veranlasst. Je nach Bank kann es bis zu {days} Werktage dauern, bis Sie {amount} auf Ihrem Kontoauszug sehen.",
		},
		"delivery": {
			"Ihre Bestellung {order} hat unser Lager verlassen und ist beim Paketdienst. Die Zustellung ist voraussichtlich in {days} Tagen; am Liefertag bekommen Sie eine SMS.",
			"Der Paketdienst hatte in Ihrer Region Verzögerungen. Das Paket kommt voraussichtlich innerhalb von {days} Werktagen, und Sie können es über den Link in Ihrer Bestätigungs-E-Mail verfolgen.",
		},
		"payment_failed": {
			"Die Zahlung wurde von der 3-D-Secure-Prüfung Ihrer Bank abgelehnt, nicht von uns. Bitte bestätigen Sie die Zahlung in Ihrer Banking-App und versuchen Sie es erneut, oder wählen Sie eine andere Zahlungsart.",
			"Ich sehe mehrere fehlgeschlagene Versuche. Meist ist das Online-Limit der Karte erreicht. Sie können es in Ihrer Banking-App erhöhen und die Zahlung dann wiederholen – Ihr Warenkorb bleibt gespeichert.",
		},
		"account_access": {
			"Ich habe einen Link zum Zurücksetzen des Passworts an {email} geschickt. Der Link ist 30 Minuten gültig; schauen Sie bitte auch in Ihren Spam-Ordner.",
			"Ihr Konto war nach mehreren Fehlversuchen vorübergehend gesperrt. Ich habe es jetzt entsperrt, und Sie können sich mit einem neuen Passwort wieder anmelden.",
		},
		"cancel_subscription": {
			"Ihr {plan}-Abo ist gekündigt. Sie haben bis zum Ende des laufenden Abrechnungszeitraums Zugriff und werden nicht erneut belastet.",
			"Erledigt – der Tarif {plan} verlängert sich nicht mehr. Sie erhalten in wenigen Minuten eine Bestätigung per E-Mail.",
		},
		"invoice": {
			"Ich habe eine korrigierte Rechnung erstellt und an Ihre E-Mail-Adresse geschickt. Alle Rechnungen finden Sie außerdem unter Konto > Zahlungen > Rechnungen.",
			"Die Rechnung {invoice} wurde mit dem richtigen Betrag von {amount} neu ausgestellt. Die alte Rechnung ist damit ungültig.",
		},
		"card_blocked": {
			"Ihre Karte wurde wegen einer ungewöhnlichen Zahlung automatisch von unserem Sicherheitssystem gesperrt. Da Sie die Zahlung jetzt bestätigt haben, ist die Karte in wenigen Minuten wieder aktiv.",
			"Zu Ihrer Sicherheit wurde die Karte nach einer verdächtigen Transaktion gesperrt. Sie können sie in der App unter Karte > Sicherheit selbst entsperren, oder ich bestelle Ihnen eine neue Karte.",
		},
		"fraud_report": {
			"Ich habe die Karte sofort gesperrt, damit keine weiteren Zahlungen möglich sind. Außerdem habe ich einen Betrugsfall mit der Referenz {ref} eröffnet; unser Team meldet sich innerhalb von {days} Werktagen wegen der Erstattung.",
			"Die Karte ist jetzt dauerhaft gesperrt, eine Ersatzkarte ist unterwegs, und die strittigen Zahlungen über {amount} werden geprüft (Fall {ref}).",
		},
		"address_change": {
			"Ich habe Ihre Adresse auf {address} geändert. Alle künftigen Bestellungen werden dorthin geschickt.",
			"Die Lieferadresse der Bestellung {order} wurde auf {address} geändert, da sie noch nicht versandt wurde.",
		},
		"change_plan": {
			"Sie können sofort zu Premium wechseln; die Differenz für den Rest des Monats, {amount}, wird anteilig berechnet.",
			"Plus enthält kostenlosen Versand, Premium zusätzlich eine Reiseversicherung und bevorzugten Support. Sie können den Tarif jederzeit unter Konto > Tarif ändern.",
		},
		"complaint": {
			"Das tut mir sehr leid. Ich habe Ihre Beschwerde unter der Referenz {ref} aufgenommen und eine Erstattung von {amount} veranlasst. Sie müssen nichts zurückschicken.",
			"Ich habe Ihre Beschwerde mit der Referenz {ref} an das zuständige Team weitergeleitet. Sie erhalten innerhalb von {days} Werktagen eine schriftliche Antwort.",
		},
	},
	empathy: []string{"Das tut mir leid zu hören.", "Danke für Ihre Geduld.", "Verstehe, ich helfe Ihnen gern dabei."},
	extra: []string{
		"Sie erhalten in Kürze eine Bestätigung per E-Mail.",
		"Den Status sehen Sie jederzeit auch in der {brand} App.",
		"Bei weiteren Fragen antworten Sie einfach hier im Chat.",
		"Bitte notieren Sie sich die Referenz {ref} für spätere Rückfragen.",
	},
	wait: []string{"Einen Moment bitte, ich schaue nach.", "Ich prüfe das kurz, das dauert ein bis zwei Minuten."},
	calm: []string{
		"Ich verstehe Ihren Ärger vollkommen und entschuldige mich für die Umstände.",
		"Es tut mir wirklich leid, dass das so kompliziert war. Ich schaue, was ich tun kann.",
	},
	acks: []string{"Ok.", "Verstehe.", "Alles klar."},
	qa: [][2]string{
		{"Wie lange dauert das?", "In der Regel {days} Werktage, manchmal etwas schneller."},
		{"Bekomme ich eine Bestätigung per E-Mail?", "Ja, sobald alles erledigt ist, geht eine Bestätigung an die E-Mail-Adresse Ihres Kontos."},
		{"Kostet das etwas?", "Nein, dafür fallen keine zusätzlichen Gebühren an."},
		{"Muss ich sonst noch etwas tun?", "Nein, von Ihrer Seite ist nichts weiter nötig."},
		{"Sehe ich das auch in der App?", "Ja, in der App unter Konto > Aktivitäten sehen Sie die Änderung innerhalb einer Stunde."},
		{"Und wenn es dann immer noch nicht klappt?", "Dann melden Sie sich einfach wieder und nennen die Referenz {ref}, dann können wir direkt weitermachen."},
		{"Betrifft das auch meine anderen Bestellungen?", "Nein, Ihre anderen Bestellungen sind davon nicht betroffen."},
		{"Können Sie mir das schriftlich schicken?", "Natürlich, ich habe Ihnen eine Zusammenfassung dieses Gesprächs per E-Mail geschickt."},
	},
	fallback: []string{
		"Entschuldigung, das habe ich nicht verstanden. Können Sie Ihre Frage anders formulieren?",
		"Das habe ich leider nicht verstanden. Sie können mich zu Bestellungen, Zahlungen, Karten und Ihrem Konto fragen.",
	},
	notAnswered: []string{"Das beantwortet meine Frage nicht.", "Das habe ich schon gelesen, meine Frage ist eine andere.", "Nein, das meinte ich nicht."},
	askHuman: []string{
		"Kann ich bitte mit einem echten Menschen sprechen?",
		"Ich möchte mit einem Mitarbeiter sprechen.",
		"Gibt es hier auch einen Menschen, mit dem ich chatten kann?",
	},
	handover: []string{
		"Natürlich. Ich verbinde Sie jetzt mit einem Kollegen aus dem Kundenservice, bitte bleiben Sie im Chat.",
		"Gern, ich leite Sie an eine Kollegin aus unserem Support-Team weiter.",
	},
	deflect: []string{
		"Dabei kann ich Ihnen auch selbst helfen! Erzählen Sie mir etwas mehr über Ihr Anliegen?",
		"Unsere Mitarbeiter sind gerade alle beschäftigt, aber ich kann die meisten Fragen beantworten. Was brauchen Sie?",
		"Das kann ich Ihnen direkt hier beantworten. Was möchten Sie wissen?",
	},
	selfEscalate: []string{
		"Das muss sich ein Kollege ansehen. Ich verbinde Sie jetzt mit unserem Support-Team.",
		"Das kann ich im Chat leider nicht selbst lösen, daher übergebe ich an eine Kollegin.",
	},
	passOn: []string{
		"Dafür ist unser Fachteam zuständig, ich verbinde Sie mit einer Kollegin. Einen Moment bitte.",
		"Ich leite Sie an einen Kollegen weiter, der genau solche Fälle bearbeitet.",
	},
	frustration: []string{
		"Das ist doch lächerlich, ich versuche seit Tagen, das zu klären!",
		"Im Ernst?! Das ist so frustrierend 😡",
		"Das bringt überhaupt nichts. Ich habe echt die Nase voll.",
	},
	repeatPrefix: []string{"Wie gesagt: ", "Nochmal: "},
	thanks: []string{
		"Danke, damit ist alles geklärt!",
		"Super, jetzt funktioniert es. Vielen Dank! 🙏",
		"Perfekt, das war alles, was ich brauchte. Danke.",
	},
	welcome:    []string{"Gern geschehen! Einen schönen Tag noch.", "Freut mich, dass ich helfen konnte. Schönen Tag!"},
	giveUp:     []string{"Ok, ich versuche es später nochmal.", "Egal, dann rufe ich eben an.", "Trotzdem danke, ich kümmere mich selbst darum."},
	sorryClose: []string{"Es tut mir leid, dass ich das heute nicht lösen konnte. Sie können uns jederzeit wieder kontaktieren.", "Schade, dass ich nicht mehr helfen konnte. Einen schönen Tag noch."},
	stillThere: []string{"Hallo? Ist da noch jemand?", "Sind Sie noch da?"},
	giveCard:   []string{"Hier die komplette Kartennummer: {card}", "Meine Kartennummer ist {card}, gültig bis 08/28."},
	giveIBAN:   []string{"Meine IBAN ist {iban}, falls Sie die für die Erstattung brauchen.", "Bitte überweisen Sie das Geld auf {iban}."},
	echoCard:   []string{"Danke. Ich sehe, dass die Karte {card} für diese Zahlung verwendet wurde.", "Ich habe die Karte {card} geprüft: Sie ist auf Ihrem Konto hinterlegt."},
	echoIBAN:   []string{"Danke, die Erstattung geht an {iban}.", "Notiert: Das Konto {iban} wird für die Überweisung verwendet."},
	maskCard:   []string{"Danke, ich habe die Karte mit der Endung {last4} gefunden.", "Aus Sicherheitsgründen nenne ich nur die Endziffern {last4}. Die Karte habe ich gefunden."},
	maskIBAN:   []string{"Danke, die Erstattung geht an das Konto mit der Endung {ibanLast4}.", "Notiert: Wir überweisen auf Ihr Konto mit der Endung {ibanLast4}."},
	privacy: []string{
		"Bitte beachten Sie: Dieser Chat wird zu Qualitätszwecken gespeichert. Teilen Sie hier niemals Ihre vollständige Kartennummer, PIN oder Ihr Passwort.",
		"Zu Ihrer Sicherheit senden Sie bitte keine Kartennummern oder Passwörter in diesem Chat.",
	},
	reasons: []string{
		"Es ist ziemlich dringend.",
		"Ich verreise nächste Woche und muss das vorher geklärt haben.",
		"Ich habe schon in der App nachgesehen, aber nichts gefunden.",
		"Ich bin seit Jahren Kunde und so etwas ist noch nie passiert.",
		"Mein Partner hatte übrigens letzten Monat das gleiche Problem.",
	},
	helpful: []string{"War diese Antwort hilfreich? 👍 / 👎", "Hat das Ihre Frage beantwortet? Antworten Sie mit <b>ja</b> oder <b>nein</b>."},
	notes: []string{
		"Ich habe außerdem eine Notiz in Ihrem Konto hinterlegt, damit meine Kollegen sehen, was wir besprochen haben.",
		"Sagen Sie gern Bescheid, wenn etwas unklar ist, ich erkläre es Ihnen gern noch einmal.",
		"Das gilt für alle {brand}-Konten, unabhängig von Ihrem Tarif.",
		"Ich habe das in unserem System noch einmal überprüft, Sie können sich darauf verlassen.",
	},
}
