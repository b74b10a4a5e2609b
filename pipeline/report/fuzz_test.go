package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/convqa/convqa/pipeline/store"
)

func runInfo() store.RunInfo {
	return store.RunInfo{ID: "20261126T030000Z-abcdef", Status: "finished", RubricName: "support", RubricVersion: "1.0.0", Judge: "off"}
}

// FuzzHTMLEscapes renders a worst conversation whose id, rationale and turn text are arbitrary: however
// hostile, the text must not add a single tag to the page.
func FuzzHTMLEscapes(f *testing.F) {
	for _, s := range []string{"<script>alert(1)</script>", "</li></ol><img src=x onerror=alert(1)>", "]]><!--", "&lt;b&gt;",
		"\"'><svg onload=alert(1)>", "\x00\xff", "javascript:alert(1)"} {
		f.Add(s)
	}
	render := func(text string) string {
		r := emptyReport()
		r.Worst = []Conversation{{ID: text, Channel: "bot", Topic: text, QualityIndex: 0, Rationale: text,
			Failed: Criterion{Name: "safety_pii", Value: 1, Scale: Scale{1, 5}},
			Turns:  []Turn{{Number: 1, Role: "customer", Text: text}}, TotalTurns: 1}}
		var b bytes.Buffer
		if err := r.HTML(&b); err != nil {
			panic(err)
		}
		return b.String()
	}
	base := strings.Count(render("x"), "<")
	f.Fuzz(func(t *testing.T, text string) {
		page := render(text)
		if n := strings.Count(page, "<"); n > base {
			t.Fatalf("text %q added tags: %d, want at most %d", text, n, base)
		}
	})
}
