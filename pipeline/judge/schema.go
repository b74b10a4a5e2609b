package judge

import (
	"bytes"
	"encoding/json"
	"strconv"

	"github.com/convqa/convqa/rubrics"
)

// SchemaName names the reply schema in the request's response_format.
const SchemaName = "convqa_verdicts"

// Reply is the judge's answer, keyed by criterion id.
type Reply map[string]CriterionReply

// CriterionReply is the judge's answer for one criterion, with the short member names the schema uses
// (every byte of the schema is sent with every request). A null score means n/a.
type CriterionReply struct {
	EvidenceTurns []int  `json:"ev"`
	Rationale     string `json:"why"`
	Score         *int   `json:"s"`
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

// Schema returns the strict JSON schema of a reply for the criteria, compact: an object with one property per
// criterion id, each {"ev": [int], "why": string, "s": int|null}. Criteria that share a scale and an n/a
// rule's presence share one definition in $defs, so a rubric's criteria cost a reference each. Every object
// requires all its properties and allows no other, as strict mode demands; the score is one of the integers
// of the criterion's scale, or null (n/a) only for a criterion with an n/a rule.
func Schema(criteria []*rubrics.Criterion) json.RawMessage {
	type shape struct {
		lo, hi int
		na     bool
	}
	var (
		props = make(object, 0, len(criteria))
		ids   = make([]string, 0, len(criteria))
		defs  object
		names = map[shape]string{}
	)
	for _, c := range criteria {
		lo, hi := intScale(c)
		sh := shape{lo, hi, c.NAWhen != ""}
		name, ok := names[sh]
		if !ok {
			name = defName(len(defs))
			names[sh] = name
			defs = append(defs, field{name, verdictSchema(sh.lo, sh.hi, sh.na)})
		}
		props = append(props, field{c.ID, object{{"$ref", "#/$defs/" + name}}})
		ids = append(ids, c.ID)
	}
	root := object{
		{"type", "object"},
		{"properties", props},
		{"required", ids},
		{"additionalProperties", false},
	}
	if len(defs) > 0 {
		root = append(root, field{"$defs", defs})
	}
	b, _ := json.Marshal(root)
	return b
}

// verdictSchema is the schema of one criterion's answer on the integer scale lo-hi.
func verdictSchema(lo, hi int, na bool) object {
	scores := make([]any, 0, max(hi-lo+2, 1))
	for v := lo; v <= hi; v++ {
		scores = append(scores, v)
	}
	scoreType := any("integer")
	if na {
		scores = append(scores, nil)
		scoreType = []string{"integer", "null"}
	}
	return object{
		{"type", "object"},
		{"properties", object{
			{"ev", object{{"type", "array"}, {"items", object{{"type", "integer"}}}}},
			{"why", object{{"type", "string"}}},
			{"s", object{{"type", scoreType}, {"enum", scores}}},
		}},
		{"required", []string{"ev", "why", "s"}},
		{"additionalProperties", false},
	}
}

// defName names the i-th definition: a, b, … z, then d26, d27, …
func defName(i int) string {
	if i < 26 {
		return string(rune('a' + i))
	}
	return "d" + strconv.Itoa(i)
}
