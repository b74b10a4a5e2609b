package calibrate

import (
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/pipeline/heuristics"
	"github.com/convqa/convqa/pipeline/score"
	"github.com/convqa/convqa/pipeline/stats"
	"github.com/convqa/convqa/rubrics"
)

var fitDay = func() time.Time { return time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC) }

// fitData scores n synthetic human conversations with the shipped rubric through package score, as a run
// would, and grades them overall from the resolution signal alone (plus a little noise); efficiency and
// readability are noise the rubric nevertheless weights.
func fitData(t testing.TB, n int) (*Data, *rubrics.Rubric) {
	t.Helper()
	r, err := rubrics.Shipped("support", rubrics.Options{Scorers: heuristics.Scorers()})
	require.NoError(t, err)
	sc := score.New(r)
	rng := rand.New(rand.NewPCG(7, 7))
	d := testData(nil, nil)
	d.Run.RubricHash = r.Hash()
	for i := range n {
		id := "c" + strconv.Itoa(i)
		x := map[string]float64{"resolution_signal": rng.Float64(), "efficiency": rng.Float64(), "readability": rng.Float64()}
		vals := sc.Conversation("human", 6, func(s string) (float64, bool) { v, ok := x[s]; return v, ok }, nil)
		c := &Conversation{ID: id, Channel: "human", Scores: map[string]Score{}}
		for _, v := range vals {
			c.Scores[v.Criterion] = Score{Kind: string(v.Kind), Value: v.Value, Normalized: v.Normalized, NA: v.NA, AutoFailed: v.AutoFailed}
			if i == 0 {
				d.Criteria = append(d.Criteria, v.Criterion)
			}
		}
		d.Conversations[id] = c
		grade := math.Round(1 + 4*x["resolution_signal"] + rng.NormFloat64()*0.4)
		d.Labels = append(d.Labels, label(id, "overall", min(5, max(1, grade)), "ann"))
	}
	return d, r
}

func TestFit(t *testing.T) {
	d, r := fitData(t, 150)
	res, err := Fit(d, r, FitOptions{Now: fitDay})
	require.NoError(t, err)

	t.Logf("Spearman: baseline %.3f, cross-validated %.3f (folds %v), in-sample %.3f; weights %+v",
		res.Baseline.Spearman, res.CrossValidated.Spearman, res.FoldSpearman, res.InSample.Spearman, res.Weights)
	assert.Equal(t, "overall", res.Label)
	assert.Equal(t, 150, res.N)
	assert.Equal(t, 5, res.Folds)
	assert.Len(t, res.FoldSpearman, 5)

	// The baseline recomputes the quality index as package score does.
	var qi, lab []float64
	for _, l := range d.Labels {
		qi = append(qi, d.Conversations[l.ConversationID].Scores["quality_index"].Normalized)
		lab = append(lab, l.Value)
	}
	assert.InDelta(t, stats.Spearman(qi, lab), float64(res.Baseline.Spearman), 1e-12)

	// Dropping the noise helps, and the cross-validated figure says so without being the in-sample one.
	assert.Greater(t, float64(res.CrossValidated.Spearman), float64(res.Baseline.Spearman)+0.05)
	assert.GreaterOrEqual(t, float64(res.InSample.Spearman), float64(res.CrossValidated.Spearman)-0.02)
	assert.Equal(t, 150, res.CrossValidated.N)
	w := map[string]Weight{}
	for _, x := range res.Weights {
		w[x.Criterion] = x
		assert.GreaterOrEqual(t, x.After, 0.0, x.Criterion)
	}
	assert.Greater(t, w["resolution_signal"].After/(w["efficiency"].After+w["readability"].After+1e-9), 2*w["resolution_signal"].Before/(w["efficiency"].Before+w["readability"].Before),
		"the signal gains weight relative to the noise: %+v", w)
	for _, id := range []string{"resolution", "empathy", "access_to_human", "bot_competence"} {
		assert.False(t, w[id].Fitted, id)
		assert.Equal(t, w[id].Before, w[id].After, "%s had no scores and keeps its weight", id)
	}

	// The fitted rubric: a copy with new weights and a bumped version, which `convqa run --rubric` accepts.
	assert.Equal(t, r.Version+"+fit.20261126", res.RubricVersion)
	assert.NotEqual(t, r.Hash(), res.Rubric.Hash())
	y, err := res.RubricYAML("grades.csv")
	require.NoError(t, err)
	p := filepath.Join(t.TempDir(), "fitted.yaml")
	require.NoError(t, os.WriteFile(p, y, 0o644))
	loaded, err := rubrics.Load(p, rubrics.Options{Scorers: heuristics.Scorers()})
	require.NoError(t, err)
	assert.Equal(t, r.Version+"+fit.20261126", loaded.Version)
	assert.Equal(t, res.Rubric.Hash(), loaded.Hash())
	require.Len(t, loaded.Criteria, len(r.Criteria))
	for k, c := range loaded.Criteria {
		assert.Equal(t, r.Criteria[k].ID, c.ID)
		assert.Equal(t, w[c.ID].After, c.Weight, c.ID)
		assert.Equal(t, r.Criteria[k].AutoFail, c.AutoFail, c.ID)
	}
	assert.Contains(t, string(y), "cross-validated")
	assert.Equal(t, withoutWeights(t, r), withoutWeights(t, loaded), "only the weights and the version change")

	// Refitting a fitted rubric replaces the fit date rather than stacking it.
	again, err := withWeights(loaded, slices.Repeat([]float64{1}, len(loaded.Criteria)), fitDay().AddDate(0, 0, 1))
	require.NoError(t, err)
	assert.Equal(t, r.Version+"+fit.20261127", again.Version)

	// The same data and seed give the same fit.
	res2, err := Fit(d, r, FitOptions{Now: fitDay})
	require.NoError(t, err)
	assert.Equal(t, res.Weights, res2.Weights)
	assert.Equal(t, res.CrossValidated, res2.CrossValidated)
}

// withoutWeights is the rubric's YAML with every weight 0 and no version.
func withoutWeights(t *testing.T, r *rubrics.Rubric) string {
	t.Helper()
	cp := *r
	cp.Version = ""
	cp.Criteria = append([]rubrics.Criterion(nil), r.Criteria...)
	for k := range cp.Criteria {
		cp.Criteria[k].Weight = 0
	}
	b, err := cp.Marshal()
	require.NoError(t, err)
	return string(b)
}

func TestFitErrors(t *testing.T) {
	d, r := fitData(t, 8)
	_, err := Fit(d, r, FitOptions{})
	assert.ErrorContains(t, err, "too few for 5-fold")

	d, r = fitData(t, 40)
	_, err = Fit(d, r, FitOptions{Label: "empathy"})
	assert.ErrorContains(t, err, "no empathy labels")

	other, err := rubrics.Parse([]byte("name: support\nversion: '2'\ncriteria: [{id: efficiency, kind: heuristic, scorer: efficiency, weight: 1}]\n"), "other.yaml", rubrics.Options{})
	require.NoError(t, err)
	_, err = Fit(d, other, FitOptions{})
	assert.ErrorContains(t, err, "pass the rubric file the run used")
}
