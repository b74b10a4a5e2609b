package store

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func verdictRows(key, conv string, at time.Time, values ...float64) []JudgeVerdict {
	var rows []JudgeVerdict
	for i, v := range values {
		rows = append(rows, JudgeVerdict{Key: key, Criterion: fmt.Sprintf("c%d", i), ConversationID: conv, Sample: 0,
			Model: "gpt-4o-mini", PromptVersion: "p1", RubricHash: "h", Value: v, NA: math.IsNaN(v),
			Rationale: "because", Evidence: []int{1, 3}, CreatedAt: at})
	}
	return rows
}

func TestJudgeCache(t *testing.T) {
	ctx := t.Context()
	s, p := openTemp(t)
	require.NoError(t, s.PutJudgeCache(ctx, append(verdictRows("k1", "conv-1", t0, 4, math.NaN()), verdictRows("k2", "conv-2", t0, 2, 5)...)))
	require.NoError(t, s.PutJudgeCache(ctx, nil))

	got, err := s.LookupJudgeCache(ctx, []string{"k1", "k2", "k-missing"})
	require.NoError(t, err)
	require.Len(t, got, 2)
	require.Len(t, got["k1"], 2)
	a, b := got["k1"][0], got["k1"][1]
	assert.Equal(t, "c0", a.Criterion)
	assert.Equal(t, 4.0, a.Value)
	assert.False(t, a.NA)
	assert.Equal(t, []int{1, 3}, a.Evidence)
	assert.Equal(t, "because", a.Rationale)
	assert.Equal(t, "conv-1", a.ConversationID)
	assert.True(t, a.CreatedAt.Equal(t0))
	assert.True(t, b.NA)
	assert.True(t, math.IsNaN(b.Value))
	assert.Equal(t, 1, count(t, s, `SELECT count(*) FROM judge_cache WHERE cache_key = 'k1' AND value IS NULL AND na`))

	// Judged again later: the latest rows win.
	require.NoError(t, s.PutJudgeCache(ctx, verdictRows("k1", "conv-9", t0.Add(time.Hour), 1, 1)))
	got, err = s.LookupJudgeCache(ctx, []string{"k1"})
	require.NoError(t, err)
	require.Len(t, got["k1"], 2)
	assert.Equal(t, 1.0, got["k1"][1].Value)

	empty, err := s.LookupJudgeCache(ctx, nil)
	require.NoError(t, err)
	assert.Empty(t, empty)

	// The cache survives a reopen: the next night's run finds it.
	require.NoError(t, s.Close())
	s2, err := Open(ctx, p, Options{ReadOnly: true})
	require.NoError(t, err)
	defer s2.Close()
	got, err = s2.LookupJudgeCache(ctx, []string{"k2"})
	require.NoError(t, err)
	assert.Len(t, got["k2"], 2)
	assert.Error(t, s2.PutJudgeCache(ctx, verdictRows("k3", "c", t0, 1)))
}

func TestJudgeCacheManyKeys(t *testing.T) {
	ctx := t.Context()
	s, _ := openTemp(t)
	var rows []JudgeVerdict
	var keys []string
	for i := range 25000 {
		k := fmt.Sprintf("%064x", i)
		keys = append(keys, k)
		if i%2 == 0 {
			rows = append(rows, verdictRows(k, "c", t0, 3)...)
		}
	}
	start := time.Now()
	require.NoError(t, s.PutJudgeCache(ctx, rows))
	put := time.Since(start)
	start = time.Now()
	got, err := s.LookupJudgeCache(ctx, keys)
	require.NoError(t, err)
	t.Logf("put %d rows in %v, looked up %d keys in %v", len(rows), put, len(keys), time.Since(start))
	assert.Len(t, got, 12500)
}

func TestJudgeCalls(t *testing.T) {
	ctx := t.Context()
	s, _ := openTemp(t)
	calls := []JudgeCall{
		{RunID: "r1", Key: "k1", ConversationID: "c1", Model: "m", Mode: "online", Status: "ok", Attempts: 2,
			PromptTokens: 900, CompletionTokens: 120, CachedTokens: 512, CostUSD: 0.0002, Latency: 1500 * time.Millisecond,
			Reply: `{"x":1}`, CalledAt: t0},
		{RunID: "r1", Key: "k2", ConversationID: "c2", Model: "m", Mode: "batch", Status: "error", Attempts: 1,
			Error: "judge: invalid reply: score 6 outside", BatchID: "batch-1", CalledAt: t0},
	}
	require.NoError(t, s.RecordJudgeCalls(ctx, calls))
	assert.Equal(t, 2, count(t, s, `SELECT count(*) FROM judge_calls WHERE run_id = 'r1'`))
	var latency float64
	var cost float64
	require.NoError(t, s.DB().QueryRow(`SELECT latency_ms, cost_usd FROM judge_calls WHERE cache_key = 'k1'`).Scan(&latency, &cost))
	assert.Equal(t, 1500.0, latency)
	assert.Equal(t, 0.0002, cost)
	assert.Equal(t, 1, count(t, s, `SELECT count(*) FROM judge_calls WHERE status = 'error' AND batch_id = 'batch-1' AND latency_ms IS NULL`))
}

func TestJudgeBatches(t *testing.T) {
	ctx := t.Context()
	s, _ := openTemp(t)
	b := JudgeBatch{ID: "batch-1", RunID: "r1", Model: "m", PromptVersion: "p1", RubricHash: "h", State: "validating",
		Keys: []string{"k1", "k2"}, SubmittedAt: t0, UpdatedAt: t0}
	require.NoError(t, s.PutJudgeBatch(ctx, b))
	require.NoError(t, s.PutJudgeBatch(ctx, JudgeBatch{ID: "batch-2", Model: "m", PromptVersion: "p1", RubricHash: "h",
		State: "validating", SubmittedAt: t0.Add(time.Minute), UpdatedAt: t0}))
	assert.Error(t, s.PutJudgeBatch(ctx, b), "a batch id is recorded once")

	open, err := s.OpenJudgeBatches(ctx)
	require.NoError(t, err)
	require.Len(t, open, 2)
	assert.Equal(t, "batch-1", open[0].ID)
	assert.Equal(t, []string{"k1", "k2"}, open[0].Keys)
	assert.Equal(t, "r1", open[0].RunID)
	assert.Empty(t, open[1].Keys)

	require.NoError(t, s.SetJudgeBatchState(ctx, "batch-1", "in_progress", false, t0.Add(time.Hour)))
	open, err = s.OpenJudgeBatches(ctx)
	require.NoError(t, err)
	assert.Equal(t, "in_progress", open[0].State)
	require.NoError(t, s.SetJudgeBatchState(ctx, "batch-1", "completed", true, t0.Add(2*time.Hour)))
	open, err = s.OpenJudgeBatches(ctx)
	require.NoError(t, err)
	require.Len(t, open, 1)
	assert.Equal(t, "batch-2", open[0].ID)
	assert.ErrorContains(t, s.SetJudgeBatchState(ctx, "nope", "x", false, t0), "no such batch")
}
