// Package score turns heuristic signals and judge verdicts into criterion scores on the rubric's scales and
// combines them into the 0-100 quality index.
package score

import (
	"math"
	"strings"

	"github.com/convqa/convqa/rubrics"
)

// Value is one criterion's score for one conversation.
type Value struct {
	Criterion  string
	Kind       rubrics.Kind
	Value      float64 // on the criterion's scale; NaN when NA
	NA         bool
	Scale      rubrics.Scale
	Normalized float64 // 0-100; NaN when NA
	AutoFailed bool
	// BuiltFrom lists the criteria the quality index combines.
	BuiltFrom []string
	Rationale string
	Evidence  []int
}

// Verdict is the judge's answer for one criterion: a score on its scale, or n/a.
type Verdict struct {
	Value     float64
	NA        bool
	Rationale string
	Evidence  []int
}

// HeuristicFunc maps a heuristic scorer onto [0,1] (1 best) for one conversation; ok=false means n/a.
type HeuristicFunc func(scorer string) (x float64, ok bool)

// Scorer scores conversations against one rubric. It is safe for concurrent use.
type Scorer struct {
	r *rubrics.Rubric
}

// New returns a scorer for the rubric.
func New(r *rubrics.Rubric) *Scorer { return &Scorer{r: r} }

// Conversation scores one conversation of the channel with n turns: every heuristic criterion through h,
// every judge criterion with a verdict in judged (judge criteria without one are left out: not scored is not
// n/a), and the quality index last. Criteria that do not apply to the conversation are n/a.
func (s *Scorer) Conversation(channel string, turns int, h HeuristicFunc, judged map[string]Verdict) []Value {
	out := make([]Value, 0, len(s.r.Criteria)+1)
	for i := range s.r.Criteria {
		c := &s.r.Criteria[i]
		v := Value{Criterion: c.ID, Kind: c.Kind, Scale: *c.Scale, Value: math.NaN(), Normalized: math.NaN(), NA: true}
		applies := c.Applies(channel, turns)
		switch c.Kind {
		case rubrics.KindHeuristic:
			if applies {
				if x, ok := h(c.Scorer); ok && !math.IsNaN(x) {
					x = min(max(x, 0), 1)
					v.Value, v.NA = c.Rescale(x), false
				}
			}
		case rubrics.KindJudge:
			j, ok := judged[c.ID]
			if !ok {
				continue
			}
			if applies && !j.NA {
				v.Value, v.NA = j.Value, false
			}
			v.Rationale, v.Evidence = j.Rationale, j.Evidence
		}
		if !v.NA {
			v.Normalized = c.Normalize(v.Value)
			v.AutoFailed = c.AutoFail != nil && v.Value < c.AutoFail.Below
		}
		out = append(out, v)
	}
	return append(out, s.index(out))
}

// index combines the scored criteria: the weighted mean of their 0-100 values, n/a left out, and 0 when an
// auto-fail criterion fell below its threshold.
func (s *Scorer) index(vals []Value) Value {
	idx := Value{Criterion: rubrics.QualityIndex, Kind: rubrics.KindHeuristic, Scale: rubrics.Scale{Min: 0, Max: 100},
		Value: math.NaN(), Normalized: math.NaN(), NA: true}
	var sum, weights float64
	var failed []string
	for _, v := range vals {
		c, _ := s.r.Criterion(v.Criterion)
		if v.NA {
			continue
		}
		if v.AutoFailed {
			failed = append(failed, v.Criterion)
		}
		if c.Weight == 0 {
			continue
		}
		sum += c.Weight * v.Normalized
		weights += c.Weight
		idx.BuiltFrom = append(idx.BuiltFrom, v.Criterion)
		if v.Kind == rubrics.KindJudge {
			idx.Kind = rubrics.KindJudge
		}
	}
	if weights == 0 {
		return idx
	}
	idx.NA = false
	idx.Value = sum / weights
	if len(failed) > 0 {
		idx.Value, idx.AutoFailed = 0, true
		idx.Rationale = "auto-fail: " + strings.Join(failed, ", ")
	}
	idx.Normalized = idx.Value
	return idx
}
