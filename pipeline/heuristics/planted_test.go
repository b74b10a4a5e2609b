package heuristics_test

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/datasets"
	"github.com/convqa/convqa/pipeline/heuristics"
	"github.com/convqa/convqa/pipeline/transcript"
)

// detectors says, for each defect the generator plants, which signal should find it.
var detectors = map[string]func(s *heuristics.Signals) bool{
	datasets.DefectAskedHumanGotHuman: func(s *heuristics.Signals) bool { return s.AskedForHuman && s.GotHuman == 1 },
	datasets.DefectAskedHumanRefused:  func(s *heuristics.Signals) bool { return s.AskedForHuman && s.GotHuman == 0 },
	datasets.DefectBotLoop:            func(s *heuristics.Signals) bool { return s.BotLoops > 0 },
	datasets.DefectFallback:           func(s *heuristics.Signals) bool { return s.BotFallbackAnswers > 0 },
	datasets.DefectCustomerRepeat:     func(s *heuristics.Signals) bool { return s.CustomerRepeats > 0 },
	datasets.DefectFrustration:        func(s *heuristics.Signals) bool { return s.Frustration > 0 },
	datasets.DefectAbandoned:          func(s *heuristics.Signals) bool { return s.Abandoned },
	datasets.DefectPIIExposed:         func(s *heuristics.Signals) bool { return s.AgentPIISevere > 0 },
	datasets.DefectLanguageMismatch:   func(s *heuristics.Signals) bool { return s.LanguageMatch == 0 },
	datasets.DefectResolved:           func(s *heuristics.Signals) bool { return s.Resolved },
	datasets.DefectUnresolved:         func(s *heuristics.Signals) bool { return !s.Resolved },
	datasets.DefectNoTimestamps:       func(s *heuristics.Signals) bool { return math.IsNaN(s.DurationS) },
	datasets.DefectInjection:          func(s *heuristics.Signals) bool { return s.InjectionAttempt },
}

// floors are the recall and precision each detector must reach on the generated corpus. They are set a little
// below what was measured (see the table the test logs), so a regression in a signal fails the test.
var floors = map[string][2]float64{
	datasets.DefectAskedHumanGotHuman: {0.95, 0.95},
	datasets.DefectAskedHumanRefused:  {0.95, 0.95},
	datasets.DefectBotLoop:            {0.99, 0.90},
	datasets.DefectFallback:           {0.95, 0.90},
	datasets.DefectCustomerRepeat:     {0.95, 0.50},
	datasets.DefectFrustration:        {0.90, 0.90},
	datasets.DefectAbandoned:          {0.95, 0.90},
	datasets.DefectPIIExposed:         {0.99, 0.95},
	datasets.DefectLanguageMismatch:   {0.95, 0.95},
	datasets.DefectResolved:           {0.90, 0.90},
	datasets.DefectUnresolved:         {0.90, 0.90},
	datasets.DefectNoTimestamps:       {1, 1},
	datasets.DefectInjection:          {0.99, 0.99},
}

type confusion struct{ tp, fp, fn int }

func (c confusion) recall() float64    { return float64(c.tp) / float64(c.tp+c.fn) }
func (c confusion) precision() float64 { return float64(c.tp) / float64(c.tp+c.fp) }

// TestPlantedDefects checks that the signals find the defects the synthetic generator planted, and only those.
func TestPlantedDefects(t *testing.T) {
	n := 6000
	if testing.Short() {
		n = 1500
	}
	an := heuristics.New(heuristics.Options{})
	got := map[string]*confusion{}
	misses := map[string][]string{}
	for d := range detectors {
		got[d] = &confusion{}
	}
	err := datasets.Generate(datasets.GenOptions{N: n, Seed: 11}, func(c *transcript.Conversation, tr datasets.Truth) error {
		s := an.Signals(c)
		for d, detect := range detectors {
			planted, found := tr.Has(d), detect(&s)
			switch {
			case planted && found:
				got[d].tp++
			case planted:
				got[d].fn++
				misses[d] = append(misses[d], c.ID+" "+c.Language)
			case found:
				got[d].fp++
				misses[d] = append(misses[d], "FP "+c.ID+" "+c.Language)
			}
		}
		return nil
	})
	require.NoError(t, err)
	names := make([]string, 0, len(got))
	for d := range got {
		names = append(names, d)
	}
	sort.Strings(names)
	var table strings.Builder
	fmt.Fprintf(&table, "%-24s %6s %6s %6s %8s %9s\n", "defect", "tp", "fp", "fn", "recall", "precision")
	for _, d := range names {
		c := got[d]
		fmt.Fprintf(&table, "%-24s %6d %6d %6d %8.3f %9.3f\n", d, c.tp, c.fp, c.fn, c.recall(), c.precision())
	}
	t.Logf("planted defects on %d generated conversations:\n%s", n, table.String())
	for _, d := range names {
		c, f := got[d], floors[d]
		require.Greater(t, c.tp+c.fn, 0, "%s: nothing planted", d)
		ok1 := assert.GreaterOrEqual(t, c.recall(), f[0], "%s recall", d)
		ok2 := assert.GreaterOrEqual(t, c.precision(), f[1], "%s precision", d)
		if !ok1 || !ok2 {
			m := misses[d]
			t.Logf("%s: first misses: %v", d, m[:min(len(m), 8)])
		}
	}
}
