package main

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/convqa/convqa/pipeline"
	"github.com/convqa/convqa/pipeline/heuristics"
	"github.com/convqa/convqa/rubrics"
)

func newRunCmd(e *env, quiet *bool) *cobra.Command {
	var (
		db, rubric, name, format string
		inputs                   []string
		strict, dryRun           bool
		workers                  int
		jf                       judgeFlags
	)
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Score conversations and store the scores as a new run",
		Long: `Run reads transcripts, validates them (bad records go to the quarantine table with file, line and
reason; the rest is scored), computes the heuristic signals, scores every conversation against the rubric
and stores it all in the DuckDB file as one run.

Without --input it scores the embedded demo corpus. A run that is killed resumes where it stopped when it is
started again over the same inputs.

Formats: .jsonl/.ndjson/.json (one conversation per line), .csv and .parquet (one turn per row); .gz works
for JSONL and CSV. See README.md for the fields.`,
		Example: `  convqa run
  convqa run --input bot.jsonl --input human.csv --name nightly-2026-11-25
  convqa run --input 'exports/*.jsonl' --strict --format json
  OPENAI_API_KEY=… convqa run --input bot.jsonl --model gpt-4.1-mini --max-cost 20
  convqa run --input bot.jsonl --base-url http://localhost:11434/v1 --model llama3.1 --concurrency 4
  convqa run --input bot.jsonl --model gpt-4.1-mini --dry-run`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format, "text", "json"); err != nil {
				return err
			}
			r, err := rubrics.Load(rubric, rubrics.Options{Scorers: heuristics.Scorers()})
			if err != nil {
				return usageErrorf("%w", err)
			}
			sources, err := expandInputs(inputs)
			if err != nil {
				return err
			}
			jc, judgeNote, err := jf.config(e, r.BotNames)
			if err != nil {
				return err
			}
			cfg := pipeline.Config{DB: db, Sources: sources, Rubric: r, Name: name, Version: version,
				Workers: workers, Logger: e.log, Judge: jc}
			if dryRun {
				est, err := pipeline.DryRun(cmd.Context(), cfg)
				if err != nil {
					return err
				}
				return printEstimate(e.stdout, format, est, judgeNote)
			}
			var bar *progressbar.ProgressBar
			if e.interactive && !*quiet && format == "text" {
				bar = progressbar.NewOptions64(-1,
					progressbar.OptionSetWriter(e.stderr),
					progressbar.OptionSetDescription("scoring"),
					progressbar.OptionShowCount(),
					progressbar.OptionShowIts(),
					progressbar.OptionSetItsString("conv"),
					progressbar.OptionThrottle(100_000_000),
					progressbar.OptionClearOnFinish())
				cfg.Progress = barProgress{bar}
			}
			sum, runErr := pipeline.Run(cmd.Context(), cfg)
			if bar != nil {
				_ = bar.Finish()
			}
			if sum.RunID != "" {
				if err := printSummary(e.stdout, format, sum, judgeNote); err != nil {
					return err
				}
			}
			if runErr != nil {
				return runErr
			}
			if strict && sum.Quarantined > 0 {
				return &exitError{code: exitPartial, err: fmt.Errorf("--strict: %d records quarantined (SELECT * FROM quarantine WHERE run_id = '%s')", sum.Quarantined, sum.RunID)}
			}
			return nil
		},
	}
	addDBFlag(cmd, &db)
	cmd.Flags().StringArrayVarP(&inputs, "input", "i", nil, "transcript file (repeatable; globs allowed); none means the embedded demo corpus")
	cmd.Flags().StringVar(&rubric, "rubric", rubrics.Default, "rubric YAML file, or the name of a shipped rubric")
	cmd.Flags().StringVar(&name, "name", "", "name of the run (e.g. nightly-2026-11-25 or bot-v42), usable wherever a run id is")
	cmd.Flags().StringVar(&format, "format", "text", "output: text or json")
	cmd.Flags().BoolVar(&strict, "strict", false, "exit with status 3 when any record was quarantined")
	cmd.Flags().IntVar(&workers, "workers", 0, "conversations scored in parallel (default: number of CPUs)")
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "read the inputs and estimate judge calls, tokens and cost; store nothing, call nothing")
	jf.add(cmd)
	return cmd
}

type barProgress struct{ bar *progressbar.ProgressBar }

func (p barProgress) Advance(n int) { _ = p.bar.Add(n) }

