package report

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/pipeline"
	"github.com/convqa/convqa/pipeline/heuristics"
	"github.com/convqa/convqa/rubrics"
)

// demoSource is the embedded demo corpus as a pipeline source, as `convqa run` reads it without --input.
func demoSource() pipeline.Source { return pipeline.DemoSource() }

// demoDB scores the demo corpus plus testdata/hostile.jsonl (a conversation full of markup and personal
// data) runs times into a new database and returns its path. Runs start a day apart, so the trend has points.
func demoDB(t testing.TB, runs int) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "convqa.duckdb")
	r, err := rubrics.Load(rubrics.Default, rubrics.Options{Scorers: heuristics.Scorers()})
	require.NoError(t, err)
	hostile, err := filepath.Abs(filepath.Join("testdata", "hostile.jsonl"))
	require.NoError(t, err)
	_, err = os.Stat(hostile)
	require.NoError(t, err)
	start := time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC)
	for i := range runs {
		now := start.Add(time.Duration(i) * 24 * time.Hour)
		_, err := pipeline.Run(t.Context(), pipeline.Config{DB: db, Rubric: r, Name: "nightly-" + now.Format("2006-01-02"),
			Sources: []pipeline.Source{demoSource(), {Path: hostile}}, Workers: 2,
			Now: func() time.Time { return now }})
		require.NoError(t, err)
	}
	return db
}
