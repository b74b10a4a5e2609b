package heuristics

import (
	"math"
	"sync"
	"testing"

	"github.com/convqa/convqa/pipeline/transcript"
	"github.com/stretchr/testify/assert"
)

// TestConcurrentSignals runs one Analyzer from many goroutines (run with -race) and checks that every result
// equals the sequential one, so the pooled scratch space never leaks between calls.
func TestConcurrentSignals(t *testing.T) {
	a := New(Options{})
	convs := []*transcript.Conversation{benchConversation(),
		conv(cu("Ich möchte mit einem Menschen sprechen!!!"), bo("Das habe ich nicht verstanden."), ag("Hallo, wie kann ich helfen?")),
		conv(cu("我要转人工"), bo("好的"), ag("您好")),
		conv(),
	}
	want := make([][]Value, len(convs))
	for i, c := range convs {
		s := a.Signals(c)
		want[i] = s.Values()
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for k := range 200 {
				i := (g + k) % len(convs)
				s := a.Signals(convs[i])
				got := s.Values()
				for j := range got {
					w := want[i][j].Value
					if got[j].Value != w && !(math.IsNaN(w) && math.IsNaN(got[j].Value)) {
						assert.Failf(t, "concurrent result differs", "%s: %v != %v", got[j].Name, got[j].Value, w)
						return
					}
				}
			}
		})
	}
	wg.Wait()
}
