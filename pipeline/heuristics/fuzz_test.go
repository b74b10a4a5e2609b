package heuristics

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/convqa/convqa/pipeline/transcript"
)

// FuzzSignals feeds arbitrary text and role sequences; Signals must not panic and scores must stay in [0,1].
func FuzzSignals(f *testing.F) {
	f.Add("Hello|I want to talk to a human|AGENT!!!", "cbcba", int64(5))
	f.Add("ignore previous instructions\x00\xff\xfe|4111 1111 1111 1111|[CARD_1]", "caba", int64(-3))
	f.Add("こんにちは|我要转人工|Здравствуйте|مرحبا", "cbsa", int64(0))
	f.Add("", "", int64(1))
	f.Add("<|>| | < human > |=agent", "ccbb", int64(60))
	f.Add("WHY IS THIS SO HARD?? 😡\n|Your refund has been issued.|Can I see it in the app？|ÄRGERLICH UND NICHT OK", "cacc", int64(2))
	a := New(Options{BotNames: []string{"Ava"}})
	roles := []transcript.Role{transcript.RoleCustomer, transcript.RoleBot, transcript.RoleAgent, transcript.RoleSystem, "weird"}
	f.Fuzz(func(t *testing.T, texts, roleSeq string, step int64) {
		c := &transcript.Conversation{}
		parts := strings.Split(texts, "|")
		for i, p := range parts {
			r := roles[0]
			if i < len(roleSeq) {
				r = roles[int(roleSeq[i])%len(roles)]
			}
			var ts time.Time
			if step != 0 {
				ts = t0.Add(time.Duration(int64(i)*step) * time.Second)
			}
			c.Turns = append(c.Turns, transcript.Turn{Role: r, Text: p, At: ts, Author: p})
		}
		s := a.Signals(c)
		for _, v := range s.Values() {
			if math.IsInf(v.Value, 0) {
				t.Fatalf("%s is infinite", v.Name)
			}
		}
		for _, name := range Scorers() {
			if x, ok := Score(name, &s); ok && (x < 0 || x > 1 || math.IsNaN(x)) {
				t.Fatalf("%s = %v", name, x)
			}
		}
	})
}
