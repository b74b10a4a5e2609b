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
	phraseLists = append(phraseLists, rejectionPhrases...)
	signalDefs = append(signalDefs, signalDef{"customer_positive",
		"Customer turns that voice satisfaction, thanks or acceptance (\"great\", \"perfect\", \"that helps\", \"thank you\"; 10 languages), unless the same turn says the problem is unresolved or shows frustration.",
		func(s *Signals) float64 { return float64(s.CustomerPositive) }},
		signalDef{"customer_rejections",
			"Customer turns that turn down what the agent side offered (\"I don't like that\", \"not what I need\", \"not interested\"; 10 languages), unless the turn thanks or answers the agent side's closing (\"anything else?\" \"not really\").",
			func(s *Signals) float64 { return float64(s.CustomerRejections) }})
	scorers = append(scorers, scorer{"customer_sentiment",
		"n/a without customer turns; 0.5 + 0.125 per customer_positive turn (at most +0.5) - 0.125 per customer_rejections turn - 0.25 per frustration marker, clamped to [0,1]: 0.5 when the customer voiced none of them.",
		customerSentiment})
}

// Weights of customer_sentiment: four positive turns reach full marks, two frustration markers zero; a
// rejection weighs as much as a positive turn, half a frustration marker.
const (
	positiveStep    = 0.125
	maxPositive     = 0.5
	rejectionStep   = 0.125
	frustrationStep = 0.25
)

// positivePhrases favour words customers use to say an answer pleased or helped them. Bare "ok" and "yes" are
// left out: they acknowledge, they do not approve.
var positivePhrases = []phraseList{
	{catPositive, "en", []string{
		"thanks", "thank you", "thank u", "thx", "appreciate it", "much appreciated", "i appreciate", "great", "perfect", "awesome",
		"excellent", "wonderful", "brilliant", "fantastic", "amazing", "lovely", "cool", "nice", "helpful", "that helps", "that helped",
		"good to know", "sounds good", "sounds great", "makes sense", "good idea", "i'll try {that|it|this}", "will do", "love {it|that}",
		// accepting what the agent side proposed; each form reads differently when negated ("that doesn't work")
		"that works", "works for {me|us}", "{that|this} {would|will|should} work", "{sounds|looks|seems} {fine|perfect|nice|right|like a plan}",
		"looks good", "seems good", "{that's|that is|it's|it is|this is} {good|fine|perfect} {for|with|to|by} {me|us}", "{good|fine} {for|with|by} me",
		"{that's|that is|this is} {a good|a great|the right} {one|choice|option|pick}", "{let's|lets} {do|go with} {that|it|this|that one}",
		"{i'll|i will} take {it|that|this|that one|this one}",
	}},
	// Accepting a proposal, in forms whose negation does not contain them ("klingt nicht gut", "ça ne me va pas").
	{catPositive, "de", []string{"danke*", "vielen dank", "super", "perfekt", "toll", "prima", "klasse", "wunderbar", "hilfreich", "das hilft", "sehr gut", "gute idee",
		"klingt {gut|super|prima}", "hört sich gut an", "geht klar", "passt {gut|perfekt}"}},
	{catPositive, "sv", []string{"tack*", "toppen", "perfekt", "super", "jättebra", "utmärkt", "det hjälper", "vad bra", "grymt", "kanon",
		"låter {bra|toppen|perfekt}", "passar {bra|perfekt}", "funkar {bra|fint}"}},
	{catPositive, "es", []string{"gracias", "genial", "perfecto", "excelente", "estupendo", "muy amable", "me sirve", "muy bien", "buena idea",
		"{me parece|suena|me viene} {genial|perfecto|estupendo}"}},
	{catPositive, "fr", []string{"merci", "parfait", "super", "génial", "excellent", "très bien", "ça m'aide", "bonne idée", "top",
		"ça me {va|convient}", "ça marche"}},
	{catPositive, "pt", []string{"obrigad{o|a}", "valeu", "perfeito", "ótimo", "excelente", "maravilha", "muito bom", "ajudou", "boa ideia",
		"combinado", "parece {ótimo|perfeito}"}},
	{catPositive, "it", []string{"grazie", "perfetto", "ottimo", "fantastico", "benissimo", "molto gentile", "utile", "buona idea", "ottima scelta"}},
	{catPositive, "nl", []string{"bedankt", "dank {je|u}", "dankjewel", "dankuwel", "super", "perfect", "top", "prima", "geweldig", "fijn", "handig",
		"klinkt {goed|prima|perfect}", "komt goed uit"}},
	{catPositive, "da", []string{"tak", "tusind tak", "perfekt", "super", "fint", "dejligt", "lyder godt", "passer {fint|godt}"}},
	{catPositive, "nb", []string{"takk", "tusen takk", "perfekt", "supert", "flott", "topp", "høres bra ut", "passer {fint|bra}"}},
}

// rejectionPhrases are what customers say to turn down an answer, an offer or a suggestion: the answer missed.
// Bare "no" is left out: it answers questions as often as it rejects. "Not really" and "no thanks" close chats
// as often as they reject anything, so customerReactions drops a rejection that thanks or answers the agent
// side's closing ("anything else?").
var rejectionPhrases = []phraseList{
	{catRejection, "en", []string{
		"{i|we} {don't|do not|didn't|did not} {really|} like", "{i'm|i am|we're|we are} not {really|} interested", "not interested in",
		"not what i {need|needed|want|wanted|meant|mean|was looking for|asked for|am looking for|'m looking for}",
		"{that's|that is|this is|it's|it is} not {it|right|correct|true|what i need|what i want|for me|good|great|fine|ideal}", "{that's|that is|this is} wrong",
		"{doesn't|does not|won't|will not|wouldn't|would not} work for me", "not {a fan|for me}", "not my {thing|type|kind|style|taste|cup of tea}", "not really",
		"{i'd|i would} rather not", "{i'll|i will} pass", "{didn't|did not|don't|do not} care for", "{not|isn't|wasn't} {relevant|useful|helpful}",
		"{i|we} {don't|do not} want {that|this|it|those|them}", "{that|this|it} {doesn't|does not|didn't|did not} answer",
	}},
	{catRejection, "de", []string{"{gefällt|gefiel} mir nicht", "{mag|mochte} ich nicht", "kein interesse", "nicht interessiert", "nicht das was ich {brauche|suche|wollte|meinte}", "{das ist|das stimmt} {falsch|nicht}", "passt {mir|} nicht", "lieber nicht", "nichts für mich"}},
	{catRejection, "sv", []string{"{gillar|gillade} inte", "inte intresserad", "inte det jag {behöver|söker|menade|ville}", "det stämmer inte", "det är fel", "hellre inte", "inget för mig"}},
	{catRejection, "es", []string{"no me {gusta|gustó|gustan|interesa}", "no estoy interesad{o|a}", "no es lo que {necesito|busco|quería|pedí}", "eso no es {correcto|cierto|así}", "{eso|esto} está mal", "prefiero que no", "no es para mí"}},
	{catRejection, "fr", []string{"je n'aime pas", "j'aime pas", "ça ne me {plaît|plait|convient|dit rien|intéresse} pas", "pas intéressé*", "ce n'est pas ce que {je cherche|je veux|j'ai demandé|je voulais}", "c'est faux", "ce n'est pas {correct|exact|ça}", "pas pour moi"}},
	{catRejection, "pt", []string{"não {gosto|gostei|me interessa|me agrada}", "não {estou|tenho} interess*", "não é o que {preciso|procuro|eu queria|pedi}", "isso {está errado|não está certo}", "prefiro não", "não é para mim"}},
	{catRejection, "it", []string{"non mi {piace|piacciono|è piaciuto|interessa|serve}", "non sono interessat{o|a}", "non è quello che {cerco|voglio|volevo|ho chiesto}", "non è {corretto|giusto|vero}", "è sbagliato", "preferisco di no", "non fa per me"}},
	{catRejection, "nl", []string{"vind ik niet {leuk|goed|fijn}", "niet geïnteresseerd", "geen interesse", "niet wat ik {zoek|nodig heb|bedoel|bedoelde|vroeg}", "dat klopt niet", "dat is fout", "liever niet", "niets voor mij", "niks voor mij"}},
	{catRejection, "da", []string{"kan ikke lide", "ikke interesseret", "ikke det jeg {søger|mente|har brug for}", "det passer ikke", "det er forkert", "hellere ikke"}},
	{catRejection, "nb", []string{"liker ikke", "ikke interessert", "ikke det jeg {ser etter|mente|trenger}", "det stemmer ikke", "det er feil", "helst ikke"}},
}

// customerReactions counts the customer turns that voice satisfaction and neither say the problem is unresolved
// ("thanks anyway") nor show frustration ("great, another useless answer"), and the customer turns that turn an
// answer down, unless they thank ("not what I need, but thanks for trying" is unresolved, see resolution) or
// answer the agent side's closing ("anything else?").
func customerReactions(s *Signals, turns []turnInfo) {
	closing := false // the last agent-side turn closes ("is there anything else?")
	for i := range turns {
		t := &turns[i]
		switch {
		case t.agentSide():
			closing = t.cats.has(catClosing)
		case t.role == transcript.RoleCustomer:
			if t.cats.has(catPositive) && !t.cats.has(catUnresolved) && t.frust == 0 {
				s.CustomerPositive++
			}
			if t.cats.has(catRejection) && !t.cats.has(catThanks) && !closing {
				s.CustomerRejections++
			}
		}
	}
}

func customerSentiment(s *Signals) (float64, bool) {
	if s.CustomerTurns == 0 {
		return 0, false
	}
	return 0.5 + math.Min(maxPositive, positiveStep*float64(s.CustomerPositive)) - rejectionStep*float64(s.CustomerRejections) -
		frustrationStep*float64(s.Frustration), true
}
