package stats_test

import (
	"fmt"
	"math"

	"github.com/convqa/convqa/pipeline/stats"
)

func ExampleKrippendorffAlpha() {
	// Krippendorff (2011), section C: units rated by up to four coders; absent ratings are simply left out.
	units := [][]float64{{1, 1, 1}, {2, 2, 3, 2}, {3, 3, 3, 3}, {3, 3, 3, 3}, {2, 2, 2, 2}, {1, 2, 3, 4},
		{4, 4, 4, 4}, {1, 1, 2, 1}, {2, 2, 2, 2}, {5, 5, 5}, {1, 1}, {3}}
	for _, m := range []stats.Metric{stats.MetricNominal, stats.MetricOrdinal, stats.MetricInterval} {
		fmt.Printf("%s %.3f\n", m, stats.KrippendorffAlpha(units, m))
	}
	// Output:
	// nominal 0.743
	// ordinal 0.815
	// interval 0.849
}

func ExampleAdjustedDiffCI() {
	obs := func(stratum string, n int, score float64) []stats.Obs {
		o := make([]stats.Obs, n)
		for i := range o {
			o[i] = stats.Obs{Value: score + float64(i%2) - 0.5, Stratum: stratum}
		}
		return o
	}
	// The bot serves mostly easy topics, humans mostly hard ones; in each topic the bot scores lower.
	bot := append(obs("easy", 90, 4.0), obs("hard", 10, 2.0)...)
	human := append(obs("easy", 10, 4.5), obs("hard", 90, 2.5)...)
	adj := stats.AdjustedDiffCI(bot, human, stats.BootstrapOptions{Seed: 1})
	fmt.Printf("adjusted difference %.2f, entirely below zero: %v, coverage %.0f%%\n",
		adj.Diff.Estimate, adj.Diff.Hi < 0, 100*adj.Coverage)
	// Output:
	// adjusted difference -0.50, entirely below zero: true, coverage 100%
}

func ExampleSpearman() {
	fmt.Printf("%.3f\n", stats.Spearman([]float64{1, 2, 3, 4}, []float64{10, 20, 30, 35}))
	fmt.Println(math.IsNaN(stats.Spearman([]float64{1, 2}, []float64{2, 1})))
	// Output:
	// 1.000
	// true
}
