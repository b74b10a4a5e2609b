package store

import (
	"context"
	"database/sql"
	"math"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/pipeline/transcript"
)

var t0 = time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)

func testSpec() RunSpec {
	return RunSpec{RubricName: "support", RubricVersion: "1", RubricHash: "h", Judge: "off",
		Inputs: `["a.jsonl"]`, Version: "test", SignalNames: []string{"turns", "bot_loops"}}
}

func item(id, text string) Item {
	c := &transcript.Conversation{ID: id, Channel: transcript.ChannelBot, Topic: "refund",
		Metadata: map[string]any{"market": "SE"},
		Turns:    []transcript.Turn{{Role: transcript.RoleCustomer, Text: "hi", At: t0}, {Role: transcript.RoleBot, Text: text}}}
	return Item{Conversation: c, Hash: "hash-" + text, Signals: []float64{2, math.NaN()}, CustomerLanguage: "en",
		Scores: []Score{
			{Criterion: "efficiency", Kind: "heuristic", Value: 4, Normalized: 75},
			{Criterion: "access_to_human", Kind: "heuristic", Value: math.NaN(), NA: true, Normalized: math.NaN()},
			{Criterion: "quality_index", Kind: "heuristic", Value: 75, Normalized: 75, BuiltFrom: "efficiency"},
		}}
}

func count(t *testing.T, s *Store, q string, args ...any) int {
	t.Helper()
	var n int
	require.NoError(t, s.DB().QueryRow(q, args...).Scan(&n))
	return n
}

func openTemp(t *testing.T) (*Store, string) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "convqa.duckdb")
	s, err := Open(t.Context(), p, Options{})
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s, p
}

func TestWriteAndUpsert(t *testing.T) {
	ctx := t.Context()
	s, _ := openTemp(t)

	r1, err := s.Begin(ctx, testSpec(), t0)
	require.NoError(t, err)
	q := transcript.Quarantine{Source: transcript.Source{File: "a.jsonl", Line: 3}, Reason: "not valid JSON", Raw: "{"}
	require.NoError(t, r1.Write(ctx, []Item{item("c#1 /x", "a"), item("c2", "b")}, []transcript.Quarantine{q}, t0))
	counts, err := r1.Finish(ctx, 0, nil, t0.Add(time.Minute))
	require.NoError(t, err)
	assert.Equal(t, Counts{Conversations: 2, Quarantined: 1}, counts)
	assert.Equal(t, 4, count(t, s, `SELECT count(*) FROM turns`))
	assert.Equal(t, 2, count(t, s, `SELECT count(*) FROM scores WHERE na AND value IS NULL`))
	assert.Equal(t, 2, count(t, s, `SELECT count(*) FROM signals WHERE bot_loops IS NULL AND turns = 2`))
	assert.Equal(t, 1, count(t, s, `SELECT count(*) FROM conversations WHERE metadata->>'market' = 'SE' AND conversation_id = 'c#1 /x'`))

	// Second run: c#1 unchanged, c2 changed, c3 new.
	r2, err := s.Begin(ctx, testSpec(), t0.Add(time.Hour))
	require.NoError(t, err)
	assert.False(t, r2.Resumed)
	require.NoError(t, r2.Write(ctx, []Item{item("c#1 /x", "a"), item("c2", "changed"), item("c3", "c")}, nil, t0.Add(time.Hour)))
	_, err = r2.Finish(ctx, 0, nil, t0.Add(2*time.Hour))
	require.NoError(t, err)
	assert.Equal(t, 3, count(t, s, `SELECT count(*) FROM conversations`))
	assert.Equal(t, 6, count(t, s, `SELECT count(*) FROM turns`), "changed turns replaced, unchanged not duplicated")
	assert.Equal(t, 1, count(t, s, `SELECT count(*) FROM turns WHERE text = 'changed'`))
	assert.Equal(t, 2, count(t, s, `SELECT revisions FROM conversations WHERE conversation_id = 'c2'`))
	assert.Equal(t, 1, count(t, s, `SELECT revisions FROM conversations WHERE conversation_id = 'c#1 /x'`))
	assert.Equal(t, 1, count(t, s, `SELECT count(*) FROM conversations WHERE conversation_id = 'c#1 /x' AND first_run_id = ? AND last_run_id = ?`, r1.ID, r2.ID))
	assert.Equal(t, 2, count(t, s, `SELECT count(*) FROM finished_runs`))
	assert.Equal(t, 15, count(t, s, `SELECT count(*) FROM scored`))
}

