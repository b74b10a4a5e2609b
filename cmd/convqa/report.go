package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/convqa/convqa/pipeline/report"
	"github.com/convqa/convqa/pipeline/stats"
	"github.com/convqa/convqa/pipeline/store"
)

func newReportCmd(e *env) *cobra.Command {
	var (
		db, runRef, out, format string
		resamples, worst        int
		seed                    uint64
	)
	cmd := &cobra.Command{
		Use:   "report",
		Short: "Write the quality report of a run: one self-contained HTML page, or Markdown",
		Long: `Report writes what leadership reads: the quality index of the bot and of human agents with 95%
confidence intervals and the case-mix-adjusted difference, every criterion side by side, access to a human
and the escalation funnel, the trend over the last runs, the comparison by topic and by language, and the
worst conversations of each channel with the criterion that failed and the turns quoted (personal data masked).

The HTML is one file with inline CSS and SVG charts: no script, nothing loaded from a network, readable on a
phone and in print; it can be sent as an e-mail attachment. --format md writes the same figures as Markdown
tables, for e-mail, chat and CI step summaries.`,
		Example: `  convqa report --out report.html
  convqa report --run nightly-2026-11-25 --format md >> "$GITHUB_STEP_SUMMARY"`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format, "html", "md"); err != nil {
				return err
			}
			st, err := store.Open(cmd.Context(), db, store.Options{ReadOnly: true})
			if err != nil {
				return err
			}
			defer st.Close()
			rep, err := report.Build(cmd.Context(), st.DB(), report.Options{Run: runRef, Worst: worst, Version: version,
				Bootstrap: stats.BootstrapOptions{Resamples: resamples, Seed: seed}})
			if err != nil {
				return err
			}
			render := rep.HTML
			if format == "md" {
				render = rep.Markdown
			}
			if out == "" || out == "-" {
				return render(e.stdout)
			}
			if err := writeFileAtomic(out, render); err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "wrote %s\n", out)
			return nil
		},
	}
	addDBFlag(cmd, &db)
	cmd.Flags().StringVar(&runRef, "run", "latest", "run id, run name, or latest (the most recent finished run)")
	cmd.Flags().StringVarP(&out, "out", "o", "", "file to write (default: standard output)")
	cmd.Flags().StringVar(&format, "format", "html", "output: html or md")
	cmd.Flags().IntVar(&worst, "worst", 5, "worst conversations shown per channel")
	cmd.Flags().IntVar(&resamples, "resamples", 2000, "bootstrap resamples per interval")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "bootstrap seed")
	return cmd
}

// writeFileAtomic writes a file through a temporary file in the same directory, so a reader (a CI artifact
// upload, a web server) never sees half a report.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(f.Name())
	w := bufio.NewWriter(f)
	if err := write(w); err != nil {
		f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
