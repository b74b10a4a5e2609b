package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sharedData = "../../../shared/data"

// TestPublicDatasetsLoadWithoutLoss converts the public datasets and scores them: real transcripts from other
// sources (ids with '#', no timestamps, several raters) load with every conversation stored and scored.
func TestPublicDatasetsLoadWithoutLoss(t *testing.T) {
	data, err := filepath.Abs(sharedData)
	require.NoError(t, err)
	if _, err := os.Stat(data); err != nil {
		t.Skipf("public datasets not found at %s (they come with the workspace's shared/data)", data)
	}
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
