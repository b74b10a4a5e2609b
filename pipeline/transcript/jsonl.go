package transcript

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
)

// errClosed is returned by Next after Close.
var errClosed = errors.New("transcript: reader is closed")

const (
	// batchBytes and batchLines bound one batch of lines handed to a decoding worker: large enough that the
	// hand-off costs nothing next to decoding, small enough that memory stays flat.
	batchBytes = 256 << 10
	batchLines = 256
	// maxWorkers bounds the decoding goroutines of one reader.
	maxWorkers = 4
)

// defaultWorkers is the number of goroutines that decode lines: one per CPU, at most maxWorkers.
func defaultWorkers() int {
	return min(runtime.GOMAXPROCS(0), maxWorkers)
}

// lineSpan locates one non-blank line in a batch buffer.
type lineSpan struct {
	start, end int
	line       int
	tooLong    int // bytes of the whole line when it was too long to keep (only its start is in the buffer)
}

// jsonlBatch is a run of lines read together and decoded by one worker.
type jsonlBatch struct {
	buf   []byte
	lines []lineSpan
	recs  []Record
	async bool          // handed to a worker, which signals done
	done  chan struct{} // receives once the batch is decoded
}

// jsonlReader reads JSONL. Lines are read in the caller's goroutine and decoded by a bounded set of workers,
// a few batches ahead; records come out in input order. Workers exist only while there is input left to
// decode: they end at the end of the input and on Close.
type jsonlReader struct {
	name    string
	br      *bufio.Reader
	closeFn func() error
	workers int
	maxLine int // bytes; maxLineBytes but for tests

	lineNo  int
	eof     bool
	readErr error // the error that ended reading, reported after the records read before it
	err     error // sticky result of Next once the input is exhausted
	closed  bool

	work    chan *jsonlBatch // nil when no worker is running or no more batches will come
	wg      sync.WaitGroup
	stop    atomic.Bool
	pending []*jsonlBatch // batches read and not yet returned, in input order
	free    []*jsonlBatch
	cur     *jsonlBatch
	pos     int
	dec     lineDecoder // decodes in Next when there is a single worker
}

// NewJSONLReader returns a Reader of JSONL from r, one conversation per line; name is the file name put in each
// record's Source, whose Line is the line number. Blank lines are skipped and a leading byte order mark is ignored.
//
// A line is the contract's JSON object. id is a non-empty string or a number (kept as its decimal text); turns is
// a non-empty array of objects with a string role and text (text may be empty; unknown turn members are
// ignored). channel, language, topic, started_at and metadata are optional; other top-level members go to
// Metadata, where an explicit metadata member wins on a clash. A timestamp (started_at, at) is RFC 3339, or
// "2006-01-02 15:04:05" or "2006-01-02T15:04:05" taken as UTC, or unix seconds as a number; one that cannot be
// read is left zero rather than costing the conversation. Every other breach of the contract (bad JSON, invalid
// UTF-8, a missing member, a member of the wrong type, an unknown role or channel, a line over 64 MiB) makes
// the line a Quarantine naming the field at fault, with turn fields indexed from 0 ("turns[3].role").
//
// Lines are decoded in parallel by up to GOMAXPROCS (at most 4) goroutines, a few batches ahead, and records
// come out in input order; the goroutines end at the end of the input or on Close. Close does not close r.
func NewJSONLReader(r io.Reader, name string) Reader {
	return newJSONLReader(r, name, defaultWorkers(), nil)
}

func newJSONLReader(r io.Reader, name string, workers int, closeFn func() error) *jsonlReader {
	return &jsonlReader{
		name:    name,
		br:      bufio.NewReaderSize(r, 256<<10),
		closeFn: closeFn,
		workers: max(workers, 1),
		maxLine: maxLineBytes,
	}
}

// Next implements Reader.
func (r *jsonlReader) Next() (Record, error) {
	for {
		if r.cur != nil && r.pos < len(r.cur.recs) {
			rec := r.cur.recs[r.pos]
			r.cur.recs[r.pos] = Record{}
			r.pos++
			return rec, nil
		}
		if r.cur != nil {
			r.recycle(r.cur)
			r.cur = nil
		}
		if r.closed {
			return Record{}, errClosed
		}
		if r.err != nil {
			return Record{}, r.err
		}
		r.fill()
		if len(r.pending) == 0 {
			r.wg.Wait() // workers have ended or are ending: nothing is queued
			if r.readErr != nil {
				r.err = fmt.Errorf("read %s after line %d: %w", r.name, r.lineNo, r.readErr)
			} else {
				r.err = io.EOF
			}
			continue
		}
		b := r.pending[0]
		r.pending[0] = nil
		r.pending = r.pending[1:]
		if b.async {
			<-b.done
		} else {
			decodeBatch(&r.dec, b, r.name, r.maxLine, &r.stop)
		}
		r.cur, r.pos = b, 0
	}
}

// depth is how many batches are read ahead of the caller.
func (r *jsonlReader) depth() int {
	if r.workers == 1 {
		return 1
	}
	return 2 * r.workers
}

