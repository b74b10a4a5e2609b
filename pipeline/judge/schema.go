package judge

import (
	"bytes"
	"encoding/json"

	"github.com/convqa/convqa/rubrics"
)

// SchemaName names the reply schema in the request's response_format.
const SchemaName = "convqa_verdicts"

// Reply is the judge's answer, keyed by criterion id.
type Reply map[string]CriterionReply

// CriterionReply is the judge's answer for one criterion.
type CriterionReply struct {
	EvidenceTurns []int  `json:"evidence_turns"`
	Rationale     string `json:"rationale"`
	NA            bool   `json:"na"`
	Score         *int   `json:"score"`
}

// object is a JSON object that keeps its keys in the order given: models fill a schema in property order, so
// the rationale comes before the score it explains.
type object []field

type field struct {
	key   string
	value any
}

func (o object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(f.key)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(f.value)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// Schema returns the strict JSON schema of a reply for the criteria: an object with one property per
// criterion id, each holding evidence_turns, rationale, na and score. Every property is required and no other
// is allowed, as strict mode demands; the score is one of the integers of the criterion's scale or null, and
// na can only be true for a criterion with an n/a rule.
func Schema(criteria []*rubrics.Criterion) json.RawMessage {
	props := make(object, 0, len(criteria))
	ids := make([]string, 0, len(criteria))
	for _, c := range criteria {
		lo, hi := intScale(c)
		scores := make([]any, 0, hi-lo+2)
		for v := lo; v <= hi; v++ {
			scores = append(scores, v)
		}
		na := object{{"type", "boolean"}}
		scoreType := any([]string{"integer", "null"})
		if c.NAWhen == "" {
			// Always scored: n/a cannot be true and the score cannot be null.
			na = append(na, field{"enum", []bool{false}})
			scoreType = "integer"
		} else {
			scores = append(scores, nil)
		}
		props = append(props, field{c.ID, object{
			{"type", "object"},
			{"properties", object{
				{"evidence_turns", object{{"type", "array"}, {"items", object{{"type", "integer"}}}}},
				{"rationale", object{{"type", "string"}}},
				{"na", na},
				{"score", object{{"type", scoreType}, {"enum", scores}}},
			}},
			{"required", []string{"evidence_turns", "rationale", "na", "score"}},
			{"additionalProperties", false},
		}})
		ids = append(ids, c.ID)
	}
	b, _ := json.Marshal(object{
		{"type", "object"},
		{"properties", props},
		{"required", ids},
		{"additionalProperties", false},
	})
	return b
}
