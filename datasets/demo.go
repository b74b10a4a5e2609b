package datasets

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"io"
)

// DemoName is the file name of the embedded demo corpus (gzip-compressed transcript JSONL).
const DemoName = "demo.jsonl.gz"

//go:embed demo.jsonl.gz
var demoGzip []byte

// DemoOptions returns the options the demo corpus was generated with: Generate(DemoOptions(), fn) yields its
// conversations again, with their Truth.
func DemoOptions() GenOptions {
	return GenOptions{N: 300, Seed: 20261120}
}

// Demo returns the embedded demo corpus as transcript JSONL, decompressed. The caller closes it.
func Demo() (io.ReadCloser, error) {
	zr, err := gzip.NewReader(bytes.NewReader(demoGzip))
	if err != nil {
		return nil, fmt.Errorf("open demo corpus: %w", err)
	}
	return zr, nil
}

// DemoFingerprint identifies the content of the embedded demo corpus (the SHA-256 of the compressed file, in hex).
func DemoFingerprint() string {
	sum := sha256.Sum256(demoGzip)
	return hex.EncodeToString(sum[:])
}

// writeDemo writes the demo corpus, gzip-compressed, to w. The gzip header carries no name and no time, so the
// output depends only on DemoOptions.
func writeDemo(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("write demo: %w", err)
	}
	if err := WriteCorpus(DemoOptions(), zw, nil); err != nil {
		return fmt.Errorf("write demo: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write demo: %w", err)
	}
	return nil
}
