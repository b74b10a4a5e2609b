package calibrate

import (
	"math"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/pipeline/store"
	"github.com/convqa/convqa/pipeline/transcript"
)

func TestLoad(t *testing.T) {
	ctx := t.Context()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "convqa.duckdb"), store.Options{})
	require.NoError(t, err)
	defer st.Close()
	t0 := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	item := func(id string, ch transcript.Channel, eff float64) store.Item {
		c := &transcript.Conversation{ID: id, Channel: ch, Turns: []transcript.Turn{{Role: transcript.RoleCustomer, Text: "hi"}}}
		effScore := store.Score{Criterion: "efficiency", Kind: "heuristic", Value: 1 + 4*eff/100, Normalized: eff}
		if math.IsNaN(eff) {
			effScore = store.Score{Criterion: "efficiency", Kind: "heuristic", Value: math.NaN(), NA: true, Normalized: math.NaN()}
		}
		return store.Item{Conversation: c, Hash: "h-" + id, Signals: []float64{1}, Scores: []store.Score{
			{Criterion: "resolution", Kind: "judge", Value: 4, Normalized: 75},
			effScore,
			{Criterion: "quality_index", Kind: "judge", Value: 60, Normalized: 60, AutoFailed: id == "c 3"},
		}}
	}
	spec := store.RunSpec{Name: "nightly", RubricName: "support", RubricVersion: "1.0.0", RubricHash: "h", Judge: "off",
		Inputs: `["a.jsonl"]`, SignalNames: []string{"turns"}}
	run, err := st.Begin(ctx, spec, t0)
	require.NoError(t, err)
	require.NoError(t, run.Write(ctx, []store.Item{item("c#1", transcript.ChannelBot, 50), item("c 2", transcript.ChannelHuman, math.NaN()), item("c 3", transcript.ChannelHuman, 100)}, nil, t0))
	_, err = run.Finish(ctx, 0, nil, t0)
	require.NoError(t, err)

	labels := []store.Label{label("c#1", "overall", 4, "a"), label("nope", "overall", 2, "a"), label("c 2", "efficiency", 3, "a"), label("also-gone", "x", 1, "")}
	d, err := Load(ctx, st.DB(), "nightly", labels)
	require.NoError(t, err)
	assert.Equal(t, run.ID, d.Run.ID)
	assert.Equal(t, []string{"also-gone", "nope"}, d.Unmatched)
	assert.Equal(t, []string{"resolution", "efficiency", "quality_index"}, d.Criteria, "the order the run stored them in")
	require.Len(t, d.Conversations, 2, "only labelled conversations are read")
	c1 := d.Conversations["c#1"]
	assert.Equal(t, "bot", c1.Channel)
	assert.Equal(t, Score{Kind: "judge", Value: 4, Normalized: 75}, c1.Scores["resolution"])
	assert.Equal(t, 50.0, c1.Scores["efficiency"].Normalized)
	c2 := d.Conversations["c 2"]
	assert.Equal(t, "human", c2.Channel)
	assert.True(t, c2.Scores["efficiency"].NA)
	assert.True(t, math.IsNaN(c2.Scores["efficiency"].Normalized))
	assert.False(t, c2.Scores["quality_index"].AutoFailed)

	_, err = Load(ctx, st.DB(), "no-such-run", labels)
	assert.ErrorIs(t, err, store.ErrNoRun)
}
