package transcript

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	jsonv2 "github.com/go-json-experiment/json"
)

// parquetBatchRows is how many rows are decoded at a time: memory holds one such batch, whatever the file size.
const parquetBatchRows = 4096

// parquetReader reads Parquet with one turn per row (see NewParquetReader).
type parquetReader struct {
	name    string
	pf      *file.Reader
	rr      pqarrow.RecordReader
	closeFn func() error
	closed  bool

	fields []arrow.Field
	col    map[string]int // known column -> index in the schema
	extra  []int

	batch arrow.RecordBatch // current batch, owned by rr
	pos   int               // next row in batch
	rowNo int               // 1-based number of the row returned last
	cur   int               // index in batch of the row returned last

	groups *rowGrouper
}

// NewParquetReader returns a Reader of the Parquet file f with one turn per row; name is the file name put in
// each record's Source. Columns are those of NewCSVReader, matched case-insensitively; a missing required
// column is reported here. conversation_id may be a string or an integer, turn_index an integer, at and
// started_at a timestamp, a date, a string or unix seconds. Row groups are read in batches of a few thousand
// rows, so memory does not grow with the file. Source.Line is the 1-based number of the conversation's first
// row. Close does not close f.
func NewParquetReader(f parquet.ReaderAtSeeker, name string) (Reader, error) {
	return newParquetReader(f, name, parquetBatchRows, nil)
}

