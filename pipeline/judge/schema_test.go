package judge

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/rubrics"
)

// strictProblems lists what OpenAI's strict structured outputs would refuse in a schema: an object that does
// not require every property or allows others, an array without items, a schema without a type, a $ref with
// siblings or pointing outside $defs, a root that is not an object.
func strictProblems(t *testing.T, raw []byte) []string {
	t.Helper()
	var root map[string]any
	require.NoError(t, json.Unmarshal(raw, &root))
	defs, _ := root["$defs"].(map[string]any)
	var problems []string
	var walk func(path string, s map[string]any)
	walk = func(path string, s map[string]any) {
		if ref, ok := s["$ref"].(string); ok {
			if len(s) != 1 {
				problems = append(problems, path+": $ref with siblings")
			}
			name, found := strings.CutPrefix(ref, "#/$defs/")
			if _, ok := defs[name]; !found || !ok {
				problems = append(problems, path+": dangling $ref "+ref)
			}
			return
		}
		if _, ok := s["type"]; !ok {
			problems = append(problems, path+": no type")
		}
		switch s["type"] {
		case "object":
			props, _ := s["properties"].(map[string]any)
			var req []string
			for _, r := range s["required"].([]any) {
				req = append(req, r.(string))
			}
			for k, v := range props {
				if !slices.Contains(req, k) {
					problems = append(problems, path+": "+k+" not required")
				}
				walk(path+"/"+k, v.(map[string]any))
			}
			if len(req) != len(props) {
				problems = append(problems, path+": required lists other names")
			}
			if s["additionalProperties"] != false {
				problems = append(problems, path+": additionalProperties is not false")
			}
		case "array":
			items, ok := s["items"].(map[string]any)
			if !ok {
				problems = append(problems, path+": array without items")
				return
			}
			walk(path+"/items", items)
		}
	}
	if root["type"] != "object" {
		problems = append(problems, "root is not an object")
	}
	delete(root, "$defs")
	walk("", root)
	for name, d := range defs {
		walk("#/$defs/"+name, d.(map[string]any))
	}
	return problems
}

func TestSchemaStrict(t *testing.T) {
	support := supportRubric(t).Kinds(rubrics.KindJudge)
	tenPoint := &rubrics.Criterion{ID: "tone", Question: "q", Scale: &rubrics.Scale{Min: 0, Max: 10}, NAWhen: "never relevant"}
	tests := []struct {
		name     string
		criteria []*rubrics.Criterion
		defs     int
	}{
		{"support rubric", support, 2},
		{"one criterion", support[:1], 1},
		{"another scale", append(slices.Clone(support), tenPoint), 3},
		{"no criteria", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := Schema(tt.criteria)
			assert.Empty(t, strictProblems(t, raw))
			var compact bytes.Buffer
			require.NoError(t, json.Compact(&compact, raw))
			assert.Equal(t, compact.String(), string(raw), "no whitespace is sent")
			assert.NotContains(t, string(raw), "description")
			var s struct {
				Properties map[string]map[string]string
				Required   []string
				Defs       map[string]json.RawMessage `json:"$defs"`
			}
			require.NoError(t, json.Unmarshal(raw, &s))
			assert.Len(t, s.Defs, tt.defs, "criteria with the same scale and n/a rule share a definition")
			assert.Len(t, s.Required, len(tt.criteria))
			for i, c := range tt.criteria {
				assert.Equal(t, c.ID, s.Required[i], "in rubric order")
			}
		})
	}
}

func TestSchemaScores(t *testing.T) {
	tenPoint := &rubrics.Criterion{ID: "tone", Question: "q", Scale: &rubrics.Scale{Min: 0, Max: 10}, NAWhen: "x"}
	always := &rubrics.Criterion{ID: "clarity", Question: "q"}
	var s struct {
		Properties map[string]struct {
			Ref string `json:"$ref"`
		}
		Defs map[string]struct {
			Properties struct {
				S struct {
					Type any    `json:"type"`
					Enum []*int `json:"enum"`
				} `json:"s"`
			} `json:"properties"`
			Required []string
		} `json:"$defs"`
	}
	require.NoError(t, json.Unmarshal(Schema([]*rubrics.Criterion{tenPoint, always}), &s))
	scores := func(id string) string {
		d := s.Defs[strings.TrimPrefix(s.Properties[id].Ref, "#/$defs/")]
		assert.Equal(t, []string{"ev", "why", "s"}, d.Required, "evidence and rationale before the score")
		var out []string
		for _, v := range d.Properties.S.Enum {
			if v == nil {
				out = append(out, "null")
			} else {
				out = append(out, fmt.Sprint(*v))
			}
		}
		return fmt.Sprintf("%v %v", d.Properties.S.Type, out)
	}
	assert.Equal(t, "[integer null] [0 1 2 3 4 5 6 7 8 9 10 null]", scores("tone"))
	assert.Equal(t, "integer [1 2 3 4 5]", scores("clarity"), "no n/a rule: never null")
}

func TestDefName(t *testing.T) {
	assert.Equal(t, "a", defName(0))
	assert.Equal(t, "z", defName(25))
	assert.Equal(t, "d26", defName(26))
}
