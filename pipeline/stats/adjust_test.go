package stats

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stratum returns n observations of stratum s alternating around mu by ±spread, so that the stratum mean
// is exactly mu (for even n) and the bootstrap has variance to work with.
func stratum(s string, n int, mu, spread float64) []Obs {
	obs := make([]Obs, n)
	for i := range obs {
		d := spread
		if i%2 == 1 {
			d = -spread
		}
		obs[i] = Obs{Value: mu + d, Stratum: s}
	}
	return obs
}

func values(obs []Obs) []float64 {
	v := make([]float64, len(obs))
	for i, o := range obs {
		v[i] = o.Value
	}
	return v
}

// simpson plants Simpson's paradox. The bot handles mostly easy conversations and humans mostly hard ones;
// within each stratum the bot scores 0.5 lower, yet its raw mean is higher:
//
//	bot:   easy 90 × 4.0, hard 10 × 2.0  -> raw mean 3.8
//	human: easy 10 × 4.5, hard 90 × 2.5  -> raw mean 2.7        raw difference +1.1
//	bot standardised to the human mix: 0.1·4.0 + 0.9·2.0 = 2.2  adjusted difference 2.2 - 2.7 = -0.5
func simpson() (bot, human []Obs) {
	bot = append(stratum("easy", 90, 4.0, 0.5), stratum("hard", 10, 2.0, 0.5)...)
	human = append(stratum("easy", 10, 4.5, 0.5), stratum("hard", 90, 2.5, 0.5)...)
	return bot, human
}

func TestAdjustedDiffCISimpson(t *testing.T) {
	bot, human := simpson()
	raw := DiffCI(values(bot), values(human), BootstrapOptions{Seed: 1})
	adj := AdjustedDiffCI(bot, human, BootstrapOptions{Seed: 1})

	assert.InDelta(t, 1.1, raw.Estimate, 1e-12)
	assert.Greater(t, raw.Lo, 0.0, "raw: the bot looks better")
	assert.InDelta(t, -0.5, adj.Diff.Estimate, 1e-12)
	assert.Less(t, adj.Diff.Hi, 0.0, "adjusted: the bot is worse in every stratum")
	assert.LessOrEqual(t, adj.Diff.Lo, adj.Diff.Estimate)
	assert.Equal(t, 1.0, adj.Coverage)
	assert.Equal(t, 2, adj.Strata)
	assert.Equal(t, adj, AdjustedDiffCI(bot, human, BootstrapOptions{Seed: 1}), "seeded")
}

func TestAdjustedDiffCI(t *testing.T) {
	bot, human := simpson()
	nan := math.NaN()
	tests := []struct {
		name         string
		a, b         []Obs
		want         Interval // Lo and Hi checked only for NaN-ness
		wantCoverage float64
		wantStrata   int
	}{
		{
			name: "human stratum missing from the bot",
			a:    bot,
			// 20 human conversations in a stratum the bot never saw: excluded, coverage 100/120.
			b:            append(append([]Obs{}, human...), stratum("legal", 20, 1.0, 0.5)...),
			want:         Interval{Estimate: -0.5},
			wantCoverage: 100.0 / 120.0,
			wantStrata:   2,
		},
		{
			name:         "bot stratum missing from humans gets no weight",
			a:            append(append([]Obs{}, bot...), stratum("legal", 50, 0.0, 0.5)...),
			b:            human,
			want:         Interval{Estimate: -0.5},
			wantCoverage: 1,
			wantStrata:   2,
		},
		{
			name: "same mix equals the raw difference",
			a:    append(stratum("x", 10, 3, 1), stratum("y", 30, 1, 1)...),
			b:    append(stratum("y", 60, 2, 1), stratum("x", 20, 2, 1)...),
			// (10·3 + 30·1)/40 - 2 = -0.5
			want:         Interval{Estimate: -0.5},
			wantCoverage: 1,
			wantStrata:   2,
		},
		{
			name:       "no common stratum",
			a:          stratum("x", 10, 3, 1),
			b:          stratum("y", 10, 3, 1),
			want:       Interval{nan, nan, nan},
			wantStrata: 0,
		},
		{
			name:       "empty groups",
			want:       Interval{nan, nan, nan},
			wantStrata: 0,
		},
		{
			name:         "one observation per group",
			a:            []Obs{{Value: 3, Stratum: "x"}},
			b:            []Obs{{Value: 1, Stratum: "x"}},
			want:         Interval{2, nan, nan},
			wantCoverage: 1,
			wantStrata:   1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := AdjustedDiffCI(tt.a, tt.b, BootstrapOptions{Resamples: 500, Seed: 3})
			assert.InDelta(t, tt.wantCoverage, got.Coverage, 1e-12)
			assert.Equal(t, tt.wantStrata, got.Strata)
			if math.IsNaN(tt.want.Estimate) {
				assert.True(t, math.IsNaN(got.Diff.Estimate), "estimate %v, want NaN", got.Diff.Estimate)
			} else {
				assert.InDelta(t, tt.want.Estimate, got.Diff.Estimate, 1e-12)
			}
			assert.Equal(t, math.IsNaN(tt.want.Lo), math.IsNaN(got.Diff.Lo), "Lo %v", got.Diff.Lo)
			assert.Equal(t, math.IsNaN(tt.want.Lo), math.IsNaN(got.Diff.Hi), "Hi %v", got.Diff.Hi)
		})
	}
}

