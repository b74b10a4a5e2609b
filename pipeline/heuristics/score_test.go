package heuristics

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestScore(t *testing.T) {
	base := func(f func(s *Signals)) *Signals {
		s := &Signals{Turns: 6, CustomerTurns: 3, AgentTurns: 3, BotTurns: 3,
			DurationS: nan, FirstResponseS: nan, MedianResponseS: nan, TurnsBeforeHandoff: nan, SecondsBeforeHandoff: nan,
			AskedForHumanTurn: nan, GotHuman: nan, TurnsToHuman: nan, SecondsToHuman: nan, HumanRefused: nan,
			LanguageMatch: nan, Readability: nan, AgentWordsPerSentence: nan, AgentWordLength: nan}
		if f != nil {
			f(s)
		}
		return s
	}
	asked := func(got float64, turns, secs float64) func(*Signals) {
		return func(s *Signals) {
			s.AskedForHuman, s.GotHuman, s.TurnsToHuman, s.SecondsToHuman = true, got, turns, secs
		}
	}
	na := math.NaN() // want n/a
	tests := []struct {
		scorer string
		s      *Signals
		want   float64
	}{
		{"access_to_human", base(nil), na},
		{"access_to_human", base(asked(1, 1, 30)), 1},
		{"access_to_human", base(asked(1, 2, nan)), 1},
		{"access_to_human", base(asked(1, 6, nan)), 0.6},
		{"access_to_human", base(asked(1, 30, nan)), 0.2},
		{"access_to_human", base(asked(1, 5, 120)), 1},                                // either quick measure is enough
		{"access_to_human", base(asked(1, 6, 1800)), 0.2},                             // the slower part decides
		{"access_to_human", base(asked(1, 3, 600)), 1 - 0.8*math.Log(5)/math.Log(15)}, // time part below turn part 0.9
		{"access_to_human", base(asked(0, nan, nan)), 0},
		{"efficiency", base(nil), 1},
		{"efficiency", base(func(s *Signals) { s.BotLoops, s.CustomerRepeats, s.FallbackAnswers = 1, 1, 1 }), 0.6},
		{"efficiency", base(func(s *Signals) { s.Turns = 100 }), 1},
		{"efficiency", base(func(s *Signals) { s.Turns, s.HumanAgentLoops = 100, 2 }), 0.7},
		{"efficiency", base(func(s *Signals) { s.DurationS = 45 * 60 }), 0.8},
		{"efficiency", base(func(s *Signals) { s.BotLoops = 10 }), 0},
		{"efficiency", base(func(s *Signals) { s.AgentTurns = 0 }), na},
		{"responsiveness", base(nil), na},
		{"responsiveness", base(func(s *Signals) { s.FirstResponseS, s.MedianResponseS = 5, 30 }), 1},
		{"responsiveness", base(func(s *Signals) { s.FirstResponseS, s.MedianResponseS = 5, 600 }), 0.5},
		{"responsiveness", base(func(s *Signals) { s.MedianResponseS = 3600 }), 0},
		{"bot_competence", base(nil), 1},
		{"bot_competence", base(func(s *Signals) { s.BotFallbackAnswers = 1 }), 0.5},
		{"bot_competence", base(func(s *Signals) { s.BotFallbackAnswers, s.BotLoops = 2, 1 }), 0},
		{"bot_competence", base(func(s *Signals) { s.BotTurns = 0 }), na},
		{"language_match", base(nil), na},
		{"language_match", base(func(s *Signals) { s.LanguageMatch = 1 }), 1},
		{"language_match", base(func(s *Signals) { s.LanguageMatch = 0 }), 0},
		{"pii_safety", base(nil), 1},
		{"pii_safety", base(func(s *Signals) { s.AgentPII = 2 }), 1},
		{"pii_safety", base(func(s *Signals) { s.AgentPII, s.AgentPIIEchoed = 2, 1 }), 0.5},
		{"pii_safety", base(func(s *Signals) { s.AgentPII, s.AgentPIISevere = 2, 1 }), 0},
		{"pii_safety", base(func(s *Signals) { s.AgentTurns = 0 }), na},
		{"greeting_closing", base(nil), 0},
		{"greeting_closing", base(func(s *Signals) { s.Greeting = true }), 0.5},
		{"greeting_closing", base(func(s *Signals) { s.Greeting, s.Closing = true, true }), 1},
		{"greeting_closing", base(func(s *Signals) { s.Turns = 2 }), na},
		{"readability", base(nil), na},
		{"readability", base(func(s *Signals) { s.Readability = 72.5 }), 0.725},
		{"resolution_signal", base(nil), 0.5},
		{"resolution_signal", base(func(s *Signals) { s.Resolved = true }), 1},
		{"resolution_signal", base(func(s *Signals) { s.Resolved, s.Unresolved = false, true }), 0},
		{"resolution_signal", base(func(s *Signals) { s.Resolved, s.Abandoned = true, true }), 0.25},
		{"resolution_signal", base(func(s *Signals) { s.CustomerThanks = true }), 0.7},
		{"resolution_signal", base(func(s *Signals) { s.CustomerTurns = 0 }), na},
		{"frustration", base(nil), 1},
		{"frustration", base(func(s *Signals) { s.Frustration = 2 }), 0.5},
		{"frustration", base(func(s *Signals) { s.CustomerTurns = 0 }), na},
		{"no_such_scorer", base(nil), na},
	}
	for _, tc := range tests {
		t.Run(tc.scorer, func(t *testing.T) {
			x, ok := Score(tc.scorer, tc.s)
			if math.IsNaN(tc.want) {
				assert.False(t, ok, "want n/a, got %v", x)
				return
			}
			assert.True(t, ok)
			assert.InDelta(t, tc.want, x, 1e-9)
		})
	}
	_, ok := Score("efficiency", nil)
	assert.False(t, ok)
}

// TestScoresOnConversations checks that every scorer stays in [0,1] or n/a on real signal sets.
func TestScoresOnConversations(t *testing.T) {
	for _, c := range append(abcdConversations(t), benchConversation()) {
		s := analyzer().Signals(c)
		for _, name := range Scorers() {
			x, ok := Score(name, &s)
			if ok {
				assert.True(t, x >= 0 && x <= 1, "%s %s = %v", c.ID, name, x)
			}
		}
	}
}
