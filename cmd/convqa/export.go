package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/convqa/convqa/pipeline/export"
	"github.com/convqa/convqa/pipeline/store"
)

func newExportCmd(e *env) *cobra.Command {
	var db, runRef, out, format string
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write a run's conversations, scores and signals as Parquet files",
		Long: `Export writes one run as Parquet files (zstd-compressed) for BI tools and data lakes:

  runs.parquet           the run: one row of the runs table
  conversations.parquet  the run's conversations (columns of the conversations table; no transcript text)
  scores.parquet         every score of the run (columns of the scores table) plus channel, language, topic
  signals.parquet        the heuristic signals of the run, one row per conversation

The columns are those of the DuckDB tables of the same name (see README.md). Existing files are replaced.`,
		Example: `  convqa export --out exports/
  convqa export --run nightly-2026-11-25 --out s3-staging/2026-11-25/`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format, "text", "json"); err != nil {
				return err
			}
			st, err := store.Open(cmd.Context(), db, store.Options{ReadOnly: true})
			if err != nil {
				return err
			}
			defer st.Close()
			run, err := store.ResolveRun(cmd.Context(), st.DB(), runRef)
			if err != nil {
				return err
			}
			files, err := export.Parquet(cmd.Context(), st.DB(), run, out)
			if err != nil {
				return err
			}
			if format == "json" {
				enc := json.NewEncoder(e.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(struct {
					RunID string        `json:"run_id"`
					Files []export.File `json:"files"`
				}{run.ID, files})
			}
			for _, f := range files {
				fmt.Fprintf(e.stdout, "%-16s %8d rows  %s\n", f.Table, f.Rows, f.Path)
			}
			return nil
		},
	}
	addDBFlag(cmd, &db)
	cmd.Flags().StringVar(&runRef, "run", "latest", "run id, run name, or latest (the most recent finished run)")
	cmd.Flags().StringVar(&out, "out", "", "directory to write the Parquet files to (created if missing; required)")
	cmd.Flags().StringVar(&format, "format", "text", "output: text or json (the files written)")
	_ = cmd.MarkFlagRequired("out")
	return cmd
}
