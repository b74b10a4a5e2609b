package heuristics

import (
	"bufio"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/convqa/convqa/pipeline/transcript"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// nan makes expected NaNs readable in tables; assertFloat treats NaN as equal to NaN.
var nan = math.NaN()

func assertFloat(t *testing.T, want, got float64, name string) {
	t.Helper()
	if math.IsNaN(want) {
		assert.True(t, math.IsNaN(got), "%s: want NaN, got %v", name, got)
		return
	}
	assert.InDelta(t, want, got, 1e-9, name)
}

func TestCounts(t *testing.T) {
	s := signalsOf(cu("a"), bo("b"), sy("transferred to agent"), ag("c"), cu("d"), ag("e"))
	assert.Equal(t, 5, s.Turns)
	assert.Equal(t, 2, s.CustomerTurns)
	assert.Equal(t, 3, s.AgentTurns)
	assert.Equal(t, 1, s.BotTurns)
	assert.Equal(t, 2, s.HumanAgentTurns)
	assert.Equal(t, 1, s.SystemTurns)

	empty := analyzer().Signals(conv())
	assert.Zero(t, empty.Turns)
	assert.True(t, math.IsNaN(empty.DurationS))
	assert.NotPanics(t, func() { analyzer().Signals(nil) })
}

func TestTiming(t *testing.T) {
	tests := []struct {
		name                    string
		turns                   []transcript.Turn
		duration, first, median float64
	}{
		{"no timestamps", []transcript.Turn{cu("a"), bo("b"), cu("c"), bo("d")}, nan, nan, nan},
		{"one reply", []transcript.Turn{at(cu("a"), 0), at(bo("b"), 4)}, 4, 4, 4},
		{"blocks start at the first customer turn", []transcript.Turn{
			at(cu("a"), 0), at(cu("a2"), 10), at(bo("b"), 12), // 12
			at(cu("c"), 20), at(ag("d"), 50), at(ag("d2"), 55), // 30
			at(cu("e"), 60), at(ag("f"), 160), // 100
		}, 160, 12, 30},
		{"even count takes the mean of the middle two", []transcript.Turn{
			at(cu("a"), 0), at(bo("b"), 2), at(cu("c"), 10), at(bo("d"), 20),
		}, 20, 2, 6},
		{"first customer turn without time", []transcript.Turn{cu("a"), at(bo("b"), 5), at(cu("c"), 10), at(bo("d"), 13)}, 8, nan, 3},
		{"agent speaks first", []transcript.Turn{at(ag("hello"), 0), at(cu("a"), 30), at(ag("b"), 90)}, 90, 60, 60},
		{"unanswered customer", []transcript.Turn{at(cu("a"), 0), at(cu("b"), 60)}, 60, nan, nan},
		{"system turns do not answer", []transcript.Turn{at(cu("a"), 0), at(sy("queued"), 1), at(ag("b"), 40)}, 40, 40, 40},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := signalsOf(tc.turns...)
			assertFloat(t, tc.duration, s.DurationS, "duration")
			assertFloat(t, tc.first, s.FirstResponseS, "first response")
			assertFloat(t, tc.median, s.MedianResponseS, "median response")
		})
	}
}

func TestHandoff(t *testing.T) {
	tests := []struct {
		name              string
		turns             []transcript.Turn
		escalated         bool
		turnsBefore, secs float64
	}{
		{"bot only", []transcript.Turn{cu("a"), bo("b"), cu("c"), bo("d")}, false, nan, nan},
		{"human only", []transcript.Turn{cu("a"), ag("b")}, false, nan, nan},
		{"bot then agent", []transcript.Turn{at(cu("a"), 0), at(bo("b"), 2), at(cu("c"), 30), at(ag("d"), 90)}, true, 3, 90},
		{"system transfer", []transcript.Turn{at(cu("a"), 0), at(bo("b"), 2), at(sy("Transferring you to a human agent"), 5)}, true, 2, 5},
		{"system transfer without time uses the next stamp", []transcript.Turn{at(cu("a"), 0), at(bo("b"), 2), sy("Chat transferred"), at(ag("hi"), 70)}, true, 2, 70},
		{"system noise is no transfer", []transcript.Turn{cu("a"), bo("b"), sy("Customer closed the window")}, false, nan, nan},
		{"transfer before any bot turn", []transcript.Turn{sy("transferred from queue"), cu("a"), ag("b")}, false, nan, nan},
		{"agent then bot is no handoff", []transcript.Turn{cu("a"), ag("b"), bo("survey")}, false, nan, nan},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := signalsOf(tc.turns...)
			assert.Equal(t, tc.escalated, s.Escalated)
			assertFloat(t, tc.turnsBefore, s.TurnsBeforeHandoff, "turns before handoff")
			assertFloat(t, tc.secs, s.SecondsBeforeHandoff, "seconds before handoff")
		})
	}
}