func TestInterruptedRunIsResumed(t *testing.T) {
	ctx := t.Context()
	s, p := openTemp(t)
	r1, err := s.Begin(ctx, testSpec(), t0)
	require.NoError(t, err)
	require.NoError(t, r1.Write(ctx, []Item{item("c1", "a")}, nil, t0))
	// Simulate a crash: the run never finishes and the process goes away.
	require.NoError(t, r1.conn.Close())
	require.NoError(t, s.Close())

	s2, err := Open(ctx, p, Options{})
	require.NoError(t, err)
	defer s2.Close()
	other := testSpec()
	other.Inputs = `["b.jsonl"]`
	r2, err := s2.Begin(ctx, testSpec(), t0.Add(time.Hour))
	require.NoError(t, err)
	assert.True(t, r2.Resumed)
	assert.Equal(t, r1.ID, r2.ID)
	assert.Equal(t, map[string]string{"c1": "hash-a"}, r2.Scored)
	require.NoError(t, r2.Write(ctx, []Item{item("c2", "b")}, nil, t0))
	counts, err := r2.Finish(ctx, 0, nil, t0.Add(2*time.Hour))
	require.NoError(t, err)
	assert.EqualValues(t, 2, counts.Conversations)

	// A run over other inputs never resumes, and marks no finished run aborted.
	r3, err := s2.Begin(ctx, other, t0.Add(3*time.Hour))
	require.NoError(t, err)
	assert.False(t, r3.Resumed)
	_, err = r3.Finish(ctx, 0, context.Canceled, t0.Add(4*time.Hour))
	require.NoError(t, err)
	assert.Equal(t, 1, count(t, s2, `SELECT count(*) FROM runs WHERE status = 'aborted'`))
	assert.Equal(t, 1, count(t, s2, `SELECT resumes FROM runs WHERE run_id = ?`, r1.ID))
}

func TestFailedBatchLeavesNothing(t *testing.T) {
	ctx := t.Context()
	s, _ := openTemp(t)
	r, err := s.Begin(ctx, testSpec(), t0)
	require.NoError(t, err)
	bad := item("c1", "a")
	bad.Signals = []float64{1} // wrong length: the batch fails after conversations were upserted
	require.Error(t, r.Write(ctx, []Item{item("c0", "z"), bad}, nil, t0))
	assert.Equal(t, 0, count(t, s, `SELECT count(*) FROM conversations`))
	assert.Equal(t, 0, count(t, s, `SELECT count(*) FROM turns`))
	require.NoError(t, r.Write(ctx, []Item{item("c1", "a")}, nil, t0))
	assert.Equal(t, 1, count(t, s, `SELECT count(*) FROM conversations`))
}

func TestReadOnlyOpen(t *testing.T) {
	_, err := Open(t.Context(), filepath.Join(t.TempDir(), "none.duckdb"), Options{ReadOnly: true})
	require.ErrorContains(t, err, "convqa run --db")
}

// TestMigrateScoresTable opens a file written by schema version 2, whose scores were a table, and finds them
// under the scores view with nothing lost.
func TestMigrateScoresTable(t *testing.T) {
	ctx := t.Context()
	p := filepath.Join(t.TempDir(), "v2.duckdb")
	old, err := sql.Open("duckdb", p)
	require.NoError(t, err)
	for _, stmt := range []string{
		`CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)`,
		`INSERT INTO meta VALUES ('schema_version', '2')`,
		`CREATE TABLE signals (run_id VARCHAR NOT NULL, conversation_id VARCHAR NOT NULL, customer_language VARCHAR, agent_language VARCHAR)`,
		`INSERT INTO signals VALUES ('r1', 'c1', 'en', 'en')`,
		`CREATE TABLE scores (run_id VARCHAR NOT NULL, conversation_id VARCHAR NOT NULL, criterion VARCHAR NOT NULL,
			kind VARCHAR NOT NULL, value DOUBLE, na BOOLEAN NOT NULL, scale_min DOUBLE, scale_max DOUBLE, normalized DOUBLE,
			auto_failed BOOLEAN NOT NULL DEFAULT false, built_from VARCHAR, content_hash VARCHAR NOT NULL, rationale VARCHAR,
			evidence VARCHAR, spread DOUBLE)`,
		`INSERT INTO scores VALUES ('r1', 'c1', 'resolution', 'judge', 4, false, 1, 5, 75, false, NULL, 'h1', 'fixed', '[2]', NULL),
			('r1', 'c1', 'quality_index', 'judge', 75, false, 0, 100, 75, false, 'resolution', 'h1', NULL, NULL, NULL)`,
	} {
		_, err := old.Exec(stmt)
		require.NoError(t, err, stmt)
	}
	require.NoError(t, old.Close())

	s, err := Open(ctx, p, Options{})
	require.NoError(t, err)
	defer s.Close()
	assert.Equal(t, 2, count(t, s, `SELECT count(*) FROM scores WHERE run_id = 'r1' AND kind = 'judge' AND content_hash = 'h1'`))
	assert.Equal(t, 1, count(t, s, `SELECT count(*) FROM scores WHERE rationale = 'fixed' AND evidence = '[2]' AND value = 4`))
	assert.Equal(t, 1, count(t, s, `SELECT count(*) FROM signals WHERE content_hash = 'h1'`))
	assert.Equal(t, 3, count(t, s, `SELECT value::INTEGER FROM meta WHERE key = 'schema_version'`))
}
