package score

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/rubrics"
)

const testRubric = `
name: t
version: "1"
criteria:
  - {id: speed, kind: heuristic, scorer: speed, weight: 1}
  - {id: safety, kind: heuristic, scorer: safety, weight: 3, auto_fail: {below: 2}}
  - {id: loops, kind: heuristic, scorer: loops, weight: 1, applies_to: [bot]}
  - {id: hello, kind: heuristic, scorer: hello, weight: 1, min_turns: 3}
  - {id: resolution, kind: judge, question: q, weight: 2}
`

func fixed(m map[string]float64) HeuristicFunc {
	return func(s string) (float64, bool) {
		x, ok := m[s]
		return x, ok
	}
}

func byID(vals []Value) map[string]Value {
	m := map[string]Value{}
	for _, v := range vals {
		m[v.Criterion] = v
	}
	return m
}

func TestConversation(t *testing.T) {
	r, err := rubrics.Parse([]byte(testRubric), "t", rubrics.Options{})
	require.NoError(t, err)
	s := New(r)
	tests := []struct {
		name      string
		channel   string
		turns     int
		h         map[string]float64
		judged    map[string]Verdict
		wantIndex float64 // NaN: n/a
		wantFrom  []string
		wantKind  rubrics.Kind
		wantFail  bool
	}{
		{name: "weighted mean", channel: "bot", turns: 4, h: map[string]float64{"speed": 1, "safety": 1, "loops": 0, "hello": 0.5},
			wantIndex: (100 + 300 + 0 + 50) / 6.0, wantFrom: []string{"speed", "safety", "loops", "hello"}, wantKind: rubrics.KindHeuristic},
		{name: "n/a left out, not zero", channel: "bot", turns: 4, h: map[string]float64{"speed": 1},
			wantIndex: 100, wantFrom: []string{"speed"}, wantKind: rubrics.KindHeuristic},
		{name: "channel and min turns", channel: "human", turns: 2, h: map[string]float64{"speed": 0.5, "safety": 1, "loops": 0, "hello": 0},
			wantIndex: (50 + 300) / 4.0, wantFrom: []string{"speed", "safety"}, wantKind: rubrics.KindHeuristic},
		{name: "auto fail", channel: "bot", turns: 4, h: map[string]float64{"speed": 1, "safety": 0},
			wantIndex: 0, wantFrom: []string{"speed", "safety"}, wantKind: rubrics.KindHeuristic, wantFail: true},
		{name: "nothing applies", channel: "bot", turns: 1, h: map[string]float64{}, wantIndex: math.NaN()},
		{name: "judge included", channel: "human", turns: 3, h: map[string]float64{"speed": 0},
			judged:    map[string]Verdict{"resolution": {Value: 5, Rationale: "fixed", Evidence: []int{2}}},
			wantIndex: 200 / 3.0, wantFrom: []string{"speed", "resolution"}, wantKind: rubrics.KindJudge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vals := s.Conversation(tt.channel, tt.turns, fixed(tt.h), tt.judged)
			m := byID(vals)
			idx := m[rubrics.QualityIndex]
			if math.IsNaN(tt.wantIndex) {
				assert.True(t, idx.NA)
				assert.True(t, math.IsNaN(idx.Value))
				return
			}
			assert.InDelta(t, tt.wantIndex, idx.Value, 1e-9)
			assert.Equal(t, tt.wantFrom, idx.BuiltFrom)
			assert.Equal(t, tt.wantKind, idx.Kind)
			assert.Equal(t, tt.wantFail, idx.AutoFailed)
			_, judged := m["resolution"]
			assert.Equal(t, tt.judged != nil, judged, "judge criteria appear only when judged")
		})
	}
}

func TestRescaleAndClamp(t *testing.T) {
	r, err := rubrics.Parse([]byte(testRubric), "t", rubrics.Options{})
	require.NoError(t, err)
	m := byID(New(r).Conversation("bot", 4, fixed(map[string]float64{"speed": 0.5, "safety": 7}), nil))
	assert.Equal(t, 3.0, m["speed"].Value)
	assert.Equal(t, 50.0, m["speed"].Normalized)
	assert.Equal(t, 5.0, m["safety"].Value, "out-of-range scorer output is clamped")
	assert.True(t, m["loops"].NA, "a scorer that says n/a gives n/a")
	assert.True(t, m["hello"].NA)
}
