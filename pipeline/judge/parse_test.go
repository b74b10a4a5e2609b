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
	const ok = `"correctness":{"evidence_turns":[2],"rationale":"Right.","na":false,"score":4},` +
		`"empathy":{"evidence_turns":[],"rationale":"Warm.","na":false,"score":5},` +
		`"clarity":{"evidence_turns":[2,2,1],"rationale":"Clear.","na":false,"score":3}`
	tests := []struct {
		name, reply string
		wantErr     string // substring; empty for a valid reply
	}{
		{"valid", `{"resolution":{"evidence_turns":[1,3],"rationale":"Resolved.","na":false,"score":5},` + ok + `}`, ""},
		{"valid n/a", `{"resolution":{"evidence_turns":[],"rationale":"No issue.","na":true,"score":null},` + ok + `}`, ""},
		{"code fence", "```json\n{\"resolution\":{\"evidence_turns\":[1],\"rationale\":\"r\",\"na\":false,\"score\":2}," + ok + "}\n```", ""},
		{"missing criterion", `{` + ok + `}`, "criterion resolution missing"},
		{"duplicate criterion", `{"resolution":{"evidence_turns":[1],"rationale":"r","na":false,"score":5},"resolution":{"evidence_turns":[1],"rationale":"r","na":false,"score":1},` + ok + `}`, "duplicate"},
		{"unknown criterion", `{"resolution":{"evidence_turns":[1],"rationale":"r","na":false,"score":5},"bonus":{"evidence_turns":[],"rationale":"","na":false,"score":5},` + ok + `}`, `unknown criterion "bonus"`},
		{"score above scale", `{"resolution":{"evidence_turns":[1],"rationale":"r","na":false,"score":6},` + ok + `}`, "score 6 outside its scale 1-5"},
		{"score below scale", `{"resolution":{"evidence_turns":[1],"rationale":"r","na":false,"score":0},` + ok + `}`, "score 0 outside"},
		{"fractional score", `{"resolution":{"evidence_turns":[1],"rationale":"r","na":false,"score":4.5},` + ok + `}`, "not the JSON asked for"},
		{"string score", `{"resolution":{"evidence_turns":[1],"rationale":"r","na":false,"score":"5"},` + ok + `}`, "not the JSON asked for"},
		{"n/a with score", `{"resolution":{"evidence_turns":[],"rationale":"r","na":true,"score":3},` + ok + `}`, "n/a with a score"},
		{"no score, not n/a", `{"resolution":{"evidence_turns":[],"rationale":"r","na":false,"score":null},` + ok + `}`, "no score and not n/a"},
		{"n/a without a rule", `{"resolution":{"evidence_turns":[1],"rationale":"r","na":false,"score":5},"correctness":{"evidence_turns":[2],"rationale":"Right.","na":false,"score":4},"empathy":{"evidence_turns":[],"rationale":"?","na":true,"score":null},"clarity":{"evidence_turns":[1],"rationale":"Clear.","na":false,"score":3}}`, "empathy: n/a, but it has no n/a rule"},
		{"evidence turn out of range", `{"resolution":{"evidence_turns":[4],"rationale":"r","na":false,"score":5},` + ok + `}`, "evidence turn 4 does not exist (turns 1-3)"},
		{"evidence turn zero", `{"resolution":{"evidence_turns":[0],"rationale":"r","na":false,"score":5},` + ok + `}`, "evidence turn 0"},
		{"extra field", `{"resolution":{"evidence_turns":[1],"rationale":"r","na":false,"score":5,"confidence":0.9},` + ok + `}`, "not the JSON asked for"},
		{"not JSON", `Sure! The scores are: resolution 5`, "not the JSON asked for"},
		{"truncated", `{"resolution":{"evidence_turns":[1],"rationale":"r","na":fal`, "not the JSON asked for"},
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
	_, err := Parse(`{"resolution":{"evidence_turns":[9],"rationale":"r","na":false,"score":7}}`, crit, 2)
	require.Error(t, err)
	for _, want := range []string{"score 7 outside", "evidence turn 9", "correctness missing", "empathy missing", "clarity missing"} {
		assert.ErrorContains(t, err, want)
	}
}

func FuzzParse(f *testing.F) {
	crit := supportRubric(f).Kinds(rubrics.KindJudge)
	f.Add(`{"resolution":{"evidence_turns":[1],"rationale":"r","na":false,"score":5}}`, 3)
	f.Add("```json\n{}\n```", 1)
	f.Add(`{"resolution":{"evidence_turns":[-1],"rationale":"\u0000","na":true,"score":null}}`, 0)
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
