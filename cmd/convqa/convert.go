package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/convqa/convqa/datasets"
	"github.com/convqa/convqa/pipeline/transcript"
)

func newConvertCmd(e *env) *cobra.Command {
	var from, in, out, labels, channel, language string
	cmd := &cobra.Command{
		Use:   "convert",
		Short: "Convert a public dataset into canonical JSONL (and labels CSV)",
		Long: `Convert turns public conversation datasets into convqa's canonical JSONL:

  abcd       ABCD (Action-Based Conversations Dataset) JSON: agent and customer turns, actions as system turns
  ab-redial  AB-ReDial annotated_dialogues.csv: one conversation per dialogue ("ab-redial/ID"), and with
             --labels the human ratings as a labels CSV (conversation_id,criterion,value,rater) for convqa
             calibrate: understanding, task_completion, interest_arousal, efficiency, overall.
             AB-ReDial annotated_turns.csv (told apart by its header): one conversation per rated segment of
             four utterances ("ab-redial/ID/1" to "/3"), labelled relevance, interestingness, overall.
  uss        a file of User Satisfaction Simulation (SGD.txt, MWOZ.txt, ReDial.txt, CCPE.txt, JDDC.txt):
             tab-separated utterances, blank lines between dialogues; with --labels each rater's
             dialogue-level satisfaction (1-5) as label "overall". Ids are "uss-" and the file's name
             ("uss-sgd/1", "uss-sgd/2", ...); --channel and --language apply to every conversation.`,
		Example: `  convqa convert --from abcd --in abcd_sample.json --out abcd.jsonl
  convqa convert --from ab-redial --in annotated_dialogues.csv --out redial.jsonl --labels redial-labels.csv
  convqa convert --from ab-redial --in annotated_turns.csv --out segments.jsonl --labels segment-labels.csv
  convqa convert --from uss --in SGD.txt --channel bot --language en --out sgd.jsonl --labels sgd-labels.csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if in == "" || out == "" {
				return usageErrorf("--in and --out are required")
			}
			kind := strings.ToLower(from)
			var uss datasets.USSOptions
			switch kind {
			case "abcd":
				if labels != "" {
					return usageErrorf("--labels: ABCD has no quality labels")
				}
			case "abredial":
				kind = "ab-redial"
			case "ab-redial":
			case "uss":
				ch := transcript.Channel(strings.ToLower(channel))
				if ch != transcript.ChannelBot && ch != transcript.ChannelHuman {
					return usageErrorf("--channel %q: want bot or human", channel)
				}
				stem := strings.TrimSuffix(filepath.Base(in), filepath.Ext(in))
				uss = datasets.USSOptions{Prefix: "uss-" + strings.ToLower(stem), Channel: ch, Language: language}
			default:
				return usageErrorf("--from %q: want abcd, ab-redial or uss", from)
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
			lw := io.Discard
			var lf *os.File
			if labels != "" {
				if lf, err = os.Create(labels); err != nil {
					return err
				}
				defer lf.Close()
				lw = lf
			}
			var n, rows int
			switch kind {
			case "abcd":
				n, err = datasets.ConvertABCD(src, w)
			case "ab-redial":
				n, rows, err = datasets.ConvertABReDial(src, w, lw)
			case "uss":
				n, rows, err = datasets.ConvertUSS(src, uss, w, lw)
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
			if lf != nil {
				if err := lf.Close(); err != nil {
					return err
				}
			}
			fmt.Fprintf(e.stderr, "wrote %d conversations to %s", n, out)
			if labels != "" {
				fmt.Fprintf(e.stderr, " and %d label rows to %s", rows, labels)
			}
			fmt.Fprintln(e.stderr)
			return nil
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "dataset format: abcd, ab-redial or uss")
	cmd.Flags().StringVar(&in, "in", "", "dataset file to read")
	cmd.Flags().StringVarP(&out, "out", "o", "", "JSONL file to write")
	cmd.Flags().StringVar(&labels, "labels", "", "labels CSV to write (ab-redial and uss)")
	cmd.Flags().StringVar(&channel, "channel", "human", "channel of the conversations, bot or human (uss only)")
	cmd.Flags().StringVar(&language, "language", "", "language of the conversations, e.g. en; empty detects it (uss only)")
	return cmd
}
