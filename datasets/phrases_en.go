package datasets

var bookEN = phrasebook{
	dateLayout: "2 Jan 2006",
	names:      []string{"Emma", "James", "Olivia", "Liam", "Sophie", "Daniel", "Grace", "Tom"},
	streets:    []string{"14 Mill Lane, Leeds LS1 4AB", "22 Station Road, Bristol BS1 6QF", "7 Church Street, Cork T12 X9", "88 High Street, Oxford OX1 4BH"},

	greetBot: []string{
		"Hi! 👋 I'm Nora, the {brand} virtual assistant. How can I help you today?",
		"Hello and welcome to {brand} support. I'm an automated assistant – what can I do for you?",
		"Hi there! I'm the {brand} assistant. Tell me briefly what your question is about.",
	},
	greetAgent: []string{
		"Hi, my name is {agent} and I'll be helping you today. What can I do for you?",
		"Hello, you're chatting with {agent} from {brand} customer support. How can I help?",
		"Good day! {agent} here from the {brand} support team. What can I do for you today?",
	},
	takeover: []string{
		"Hi, this is {agent} from the {brand} support team. I've read your conversation with our assistant, so no need to repeat everything.",
		"Hello, {agent} here, a member of the support team. Thanks for waiting – let me take a look at your case.",
	},
	open: map[string][]string{
		"refund": {
			"Hi, I returned an item two weeks ago and still haven't received my refund of {amount}. Order {order}.",
			"When will I get my money back? I sent the parcel back on {date}.",
			"I was promised a refund for order {order} but nothing has arrived on my account yet.",
		},
		"delivery": {
			"Where is my order {order}? It was supposed to arrive on {date}.",
			"My package still hasn't arrived and the tracking hasn't updated for days.",
			"hi, can you tell me when order {order} will be delivered?",
		},
		"payment_failed": {
			"My payment of {amount} keeps failing at checkout, but there's money on my card.",
			"I tried to pay three times and every time I get 'payment declined'. What's going on?",
			"The payment for my order didn't go through and now the order shows as cancelled?",
		},
		"account_access": {
			"I can't log in to my account, it says my password is wrong even after resetting it.",
			"I'm locked out of my account after too many attempts. Can you unlock it?",
			"The verification code never arrives by SMS so I can't sign in.",
		},
		"cancel_subscription": {
			"I want to cancel my {plan} subscription, how do I do that?",
			"Please cancel my subscription, I don't use it anymore.",
			"How can I stop my {plan} plan from renewing next month?",
		},
		"invoice": {
			"I need an invoice for my last payment of {amount}, with my company details on it.",
			"The invoice {invoice} shows the wrong amount. Can you correct it?",
			"Where can I download my invoices? I can't find them in the app.",
		},
		"card_blocked": {
			"My card was blocked while I was paying in a shop. Why?",
			"My card suddenly doesn't work anymore, it says it's blocked. I'm abroad right now!",
			"Can you unblock my card? I need it today.",
		},
		"fraud_report": {
			"There's a payment of {amount} on my account that I did not make. I think my card was stolen.",
			"I see several transactions from yesterday that I don't recognise. Please help!",
			"Someone used my account to buy things, I want to report fraud.",
		},
		"address_change": {
			"I moved and need to change my delivery address to {address}.",
			"How do I update my address? My new one is {address}.",
			"Can you change the address on order {order} before it ships?",
		},
		"change_plan": {
			"I'd like to upgrade from {plan} to a bigger plan. What does it cost?",
			"Can I switch my plan mid-month, or do I have to wait for the next billing period?",
			"What's the difference between Plus and Premium? I'm thinking of switching.",
		},
		"complaint": {
			"I want to file a complaint. The courier left my parcel outside in the rain and everything inside is damaged.",
			"I was charged twice for the same order {order} and nobody has answered my emails.",
			"I'd like to make a formal complaint about order {order}, it arrived broken.",
		},
	},
	ask: [4][]string{
		kindOrder: {
			"Could you give me your order number, please?",
			"Sure, I can check that. What is the order number? You'll find it in your confirmation email.",
		},
		kindInvoice: {
			"Which invoice is it about? Please send me the invoice number.",
			"Can you tell me the invoice number and the date of the payment?",
		},
		kindAccount: {
			"To verify it's you, please give me the e-mail address registered on your account.",
			"Please confirm the e-mail address linked to your account.",
		},
		kindCard: {
			"Can you tell me the last four digits of the card concerned?",
			"Which card is it about, and roughly when did it happen?",
		},
	},
	detail: [4][]string{
		kindOrder:   {"It's {order}.", "Order number {order}, placed on {date}."},
		kindInvoice: {"Invoice {invoice}, the payment was on {date}.", "It's {invoice}."},
		kindAccount: {"My e-mail is {email}.", "{email} – that's the one I always use."},
		kindCard:    {"The card ends in {last4}, it happened today.", "It's my debit card ending {last4}."},
	},
	solve: map[string][]string{
		"refund": {
			"I've checked order {order}: the return was registered on {date} and the refund of {amount} has been approved. It usually takes {days} business days until the money shows up on your account.",
			"Your refund has been processed today. Depending on your bank it can take up to {days} business days before you see {amount} on your statement.",
		},
		"delivery": {
			"Your order {order} has left our warehouse and is with the courier now. The new estimated delivery is in {days} days, and you'll get a text message on the day of delivery.",
			"The courier had a delay in your area. The parcel is expected within {days} business days, and you can follow it with the tracking link in your confirmation email.",
		},
		"payment_failed": {
			"The payment was declined by your bank's 3-D Secure check, not by us. Please approve the payment in your banking app and try again, or choose another payment method.",
			"I can see several failed attempts. The most common cause is that the card's online limit has been reached. You can raise it in your banking app and then retry – your basket is still saved.",
		},
		"account_access": {
			"I've sent a password reset link to {email}. The link is valid for 30 minutes; please also check your spam folder.",
			"Your account was temporarily locked after several failed attempts. I've unlocked it now, and you can sign in again with a new password.",
		},
		"cancel_subscription": {
			"Your {plan} subscription is cancelled. You keep access until the end of the current billing period, and you won't be charged again.",
			"Done – the {plan} plan will not renew. You'll receive a confirmation by e-mail within a few minutes.",
		},
		"invoice": {
			"I've created a corrected invoice and sent it to your e-mail address. You can also download all invoices under Account > Payments > Invoices.",
			"Invoice {invoice} has been reissued with the correct amount of {amount}. The old one is no longer valid.",
		},
		"card_blocked": {
			"Your card was blocked automatically by our security system because of an unusual payment. Now that you've confirmed the payment, the card will be active again within a few minutes.",
			"For your security the card was blocked after a suspicious transaction. You can unblock it yourself in the app under Card > Security, or I can order a new card for you.",
		},
		"fraud_report": {
			"I've blocked the card right away so no further payments can be made. I've also opened a fraud case with reference {ref}; our team will contact you within {days} business days about the refund.",
			"Thank you for reporting this. The card is now permanently blocked, a replacement card is on its way, and the disputed payments of {amount} are being investigated (case {ref}).",
		},
		"address_change": {
			"I've updated your address to {address}. All future orders will be sent there.",
			"The delivery address for order {order} has been changed to {address}, since it hasn't shipped yet.",
		},
		"change_plan": {
			"You can switch to Premium right away; the price difference for the rest of this month, {amount}, will be charged pro rata.",
			"Plus includes free delivery, and Premium additionally gives you travel insurance and priority support. You can change your plan at any time under Account > Plan.",
		},
		"complaint": {
			"I'm very sorry about that. I've registered your complaint under reference {ref} and arranged a refund of {amount}. You don't need to send anything back.",
			"I've forwarded your complaint to the responsible team with reference {ref}. You'll get a written answer within {days} business days.",
		},
	},
	empathy: []string{"I'm sorry to hear that.", "Thanks for your patience.", "I understand, let me help you with that.", "Thanks for the details."},
	extra: []string{
		"You'll receive a confirmation by e-mail shortly.",
		"You can also see the status at any time in the {brand} app.",
		"If you have any further questions, just reply in this chat.",
		"Please keep the reference {ref} for any future contact.",
	},
	wait: []string{"One moment please, I'll check that for you.", "Let me look into this, it will take a minute or two."},
	calm: []string{
		"I completely understand your frustration, and I'm sorry for the trouble.",
		"I'm really sorry this has been so difficult. Let me see what I can do.",
	},
	acks: []string{"Ok.", "I see.", "Alright.", "Okay, got it."},
	qa: [][2]string{
		{"How long will that take?", "Usually {days} business days, sometimes a little faster."},
		{"Will I get a confirmation by e-mail?", "Yes, a confirmation is sent to the e-mail address on your account as soon as it's done."},
		{"Is there any fee for this?", "No, there is no extra charge for this."},
		{"Do I need to do anything else?", "No, nothing more is needed from your side."},
		{"Can I see this in the app as well?", "Yes, in the app under Account > Activity you'll see the update within an hour."},
		{"What happens if it still doesn't work?", "Then just contact us again and mention reference {ref}, so we can pick it up straight away."},
		{"Does this affect my other orders?", "No, your other orders are not affected."},
		{"Can you send me that in writing?", "Of course, I've sent a summary of this conversation to your e-mail address."},
	},
	fallback: []string{
		"Sorry, I didn't understand that. Could you rephrase your question?",
		"I'm not sure I understood. Can you say it in other words?",
		"Sorry, I didn't get that. You can ask me about orders, payments, cards and your account.",
	},
	notAnswered: []string{"That doesn't answer my question.", "I already read that, but my question is a different one.", "No, that's not what I meant."},
	askHuman: []string{
		"Can I talk to a real person, please?",
		"I'd like to speak to a human agent.",
		"agent please",
		"Is there a human I can chat with?",
	},
	handover: []string{
		"Of course. I'm transferring you to one of my human colleagues now, please stay in the chat.",
		"Sure, I'll connect you with a colleague from our support team.",
	},
	deflect: []string{
		"I'm here to help you with that myself! Could you tell me a bit more about your question?",
		"Our agents are busy right now, but I can help you with most questions. What do you need?",
		"I can answer that for you right here. What would you like to know?",
	},
	selfEscalate: []string{
		"This is something a colleague needs to look at. I'm transferring you to our support team now.",
		"I can't solve this in the chat myself, so I'll hand you over to a colleague.",
	},
	passOn: []string{
		"This needs our specialist team, so I'm passing you on to a colleague. One moment please.",
		"I'll transfer you to a colleague who handles exactly these cases.",
	},
	frustration: []string{
		"This is ridiculous, I've been trying to sort this out for days!",
		"Seriously?! This is so frustrating 😡",
		"You're useless. I'm really fed up with this.",
		"WHY IS THIS SO HARD?? I just want my problem fixed!",
	},
	repeatPrefix: []string{"As I said: ", "Again: ", "Like I wrote before: "},
	thanks: []string{
		"Thank you, that solved it!",
		"Perfect, it works now. Thanks a lot! 🙏",
		"Great, that's all I needed, thank you.",
		"Thanks, problem solved 👍",
	},
	welcome:    []string{"You're welcome! Have a great day.", "Glad I could help. Have a nice day!", "Happy to help – take care!"},
	giveUp:     []string{"Ok, I'll try again later.", "Never mind, I'll call instead.", "Thanks anyway, I'll figure it out myself.", "Fine, I'll wait and see then."},
	sorryClose: []string{"I'm sorry I couldn't solve this for you today. You're welcome to contact us again at any time.", "Sorry I couldn't help more. Have a nice day."},
	stillThere: []string{"Hello? Is anyone there?", "Are you still there?"},
	giveCard:   []string{"Here's the full card number: {card}", "My card number is {card}, expiry 08/28."},
	giveIBAN:   []string{"My IBAN is {iban} if you need it for the refund.", "Please send the money to {iban}."},
	echoCard:   []string{"Thanks. I can see that the card {card} was used for this payment.", "I've checked card {card}: it is registered on your account."},
	echoIBAN:   []string{"Thanks, the refund will be sent to {iban}.", "Noted: the account {iban} will be used for the transfer."},
	maskCard:   []string{"Thanks, I found the card ending in {last4}.", "For your security I'll only refer to the card ending in {last4}. I found it."},
	maskIBAN:   []string{"Thanks, the refund will go to the account ending in {ibanLast4}.", "Noted: we'll transfer the money to your account ending in {ibanLast4}."},
	privacy: []string{
		"Please note: this chat is recorded for quality purposes. Never share your full card number, PIN or password here.",
		"For your security, please don't send card numbers or passwords in this chat.",
	},
	reasons: []string{
		"It's quite urgent for me.",
		"I'm travelling next week and need this sorted before then.",
		"I already looked in the app but couldn't find anything.",
		"I've been a customer for years and this never happened before.",
		"My partner had the same problem last month, by the way.",
	},
	helpful: []string{"Was this answer helpful? 👍 / 👎", "Did that answer your question? Reply <b>yes</b> or <b>no</b>."},
	notes: []string{
		"I've also added a note to your account, so my colleagues can see what we discussed.",
		"Let me know if anything is unclear, I'm happy to explain it again.",
		"This applies to all {brand} accounts, regardless of your plan.",
		"I've double-checked this in our system, so you can rely on it.",
	},
}
