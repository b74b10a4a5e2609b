package transcript

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/klauspost/compress/gzip"
)

// Reader streams records from one input.
//
// Next returns the next Record, either a valid Conversation or a Quarantine, and io.EOF after the last one.
// Any other error is fatal for the input (it could not be read further) and is returned again by later calls.
// Close releases the input and every goroutine of the reader; it may be called at any time, and more than once.
// A Reader is used by one goroutine at a time.
type Reader interface {
	Next() (Record, error)
	Close() error
}

// maxLineBytes caps one JSONL line; a longer line is quarantined as too long without being held in memory.
const maxLineBytes = 64 << 20

// Open opens path and picks the format from its name: .jsonl, .ndjson and .json hold one conversation per line
// (see NewJSONLReader; a .json file holding one JSON array is not supported), .csv and .parquet one turn per row
// (see NewCSVReader and NewParquetReader). A .gz suffix on .jsonl, .ndjson, .json and .csv is decompressed on
// the fly. Names are matched case-insensitively. For CSV and Parquet the header (schema) is read at once, so a
// missing required column is reported here. Close closes the file.
func Open(path string) (Reader, error) {
	name := strings.ToLower(filepath.Base(path))
	gz := strings.HasSuffix(name, ".gz")
	if gz {
		name = strings.TrimSuffix(name, ".gz")
	}
	ext := filepath.Ext(name)
	switch ext {
	case ".jsonl", ".ndjson", ".json", ".csv":
	case ".parquet":
		if gz {
			return nil, fmt.Errorf("open %s: gzip-compressed parquet is not supported (parquet compresses its own pages)", path)
		}
	default:
		return nil, fmt.Errorf("open %s: unknown file type %q: want .jsonl, .ndjson, .json, .csv (each optionally .gz) or .parquet", path, ext)
	}

	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open transcript: %w", err)
	}
	if ext == ".parquet" {
		r, err := newParquetReader(f, path, parquetBatchRows, f.Close)
		if err != nil {
			_ = f.Close()
			return nil, err
		}
		return r, nil
	}

	var src io.Reader = f
	closeAll := f.Close
	if gz {
		zr, err := gzip.NewReader(f)
		if err != nil {
			_ = f.Close()
			return nil, fmt.Errorf("open %s: gzip: %w", path, err)
		}
		src = zr
		closeAll = func() error {
			_ = zr.Close() // its error is that of a broken stream, which Next has reported already
			return f.Close()
		}
	}

	if ext == ".csv" {
		cr := newCSVReader(src, path, closeAll)
		if err := cr.init(); err != nil {
			_ = closeAll()
			return nil, err
		}
		return cr, nil
	}
	return newJSONLReader(src, path, defaultWorkers(), closeAll), nil
}

// rawSnippet returns the start of b as valid UTF-8 of at most RawLimit bytes, invalid bytes replaced by U+FFFD.
func rawSnippet(b []byte) string {
	if len(b) <= RawLimit && utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		invalid := r == utf8.RuneError && size == 1
		n := size
		if invalid {
			n = utf8.RuneLen(utf8.RuneError)
		}
		if sb.Len()+n > RawLimit {
			break
		}
		if invalid {
			sb.WriteRune(utf8.RuneError)
		} else {
			sb.Write(b[:size])
		}
		b = b[size:]
	}
	return sb.String()
}
