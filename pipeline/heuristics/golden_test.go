package heuristics

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/datasets/publicdata"
	"github.com/convqa/convqa/pipeline/transcript"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// abcdConversations converts the three ABCD sample chats (shared test data): agent and customer turns as
// they are, "action" turns as system turns.
func abcdConversations(t *testing.T) []*transcript.Conversation {
	t.Helper()
	data, err := os.ReadFile(publicdata.Path(t, "abcd", "abcd_sample.json"))
	require.NoError(t, err)
	var raw []struct {
		ID       int        `json:"convo_id"`
		Original [][]string `json:"original"`
	}
	require.NoError(t, json.Unmarshal(data, &raw))
	var out []*transcript.Conversation
	for _, r := range raw {
		c := &transcript.Conversation{ID: fmt.Sprint("abcd-", r.ID), Channel: transcript.ChannelHuman}
		for _, u := range r.Original {
			require.Len(t, u, 2)
			role := transcript.Role(u[0])
			if role == "action" {
				role = transcript.RoleSystem
			}
			c.Turns = append(c.Turns, transcript.Turn{Role: role, Text: u[1]})
		}
		out = append(out, c)
	}
	return out
}

type goldenSignals struct {
	ID               string              `json:"id"`
	CustomerLanguage string              `json:"customer_language"`
	AgentLanguage    string              `json:"agent_language"`
	Values           map[string]*float64 `json:"values"` // null for NaN
	Scores           map[string]*float64 `json:"scores"` // null for n/a
}

func golden(c *transcript.Conversation) goldenSignals {
	s := analyzer().Signals(c)
	g := goldenSignals{ID: c.ID, CustomerLanguage: s.CustomerLanguage, AgentLanguage: s.AgentLanguage,
		Values: map[string]*float64{}, Scores: map[string]*float64{}}
	for _, v := range s.Values() {
		if !math.IsNaN(v.Value) {
			x := math.Round(v.Value*1e6) / 1e6
			g.Values[v.Name] = &x
		} else {
			g.Values[v.Name] = nil
		}
	}
	for _, name := range Scorers() {
		if x, ok := Score(name, &s); ok {
			x = math.Round(x*1e6) / 1e6
			g.Scores[name] = &x
		} else {
			g.Scores[name] = nil
		}
	}
	return g
}

// TestGolden pins the full signal set of real-style conversations; run with -update after a deliberate change.
func TestGolden(t *testing.T) {
	convs := append(abcdConversations(t), benchConversation())
	var got []goldenSignals
	for _, c := range convs {
		got = append(got, golden(c))
	}
	out, err := json.MarshalIndent(got, "", "  ")
	require.NoError(t, err)
	out = append(out, '\n')
	path := filepath.Join("testdata", "signals.golden.json")
	if *update {
		require.NoError(t, os.WriteFile(path, out, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create it")
	assert.JSONEq(t, string(want), string(out))
}