func TestHumanAccess(t *testing.T) {
	tests := []struct {
		name                                string
		turns                               []transcript.Turn
		asked                               bool
		turn, got, turnsTo, secsTo, refused float64
	}{
		{"no ask", []transcript.Turn{cu("where is my order"), bo("here")}, false, nan, nan, nan, nan, nan},
		{"immediate human", []transcript.Turn{at(cu("hi"), 0), at(bo("hello"), 1), at(cu("I want to talk to a human"), 10), at(ag("Hi, Anna here"), 40)},
			true, 2, 1, 1, 30, 0},
		{"through a transfer", []transcript.Turn{at(cu("agent please"), 0), at(bo("Connecting you"), 1), at(sy("transferred"), 2), at(ag("Hi"), 200)},
			true, 0, 1, 2, 200, 0},
		{"bot refuses", []transcript.Turn{cu("real person please"), bo("I can help you myself!"), cu("HUMAN"), bo("What is your question?")},
			true, 0, 0, nan, nan, 1},
		{"nobody answers", []transcript.Turn{bo("Hello"), cu("talk to a human")}, true, 1, 0, nan, nan, 0},
		{"no timestamps", []transcript.Turn{cu("representative"), bo("ok"), cu("x"), bo("y"), ag("Hi")}, true, 0, 1, 4, nan, 0},
		{"negated ask", []transcript.Turn{cu("No need for a human, thanks"), bo("ok")}, false, nan, nan, nan, nan, nan},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := signalsOf(tc.turns...)
			assert.Equal(t, tc.asked, s.AskedForHuman, "asked")
			assertFloat(t, tc.turn, s.AskedForHumanTurn, "ask turn")
			assertFloat(t, tc.got, s.GotHuman, "got human")
			assertFloat(t, tc.turnsTo, s.TurnsToHuman, "turns to human")
			assertFloat(t, tc.secsTo, s.SecondsToHuman, "seconds to human")
			assertFloat(t, tc.refused, s.HumanRefused, "refused")
		})
	}
}

func TestRepeats(t *testing.T) {
	const answer = "Refunds are issued within 5 business days after we receive your return."
	tests := []struct {
		name                           string
		turns                          []transcript.Turn
		botLoops, agentLoops, customer int
	}{
		{"no repeats", []transcript.Turn{cu("where is my refund"), bo(answer), cu("it has been 10 days"), bo("Let me check your order.")}, 0, 0, 0},
		{"bot repeats itself", []transcript.Turn{cu("where is my refund"), bo(answer), cu("it has been 10 days"), bo(answer), cu("?"), bo("Sorry! " + answer)}, 2, 0, 0},
		{"agent repeats itself", []transcript.Turn{cu("a b c"), ag("Please send us your order number and email."), cu("x"), ag("Could you please send us your order number and email?")}, 0, 1, 0},
		{"bot text repeated by the agent is no loop", []transcript.Turn{cu("x"), bo(answer), cu("y"), ag(answer)}, 0, 0, 0},
		{"customer repeats", []transcript.Turn{cu("I want to cancel my order"), bo("Which order?"), cu("I SAID I want to cancel my order!")}, 0, 0, 1},
		{"short turns never repeat", []transcript.Turn{cu("yes"), bo("ok"), cu("yes"), bo("ok")}, 0, 0, 0},
		{"acknowledgements are no repeats", []transcript.Turn{cu("Yes, that works for me."), ag("Booked the table."), cu("Yes, that works for me.")}, 0, 0, 0},
		{"the same short question about the next item", []transcript.Turn{cu("How much will this cost me?"), ag("The ticket is $243."),
			cu("And a hotel in Paris?"), ag("Hotel Lutetia has a room."), cu("How much will this cost me?")}, 0, 0, 0},
		{"a short question the agent side did not answer", []transcript.Turn{cu("How much will this cost me?"), ag("I can help with that."),
			cu("How much will this cost me?")}, 0, 0, 1},
		{"a restated issue after an answer that missed", []transcript.Turn{cu("my card was blocked while I am abroad, please unblock it"),
			ag("Your card ending 4133 was blocked after a suspicious payment."), cu("my card was blocked while I am abroad, please unblock it")}, 0, 0, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := signalsOf(tc.turns...)
			assert.Equal(t, tc.botLoops, s.BotLoops, "bot loops")
			assert.Equal(t, tc.agentLoops, s.HumanAgentLoops, "agent loops")
			assert.Equal(t, tc.customer, s.CustomerRepeats, "customer repeats")
		})
	}
}

