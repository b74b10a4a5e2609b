package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/convqa/convqa/datasets"
	"github.com/convqa/convqa/pipeline/transcript"
)

func newConvertCmd(e *env) *cobra.Command {
	var from, in, out, labels string
	cmd := &cobra.Command{
		Use:   "convert",
		Short: "Convert a public dataset into canonical JSONL (and labels CSV)",
		Long: `Convert turns public conversation datasets into convqa's canonical JSONL:

  abcd       ABCD (Action-Based Conversations Dataset) JSON: agent and customer turns, actions as system turns
  ab-redial  AB-ReDial annotated_dialogues.csv: one conversation per dialogue ("ab-redial/ID"), and with
             --labels the human ratings as a labels CSV (conversation_id,criterion,value,rater) for convqa
             calibrate: understanding, task_completion, interest_arousal, efficiency, overall.
             AB-ReDial annotated_turns.csv (told apart by its header): one conversation per rated segment of
             four utterances ("ab-redial/ID/1" to "/3"), labelled relevance, interestingness, overall.`,
		Example: `  convqa convert --from abcd --in abcd_sample.json --out abcd.jsonl
  convqa convert --from ab-redial --in annotated_dialogues.csv --out redial.jsonl --labels redial-labels.csv
  convqa convert --from ab-redial --in annotated_turns.csv --out segments.jsonl --labels segment-labels.csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if in == "" || out == "" {
				return usageErrorf("--in and --out are required")
			}
			src, err := os.Open(in)
			if err != nil {
				return err
			}
			defer src.Close()
			dst, err := os.Create(out)
			if err != nil {
				return err
			}
			defer dst.Close()
			w := transcript.NewJSONLWriter(dst)
			var n, rows int
			switch strings.ToLower(from) {
			case "abcd":
				if labels != "" {
					return usageErrorf("--labels: ABCD has no quality labels")
				}
				n, err = datasets.ConvertABCD(src, w)
			case "ab-redial", "abredial":
				lw := io.Discard
				if labels != "" {
					lf, err := os.Create(labels)
					if err != nil {
						return err
					}
					defer lf.Close()
					lw = lf
				}
				n, rows, err = datasets.ConvertABReDial(src, w, lw)
			default:
				return usageErrorf("--from %q: want abcd or ab-redial", from)
			}
			if err != nil {
				return fmt.Errorf("convert %s: %w", in, err)
			}
			if err := w.Flush(); err != nil {
				return err
			}
			if err := dst.Close(); err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "wrote %d conversations to %s", n, out)
			if labels != "" {
				fmt.Fprintf(e.stderr, " and %d label rows to %s", rows, labels)
			}
			fmt.Fprintln(e.stderr)
			return nil
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "dataset format: abcd or ab-redial")
	cmd.Flags().StringVar(&in, "in", "", "dataset file to read")
	cmd.Flags().StringVarP(&out, "out", "o", "", "JSONL file to write")
	cmd.Flags().StringVar(&labels, "labels", "", "labels CSV to write (ab-redial only)")
	return cmd
}
