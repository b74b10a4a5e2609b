package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// normalize replaces what differs between runs (ids, times, paths, durations) with fixed text.
var normalizers = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`\d{8}T\d{6}Z-[0-9a-f]{6}`), "RUN_ID"},
	{regexp.MustCompile(`"(started_at|finished_at)": "[^"]*"`), `"$1": "TIME"`},
	{regexp.MustCompile(`"seconds": [0-9.e-]+`), `"seconds": 0`},
	{regexp.MustCompile(`"db": "[^"]*"`), `"db": "DB"`},
	{regexp.MustCompile(` in [0-9.]+s\n`), " in 0.0s\n"},
	{regexp.MustCompile(`(stored in|--db) +\S+`), "$1 DB"},
}

func normalize(b []byte) []byte {
	for _, n := range normalizers {
		b = n.re.ReplaceAll(b, []byte(n.with))
	}
	return b
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	got = normalize(got)
	p := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(p, got, 0o644))
		return
	}
	want, err := os.ReadFile(p)
	require.NoError(t, err, "missing golden file: go test ./cmd/convqa -run Golden -update")
	assert.Equal(t, string(want), string(got), "output changed; if on purpose: go test ./cmd/convqa -run Golden -update")
}

// inProcess runs the CLI in this process, as main does, and returns its output and error.
func inProcess(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(t.Context(), args, &out, &errb)
	return out.String(), errb.String(), err
}

// TestGolden pins the machine-readable outputs that scripts and CI systems parse, and the text a user
// reads first, on the embedded demo corpus.
func TestGolden(t *testing.T) {
	db := filepath.Join(t.TempDir(), "convqa.duckdb")
	out, stderr, err := inProcess(t, "run", "--db", db, "--format", "json")
	require.NoError(t, err, stderr)
	golden(t, "run.json", []byte(out))

	for _, tc := range []struct {
		file string
		args []string
	}{
		{"compare.json", []string{"compare", "--db", db, "--format", "json"}},
		{"compare.txt", []string{"compare", "--db", db}},
		{"compare-by-topic.csv", []string{"compare", "--db", db, "--by", "topic", "--format", "csv"}},
		{"rubric-show.txt", []string{"rubric", "show"}},
	} {
		out, stderr, err := inProcess(t, tc.args...)
		require.NoError(t, err, stderr)
		golden(t, tc.file, []byte(out))
	}
}