// expandInputs turns --input values into sources, expanding globs; no inputs means the demo corpus.
func expandInputs(inputs []string) ([]pipeline.Source, error) {
	if len(inputs) == 0 {
		return []pipeline.Source{pipeline.DemoSource()}, nil
	}
	var out []pipeline.Source
	for _, in := range inputs {
		if !strings.ContainsAny(in, "*?[") {
			out = append(out, pipeline.Source{Path: in})
			continue
		}
		matches, err := filepath.Glob(in)
		if err != nil {
			return nil, usageErrorf("--input %q: %v", in, err)
		}
		if len(matches) == 0 {
			return nil, usageErrorf("--input %q matches no file", in)
		}
		sort.Strings(matches)
		for _, m := range matches {
			out = append(out, pipeline.Source{Path: m})
		}
	}
	return out, nil
}

func printEstimate(w io.Writer, format string, est pipeline.Estimate, judgeNote string) error {
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(est)
	}
	fmt.Fprintf(w, "dry run: %d conversations (%d quarantined records), nothing stored, nothing sent\n", est.Conversations, est.Quarantined)
	if est.Model == "" {
		fmt.Fprintf(w, "  judge        %s\n", judgeNote)
		return nil
	}
	fmt.Fprintf(w, "  judge        %s, %d requests, %d already in the cache\n", est.Model, est.Requests, est.Cached)
	fmt.Fprintf(w, "  to send      %d calls, ~%d prompt tokens, ~%d completion tokens (estimated at 4 bytes a token)\n", est.Calls, est.PromptTokens, est.CompletionTokens)
	if est.PriceKnown {
		fmt.Fprintf(w, "  cost         ~$%.2f online, ~$%.2f with --judge batch\n", est.CostUSD, est.CostUSD/2)
	} else {
		fmt.Fprintf(w, "  cost         unknown: no price for %s (local models cost nothing here)\n", est.Model)
	}
	return nil
}

func printSummary(w io.Writer, format string, s pipeline.Summary, judgeNote string) error {
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(s)
	}
	fmt.Fprintf(w, "run %s %s", s.RunID, s.Status)
	if s.Resumed {
		fmt.Fprint(w, " (resumed after an interruption)")
	}
	fmt.Fprintf(w, " in %.1fs\n", s.Seconds)
	fmt.Fprintf(w, "  scored       %d conversations (bot %d, human %d in this session)\n", s.Conversations, s.ByChannel["bot"], s.ByChannel["human"])
	if s.Quarantined > 0 {
		fmt.Fprintf(w, "  quarantined  %d records (see: SELECT file, line, field, reason FROM quarantine WHERE run_id = '%s')\n", s.Quarantined, s.RunID)
	} else {
		fmt.Fprintf(w, "  quarantined  0 records\n")
	}
	if s.Duplicates > 0 {
		fmt.Fprintf(w, "  duplicates   %d records repeated a conversation already in this run (skipped)\n", s.Duplicates)
	}
	fmt.Fprintf(w, "  rubric       %s %s\n", s.Rubric.Name, s.Rubric.Version)
	if j := s.JudgeInfo; j.Mode == "off" {
		fmt.Fprintf(w, "  judge        %s\n", judgeNote)
	} else {
		fmt.Fprintf(w, "  judge        %s %s: %d requests, %d from cache, %d called, %d failed, %d skipped, $%.4f\n",
			j.Mode, j.Model, j.Requests, j.Cached, j.Calls, j.Errors, j.Skipped, j.CostUSD)
		if j.Pending+j.Submitted+j.Collected > 0 {
			fmt.Fprintf(w, "  batches      %d requests submitted, %d still pending, %d collected (run again to collect)\n", j.Submitted, j.Pending, j.Collected)
		}
		if j.BudgetReached {
			fmt.Fprintf(w, "  budget       --max-cost reached: later conversations were scored without the judge\n")
		}
		if j.Flagged > 0 {
			fmt.Fprintf(w, "  samples      %d criteria where the judge's samples disagree by 2+ points (scores.spread)\n", j.Flagged)
		}
		if j.Errors > 0 {
			fmt.Fprintf(w, "  failed       SELECT conversation_id, error FROM judge_calls WHERE run_id = '%s' AND status = 'error'\n", s.RunID)
		}
	}
	fmt.Fprintf(w, "  stored in    %s\n", s.DB)
	fmt.Fprintf(w, "next: convqa compare --db %s --run %s\n", s.DB, s.RunID)
	return nil
}
