package judge

import (
	"maps"
	"math"
	"slices"

	"github.com/convqa/convqa/pipeline/score"
)

// SpreadFlag is the spread, in scale points, from which the samples of a criterion disagree too much to trust
// their median without a look.
const SpreadFlag = 2

// Spread describes how far the samples of one criterion disagree.
type Spread struct {
	// Samples counts the verdicts; Scored those that were not n/a.
	Samples, Scored int
	// Min, Max and Spread (Max-Min) are over the scored verdicts; NaN when none was scored.
	Min, Max, Spread float64
	// Flagged is set when Spread >= SpreadFlag, or when the samples split between a score and n/a.
	Flagged bool
}

// Aggregate combines the results of several samples of one conversation (Options.Temperature > 0): per
// criterion, the median of the scored samples (the mean of the middle two for an even count), or n/a when
// most samples said n/a, and the spread. The rationale and evidence are those of the sample closest to the
// median. Criteria missing from a sample are left out of its count.
func Aggregate(results []Result) (map[string]score.Verdict, map[string]Spread) {
	by := map[string][]score.Verdict{}
	var order []string
	for _, r := range results {
		for _, id := range slices.Sorted(maps.Keys(r.Verdicts)) {
			if _, ok := by[id]; !ok {
				order = append(order, id)
			}
			by[id] = append(by[id], r.Verdicts[id])
		}
	}
	verdicts := make(map[string]score.Verdict, len(by))
	spreads := make(map[string]Spread, len(by))
	for _, id := range order {
		vs := by[id]
		var scored []float64
		for _, v := range vs {
			if !v.NA && !math.IsNaN(v.Value) {
				scored = append(scored, v.Value)
			}
		}
		sp := Spread{Samples: len(vs), Scored: len(scored), Min: math.NaN(), Max: math.NaN(), Spread: math.NaN()}
		if len(scored) > 0 {
			sp.Min, sp.Max = slices.Min(scored), slices.Max(scored)
			sp.Spread = sp.Max - sp.Min
			sp.Flagged = sp.Spread >= SpreadFlag
		}
		if len(scored) > 0 && len(scored) < len(vs) {
			sp.Flagged = true
		}
		spreads[id] = sp
		if 2*len(scored) <= len(vs) {
			// Most samples (or half of them) said n/a: n/a, explained by the first that said so.
			i := slices.IndexFunc(vs, func(v score.Verdict) bool { return v.NA || math.IsNaN(v.Value) })
			verdicts[id] = score.Verdict{Value: math.NaN(), NA: true, Rationale: vs[i].Rationale, Evidence: vs[i].Evidence}
			continue
		}
		med := median(scored)
		best := -1
		for i, v := range vs {
			if v.NA || math.IsNaN(v.Value) {
				continue
			}
			if best < 0 || math.Abs(v.Value-med) < math.Abs(vs[best].Value-med) {
				best = i
			}
		}
		verdicts[id] = score.Verdict{Value: med, Rationale: vs[best].Rationale, Evidence: vs[best].Evidence}
	}
	return verdicts, spreads
}

func median(xs []float64) float64 {
	s := slices.Sorted(slices.Values(xs))
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