func TestAgentPII(t *testing.T) {
	tests := []struct {
		name                string
		turns               []transcript.Turn
		pii, severe, echoed int
	}{
		{"none", []transcript.Turn{cu("hi"), ag("Your order ships tomorrow.")}, 0, 0, 0},
		{"customer's own card is not counted", []transcript.Turn{cu("my card is 4111 1111 1111 1111"), ag("Thanks, I see it.")}, 0, 0, 0},
		{"agent writes a card", []transcript.Turn{cu("which card?"), ag("The charge was on 4111 1111 1111 1111.")}, 1, 1, 0},
		{"agent repeats the customer's card: severe, not an echo", []transcript.Turn{cu("4111 1111 1111 1111"), ag("Card 4111-1111-1111-1111?")}, 1, 1, 0},
		{"bot writes an IBAN", []transcript.Turn{cu("refund to?"), bo("We refunded DE89 3704 0044 0532 0130 00.")}, 1, 1, 0},
		{"agent writes an e-mail the customer did not", []transcript.Turn{cu("x"), ag("I sent it to jane.doe@example.com")}, 1, 0, 0},
		{"agent echoes the customer's e-mail", []transcript.Turn{cu("it's Jane.Doe@example.com"), ag("I sent it to jane.doe@example.com")}, 1, 0, 1},
		{"agent echoes the customer's phone, written differently", []transcript.Turn{cu("call me on +1 (555) 123-4567"), ag("We'll call 555.123.4567 today.")}, 1, 0, 1},
		{"a business's number given as an answer", []transcript.Turn{cu("what's their number?"), ag("The phone number is 01223 812660.")}, 1, 0, 0},
		{"echo of a later customer turn is not an echo", []transcript.Turn{ag("Is it 555-123-4567?"), cu("yes, 555-123-4567")}, 1, 0, 0},
		{"placeholders survive redaction", []transcript.Turn{cu("x"), ag("Card [CARD_1] and mail [EMAIL_2]; not [card_1] or [X_]")}, 2, 1, 0},
		{"placeholder echoed", []transcript.Turn{cu("mail me at [EMAIL_1]"), ag("Sent to [EMAIL_1], not [EMAIL_2]")}, 2, 0, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := signalsOf(tc.turns...)
			assert.Equal(t, tc.pii, s.AgentPII, "pii")
			assert.Equal(t, tc.severe, s.AgentPIISevere, "severe")
			assert.Equal(t, tc.echoed, s.AgentPIIEchoed, "echoed")
		})
	}
}

func TestReadability(t *testing.T) {
	tests := []struct {
		name       string
		agent      string
		ease, w, l float64
	}{
		{"plain", "I can help. Your box is on its way. It will be here soon.", 100, 14.0 / 3, 41.0 / 14},
		{"long words and sentences", "Unfortunately, reimbursement authorisation necessitates comprehensive documentation, verification procedures, supplementary identification confirmation, and additional organisational consideration before processing.", 0, 17, 194.0 / 17},
		{"too short", "Ok.", nan, nan, nan},
		{"cjk", "ご注文を確認したところ、荷物は地域の配送センターにあり、明日の午前中にお届けします。", nan, nan, nan},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := signalsOf(cu("question"), ag(tc.agent))
			assertFloat(t, tc.ease, s.Readability, "ease")
			if !math.IsNaN(tc.w) {
				assert.InDelta(t, tc.w, s.AgentWordsPerSentence, 0.01, "words per sentence")
				assert.InDelta(t, tc.l, s.AgentWordLength, 0.01, "word length")
			}
		})
	}
	assert.InDelta(t, 72.5, readingEase(12, 4.7), 1e-9)
	assert.InDelta(t, 7.5, readingEase(25, 6), 1e-9)
}

