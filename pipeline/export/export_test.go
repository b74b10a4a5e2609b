package export

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/pipeline"
	"github.com/convqa/convqa/pipeline/heuristics"
	"github.com/convqa/convqa/pipeline/store"
	"github.com/convqa/convqa/rubrics"
)

func TestParquet(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "convqa.duckdb")
	r, err := rubrics.Load(rubrics.Default, rubrics.Options{Scorers: heuristics.Scorers()})
	require.NoError(t, err)
	demo := pipeline.DemoSource()
	// Two runs, so the export must pick one; the second also reads a conversation the first did not.
	extra := filepath.Join(dir, "extra.jsonl")
	require.NoError(t, os.WriteFile(extra, []byte(`{"id":"it's-new","turns":[{"role":"customer","text":"hi"},{"role":"agent","text":"Hello, how can I help?"}]}`+"\n"), 0o644))
	for _, srcs := range [][]pipeline.Source{{demo}, {demo, {Path: extra}}} {
		_, err := pipeline.Run(t.Context(), pipeline.Config{DB: db, Rubric: r, Sources: srcs, Workers: 2})
		require.NoError(t, err)
	}
	st, err := store.Open(t.Context(), db, store.Options{ReadOnly: true})
	require.NoError(t, err)
	defer st.Close()
	run, err := store.ResolveRun(t.Context(), st.DB(), "latest")
	require.NoError(t, err)

	out := filepath.Join(dir, "out", "run's files") // a quote and a space in the path
	files, err := Parquet(t.Context(), st.DB(), run, out)
	require.NoError(t, err)
	count := func(q string) int64 {
		var n int64
		require.NoError(t, st.DB().QueryRow(q, run.ID).Scan(&n))
		return n
	}
	want := map[string]int64{
		"runs":          1,
		"conversations": 301,
		"scores":        count(`SELECT count(*) FROM scores WHERE run_id = ?`),
		"signals":       count(`SELECT count(*) FROM signals WHERE run_id = ?`),
	}
	require.Len(t, files, len(want))
	for _, f := range files {
		assert.Equal(t, want[f.Table], f.Rows, f.Table)
		assert.Equal(t, filepath.Join(out, f.Table+".parquet"), f.Path)
		// Read back independently of Parquet's own count.
		var n int64
		require.NoError(t, st.DB().QueryRow(`SELECT count(*) FROM read_parquet(?)`, f.Path).Scan(&n))
		assert.Equal(t, want[f.Table], n, f.Table)
	}
	assert.Equal(t, int64(301), want["signals"])
	assert.Zero(t, want["scores"]%301, "each conversation has a row per criterion and the quality index")
	assert.Greater(t, want["scores"], int64(301))
	var channels int64
	require.NoError(t, st.DB().QueryRow(`SELECT count(DISTINCT channel) FROM read_parquet(?)`, filepath.Join(out, "scores.parquet")).Scan(&channels))
	assert.Equal(t, int64(2), channels)
	entries, err := os.ReadDir(out)
	require.NoError(t, err)
	assert.Len(t, entries, 4, "no temporary files left")
}
