package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/convqa/convqa/pipeline/calibrate"
	"github.com/convqa/convqa/pipeline/heuristics"
	"github.com/convqa/convqa/pipeline/store"
	"github.com/convqa/convqa/rubrics"
)

// calibrateNow dates fitted rubrics; tests pin it.
var calibrateNow = time.Now

func newCalibrateCmd(e *env) *cobra.Command {
	var (
		db, labelsPath, runRef, format, out, rubricRef, split string
		fit                                                   bool
		maps                                                  []string
		folds                                                 int
		seed                                                  uint64
	)
	cmd := &cobra.Command{
		Use:   "calibrate",
		Short: "Measure how well the automatic scores agree with your own graders; fit rubric weights",
		Long: `Calibrate imports a labels CSV of human grades (header conversation_id,criterion,value,rater; rater
optional) into the labels table, matches it to a run's scores by conversation id, and shows per label
criterion, over both channels and per channel: n, Spearman, Kendall, Pearson, quadratic-weighted kappa and MAE,
with the graders' own agreement (Krippendorff's alpha) beside them. Importing the same file again changes
nothing.

A label criterion is compared with the score criterion of the same name (or the one --map names); overall is
compared with quality_index unless the rubric defines overall.

How to read the numbers:
  spearman, kendall  rank agreement, -1 to 1: does the score order conversations as the graders do? 0 is
                     none; above 0.3 is useful for finding bad conversations, above 0.5 is strong. The
                     bracket after spearman is its approximate 95% interval: with a few dozen labels it
                     is wide, so read it before the point value.
  pearson            linear agreement, -1 to 1; sensitive to outliers.
  qwk, mae           agreement on the graders' own scale: the 0-100 score is mapped linearly onto the
                     labels' lowest..highest value (0 -> lowest, 100 -> highest); qwk rounds both sides to
                     integers (1 perfect, 0 chance), mae is the mean distance in label points. A score can rank
                     well (high spearman) and still sit off the scale (low qwk, high mae).
  alpha              the graders' agreement with each other (Krippendorff, interval; 1 perfect, 0 chance):
                     the ceiling. Expect the score's correlations to stay below it.
  n/a                labelled conversations whose score was n/a (never counted as 0).
Figures of fewer than three conversations are undefined: shown as "-" (null in JSON), never 0.

--fit learns the quality-index weights (non-negative) that best agree with the overall labels and writes the
run's rubric with them and a version like 1.0.0+fit.20261126 to --out. It reports k-fold cross-validated
agreement: each conversation is predicted by weights fitted without it. Quote that figure, not the in-sample
one. Use --split dev to fit on 70% of the conversations, then score the fitted rubric on the other 30%
(--split holdout), which were never looked at: the split is by a hash of the conversation id.`,
		Example: `  convqa calibrate --labels qa-grades.csv
  convqa calibrate --labels qa-grades.csv --run nightly-2026-11-25 --format json
  convqa calibrate --labels qa-grades.csv --map helpfulness=resolution
  convqa calibrate --labels qa-grades.csv --split dev --fit --out support-fitted.yaml
  convqa run --rubric support-fitted.yaml --input chats.jsonl && convqa calibrate --labels qa-grades.csv --split holdout`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format, "text", "json"); err != nil {
				return err
			}
			if labelsPath == "" {
				return usageErrorf("--labels FILE is required (a CSV with header conversation_id,criterion,value,rater)")
			}
			if fit != (out != "") {
				return usageErrorf("--fit and --out FILE go together: --fit --out fitted.yaml")
			}
			sp, err := calibrate.ParseSplit(split)
			if err != nil {
				return usageErrorf("--%w", err)
			}
			mapping := map[string]string{}
			for _, m := range maps {
				label, crit, ok := strings.Cut(m, "=")
				if !ok || strings.TrimSpace(label) == "" || strings.TrimSpace(crit) == "" {
					return usageErrorf("--map %q: want LABEL=CRITERION, e.g. helpfulness=resolution", m)
				}
				mapping[strings.TrimSpace(label)] = strings.TrimSpace(crit)
			}
			data, err := os.ReadFile(labelsPath)
			if err != nil {
				return fmt.Errorf("read labels: %w", err)
			}
			labels, err := calibrate.ReadLabels(bytes.NewReader(data))
			if err != nil {
				return fmt.Errorf("%s: %w", labelsPath, err)
			}
			ctx := cmd.Context()
			st, err := store.Open(ctx, db, store.Options{})
			if err != nil {
				return err
			}
			defer st.Close()
			set, err := st.ImportLabels(ctx, store.LabelSetID(data), labelsPath, labels, calibrateNow())
			if err != nil {
				return err
			}
			d, err := calibrate.Load(ctx, st.DB(), runRef, sp.Filter(labels))
			if err != nil {
				return err
			}
			res := calibrate.Calibrate(d, calibrate.Options{Map: mapping})
			res.Labels, res.Split = &set, sp
			if fit {
				ref := rubricRef
				if ref == "" {
					ref = d.Run.RubricName
				}
				r, err := rubrics.Load(ref, rubrics.Options{Scorers: heuristics.Scorers()})
				if err != nil {
					return usageErrorf("--rubric: %w", err)
				}
				fr, err := calibrate.Fit(d, r, calibrate.FitOptions{Folds: folds, Seed: seed, Now: calibrateNow})
				if err != nil {
					return err
				}
				y, err := fr.RubricYAML(labelsPath)
				if err != nil {
					return err
				}
				if err := os.WriteFile(out, y, 0o644); err != nil {
					return fmt.Errorf("write fitted rubric: %w", err)
				}
				res.Fit = fr
			}
			if format == "json" {
				enc := json.NewEncoder(e.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(res)
			}
			return writeCalibrateText(e.stdout, res, labels, sp, out)
		},
	}
	addDBFlag(cmd, &db)
	cmd.Flags().StringVar(&labelsPath, "labels", "", "labels CSV: conversation_id,criterion,value,rater (required)")
	cmd.Flags().StringVar(&runRef, "run", "latest", "run id, run name, or latest (the most recent finished run)")
	cmd.Flags().StringVar(&format, "format", "text", "output: text or json")
	cmd.Flags().StringArrayVar(&maps, "map", nil, "compare label criterion LABEL with score criterion CRITERION: LABEL=CRITERION (repeatable)")
	cmd.Flags().StringVar(&split, "split", "all", "conversations to use, by a hash of their id: all, dev (70%) or holdout (the other 30%)")
	cmd.Flags().BoolVar(&fit, "fit", false, "fit the quality-index weights to the overall labels (needs --out)")
	cmd.Flags().StringVar(&out, "out", "", "with --fit: file to write the fitted rubric YAML to")
	cmd.Flags().StringVar(&rubricRef, "rubric", "", "with --fit: the rubric file the run used (default: the shipped rubric of the run's rubric name)")
	cmd.Flags().IntVar(&folds, "folds", 5, "with --fit: k of the k-fold cross-validation")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "with --fit: seed of the folds")
	return cmd
}