func TestLanguages(t *testing.T) {
	f, err := os.Open("testdata/languages.tsv")
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		p := strings.Split(line, "\t")
		require.Len(t, p, 3, line)
		lang, customer, agent := p[0], p[1], p[2]
		n++
		t.Run(lang, func(t *testing.T) {
			s := signalsOf(cu(customer), ag(agent))
			assert.Equal(t, lang, s.CustomerLanguage, "customer")
			assert.Equal(t, lang, s.AgentLanguage, "agent")
			assertFloat(t, 1, s.LanguageMatch, "match")
			if lang != "en" {
				s = signalsOf(cu(customer), ag("Thanks for waiting. I checked your order and the parcel is at the local depot."))
				assertFloat(t, 0, s.LanguageMatch, "mismatch")
			}
		})
	}
	require.NoError(t, sc.Err())
	assert.Len(t, DefaultLanguages, n, "one planted pair per default language")

	s := signalsOf(cu("ok"), ag("Thanks for waiting. I checked your order and the parcel is at the local depot."))
	assert.Equal(t, "", s.CustomerLanguage, "too short")
	assertFloat(t, nan, s.LanguageMatch, "undetectable side")
	assert.Equal(t, "en", s.AgentLanguage)
}

func TestOptionsLanguages(t *testing.T) {
	a := New(Options{Languages: []string{"EN", "de", "xx", "de", "ja"}})
	assert.Equal(t, []string{"en", "de", "ja"}, a.Languages(), "unknown and repeated codes are dropped")
	s := a.Signals(conv(cu("Hej, mitt paket skulle komma igår men spårningen har inte ändrats på tre dagar."), ag("Danke für Ihre Geduld, das Paket kommt morgen.")))
	assert.NotEqual(t, "sv", s.CustomerLanguage, "Swedish is not considered")
	assert.Equal(t, "de", s.AgentLanguage)

	a = New(Options{Languages: []string{"el", "uk", "en"}})
	s = a.Signals(conv(cu("Καλησπέρα, το δέμα μου έπρεπε να φτάσει χθες."), ag("Доброго дня, ваша посилка прибуде завтра до обіду.")))
	assert.Equal(t, "el", s.CustomerLanguage, "a language beyond the defaults")
	assert.Equal(t, "uk", s.AgentLanguage)
}

func TestBotNames(t *testing.T) {
	a := New(Options{BotNames: []string{"Ava", "Ava – your virtual helper"}})
	tests := []struct {
		name string
		turn transcript.Turn
		bot  bool
	}{
		{"author", transcript.Turn{Role: transcript.RoleAgent, Author: "AVA", Text: "Hello"}, true},
		{"default author", transcript.Turn{Role: transcript.RoleAgent, Author: "Chatbot", Text: "Hello"}, true},
		{"signature at the end", transcript.Turn{Role: transcript.RoleAgent, Text: "Your order ships today. — Ava, your virtual helper"}, true},
		{"name at the start", transcript.Turn{Role: transcript.RoleAgent, Text: "Ava: Your order ships today."}, true},
		{"name inside the text", transcript.Turn{Role: transcript.RoleAgent, Text: "Sorry that Ava could not help you earlier."}, false},
		{"human author", transcript.Turn{Role: transcript.RoleAgent, Author: "agent-17", Text: "Hello"}, false},
		{"default names sign no text", transcript.Turn{Role: transcript.RoleAgent, Text: "Don't worry, I'm a person, not a bot"}, false},
		{"customer is never a bot", transcript.Turn{Role: transcript.RoleCustomer, Author: "Ava", Text: "Ava here"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := a.Signals(conv(cu("hi"), tc.turn))
			assert.Equal(t, tc.bot, s.BotTurns == 1)
		})
	}
}
