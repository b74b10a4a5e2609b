package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/convqa/convqa/datasets"
)

func newGenCmd(e *env) *cobra.Command {
	var (
		n          int
		seed       uint64
		out, truth string
		botShare   float64
	)
	cmd := &cobra.Command{
		Use:   "gen",
		Short: "Write a synthetic corpus of bot and human conversations with planted defects",
		Long: `Gen writes a realistic synthetic corpus in canonical JSONL: several topics and languages, timestamps,
escalations from bot to agent, and planted defects (customers refused a human, bot loops, fallbacks, exposed
card numbers, abandoned chats, language mismatches, prompt-injection attempts, …). The ground truth of what was
planted goes beside it, one JSON object per conversation, so you can check what convqa finds.

The same --seed always writes the same bytes.`,
		Example: `  convqa gen --n 1000 --seed 7 --out synthetic.jsonl
  convqa gen --n 100000 --out big.jsonl --truth big-defects.jsonl`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if n <= 0 {
				return usageErrorf("--n must be positive")
			}
			if out == "" {
				return usageErrorf("--out is required")
			}
			if truth == "" {
				truth = strings.TrimSuffix(strings.TrimSuffix(out, ".jsonl"), ".ndjson") + ".truth.jsonl"
			}
			if truth == out {
				return usageErrorf("--truth must differ from --out")
			}
			cf, err := os.Create(out)
			if err != nil {
				return err
			}
			defer cf.Close()
			tf, err := os.Create(truth)
			if err != nil {
				return err
			}
			defer tf.Close()
			if err := datasets.WriteCorpus(datasets.GenOptions{N: n, Seed: seed, BotShare: botShare}, cf, tf); err != nil {
				return err
			}
			if err := cf.Close(); err != nil {
				return err
			}
			if err := tf.Close(); err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "wrote %d conversations to %s and their planted defects to %s\n", n, out, truth)
			return nil
		},
	}
	cmd.Flags().IntVar(&n, "n", 1000, "number of conversations")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "random seed; the same seed writes the same corpus")
	cmd.Flags().StringVarP(&out, "out", "o", "", "corpus file to write (JSONL)")
	cmd.Flags().StringVar(&truth, "truth", "", "ground-truth file (default: OUT with .truth.jsonl)")
	cmd.Flags().Float64Var(&botShare, "bot-share", 0, "share of bot conversations (default 0.7)")
	return cmd
}
