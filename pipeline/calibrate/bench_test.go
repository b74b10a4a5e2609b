package calibrate

import "testing"

// BenchmarkCalibrate measures the agreement figures of 10,000 graded conversations.
func BenchmarkCalibrate(b *testing.B) {
	d, _ := fitData(b, 10000)
	b.ResetTimer()
	for b.Loop() {
		Calibrate(d, Options{})
	}
}

// BenchmarkFit measures a 5-fold cross-validated fit on 2,000 graded conversations.
func BenchmarkFit(b *testing.B) {
	d, r := fitData(b, 2000)
	b.ResetTimer()
	for b.Loop() {
		if _, err := Fit(d, r, FitOptions{Now: fitDay}); err != nil {
			b.Fatal(err)
		}
	}
}
