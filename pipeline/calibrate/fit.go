package calibrate

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"github.com/convqa/convqa/pipeline/stats"
	"github.com/convqa/convqa/rubrics"
)

// FitOptions tunes Fit. The zero value fits the quality index to the overall labels with 5 folds, seed 1.
type FitOptions struct {
	// Label is the label criterion the quality index is fitted to; default Overall.
	Label string
	// Folds is k of the k-fold cross-validation; default 5.
	Folds int
	// Seed shuffles the conversations into folds; default 1. The same seed gives the same folds and figures.
	Seed uint64
	// Now dates the fitted rubric's version; default time.Now.
	Now func() time.Time
}

func (o FitOptions) withDefaults() FitOptions {
	if o.Label == "" {
		o.Label = Overall
	}
	if o.Folds <= 0 {
		o.Folds = 5
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// Weight is one criterion's weight in the quality index before and after fitting.
type Weight struct {
	Criterion string  `json:"criterion"`
	Before    float64 `json:"before"`
	After     float64 `json:"after"`
	// Fitted is false when no labelled conversation had a score of the criterion (a judge criterion while the
	// judge was off, a bot-only criterion on human chats): its weight is kept as it was.
	Fitted bool `json:"fitted"`
}

// Agreement is the quality index's agreement with the labels.
type Agreement struct {
	N        int   `json:"n"`
	Spearman Float `json:"spearman"`
	Kendall  Float `json:"kendall"`
	Pearson  Float `json:"pearson"`
}

// FitResult is what Fit learnt, and how well it should do on conversations it has not seen.
type FitResult struct {
	Label string `json:"label"`
	// N counts the labelled conversations fitted on; Folds and Seed define the cross-validation.
	N     int    `json:"n"`
	Folds int    `json:"folds"`
	Seed  uint64 `json:"seed"`
	// Baseline is the agreement of the run's own quality index: nothing was fitted to the labels, so it is an
	// out-of-sample figure as it stands.
	Baseline Agreement `json:"baseline"`
	// CrossValidated is the agreement of out-of-fold predictions: each conversation scored with weights fitted
	// on the other folds. This is the figure to expect on new conversations.
	CrossValidated Agreement `json:"cross_validated"`
	// FoldSpearman is the out-of-fold Spearman of each fold.
	FoldSpearman []Float `json:"fold_spearman"`
	// InSample is the agreement of the final weights on the very labels they were fitted to; it flatters, and is
	// shown only to make the gap to CrossValidated visible.
	InSample Agreement `json:"in_sample"`
	Weights  []Weight  `json:"weights"`
	// RubricVersion is the fitted rubric's version: the run's with "+fit.<date>".
	RubricVersion string `json:"rubric_version"`
	// Rubric is the run's rubric with the fitted weights.
	Rubric *rubrics.Rubric `json:"-"`
}

// fitGrid are the weights the search tries for each criterion (the index is a weighted mean, so only ratios
// matter).
var fitGrid = []float64{0, 0.5, 1, 2, 3, 4}

// minGain is the gain in Spearman a weight change must bring to be taken: smaller gains are noise on a few
// hundred labels, and taking them only overfits.
const minGain = 0.005

// fitRow is one labelled conversation as the fit sees it.
type fitRow struct {
	norm   []float64 // per rubric criterion, NaN when n/a or not scored
	failed bool      // an auto-fail criterion fell below its threshold
	label  float64   // the graders' mean
}

// Fit learns non-negative weights of the rubric's criteria that make the quality index agree best (Spearman)
// with the label criterion, by coordinate search from the rubric's own weights, and reports k-fold
// cross-validated agreement. r must be the rubric the run used. The signals' mapping onto the scales (the
// scorers) is code, not rubric, and is not fitted.
func Fit(d *Data, r *rubrics.Rubric, o FitOptions) (*FitResult, error) {
	o = o.withDefaults()
	if r.Hash() != d.Run.RubricHash {
		return nil, fmt.Errorf("fit: run %s used rubric %s %s with hash %.12s, not the rubric given (%s, hash %.12s); pass the rubric file the run used",
			d.Run.ID, d.Run.RubricName, d.Run.RubricVersion, d.Run.RubricHash, r.Source(), r.Hash())
	}
	_, byName, _ := d.labelCriteria()
	gs := byName[o.Label]
	if len(gs) == 0 {
		return nil, fmt.Errorf("fit: no %s labels for conversations of run %s; the quality index is fitted to them", o.Label, d.Run.ID)
	}
	if len(gs) < 2*o.Folds {
		return nil, fmt.Errorf("fit: %d conversations with %s labels are too few for %d-fold cross-validation (need %d)",
			len(gs), o.Label, o.Folds, 2*o.Folds)
	}
	sort.Slice(gs, func(i, j int) bool { return gs[i].conv.ID < gs[j].conv.ID })
	rows := make([]fitRow, len(gs))
	before := make([]float64, len(r.Criteria))
	scored := make([]bool, len(r.Criteria))
	for k, c := range r.Criteria {
		before[k] = c.Weight
	}
	for i, g := range gs {
		rows[i] = fitRow{norm: make([]float64, len(r.Criteria)), label: g.mean}
		for k, c := range r.Criteria {
			s, ok := g.conv.Scores[c.ID]
			rows[i].norm[k] = math.NaN()
			if !ok || s.NA || math.IsNaN(s.Normalized) {
				continue
			}
			rows[i].norm[k], scored[k] = s.Normalized, true
			rows[i].failed = rows[i].failed || s.AutoFailed
		}
	}
	res := &FitResult{Label: o.Label, N: len(rows), Folds: o.Folds, Seed: o.Seed}
	res.Baseline = agreeIndex(rows, before)

	// Cross-validation: every conversation is predicted by weights fitted without it.
	fold := make([]int, len(rows))
	for pos, i := range rand.New(rand.NewPCG(o.Seed, 0)).Perm(len(rows)) {
		fold[i] = pos % o.Folds
	}
	pred := make([]float64, len(rows))
	for f := range o.Folds {
		var train, test []fitRow
		var testIdx []int
		for i, row := range rows {
			if fold[i] == f {
				test, testIdx = append(test, row), append(testIdx, i)
			} else {
				train = append(train, row)
			}
		}
		w := search(train, before, scored)
		for j, row := range test {
			pred[testIdx[j]] = index(row, w)
		}
		res.FoldSpearman = append(res.FoldSpearman, Float(spearmanDefined(predOf(test, w), labelsOf(test))))
	}
	res.CrossValidated = agree(pred, labelsOf(rows))

	after := search(rows, before, scored)
	res.InSample = agreeIndex(rows, after)
	for k, c := range r.Criteria {
		res.Weights = append(res.Weights, Weight{Criterion: c.ID, Before: before[k], After: after[k], Fitted: scored[k]})
	}
	fitted, err := withWeights(r, after, o.Now())
	if err != nil {
		return nil, err
	}
	res.Rubric, res.RubricVersion = fitted, fitted.Version
	return res, nil
}

// search returns the weights, starting from start, that maximise the Spearman of the index with the labels,
// changing only the criteria marked free, one at a time over fitGrid, until no change gains minGain.
func search(rows []fitRow, start []float64, free []bool) []float64 {
	w := append([]float64(nil), start...)
	best := objective(rows, w)
	for range 8 {
		changed := false
		for k := range w {
			if !free[k] {
				continue
			}
			orig, pick := w[k], w[k]
			for _, g := range fitGrid {
				if g == orig {
					continue
				}
				w[k] = g
				if v := objective(rows, w); v > best+minGain {
					best, pick = v, g
				}
			}
			w[k] = pick
			changed = changed || pick != orig
		}
		if !changed {
			break
		}
	}
	return w
}

// objective is the Spearman of the index with the labels over the conversations the index is defined for,
// scaled by their share, so weights that leave conversations without an index do not win by dropping them.
func objective(rows []fitRow, w []float64) float64 {
	x, y := make([]float64, 0, len(rows)), make([]float64, 0, len(rows))
	for _, row := range rows {
		if v := index(row, w); !math.IsNaN(v) {
			x, y = append(x, v), append(y, row.label)
		}
	}
	rho := stats.Spearman(x, y)
	if math.IsNaN(rho) {
		return -2
	}
	return rho * float64(len(x)) / float64(len(rows))
}

// index recomputes the quality index as package score does: the weighted mean of the scored criteria's 0-100
// values, NaN when no weighted criterion was scored, 0 when an auto-fail criterion failed.
func index(row fitRow, w []float64) float64 {
	var sum, weights float64
	for k, v := range row.norm {
		if math.IsNaN(v) || w[k] == 0 {
			continue
		}
		sum += w[k] * v
		weights += w[k]
	}
	switch {
	case weights == 0:
		return math.NaN()
	case row.failed:
		return 0
	}
	return sum / weights
}

func predOf(rows []fitRow, w []float64) []float64 {
	out := make([]float64, len(rows))
	for i, row := range rows {
		out[i] = index(row, w)
	}
	return out
}

func labelsOf(rows []fitRow) []float64 {
	out := make([]float64, len(rows))
	for i, row := range rows {
		out[i] = row.label
	}
	return out
}

func agreeIndex(rows []fitRow, w []float64) Agreement { return agree(predOf(rows, w), labelsOf(rows)) }

// agree correlates the defined predictions with their labels.
func agree(pred, label []float64) Agreement {
	x, y := defined(pred, label)
	return Agreement{N: len(x), Spearman: Float(stats.Spearman(x, y)), Kendall: Float(stats.Kendall(x, y)),
		Pearson: Float(stats.Pearson(x, y))}
}

func spearmanDefined(pred, label []float64) float64 {
	x, y := defined(pred, label)
	return stats.Spearman(x, y)
}

func defined(pred, label []float64) (x, y []float64) {
	for i, p := range pred {
		if !math.IsNaN(p) {
			x, y = append(x, p), append(y, label[i])
		}
	}
	return x, y
}

// withWeights returns a validated copy of r with the weights and a version marked as fitted on the day now.
func withWeights(r *rubrics.Rubric, w []float64, now time.Time) (*rubrics.Rubric, error) {
	data, err := r.Marshal()
	if err != nil {
		return nil, fmt.Errorf("fit: copy rubric: %w", err)
	}
	cp, err := rubrics.Parse(data, r.Source(), rubrics.Options{})
	if err != nil {
		return nil, fmt.Errorf("fit: copy rubric: %w", err)
	}
	for k := range cp.Criteria {
		cp.Criteria[k].Weight = w[k]
	}
	base, _, _ := strings.Cut(r.Version, "+")
	cp.Version = base + "+fit." + now.UTC().Format("20060102")
	// Parse again, which validates the new weights and computes the new hash.
	data, err = cp.Marshal()
	if err != nil {
		return nil, fmt.Errorf("fit: write rubric: %w", err)
	}
	return rubrics.Parse(data, "fitted:"+r.Name, rubrics.Options{})
}

// RubricYAML returns the fitted rubric as YAML, headed by comments that say how it was fitted and how well it
// did in cross-validation; `convqa run --rubric FILE` reads it.
func (f *FitResult) RubricYAML(labels string) ([]byte, error) {
	if f.Rubric == nil {
		return nil, errors.New("no fitted rubric")
	}
	data, err := f.Rubric.Marshal()
	if err != nil {
		return nil, fmt.Errorf("write fitted rubric: %w", err)
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Fitted by convqa calibrate --fit: quality-index weights chosen to agree with the %s labels of %s\n", f.Label, labels)
	fmt.Fprintf(&b, "# (%d conversations). Spearman with the labels: %s before fitting, %s cross-validated (%d folds, seed %d),\n",
		f.N, fmtFloat(f.Baseline.Spearman), fmtFloat(f.CrossValidated.Spearman), f.Folds, f.Seed)
	fmt.Fprintf(&b, "# %s in-sample (optimistic). Criteria without scores in the labelled conversations kept their weights.\n",
		fmtFloat(f.InSample.Spearman))
	b.Write(data)
	return b.Bytes(), nil
}

func fmtFloat(f Float) string {
	if math.IsNaN(float64(f)) {
		return "undefined"
	}
	return fmt.Sprintf("%.3f", float64(f))
}
