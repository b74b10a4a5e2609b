package heuristics

import (
	"sync"
	"time"

	"github.com/convqa/convqa/pipeline/transcript"
)

// analyzer is shared by the tests: New is the slow part, and sharing it also exercises reuse.
var analyzer = sync.OnceValue(func() *Analyzer { return New(Options{}) })

var t0 = time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)

func conv(turns ...transcript.Turn) *transcript.Conversation {
	return &transcript.Conversation{ID: "test", Turns: turns}
}

func cu(text string) transcript.Turn {
	return transcript.Turn{Role: transcript.RoleCustomer, Text: text}
}
func bo(text string) transcript.Turn { return transcript.Turn{Role: transcript.RoleBot, Text: text} }
func ag(text string) transcript.Turn { return transcript.Turn{Role: transcript.RoleAgent, Text: text} }
func sy(text string) transcript.Turn { return transcript.Turn{Role: transcript.RoleSystem, Text: text} }

// at stamps a turn sec seconds after t0.
func at(t transcript.Turn, sec int) transcript.Turn {
	t.At = t0.Add(time.Duration(sec) * time.Second)
	return t
}

func signalsOf(turns ...transcript.Turn) Signals { return analyzer().Signals(conv(turns...)) }
