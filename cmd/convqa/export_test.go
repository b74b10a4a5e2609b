package main

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestExportCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "convqa.duckdb")
	_, stderr, err := inProcess(t, "run", "--db", db, "-q", "--name", "demo")
	require.NoError(t, err, stderr)

	out := filepath.Join(dir, "parquet")
	stdout, stderr, err := inProcess(t, "export", "--db", db, "--run", "demo", "--out", out, "--format", "json")
	require.NoError(t, err, stderr)
	var res struct {
		RunID string `json:"run_id"`
		Files []struct {
			Table, Path string
			Rows        int64
		} `json:"files"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &res), stdout)
	require.Len(t, res.Files, 4)
	rows := map[string]int64{}
	for _, f := range res.Files {
		rows[f.Table] = f.Rows
		assert.Equal(t, f.Rows, query(t, db, `SELECT count(*) FROM read_parquet(?)`, f.Path), f.Table)
	}
	assert.Equal(t, int64(1), rows["runs"])
	assert.Equal(t, query(t, db, `SELECT count(*) FROM conversations`), rows["conversations"])
	assert.Equal(t, query(t, db, `SELECT count(*) FROM scores WHERE run_id = ?`, res.RunID), rows["scores"])
	assert.Equal(t, rows["conversations"], rows["signals"])

	stdout, stderr, err = inProcess(t, "export", "--db", db, "--out", out)
	require.NoError(t, err, stderr)
	assert.Contains(t, stdout, "scores.parquet")

	_, _, err = inProcess(t, "export", "--db", db)
	require.Error(t, err)
	var buf discard
	assert.Equal(t, exitUsage, exitCode(err, &buf), "--out is required")
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
