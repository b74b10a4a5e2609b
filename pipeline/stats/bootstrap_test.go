package stats

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func normals(r *rand.Rand, n int, mu, sigma float64) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = mu + sigma*r.NormFloat64()
	}
	return x
}

func TestMeanCIEdgeCases(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		x    []float64
		o    BootstrapOptions
		want Interval
	}{
		{"empty", nil, BootstrapOptions{}, Interval{nan, nan, nan}},
		{"one value", []float64{3}, BootstrapOptions{}, Interval{3, nan, nan}},
		{"constant", []float64{2, 2, 2, 2}, BootstrapOptions{}, Interval{2, 2, 2}},
		{"NaN value", []float64{1, nan, 3}, BootstrapOptions{}, Interval{nan, nan, nan}},
		{"infinite value", []float64{1, math.Inf(1)}, BootstrapOptions{}, Interval{math.Inf(1), nan, nan}},
		{"level above one", []float64{1, 2, 3}, BootstrapOptions{Level: 1.5}, Interval{2, nan, nan}},
		{"level one", []float64{1, 2, 3}, BootstrapOptions{Level: 1}, Interval{2, nan, nan}},
		{"negative level", []float64{1, 2, 3}, BootstrapOptions{Level: -0.5}, Interval{2, nan, nan}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := MeanCI(tt.x, tt.o)
			assertInterval(t, tt.want, got)
		})
	}
}

func assertInterval(t *testing.T, want, got Interval) {
	t.Helper()
	for _, f := range []struct {
		name      string
		want, got float64
	}{{"Estimate", want.Estimate, got.Estimate}, {"Lo", want.Lo, got.Lo}, {"Hi", want.Hi, got.Hi}} {
		if math.IsNaN(f.want) {
			assert.True(t, math.IsNaN(f.got), "%s = %v, want NaN", f.name, f.got)
			continue
		}
		assert.InDelta(t, f.want, f.got, 1e-12, f.name)
	}
}

func TestMeanCIDeterministic(t *testing.T) {
	x := normals(rand.New(rand.NewPCG(1, 2)), 500, 3, 1)
	a := MeanCI(x, BootstrapOptions{Seed: 7})
	b := MeanCI(x, BootstrapOptions{Seed: 7})
	c := MeanCI(x, BootstrapOptions{Seed: 8})
	assert.Equal(t, a, b, "same seed, same interval")
	assert.NotEqual(t, a, c, "another seed draws other resamples")
	assert.Equal(t, a.Estimate, c.Estimate, "the estimate does not depend on the seed")
}

// TestMeanCICoverage checks the defining property of a 95% interval: over 200 normal samples of size 50
// (seeded), it covers the true mean in 90-99% of them. The percentile bootstrap runs slightly narrow for
// small n, so the band is not centred on 95%.
func TestMeanCICoverage(t *testing.T) {
	const trueMean, trials = 10.0, 200
	r := rand.New(rand.NewPCG(42, 42))
	covered := 0
	for i := range trials {
		x := normals(r, 50, trueMean, 2)
		ci := MeanCI(x, BootstrapOptions{Resamples: 1000, Seed: uint64(i)})
		require.LessOrEqual(t, ci.Lo, ci.Estimate)
		require.LessOrEqual(t, ci.Estimate, ci.Hi)
		if ci.Contains(trueMean) {
			covered++
		}
	}
	rate := float64(covered) / trials
	t.Logf("coverage %.3f", rate)
	assert.GreaterOrEqual(t, rate, 0.90)
	assert.LessOrEqual(t, rate, 0.99)
}

// TestMeanCIWidth compares the bootstrap interval with the normal-theory one, mean ± 1.96·s/√n, which it
// must approach for a large normal sample.
func TestMeanCIWidth(t *testing.T) {
	x := normals(rand.New(rand.NewPCG(3, 4)), 10000, 0, 1)
	m := mean(x)
	var ss float64
	for _, v := range x {
		ss += (v - m) * (v - m)
	}
	se := math.Sqrt(ss/float64(len(x)-1)) / math.Sqrt(float64(len(x)))
	for _, level := range []float64{0.95, 0.80} {
		z := map[float64]float64{0.95: 1.959964, 0.80: 1.281552}[level]
		ci := MeanCI(x, BootstrapOptions{Level: level, Seed: 1})
		assert.InEpsilon(t, z*se, ci.Hi-m, 0.1, "upper half-width at %v", level)
		assert.InEpsilon(t, z*se, m-ci.Lo, 0.1, "lower half-width at %v", level)
	}
}

func TestMeanCIAllocations(t *testing.T) {
	x := normals(rand.New(rand.NewPCG(5, 6)), 100, 0, 1)
	for _, resamples := range []int{10, 1000} {
		allocs := testing.AllocsPerRun(5, func() { MeanCI(x, BootstrapOptions{Resamples: resamples}) })
		assert.LessOrEqual(t, allocs, 2.0, "allocations with %d resamples", resamples)
	}
}

