package heuristics

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/convqa/convqa/pipeline/transcript"
)

func TestCustomerPositive(t *testing.T) {
	an := analyzer()
	conv := func(customer ...string) *transcript.Conversation {
		c := &transcript.Conversation{ID: "c", Channel: transcript.ChannelHuman}
		for _, text := range customer {
			c.Turns = append(c.Turns,
				transcript.Turn{Role: transcript.RoleCustomer, Text: text},
				transcript.Turn{Role: transcript.RoleAgent, Text: "Great, thank you! Anything else I can help with?"})
		}
		return c
	}
	for _, tt := range []struct {
		name     string
		customer []string
		want     int
	}{
		{"neutral", []string{"My parcel has not arrived.", "The order number is 12345."}, 0},
		{"the agent's praise does not count", []string{"Where is my refund?"}, 0},
		{"satisfaction", []string{"Where is my refund?", "Perfect, that helps.", "Thank you so much!"}, 2},
		{"one turn counts once", []string{"Great great great, thanks, awesome"}, 1},
		{"other languages", []string{"Vielen Dank, das hilft!", "Merci, parfait.", "Tack så mycket", "Muchas gracias"}, 4},
		{"unresolved thanks", []string{"Thanks anyway, it still doesn't work."}, 0},
		{"sarcasm with frustration", []string{"Great, another useless answer."}, 0},
		{"ok is not approval", []string{"ok", "yes"}, 0},
		{"accepting a proposal", []string{"Yes, that works for me.", "That sounds fine.", "It is good for me.", "Let's go with that one."}, 4},
		{"accepting, other languages", []string{"Klingt gut!", "Ça me va.", "Låter bra", "Klinkt prima"}, 4},
		{"negated acceptance is not approval", []string{"That doesn't work for me.", "Ça ne me va pas.", "Klingt nicht gut.", "That's not good."}, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := an.Signals(conv(tt.customer...))
			assert.Equal(t, tt.want, s.CustomerPositive)
		})
	}
}

func TestCustomerRejections(t *testing.T) {
	an := analyzer()
	for _, tt := range []struct {
		name  string
		turns []string // alternating agent, customer
		want  int
	}{
		{"neutral", []string{"Which plan are you on?", "The basic one.", "You can upgrade in Settings.", "OK, I will."}, 0},
		{"turned down", []string{"You could reset it from the app.", "That's not what I need.", "Try our help centre.", "I'm not interested in articles."}, 2},
		{"preferences", []string{"Have you seen Alien (1979)?", "I didn't like that one.", "What about Heat?", "Not really my thing, not a fan."}, 2},
		{"bare no answers a question", []string{"Have you restarted it?", "No", "Did you get the e-mail?", "No."}, 0},
		{"answers the closing", []string{"Anything else I can help with?", "Not really."}, 0},
		{"thanks with it", []string{"Would you like the premium plan?", "Not really, thanks."}, 0},
		{"other languages", []string{"Probieren Sie das.", "Das gefällt mir nicht.", "Pruebe esto.", "No es lo que necesito.", "Essayez ceci.", "Ce n'est pas ce que je cherche."}, 3},
		{"the agent's words do not count", []string{"I don't like to keep you waiting.", "Fine."}, 0},
		{"negated acceptance", []string{"The 7 pm table?", "Nope, that's not good.", "The Hilton?", "That doesn't work for me."}, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := &transcript.Conversation{ID: "c", Channel: transcript.ChannelHuman}
			for i, text := range tt.turns {
				role := transcript.RoleAgent
				if i%2 == 1 {
					role = transcript.RoleCustomer
				}
				c.Turns = append(c.Turns, transcript.Turn{Role: role, Text: text})
			}
			s := an.Signals(c)
			assert.Equal(t, tt.want, s.CustomerRejections)
		})
	}
}

func TestCustomerSentimentScore(t *testing.T) {
	base := func(pos, frust int) *Signals {
		return &Signals{CustomerTurns: 3, AgentTurns: 3, CustomerPositive: pos, Frustration: frust}
	}
	rejected := func(pos, rej int) *Signals {
		return &Signals{CustomerTurns: 3, AgentTurns: 3, CustomerPositive: pos, CustomerRejections: rej}
	}
	for _, tt := range []struct {
		s    *Signals
		want float64
		ok   bool
	}{
		{base(0, 0), 0.5, true},
		{base(1, 0), 0.625, true},
		{base(4, 0), 1, true},
		{base(9, 0), 1, true},
		{base(0, 1), 0.25, true},
		{base(0, 2), 0, true},
		{base(2, 1), 0.5, true},
		{rejected(0, 1), 0.375, true},
		{rejected(1, 1), 0.5, true},
		{rejected(0, 4), 0, true},
		{&Signals{AgentTurns: 2}, 0, false},
	} {
		x, ok := Score("customer_sentiment", tt.s)
		assert.Equal(t, tt.ok, ok, "%+v", tt.s)
		assert.InDelta(t, tt.want, x, 1e-12, "%+v", tt.s)
	}
}
