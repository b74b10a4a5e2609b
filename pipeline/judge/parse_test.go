package judge

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/rubrics"
)

func TestParse(t *testing.T) {
	crit := supportRubric(t).Kinds(rubrics.KindJudge)
	const ok = `"correctness":{"ev":[2],"why":"Right.","s":4},` +
		`"empathy":{"ev":[],"why":"Warm.","s":5},` +
		`"clarity":{"ev":[2,2,1],"why":"Clear.","s":3}`
	tests := []struct {
		name, reply string
		wantErr     string // substring; empty for a valid reply
	}{
		{"valid", `{"resolution":{"ev":[1,3],"why":"Resolved.","s":5},` + ok + `}`, ""},
		{"valid n/a", `{"resolution":{"ev":[],"why":"No issue.","s":null},` + ok + `}`, ""},
		{"code fence", "```json\n{\"resolution\":{\"ev\":[1],\"why\":\"r\",\"s\":2}," + ok + "}\n```", ""},
		{"missing criterion", `{` + ok + `}`, "criterion resolution missing"},
		{"duplicate criterion", `{"resolution":{"ev":[1],"why":"r","s":5},"resolution":{"ev":[1],"why":"r","s":1},` + ok + `}`, "duplicate"},
		{"unknown criterion", `{"resolution":{"ev":[1],"why":"r","s":5},"bonus":{"ev":[],"why":"","s":5},` + ok + `}`, `unknown criterion "bonus"`},
		{"score above scale", `{"resolution":{"ev":[1],"why":"r","s":6},` + ok + `}`, "score 6 outside its scale 1-5"},
		{"score below scale", `{"resolution":{"ev":[1],"why":"r","s":0},` + ok + `}`, "score 0 outside"},
		{"fractional score", `{"resolution":{"ev":[1],"why":"r","s":4.5},` + ok + `}`, "resolution: score 4.5 is not an integer"},
		{"string score", `{"resolution":{"ev":[1],"why":"r","s":"5"},` + ok + `}`, `resolution: score "5" is not an integer`},
		{"score missing", `{"resolution":{"ev":[],"why":"r"},` + ok + `}`, "resolution: no score (s), not even null"},
		{"the p1 shape", `{"resolution":{"evidence_turns":[1],"rationale":"r","na":false,"score":5},` + ok + `}`, "not the JSON asked for"},
		{"n/a without a rule", `{"resolution":{"ev":[1],"why":"r","s":5},"correctness":{"ev":[2],"why":"Right.","s":4},"empathy":{"ev":[],"why":"?","s":null},"clarity":{"ev":[1],"why":"Clear.","s":3}}`, "empathy: n/a, but it has no n/a rule"},
		{"evidence turn out of range", `{"resolution":{"ev":[4],"why":"r","s":5},` + ok + `}`, "evidence turn 4 does not exist (turns 1-3)"},
		{"evidence turn zero", `{"resolution":{"ev":[0],"why":"r","s":5},` + ok + `}`, "evidence turn 0"},
		{"extra field", `{"resolution":{"ev":[1],"why":"r","s":5,"confidence":0.9},` + ok + `}`, "not the JSON asked for"},
		{"not JSON", `Sure! The scores are: resolution 5`, "not the JSON asked for"},
		{"truncated", `{"resolution":{"ev":[1],"why":"r","na":fal`, "not the JSON asked for"},
		{"array", `[1,2,3]`, "not the JSON asked for"},
		{"null", `null`, "not a JSON object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := Parse(tt.reply, crit, 3)
			if tt.wantErr != "" {
				require.ErrorIs(t, err, ErrInvalidReply)
				assert.ErrorContains(t, err, tt.wantErr)
				assert.Nil(t, v)
				return
			}
			require.NoError(t, err)
			require.Len(t, v, 4)
			assert.Equal(t, []int{1, 2}, v["clarity"].Evidence, "sorted and deduplicated")
			assert.Equal(t, 3.0, v["clarity"].Value)
			if v["resolution"].NA {
				assert.True(t, math.IsNaN(v["resolution"].Value))
			}
		})
	}
}

func TestParseListsEveryProblem(t *testing.T) {
	crit := supportRubric(t).Kinds(rubrics.KindJudge)
	_, err := Parse(`{"resolution":{"ev":[9],"why":"r","s":7}}`, crit, 2)
	require.Error(t, err)
	for _, want := range []string{"score 7 outside", "evidence turn 9", "correctness missing", "empathy missing", "clarity missing"} {
		assert.ErrorContains(t, err, want)
	}
}

func FuzzParse(f *testing.F) {
	crit := supportRubric(f).Kinds(rubrics.KindJudge)
	f.Add(`{"resolution":{"ev":[1],"why":"r","s":5}}`, 3)
	f.Add("```json\n{}\n```", 1)
	f.Add(`{"resolution":{"ev":[-1],"why":"\u0000","s":null}}`, 0)
	f.Fuzz(func(t *testing.T, reply string, turns int) {
		v, err := Parse(reply, crit, turns)
		if err != nil {
			return
		}
		require.Len(t, v, len(crit))
		for _, c := range crit {
			got := v[c.ID]
			if got.NA {
				continue
			}
			assert.True(t, got.Value >= c.Scale.Min && got.Value <= c.Scale.Max && got.Value == math.Trunc(got.Value))
			for _, e := range got.Evidence {
				assert.True(t, e >= 1 && e <= turns)
			}
		}
	})
}