func TestDiffCI(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	a, b := normals(r, 400, 1, 1), normals(r, 600, 0, 1)
	ci := DiffCI(a, b, BootstrapOptions{Seed: 1})
	assert.InDelta(t, mean(a)-mean(b), ci.Estimate, 1e-12)
	assert.True(t, ci.Contains(1) || math.Abs(ci.Estimate-1) < 0.2, "interval %+v far from the true difference", ci)
	assert.Greater(t, ci.Lo, 0.0, "a difference of one standard deviation is detected")
	assert.Equal(t, ci, DiffCI(a, b, BootstrapOptions{Seed: 1}))

	one := DiffCI(a, []float64{0}, BootstrapOptions{})
	assert.False(t, math.IsNaN(one.Estimate))
	assert.True(t, math.IsNaN(one.Lo) && math.IsNaN(one.Hi), "one value in b leaves the interval undefined")
}

func TestPairedDiffCI(t *testing.T) {
	// Scores that vary a lot between items but little between two releases on the same item: pairing
	// removes the item variance, so only the paired interval detects the small improvement.
	r := rand.New(rand.NewPCG(11, 12))
	base := normals(r, 300, 3, 1)
	a, b := make([]float64, len(base)), make([]float64, len(base))
	for i, v := range base {
		a[i] = v + 0.1 + 0.05*r.NormFloat64()
		b[i] = v + 0.05*r.NormFloat64()
	}
	paired := PairedDiffCI(a, b, BootstrapOptions{Seed: 1})
	unpaired := DiffCI(a, b, BootstrapOptions{Seed: 1})
	assert.InDelta(t, paired.Estimate, unpaired.Estimate, 1e-12, "same point estimate")
	assert.Greater(t, paired.Lo, 0.0)
	assert.Less(t, unpaired.Lo, 0.0)
	assert.Less(t, paired.Hi-paired.Lo, (unpaired.Hi-unpaired.Lo)/5)

	mismatched := PairedDiffCI(a, b[1:], BootstrapOptions{})
	assertInterval(t, Interval{math.NaN(), math.NaN(), math.NaN()}, mismatched)
}

func TestSamplerIndexUniform(t *testing.T) {
	tests := []struct {
		name string
		n    uint32
	}{
		{"three", 3},
		{"ten", 10},
		{"thousand", 1000},
		// Just over 2³¹: half of all words land in the rejection zone, so this exercises reject.
		{"rejection heavy", 1<<31 + 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSampler(1)
			const draws, buckets = 200000, 10
			var hist [buckets]float64
			for range draws {
				i := s.index(uint32(s.src.Uint64()), tt.n)
				require.Less(t, i, tt.n)
				hist[uint64(i)*buckets/uint64(tt.n)]++
			}
			// Bucket b holds the indices i with ⌊10i/n⌋ = b; its expected share is their count over n.
			for bkt, got := range hist {
				lo := (uint64(bkt)*uint64(tt.n) + buckets - 1) / buckets
				hi := (uint64(bkt+1)*uint64(tt.n) + buckets - 1) / buckets
				want := draws * float64(hi-lo) / float64(tt.n)
				assert.InDelta(t, want, got, 5*math.Sqrt(want+1), "bucket %d", bkt)
			}
		})
	}
}

func TestSamplerSumLarge(t *testing.T) {
	// sumLarge serves samples past 2³² values, which no test can allocate; it is exact for any size, so
	// check it on a small sample against the resampling distribution of the mean.
	x := []float64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	s := newSampler(3)
	const rounds = 20000
	var sum, sumSq float64
	for range rounds {
		m := s.sumLarge(x) / 10
		sum += m
		sumSq += m * m
	}
	mu := sum / rounds
	variance := sumSq/rounds - mu*mu
	assert.InDelta(t, 4.5, mu, 0.03)
	assert.InDelta(t, 8.25/10, variance, 0.05, "variance of a resample mean is σ²/n")
}

func BenchmarkMeanCI(b *testing.B) {
	for _, n := range []int{1000, 100000} {
		x := normals(rand.New(rand.NewPCG(1, 1)), n, 3, 1)
		b.Run(fmt.Sprintf("n=%d/R=2000", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				MeanCI(x, BootstrapOptions{Seed: 1})
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n)/2000, "ns/draw")
		})
	}
}

// TestSamplerSumMatchesIndex checks that the hand-inlined loop of sum draws exactly what index draws.
func TestSamplerSumMatchesIndex(t *testing.T) {
	for _, n := range []int{1, 2, 7, 1000} {
		x := make([]float64, n)
		for i := range x {
			x[i] = float64(i * i)
		}
		fast, slow := newSampler(5), newSampler(5)
		for range 50 {
			var want float64
			var t0, t1 float64
			for i := 0; i < n; i += 2 {
				r := slow.src.Uint64()
				t0 += x[slow.index(uint32(r), uint32(n))]
				if i+1 < n {
					t1 += x[slow.index(uint32(r>>32), uint32(n))]
				}
			}
			want = t0 + t1
			require.Equal(t, want, fast.sum(x), "n=%d", n)
		}
	}
}
