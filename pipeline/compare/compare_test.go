package compare

import (
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/pipeline/stats"
	"github.com/convqa/convqa/pipeline/store"
	"github.com/convqa/convqa/pipeline/transcript"
)

// plant stores a run in which the bot handles mostly easy topics: per topic it is worse than people, yet its
// raw mean is higher (Simpson's paradox), so the case-mix-adjusted difference must flip the sign.
func plant(t *testing.T) *store.Store {
	t.Helper()
	ctx := t.Context()
	db := filepath.Join(t.TempDir(), "c.duckdb")
	st, err := store.Open(ctx, db, store.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	now := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	run, err := st.Begin(ctx, store.RunSpec{RubricName: "r", RubricVersion: "1", RubricHash: "h", Judge: "off",
		Inputs: `[]`, Name: "planted", Criteria: []store.CriterionInfo{
			{Criterion: "quality_index", Kind: "index"},
			{Criterion: "resolution", Kind: "heuristic"},
			{Criterion: "access_to_human", Kind: "heuristic"},
		}}, now)
	require.NoError(t, err)
	type cell struct {
		channel, topic string
		n              int
		mean           float64
	}
	cells := []cell{
		{"bot", "easy", 80, 4.5}, {"bot", "hard", 20, 2.0},
		{"human", "easy", 20, 4.8}, {"human", "hard", 80, 2.5},
	}
	var items []store.Item
	for _, c := range cells {
		for i := range c.n {
			v := c.mean + 0.2*float64(i%5-2)
			conv := &transcript.Conversation{ID: fmt.Sprintf("%s-%s-%d", c.channel, c.topic, i), Channel: transcript.Channel(c.channel),
				Topic: c.topic, Language: "en", Metadata: map[string]any{"market": []string{"SE", "DE"}[i%2]},
				Turns: []transcript.Turn{{Role: "customer", Text: "hi"}}}
			items = append(items, store.Item{Conversation: conv, Hash: conv.ID, Scores: []store.Score{
				{Criterion: "quality_index", Kind: "heuristic", Value: 20 * v, Normalized: 20 * v},
				{Criterion: "resolution", Kind: "heuristic", Value: v, Normalized: 25 * (v - 1)},
				{Criterion: "access_to_human", Kind: "heuristic", Value: math.NaN(), NA: true, Normalized: math.NaN()},
			}})
		}
	}
	require.NoError(t, run.Write(ctx, items, nil, now))
	_, err = run.Finish(ctx, 0, nil, now)
	require.NoError(t, err)
	return st
}

func TestCompareSimpson(t *testing.T) {
	st := plant(t)
	res, err := Compare(t.Context(), st.DB(), Options{Run: "planted", Bootstrap: stats.BootstrapOptions{Resamples: 500}})
	require.NoError(t, err)
	require.Equal(t, []string{"quality_index", "resolution", "access_to_human"}, res.Criteria())
	r := res.Rows[1]
	assert.Equal(t, 100, r.Bot.N)
	assert.Equal(t, 100, r.Human.N)
	require.NotNil(t, r.Diff)
	assert.Greater(t, float64(r.Diff.Estimate), 0.0, "raw: the bot looks better")
	require.NotNil(t, r.Adjusted)
	assert.Less(t, float64(r.Adjusted.Estimate), 0.0, "adjusted to the human mix: the bot is worse")
	assert.Less(t, float64(r.Adjusted.Hi), 0.0, "confidently worse")
	assert.True(t, r.SignFlip)
	assert.InDelta(t, 1.0, r.Adjusted.Coverage, 1e-9)

	na := res.Rows[2]
	assert.Equal(t, 0, na.Bot.N)
	assert.Equal(t, 100, na.Bot.NA, "n/a is counted, not scored as zero")
	assert.Nil(t, na.Diff)

	again, err := Compare(t.Context(), st.DB(), Options{Run: "latest", Bootstrap: stats.BootstrapOptions{Resamples: 500}})
	require.NoError(t, err)
	a, _ := json.Marshal(res.Rows)
	b, _ := json.Marshal(again.Rows)
	assert.JSONEq(t, string(a), string(b), "seeded: the same figures every time")
}

func TestCompareBy(t *testing.T) {
	st := plant(t)
	for _, tt := range []struct {
		by     string
		groups []string
	}{
		{"topic", []string{"easy", "hard"}},
		{"market", []string{"DE", "SE"}},
		{"language", []string{"en"}},
		{"nosuchkey", []string{"(none)"}},
	} {
		res, err := Compare(t.Context(), st.DB(), Options{By: tt.by, Bootstrap: stats.BootstrapOptions{Resamples: 200}})
		require.NoError(t, err, tt.by)
		var groups []string
		for _, r := range res.Rows {
			if r.Criterion == "resolution" {
				groups = append(groups, r.Group)
			}
		}
		assert.Equal(t, tt.groups, groups, tt.by)
	}
	_, err := Compare(t.Context(), st.DB(), Options{By: "x'; DROP TABLE runs; --"})
	require.ErrorContains(t, err, "--by")
	_, err = Compare(t.Context(), st.DB(), Options{Run: "nope"})
	require.ErrorIs(t, err, store.ErrNoRun)
}
