package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReportCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "convqa.duckdb")
	_, stderr, err := inProcess(t, "run", "--db", db, "-q")
	require.NoError(t, err, stderr)

	out := filepath.Join(dir, "report.html")
	_, stderr, err = inProcess(t, "report", "--db", db, "--out", out, "--resamples", "200")
	require.NoError(t, err, stderr)
	assert.Contains(t, stderr, "wrote "+out)
	html, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(html), "<!DOCTYPE html>"))
	assert.Contains(t, string(html), "<svg")
	assert.NotContains(t, string(html), "<script")

	md, stderr, err := inProcess(t, "report", "--db", db, "--format", "md", "--resamples", "200")
	require.NoError(t, err, stderr)
	assert.True(t, strings.HasPrefix(md, "## Conversation quality"))
	assert.Contains(t, md, "| criterion |")

	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"report", "--db", db, "--format", "pdf"}, exitUsage, `--format "pdf"`},
		{[]string{"report", "--db", db, "--run", "no-such-run"}, exitFailure, "no run has id or name"},
		{[]string{"report", "--db", filepath.Join(dir, "missing.duckdb")}, exitFailure, "convqa run"},
	} {
		_, _, err := inProcess(t, tc.args...)
		require.Error(t, err)
		var buf strings.Builder
		assert.Equal(t, tc.code, exitCode(err, &buf), tc.args)
		assert.Contains(t, buf.String(), tc.msg)
	}
}
