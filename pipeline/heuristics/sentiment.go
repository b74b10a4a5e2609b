package heuristics

import (
	"math"

	"github.com/convqa/convqa/pipeline/transcript"
)

// Customer sentiment from both sides of the scale. Frustration markers (signals.go) say when a customer is
// unhappy; this file adds the other side: customer turns that voice satisfaction, thanks or acceptance ("great",
// "perfect", "that helps", "thank you"). Customers who say so during a chat are the ones who rate it well
// afterwards, in support and in other task-oriented chats alike, so the customer_sentiment scorer weighs both.
// It lives in a file of its own and registers itself, so the phrase tables and the signal list stay untouched.
func init() {
	phraseLists = append(phraseLists, positivePhrases...)
	signalDefs = append(signalDefs, signalDef{"customer_positive",
		"Customer turns that voice satisfaction, thanks or acceptance (\"great\", \"perfect\", \"that helps\", \"thank you\"; 10 languages), unless the same turn says the problem is unresolved or shows frustration.",
		func(s *Signals) float64 { return float64(s.CustomerPositive) }})
	scorers = append(scorers, scorer{"customer_sentiment",
		"n/a without customer turns; 0.5 + 0.125 per customer_positive turn (at most +0.5) - 0.25 per frustration marker, clamped to [0,1]: 0.5 when the customer voiced neither.",
		customerSentiment})
}

// Weights of customer_sentiment: four positive turns reach full marks, two frustration markers zero.
const (
	positiveStep    = 0.125
	maxPositive     = 0.5
	frustrationStep = 0.25
)

// positivePhrases favour words customers use to say an answer pleased or helped them. Bare "ok" and "yes" are
// left out: they acknowledge, they do not approve.
var positivePhrases = []phraseList{
	{catPositive, "en", []string{
		"thanks", "thank you", "thank u", "thx", "appreciate it", "much appreciated", "i appreciate", "great", "perfect", "awesome",
		"excellent", "wonderful", "brilliant", "fantastic", "amazing", "lovely", "cool", "nice", "helpful", "that helps", "that helped",
		"good to know", "sounds good", "sounds great", "makes sense", "good idea", "i'll try {that|it|this}", "will do", "love {it|that}",
	}},
	{catPositive, "de", []string{"danke*", "vielen dank", "super", "perfekt", "toll", "prima", "klasse", "wunderbar", "hilfreich", "das hilft", "sehr gut", "gute idee"}},
	{catPositive, "sv", []string{"tack*", "toppen", "perfekt", "super", "jättebra", "utmärkt", "det hjälper", "vad bra", "grymt", "kanon"}},
	{catPositive, "es", []string{"gracias", "genial", "perfecto", "excelente", "estupendo", "muy amable", "me sirve", "muy bien", "buena idea"}},
	{catPositive, "fr", []string{"merci", "parfait", "super", "génial", "excellent", "très bien", "ça m'aide", "bonne idée", "top"}},
	{catPositive, "pt", []string{"obrigad{o|a}", "valeu", "perfeito", "ótimo", "excelente", "maravilha", "muito bom", "ajudou", "boa ideia"}},
	{catPositive, "it", []string{"grazie", "perfetto", "ottimo", "fantastico", "benissimo", "molto gentile", "utile", "buona idea"}},
	{catPositive, "nl", []string{"bedankt", "dank {je|u}", "dankjewel", "dankuwel", "super", "perfect", "top", "prima", "geweldig", "fijn", "handig"}},
	{catPositive, "da", []string{"tak", "tusind tak", "perfekt", "super", "fint", "dejligt"}},
	{catPositive, "nb", []string{"takk", "tusen takk", "perfekt", "supert", "flott", "topp"}},
}

// customerPositive counts the customer turns that voice satisfaction and neither say the problem is unresolved
// ("thanks anyway") nor show frustration ("great, another useless answer").
func customerPositive(s *Signals, turns []turnInfo) {
	for i := range turns {
		t := &turns[i]
		if t.role == transcript.RoleCustomer && t.cats.has(catPositive) && !t.cats.has(catUnresolved) && t.frust == 0 {
			s.CustomerPositive++
		}
	}
}

func customerSentiment(s *Signals) (float64, bool) {
	if s.CustomerTurns == 0 {
		return 0, false
	}
	return 0.5 + math.Min(maxPositive, positiveStep*float64(s.CustomerPositive)) - frustrationStep*float64(s.Frustration), true
}
