package rubrics

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var testScorers = []string{"access_to_human", "efficiency", "responsiveness", "bot_competence", "language_match",
	"pii_safety", "resolution_signal", "frustration", "greeting_closing", "readability", "customer_sentiment", "specificity"}

func TestShippedDefault(t *testing.T) {
	r, err := Shipped(Default, Options{Scorers: testScorers})
	require.NoError(t, err)
	assert.Equal(t, "support", r.Name)
	assert.NotEmpty(t, r.Version)
	assert.Len(t, r.Hash(), 64)
	assert.NotEmpty(t, r.Kinds(KindJudge), "the default rubric has judge criteria")
	assert.NotEmpty(t, r.Kinds(KindHeuristic), "the default rubric has heuristic criteria")
	// DESIGN.md: the default rubric covers at least these.
	for _, id := range []string{"resolution", "correctness", "empathy", "clarity", "efficiency", "access_to_human",
		"language_match", "safety_pii"} {
		_, ok := r.Criterion(id)
		assert.True(t, ok, "criterion %s", id)
	}
	c, _ := r.Criterion("greeting_closing")
	assert.Equal(t, 1.0, c.Scale.Min)
	assert.Greater(t, c.Line(), 0)
}

func TestHashIgnoresLayout(t *testing.T) {
	a := "name: x\nversion: '1'\ncriteria:\n  - {id: a, kind: heuristic, scorer: efficiency, weight: 1}\n"
	b := "# comment\nname: x\nversion: \"1\"\n\ncriteria:\n- id: a\n  weight: 1.0\n  kind: heuristic\n  scorer: efficiency\n"
	ra, err := Parse([]byte(a), "a", Options{})
	require.NoError(t, err)
	rb, err := Parse([]byte(b), "b", Options{})
	require.NoError(t, err)
	assert.Equal(t, ra.Hash(), rb.Hash())
	rc, err := Parse([]byte(strings.Replace(a, "weight: 1", "weight: 2", 1)), "c", Options{})
	require.NoError(t, err)
	assert.NotEqual(t, ra.Hash(), rc.Hash())
}

func TestValidationNamesLine(t *testing.T) {
	const head = "name: x\nversion: '1'\ncriteria:\n"
	tests := []struct {
		name, criteria, want string
	}{
		{"unknown field", "  - id: a\n    kind: heuristic\n    scorer: efficiency\n    wieght: 2\n", "t.yaml:7: field wieght not found"},
		{"unknown kind", "  - id: a\n    kind: llm\n", `t.yaml:4: criterion "a": unknown kind "llm"`},
		{"missing kind", "  - id: a\n    weight: 1\n", `t.yaml:4: criterion "a": kind is required`},
		{"judge without question", "  - id: ok\n    kind: heuristic\n    scorer: efficiency\n  - id: b\n    kind: judge\n", `t.yaml:7: criterion "b": a judge criterion needs a question`},
		{"unknown scorer", "  - id: a\n    kind: heuristic\n    scorer: vibes\n", `t.yaml:4: criterion "a": unknown scorer "vibes"`},
		{"duplicate", "  - {id: a, kind: heuristic, scorer: efficiency}\n  - {id: a, kind: heuristic, scorer: efficiency}\n", `t.yaml:5: criterion "a": duplicate id (first defined at line 4)`},
		{"negative weight", "  - {id: a, kind: heuristic, scorer: efficiency, weight: -1}\n", "weight must be a finite number >= 0"},
		{"bad channel", "  - {id: a, kind: heuristic, scorer: efficiency, applies_to: [robot]}\n", `unknown channel "robot"`},
		{"auto fail out of scale", "  - {id: a, kind: heuristic, scorer: efficiency, auto_fail: {below: 9}}\n", "auto_fail.below (9) must lie in (1, 5]"},
		{"anchor outside scale", "  - {id: a, kind: judge, question: q, anchors: {7: x}}\n", "anchor 7 lies outside the scale 1-5"},
		{"reserved id", "  - {id: quality_index, kind: heuristic, scorer: efficiency}\n", "reserved"},
		{"bad id", "  - {id: Resolution, kind: heuristic, scorer: efficiency}\n", "lower-case"},
		{"wrong type", "  - {id: a, kind: heuristic, scorer: efficiency, weight: heavy}\n", "t.yaml:4:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(head+tt.criteria), "t.yaml", Options{Scorers: testScorers})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestRubricLevelErrors(t *testing.T) {
	_, err := Parse([]byte("criteria: []\n"), "r.yaml", Options{})
	require.Error(t, err)
	for _, want := range []string{"name is required", "version is required", "at least one criterion"} {
		assert.Contains(t, err.Error(), want)
	}
	_, err = Parse([]byte("name: [\n"), "r.yaml", Options{})
	require.Error(t, err)
	_, err = Parse(nil, "r.yaml", Options{})
	require.ErrorContains(t, err, "empty rubric")
}

func TestLoad(t *testing.T) {
	r, err := Load("", Options{})
	require.NoError(t, err)
	assert.Equal(t, Default, r.Name)

	data, err := r.Marshal()
	require.NoError(t, err)
	p := filepath.Join(t.TempDir(), "mine.yaml")
	require.NoError(t, os.WriteFile(p, data, 0o644))
	again, err := Load(p, Options{Scorers: testScorers})
	require.NoError(t, err)
	assert.Equal(t, r.Hash(), again.Hash(), "marshal then load keeps the meaning")

	_, err = Load(filepath.Join(t.TempDir(), "missing.yaml"), Options{})
	require.ErrorContains(t, err, "shipped rubrics: support")
}

func TestApplies(t *testing.T) {
	c := Criterion{AppliesTo: []string{"bot"}, MinTurns: 3}
	assert.True(t, c.Applies("bot", 3))
	assert.False(t, c.Applies("bot", 2))
	assert.False(t, c.Applies("human", 5))
	all := Criterion{}
	assert.True(t, all.Applies("human", 0))
}