// fill reads batches until depth of them are in flight or the input is exhausted.
func (r *jsonlReader) fill() {
	for len(r.pending) < r.depth() && !r.eof && r.readErr == nil {
		b := r.newBatch()
		r.readBatch(b)
		if len(b.lines) == 0 {
			r.recycle(b)
			continue
		}
		r.pending = append(r.pending, b)
		if r.workers > 1 {
			if r.work == nil {
				r.startWorkers()
			}
			b.async = true
			r.work <- b // never blocks: the channel has room for every batch in flight
		}
	}
	if (r.eof || r.readErr != nil) && r.work != nil {
		close(r.work) // no more batches: the workers finish the queued ones and end
		r.work = nil
	}
}

func (r *jsonlReader) startWorkers() {
	r.work = make(chan *jsonlBatch, r.depth())
	work := r.work
	for range r.workers {
		r.wg.Go(func() {
			var d lineDecoder
			for b := range work {
				decodeBatch(&d, b, r.name, r.maxLine, &r.stop)
				b.done <- struct{}{}
			}
		})
	}
}

// decodeBatch decodes every line of b into b.recs; it gives up early once stop is set.
func decodeBatch(d *lineDecoder, b *jsonlBatch, name string, maxLine int, stop *atomic.Bool) {
	b.recs = b.recs[:0]
	for _, sp := range b.lines {
		if stop.Load() {
			return
		}
		line := b.buf[sp.start:sp.end]
		if sp.tooLong > 0 {
			b.recs = append(b.recs, Record{Quarantine: &Quarantine{
				Source: Source{File: name, Line: sp.line},
				Reason: fmt.Sprintf("line is %d bytes, longer than the limit of %d bytes", sp.tooLong, maxLine),
				Raw:    rawSnippet(line),
			}})
			continue
		}
		b.recs = append(b.recs, d.decode(line, name, sp.line))
	}
}

func (r *jsonlReader) newBatch() *jsonlBatch {
	if n := len(r.free); n > 0 {
		b := r.free[n-1]
		r.free = r.free[:n-1]
		return b
	}
	return &jsonlBatch{
		buf:   make([]byte, 0, 64<<10), // grows to a batch's size once, then the batch is reused
		lines: make([]lineSpan, 0, batchLines),
		done:  make(chan struct{}, 1),
	}
}

// recycle keeps b for reuse unless a huge line grew its buffer, which is then left to the garbage collector.
func (r *jsonlReader) recycle(b *jsonlBatch) {
	if cap(b.buf) > 4*batchBytes {
		return
	}
	b.buf, b.lines, b.recs, b.async = b.buf[:0], b.lines[:0], b.recs[:0], false
	r.free = append(r.free, b)
}

// readBatch appends whole non-blank lines to b until it holds batchBytes or batchLines, or the input ends.
func (r *jsonlReader) readBatch(b *jsonlBatch) {
	for len(b.buf) < batchBytes && len(b.lines) < batchLines && !r.eof && r.readErr == nil {
		start := len(b.buf)
		r.lineNo++
		size := 0
		for {
			frag, err := r.br.ReadSlice('\n')
			size += len(frag)
			if size <= r.maxLine {
				b.buf = append(b.buf, frag...)
			} else if keep := start + RawLimit - len(b.buf); keep >= 0 { // keep only what the quarantine shows
				b.buf = append(b.buf, frag[:min(keep, len(frag))]...)
			} else {
				b.buf = b.buf[:start+RawLimit]
			}
			if err == bufio.ErrBufferFull {
				continue
			}
			if err == io.EOF {
				r.eof = true
			} else if err != nil {
				r.readErr = err
			}
			break
		}
		line := b.buf[start:]
		if r.lineNo == 1 {
			if rest, ok := bytes.CutPrefix(line, []byte("\uFEFF")); ok {
				line = rest
				start += 3
			}
		}
		if isBlank(line) && size <= r.maxLine {
			b.buf = b.buf[:start]
			continue
		}
		sp := lineSpan{start: start, end: len(b.buf), line: r.lineNo}
		if size > r.maxLine {
			sp.tooLong = size
		} else if r.readErr != nil && !bytes.HasSuffix(line, []byte("\n")) {
			b.buf = b.buf[:start] // a line cut short by a read error is not a record
			r.lineNo--
			break
		}
		for sp.end > sp.start && (b.buf[sp.end-1] == '\n' || b.buf[sp.end-1] == '\r') {
			sp.end--
		}
		b.lines = append(b.lines, sp)
	}
}

// isBlank reports whether line holds only JSON white space.
func isBlank(line []byte) bool {
	for _, c := range line {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return false
		}
	}
	return true
}

// Close implements Reader. It stops the decoding workers, waits for them, and closes the file Open opened.
func (r *jsonlReader) Close() error {
	if r.closed {
		return nil
	}
	r.closed = true
	r.stop.Store(true)
	if r.work != nil {
		close(r.work)
		r.work = nil
	}
	r.wg.Wait()
	r.pending, r.free, r.cur = nil, nil, nil
	if r.closeFn != nil {
		return r.closeFn()
	}
	return nil
}
