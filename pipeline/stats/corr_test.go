package stats

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Wikipedia's worked example for Spearman's rho (article "Spearman's rank correlation coefficient"): IQ
// and hours of television per week of ten people. No ties, so rho = 1 - 6·Σd²/(n(n²-1)) with Σd² = 194:
// rho = 1 - 1164/990 = -29/165 ≈ -0.1758. Counting the 45 pairs by hand gives 20 concordant and 25
// discordant, so Kendall's tau = (20 - 25)/45 = -1/9.
var (
	iq = []float64{106, 100, 86, 101, 99, 103, 97, 113, 112, 110}
	tv = []float64{7, 27, 2, 50, 28, 29, 20, 12, 6, 17}
)

func TestCorrelations(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name                       string
		x, y                       []float64
		pearson, spearman, kendall float64
	}{
		{
			name: "wikipedia IQ and TV",
			x:    iq, y: tv,
			// Pearson by its definition r = Sxy/√(Sxx·Syy): means 102.7 and 19.8, Sxx = 592.1,
			// Syy = 1855.6, Sxy = -73.6, r ≈ -0.0702.
			pearson:  -73.6 / math.Sqrt(592.1*1855.6),
			spearman: -29.0 / 165,
			kendall:  -1.0 / 9,
		},
		{
			// x = 1..5, y = 2 4 5 4 5: deviations dx = -2 -1 0 1 2, dy = -2 0 1 0 1, Σdxdy = 6, Σdx² = 10,
			// Σdy² = 6, so r = 6/√60. Average ranks of y are 1, 2.5, 4.5, 2.5, 4.5 (mean 3), deviations
			// -2, -0.5, 1.5, -0.5, 1.5: Σ products with dx = 4 + 0.5 + 0 - 0.5 + 3 = 7, Σ squares 9, so
			// rho = 7/√90. Of the 10 pairs, 7 are concordant, 1 discordant (y 5 then 4), 2 tied in y:
			// tau_b = (7 - 1)/√(10·(10 - 2)) = 6/√80.
			name: "hand-computed with ties in y",
			x:    []float64{1, 2, 3, 4, 5}, y: []float64{2, 4, 5, 4, 5},
			pearson:  6 / math.Sqrt(60),
			spearman: 7 / math.Sqrt(90),
			kendall:  6 / math.Sqrt(80),
		},
		{
			// Ties in both: ranks x = 1, 2.5, 2.5, 4 and y = 1, 3.5, 2, 3.5 (means 2.5); rank deviations
			// (-1.5, 0, 0, 1.5) and (-1.5, 1, -0.5, 1): Σ products 3.75, Σ squares 4.5 and 4.5, rho = 5/6.
			// Pairs: 4 concordant, 0 discordant, one tied in x, one tied in y: tau_b = 4/√(5·5) = 0.8.
			// Pearson: dx = -1 0 0 1, dy = -1.25 0.75 -0.25 0.75, Σdxdy = 2, Σdx² = 2, Σdy² = 2.75.
			name: "ties in both",
			x:    []float64{1, 2, 2, 3}, y: []float64{1, 3, 2, 3},
			pearson:  2 / math.Sqrt(5.5),
			spearman: 5.0 / 6,
			kendall:  0.8,
		},
		{
			name: "monotone but not linear",
			x:    []float64{1, 2, 3, 4, 5}, y: []float64{1, 8, 27, 64, 125},
			pearson:  nan, // not checked: below one
			spearman: 1, kendall: 1,
		},
		{
			name: "reversed",
			x:    []float64{1, 2, 3}, y: []float64{3, 2, 1},
			pearson: -1, spearman: -1, kendall: -1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !math.IsNaN(tt.pearson) {
				assert.InDelta(t, tt.pearson, Pearson(tt.x, tt.y), 1e-12, "Pearson")
			}
			assert.InDelta(t, tt.spearman, Spearman(tt.x, tt.y), 1e-12, "Spearman")
			assert.InDelta(t, tt.kendall, Kendall(tt.x, tt.y), 1e-12, "Kendall")
			// All three are symmetric.
			assert.InDelta(t, Spearman(tt.x, tt.y), Spearman(tt.y, tt.x), 1e-12)
			assert.InDelta(t, Kendall(tt.x, tt.y), Kendall(tt.y, tt.x), 1e-12)
		})
	}
}

func TestCorrelationsUndefined(t *testing.T) {
	tests := []struct {
		name string
		x, y []float64
	}{
		{"empty", nil, nil},
		{"two pairs", []float64{1, 2}, []float64{2, 1}},
		{"lengths differ", []float64{1, 2, 3}, []float64{1, 2}},
		{"constant x", []float64{4, 4, 4, 4}, []float64{1, 2, 3, 4}},
		{"constant y", []float64{1, 2, 3, 4}, []float64{0, 0, 0, 0}},
		{"NaN value", []float64{1, 2, math.NaN(), 4}, []float64{1, 2, 3, 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for name, f := range map[string]func(x, y []float64) float64{
				"Pearson": Pearson, "Spearman": Spearman, "Kendall": Kendall,
			} {
				got := f(tt.x, tt.y)
				assert.True(t, math.IsNaN(got), "%s = %v, want NaN (undefined, never 0)", name, got)
			}
		})
	}
}

// kendallBrute is tau-b by its definition, over all pairs.
func kendallBrute(x, y []float64) float64 {
	var c, d, tx, ty, n0 float64
	for i := range x {
		for j := i + 1; j < len(x); j++ {
			n0++
			sx, sy := x[i]-x[j], y[i]-y[j]
			switch {
			case sx == 0 && sy == 0:
				tx++
				ty++
			case sx == 0:
				tx++
			case sy == 0:
				ty++
			case (sx > 0) == (sy > 0):
				c++
			default:
				d++
			}
		}
	}
	return (c - d) / math.Sqrt((n0-tx)*(n0-ty))
}

func TestKendallMatchesDefinition(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for _, levels := range []int{2, 3, 5, 1000} {
		for range 20 {
			n := 3 + r.IntN(150)
			x, y := make([]float64, n), make([]float64, n)
			for i := range x {
				x[i] = float64(r.IntN(levels))
				// Correlated with x half of the time, so tau spans its range.
				y[i] = float64(r.IntN(levels))
				if r.IntN(2) == 0 {
					y[i] = x[i]
				}
			}
			want := kendallBrute(x, y)
			got := Kendall(x, y)
			if math.IsNaN(want) {
				assert.True(t, math.IsNaN(got))
				continue
			}
			assert.InDelta(t, want, got, 1e-12, "levels=%d n=%d", levels, n)
		}
	}
}

func TestMAE(t *testing.T) {
	tests := []struct {
		name string
		x, y []float64
		want float64
	}{
		{"hand", []float64{1, 2, 3}, []float64{2, 2, 5}, 1},
		{"identical", []float64{4, 5}, []float64{4, 5}, 0},
		{"empty", nil, nil, math.NaN()},
		{"lengths differ", []float64{1}, []float64{1, 2}, math.NaN()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := MAE(tt.x, tt.y)
			if math.IsNaN(tt.want) {
				assert.True(t, math.IsNaN(got))
				return
			}
			assert.InDelta(t, tt.want, got, 1e-12)
		})
	}
}

func BenchmarkKendall(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	x, y := make([]float64, 100000), make([]float64, 100000)
	for i := range x {
		x[i] = float64(r.IntN(5))
		y[i] = float64(r.IntN(5))
	}
	b.ReportAllocs()
	for b.Loop() {
		Kendall(x, y)
	}
}
