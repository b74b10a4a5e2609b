package datasets

import (
	"math"
	"math/bits"
	"time"
)

// rng is a splitmix64 generator. It is written out here rather than taken from math/rand/v2 because the demo
// corpus is a golden file: its bytes must not depend on how a Go release derives IntN or Float64 from a source.
type rng struct{ s uint64 }

// newRNG returns the generator of conversation i for seed: each conversation has its own stream, so one
// conversation's draws never shift the next one's.
func newRNG(seed uint64, i int) *rng {
	r := &rng{s: seed ^ 0x5851f42d4c957f2d}
	r.s = r.next() ^ uint64(i)*0x9e3779b97f4a7c15
	r.next()
	return r
}

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// intn returns a number in [0, n); n must be positive.
func (r *rng) intn(n int) int {
	hi, _ := bits.Mul64(r.next(), uint64(n))
	return int(hi)
}

// between returns a number in [lo, hi].
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

// float returns a number in [0, 1).
func (r *rng) float() float64 { return float64(r.next()>>11) / (1 << 53) }

// chance reports true with probability p.
func (r *rng) chance(p float64) bool { return r.float() < p }

// pick returns a random element of s; s must not be empty.
func (r *rng) pick(s []string) string { return s[r.intn(len(s))] }

// logUniform returns a duration between lo and hi whose logarithm is uniform: most waits are short, a few long.
func (r *rng) logUniform(lo, hi time.Duration) time.Duration {
	l, h := math.Log(float64(lo)), math.Log(float64(hi))
	return time.Duration(math.Exp(l + (h-l)*r.float()))
}

// weighted returns an index drawn with the given weights (which need not sum to one).
func (r *rng) weighted(w []float64) int {
	var sum float64
	for _, x := range w {
		sum += x
	}
	u := r.float() * sum
	for i, x := range w {
		if u < x {
			return i
		}
		u -= x
	}
	return len(w) - 1
}
