package datasets

import (
	"bytes"
	"compress/gzip"
	"flag"
	"io"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/pipeline/transcript"
)

var update = flag.Bool("update", false, "rewrite golden files (the embedded demo corpus, testdata)")

// TestDemoReproducible regenerates the demo corpus and compares it with the embedded file byte for byte; with
// -update it rewrites the file instead.
func TestDemoReproducible(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, writeDemo(&buf))
	if *update {
		require.NoError(t, os.WriteFile(DemoName, buf.Bytes(), 0o644))
		t.Logf("rewrote %s (%d bytes); rebuild to embed it", DemoName, buf.Len())
		return
	}
	embedded, err := os.ReadFile(DemoName)
	require.NoError(t, err)
	require.Equal(t, demoGzip, embedded, "the embedded corpus is stale: go test ./datasets -update, then rebuild")

	// The JSONL must match exactly; the compressed bytes too unless compress/flate itself changed.
	want, err := gunzip(embedded)
	require.NoError(t, err)
	got, err := gunzip(buf.Bytes())
	require.NoError(t, err)
	require.True(t, bytes.Equal(want, got), "regenerated demo JSONL differs from %s: run go test ./datasets -update", DemoName)
	assert.True(t, bytes.Equal(embedded, buf.Bytes()), "same JSONL but different gzip bytes (did compress/flate change?): run -update")
}

func gunzip(b []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	return io.ReadAll(zr)
}

func TestDemoHeaderCarriesNoNameOrTime(t *testing.T) {
	zr, err := gzip.NewReader(bytes.NewReader(demoGzip))
	require.NoError(t, err)
	defer zr.Close()
	assert.Empty(t, zr.Name)
	assert.True(t, zr.ModTime.IsZero(), "mtime %v", zr.ModTime)
}

func TestDemoReadsBack(t *testing.T) {
	rc, err := Demo()
	require.NoError(t, err)
	defer rc.Close()
	r := transcript.NewJSONLReader(rc, "demo:"+DemoName)
	defer r.Close()
	n, bot := 0, 0
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		require.Nil(t, rec.Quarantine, "demo record quarantined: %+v", rec.Quarantine)
		n++
		if rec.Conversation.Channel == transcript.ChannelBot {
			bot++
		}
	}
	assert.Equal(t, DemoOptions().N, n)
	assert.InDelta(t, 0.7, float64(bot)/float64(n), 0.08)
	assert.Len(t, DemoFingerprint(), 64)
}
