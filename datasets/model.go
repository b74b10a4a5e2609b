package datasets

// This file holds the planting model: how topics, languages and defects are distributed per channel. The
// generator draws from it; the tests integrate it (expectedRates) and compare with what was planted.

// kind groups topics by the detail an agent asks for.
type kind uint8

const (
	kindOrder kind = iota
	kindInvoice
	kindAccount
	kindCard
)

// piiKind is the personal data a customer of a topic tends to paste into the chat.
type piiKind uint8

const (
	piiCard piiKind = iota
	piiIBAN
)

// Channel indexes of the per-channel weights.
const (
	chBot   = 0
	chHuman = 1
)

type topic struct {
	name string
	kind kind
	pii  piiKind
	// difficulty in [0, 1] drives every defect rate: hard topics go wrong more often on both channels.
	difficulty float64
	// piiRate is the share of conversations in which the customer pastes a card number or IBAN.
	piiRate float64
	// weight is the topic's share of the bot and of the human channel. The bot takes the easy topics, so a raw
	// bot-versus-human comparison flatters the bot and case-mix adjustment matters.
	weight [2]float64
}

var topics = []topic{
	{"delivery", kindOrder, piiCard, 0.15, 0.03, [2]float64{0.20, 0.06}},
	{"invoice", kindInvoice, piiIBAN, 0.15, 0.15, [2]float64{0.14, 0.05}},
	{"address_change", kindOrder, piiCard, 0.10, 0.02, [2]float64{0.10, 0.04}},
	{"change_plan", kindAccount, piiCard, 0.20, 0.05, [2]float64{0.10, 0.04}},
	{"refund", kindOrder, piiIBAN, 0.35, 0.25, [2]float64{0.14, 0.14}},
	{"cancel_subscription", kindAccount, piiIBAN, 0.30, 0.08, [2]float64{0.10, 0.10}},
	{"payment_failed", kindCard, piiCard, 0.50, 0.30, [2]float64{0.08, 0.13}},
	{"account_access", kindAccount, piiCard, 0.55, 0.03, [2]float64{0.06, 0.12}},
	{"card_blocked", kindCard, piiCard, 0.65, 0.35, [2]float64{0.04, 0.12}},
	{"fraud_report", kindCard, piiCard, 0.90, 0.35, [2]float64{0.02, 0.10}},
	{"complaint", kindOrder, piiIBAN, 0.80, 0.10, [2]float64{0.02, 0.10}},
}

type market struct {
	code   string
	weight float64
	money  moneyFormat
	// iban is the IBAN layout of the market, nil where there is none (customers then paste a card instead).
	iban *ibanSpec
}

type language struct {
	code string
	// weight is the language's share of the bot and of the human channel: smaller languages reach humans more.
	weight  [2]float64
	markets []market
	book    *phrasebook
}

var languages = []language{
	{"en", [2]float64{0.50, 0.38}, []market{
		{"GB", 0.5, moneyGBP, &ibanGB}, {"US", 0.3, moneyUSD, nil}, {"IE", 0.1, moneyEURen, &ibanIE}, {"AU", 0.1, moneyAUD, nil},
	}, &bookEN},
	{"de", [2]float64{0.10, 0.16}, []market{
		{"DE", 0.7, moneyEUR, &ibanDE}, {"AT", 0.2, moneyEUR, &ibanAT}, {"CH", 0.1, moneyCHF, &ibanCH},
	}, &bookDE},
	{"sv", [2]float64{0.07, 0.10}, []market{{"SE", 1, moneySEK, &ibanSE}}, &bookSV},
	{"es", [2]float64{0.09, 0.09}, []market{{"ES", 0.7, moneyEUR, &ibanES}, {"MX", 0.3, moneyMXN, nil}}, &bookES},
	{"fr", [2]float64{0.09, 0.09}, []market{{"FR", 0.8, moneyEUR, &ibanFR}, {"BE", 0.2, moneyEUR, &ibanBE}}, &bookFR},
	{"pt", [2]float64{0.05, 0.06}, []market{{"PT", 0.5, moneyEUR, &ibanPT}, {"BR", 0.5, moneyBRL, &ibanBR}}, &bookPT},
	{"it", [2]float64{0.05, 0.06}, []market{{"IT", 1, moneyEUR, &ibanIT}}, &bookIT},
	{"nl", [2]float64{0.05, 0.06}, []market{{"NL", 0.8, moneyEUR, &ibanNL}, {"BE", 0.2, moneyEUR, &ibanBE}}, &bookNL},
}

// plans are the customer's subscription, with premium customers more often routed to people.
var plans = []struct {
	name   string
	weight [2]float64
}{
	{"free", [2]float64{0.45, 0.30}}, {"plus", [2]float64{0.30, 0.30}},
	{"premium", [2]float64{0.18, 0.27}}, {"business", [2]float64{0.07, 0.13}},
}

// rates are the first-stage probabilities of one conversation, given its channel, topic and language.
type rates struct {
	noTimestamps, injection float64
	askHuman, handover      float64 // handover is conditional on askHuman
	selfEscalate            float64 // conditional on not askHuman
	fallback, loop          float64
	repeat                  float64
	givesPII, exposes       float64 // exposes is conditional on givesPII
	mismatch                float64
	internalTransfer        float64
}

func baseRates(ch int, t *topic, lang string) rates {
	d := t.difficulty
	var r rates
	r.injection = 0.01
	r.givesPII = t.piiRate
	foreign := lang != "en"
	if ch == chBot {
		r.noTimestamps = 0.04
		r.askHuman = 0.08 + 0.24*d
		r.handover = 0.6
		r.selfEscalate = 0.05 + 0.15*d
		r.fallback = 0.05 + 0.10*d
		if foreign {
			r.fallback *= 1.5
			r.mismatch = 0.10
		}
		r.loop = 0.04 + 0.08*d
		r.repeat = 0.06 + 0.10*d
		r.exposes = 0.20
		return r
	}
	r.noTimestamps = 0.12
	r.repeat = 0.03 + 0.05*d
	r.exposes = 0.08
	if foreign {
		r.mismatch = 0.03
	}
	r.internalTransfer = 0.06 * d
	return r
}

// path is what happened to a bot conversation before its outcome was drawn.
type path struct {
	asked, handedOver, selfEscalated, loop, fallback bool
}

// outcomeRates are the second-stage probabilities: resolved, abandoned given unresolved, and frustration.
func outcomeRates(ch int, t *topic, p path) (resolved, abandoned, frustration float64) {
	d := t.difficulty
	human := 0.88 - 0.38*d
	if ch == chHuman {
		return human, 0.15, 0.03 + 0.07*d
	}
	bot := 0.82 - 0.50*d
	frustration = 0.05 + 0.10*d
	switch {
	case p.asked && !p.handedOver:
		return bot * 0.25, 0.5, 0.7
	case p.handedOver || p.selfEscalated:
		resolved, abandoned = human*0.95, 0.15
	default:
		resolved, abandoned = bot, 0.3
		if p.fallback {
			resolved *= 0.8
		}
	}
	if p.loop {
		resolved *= 0.5
		frustration = 0.5
	}
	return resolved, abandoned, frustration
}
