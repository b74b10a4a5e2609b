package calibrate_test

import (
	"bytes"
	"io"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/datasets"
	"github.com/convqa/convqa/datasets/publicdata"
	"github.com/convqa/convqa/pipeline"
	"github.com/convqa/convqa/pipeline/calibrate"
	"github.com/convqa/convqa/pipeline/heuristics"
	"github.com/convqa/convqa/pipeline/store"
	"github.com/convqa/convqa/pipeline/transcript"
	"github.com/convqa/convqa/rubrics"
)

// AB-ReDial's two rated files (MIT, Clemenciah/AB-ReDial), read-only beside the repository: dialogue-level
// ratings, and ratings of three four-utterance segments of each dialogue by other raters.
const (
	abReDial         = "ab-redial/annotated_dialogues.csv"
	abReDialSegments = "ab-redial/annotated_turns.csv"
)

// abReDialRun converts AB-ReDial's dialogues and scores them as `convqa run` would, once per rubric (default:
// the default rubric), each run named after its rubric's version; it returns the open store and the labels
// file's bytes.
func abReDialRun(t *testing.T, rs ...*rubrics.Rubric) (*store.Store, []byte) {
	t.Helper()
	return abReDialFileRun(t, abReDial, rs...)
}

// abReDialFileRun is abReDialRun for either of AB-ReDial's files, named inside the public datasets folder.
func abReDialFileRun(t *testing.T, name string, rs ...*rubrics.Rubric) (*store.Store, []byte) {
	t.Helper()
	f, err := os.Open(publicdata.Path(t, name))
	require.NoError(t, err)
	defer f.Close()
	return convertAndRun(t, func(out *transcript.JSONLWriter, labels io.Writer) (int, error) {
		convs, rows, err := datasets.ConvertABReDial(f, out, labels)
		t.Logf("AB-ReDial: %d dialogues, %d label rows", convs, rows)
		return convs, err
	}, rs...)
}

// convertAndRun writes a dataset's conversations with convert and scores them as `convqa run` would, once per
// rubric (default: the default rubric), each run named after its rubric's version; it returns the open store and
// the labels convert wrote.
func convertAndRun(t *testing.T, convert func(out *transcript.JSONLWriter, labels io.Writer) (int, error), rs ...*rubrics.Rubric) (*store.Store, []byte) {
	t.Helper()
	dir := t.TempDir()
	jsonl := filepath.Join(dir, "converted.jsonl")
	out, err := os.Create(jsonl)
	require.NoError(t, err)
	var labels bytes.Buffer
	convs, err := convert(transcript.NewJSONLWriter(out), &labels)
	require.NoError(t, err)
	require.NoError(t, out.Close())

	if len(rs) == 0 {
		r, err := rubrics.Load("", rubrics.Options{Scorers: heuristics.Scorers()})
		require.NoError(t, err)
		rs = append(rs, r)
	}
	db := filepath.Join(dir, "convqa.duckdb")
	for _, r := range rs {
		sum, err := pipeline.Run(t.Context(), pipeline.Config{DB: db, Sources: []pipeline.Source{{Path: jsonl}}, Rubric: r,
			Name: r.Version, Workers: 2})
		require.NoError(t, err)
		require.Equal(t, int64(convs), sum.Conversations)
	}
	st, err := store.Open(t.Context(), db, store.Options{})
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	return st, labels.Bytes()
}

func row(t *testing.T, res *calibrate.Result, criterion, channel string) calibrate.Row {
	t.Helper()
	for _, r := range res.Criteria {
		if r.Criterion == criterion && r.Channel == channel {
			return r
		}
	}
	t.Fatalf("no row %s/%s", criterion, channel)
	return calibrate.Row{}
}

