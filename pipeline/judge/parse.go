package judge

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/convqa/convqa/pipeline/score"
	"github.com/convqa/convqa/rubrics"
)

// ErrInvalidReply is wrapped by every error about a reply that does not answer as the schema demands.
var ErrInvalidReply = errors.New("judge: invalid reply")

// maxRationale caps a stored rationale; a model that rambles does not fill the database.
const maxRationale = 2000

// wireReply is a reply as decoded: the score kept raw, so that a missing score is told from a null one (n/a).
type wireReply map[string]struct {
	EvidenceTurns []int          `json:"ev"`
	Rationale     string         `json:"why"`
	Score         jsontext.Value `json:"s"`
}

// Parse decodes and validates a reply (see Reply) for the criteria of a conversation with the given number of
// turns: every criterion answered exactly once and nothing else, each score present and an integer on the
// criterion's scale, or null (n/a) only where the criterion has an n/a rule, every evidence turn one of
// 1..turns.
// A reply with any problem is rejected whole, with every problem listed: a score is never guessed.
// Evidence holds turn numbers as shown to the judge: 1-based, turn_index + 1.
func Parse(content string, criteria []*rubrics.Criterion, turns int) (map[string]score.Verdict, error) {
	var reply wireReply
	if err := json.Unmarshal([]byte(stripFence(content)), &reply, json.RejectUnknownMembers(true)); err != nil {
		return nil, fmt.Errorf("%w: not the JSON asked for: %s", ErrInvalidReply, shorten(err.Error(), 200))
	}
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	if reply == nil {
		bad("not a JSON object")
	}
	out := make(map[string]score.Verdict, len(criteria))
	for _, c := range criteria {
		a, ok := reply[c.ID]
		if !ok {
			bad("criterion %s missing", c.ID)
			continue
		}
		lo, hi := intScale(c)
		v := score.Verdict{Value: math.NaN(), Rationale: shorten(strings.TrimSpace(a.Rationale), maxRationale)}
		var s int
		switch {
		case len(a.Score) == 0:
			bad("criterion %s: no score (s), not even null for n/a", c.ID)
		case a.Score.Kind() == 'n' && c.NAWhen == "":
			bad("criterion %s: n/a, but it has no n/a rule", c.ID)
		case a.Score.Kind() == 'n':
			v.NA = true
		case json.Unmarshal(a.Score, &s) != nil:
			bad("criterion %s: score %s is not an integer", c.ID, shorten(string(a.Score), 20))
		case s < lo || s > hi:
			bad("criterion %s: score %d outside its scale %d-%d", c.ID, s, lo, hi)
		default:
			v.Value = float64(s)
		}
		for _, t := range a.EvidenceTurns {
			if t < 1 || t > turns {
				bad("criterion %s: evidence turn %d does not exist (turns 1-%d)", c.ID, t, turns)
			}
		}
		v.Evidence = slices.Compact(slices.Sorted(slices.Values(a.EvidenceTurns)))
		out[c.ID] = v
	}
	for id := range reply {
		if !slices.ContainsFunc(criteria, func(c *rubrics.Criterion) bool { return c.ID == id }) {
			bad("unknown criterion %q", shorten(id, 40))
		}
	}
	if len(problems) > 0 {
		slices.Sort(problems)
		return nil, fmt.Errorf("%w: %s", ErrInvalidReply, strings.Join(problems, "; "))
	}
	return out, nil
}

// stripFence removes a Markdown code fence that some local models put around JSON despite the schema.
func stripFence(s string) string {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "```") {
		return s
	}
	s = strings.TrimPrefix(s, "```")
	s = strings.TrimPrefix(s, "json")
	return strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "```"))
}

// shorten cuts s to at most n bytes on a rune boundary.
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }
