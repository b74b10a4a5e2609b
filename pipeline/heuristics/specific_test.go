package heuristics

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/convqa/convqa/pipeline/transcript"
)

func TestFindSpecific(t *testing.T) {
	for _, tt := range []struct {
		text            string
		concrete, named bool
	}{
		{"I understand your concern. Is there anything else?", false, false},
		{"Your order 4471 ships on Monday.", true, true},
		{"The refund takes 3-5 days.", true, false},
		{"You can change it under Settings, then Billing.", false, true},
		{`Have you seen "The Witch"?`, true, true},
		{"see https://example.com/help", true, false},
		{"write to help@example.com", true, false},
		{"OK, I'll check. I'm on it and I've noted it.", false, false},
		{"Sure! Let me look. Done: it is fixed.", false, false},
		{"Thanks, Anna.", false, true},
		{"ＡＢＣ", false, false},
		{"", false, false},
	} {
		got := findSpecific(tt.text)
		assert.Equal(t, specific{tt.concrete, tt.named}, got, tt.text)
	}
}

func TestAgentSpecificShare(t *testing.T) {
	an := analyzer()
	conv := func(lang string, agent ...string) *transcript.Conversation {
		c := &transcript.Conversation{ID: "c", Channel: transcript.ChannelBot, Language: lang}
		for _, text := range agent {
			c.Turns = append(c.Turns,
				transcript.Turn{Role: transcript.RoleCustomer, Text: "Where is my parcel? It was due last week."},
				transcript.Turn{Role: transcript.RoleBot, Text: text})
		}
		return c
	}
	for _, tt := range []struct {
		name  string
		c     *transcript.Conversation
		want  float64
		score bool
	}{
		{"generic filter", conv("en", "I understand your concern.", "Please check our help centre.", "Is there anything else?"), 0, true},
		{"specific", conv("en", "Parcel 88213 left Leeds on Monday.", "It arrives by 6 pm tomorrow.", "Anything else?"), 2.0 / 3, true},
		{"german nouns are not names", conv("de", "Bitte prüfen Sie Ihre Sendung im Kundenkonto.", "Die Lieferung kommt am 12. Mai."), 0.5, true},
		{"no agent side", &transcript.Conversation{ID: "c", Turns: []transcript.Turn{{Role: transcript.RoleCustomer, Text: "Hello?"}}}, math.NaN(), false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := an.Signals(tt.c)
			if math.IsNaN(tt.want) {
				assert.True(t, math.IsNaN(s.AgentSpecificShare))
			} else {
				assert.InDelta(t, tt.want, s.AgentSpecificShare, 1e-12)
			}
			x, ok := Score("specificity", &s)
			assert.Equal(t, tt.score, ok)
			if ok {
				assert.InDelta(t, tt.want, x, 1e-12)
			}
		})
	}
}
