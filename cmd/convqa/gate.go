package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/convqa/convqa/pipeline/gate"
	"github.com/convqa/convqa/pipeline/stats"
	"github.com/convqa/convqa/pipeline/store"
)

func newGateCmd(e *env) *cobra.Command {
	var (
		db, baseline, candidate, policyFile, junit, format string
		strict                                             bool
		resamples                                          int
		seed                                               uint64
	)
	cmd := &cobra.Command{
		Use:   "gate",
		Short: "Fail a bot release only on a statistically confident regression against a baseline run",
		Long: `Gate compares a candidate run with a baseline run, per criterion and for the quality index: the
candidate-minus-baseline difference with a 95% bootstrap confidence interval, paired over the conversations
both runs scored when they scored the same suite (at least paired_share of the ids in common), unpaired
otherwise. Only the bot channel counts unless the policy says otherwise.

Verdicts per criterion: fail when the whole interval lies below -tolerance (a confident regression),
inconclusive when it straddles -tolerance, pass otherwise; skipped below min_n conversations.

Exit status: 1 when any criterion fails; 0 when the rest pass or are inconclusive (a warning is printed);
with --strict an inconclusive criterion also exits 1; 2 for usage and policy errors.

When $GITHUB_STEP_SUMMARY is set, a Markdown summary is appended to it. The policy is YAML:

  min_n: 30                 # fewest conversations (pairs) a criterion needs to be judged
  channels: [bot]           # channels whose conversations count
  paired_share: 0.8         # share of shared conversation ids that makes the comparison paired
  tolerance:
    default: 0.1            # scale points, for criteria not listed
    quality_index: 2        # 0-100 points
    safety_pii: 0
  criteria: []              # the criteria that count; empty: every criterion both runs scored`,
		Example: `  convqa run --input suite-replayed-v42.jsonl --name bot-v42
  convqa gate --baseline bot-v41 --candidate bot-v42 --junit gate.xml
  convqa gate --baseline bot-v41 --candidate latest --policy gate.yaml --format json --strict`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format, "text", "json", "md"); err != nil {
				return err
			}
			var pol gate.Policy
			if policyFile != "" {
				p, err := gate.LoadPolicy(policyFile)
				if err != nil {
					return usageErrorf("%w", err)
				}
				pol = p
			}
			st, err := store.Open(cmd.Context(), db, store.Options{ReadOnly: true})
			if err != nil {
				return err
			}
			defer st.Close()
			res, err := gate.Evaluate(cmd.Context(), st.DB(), gate.Options{Baseline: baseline, Candidate: candidate, Policy: pol,
				Bootstrap: stats.BootstrapOptions{Resamples: resamples, Seed: seed}})
			if errors.Is(err, store.ErrNoRun) {
				return usageErrorf("%w", err)
			}
			if err != nil {
				return err
			}
			switch format {
			case "json":
				err = res.WriteJSON(e.stdout)
			case "md":
				err = res.WriteMarkdown(e.stdout)
			default:
				err = res.WriteText(e.stdout)
			}
			if err != nil {
				return err
			}
			if junit != "" {
				if err := writeFileAtomic(junit, func(w io.Writer) error { return res.WriteJUnit(w, strict) }); err != nil {
					return err
				}
			}
			if p := os.Getenv("GITHUB_STEP_SUMMARY"); p != "" {
				if err := appendFile(p, res.WriteMarkdown); err != nil {
					return err
				}
			}
			switch {
			case res.Verdict == gate.Fail:
				return &exitError{code: exitFailure, err: fmt.Errorf("gate failed: %s", res.Summary())}
			case res.Verdict == gate.Inconclusive && strict:
				return &exitError{code: exitFailure, err: fmt.Errorf("gate inconclusive (--strict): %s", res.Summary())}
			case res.Verdict == gate.Inconclusive:
				fmt.Fprintf(e.stderr, "convqa: warning: %s\n", res.Summary())
			}
			return nil
		},
	}
	addDBFlag(cmd, &db)
	cmd.Flags().StringVar(&baseline, "baseline", "", "the released bot's run: id, name or latest (required)")
	cmd.Flags().StringVar(&candidate, "candidate", "", "the candidate bot's run: id, name or latest (required)")
	cmd.Flags().StringVar(&policyFile, "policy", "", "policy YAML: tolerances, min_n, channels, criteria (default: built-in defaults)")
	cmd.Flags().StringVar(&junit, "junit", "", "write a JUnit XML report to this file (one test case per criterion)")
	cmd.Flags().StringVar(&format, "format", "text", "output: text, json or md")
	cmd.Flags().BoolVar(&strict, "strict", false, "exit 1 when any criterion is inconclusive, too")
	cmd.Flags().IntVar(&resamples, "resamples", 2000, "bootstrap resamples per interval")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "bootstrap seed")
	_ = cmd.MarkFlagRequired("baseline")
	_ = cmd.MarkFlagRequired("candidate")
	return cmd
}

// appendFile appends what write writes to the file at path, creating it if needed.
func appendFile(path string, write func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("append to %s: %w", path, err)
	}
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("append to %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("append to %s: %w", path, err)
	}
	return nil
}
