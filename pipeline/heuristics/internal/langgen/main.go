// Command langgen derives the compact trigram profiles of the heuristics language detector from the
// language models shipped with github.com/pemistahl/lingua-go (Apache-2.0, © Peter M. Stahl).
//
// For every language with a trigram model it keeps the k trigrams with the highest joint probability
// P(a)·P(b|a)·P(c|ab) and stores, for each, the quantised conditional log-probability ln P(c|ab) that
// lingua's low-accuracy mode scores with. Run it through `go generate` in pipeline/heuristics.
package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pemistahl/lingua-go/serialization"
	"google.golang.org/protobuf/proto"
)

// Magic starts every profile file; bump the digit when the layout changes.
const Magic = "CQLP1\n"

func main() {
	out := flag.String("o", "langprofiles.bin.gz", "output file (gzip)")
	k := flag.Int("k", 4000, "trigrams kept per language")
	dir := flag.String("lingua", "", "lingua-go module directory (default: go list -m)")
	flag.Parse()
	if err := run(*dir, *out, *k); err != nil {
		fmt.Fprintln(os.Stderr, "langgen:", err)
		os.Exit(1)
	}
}

func run(dir, out string, k int) error {
	if dir == "" {
		b, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/pemistahl/lingua-go").Output()
		if err != nil {
			return fmt.Errorf("locate lingua-go module: %w", err)
		}
		dir = strings.TrimSpace(string(b))
	}
	root := filepath.Join(dir, "language-models")
	entries, err := os.ReadDir(root)
	if err != nil {
		return fmt.Errorf("read models: %w", err)
	}
	var buf bytes.Buffer
	buf.WriteString(Magic)
	var langs []string
	for _, e := range entries {
		if _, err := os.Stat(filepath.Join(root, e.Name(), "trigrams.pb.bin.zip")); err == nil {
			langs = append(langs, e.Name())
		}
	}
	sort.Strings(langs)
	putUvarint(&buf, uint64(len(langs)))
	for _, lang := range langs {
		tris, err := profile(filepath.Join(root, lang), k)
		if err != nil {
			return fmt.Errorf("profile %s: %w", lang, err)
		}
		putString(&buf, lang)
		putUvarint(&buf, uint64(len(tris)))
		for _, t := range tris {
			putString(&buf, t.s)
			buf.WriteByte(t.q)
		}
	}
	var gz bytes.Buffer
	zw, err := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(buf.Bytes()); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := os.WriteFile(out, gz.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write profiles: %w", err)
	}
	fmt.Printf("langgen: %d languages, k=%d, %d bytes (%d gzipped)\n", len(langs), k, buf.Len(), gz.Len())
	return nil
}

type trigram struct {
	s     string
	joint float64
	q     byte
}

// profile returns the top-k trigrams of one language by joint probability.
func profile(dir string, k int) ([]trigram, error) {
	uni, err := load(filepath.Join(dir, "unigrams.pb.bin.zip"))
	if err != nil {
		return nil, err
	}
	bi, err := load(filepath.Join(dir, "bigrams.pb.bin.zip"))
	if err != nil {
		return nil, err
	}
	tri, err := load(filepath.Join(dir, "trigrams.pb.bin.zip"))
	if err != nil {
		return nil, err
	}
	var ts []trigram
	for s, p := range tri {
		r := []rune(s)
		if len(r) != 3 {
			continue
		}
		j := uni[string(r[:1])] * bi[string(r[:2])] * p
		// Quantise -ln P(c|ab) in steps of 1/16 nat; 255 caps at ~16 nats (p ≈ 1e-7).
		q := math.Round(-math.Log(p) * 16)
		ts = append(ts, trigram{s: s, joint: j, q: byte(min(q, 255))})
	}
	sort.Slice(ts, func(i, j int) bool {
		if ts[i].joint != ts[j].joint {
			return ts[i].joint > ts[j].joint
		}
		return ts[i].s < ts[j].s
	})
	if len(ts) > k {
		ts = ts[:k]
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i].s < ts[j].s })
	return ts, nil
}

func load(path string) (map[string]float64, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	if len(zr.File) == 0 {
		return nil, fmt.Errorf("%s: empty zip", path)
	}
	f, err := zr.File[0].Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(bufio.NewReader(f))
	if err != nil {
		return nil, err
	}
	var m serialization.SerializableLanguageModel
	if err := proto.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	probs := make(map[string]float64, m.TotalNgrams)
	for _, set := range m.NgramSets {
		for _, s := range set.Ngrams {
			probs[s] = set.Probability
		}
	}
	return probs, nil
}

func putUvarint(b *bytes.Buffer, v uint64) {
	var tmp [binary.MaxVarintLen64]byte
	b.Write(tmp[:binary.PutUvarint(tmp[:], v)])
}

func putString(b *bytes.Buffer, s string) {
	putUvarint(b, uint64(len(s)))
	b.WriteString(s)
}