func newParquetReader(f parquet.ReaderAtSeeker, name string, batchRows int64, closeFn func() error) (*parquetReader, error) {
	props := parquet.NewReaderProperties(memory.DefaultAllocator)
	props.BufferedStreamEnabled = true // read pages as needed instead of whole column chunks
	props.BufferSize = 1 << 20
	// The wrapper hides any Close method of f, which the parquet reader would otherwise call: f is the caller's.
	pf, err := file.NewParquetReader(struct{ parquet.ReaderAtSeeker }{f}, file.WithReadProps(props))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: batchRows}, memory.DefaultAllocator)
	if err != nil {
		_ = pf.Close()
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	rr, err := fr.GetRecordReader(context.Background(), nil, nil)
	if err != nil {
		_ = pf.Close()
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	p := &parquetReader{name: name, pf: pf, rr: rr, closeFn: closeFn, col: make(map[string]int)}
	p.fields = rr.Schema().Fields()
	seen := make(map[string]bool)
	for i, fld := range p.fields {
		n := strings.ToLower(strings.TrimSpace(fld.Name))
		if seen[n] {
			p.release()
			return nil, fmt.Errorf("read %s: column %q appears twice", name, n)
		}
		seen[n] = true
		if isKnownColumn(n) {
			p.col[n] = i
		} else {
			p.extra = append(p.extra, i)
		}
	}
	if err := missingColumns(func(n string) bool { _, ok := p.col[n]; return ok }); err != nil {
		p.release()
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	p.groups = newRowGrouper(p, name, "row")
	return p, nil
}

// Next implements Reader.
func (p *parquetReader) Next() (Record, error) {
	if p.closed {
		return Record{}, errClosed
	}
	return p.groups.read()
}

func (p *parquetReader) release() {
	p.rr.Release()
	_ = p.pf.Close()
}

// Close implements Reader; it closes the file Open opened.
func (p *parquetReader) Close() error {
	if p.closed {
		return nil
	}
	p.closed = true
	p.batch = nil
	p.release()
	if p.closeFn != nil {
		return p.closeFn()
	}
	return nil
}

// next implements rowSource.
func (p *parquetReader) next() (row, error) {
	for p.batch == nil || p.pos >= int(p.batch.NumRows()) {
		if !p.rr.Next() {
			if err := p.rr.Err(); err != nil && !errors.Is(err, io.EOF) {
				return row{}, fmt.Errorf("after row %d: %w", p.rowNo, err)
			}
			p.batch = nil
			return row{}, io.EOF
		}
		p.batch, p.pos = p.rr.RecordBatch(), 0
	}
	i := p.pos
	p.pos++
	p.cur = i
	p.rowNo++
	r := row{line: p.rowNo, idKnown: true}
	r.id, _ = p.str(colConversationID, i)
	r.role, _ = p.str(colRole, i)
	var ok bool
	r.text, ok = p.str(colText, i)
	r.textMissing = !ok
	r.author, _ = p.str(colAuthor, i)
	r.channel, _ = p.str(colChannel, i)
	r.lang, _ = p.str(colLanguage, i)
	r.topic, _ = p.str(colTopic, i)
	r.at = p.time(colAt, i)
	r.startedAt = p.time(colStartedAt, i)
	if c, ok := p.col[colTurnIndex]; ok {
		n, err := arrowInt(p.batch.Column(c), i)
		if err != nil {
			r.indexBad = fmt.Sprintf("turn_index at row %d: %v", p.rowNo, err)
		}
		r.index, r.hasIndex = n, err == nil
	}
	return r, nil
}

// str returns the value of a known column as text; ok is false when the column is absent or the value null.
func (p *parquetReader) str(name string, i int) (string, bool) {
	c, ok := p.col[name]
	if !ok {
		return "", false
	}
	return arrowString(p.batch.Column(c), i)
}

func (p *parquetReader) time(name string, i int) time.Time {
	c, ok := p.col[name]
	if !ok {
		return time.Time{}
	}
	return arrowTime(p.batch.Column(c), i)
}

// extras implements rowSource: the other columns of the row, as JSON values (nulls left out).
func (p *parquetReader) extras() map[string]any {
	var m map[string]any
	for _, c := range p.extra {
		arr := p.batch.Column(c)
		if arr.IsNull(p.cur) {
			continue
		}
		if m == nil {
			m = make(map[string]any, len(p.extra))
		}
		m[p.fields[c].Name] = jsonValue(arr.GetOneForMarshal(p.cur))
	}
	return m
}

// raw implements rowSource: the row as a JSON object.
func (p *parquetReader) raw() string {
	obj := make(map[string]any, len(p.fields))
	for c, f := range p.fields {
		obj[f.Name] = p.batch.Column(c).GetOneForMarshal(p.cur)
	}
	b, err := json.Marshal(obj)
	if err != nil {
		return ""
	}
	return rawSnippet(b)
}

// jsonValue turns a value from arrow's GetOneForMarshal into a plain JSON value (string, float64, bool, nil,
// map[string]any or []any), as Metadata holds for every format.
func jsonValue(v any) any {
	switch v := v.(type) {
	case string, bool, nil:
		return v
	case []byte:
		return string(v)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	var out any
	if err := jsonv2.Unmarshal(b, &out); err != nil {
		return string(b)
	}
	return out
}

// arrowString returns value i of arr as text; ok is false for null.
func arrowString(arr arrow.Array, i int) (string, bool) {
	if arr.IsNull(i) {
		return "", false
	}
	switch a := arr.(type) {
	case *array.String:
		return a.Value(i), true
	case *array.LargeString:
		return a.Value(i), true
	case *array.StringView:
		return a.Value(i), true
	case *array.Binary:
		return string(a.Value(i)), true
	case *array.LargeBinary:
		return string(a.Value(i)), true
	case *array.Dictionary:
		return arrowString(a.Dictionary(), a.GetValueIndex(i))
	}
	if n, err := arrowInt(arr, i); err == nil {
		return strconv.FormatInt(n, 10), true
	}
	return arr.ValueStr(i), true
}

// arrowInt returns value i of an integer column (or of a string or float column holding an integer).
func arrowInt(arr arrow.Array, i int) (int64, error) {
	if arr.IsNull(i) {
		return 0, errors.New("value is null")
	}
	switch a := arr.(type) {
	case *array.Int64:
		return a.Value(i), nil
	case *array.Int32:
		return int64(a.Value(i)), nil
	case *array.Int16:
		return int64(a.Value(i)), nil
	case *array.Int8:
		return int64(a.Value(i)), nil
	case *array.Uint64:
		if v := a.Value(i); v <= math.MaxInt64 {
			return int64(v), nil
		}
	case *array.Uint32:
		return int64(a.Value(i)), nil
	case *array.Uint16:
		return int64(a.Value(i)), nil
	case *array.Uint8:
		return int64(a.Value(i)), nil
	case *array.Float64:
		if v := a.Value(i); v == math.Trunc(v) && math.Abs(v) < 1<<53 {
			return int64(v), nil
		}
	case *array.Float32:
		if v := float64(a.Value(i)); v == math.Trunc(v) && math.Abs(v) < 1<<24 {
			return int64(v), nil
		}
	case *array.String, *array.LargeString, *array.StringView, *array.Dictionary:
		s, _ := arrowString(arr, i)
		if n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err == nil {
			return n, nil
		}
	}
	return 0, fmt.Errorf("%s is not an integer", quoteValue(arr.ValueStr(i)))
}

// arrowTime returns value i of a timestamp, date, string or unix-seconds column; the zero time when it is
// null or not a timestamp.
func arrowTime(arr arrow.Array, i int) time.Time {
	if arr.IsNull(i) {
		return time.Time{}
	}
	var t time.Time
	switch a := arr.(type) {
	case *array.Timestamp:
		t = a.Value(i).ToTime(a.DataType().(*arrow.TimestampType).Unit)
	case *array.Date32:
		t = a.Value(i).ToTime()
	case *array.Date64:
		t = a.Value(i).ToTime()
	case *array.Float64:
		t, _ = parseUnix(strconv.FormatFloat(a.Value(i), 'f', -1, 64))
		return t
	default:
		if n, err := arrowInt(arr, i); err == nil {
			t, _ = parseUnix(strconv.FormatInt(n, 10))
			return t
		}
		s, _ := arrowString(arr, i)
		t, _ = parseTime(s)
		return t
	}
	t, _ = inJSONRange(t)
	return t
}
