package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/convqa/convqa/pipeline/heuristics"
	"github.com/convqa/convqa/rubrics"
)

func newRubricCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rubric",
		Short: "Validate and show quality rubrics",
		Long: `A rubric is a versioned YAML file of criteria. Judge criteria are scored by the LLM judge from a
question and score anchors; heuristic criteria map a deterministic signal (a scorer) onto the scale.
Start from the shipped rubric: convqa rubric show --yaml > my-rubric.yaml`,
	}
	validate := &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check rubric files; every problem is reported with its line",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var bad int
			for _, p := range args {
				r, err := rubrics.Load(p, rubrics.Options{Scorers: heuristics.Scorers()})
				if err != nil {
					bad++
					fmt.Fprintln(e.stderr, err)
					continue
				}
				fmt.Fprintf(e.stdout, "%s: ok (%s %s, %d criteria, hash %s)\n", p, r.Name, r.Version, len(r.Criteria), r.Hash()[:12])
			}
			if bad > 0 {
				return &exitError{code: exitUsage, err: fmt.Errorf("%d of %d rubrics invalid", bad, len(args))}
			}
			return nil
		},
	}
	var asYAML bool
	show := &cobra.Command{
		Use:   "show [NAME|FILE]",
		Short: "Show a rubric's criteria (default: the shipped support rubric) and the heuristic scorers",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := rubrics.Default
			if len(args) == 1 {
				name = args[0]
			}
			r, err := rubrics.Load(name, rubrics.Options{Scorers: heuristics.Scorers()})
			if err != nil {
				return usageErrorf("%w", err)
			}
			if asYAML {
				b, err := r.Marshal()
				if err != nil {
					return err
				}
				_, err = e.stdout.Write(b)
				return err
			}
			w := e.stdout
			fmt.Fprintf(w, "%s %s (hash %s)\n", r.Name, r.Version, r.Hash()[:12])
			if r.Description != "" {
				fmt.Fprintf(w, "%s\n", r.Description)
			}
			fmt.Fprintln(w)
			tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "criterion\tkind\tweight\tscale\tapplies to\tauto-fail below\thow")
			for _, c := range r.Criteria {
				applies := "both"
				if len(c.AppliesTo) > 0 {
					applies = strings.Join(c.AppliesTo, ",")
				}
				af := "-"
				if c.AutoFail != nil {
					af = fmt.Sprint(c.AutoFail.Below)
				}
				how := c.Question
				if c.Kind == rubrics.KindHeuristic {
					how = "scorer " + c.Scorer
				}
				fmt.Fprintf(tw, "%s\t%s\t%g\t%g-%g\t%s\t%s\t%s\n", c.ID, c.Kind, c.Weight, c.Scale.Min, c.Scale.Max, applies, af, how)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			fmt.Fprintf(w, "\nquality_index (0-100): weighted mean of the applicable criteria, n/a left out; 0 when an auto-fail criterion is below its threshold.\n\nheuristic scorers and signals:\n")
			tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
			for _, d := range heuristics.Docs() {
				fmt.Fprintf(tw, "  %s\t%s\n", d.Name, d.Text)
			}
			return tw.Flush()
		},
	}
	show.Flags().BoolVar(&asYAML, "yaml", false, "print the rubric as YAML (a starting point for your own)")
	list := &cobra.Command{
		Use:   "list",
		Short: "List the shipped rubrics",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			for _, n := range rubrics.Names() {
				fmt.Fprintln(e.stdout, n)
			}
			return nil
		},
	}
	cmd.AddCommand(validate, show, list)
	return cmd
}
