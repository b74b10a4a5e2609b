package stats

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestQWK(t *testing.T) {
	tests := []struct {
		name     string
		a, b     []int
		min, max int
		want     float64
	}{
		{
			// Scale 0..2, six items. Observed pairs: (0,0)×2, (1,1), (2,2), (1,2), (2,1); with weights
			// (i-j)² only the two off-by-one pairs cost: Σw·O = 1 + 1 = 2. Both raters give each score
			// twice, so E(i,j) = 2·2/6 = 2/3 for every cell and Σw·E = 2/3·Σw = 2/3·(4·1 + 2·4) = 8.
			// kappa = 1 - 2/8 = 0.75. (Normalising w by (k-1)² cancels in the ratio.)
			name: "hand-computed",
			a:    []int{0, 1, 2, 2, 1, 0}, b: []int{0, 2, 2, 1, 1, 0}, min: 0, max: 2,
			want: 0.75,
		},
		{
			name: "same data on a shifted scale",
			a:    []int{1, 2, 3, 3, 2, 1}, b: []int{1, 3, 3, 2, 2, 1}, min: 1, max: 3,
			want: 0.75,
		},
		{
			name: "perfect agreement",
			a:    []int{1, 2, 3, 4, 5}, b: []int{1, 2, 3, 4, 5}, min: 1, max: 5,
			want: 1,
		},
		{
			// O = [[0 1] [1 0]], Σw·O = 2; marginals (1, 1) each, E = 1/2 per cell, Σw·E = 1: kappa = -1.
			name: "complete disagreement on a binary scale",
			a:    []int{0, 1}, b: []int{1, 0}, min: 0, max: 1,
			want: -1,
		},
		{
			// One rater constant at 1, the other 1 or 2: all agreement is what chance predicts. O: (1,1),
			// (1,2); Σw·O = 1. E(1,1) = E(1,2) = 1: Σw·E = 1. kappa = 0.
			name: "chance agreement",
			a:    []int{1, 1}, b: []int{1, 2}, min: 1, max: 3,
			want: 0,
		},
		{name: "empty", min: 1, max: 5, want: math.NaN()},
		{name: "lengths differ", a: []int{1, 2}, b: []int{1}, min: 1, max: 5, want: math.NaN()},
		{name: "score above the scale", a: []int{1, 6}, b: []int{1, 2}, min: 1, max: 5, want: math.NaN()},
		{name: "score below the scale", a: []int{1, 2}, b: []int{0, 2}, min: 1, max: 5, want: math.NaN()},
		{name: "inverted scale", a: []int{1, 2}, b: []int{1, 2}, min: 5, max: 1, want: math.NaN()},
		{name: "one-point scale", a: []int{1, 1}, b: []int{1, 1}, min: 1, max: 1, want: math.NaN()},
		{name: "huge scale", a: []int{1, 2}, b: []int{2, 1}, min: math.MinInt32, max: math.MaxInt32, want: -1},
		{name: "both constant, same score", a: []int{3, 3, 3}, b: []int{3, 3, 3}, min: 1, max: 5, want: math.NaN()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := QWK(tt.a, tt.b, tt.min, tt.max)
			if math.IsNaN(tt.want) {
				assert.True(t, math.IsNaN(got), "got %v, want NaN", got)
				return
			}
			assert.InDelta(t, tt.want, got, 1e-12)
			assert.InDelta(t, got, QWK(tt.b, tt.a, tt.min, tt.max), 1e-12, "symmetric")
		})
	}
}

// reliabilityData is the example of Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011),
// section C: four observers, twelve units, values 1-5, missing values (NaN). Unit 12 has one value and is
// not pairable. The paper gives alpha = 0.743 (nominal), 0.815 (ordinal), 0.849 (interval).
func reliabilityData() [][]float64 {
	m := math.NaN()
	observers := [][]float64{
		{1, 2, 3, 3, 2, 1, 4, 1, 2, m, m, m}, // A
		{1, 2, 3, 3, 2, 2, 4, 1, 2, 5, m, 3}, // B
		{m, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, m}, // C
		{1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, m}, // D
	}
	units := make([][]float64, 12)
	for _, obs := range observers {
		for u, v := range obs {
			units[u] = append(units[u], v) // NaN kept: KrippendorffAlpha treats it as missing
		}
	}
	return units
}

