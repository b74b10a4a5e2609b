package pipeline

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/pipeline/heuristics"
	"github.com/convqa/convqa/pipeline/judge"
	"github.com/convqa/convqa/pipeline/judge/fake"
	"github.com/convqa/convqa/pipeline/store"
	"github.com/convqa/convqa/pipeline/transcript"
	"github.com/convqa/convqa/rubrics"
)

const corpus = `{"id":"a","turns":[{"role":"customer","text":"Hi, where is my refund?"},{"role":"bot","text":"It was issued yesterday."}]}
{"id":"b","channel":"human","turns":[{"role":"customer","text":"Hallo"},{"role":"agent","text":"Hallo, wie kann ich helfen?"}]}
{"id":"a","turns":[{"role":"customer","text":"Hi, where is my refund?"},{"role":"bot","text":"It was issued yesterday."}]}
{"id":"b","channel":"human","turns":[{"role":"customer","text":"something else"},{"role":"agent","text":"ok"}]}
not json
`

func memSource(name, data string) Source {
	return Source{Path: name, Fingerprint: name, Open: func() (transcript.Reader, error) {
		return transcript.NewJSONLReader(strings.NewReader(data), name), nil
	}}
}

func TestRun(t *testing.T) {
	r, err := rubrics.Shipped(rubrics.Default, rubrics.Options{Scorers: heuristics.Scorers()})
	require.NoError(t, err)
	db := filepath.Join(t.TempDir(), "t.duckdb")
	now := time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC)
	sum, err := Run(t.Context(), Config{DB: db, Sources: []Source{memSource("mem.jsonl", corpus)}, Rubric: r,
		Now: func() time.Time { return now }, BatchSize: 2, Workers: 3})
	require.NoError(t, err)
	assert.Equal(t, store.StatusFinished, sum.Status)
	assert.EqualValues(t, 2, sum.Conversations)
	assert.EqualValues(t, 1, sum.Duplicates, "the same conversation twice is scored once")
	assert.EqualValues(t, 2, sum.Quarantined, "a different conversation under a known id, and a broken line")
	assert.Equal(t, map[string]int64{"bot": 1, "human": 1}, sum.ByChannel)
	assert.Equal(t, "off", sum.Judge)

	st, err := store.Open(t.Context(), db, store.Options{ReadOnly: true})
	require.NoError(t, err)
	defer st.Close()
	var reason string
	require.NoError(t, st.DB().QueryRow(`SELECT reason FROM quarantine WHERE conversation_id = 'b'`).Scan(&reason))
	assert.Contains(t, reason, "first at mem.jsonl:2")
	var n int
	require.NoError(t, st.DB().QueryRow(`SELECT count(*) FROM scores WHERE kind = 'judge'`).Scan(&n))
	assert.Zero(t, n, "judge off: no judge rows")
	require.NoError(t, st.DB().QueryRow(`SELECT count(DISTINCT criterion) FROM scores`).Scan(&n))
	assert.Equal(t, len(r.Kinds(rubrics.KindHeuristic))+1, n, "every heuristic criterion and the quality index")
}

func TestRunErrors(t *testing.T) {
	r, err := rubrics.Shipped(rubrics.Default, rubrics.Options{})
	require.NoError(t, err)
	dir := t.TempDir()
	_, err = Run(t.Context(), Config{DB: filepath.Join(dir, "x.duckdb"), Rubric: r})
	require.ErrorContains(t, err, "no input")
	_, err = Run(t.Context(), Config{DB: filepath.Join(dir, "x.duckdb"), Rubric: r, Sources: []Source{{Path: dir}}})
	require.ErrorContains(t, err, "is a directory")
	_, err = Run(t.Context(), Config{DB: filepath.Join(dir, "x.duckdb"), Rubric: r, Sources: []Source{{Path: filepath.Join(dir, "missing.jsonl")}}})
	require.ErrorContains(t, err, "missing.jsonl")
}

func TestContentHash(t *testing.T) {
	c := &transcript.Conversation{ID: "x", Turns: []transcript.Turn{{Role: "customer", Text: "ab"}, {Role: "bot", Text: "c"}}}
	d := &transcript.Conversation{ID: "x", Turns: []transcript.Turn{{Role: "customer", Text: "a"}, {Role: "bot", Text: "bc"}}}
	assert.NotEqual(t, contentHash(c), contentHash(d), "text boundaries count")
	e := *c
	e.Source = transcript.Source{File: "elsewhere.csv", Line: 9}
	assert.Equal(t, contentHash(c), contentHash(&e), "where it was read from does not count")
	e.Metadata = map[string]any{"k": 1}
	assert.NotEqual(t, contentHash(c), contentHash(&e))
}

func TestRunWithJudge(t *testing.T) {
	srv := fake.New(fake.Options{TooMany: 0.1, RetryAfter: "0.01"})
	url := srv.Start(t)
	r, err := rubrics.Shipped(rubrics.Default, rubrics.Options{Scorers: heuristics.Scorers()})
	require.NoError(t, err)
	c, err := judge.New(judge.Options{BaseURL: url, Model: "m", Concurrency: 4})
	require.NoError(t, err)
	db := filepath.Join(t.TempDir(), "j.duckdb")
	cfg := Config{DB: db, Sources: []Source{DemoSource()}, Rubric: r, Judge: JudgeConfig{Client: c, Samples: 2}}
	sum, err := Run(t.Context(), cfg)
	require.NoError(t, err)
	assert.EqualValues(t, 600, sum.JudgeInfo.Requests, "300 conversations, 2 samples each")
	assert.Zero(t, sum.JudgeInfo.Errors)
	again, err := Run(t.Context(), cfg)
	require.NoError(t, err)
	assert.EqualValues(t, 600, again.JudgeInfo.Cached, "the second run is answered from the cache")
	assert.Zero(t, again.JudgeInfo.Calls)

	st, err := store.Open(t.Context(), db, store.Options{ReadOnly: true})
	require.NoError(t, err)
	defer st.Close()
	var n int
	require.NoError(t, st.DB().QueryRow(`SELECT count(*) FROM scores WHERE kind = 'judge' AND criterion <> 'quality_index' AND run_id = ? AND NOT na AND spread IS NOT NULL`, again.RunID).Scan(&n))
	assert.Positive(t, n, "two samples: the spread is stored")
}
