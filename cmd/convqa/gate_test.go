package main

import (
	"bufio"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/datasets"
)

// writeBrokenBot writes the demo corpus with every bot answer replaced by "Sorry, I didn't understand.".
func writeBrokenBot(t *testing.T, path string) {
	t.Helper()
	rc, err := datasets.Demo()
	require.NoError(t, err)
	defer rc.Close()
	f, err := os.Create(path)
	require.NoError(t, err)
	defer f.Close()
	w := bufio.NewWriter(f)
	sc := bufio.NewScanner(rc)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var c map[string]any
		require.NoError(t, json.Unmarshal(sc.Bytes(), &c))
		for _, tu := range c["turns"].([]any) {
			if m := tu.(map[string]any); m["role"] == "bot" {
				m["text"] = "Sorry, I didn't understand."
			}
		}
		b, err := json.Marshal(c)
		require.NoError(t, err)
		w.Write(append(b, '\n'))
	}
	require.NoError(t, sc.Err())
	require.NoError(t, w.Flush())
}

type junitDoc struct {
	Failures int `xml:"failures,attr"`
	Suites   []struct {
		Cases []struct {
			Name    string `xml:"name,attr"`
			Failure *struct {
				Type string `xml:"type,attr"`
			} `xml:"failure"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func readJUnit(t *testing.T, path string) junitDoc {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	var doc junitDoc
	require.NoError(t, xml.Unmarshal(b, &doc))
	return doc
}

func TestGateCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "convqa.duckdb")
	for _, name := range []string{"bot-v41", "bot-v41-again"} {
		_, stderr, err := inProcess(t, "run", "--db", db, "-q", "--name", name)
		require.NoError(t, err, stderr)
	}
	broken := filepath.Join(dir, "broken.jsonl")
	writeBrokenBot(t, broken)
	_, stderr, err := inProcess(t, "run", "--db", db, "-q", "--name", "bot-v42", "--input", broken)
	require.NoError(t, err, stderr)

	summary := filepath.Join(dir, "summary.md")
	t.Setenv("GITHUB_STEP_SUMMARY", summary)

	t.Run("unchanged bot passes", func(t *testing.T) {
		junit := filepath.Join(dir, "same.xml")
		out, stderr, err := inProcess(t, "gate", "--db", db, "--baseline", "bot-v41", "--candidate", "bot-v41-again", "--junit", junit, "--strict")
		require.NoError(t, err, stderr)
		assert.Contains(t, out, "PASS")
		assert.Zero(t, readJUnit(t, junit).Failures)
	})

	t.Run("broken bot fails", func(t *testing.T) {
		junit := filepath.Join(dir, "broken.xml")
		out, _, err := inProcess(t, "gate", "--db", db, "--baseline", "bot-v41", "--candidate", "bot-v42", "--junit", junit)
		require.Error(t, err)
		var msg strings.Builder
		assert.Equal(t, exitFailure, exitCode(err, &msg))
		assert.Contains(t, msg.String(), "gate failed")
		assert.Contains(t, out, "quality_index       fail")
		doc := readJUnit(t, junit)
		assert.Positive(t, doc.Failures)
		require.Len(t, doc.Suites, 1)
		qi := doc.Suites[0].Cases[0]
		assert.Equal(t, "quality_index", qi.Name)
		require.NotNil(t, qi.Failure)
		assert.Equal(t, "regression", qi.Failure.Type)
	})

	t.Run("json", func(t *testing.T) {
		out, _, err := inProcess(t, "gate", "--db", db, "--baseline", "bot-v41", "--candidate", "latest", "--format", "json")
		require.Error(t, err)
		var res struct {
			Verdict string `json:"verdict"`
			Paired  bool   `json:"paired"`
			Checks  []struct {
				Criterion, Verdict string
				Diff               struct {
					Estimate, CILo, CIHi *float64
				}
			} `json:"checks"`
		}
		require.NoError(t, json.Unmarshal([]byte(out), &res), out)
		assert.Equal(t, "fail", res.Verdict)
		assert.True(t, res.Paired)
		assert.Equal(t, "quality_index", res.Checks[0].Criterion)
	})

	t.Run("step summary", func(t *testing.T) {
		b, err := os.ReadFile(summary)
		require.NoError(t, err)
		assert.Equal(t, 3, strings.Count(string(b), "### convqa gate"), "appended by each gate above")
		assert.Contains(t, string(b), "❌ fail")
	})

	t.Run("policy", func(t *testing.T) {
		lenient := filepath.Join(dir, "lenient.yaml")
		require.NoError(t, os.WriteFile(lenient, []byte("tolerance:\n  default: 5\n  quality_index: 100\n"), 0o644))
		_, stderr, err := inProcess(t, "gate", "--db", db, "--baseline", "bot-v41", "--candidate", "bot-v42", "--policy", lenient, "--format", "md")
		require.NoError(t, err, stderr)
	})

	for _, tc := range []struct {
		name string
		args []string
		msg  string
	}{
		{"no baseline", []string{"gate", "--db", db, "--candidate", "latest"}, "baseline"},
		{"unknown run", []string{"gate", "--db", db, "--baseline", "bot-v0", "--candidate", "latest"}, "bot-v0"},
		{"bad policy", []string{"gate", "--db", db, "--baseline", "bot-v41", "--candidate", "latest", "--policy", filepath.Join(dir, "nope.yaml")}, "invalid policy"},
		{"bad format", []string{"gate", "--db", db, "--baseline", "bot-v41", "--candidate", "latest", "--format", "xml"}, "--format"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := inProcess(t, tc.args...)
			require.Error(t, err)
			var msg strings.Builder
			assert.Equal(t, exitUsage, exitCode(err, &msg))
			assert.Contains(t, msg.String(), tc.msg)
		})
	}
}
