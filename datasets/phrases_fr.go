package datasets

var bookFR = phrasebook{
	dateLayout: "02/01/2006",
	names:      []string{"Camille", "Hugo", "Chloé", "Louis", "Manon", "Julien"},
	streets:    []string{"12 rue de la République, 69002 Lyon", "8 avenue Jean Jaurès, 75019 Paris", "25 rue Neuve, 1000 Bruxelles"},

	greetBot: []string{
		"Bonjour ! 👋 Je suis Nora, l'assistante virtuelle de {brand}. Comment puis-je vous aider aujourd'hui ?",
		"Bienvenue au service client de {brand}. Je suis un assistant automatique : quelle est votre demande ?",
	},
	greetAgent: []string{
		"Bonjour, je m'appelle {agent} et je vais m'occuper de vous aujourd'hui. Que puis-je faire pour vous ?",
		"Bonjour, vous êtes en ligne avec {agent} du service client {brand}. Comment puis-je vous aider ?",
	},
	takeover: []string{
		"Bonjour, ici {agent} du service client. J'ai lu votre échange avec notre assistant, inutile de tout répéter.",
		"Bonjour, {agent} à votre écoute. Merci d'avoir patienté, je regarde votre dossier tout de suite.",
	},
	open: map[string][]string{
		"refund": {
			"Bonjour, j'ai renvoyé un article il y a deux semaines et je n'ai toujours pas reçu mon remboursement de {amount}. Commande {order}.",
			"Quand est-ce que je vais être remboursé ? J'ai renvoyé le colis le {date}.",
		},
		"delivery": {
			"Où est ma commande {order} ? Elle devait arriver le {date}.",
			"Mon colis n'est toujours pas arrivé et le suivi n'a pas bougé depuis plusieurs jours.",
		},
		"payment_failed": {
			"Mon paiement de {amount} échoue sans arrêt au moment de payer, alors qu'il y a de l'argent sur ma carte.",
			"J'ai essayé de payer trois fois et j'ai toujours « paiement refusé ». Qu'est-ce qui se passe ?",
		},
		"account_access": {
			"Je n'arrive pas à me connecter à mon compte, il me dit que le mot de passe est faux alors que je l'ai réinitialisé.",
			"Le code de vérification n'arrive jamais par SMS, donc je ne peux pas me connecter.",
		},
		"cancel_subscription": {
			"Je voudrais résilier mon abonnement {plan}, comment faire ?",
			"Merci de résilier mon abonnement, je ne l'utilise plus.",
		},
		"invoice": {
			"J'ai besoin d'une facture pour mon dernier paiement de {amount}, avec les coordonnées de ma société.",
			"La facture {invoice} indique un mauvais montant. Pouvez-vous la corriger ?",
		},
		"card_blocked": {
			"Ma carte a été bloquée pendant que je payais dans un magasin. Pourquoi ?",
			"Ma carte ne fonctionne plus du tout, il paraît qu'elle est bloquée. Je suis à l'étranger en ce moment !",
		},
		"fraud_report": {
			"Il y a un paiement de {amount} sur mon compte que je n'ai pas fait. Je pense qu'on m'a volé ma carte.",
			"Je vois plusieurs opérations d'hier que je ne reconnais pas. Aidez-moi, s'il vous plaît !",
		},
		"address_change": {
			"J'ai déménagé et je dois changer mon adresse de livraison pour le {address}.",
			"Pouvez-vous modifier l'adresse de la commande {order} avant son expédition ?",
		},
		"change_plan": {
			"Je voudrais passer de {plan} à une formule supérieure. Combien ça coûte ?",
			"Est-ce que je peux changer de formule en milieu de mois, ou faut-il attendre la prochaine facturation ?",
		},
		"complaint": {
			"Je souhaite déposer une réclamation. Le livreur a laissé mon colis dehors sous la pluie et tout le contenu est abîmé.",
			"On m'a débité deux fois pour la même commande {order} et personne ne répond à mes e-mails.",
		},
	},
	ask: [4][]string{
		kindOrder:   {"Pouvez-vous m'indiquer votre numéro de commande, s'il vous plaît ?", "Bien sûr, je vérifie. Quel est le numéro de commande ? Vous le trouverez dans votre e-mail de confirmation."},
		kindInvoice: {"De quelle facture s'agit-il ? Merci de m'envoyer le numéro de facture.", "Pouvez-vous me donner le numéro de facture et la date du paiement ?"},
		kindAccount: {"Pour vérifier votre identité, quelle est l'adresse e-mail enregistrée sur votre compte ?", "Merci de confirmer l'adresse e-mail associée à votre compte."},
		kindCard:    {"Pouvez-vous m'indiquer les quatre derniers chiffres de la carte concernée ?", "De quelle carte s'agit-il, et à peu près quand est-ce arrivé ?"},
	},
	detail: [4][]string{
		kindOrder:   {"C'est la {order}.", "Numéro de commande {order}, passée le {date}."},
		kindInvoice: {"Facture {invoice}, le paiement date du {date}.", "C'est la {invoice}."},
		kindAccount: {"Mon e-mail est {email}.", "{email}, c'est celle que j'utilise toujours."},
		kindCard:    {"La carte se termine par {last4}, c'est arrivé aujourd'hui.", "C'est ma carte de débit qui se termine par {last4}."},
	},
	solve: map[string][]string{
		"refund": {
			"J'ai vérifié la commande {order} : le retour a été enregistré le {date} et le remboursement de {amount} est validé. Il faut en général {days} jours ouvrés pour que l'argent apparaisse sur votre compte.",
			"Votre remboursement a été effectué aujourd'hui. Selon votre banque, il peut falloir jusqu'à {days} jours ouvrés avant de voir {amount} sur votre relevé.",
		},
		"delivery": {
			"Votre commande {order} a quitté notre entrepôt et se trouve chez le transporteur. La livraison est prévue dans {days} jours, et vous recevrez un SMS le jour de la livraison.",
			"Le transporteur a eu des retards dans votre secteur. Le colis devrait arriver sous {days} jours ouvrés, et vous pouvez le suivre avec le lien de votre e-mail de confirmation.",
		},
		"payment_failed": {
			"Le paiement a été refusé par le contrôle 3-D Secure de votre banque, pas par nous. Validez le paiement dans l'application de votre banque puis réessayez, ou choisissez un autre moyen de paiement.",
			"Je vois plusieurs tentatives échouées. Le plus souvent, le plafond de paiement en ligne de la carte est atteint. Vous pouvez l'augmenter dans l'application de votre banque puis réessayer ; votre panier est conservé.",
		},
		"account_access": {
			"Je vous ai envoyé un lien de réinitialisation du mot de passe à {email}. Le lien est valable 30 minutes ; pensez à vérifier vos courriers indésirables.",
			"Votre compte était temporairement bloqué après plusieurs tentatives échouées. Je l'ai débloqué, vous pouvez vous reconnecter avec un nouveau mot de passe.",
		},
		"cancel_subscription": {
			"Votre abonnement {plan} est résilié. Vous gardez l'accès jusqu'à la fin de la période de facturation en cours et vous ne serez plus débité.",
			"C'est fait : la formule {plan} ne sera pas renouvelée. Vous recevrez une confirmation par e-mail d'ici quelques minutes.",
		},
		"invoice": {
			"J'ai créé une facture corrigée et je l'ai envoyée à votre adresse e-mail. Vous pouvez aussi télécharger toutes vos factures dans Compte > Paiements > Factures.",
			"La facture {invoice} a été réémise avec le bon montant de {amount}. L'ancienne n'est plus valable.",
		},
		"card_blocked": {
			"Votre carte a été bloquée automatiquement par notre système de sécurité à cause d'un paiement inhabituel. Comme vous venez de confirmer le paiement, la carte sera de nouveau active d'ici quelques minutes.",
			"Pour votre sécurité, la carte a été bloquée après une opération suspecte. Vous pouvez la débloquer vous-même dans l'application, rubrique Carte > Sécurité, ou je peux vous commander une nouvelle carte.",
		},
		"fraud_report": {
			"J'ai bloqué la carte immédiatement pour empêcher tout nouveau paiement. J'ai aussi ouvert un dossier de fraude sous la référence {ref} ; notre équipe vous contactera sous {days} jours ouvrés pour le remboursement.",
			"La carte est désormais bloquée définitivement, une carte de remplacement est en route et les paiements contestés de {amount} font l'objet d'une enquête (dossier {ref}).",
		},
		"address_change": {
			"J'ai mis à jour votre adresse : {address}. Toutes vos prochaines commandes y seront envoyées.",
			"L'adresse de livraison de la commande {order} a été changée pour le {address}, car elle n'était pas encore expédiée.",
		},
		"change_plan": {
			"Vous pouvez passer à Premium dès maintenant ; la différence de prix pour le reste du mois, {amount}, sera facturée au prorata.",
			"Plus comprend la livraison gratuite, et Premium ajoute une assurance voyage et un support prioritaire. Vous pouvez changer de formule à tout moment dans Compte > Formule.",
		},
		"complaint": {
			"Je suis vraiment désolé. J'ai enregistré votre réclamation sous la référence {ref} et lancé un remboursement de {amount}. Vous n'avez rien à renvoyer.",
			"J'ai transmis votre réclamation au service concerné avec la référence {ref}. Vous recevrez une réponse écrite sous {days} jours ouvrés.",
		},
	},
	empathy: []string{"Je suis désolé de l'apprendre.", "Merci pour votre patience.", "Je comprends, je vais vous aider."},
	extra: []string{
		"Vous recevrez bientôt une confirmation par e-mail.",
		"Vous pouvez aussi suivre l'état à tout moment dans l'application {brand}.",
		"Pour toute autre question, répondez simplement dans ce chat.",
		"Gardez la référence {ref} pour tout contact ultérieur.",
	},
	wait: []string{"Un instant, s'il vous plaît, je vérifie.", "Je regarde cela, il me faut une ou deux minutes."},
	calm: []string{
		"Je comprends tout à fait votre agacement et je suis désolé pour ce désagrément.",
		"Je suis vraiment navré que ce soit aussi compliqué. Je vais voir ce que je peux faire.",
	},
	acks: []string{"D'accord.", "Je vois.", "Ok."},
	qa: [][2]string{
		{"Combien de temps ça prend ?", "En général {days} jours ouvrés, parfois un peu moins."},
		{"Est-ce que je vais recevoir une confirmation par e-mail ?", "Oui, une confirmation est envoyée à l'adresse e-mail de votre compte dès que c'est fait."},
		{"Est-ce que c'est payant ?", "Non, il n'y a aucun frais supplémentaire."},
		{"Est-ce que je dois faire autre chose ?", "Non, rien d'autre n'est nécessaire de votre côté."},
		{"Je peux le voir aussi dans l'application ?", "Oui, dans l'application, rubrique Compte > Activité, vous verrez la mise à jour d'ici une heure."},
		{"Et si ça ne marche toujours pas ?", "Recontactez-nous simplement en indiquant la référence {ref}, nous reprendrons le dossier tout de suite."},
		{"Est-ce que ça concerne aussi mes autres commandes ?", "Non, vos autres commandes ne sont pas concernées."},
		{"Vous pouvez me l'envoyer par écrit ?", "Bien sûr, je vous ai envoyé un résumé de cet échange par e-mail."},
	},
	fallback: []string{
		"Désolé, je n'ai pas compris. Pouvez-vous reformuler votre question ?",
		"Je n'ai malheureusement pas compris. Vous pouvez me poser des questions sur les commandes, les paiements, les cartes et votre compte.",
	},
	notAnswered: []string{"Ça ne répond pas à ma question.", "J'ai déjà lu ça, ma question est différente.", "Non, ce n'est pas ce que je voulais dire."},
	askHuman: []string{
		"Est-ce que je peux parler à une vraie personne, s'il vous plaît ?",
		"Je voudrais parler à un conseiller.",
		"Il y a un humain avec qui je peux discuter ?",
	},
	handover: []string{
		"Bien sûr. Je vous mets en relation avec un de mes collègues du service client, restez dans le chat.",
		"D'accord, je vous transfère à une collègue de notre équipe support.",
	},
	deflect: []string{
		"Je peux vous aider moi-même ! Pouvez-vous m'en dire un peu plus sur votre demande ?",
		"Nos conseillers sont tous occupés pour le moment, mais je peux répondre à la plupart des questions. De quoi avez-vous besoin ?",
		"Je peux vous répondre directement ici. Que voulez-vous savoir ?",
	},
	selfEscalate: []string{
		"Un collègue doit examiner cela. Je vous transfère maintenant à notre équipe support.",
		"Je ne peux pas régler cela moi-même dans le chat, je vous passe donc une collègue.",
	},
	passOn: []string{
		"C'est notre équipe spécialisée qui s'en occupe, je vous transfère à une collègue. Un instant, s'il vous plaît.",
		"Je vous passe un collègue qui traite exactement ce genre de dossiers.",
	},
	frustration: []string{
		"C'est ridicule, j'essaie de régler ça depuis des jours !",
		"Sérieusement ?! C'est tellement énervant 😡",
		"Vous ne servez à rien. J'en ai vraiment marre.",
	},
	repeatPrefix: []string{"Comme je l'ai dit : ", "Je répète : "},
	thanks: []string{
		"Merci, c'est réglé !",
		"Parfait, ça marche maintenant. Merci beaucoup ! 🙏",
		"Super, c'est tout ce qu'il me fallait, merci.",
	},
	welcome:    []string{"Avec plaisir ! Bonne journée.", "Ravi d'avoir pu vous aider. Bonne journée !"},
	giveUp:     []string{"Bon, je réessaierai plus tard.", "Tant pis, je vais appeler.", "Merci quand même, je vais me débrouiller."},
	sorryClose: []string{"Je suis désolé de ne pas avoir pu régler cela aujourd'hui. N'hésitez pas à nous recontacter à tout moment.", "Désolé de ne pas avoir pu vous aider davantage. Bonne journée."},
	stillThere: []string{"Allô ? Il y a quelqu'un ?", "Vous êtes toujours là ?"},
	giveCard:   []string{"Voici le numéro complet de la carte : {card}", "Mon numéro de carte est {card}, expiration 08/28."},
	giveIBAN:   []string{"Mon IBAN est {iban}, si vous en avez besoin pour le remboursement.", "Merci de virer l'argent sur {iban}."},
	echoCard:   []string{"Merci. Je vois que la carte {card} a été utilisée pour ce paiement.", "J'ai vérifié la carte {card} : elle est bien enregistrée sur votre compte."},
	echoIBAN:   []string{"Merci, le remboursement sera envoyé sur {iban}.", "C'est noté : le compte {iban} sera utilisé pour le virement."},
	maskCard:   []string{"Merci, j'ai trouvé la carte se terminant par {last4}.", "Par sécurité, je ne cite que les derniers chiffres, {last4}. J'ai trouvé la carte."},
	maskIBAN:   []string{"Merci, le remboursement ira sur le compte se terminant par {ibanLast4}.", "C'est noté : nous virerons l'argent sur votre compte se terminant par {ibanLast4}."},
	privacy: []string{
		"À noter : ce chat est enregistré à des fins de qualité. Ne communiquez jamais ici votre numéro de carte complet, votre code PIN ou votre mot de passe.",
		"Pour votre sécurité, n'envoyez pas de numéro de carte ni de mot de passe dans ce chat.",
	},
	reasons: []string{
		"C'est assez urgent pour moi.",
		"Je pars en voyage la semaine prochaine et j'ai besoin que ce soit réglé avant.",
		"J'ai déjà regardé dans l'application, mais je n'ai rien trouvé.",
		"Je suis client depuis des années et ça ne m'était jamais arrivé.",
		"D'ailleurs, mon conjoint a eu le même problème le mois dernier.",
	},
	helpful: []string{"Cette réponse vous a-t-elle aidé ? 👍 / 👎", "Ai-je répondu à votre question ? Répondez <b>oui</b> ou <b>non</b>."},
	notes: []string{
		"J'ai aussi ajouté une note à votre compte pour que mes collègues voient ce que nous avons convenu.",
		"N'hésitez pas à me dire si quelque chose n'est pas clair, je vous l'explique volontiers à nouveau.",
		"Cela vaut pour tous les comptes {brand}, quelle que soit votre formule.",
		"J'ai vérifié deux fois dans notre système, vous pouvez donc compter dessus.",
	},
}