// TestABReDial calibrates the heuristic scores against AB-ReDial's human ratings end to end: convert, run,
// import the labels (twice: the second import changes nothing), calibrate, fit.
func TestABReDial(t *testing.T) {
	ctx := t.Context()
	st, data := abReDialRun(t)
	labels, err := calibrate.ReadLabels(bytes.NewReader(data))
	require.NoError(t, err)
	id := store.LabelSetID(data)
	set, err := st.ImportLabels(ctx, id, "ab-redial-labels.csv", labels, fitNow())
	require.NoError(t, err)
	assert.True(t, set.Added)
	again, err := st.ImportLabels(ctx, id, "ab-redial-labels.csv", labels, fitNow())
	require.NoError(t, err)
	assert.False(t, again.Added)
	var n int
	require.NoError(t, st.DB().QueryRow(`SELECT count(*) FROM labels`).Scan(&n))
	assert.Equal(t, len(labels), n, "importing the same file twice stores it once")
	stored, err := st.Labels(ctx, id)
	require.NoError(t, err)

	d, err := calibrate.Load(ctx, st.DB(), "latest", stored)
	require.NoError(t, err)
	res := calibrate.Calibrate(d, calibrate.Options{})
	assert.Equal(t, 0, res.Unmatched)
	assert.InDelta(t, 200, res.Matched, 10)
	assert.Equal(t, "all", res.Criteria[0].Channel)

	overall := row(t, res, "overall", "all")
	require.NotNil(t, overall.ComparedWith)
	assert.Equal(t, rubrics.QualityIndex, *overall.ComparedWith)
	assert.InDelta(t, 200, overall.N, 10)
	assert.Equal(t, [2]float64{1, 5}, [2]float64{overall.LabelMin, overall.LabelMax})
	assert.Greater(t, overall.AlphaUnits, 150, "most dialogues have 3 or more raters")
	for _, r := range res.Criteria {
		if r.ComparedWith == nil {
			assert.Equal(t, 0, r.N, r.Criterion)
			continue
		}
		for name, v := range map[string]calibrate.Float{"spearman": r.Spearman, "kendall": r.Kendall, "pearson": r.Pearson, "mae": r.MAE, "alpha": r.Alpha} {
			if r.N >= 3 {
				assert.False(t, math.IsNaN(float64(v)), "%s %s %s", r.Criterion, r.Channel, name)
			}
		}
	}
	assert.Equal(t, "efficiency", *row(t, res, "efficiency", "all").ComparedWith)
	assert.Nil(t, row(t, res, "understanding", "all").ComparedWith)
	for _, r := range res.Criteria {
		t.Logf("%-16s vs %-14v %-6s n=%3d na=%3d spearman=%6.3f kendall=%6.3f pearson=%6.3f qwk=%6.3f mae=%5.2f alpha=%6.3f (%d)",
			r.Criterion, deref(r.ComparedWith), r.Channel, r.N, r.NA, r.Spearman, r.Kendall, r.Pearson, r.QWK, r.MAE, r.Alpha, r.AlphaUnits)
	}

	r, err := rubrics.Load("", rubrics.Options{Scorers: heuristics.Scorers()})
	require.NoError(t, err)
	fit, err := calibrate.Fit(d, r, calibrate.FitOptions{Now: fitNow})
	require.NoError(t, err)
	t.Logf("fit on all %d dialogues: Spearman before %.3f, cross-validated %.3f (folds %v), in-sample %.3f",
		fit.N, fit.Baseline.Spearman, fit.CrossValidated.Spearman, fit.FoldSpearman, fit.InSample.Spearman)
	for _, w := range fit.Weights {
		if w.Fitted {
			t.Logf("  weight %-18s %g -> %g", w.Criterion, w.Before, w.After)
		}
	}
	assert.False(t, math.IsNaN(float64(fit.CrossValidated.Spearman)))
	y, err := fit.RubricYAML("ab-redial-labels.csv")
	require.NoError(t, err)
	_, err = rubrics.Parse(y, "fitted.yaml", rubrics.Options{Scorers: heuristics.Scorers()})
	require.NoError(t, err)
}

// TestQualityIndexOnABReDialHoldout measures what the heuristic quality index (no judge) says about human
// ratings, on both of AB-ReDial's rating sets: dialogue-overall (the mean over a dialogue's raters) and the
// overall rating of each four-utterance segment (annotated_turns.csv, other raters). Each set is split by
// conversation id hash: the holdout is the 30% whose hash is at least calibrate.HoldoutFrom. The 1.1.0 signals
// (customer_rejections, agent_specific_share) and weights were chosen looking at the dialogues' dev part and
// at a 70% sample of segments drawn by another hash, so only the dialogues' holdout is untouched (it was
// measured twice, each time after the heuristics had been changed without it): the test asks it for a positive
// estimate, and both sets as a whole for a 95% CI above zero. It measures the default rubric and, for
// comparison, the 1.0.0 rubric it replaced, both with today's signals.
func TestQualityIndexOnABReDialHoldout(t *testing.T) {
	ctx := t.Context()
	opts := rubrics.Options{Scorers: heuristics.Scorers()}
	def, err := rubrics.Load("", opts)
	require.NoError(t, err)
	old, err := rubrics.Load(filepath.Join("testdata", "support-1.0.0.yaml"), opts)
	require.NoError(t, err)
	require.NotEqual(t, def.Version, old.Version)

	for _, set := range []struct {
		name, path string
		// positive are the splits where the default rubric must keep a positive Spearman; ciAboveZero those
		// where the lower bound of its 95% CI must be positive too.
		positive, ciAboveZero []calibrate.Split
	}{
		{"dialogues", abReDial, []calibrate.Split{calibrate.SplitHoldout}, []calibrate.Split{calibrate.SplitAll}},
		{"segments", abReDialSegments, nil, []calibrate.Split{calibrate.SplitAll}},
	} {
		t.Run(set.name, func(t *testing.T) {
			st, data := abReDialFileRun(t, set.path, def, old)
			labels, err := calibrate.ReadLabels(bytes.NewReader(data))
			require.NoError(t, err)
			for _, r := range []*rubrics.Rubric{def, old} {
				figures := map[calibrate.Split]calibrate.Row{}
				for _, sp := range []calibrate.Split{calibrate.SplitDev, calibrate.SplitHoldout, calibrate.SplitAll} {
					d, err := calibrate.Load(ctx, st.DB(), r.Version, sp.Filter(labels))
					require.NoError(t, err)
					figures[sp] = row(t, calibrate.Calibrate(d, calibrate.Options{}), "overall", "all")
					f := figures[sp]
					t.Logf("%s, rubric %s: quality_index vs overall, %-7s n=%3d spearman=%.3f [%.2f, %.2f] kendall=%.3f pearson=%.3f (raters' alpha %.3f)",
						set.name, r.Version, sp, f.N, f.Spearman, f.SpearmanLo, f.SpearmanHi, f.Kendall, f.Pearson, f.Alpha)
				}
				if r != def {
					continue
				}
				for _, sp := range set.positive {
					assert.Greater(t, float64(figures[sp].Spearman), 0.0, "%s, %s: the quality index must carry signal", set.name, sp)
				}
				for _, sp := range set.ciAboveZero {
					assert.Greater(t, float64(figures[sp].SpearmanLo), 0.0, "%s, %s: the 95%% CI must stay above zero", set.name, sp)
				}
			}
		})
	}
}

func fitNow() time.Time { return time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC) }

func deref(s *string) string {
	if s == nil {
		return "-"
	}
	return *s
}
