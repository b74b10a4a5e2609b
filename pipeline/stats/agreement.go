package stats

import (
	"math"
)

// QWK returns the quadratic-weighted Cohen's kappa between two raters scoring the same items on the integer
// scale [min, max]:
//
//	kappa = 1 - Σ w·O / Σ w·E,  w(i, j) = (i - j)²
//
// where O is the observed matrix of score pairs and E the matrix expected by chance from each rater's
// score distribution. One means perfect agreement, zero chance agreement. It is NaN when the lengths differ,
// there are no items, min >= max, a score lies outside [min, max], or chance disagreement is zero (both
// raters gave one and the same score to every item).
func QWK(a, b []int, min, max int) float64 {
	if len(a) != len(b) || len(a) == 0 || min >= max {
		return math.NaN()
	}
	for i := range a {
		if a[i] < min || a[i] > max || b[i] < min || b[i] > max {
			return math.NaN()
		}
	}
	// With quadratic weights neither matrix needs building: Σ w·O = Σ (a_i - b_i)², and
	// Σ w·E = 1/n · Σ_i Σ_j (a_i - b_j)² = SS(a) + SS(b) + n·(mean a - mean b)².
	n := float64(len(a))
	var sa, sb, num float64
	for i := range a {
		// Scores are taken relative to min, which keeps the squares small.
		x, y := float64(a[i]-min), float64(b[i]-min)
		sa += x
		sb += y
		num += (x - y) * (x - y)
	}
	ma, mb := sa/n, sb/n
	den := n * (ma - mb) * (ma - mb)
	for i := range a {
		x, y := float64(a[i]-min)-ma, float64(b[i]-min)-mb
		den += x*x + y*y
	}
	if den == 0 {
		return math.NaN()
	}
	return 1 - num/den
}

// Metric is the difference function of Krippendorff's alpha, chosen by the level of measurement.
type Metric int

// The metrics of Krippendorff's alpha. The zero Metric is MetricInterval.
const (
	// MetricInterval uses squared differences of the values.
	MetricInterval Metric = iota
	// MetricOrdinal uses squared differences of the values' mid-ranks among all pairable values, so only
	// the order of the values matters.
	MetricOrdinal
	// MetricNominal counts every disagreement as one, treating values as unordered labels.
	MetricNominal
)

// String returns the metric's name.
func (m Metric) String() string {
	switch m {
	case MetricInterval:
		return "interval"
	case MetricOrdinal:
		return "ordinal"
	case MetricNominal:
		return "nominal"
	}
	return "unknown"
}

// KrippendorffAlpha returns Krippendorff's alpha reliability of the ratings, for any number of raters and
// missing ratings: units[i] holds the ratings given to unit i by whichever raters rated it. NaN ratings count
// as missing, and units with fewer than two ratings are ignored (they cannot be paired). Following
// Krippendorff (2011),
//
//	alpha = 1 - D_o / D_e,
//	D_o = 1/n · Σ_u 1/(m_u - 1) · Σ_{i≠j in u} δ²(v_i, v_j),
//	D_e = 1/(n(n-1)) · Σ_{i≠j among all n pairable values} δ²(v_i, v_j),
//
// with m_u the number of ratings of unit u and n the number of pairable ratings. It is NaN when no unit has
// two ratings, when every pairable rating is the same (D_e = 0), or for an unknown metric. It runs in
// O(n log n).
func KrippendorffAlpha(units [][]float64, metric Metric) float64 {
	// Pairable values, laid out unit by unit.
	var (
		vals []float64
		ends []int
	)
	for _, u := range units {
		start := len(vals)
		for _, v := range u {
			if !math.IsNaN(v) {
				vals = append(vals, v)
			}
		}
		if len(vals)-start < 2 {
			vals = vals[:start]
			continue
		}
		ends = append(ends, len(vals))
	}
	n := len(vals)
	if n < 2 {
		return math.NaN()
	}
	var disagree func(v []float64) float64
	switch metric {
	case MetricInterval:
		disagree = squaredDiffs
	case MetricOrdinal:
		// Krippendorff's ordinal δ(c, k) = Σ_{g=c..k} n_g - (n_c + n_k)/2 equals the difference of the
		// mid-ranks of c and k in the pooled values, so the ordinal metric is the interval metric on ranks.
		vals = ranks(vals)
		disagree = squaredDiffs
	case MetricNominal:
		disagree = mismatches
	default:
		return math.NaN()
	}
	var do float64
	start := 0
	for _, end := range ends {
		do += disagree(vals[start:end]) / float64(end-start-1)
		start = end
	}
	de := disagree(vals) / float64(n-1)
	if de == 0 {
		return math.NaN()
	}
	// D_o/D_e = (do/n) / (de/n): the factors 1/n cancel.
	return 1 - do/de
}

// squaredDiffs returns Σ_{i≠j} (v_i - v_j)², which equals 2·Σ_i (v_i - mean)²·m.
func squaredDiffs(v []float64) float64 {
	mu := mean(v)
	var ss float64
	for _, x := range v {
		ss += (x - mu) * (x - mu)
	}
	return 2 * float64(len(v)) * ss
}

// mismatches returns the number of ordered pairs i≠j with v_i ≠ v_j: m(m-1) - Σ_c m_c(m_c - 1).
func mismatches(v []float64) float64 {
	count := make(map[float64]int, len(v))
	for _, x := range v {
		count[x]++
	}
	m := float64(len(v))
	total := m * (m - 1)
	for _, c := range count {
		total -= float64(c) * float64(c-1)
	}
	return total
}
