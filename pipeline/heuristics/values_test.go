package heuristics

import (
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var snake = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

func TestValuesAndDocs(t *testing.T) {
	s := analyzer().Signals(benchConversation())
	vals := s.Values()
	docs := Docs()
	signalDocs := map[string]string{}
	scorerDocs := map[string]string{}
	for _, d := range docs {
		require.True(t, snake.MatchString(d.Name), d.Name)
		assert.NotEmpty(t, d.Text, d.Name)
		assert.NotContains(t, d.Text, "\n", d.Name)
		switch d.Kind {
		case "signal":
			assert.NotContains(t, signalDocs, d.Name, "duplicate signal")
			signalDocs[d.Name] = d.Text
		case "scorer":
			assert.NotContains(t, scorerDocs, d.Name, "duplicate scorer")
			scorerDocs[d.Name] = d.Text
		default:
			t.Errorf("%s: kind %q", d.Name, d.Kind)
		}
	}
	require.Len(t, vals, len(signalDocs))
	for i, v := range vals {
		assert.Equal(t, docs[i].Name, v.Name, "Values and Docs share one order")
	}
	for _, name := range Scorers() {
		assert.Contains(t, scorerDocs, name)
	}
	assert.Len(t, Scorers(), len(scorerDocs))

	// Every exported numeric field of Signals appears in Values: count them by reflection-free means,
	// through the field names in snake case.
	assert.Len(t, vals, 41)
	for _, want := range []string{"turns", "customer_turns", "agent_turns", "bot_turns", "human_agent_turns", "duration_s",
		"first_response_s", "median_response_s", "escalated", "turns_before_handoff", "seconds_before_handoff", "asked_for_human",
		"asked_for_human_turn", "got_human", "turns_to_human", "seconds_to_human", "human_refused", "bot_loops", "fallback_answers",
		"customer_repeats", "frustration", "resolved", "abandoned", "language_match", "agent_pii", "agent_pii_severe", "agent_pii_echoed", "greeting",
		"closing", "readability", "injection_attempt"} {
		assert.Contains(t, signalDocs, want, "the brief's signal names are kept")
	}
	for _, v := range vals {
		if strings.HasPrefix(v.Name, "escalated") || v.Name == "greeting" {
			assert.True(t, v.Value == 0 || v.Value == 1, v.Name)
		}
		assert.False(t, math.IsInf(v.Value, 0), v.Name)
	}
}
