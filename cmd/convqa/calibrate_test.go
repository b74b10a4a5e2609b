package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/pipeline/heuristics"
	"github.com/convqa/convqa/pipeline/store"
	"github.com/convqa/convqa/rubrics"
)

// calibrateLabels grades 60 demo conversations (overall, some efficiency, and empathy, which the judge scores
// and the judge is off) with two graders on some, and two conversations that are not in the demo corpus.
const calibrateLabels = "testdata/calibrate-labels.csv"

func pinCalibrateNow(t *testing.T) {
	t.Helper()
	old := calibrateNow
	calibrateNow = func() time.Time { return time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC) }
	t.Cleanup(func() { calibrateNow = old })
}

func countLabels(t *testing.T, db string) int {
	t.Helper()
	st, err := store.Open(t.Context(), db, store.Options{ReadOnly: true})
	require.NoError(t, err)
	defer st.Close()
	var n int
	require.NoError(t, st.DB().QueryRow(`SELECT count(*) FROM labels`).Scan(&n))
	return n
}

// TestCalibrateGolden pins calibrate's JSON (which scripts parse) and text on the demo corpus.
func TestCalibrateGolden(t *testing.T) {
	pinCalibrateNow(t)
	db := filepath.Join(t.TempDir(), "convqa.duckdb")
	_, stderr, err := inProcess(t, "run", "--db", db, "-q")
	require.NoError(t, err, stderr)

	out, stderr, err := inProcess(t, "calibrate", "--db", db, "--labels", calibrateLabels, "--format", "json")
	require.NoError(t, err, stderr)
	golden(t, "calibrate.json", []byte(out))
	n := countLabels(t, db)

	var res struct {
		Criteria []struct {
			Criterion    string   `json:"criterion"`
			ComparedWith *string  `json:"compared_with"`
			Channel      string   `json:"channel"`
			N            int      `json:"n"`
			Spearman     *float64 `json:"spearman"`
			Alpha        *float64 `json:"alpha"`
		} `json:"criteria"`
		Unmatched int `json:"unmatched"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &res))
	assert.Equal(t, 2, res.Unmatched)
	require.NotEmpty(t, res.Criteria)
	first := res.Criteria[0]
	assert.Equal(t, "overall", first.Criterion)
	assert.Equal(t, "quality_index", *first.ComparedWith)
	assert.Equal(t, "all", first.Channel)
	assert.Equal(t, 60, first.N)
	require.NotNil(t, first.Spearman)
	assert.Greater(t, *first.Spearman, 0.3, "the labels were drawn from the quality index plus noise")
	require.NotNil(t, first.Alpha)
	seenChannel := false
	for _, r := range res.Criteria {
		if r.Channel != "all" {
			seenChannel = true
		} else {
			assert.False(t, seenChannel, "rows with channel all come first")
		}
		if r.Criterion == "empathy" {
			assert.Nil(t, r.ComparedWith, "judge off: nothing to compare empathy with")
		}
	}

	// The same file again: nothing is imported, and the text says so.
	out, stderr, err = inProcess(t, "calibrate", "--db", db, "--labels", calibrateLabels)
	require.NoError(t, err, stderr)
	golden(t, "calibrate.txt", []byte(out))
	assert.Equal(t, n, countLabels(t, db), "importing the same file twice changes nothing")
	assert.Contains(t, out, "already imported, nothing changed")
	assert.Contains(t, out, "bot/XX#20261120-9999999", "unmatched ids are listed")
	assert.Contains(t, out, "human/has, comma")

	// --map compares a label criterion with a score criterion of another name.
	out, stderr, err = inProcess(t, "calibrate", "--db", db, "--labels", calibrateLabels, "--map", "empathy=efficiency", "--format", "json")
	require.NoError(t, err, stderr)
	require.NoError(t, json.Unmarshal([]byte(out), &res))
	for _, r := range res.Criteria {
		if r.Criterion == "empathy" && r.Channel == "all" {
			require.NotNil(t, r.ComparedWith)
			assert.Equal(t, "efficiency", *r.ComparedWith)
			assert.Equal(t, 12, r.N)
		}
	}

	// --fit writes a rubric that run accepts, and reports cross-validated figures.
	dir := t.TempDir()
	fitted := filepath.Join(dir, "fitted.yaml")
	out, stderr, err = inProcess(t, "calibrate", "--db", db, "--labels", calibrateLabels, "--fit", "--out", fitted, "--format", "json")
	require.NoError(t, err, stderr)
	golden(t, "calibrate-fit.json", []byte(out))
	var fit struct {
		Fit struct {
			CrossValidated struct {
				Spearman *float64 `json:"spearman"`
			} `json:"cross_validated"`
			RubricVersion string `json:"rubric_version"`
		} `json:"fit"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &fit))
	require.NotNil(t, fit.Fit.CrossValidated.Spearman)
	def, err := rubrics.Load("", rubrics.Options{Scorers: heuristics.Scorers()})
	require.NoError(t, err)
	assert.Equal(t, def.Version+"+fit.20261126", fit.Fit.RubricVersion)
	r, err := rubrics.Load(fitted, rubrics.Options{Scorers: heuristics.Scorers()})
	require.NoError(t, err)
	assert.Equal(t, def.Version+"+fit.20261126", r.Version)
	_, stderr, err = inProcess(t, "run", "--db", filepath.Join(t.TempDir(), "fitted.duckdb"), "--rubric", fitted, "-q")
	require.NoError(t, err, stderr)

	out, stderr, err = inProcess(t, "calibrate", "--db", db, "--labels", calibrateLabels, "--fit", "--out", fitted, "--split", "dev")
	require.NoError(t, err, stderr)
	golden(t, "calibrate-fit-dev.txt", []byte(strings.ReplaceAll(out, dir, "DIR")))
	assert.Contains(t, out, "cross-validated (5 folds, seed 1)")
}

func TestCalibrateErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "convqa.duckdb")
	_, stderr, err := inProcess(t, "run", "--db", db, "-q")
	require.NoError(t, err, stderr)
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	require.NoError(t, os.WriteFile(bad, []byte("conversation_id,criterion,value\nc1,overall,good\n"), 0o644))
	other := filepath.Join(dir, "other.yaml")
	require.NoError(t, os.WriteFile(other, []byte("name: support\nversion: '9'\ncriteria: [{id: efficiency, kind: heuristic, scorer: efficiency, weight: 1}]\n"), 0o644))
	out := filepath.Join(dir, "fitted.yaml")
	for _, tt := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no labels", []string{"calibrate", "--db", db}, exitUsage, "--labels FILE is required"},
		{"fit without out", []string{"calibrate", "--db", db, "--labels", calibrateLabels, "--fit"}, exitUsage, "--fit and --out"},
		{"out without fit", []string{"calibrate", "--db", db, "--labels", calibrateLabels, "--out", "x.yaml"}, exitUsage, "--fit and --out"},
		{"bad format", []string{"calibrate", "--db", db, "--labels", calibrateLabels, "--format", "csv"}, exitUsage, "--format"},
		{"bad split", []string{"calibrate", "--db", db, "--labels", calibrateLabels, "--split", "test"}, exitUsage, "split"},
		{"bad map", []string{"calibrate", "--db", db, "--labels", calibrateLabels, "--map", "overall"}, exitUsage, "LABEL=CRITERION"},
		{"missing file", []string{"calibrate", "--db", db, "--labels", "nope.csv"}, exitFailure, "nope.csv"},
		{"bad labels", []string{"calibrate", "--db", db, "--labels", bad}, exitFailure, `line 2: value "good" is not a number`},
		{"no such run", []string{"calibrate", "--db", db, "--labels", calibrateLabels, "--run", "nope"}, exitFailure, "no run has id or name"},
		{"fit with a missing rubric", []string{"calibrate", "--db", db, "--labels", calibrateLabels, "--fit", "--out", out, "--rubric", "nope.yaml"}, exitUsage, "--rubric"},
		{"fit with another rubric than the run's", []string{"calibrate", "--db", db, "--labels", calibrateLabels, "--fit", "--out", out, "--rubric", other}, exitFailure, "pass the rubric file the run used"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var errb strings.Builder
			_, _, err := inProcess(t, tt.args...)
			require.Error(t, err)
			code := exitCode(err, &errb)
			assert.Equal(t, tt.code, code, errb.String())
			assert.Contains(t, errb.String(), tt.msg)
		})
	}
	_, err = os.Stat(out)
	assert.ErrorIs(t, err, os.ErrNotExist, "no rubric is written when the fit fails")
}
