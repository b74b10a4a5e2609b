package stats

import (
	"math"
	"slices"
	"strings"
)

// Obs is one observation with the stratum it belongs to, a label such as "refund|en" for topic × language.
type Obs struct {
	Value   float64
	Stratum string
}

// Adjusted is a case-mix-adjusted difference.
type Adjusted struct {
	// Diff is the standardised difference of means, a minus b, with its bootstrap interval.
	Diff Interval
	// Coverage is the share of b's observations that fall in strata also present in a: the part of b's
	// mix the adjustment speaks for. One means every stratum of b was matched.
	Coverage float64
	// Strata is the number of strata common to both groups.
	Strata int
}

// AdjustedDiffCI compares group a (the bot) with group b (the human channel) as if a had b's case mix: a's
// stratum means are re-weighted by b's stratum shares, so a difference in what each channel handles does not
// masquerade as a difference in quality. Strata of b absent from a cannot be standardised: they are left
// out and reported through Coverage; strata of a absent from b get no weight. The interval is a percentile
// bootstrap that resamples each group whole and recomputes stratum means and weights from each resample, so
// a stratum with one or two observations carries its real uncertainty (a stratified bootstrap that keeps
// stratum sizes fixed would give such a stratum no variance at all and an interval that is far too narrow).
// A stratum that is empty in a resample drops out of that resample's weights.
//
// Diff.Estimate is NaN when no stratum is common to both groups; Lo and Hi are NaN when the common strata
// hold fewer than two observations in either group.
func AdjustedDiffCI(a, b []Obs, o BootstrapOptions) Adjusted {
	o = o.applyDefaults()
	nan := math.NaN()
	ga, gb := groupByStratum(a), groupByStratum(b)
	var (
		common     []string
		coveredB   int
		na, nb     int
		weights    []float64
		est, meanB float64
	)
	for _, s := range gb.names {
		if _, ok := ga.index[s]; ok {
			common = append(common, s)
			coveredB += len(gb.values(s))
		}
	}
	adj := Adjusted{Strata: len(common)}
	if len(b) > 0 {
		adj.Coverage = float64(coveredB) / float64(len(b))
	}
	if len(common) == 0 {
		adj.Diff = Interval{Estimate: nan, Lo: nan, Hi: nan}
		return adj
	}
	for _, s := range common {
		av, bv := ga.values(s), gb.values(s)
		w := float64(len(bv)) / float64(coveredB)
		weights = append(weights, w)
		na += len(av)
		nb += len(bv)
		est += w * mean(av)
		meanB += w * mean(bv)
	}
	est -= meanB
	adj.Diff = Interval{Estimate: est, Lo: nan, Hi: nan}
	if na < 2 || nb < 2 || !isFinite(est) || !o.validLevel() {
		return adj
	}
	// Position of each observation's stratum among the common strata, -1 for the others.
	k := len(common)
	pos := make(map[string]int32, k)
	for i, s := range common {
		pos[s] = int32(i)
	}
	flatten := func(obs []Obs) ([]int32, []float64) {
		idx, val := make([]int32, len(obs)), make([]float64, len(obs))
		for i, ob := range obs {
			p, ok := pos[ob.Stratum]
			if !ok {
				p = -1
			}
			idx[i], val[i] = p, ob.Value
		}
		return idx, val
	}
	aIdx, aVal := flatten(a)
	bIdx, bVal := flatten(b)
	sumA, cntA := make([]float64, k), make([]float64, k)
	sumB, cntB := make([]float64, k), make([]float64, k)
	draw := func(smp *sampler, idx []int32, val []float64, sum, cnt []float64) {
		clear(sum)
		clear(cnt)
		n := uint32(len(idx))
		for range idx {
			j := smp.index(uint32(smp.src.Uint64()), n)
			if p := idx[j]; p >= 0 {
				sum[p] += val[j]
				cnt[p]++
			}
		}
	}
	smp := newSampler(o.Seed)
	stats := make([]float64, 0, o.Resamples)
	for range o.Resamples {
		draw(smp, aIdx, aVal, sumA, cntA)
		draw(smp, bIdx, bVal, sumB, cntB)
		var d, wsum float64
		for i := range k {
			if cntA[i] > 0 && cntB[i] > 0 {
				d += cntB[i] * (sumA[i]/cntA[i] - sumB[i]/cntB[i])
				wsum += cntB[i]
			}
		}
		if wsum > 0 {
			stats = append(stats, d/wsum)
		}
	}
	if len(stats) < o.Resamples/2 {
		return adj // the common strata are too thin to say anything
	}
	adj.Diff.Lo, adj.Diff.Hi = percentiles(stats, o.Level)
	return adj
}

// strata holds a group's values laid out contiguously by stratum, strata in sorted order so that seeded
// resampling does not depend on map iteration.
type strata struct {
	names []string
	index map[string]int // name -> position in names
	start []int          // values of names[i] are flat[start[i]:start[i+1]]
	flat  []float64
}

func groupByStratum(obs []Obs) strata {
	count := map[string]int{}
	for _, o := range obs {
		count[o.Stratum]++
	}
	g := strata{index: make(map[string]int, len(count))}
	for s := range count {
		g.names = append(g.names, s)
	}
	slices.SortFunc(g.names, strings.Compare)
	g.start = make([]int, len(g.names)+1)
	for i, s := range g.names {
		g.index[s] = i
		g.start[i+1] = g.start[i] + count[s]
	}
	g.flat = make([]float64, len(obs))
	next := slices.Clone(g.start[:len(g.names)])
	for _, o := range obs {
		i := g.index[o.Stratum]
		g.flat[next[i]] = o.Value
		next[i]++
	}
	return g
}

func (g strata) values(name string) []float64 {
	i := g.index[name]
	return g.flat[g.start[i]:g.start[i+1]]
}