// TestAdjustedDiffCIOneStratum checks that with a single stratum the adjusted interval is the plain
// independent bootstrap's, up to resampling noise.
func TestAdjustedDiffCIOneStratum(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	a, b := normals(r, 200, 1, 1), normals(r, 300, 0, 1)
	var oa, ob []Obs
	for _, v := range a {
		oa = append(oa, Obs{Value: v, Stratum: "all"})
	}
	for _, v := range b {
		ob = append(ob, Obs{Value: v, Stratum: "all"})
	}
	o := BootstrapOptions{Resamples: 4000, Seed: 9}
	got := AdjustedDiffCI(oa, ob, o)
	want := DiffCI(a, b, o)
	require.InDelta(t, want.Estimate, got.Diff.Estimate, 1e-12)
	width := want.Hi - want.Lo
	assert.InDelta(t, want.Lo, got.Diff.Lo, 0.05*width)
	assert.InDelta(t, want.Hi, got.Diff.Hi, 0.05*width)
}

// TestAdjustedDiffCISmallStrata guards against intervals that ignore the uncertainty of thin strata: the bot
// has one observation in each of ten strata, so its re-weighted mean is as uncertain as ten observations are.
func TestAdjustedDiffCISmallStrata(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 5))
	var oa, ob []Obs
	var a, b []float64
	for s := range 10 {
		v := r.NormFloat64()
		a = append(a, v)
		oa = append(oa, Obs{Value: v, Stratum: fmt.Sprint(s)})
		for range 20 {
			w := r.NormFloat64()
			b = append(b, w)
			ob = append(ob, Obs{Value: w, Stratum: fmt.Sprint(s)})
		}
	}
	o := BootstrapOptions{Seed: 2}
	adj := AdjustedDiffCI(oa, ob, o)
	raw := DiffCI(a, b, o)
	assert.Greater(t, adj.Diff.Hi-adj.Diff.Lo, 0.7*(raw.Hi-raw.Lo), "adjusted %+v raw %+v", adj.Diff, raw)
}

func BenchmarkAdjustedDiffCI(b *testing.B) {
	// The bot and human groups of one criterion: 100k observations each over 40 topic × language strata.
	r := rand.New(rand.NewPCG(1, 1))
	var bot, human []Obs
	for i := range 100000 {
		bot = append(bot, Obs{Value: r.NormFloat64(), Stratum: fmt.Sprintf("s%d", r.IntN(40))})
		human = append(human, Obs{Value: r.NormFloat64(), Stratum: fmt.Sprintf("s%d", i%40)})
	}
	b.ReportAllocs()
	for b.Loop() {
		AdjustedDiffCI(bot, human, BootstrapOptions{Seed: 1})
	}
}