func TestKrippendorffAlpha(t *testing.T) {
	// Section A of the same paper: two observers, ten units, binary values. Four units disagree; of the
	// n = 20 values, 14 are 0 and 6 are 1: alpha = 1 - (n-1)·o01/(n0·n1) = 1 - 19·4/(14·6) = 8/84.
	binaryA := []float64{0, 1, 0, 0, 0, 0, 0, 0, 1, 0}
	binaryB := []float64{1, 1, 1, 0, 0, 1, 0, 0, 0, 0}
	var binary [][]float64
	for i := range binaryA {
		binary = append(binary, []float64{binaryA[i], binaryB[i]})
	}
	// Missing values written as absent rather than NaN, plus unpairable units: same alpha.
	compact := [][]float64{{1, 1, 1}, {2, 2, 3, 2}, {3, 3, 3, 3}, {3, 3, 3, 3}, {2, 2, 2, 2}, {1, 2, 3, 4},
		{4, 4, 4, 4}, {1, 1, 2, 1}, {2, 2, 2, 2}, {5, 5, 5}, {1, 1}, {3}, {}, nil}

	tests := []struct {
		name   string
		units  [][]float64
		metric Metric
		want   float64
		delta  float64
	}{
		{"paper nominal", reliabilityData(), MetricNominal, 0.743, 0.0005},
		{"paper ordinal", reliabilityData(), MetricOrdinal, 0.815, 0.0005},
		{"paper interval", reliabilityData(), MetricInterval, 0.849, 0.0005},
		{"paper interval, compact", compact, MetricInterval, 0.849, 0.0005},
		{"paper nominal, compact", compact, MetricNominal, 0.743, 0.0005},
		{"zero metric is interval", reliabilityData(), Metric(0), 0.849, 0.0005},
		{"binary nominal", binary, MetricNominal, 8.0 / 84, 1e-12},
		// With two values the interval metric is the nominal one scaled by a constant that cancels.
		{"binary interval", binary, MetricInterval, 8.0 / 84, 1e-12},
		{"perfect agreement", [][]float64{{1, 1}, {2, 2, 2}, {5, 5}}, MetricOrdinal, 1, 1e-12},
		{"no variation", [][]float64{{3, 3}, {3, 3}}, MetricInterval, math.NaN(), 0},
		{"nothing pairable", [][]float64{{1}, {2}, {math.NaN(), 3}}, MetricNominal, math.NaN(), 0},
		{"no units", nil, MetricInterval, math.NaN(), 0},
		{"unknown metric", reliabilityData(), Metric(99), math.NaN(), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := KrippendorffAlpha(tt.units, tt.metric)
			if math.IsNaN(tt.want) {
				assert.True(t, math.IsNaN(got), "got %v, want NaN", got)
				return
			}
			assert.InDelta(t, tt.want, got, tt.delta)
		})
	}
}

func TestMetricString(t *testing.T) {
	assert.Equal(t, "interval", MetricInterval.String())
	assert.Equal(t, "ordinal", MetricOrdinal.String())
	assert.Equal(t, "nominal", MetricNominal.String())
	assert.Equal(t, "unknown", Metric(-1).String())
}

// qwkMatrix is QWK by its definition, building the observed and expected k×k matrices.
func qwkMatrix(a, b []int, min, max int) float64 {
	k := max - min + 1
	obs := make([]float64, k*k)
	ha, hb := make([]float64, k), make([]float64, k)
	for i := range a {
		obs[(a[i]-min)*k+b[i]-min]++
		ha[a[i]-min]++
		hb[b[i]-min]++
	}
	var num, den float64
	for i := range k {
		for j := range k {
			w := float64((i - j) * (i - j))
			num += w * obs[i*k+j]
			den += w * ha[i] * hb[j] / float64(len(a))
		}
	}
	return 1 - num/den
}

func TestQWKMatchesDefinition(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 3))
	for range 200 {
		n, k := 1+r.IntN(60), 2+r.IntN(9)
		a, b := make([]int, n), make([]int, n)
		for i := range a {
			a[i] = 1 + r.IntN(k)
			b[i] = a[i]
			if r.IntN(3) > 0 {
				b[i] = 1 + r.IntN(k)
			}
		}
		want, got := qwkMatrix(a, b, 1, k), QWK(a, b, 1, k)
		if math.IsNaN(want) {
			assert.True(t, math.IsNaN(got))
			continue
		}
		assert.InDelta(t, want, got, 1e-9, "a=%v b=%v", a, b)
	}
}
