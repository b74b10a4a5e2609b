package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/convqa/convqa/pipeline/compare"
	"github.com/convqa/convqa/pipeline/stats"
	"github.com/convqa/convqa/pipeline/store"
)

func newCompareCmd(e *env) *cobra.Command {
	var (
		db, runRef, by, format string
		resamples              int
		seed                   uint64
	)
	cmd := &cobra.Command{
		Use:   "compare",
		Short: "Compare the bot and human channels per criterion, with confidence intervals",
		Long: `Compare reads one run from the store and shows, per criterion (and per group with --by), each
channel's number of scored conversations, mean and 95% bootstrap confidence interval, the bot-minus-human
difference with its interval, and the case-mix-adjusted difference: the bot's scores re-weighted to the human
channel's mix of topic × language, so that a bot that handles easier cases does not look better than it is.
A "!" marks rows where raw and adjusted differences disagree in sign.

Intervals are seeded: the same run compared twice gives the same figures.`,
		Example: `  convqa compare
  convqa compare --run nightly-2026-11-25 --by topic
  convqa compare --by market --format csv > by-market.csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format, "text", "json", "csv"); err != nil {
				return err
			}
			if err := compare.CheckBy(by); err != nil {
				return usageErrorf("%w", err)
			}
			st, err := store.Open(cmd.Context(), db, store.Options{ReadOnly: true})
			if err != nil {
				return err
			}
			defer st.Close()
			res, err := compare.Compare(cmd.Context(), st.DB(), compare.Options{Run: runRef, By: by,
				Bootstrap: stats.BootstrapOptions{Resamples: resamples, Seed: seed}})
			if err != nil {
				return err
			}
			switch format {
			case "json":
				enc := json.NewEncoder(e.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(res)
			case "csv":
				return writeCompareCSV(e.stdout, res)
			}
			return writeCompareText(e.stdout, res)
		},
	}
	addDBFlag(cmd, &db)
	cmd.Flags().StringVar(&runRef, "run", "latest", "run id, run name, or latest (the most recent finished run)")
	cmd.Flags().StringVar(&by, "by", "", "split each channel by topic, language, or a metadata key (e.g. market)")
	cmd.Flags().StringVar(&format, "format", "text", "output: text, json or csv")
	cmd.Flags().IntVar(&resamples, "resamples", 2000, "bootstrap resamples per interval")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "bootstrap seed")
	return cmd
}

// num formats a figure with prec decimals, "-" when it is undefined (NaN) or infinite.
func num[F ~float64](f F, prec int) string {
	v := float64(f)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "-"
	}
	return strconv.FormatFloat(v, 'f', prec, 64)
}

func ci(mean, lo, hi compare.Float, prec int) string {
	if math.IsNaN(float64(mean)) {
		return "-"
	}
	if math.IsNaN(float64(lo)) {
		return num(mean, prec)
	}
	return fmt.Sprintf("%s [%s, %s]", num(mean, prec), num(lo, prec), num(hi, prec))
}

func signed(f compare.Float, prec int) string {
	s := num(f, prec)
	if float64(f) > 0 {
		return "+" + s
	}
	return s
}

func diffText(d *compare.Diff, prec int) string {
	if d == nil || math.IsNaN(float64(d.Estimate)) {
		return "-"
	}
	if math.IsNaN(float64(d.Lo)) {
		return signed(d.Estimate, prec)
	}
	return fmt.Sprintf("%s [%s, %s]", signed(d.Estimate, prec), signed(d.Lo, prec), signed(d.Hi, prec))
}

func precision(criterion string) int {
	if criterion == "quality_index" {
		return 1
	}
	return 2
}

func writeCompareText(w io.Writer, res *compare.Result) error {
	r := res.Run
	fmt.Fprintf(w, "run %s", r.ID)
	if r.Name != "" {
		fmt.Fprintf(w, " (%s)", r.Name)
	}
	fmt.Fprintf(w, ", rubric %s %s, judge %s, %d conversations\n", r.RubricName, r.RubricVersion, r.Judge, r.Conversations)
	fmt.Fprintln(w, "means with 95% bootstrap CIs; diff = bot - human; adjusted = bot re-weighted to the human mix of topic × language")
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	group := ""
	if res.By != "" {
		group = res.By + "\t"
	}
	fmt.Fprintf(tw, "criterion\t%sbot n\tbot mean\thuman n\thuman mean\tdiff\tadjusted diff\t\n", group)
	flips := 0
	for _, row := range res.Rows {
		p := precision(row.Criterion)
		g := ""
		if res.By != "" {
			g = row.Group + "\t"
		}
		adj := "-"
		if row.Adjusted != nil {
			adj = diffText(&row.Adjusted.Diff, p)
			if row.Adjusted.Coverage < 0.999 {
				adj += fmt.Sprintf(" (covers %.0f%%)", 100*row.Adjusted.Coverage)
			}
		}
		flag := ""
		if row.SignFlip {
			flag, flips = "!", flips+1
		}
		fmt.Fprintf(tw, "%s\t%s%d\t%s\t%d\t%s\t%s\t%s\t%s\n", row.Criterion, g,
			row.Bot.N, ci(row.Bot.Mean, row.Bot.Lo, row.Bot.Hi, p),
			row.Human.N, ci(row.Human.Mean, row.Human.Lo, row.Human.Hi, p),
			diffText(row.Diff, p), adj, flag)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if flips > 0 {
		fmt.Fprintf(w, "\n! %d rows: raw and case-mix-adjusted differences disagree in sign; the raw difference reflects what each channel handles, not how well.\n", flips)
	}
	return nil
}

func writeCompareCSV(w io.Writer, res *compare.Result) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"run_id", "criterion", "group", "bot_n", "bot_na", "bot_mean", "bot_ci_lo", "bot_ci_hi",
		"human_n", "human_na", "human_mean", "human_ci_lo", "human_ci_hi", "diff", "diff_ci_lo", "diff_ci_hi",
		"adjusted_diff", "adjusted_ci_lo", "adjusted_ci_hi", "adjusted_coverage", "sign_flip"})
	f := func(v compare.Float) string {
		if math.IsNaN(float64(v)) {
			return ""
		}
		return strconv.FormatFloat(float64(v), 'g', 10, 64)
	}
	for _, r := range res.Rows {
		rec := []string{res.Run.ID, r.Criterion, r.Group,
			strconv.Itoa(r.Bot.N), strconv.Itoa(r.Bot.NA), f(r.Bot.Mean), f(r.Bot.Lo), f(r.Bot.Hi),
			strconv.Itoa(r.Human.N), strconv.Itoa(r.Human.NA), f(r.Human.Mean), f(r.Human.Lo), f(r.Human.Hi)}
		if r.Diff != nil {
			rec = append(rec, f(r.Diff.Estimate), f(r.Diff.Lo), f(r.Diff.Hi))
		} else {
			rec = append(rec, "", "", "")
		}
		if r.Adjusted != nil {
			rec = append(rec, f(r.Adjusted.Estimate), f(r.Adjusted.Lo), f(r.Adjusted.Hi), strconv.FormatFloat(r.Adjusted.Coverage, 'g', 6, 64))
		} else {
			rec = append(rec, "", "", "", "")
		}
		rec = append(rec, strconv.FormatBool(r.SignFlip))
		_ = cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}
