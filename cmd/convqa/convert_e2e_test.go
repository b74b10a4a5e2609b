package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/datasets/publicdata"
)

// TestPublicDatasetsLoadWithoutLoss converts the public datasets and scores them: real transcripts from other
// sources (ids with '#', no timestamps, several raters) load with every conversation stored and scored.
func TestPublicDatasetsLoadWithoutLoss(t *testing.T) {
	data := publicdata.Path(t)
	dir := t.TempDir()
	for _, tc := range []struct {
		name, from, in string
		labels         bool
	}{
		{"abcd", "abcd", "abcd/abcd_sample.json", false},
		{"ab-redial", "ab-redial", "ab-redial/annotated_dialogues.csv", true},
		{"ab-redial-segments", "ab-redial", "ab-redial/annotated_turns.csv", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, tc.name+".jsonl")
			args := []string{"convert", "--from", tc.from, "--in", filepath.Join(data, tc.in), "--out", out}
			if tc.labels {
				args = append(args, "--labels", filepath.Join(dir, tc.name+"-labels.csv"))
			}
			r := convqa(t, dir, args...)
			require.Equal(t, 0, r.code, r.stderr)
			lines := countLines(t, out)
			require.Greater(t, lines, 0)

			db := filepath.Join(dir, tc.name+".duckdb")
			r = convqa(t, dir, "run", "--input", out, "--db", db, "--strict")
			require.Equal(t, 0, r.code, "no record may be quarantined\n%s%s", r.stdout, r.stderr)
			assert.EqualValues(t, lines, query(t, db, `SELECT count(*) FROM conversations`))
			assert.EqualValues(t, lines, query(t, db, `SELECT count(*) FROM scores WHERE criterion = 'quality_index'`))
			if tc.labels {
				assert.Greater(t, countLines(t, filepath.Join(dir, tc.name+"-labels.csv")), lines)
			}
		})
	}
}

func countLines(t *testing.T, p string) int {
	t.Helper()
	f, err := os.Open(p)
	require.NoError(t, err)
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) != "" {
			n++
		}
	}
	require.NoError(t, sc.Err())
	return n
}

// TestConvertUSS converts a file in User Satisfaction Simulation's format, scores it and calibrates against its
// ratings: the path a user takes with SGD.txt or MWOZ.txt.
func TestConvertUSS(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "SGD.txt")
	var sb strings.Builder
	for i := range 12 {
		fmt.Fprintf(&sb, "USER\tI want to book a flight to Paris for %d people.\tINFORM_INTENT\t3,3,3\n", i+1)
		sb.WriteString("SYSTEM\tWhen do you want to leave?\tREQUEST\t\n")
		if i%2 == 0 {
			sb.WriteString("USER\tOn March 3rd. Thank you so much, that's great!\tINFORM\t4,4,5\n")
			sb.WriteString("SYSTEM\tBooked: Air France AF 1234, March 3rd, $243.\tCONFIRM\t\n")
			sb.WriteString("USER\tOVERALL\t\t4,5,4\n\n")
		} else {
			sb.WriteString("USER\tThat's not what I asked. This is useless.\tINFORM\t2,2,1\n")
			sb.WriteString("SYSTEM\tSorry, I didn't understand.\tREQUEST\t\n")
			sb.WriteString("USER\tOVERALL\t\t2,1,2\n\n")
		}
	}
	require.NoError(t, os.WriteFile(in, []byte(sb.String()), 0o644))
	out, labels := filepath.Join(dir, "sgd.jsonl"), filepath.Join(dir, "sgd-labels.csv")

	r := convqa(t, dir, "convert", "--from", "uss", "--in", in, "--channel", "carrier-pigeon", "--out", out)
	require.Equal(t, 2, r.code, r.stderr)
	assert.Contains(t, r.stderr, `--channel "carrier-pigeon": want bot or human`)
	assert.NoFileExists(t, out, "nothing is written before the flags are checked")

	r = convqa(t, dir, "convert", "--from", "uss", "--in", in, "--channel", "bot", "--language", "en", "--out", out, "--labels", labels)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stderr, "wrote 12 conversations")
	assert.Contains(t, r.stderr, "and 36 label rows")

	db := filepath.Join(dir, "sgd.duckdb")
	r = convqa(t, dir, "run", "--input", out, "--db", db, "--strict")
	require.Equal(t, 0, r.code, r.stderr)
	assert.EqualValues(t, 12, query(t, db, `SELECT count(*) FROM conversations WHERE channel = 'bot' AND conversation_id LIKE 'uss-sgd/%'`))
	r = convqa(t, dir, "calibrate", "--db", db, "--labels", labels, "--format", "json")
	require.Equal(t, 0, r.code, r.stderr)
	var got struct {
		Criteria []struct {
			Criterion, Channel string
			N                  int
			Spearman           *float64
		}
		Unmatched int
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &got), r.stdout)
	require.NotEmpty(t, got.Criteria)
	assert.Equal(t, "overall", got.Criteria[0].Criterion)
	assert.Equal(t, 12, got.Criteria[0].N)
	assert.Zero(t, got.Unmatched)
	require.NotNil(t, got.Criteria[0].Spearman)
	assert.Greater(t, *got.Criteria[0].Spearman, 0.5, "thanks against complaints is the easy case")
}
