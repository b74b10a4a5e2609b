package pipeline

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/pipeline/heuristics"
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
