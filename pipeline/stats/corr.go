package stats

import (
	"cmp"
	"math"
	"slices"
)

// Pearson returns the Pearson product-moment correlation of the pairs (x[i], y[i]). It is NaN, never zero,
// when it is undefined or meaningless: lengths differ, fewer than three pairs, a NaN value, or either
// variable has zero variance.
func Pearson(x, y []float64) float64 {
	if !pairable(x, y) {
		return math.NaN()
	}
	mx, my := mean(x), mean(y)
	var sxy, sxx, syy float64
	for i := range x {
		dx, dy := x[i]-mx, y[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	if sxx == 0 || syy == 0 {
		return math.NaN()
	}
	// Rounding can push |r| a hair past one for perfectly collinear data.
	return max(-1, min(1, sxy/math.Sqrt(sxx*syy)))
}

// Spearman returns Spearman's rank correlation: Pearson's correlation of the ranks, tied values sharing
// their average rank. It is NaN under the same conditions as Pearson.
func Spearman(x, y []float64) float64 {
	if !pairable(x, y) {
		return math.NaN()
	}
	return Pearson(ranks(x), ranks(y))
}

// Kendall returns Kendall's tau-b, which corrects for ties in either variable:
//
//	tau_b = (C - D) / sqrt((n0 - n1)(n0 - n2))
//
// with C and D the concordant and discordant pairs, n0 = n(n-1)/2, and n1, n2 the pairs tied in x and in y.
// It runs in O(n log n) (Knight's algorithm) and is NaN under the same conditions as Pearson.
func Kendall(x, y []float64) float64 {
	if !pairable(x, y) {
		return math.NaN()
	}
	n := len(x)
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(i, j int) int {
		return cmp.Or(cmp.Compare(x[i], x[j]), cmp.Compare(y[i], y[j]))
	})
	// Ties in x (n1) and joint ties in x and y (n3), counted over runs of the sorted order.
	var n1, n3 int64
	for i := 0; i < n; {
		j, k := i+1, i+1
		for j < n && x[idx[j]] == x[idx[i]] {
			j++
		}
		n1 += pairs(j - i)
		for s := i; s < j; s = k {
			k = s + 1
			for k < j && y[idx[k]] == y[idx[s]] {
				k++
			}
			n3 += pairs(k - s)
		}
		i = j
	}
	ys := make([]float64, n)
	for i, id := range idx {
		ys[i] = y[id]
	}
	// Sorted by (x, y), a pair is discordant exactly when its y values are inverted.
	d := inversions(ys, make([]float64, n))
	var n2 int64
	for i := 0; i < n; {
		j := i + 1
		for j < n && ys[j] == ys[i] {
			j++
		}
		n2 += pairs(j - i)
		i = j
	}
	n0 := pairs(n)
	if n0 == n1 || n0 == n2 {
		return math.NaN()
	}
	s := float64(n0 - n1 - n2 + n3 - 2*d)
	return max(-1, min(1, s/math.Sqrt(float64(n0-n1))/math.Sqrt(float64(n0-n2))))
}

// inversions sorts s in place by merge sort, using buf as scratch space, and returns the number of pairs
// i < j with s[i] > s[j].
func inversions(s, buf []float64) int64 {
	if len(s) < 2 {
		return 0
	}
	mid := len(s) / 2
	inv := inversions(s[:mid], buf[:mid]) + inversions(s[mid:], buf[mid:])
	copy(buf, s)
	left, right := buf[:mid], buf[mid:len(s)]
	i, j, k := 0, 0, 0
	for i < len(left) && j < len(right) {
		if right[j] < left[i] {
			// right[j] precedes every value still waiting on the left.
			inv += int64(len(left) - i)
			s[k] = right[j]
			j++
		} else {
			s[k] = left[i]
			i++
		}
		k++
	}
	k += copy(s[k:], left[i:])
	copy(s[k:], right[j:])
	return inv
}

func pairs(n int) int64 { return int64(n) * int64(n-1) / 2 }

// MAE returns the mean absolute error between x and y; NaN when the lengths differ or both are empty.
func MAE(x, y []float64) float64 {
	if len(x) != len(y) || len(x) == 0 {
		return math.NaN()
	}
	var sum float64
	for i := range x {
		sum += math.Abs(x[i] - y[i])
	}
	return sum / float64(len(x))
}

// pairable reports whether x and y can be correlated: same length, at least three pairs, no NaN.
func pairable(x, y []float64) bool {
	if len(x) != len(y) || len(x) < 3 {
		return false
	}
	for i := range x {
		if math.IsNaN(x[i]) || math.IsNaN(y[i]) {
			return false
		}
	}
	return true
}

// ranks returns the 1-based ranks of x, tied values sharing the average of the ranks they span.
func ranks(x []float64) []float64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(i, j int) int { return cmp.Compare(x[i], x[j]) })
	r := make([]float64, len(x))
	for i := 0; i < len(idx); {
		j := i + 1
		for j < len(idx) && x[idx[j]] == x[idx[i]] {
			j++
		}
		// Positions i..j-1 hold ranks i+1..j, whose average is (i+1+j)/2.
		avg := float64(i+1+j) / 2
		for k := i; k < j; k++ {
			r[idx[k]] = avg
		}
		i = j
	}
	return r
}
