package stats

import (
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"
)

// Interval is a point estimate with a confidence interval. Lo and Hi are NaN when the interval is undefined
// (too few observations, an invalid level); Estimate is NaN when the estimate itself is undefined (no data).
type Interval struct {
	Estimate, Lo, Hi float64
}

// Contains reports whether v lies in [Lo, Hi]; it is false when the interval is undefined.
func (i Interval) Contains(v float64) bool { return i.Lo <= v && v <= i.Hi }

// BootstrapOptions configures a percentile bootstrap. A zero BootstrapOptions consists entirely of defaults.
type BootstrapOptions struct {
	// Resamples is the number of bootstrap resamples; zero or negative means 2000, enough for stable 95%
	// percentile bounds. Callers comparing many groups over large samples may lower it: the cost is
	// Resamples × n random draws.
	Resamples int
	// Level is the confidence level in (0, 1); zero means 0.95. Any other value outside (0, 1) makes Lo and
	// Hi NaN.
	Level float64
	// Seed seeds the generator: the same input and options always give the same interval.
	Seed uint64
}

func (o BootstrapOptions) applyDefaults() BootstrapOptions {
	if o.Resamples <= 0 {
		o.Resamples = 2000
	}
	if o.Level == 0 {
		o.Level = 0.95
	}
	return o
}

func (o BootstrapOptions) validLevel() bool { return o.Level > 0 && o.Level < 1 }

// MeanCI returns the mean of x with a percentile-bootstrap confidence interval. With fewer than two
// values, or a non-finite mean, Lo and Hi are NaN. The cost is o.Resamples × len(x) draws from a seeded PCG
// generator, with no allocation per resample.
func MeanCI(x []float64, o BootstrapOptions) Interval {
	o = o.applyDefaults()
	est := mean(x)
	if len(x) < 2 || !isFinite(est) || !o.validLevel() {
		return Interval{Estimate: est, Lo: math.NaN(), Hi: math.NaN()}
	}
	s := newSampler(o.Seed)
	stats := make([]float64, o.Resamples)
	n := float64(len(x))
	for r := range stats {
		stats[r] = s.sum(x) / n
	}
	lo, hi := percentiles(stats, o.Level)
	return Interval{Estimate: est, Lo: lo, Hi: hi}
}

// DiffCI returns mean(a) - mean(b) with a percentile-bootstrap confidence interval, resampling a and b
// independently (two unrelated samples, such as the bot and human channels). Lo and Hi are NaN when either
// sample has fewer than two values.
func DiffCI(a, b []float64, o BootstrapOptions) Interval {
	o = o.applyDefaults()
	est := mean(a) - mean(b)
	if len(a) < 2 || len(b) < 2 || !isFinite(est) || !o.validLevel() {
		return Interval{Estimate: est, Lo: math.NaN(), Hi: math.NaN()}
	}
	s := newSampler(o.Seed)
	stats := make([]float64, o.Resamples)
	na, nb := float64(len(a)), float64(len(b))
	for r := range stats {
		stats[r] = s.sum(a)/na - s.sum(b)/nb
	}
	lo, hi := percentiles(stats, o.Level)
	return Interval{Estimate: est, Lo: lo, Hi: hi}
}

// PairedDiffCI returns the mean of a[i] - b[i] with a percentile-bootstrap confidence interval that resamples
// the pairs, as when two bot releases are scored on the same suite. When the lengths differ the pairing is
// meaningless and every field is NaN.
func PairedDiffCI(a, b []float64, o BootstrapOptions) Interval {
	if len(a) != len(b) {
		return Interval{Estimate: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}
	}
	d := make([]float64, len(a))
	for i := range a {
		d[i] = a[i] - b[i]
	}
	return MeanCI(d, o)
}

// percentiles returns the (1-level)/2 and (1+level)/2 quantiles of stats, which it sorts in place.
func percentiles(stats []float64, level float64) (lo, hi float64) {
	slices.Sort(stats)
	alpha := 1 - level
	return quantile(stats, alpha/2), quantile(stats, 1-alpha/2)
}

// quantile interpolates linearly between order statistics of the sorted slice s (type 7 in Hyndman and Fan,
// R's default).
func quantile(s []float64, p float64) float64 {
	if len(s) == 0 {
		return math.NaN()
	}
	h := p * float64(len(s)-1)
	i := int(h)
	if i >= len(s)-1 {
		return s[len(s)-1]
	}
	return s[i] + (h-float64(i))*(s[i+1]-s[i])
}

func mean(x []float64) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	var sum float64
	for _, v := range x {
		sum += v
	}
	return sum / float64(len(x))
}

func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// sampler draws bootstrap resamples. It is the hot loop of every interval: a PCG generator held by value,
// two 32-bit indices per 64-bit draw, and Lemire's multiply-shift reduction, whose rejection step (taken
// with probability n/2³²) keeps every index exactly uniform.
type sampler struct {
	src rand.PCG
}

func newSampler(seed uint64) *sampler {
	s := &sampler{}
	// The second PCG word is fixed: one seed per caller is all the API promises.
	s.src.Seed(seed, 0x9e3779b97f4a7c15)
	return s
}

// sum returns the sum of a resample of x drawn with replacement, of the same size as x.
func (s *sampler) sum(x []float64) float64 {
	n := len(x)
	if n == 0 {
		return 0
	}
	if uint64(n) > math.MaxUint32 {
		return s.sumLarge(x)
	}
	bound := uint32(n)
	// Two accumulators halve the floating-point dependency chain.
	var t0, t1 float64
	i := 0
	for ; i+1 < n; i += 2 {
		// index, written out: the call is just over the compiler's inlining budget.
		r := s.src.Uint64()
		m0 := (r & math.MaxUint32) * uint64(bound)
		m1 := (r >> 32) * uint64(bound)
		if uint32(m0) < bound {
			m0 = s.reject(m0, bound)
		}
		if uint32(m1) < bound {
			m1 = s.reject(m1, bound)
		}
		t0 += x[m0>>32]
		t1 += x[m1>>32]
	}
	if i < n {
		t0 += x[s.index(uint32(s.src.Uint64()), bound)]
	}
	return t0 + t1
}

// index maps the random word v onto [0, n).
func (s *sampler) index(v, n uint32) uint32 {
	m := uint64(v) * uint64(n)
	if uint32(m) < n {
		m = s.reject(m, n)
	}
	return uint32(m >> 32)
}

// reject is the rare branch of Lemire's method: it redraws while the low word falls in the biased zone.
func (s *sampler) reject(m uint64, n uint32) uint64 {
	t := -n % n
	for uint32(m) < t {
		m = uint64(uint32(s.src.Uint64())) * uint64(n)
	}
	return m
}

// sumLarge is sum for samples too large for 32-bit indices.
func (s *sampler) sumLarge(x []float64) float64 {
	n := uint64(len(x))
	var t float64
	for range x {
		hi, lo := bits.Mul64(s.src.Uint64(), n)
		if lo < n {
			thresh := -n % n
			for lo < thresh {
				hi, lo = bits.Mul64(s.src.Uint64(), n)
			}
		}
		t += x[hi]
	}
	return t
}
