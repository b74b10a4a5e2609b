package calibrate

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/convqa/convqa/pipeline/store"
)

// ReadLabels reads a labels CSV: a header naming the columns conversation_id, criterion, value and,
// optionally, rater, in any order (other columns are ignored), then one grade per row. A row with an empty
// value is skipped (the grader gave none). Every row without a rater is a rating of its own by an anonymous
// grader; a named rater grading the same criterion of the same conversation twice is an error. Errors name
// the line.
func ReadLabels(r io.Reader) ([]store.Label, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, errors.New("read labels: empty file (want a header conversation_id,criterion,value,rater)")
	}
	if err != nil {
		return nil, fmt.Errorf("read labels: %w", err)
	}
	col := map[string]int{"conversation_id": -1, "criterion": -1, "value": -1, "rater": -1}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if j, ok := col[h]; ok && j < 0 {
			col[h] = i
		}
	}
	for _, need := range []string{"conversation_id", "criterion", "value"} {
		if col[need] < 0 {
			return nil, fmt.Errorf("read labels: line 1: the header has no %s column (want conversation_id,criterion,value,rater)", need)
		}
	}
	type key struct{ id, criterion, rater string }
	first := map[key]int{}
	var out []store.Label
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read labels: %w", err)
		}
		line, _ := cr.FieldPos(0)
		cell := func(name string) string {
			if i := col[name]; i >= 0 && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		l := store.Label{ConversationID: cell("conversation_id"), Criterion: cell("criterion"), Rater: cell("rater"), Line: line}
		raw := cell("value")
		switch {
		case l.ConversationID == "":
			return nil, fmt.Errorf("read labels: line %d: empty conversation_id", line)
		case l.Criterion == "":
			return nil, fmt.Errorf("read labels: line %d: empty criterion", line)
		case raw == "":
			continue
		}
		l.Value, err = strconv.ParseFloat(raw, 64)
		if err != nil || math.IsNaN(l.Value) || math.IsInf(l.Value, 0) {
			return nil, fmt.Errorf("read labels: line %d: value %q is not a number", line, raw)
		}
		if l.Rater != "" {
			k := key{l.ConversationID, l.Criterion, l.Rater}
			if prev, dup := first[k]; dup {
				return nil, fmt.Errorf("read labels: line %d: rater %q already graded %s of conversation %q at line %d",
					line, l.Rater, l.Criterion, l.ConversationID, prev)
			}
			first[k] = line
		}
		out = append(out, l)
	}
	if len(out) == 0 {
		return nil, errors.New("read labels: no grades after the header")
	}
	return out, nil
}
