package calibrate_test

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/datasets"
	"github.com/convqa/convqa/pipeline/calibrate"
	"github.com/convqa/convqa/pipeline/heuristics"
	"github.com/convqa/convqa/pipeline/store"
	"github.com/convqa/convqa/pipeline/transcript"
	"github.com/convqa/convqa/rubrics"
)

// ussFiles are the User Satisfaction Simulation files the quality index was tried on, and the dialogues of each
// that were looked at while the heuristics were changed (README, "Measured on public ratings"): the first
// explored dialogues of the file, and a few more that took part in one aggregate figure.
var ussFiles = []struct {
	file     string
	channel  transcript.Channel
	explored int
	seen     []int
}{
	{"SGD.txt", transcript.ChannelBot, 211, nil},
	{"MWOZ.txt", transcript.ChannelHuman, 178, ussMWOZSeen},
	{"ReDial.txt", transcript.ChannelHuman, 0, nil},
	{"CCPE.txt", transcript.ChannelHuman, 0, nil},
}

// TestQualityIndexOnUSS measures the default rubric's heuristic quality index against the dialogue-level user
// satisfaction of User Satisfaction Simulation (Sun et al., SIGIR 2021; 3-5 raters a dialogue, 1-5), when its
// files are at hand: CONVQA_USS names a folder with SGD.txt, MWOZ.txt and ReDial.txt (dataset/ of
// github.com/sunnweiwei/user-satisfaction-simulation; ReDial-1000.txt there). Their annotations carry no
// licence, so they are not in the repository and the test skips without them. For each file it logs the
// Spearman with the mean rating on the explored dialogues, on the others (never looked at before the figures
// were taken) and on all, and asks the others for a 95% CI above zero.
func TestQualityIndexOnUSS(t *testing.T) {
	dir := os.Getenv("CONVQA_USS")
	if dir == "" {
		t.Skip("CONVQA_USS is not set: point it at a folder with User Satisfaction Simulation's SGD.txt, MWOZ.txt, ReDial.txt")
	}
	def, err := rubrics.Load("", rubrics.Options{Scorers: heuristics.Scorers()})
	require.NoError(t, err)
	for _, uf := range ussFiles {
		t.Run(uf.file, func(t *testing.T) {
			path := filepath.Join(dir, uf.file)
			if _, err := os.Stat(path); err != nil && uf.file == "ReDial.txt" {
				path = filepath.Join(dir, "ReDial-1000.txt")
			}
			f, err := os.Open(path)
			if err != nil {
				t.Skipf("%v", err)
			}
			defer f.Close()
			prefix := "uss-" + strings.ToLower(strings.TrimSuffix(uf.file, ".txt"))
			var convs int
			st, labels := convertAndRun(t, func(out *transcript.JSONLWriter, labels io.Writer) (int, error) {
				var err error
				convs, _, err = datasets.ConvertUSS(f, datasets.USSOptions{Prefix: prefix, Channel: uf.channel, Language: "en"}, out, labels)
				return convs, err
			}, def)
			all, err := calibrate.ReadLabels(bytes.NewReader(labels))
			require.NoError(t, err)

			explored := func(l store.Label) bool {
				n, err := strconv.Atoi(strings.TrimPrefix(l.ConversationID, prefix+"/"))
				require.NoError(t, err)
				return n <= uf.explored || slices.Contains(uf.seen, n)
			}
			parts := map[string][]store.Label{"all": all}
			for _, l := range all {
				part := "held out"
				if explored(l) {
					part = "explored"
				}
				parts[part] = append(parts[part], l)
			}
			var heldOut calibrate.Row
			for _, part := range []string{"explored", "held out", "all"} {
				if len(parts[part]) == 0 {
					continue
				}
				d, err := calibrate.Load(t.Context(), st.DB(), def.Version, parts[part])
				require.NoError(t, err)
				r := row(t, calibrate.Calibrate(d, calibrate.Options{}), "overall", "all")
				t.Logf("%s (%d dialogues): quality_index vs overall, %-8s n=%3d spearman=%.3f [%.2f, %.2f] kendall=%.3f pearson=%.3f (raters' alpha %.3f)",
					uf.file, convs, part, r.N, r.Spearman, r.SpearmanLo, r.SpearmanHi, r.Kendall, r.Pearson, r.Alpha)
				if part == "held out" {
					heldOut = r
				}
			}
			require.Positive(t, heldOut.N)
			assert.Greater(t, float64(heldOut.SpearmanLo), 0.0, "%s: the quality index must carry signal on dialogues never looked at", uf.file)
		})
	}
}

// ussMWOZSeen are the MWOZ.txt dialogues beyond the explored ones that took part in one aggregate figure early on.
var ussMWOZSeen = []int{241, 242, 243, 244, 245, 246, 247, 303, 304, 305, 306, 307, 308}