// maxListed bounds the unmatched ids the text output lists.
const maxListed = 50

func writeCalibrateText(w io.Writer, res *calibrate.Result, labels []store.Label, sp calibrate.Split, out string) error {
	r := res.Run
	fmt.Fprintf(w, "run %s", r.ID)
	if r.Name != "" {
		fmt.Fprintf(w, " (%s)", r.Name)
	}
	fmt.Fprintf(w, ", rubric %s %s, judge %s\n", r.RubricName, r.RubricVersion, r.Judge)
	convs, graders := map[string]bool{}, map[[2]string]int{}
	most := 0
	for _, l := range labels {
		convs[l.ConversationID] = true
		k := [2]string{l.ConversationID, l.Criterion}
		graders[k]++
		most = max(most, graders[k])
	}
	if set := res.Labels; set != nil {
		state := "imported now"
		if !set.Added {
			state = "already imported, nothing changed"
		}
		fmt.Fprintf(w, "labels %s: %d grades of %d conversations, up to %d graders each (label set %.12s, %s)\n",
			set.Source, len(labels), len(convs), most, set.ID, state)
	}
	if sp != calibrate.SplitAll {
		fmt.Fprintf(w, "split %s: only conversations whose id hash falls in the %s part (holdout = the last %.0f%%)\n",
			sp, sp, 100*(1-calibrate.HoldoutFrom))
	}
	fmt.Fprintf(w, "%d labelled conversations matched the run's scores, %d did not\n\n", res.Matched, res.Unmatched)

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "criterion\tcompared with\tchannel\tn\tn/a\tspearman [95% CI]\tkendall\tpearson\tqwk\tmae\tscale\tgraders' alpha (convs)\t")
	for _, row := range res.Criteria {
		cw := "-"
		if row.ComparedWith != nil {
			cw = *row.ComparedWith
		}
		alpha := "-"
		if row.AlphaUnits > 0 {
			alpha = fmt.Sprintf("%s (%d)", num(row.Alpha, 2), row.AlphaUnits)
		}
		rho := num(row.Spearman, 2)
		if !math.IsNaN(float64(row.SpearmanLo)) {
			rho += fmt.Sprintf(" [%s, %s]", num(row.SpearmanLo, 2), num(row.SpearmanHi, 2))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%g-%g\t%s\t\n", row.Criterion, cw, row.Channel, row.N, row.NA,
			rho, num(row.Kendall, 2), num(row.Pearson, 2), num(row.QWK, 2), num(row.MAE, 2),
			row.LabelMin, row.LabelMax, alpha)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	var unscored []string
	for _, row := range res.Criteria {
		if row.ComparedWith == nil {
			unscored = append(unscored, row.Criterion)
		}
	}
	if len(unscored) > 0 {
		fmt.Fprintf(w, "\nno score criterion of the same name for %s; compare with one: --map %s=CRITERION\n",
			strings.Join(unscored, ", "), unscored[0])
	}
	if len(res.UnmatchedIDs) > 0 {
		fmt.Fprintf(w, "\nunmatched: %d labelled conversations are not in run %s:\n", len(res.UnmatchedIDs), r.ID)
		for i, id := range res.UnmatchedIDs {
			if i == maxListed {
				fmt.Fprintf(w, "  … and %d more\n", len(res.UnmatchedIDs)-maxListed)
				break
			}
			fmt.Fprintf(w, "  %s\n", id)
		}
	}
	if len(res.JudgeBias) > 0 {
		fmt.Fprintln(w, "\njudge bias: mean judge minus graders (label points) on bot and on human transcripts; a judge that favours bots shows a positive bot - human")
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "criterion\tcompared with\tbot n\tbot diff\thuman n\thuman diff\tbot - human\t")
		for _, b := range res.JudgeBias {
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%d\t%s\t%s\t\n", b.Criterion, b.ComparedWith, b.Bot.N, num(b.Bot.MeanDiff, 2),
				b.Human.N, num(b.Human.MeanDiff, 2), num(b.BotMinusHuman, 2))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if f := res.Fit; f != nil {
		fmt.Fprintf(w, "\nfit: quality-index weights fitted to the %s labels of %d conversations; Spearman with the labels:\n", f.Label, f.N)
		fmt.Fprintf(w, "  before fitting (the run's own index)   %s\n", num(f.Baseline.Spearman, 3))
		folds := make([]string, len(f.FoldSpearman))
		for i, s := range f.FoldSpearman {
			folds[i] = num(s, 2)
		}
		fmt.Fprintf(w, "  cross-validated (%d folds, seed %d)     %s   (per fold: %s)\n", f.Folds, f.Seed,
			num(f.CrossValidated.Spearman, 3), strings.Join(folds, " "))
		fmt.Fprintf(w, "  in-sample (optimistic, do not quote)   %s\n", num(f.InSample.Spearman, 3))
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  criterion\tweight before\tafter\t")
		for _, wt := range f.Weights {
			note := ""
			if !wt.Fitted {
				note = "kept: no scores in the labelled conversations"
			}
			fmt.Fprintf(tw, "  %s\t%g\t%g\t%s\n", wt.Criterion, wt.Before, wt.After, note)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		fmt.Fprintf(w, "wrote rubric %s to %s (convqa run --rubric %s)\n", f.RubricVersion, out, out)
	}
	fmt.Fprintln(w, "\nspearman/kendall/pearson: -1..1, 0 = no agreement; qwk: 1 perfect, 0 chance; mae in label points; alpha: the graders' own agreement, the ceiling (see convqa calibrate --help)")
	return nil
}
