package transcript

import (
	"bytes"
	stdjson "encoding/json"
	"errors"
	"fmt"
	"io"
	"testing"
	"time"
)

// BenchmarkJSONLReader measures reading generated JSONL (about 12 turns and 2.5 KB a line) through the whole
// reader, with one decoding goroutine and with the default number.
func BenchmarkJSONLReader(b *testing.B) {
	corpus := genCorpus(4000, 1)
	lines := bytes.Count(corpus, []byte("\n"))
	for _, workers := range []int{1, defaultWorkers()} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			b.SetBytes(int64(len(corpus)))
			b.ReportAllocs()
			for b.Loop() {
				r := newJSONLReader(bytes.NewReader(corpus), "bench.jsonl", workers, nil)
				n := 0
				for {
					rec, err := r.Next()
					if errors.Is(err, io.EOF) {
						break
					}
					if err != nil || rec.Conversation == nil {
						b.Fatalf("record %d: %v %+v", n, err, rec.Quarantine)
					}
					n++
				}
				_ = r.Close()
				if n != lines {
					b.Fatalf("read %d conversations, want %d", n, lines)
				}
			}
			b.ReportMetric(float64(len(corpus))/float64(lines), "B/line")
		})
	}
}

// BenchmarkDecodeLine measures decoding alone, one line at a time in one goroutine, by the fast path and by
// json.Unmarshal alone.
func BenchmarkDecodeLine(b *testing.B) {
	corpus := genCorpus(1000, 2)
	lines := bytes.Split(bytes.TrimSuffix(corpus, []byte("\n")), []byte("\n"))
	for _, path := range []string{"fast", "unmarshal"} {
		b.Run(path, func(b *testing.B) {
			d := lineDecoder{noFast: path == "unmarshal"}
			b.SetBytes(int64(len(corpus)))
			b.ReportAllocs()
			for b.Loop() {
				for i, l := range lines {
					if rec := d.decode(l, "bench.jsonl", i+1); rec.Conversation == nil {
						b.Fatalf("line %d: %+v", i+1, rec.Quarantine)
					}
				}
			}
		})
	}
}

// BenchmarkDecodeEncodingJSON is why the decoder uses go-json-experiment/json: it times encoding/json decoding
// the known members only (no unknown members, no checks), a lower bound for an encoding/json decoder.
func BenchmarkDecodeEncodingJSON(b *testing.B) {
	corpus := genCorpus(1000, 2)
	lines := bytes.Split(bytes.TrimSuffix(corpus, []byte("\n")), []byte("\n"))
	type turn struct {
		Role   *string    `json:"role"`
		Text   *string    `json:"text"`
		At     *time.Time `json:"at"`
		Author *string    `json:"author"`
	}
	type conv struct {
		ID        any            `json:"id"`
		Channel   *string        `json:"channel"`
		Language  *string        `json:"language"`
		Topic     *string        `json:"topic"`
		StartedAt *time.Time     `json:"started_at"`
		Metadata  map[string]any `json:"metadata"`
		Turns     []turn         `json:"turns"`
	}
	b.SetBytes(int64(len(corpus)))
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range lines {
			var c conv
			if err := stdjson.Unmarshal(l, &c); err != nil {
				b.Fatal(err)
			}
		}
	}
}
