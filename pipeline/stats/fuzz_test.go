package stats

import (
	"math"
	"testing"
)

// FuzzStats feeds arbitrary small-integer data (many ties) to every statistic: none may panic, each stays
// in its range or is NaN, and Kendall's O(n log n) algorithm agrees with the definition.
func FuzzStats(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 6}, uint64(1))
	f.Add([]byte{0, 0, 0, 0}, uint64(2))
	f.Add([]byte{5, 1, 4, 2, 3, 3, 2, 4, 1, 5, 0}, uint64(3))
	f.Add([]byte{}, uint64(4))
	f.Fuzz(func(t *testing.T, data []byte, seed uint64) {
		if len(data) > 400 {
			data = data[:400]
		}
		n := len(data) / 2
		x, y := make([]float64, n), make([]float64, n)
		xi, yi := make([]int, n), make([]int, n)
		var units [][]float64
		var obsA, obsB []Obs
		for i := range n {
			xi[i], yi[i] = int(data[2*i]%7), int(data[2*i+1]%7)
			x[i], y[i] = float64(xi[i]), float64(yi[i])
			units = append(units, []float64{x[i], y[i]}[:1+int(data[2*i])%2])
			obsA = append(obsA, Obs{Value: x[i], Stratum: string(rune('a' + yi[i]%3))})
			obsB = append(obsB, Obs{Value: y[i], Stratum: string(rune('a' + xi[i]%4))})
		}
		inRange := func(name string, v, lo, hi float64) {
			if !math.IsNaN(v) && (v < lo-1e-9 || v > hi+1e-9) {
				t.Fatalf("%s = %v outside [%v, %v]", name, v, lo, hi)
			}
		}
		inRange("Pearson", Pearson(x, y), -1, 1)
		inRange("Spearman", Spearman(x, y), -1, 1)
		k := Kendall(x, y)
		inRange("Kendall", k, -1, 1)
		if n >= 3 {
			if want := kendallBrute(x, y); math.Abs(want-k) > 1e-9 && !(math.IsNaN(want) && math.IsNaN(k)) {
				t.Fatalf("Kendall = %v, definition gives %v", k, want)
			}
		}
		inRange("QWK", QWK(xi, yi, 0, 6), -1, 1)
		inRange("MAE", MAE(x, y), 0, 6)
		for _, m := range []Metric{MetricInterval, MetricOrdinal, MetricNominal} {
			inRange("alpha "+m.String(), KrippendorffAlpha(units, m), -math.Inf(1), 1)
		}
		o := BootstrapOptions{Resamples: 50, Seed: seed}
		for _, ci := range []Interval{MeanCI(x, o), DiffCI(x, y, o), PairedDiffCI(x, y, o),
			AdjustedDiffCI(obsA, obsB, o).Diff} {
			if ci.Lo > ci.Estimate+1e-9 || ci.Estimate > ci.Hi+1e-9 {
				t.Fatalf("interval %+v does not hold its estimate", ci)
			}
		}
	})
}
