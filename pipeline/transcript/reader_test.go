package transcript

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func gzipped(t *testing.T, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, err := zw.Write(data)
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	jsonl := []byte(`{"id":"j-1","turns":[{"role":"bot","text":"hi"}]}` + "\n")
	csv := []byte("conversation_id,role,text\nc-1,agent,hi\n")
	tests := []struct {
		name string
		data []byte
		line int
	}{
		{"a.jsonl", jsonl, 1},
		{"a.ndjson", jsonl, 1},
		{"a.json", jsonl, 1},
		{"A.JSONL.GZ", gzipped(t, jsonl), 1},
		{"a.ndjson.gz", gzipped(t, jsonl), 1},
		{"a.csv", csv, 2},
		{"a.csv.gz", gzipped(t, csv), 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.name)
			require.NoError(t, os.WriteFile(path, tt.data, 0o644))
			r, err := Open(path)
			require.NoError(t, err)
			recs := readAll(t, r)
			require.Len(t, recs, 1)
			require.NotNil(t, recs[0].Conversation)
			assert.Equal(t, Source{File: path, Line: tt.line}, recs[0].Conversation.Source)
		})
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, data, 0o644))
		return path
	}
	tests := []struct {
		name string
		path string
		err  string
	}{
		{"unknown extension", write("a.txt", nil), `unknown file type ".txt": want .jsonl, .ndjson, .json, .csv (each optionally .gz) or .parquet`},
		{"no extension", write("turns", nil), `unknown file type ""`},
		{"gzipped parquet", write("a.parquet.gz", nil), "gzip-compressed parquet is not supported"},
		{"missing file", filepath.Join(dir, "nope.jsonl"), "open transcript: open " + filepath.Join(dir, "nope.jsonl") + ": no such file or directory"},
		{"not gzip", write("b.jsonl.gz", []byte("plain")), "gzip: "},
		{"csv without text column", write("b.csv", []byte("conversation_id,role\n")), `missing required column "text"`},
		{"not parquet", write("b.parquet", []byte("nope")), "read " + filepath.Join(dir, "b.parquet") + ": "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Open(tt.path)
			require.Error(t, err)
			assert.Nil(t, r)
			assert.Contains(t, err.Error(), tt.err)
		})
	}
}

func TestOpenGzipCorrupt(t *testing.T) {
	data := gzipped(t, bytes.Repeat([]byte(`{"id":"j-1","turns":[{"role":"bot","text":"hi"}]}`+"\n"), 1000))
	data = data[:len(data)/2]
	path := filepath.Join(t.TempDir(), "cut.jsonl.gz")
	require.NoError(t, os.WriteFile(path, data, 0o644))
	r, err := Open(path)
	require.NoError(t, err)
	recs, err := readUntilError(r)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "read "+path+" after line ")
	assert.NotEmpty(t, recs)
	require.NoError(t, r.Close())
}
