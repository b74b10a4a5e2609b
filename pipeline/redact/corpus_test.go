package redact

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// corpusLine is one hand-written example of testdata/pii_corpus.jsonl; a hard negative has no pii.
type corpusLine struct {
	Lang string `json:"lang"`
	Text string `json:"text"`
	PII  []struct {
		Kind Kind   `json:"kind"`
		Text string `json:"text"`
	} `json:"pii"`
	Note string `json:"note"`
}

// tally counts, per kind, the exact (kind, text) agreements between what was expected and what Find returned.
type tally struct {
	tp, fn, fp map[Kind]int
	misses     []string // "KIND text | line" for every expected item not found, and every item found but not expected
}

func newTally() *tally {
	return &tally{tp: map[Kind]int{}, fn: map[Kind]int{}, fp: map[Kind]int{}}
}

func (t *tally) add(text string, want []Match, got []Match) {
	left := slices.Clone(got)
	for _, w := range want {
		i := slices.IndexFunc(left, func(g Match) bool { return g.Kind == w.Kind && g.Text == w.Text })
		if i < 0 {
			t.fn[w.Kind]++
			t.misses = append(t.misses, fmt.Sprintf("missed %s %q in %q", w.Kind, w.Text, text))
			continue
		}
		t.tp[w.Kind]++
		left = slices.Delete(left, i, i+1)
	}
	for _, g := range left {
		t.fp[g.Kind]++
		t.misses = append(t.misses, fmt.Sprintf("false %s %q in %q", g.Kind, g.Text, text))
	}
}

func (t *tally) recall(k Kind) float64    { return ratio(t.tp[k], t.tp[k]+t.fn[k]) }
func (t *tally) precision(k Kind) float64 { return ratio(t.tp[k], t.tp[k]+t.fp[k]) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

var allKinds = []Kind{KindCard, KindIBAN, KindEmail, KindPhone, KindSSN, KindIP, KindAccount}

func (t *tally) report() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-8s %5s %5s %5s %7s %9s\n", "kind", "tp", "fn", "fp", "recall", "precision")
	for _, k := range allKinds {
		fmt.Fprintf(&b, "%-8s %5d %5d %5d %7.3f %9.3f\n", k, t.tp[k], t.fn[k], t.fp[k], t.recall(k), t.precision(k))
	}
	b.WriteString("\n")
	for _, m := range t.misses {
		b.WriteString(m + "\n")
	}
	return b.String()
}

func readCorpus(t testing.TB, name string) []corpusLine {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	require.NoError(t, err)
	defer f.Close()
	var lines []corpusLine
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		var l corpusLine
		require.NoError(t, json.Unmarshal(sc.Bytes(), &l), "%s line %d", name, n)
		lines = append(lines, l)
	}
	require.NoError(t, sc.Err())
	return lines
}

type floor struct{ recall, precision float64 }

// TestCorpus measures per-kind recall and precision (exact kind and text) on two hand-written corpora and
// compares the list of misses and false positives with a golden report (refresh with -update):
//   - pii_corpus.jsonl, the development set the detectors were tuned on;
//   - pii_holdout.jsonl, written afterwards and not used for tuning, the honest estimate.
//
// The floors are the figures reached, rounded down: they guard against regressions.
func TestCorpus(t *testing.T) {
	tests := []struct {
		file         string
		minPositives int
		minNegatives int
		floors       map[Kind]floor
	}{
		{"pii_corpus.jsonl", 150, 150, map[Kind]floor{
			KindCard: {1, 1}, KindIBAN: {1, 1}, KindEmail: {1, 1}, KindPhone: {0.95, 1}, KindSSN: {1, 1},
			KindIP: {1, 1}, KindAccount: {0.9, 1},
		}},
		{"pii_holdout.jsonl", 60, 80, map[Kind]floor{
			KindCard: {1, 1}, KindIBAN: {1, 1}, KindEmail: {1, 1}, KindPhone: {0.9, 1}, KindSSN: {1, 1},
			KindIP: {1, 1}, KindAccount: {1, 1},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			tl := newTally()
			positives, negatives := 0, 0
			for _, l := range readCorpus(t, tt.file) {
				var want []Match
				for _, p := range l.PII {
					want = append(want, Match{Kind: p.Kind, Text: p.Text})
				}
				positives += len(want)
				if len(want) == 0 {
					negatives++
				}
				tl.add(l.Text, want, Find(l.Text))
			}
			require.GreaterOrEqual(t, positives, tt.minPositives)
			require.GreaterOrEqual(t, negatives, tt.minNegatives)
			report := tl.report()
			t.Log("\n" + report)
			for _, k := range allKinds {
				f := tt.floors[k]
				assert.GreaterOrEqual(t, tl.recall(k), f.recall, "recall %s", k)
				assert.GreaterOrEqual(t, tl.precision(k), f.precision, "precision %s", k)
			}
			golden := filepath.Join("testdata", strings.TrimSuffix(tt.file, ".jsonl")+"_report.golden")
			if *update {
				require.NoError(t, os.WriteFile(golden, []byte(report), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err)
			assert.Equal(t, string(want), report, "run go test -run TestCorpus -update to accept the new report")
		})
	}
}
