package datasets

var bookIT = phrasebook{
	dateLayout: "02/01/2006",
	names:      []string{"Giulia", "Marco", "Francesca", "Luca", "Chiara", "Matteo"},
	streets:    []string{"Via Roma 12, 20121 Milano", "Corso Vittorio Emanuele 88, 00186 Roma", "Via dei Mille 5, 80121 Napoli"},

	greetBot: []string{
		"Ciao! 👋 Sono Nora, l'assistente virtuale di {brand}. Come posso aiutarti oggi?",
		"Benvenuto nel servizio clienti {brand}. Sono un assistente automatico: di cosa hai bisogno?",
	},
	greetAgent: []string{
		"Buongiorno, mi chiamo {agent} e oggi ti seguo io. Come posso aiutarti?",
		"Ciao, stai chattando con {agent} del servizio clienti {brand}. Cosa posso fare per te?",
	},
	takeover: []string{
		"Ciao, sono {agent} del servizio clienti. Ho letto la tua conversazione con il nostro assistente, quindi non serve ripetere tutto.",
		"Buongiorno, sono {agent}. Grazie per l'attesa, ora guardo subito la tua pratica.",
	},
	open: map[string][]string{
		"refund": {
			"Ciao, ho restituito un articolo due settimane fa e non ho ancora ricevuto il rimborso di {amount}. Ordine {order}.",
			"Quando mi restituite i soldi? Ho rispedito il pacco il {date}.",
		},
		"delivery": {
			"Dov'è il mio ordine {order}? Doveva arrivare il {date}.",
			"Il mio pacco non è ancora arrivato e il tracciamento non si aggiorna da giorni.",
		},
		"payment_failed": {
			"Il mio pagamento di {amount} non va mai a buon fine, eppure sulla carta ci sono i soldi.",
			"Ho provato a pagare tre volte e ogni volta esce \"pagamento rifiutato\". Cosa succede?",
		},
		"account_access": {
			"Non riesco ad accedere al mio account, dice che la password è sbagliata anche dopo averla reimpostata.",
			"Il codice di verifica via SMS non arriva mai, quindi non riesco ad accedere.",
		},
		"cancel_subscription": {
			"Voglio disdire il mio abbonamento {plan}, come si fa?",
			"Per favore annullate il mio abbonamento, non lo uso più.",
		},
		"invoice": {
			"Mi serve una fattura per il mio ultimo pagamento di {amount}, con i dati della mia azienda.",
			"La fattura {invoice} riporta l'importo sbagliato. Potete correggerla?",
		},
		"card_blocked": {
			"Mi hanno bloccato la carta mentre pagavo in un negozio. Perché?",
			"La mia carta all'improvviso non funziona più, dice che è bloccata. Sono all'estero in questo momento!",
		},
		"fraud_report": {
			"Sul mio conto c'è un pagamento di {amount} che non ho fatto io. Credo che mi abbiano rubato la carta.",
			"Vedo diversi movimenti di ieri che non riconosco. Aiutatemi, per favore!",
		},
		"address_change": {
			"Ho traslocato e devo cambiare l'indirizzo di consegna in {address}.",
			"Potete cambiare l'indirizzo dell'ordine {order} prima della spedizione?",
		},
		"change_plan": {
			"Vorrei passare da {plan} a un piano superiore. Quanto costa?",
			"Posso cambiare piano a metà mese o devo aspettare il prossimo periodo di fatturazione?",
		},
		"complaint": {
			"Vorrei fare un reclamo. Il corriere ha lasciato il pacco fuori sotto la pioggia e il contenuto è tutto rovinato.",
			"Mi avete addebitato due volte lo stesso ordine {order} e nessuno risponde alle mie e-mail.",
		},
	},
	ask: [4][]string{
		kindOrder:   {"Mi puoi indicare il numero d'ordine, per favore?", "Certo, controllo subito. Qual è il numero d'ordine? Lo trovi nell'e-mail di conferma."},
		kindInvoice: {"Di quale fattura si tratta? Mandami il numero della fattura, per favore.", "Mi puoi dire il numero della fattura e la data del pagamento?"},
		kindAccount: {"Per verificare la tua identità, qual è l'indirizzo e-mail registrato sul tuo account?", "Conferma per favore l'indirizzo e-mail collegato al tuo account."},
		kindCard:    {"Mi puoi indicare le ultime quattro cifre della carta interessata?", "Di quale carta si tratta e più o meno quando è successo?"},
	},
	detail: [4][]string{
		kindOrder:   {"È il {order}.", "Numero d'ordine {order}, fatto il {date}."},
		kindInvoice: {"Fattura {invoice}, il pagamento è del {date}.", "È la {invoice}."},
		kindAccount: {"La mia e-mail è {email}.", "{email}, è quella che uso sempre."},
		kindCard:    {"La carta finisce con {last4}, è successo oggi.", "È la mia carta di debito che finisce con {last4}."},
	},
	solve: map[string][]string{
		"refund": {
			"Ho controllato l'ordine {order}: il reso è stato registrato il {date} e il rimborso di {amount} è stato approvato. Di solito servono {days} giorni lavorativi perché l'importo compaia sul conto.",
			"Il rimborso è stato elaborato oggi. A seconda della banca possono servire fino a {days} giorni lavorativi prima di vedere {amount} nell'estratto conto.",
		},
		"delivery": {
			"Il tuo ordine {order} ha lasciato il nostro magazzino ed è ora dal corriere. La consegna è prevista tra {days} giorni e riceverai un SMS il giorno della consegna.",
			"Il corriere ha avuto dei ritardi nella tua zona. Il pacco dovrebbe arrivare entro {days} giorni lavorativi e puoi seguirlo con il link nell'e-mail di conferma.",
		},
		"payment_failed": {
			"Il pagamento è stato rifiutato dal controllo 3-D Secure della tua banca, non da noi. Autorizza il pagamento nell'app della banca e riprova, oppure scegli un altro metodo di pagamento.",
			"Vedo diversi tentativi non riusciti. Di solito è stato raggiunto il limite per gli acquisti online della carta. Puoi aumentarlo nell'app della banca e poi riprovare: il carrello resta salvato.",
		},
		"account_access": {
			"Ho inviato un link per reimpostare la password a {email}. Il link è valido per 30 minuti; controlla anche la cartella dello spam.",
			"Il tuo account era bloccato temporaneamente dopo diversi tentativi falliti. L'ho sbloccato e ora puoi accedere di nuovo con una nuova password.",
		},
		"cancel_subscription": {
			"Il tuo abbonamento {plan} è stato disdetto. Mantieni l'accesso fino alla fine del periodo di fatturazione in corso e non ti verrà addebitato altro.",
			"Fatto: il piano {plan} non si rinnoverà più. Riceverai una conferma via e-mail entro pochi minuti.",
		},
		"invoice": {
			"Ho creato una fattura corretta e l'ho inviata al tuo indirizzo e-mail. Puoi anche scaricare tutte le fatture in Account > Pagamenti > Fatture.",
			"La fattura {invoice} è stata riemessa con l'importo corretto di {amount}. Quella vecchia non è più valida.",
		},
		"card_blocked": {
			"La carta è stata bloccata automaticamente dal nostro sistema di sicurezza per un pagamento insolito. Ora che hai confermato il pagamento, la carta tornerà attiva entro pochi minuti.",
			"Per la tua sicurezza la carta è stata bloccata dopo una transazione sospetta. Puoi sbloccarla da solo nell'app, in Carta > Sicurezza, oppure posso ordinarti una carta nuova.",
		},
		"fraud_report": {
			"Ho bloccato subito la carta, così non si possono fare altri pagamenti. Ho anche aperto una pratica di frode con il riferimento {ref}; il nostro team ti contatterà entro {days} giorni lavorativi per il rimborso.",
			"La carta è ora bloccata definitivamente, una carta sostitutiva è in arrivo e i pagamenti contestati di {amount} sono in verifica (pratica {ref}).",
		},
		"address_change": {
			"Ho aggiornato il tuo indirizzo in {address}. Tutti i prossimi ordini verranno spediti lì.",
			"L'indirizzo di consegna dell'ordine {order} è stato cambiato in {address}, dato che non era ancora stato spedito.",
		},
		"change_plan": {
			"Puoi passare a Premium subito; la differenza di prezzo per il resto del mese, {amount}, verrà addebitata in proporzione.",
			"Plus include la spedizione gratuita, Premium aggiunge anche un'assicurazione viaggio e l'assistenza prioritaria. Puoi cambiare piano quando vuoi in Account > Piano.",
		},
		"complaint": {
			"Mi dispiace davvero. Ho registrato il tuo reclamo con il riferimento {ref} e disposto un rimborso di {amount}. Non devi rispedire nulla.",
			"Ho inoltrato il tuo reclamo al team competente con il riferimento {ref}. Riceverai una risposta scritta entro {days} giorni lavorativi.",
		},
	},
	empathy: []string{"Mi dispiace molto.", "Grazie per la pazienza.", "Capisco, ti aiuto subito."},
	extra: []string{
		"A breve riceverai una conferma via e-mail.",
		"Puoi vedere lo stato in qualsiasi momento anche nell'app {brand}.",
		"Se hai altre domande, rispondi pure in questa chat.",
		"Conserva il riferimento {ref} per eventuali contatti futuri.",
	},
	wait: []string{"Un attimo, per favore, controllo.", "Verifico subito, ci vuole un minuto o due."},
	calm: []string{
		"Capisco benissimo la tua frustrazione e mi scuso per il disagio.",
		"Mi dispiace davvero che sia stato così complicato. Vediamo cosa posso fare.",
	},
	acks: []string{"Ok.", "Capisco.", "Va bene."},
	qa: [][2]string{
		{"Quanto tempo ci vuole?", "Di solito {days} giorni lavorativi, a volte un po' meno."},
		{"Riceverò una conferma via e-mail?", "Sì, appena è fatto viene inviata una conferma all'indirizzo e-mail del tuo account."},
		{"C'è qualche costo?", "No, non ci sono costi aggiuntivi."},
		{"Devo fare qualcos'altro?", "No, da parte tua non serve altro."},
		{"Lo vedo anche nell'app?", "Sì, nell'app in Account > Attività vedrai l'aggiornamento entro un'ora."},
		{"E se continua a non funzionare?", "Allora ricontattaci indicando il riferimento {ref}, così riprendiamo subito la pratica."},
		{"Riguarda anche i miei altri ordini?", "No, gli altri ordini non sono interessati."},
		{"Me lo puoi mandare per iscritto?", "Certo, ti ho inviato un riepilogo di questa conversazione via e-mail."},
	},
	fallback: []string{
		"Scusa, non ho capito. Puoi riformulare la domanda?",
		"Purtroppo non ho capito. Puoi chiedermi di ordini, pagamenti, carte e del tuo account.",
	},
	notAnswered: []string{"Questo non risponde alla mia domanda.", "L'ho già letto, la mia domanda è un'altra.", "No, non intendevo questo."},
	askHuman: []string{
		"Posso parlare con una persona vera, per favore?",
		"Vorrei parlare con un operatore.",
		"C'è una persona con cui posso chattare?",
	},
	handover: []string{
		"Certo. Ti metto subito in contatto con un mio collega del servizio clienti, resta in chat.",
		"Va bene, ti passo a una collega del nostro team di assistenza.",
	},
	deflect: []string{
		"Posso aiutarti io con questo! Mi racconti qualcosa in più sulla tua richiesta?",
		"I nostri operatori sono tutti occupati, ma posso rispondere alla maggior parte delle domande. Di cosa hai bisogno?",
		"Posso risponderti direttamente qui. Cosa vuoi sapere?",
	},
	selfEscalate: []string{
		"Questo deve vederlo un collega. Ti trasferisco ora al nostro team di assistenza.",
		"Non posso risolverlo da solo in chat, quindi ti passo a una collega.",
	},
	passOn: []string{
		"Se ne occupa il nostro team specializzato, ti passo a una collega. Un attimo, per favore.",
		"Ti trasferisco a un collega che segue proprio questi casi.",
	},
	frustration: []string{
		"È ridicolo, sono giorni che cerco di risolvere questa cosa!",
		"Sul serio?! È davvero frustrante 😡",
		"Non servite a niente. Sono proprio stufo.",
	},
	repeatPrefix: []string{"Come ho già detto: ", "Ripeto: "},
	thanks: []string{
		"Grazie, risolto!",
		"Perfetto, adesso funziona. Grazie mille! 🙏",
		"Ottimo, era tutto quello che mi serviva, grazie.",
	},
	welcome:    []string{"Prego! Buona giornata.", "Felice di esserti stato d'aiuto. Buona giornata!"},
	giveUp:     []string{"Ok, riproverò più tardi.", "Lascia stare, telefono.", "Grazie lo stesso, mi arrangio da solo."},
	sorryClose: []string{"Mi dispiace non essere riuscito a risolvere oggi. Puoi ricontattarci in qualsiasi momento.", "Mi dispiace non aver potuto aiutarti di più. Buona giornata."},
	stillThere: []string{"Pronto? C'è qualcuno?", "Ci sei ancora?"},
	giveCard:   []string{"Ecco il numero completo della carta: {card}", "Il mio numero di carta è {card}, scadenza 08/28."},
	giveIBAN:   []string{"Il mio IBAN è {iban}, se vi serve per il rimborso.", "Per favore mandate i soldi su {iban}."},
	echoCard:   []string{"Grazie. Vedo che per questo pagamento è stata usata la carta {card}.", "Ho controllato la carta {card}: risulta registrata sul tuo account."},
	echoIBAN:   []string{"Grazie, il rimborso sarà inviato su {iban}.", "Preso nota: per il bonifico useremo il conto {iban}."},
	maskCard:   []string{"Grazie, ho trovato la carta che finisce con {last4}.", "Per sicurezza indico solo le ultime cifre, {last4}. Ho trovato la carta."},
	maskIBAN:   []string{"Grazie, il rimborso andrà sul conto che finisce con {ibanLast4}.", "Preso nota: faremo il bonifico sul tuo conto che finisce con {ibanLast4}."},
	privacy: []string{
		"Nota: questa chat viene registrata per fini di qualità. Non condividere mai qui il numero completo della carta, il PIN o la password.",
		"Per la tua sicurezza, non inviare numeri di carta o password in questa chat.",
	},
	reasons: []string{
		"È abbastanza urgente per me.",
		"La settimana prossima parto e devo risolvere prima.",
		"Ho già guardato nell'app ma non ho trovato niente.",
		"Sono cliente da anni e non mi era mai successo.",
		"Tra l'altro, mio marito ha avuto lo stesso problema il mese scorso.",
	},
	helpful: []string{"Questa risposta ti è stata utile? 👍 / 👎", "Ho risposto alla tua domanda? Rispondi <b>sì</b> o <b>no</b>."},
	notes: []string{
		"Ho anche aggiunto una nota al tuo account, così i miei colleghi vedono cosa ci siamo detti.",
		"Dimmi pure se qualcosa non è chiaro, te lo rispiego volentieri.",
		"Questo vale per tutti gli account {brand}, qualunque sia il tuo piano.",
		"L'ho verificato due volte nel nostro sistema, quindi puoi stare tranquillo.",
	},
}
