//go:build lingua

// The cross-check against lingua-go itself is behind a build tag because linking lingua adds ~130 MB to the
// test binary: go test -tags lingua -run Lingua -bench Lingua ./pipeline/heuristics/
package heuristics

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/pemistahl/lingua-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func linguaDetector(t testing.TB, low bool) lingua.LanguageDetector {
	var isos []lingua.IsoCode639_1
	for _, c := range DefaultLanguages {
		isos = append(isos, lingua.GetIsoCode639_1FromValue(c))
	}
	b := lingua.NewLanguageDetectorBuilder().FromIsoCodes639_1(isos...)
	if low {
		b = b.WithLowAccuracyMode()
	}
	return b.Build()
}

func plantedTexts(t testing.TB) (langs, texts []string) {
	f, err := os.Open("testdata/languages.tsv")
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		p := strings.Split(sc.Text(), "\t")
		if len(p) == 3 && !strings.HasPrefix(p[0], "#") {
			langs = append(langs, p[0], p[0])
			texts = append(texts, p[1], p[2])
		}
	}
	return langs, texts
}

// TestLinguaAgrees checks that the derived detector and lingua itself agree on the planted texts.
func TestLinguaAgrees(t *testing.T) {
	ld := linguaDetector(t, false)
	langs, texts := plantedTexts(t)
	d := analyzer().det
	for i, text := range texts {
		l, ok := ld.DetectLanguageOf(text)
		require.True(t, ok, text)
		want := strings.ToLower(l.IsoCode639_1().String())
		assert.Equal(t, langs[i], want, "lingua on %q", text)
		var st langState
		d.feed(&st, text)
		assert.Equal(t, want, d.langs[d.result(&st)], "ours on %q", text)
	}
}

func BenchmarkLinguaLowAccuracy(b *testing.B) {
	ld := linguaDetector(b, true)
	text := benchConversation().Turns[0].Text
	for b.Loop() {
		ld.DetectLanguageOf(text)
	}
}

func BenchmarkLinguaHighAccuracy(b *testing.B) {
	ld := linguaDetector(b, false)
	text := benchConversation().Turns[0].Text
	for b.Loop() {
		ld.DetectLanguageOf(text)
	}
}

func BenchmarkDerivedDetector(b *testing.B) {
	d := analyzer().det
	text := benchConversation().Turns[0].Text
	for b.Loop() {
		var st langState
		d.feed(&st, text)
		d.result(&st)
	}
}
