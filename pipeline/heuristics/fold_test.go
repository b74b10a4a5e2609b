package heuristics

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "< >"},
		{"Hello, World!", "< hello world >"},
		{"Ich MÖCHTE mit einem Menschen sprechen", "< ich mochte mit einem menschen sprechen >"},
		{"Straße, Øresund, Æble, Łódź, İstanbul", "< strasse oresund aeble lodz istanbul >"},
		{"don't   stop--now", "< don t stop now >"},
		{"Привет, МИР", "< привет мир >"},
		{"我要转人工。", "< 我要转人工 >"},
		{"नमस्ते", "< नमस्ते >"},
		{"bad \xff utf8", "< bad utf8 >"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, _ := fold(nil, tc.in)
			assert.Equal(t, tc.want, string(got))
		})
	}
	_, st := fold(nil, "WHY?!?! Is this   it. Yes\nno")
	assert.Equal(t, 4, st.bangRun)
	assert.Equal(t, 6, st.words)
	assert.Equal(t, 4, st.sentences)
	assert.Equal(t, 5, st.upper)
	assert.True(t, st.question)

	_, st = fold(nil, "Still waiting 😡 🙂")
	assert.Equal(t, 1, st.angry)
	assert.False(t, st.question)
}

func TestShoutedRun(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"WHY?!?! Is this it", 0},
		{"WHY IS THIS SO HARD?? I just want it fixed", 16}, // WHY IS THIS SO HARD I: a run may cross a sentence end
		{"Hi. I WANT MY MONEY BACK", 16},
		{"Hi\nPLEASE CALL ME BACK", 16},
		{"Sent with DHL and UPS, ref ABC 123 XYZ, PIN OK", 0}, // inside a sentence: codes
		{"It says DELIVERED TO PARCEL LOCKER 12", 0},          // inside a sentence: a quote
		{"ORDER 12345 STILL NOT HERE", 17},                    // numbers neither extend nor break a run
		{"ÄRGERLICH UND ÜBERHAUPT NICHT OK", 28},
		{"", 0},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, shoutedRun(tc.in), tc.in)
	}
}

func TestExpand(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"talk to a human", []string{" talk to a human "}},
		{"{talk|speak} to {a|}  human", []string{" talk to a human ", " speak to a human ", " talk to human ", " speak to human "}},
		{"frustrat*", []string{" frustrat"}},
		{"*scheiße", []string{"scheisse "}},
		{"=agent {please|}", []string{"< agent please >", "< agent >"}},
		{"didn't get", []string{" didn t get ", " didnt get "}},
		{"转人工", []string{"转人工"}},
		{"Människa", []string{" manniska "}},
		{"{}", nil},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			assert.ElementsMatch(t, tc.want, expand(tc.in))
		})
	}
}

func TestMatcher(t *testing.T) {
	m := newMatcher([]string{" he ", " she ", "his", " hers "}, []category{catGreeting, catClosing, catThanks, catFallback})
	var counts [numCategories]uint16
	text, _ := fold(nil, "ushers, he said; this is his HERS")
	seen := m.match(text, &counts)
	assert.True(t, seen.has(catGreeting))
	assert.False(t, seen.has(catClosing), "she only inside ushers")
	assert.True(t, seen.has(catThanks))
	assert.True(t, seen.has(catFallback))
	assert.Equal(t, uint16(2), counts[catThanks], "this and his")
	// Dense and sparse transitions agree with the plain automaton.
	for s := int32(0); s < int32(len(m.out)); s++ {
		for c := range m.nclass {
			require.Equal(t, m.gotoSparse(s, uint8(c)), m.step(s, uint8(c)))
		}
	}
}

func TestProfiles(t *testing.T) {
	profiles, err := embeddedProfiles()
	require.NoError(t, err)
	assert.GreaterOrEqual(t, len(profiles), 60)
	have := map[string]bool{}
	for _, p := range profiles {
		have[p.lang] = true
		assert.Len(t, p.qs, len(p.keys), p.lang)
	}
	for _, l := range DefaultLanguages {
		if _, ok := scriptLangs[l]; !ok {
			assert.True(t, have[l], "profile for %s", l)
		}
	}
	_, err = loadProfiles([]byte("not gzip"))
	assert.Error(t, err)
	d := newDetector(nil, []string{"en"})
	assert.Empty(t, d.langs, "no profiles, no languages")
	var st langState
	d.feed(&st, "hello world, this is English")
	assert.Equal(t, -1, d.result(&st))
}
