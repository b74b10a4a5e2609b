package transcript

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// csvReader reads CSV with one turn per row (see NewCSVReader).
type csvReader struct {
	name    string
	cr      *csv.Reader
	closeFn func() error
	closed  bool

	initDone bool
	initErr  error
	header   []string       // lower-case column names
	names    []string       // column names as written, for Metadata keys
	col      map[string]int // known column -> index
	extra    []int          // indexes of the other columns
	groups   *rowGrouper

	rec []string // the row returned last by next
}

// NewCSVReader returns a Reader of CSV from r with one turn per row; name is the file name put in each record's
// Source. The header is required; its names are matched case-insensitively and in any order. conversation_id,
// role and text are required columns (the first Next reports a missing one); turn_index, at, channel, language,
// topic, author and started_at are optional; any other column goes to the conversation's Metadata, taken from
// its first row (empty cells are left out). channel, language, topic and started_at are taken from the first row
// of the conversation that has them.
//
// Rows of one conversation must be contiguous; a conversation_id that appears again after other conversations
// is quarantined (the earlier rows are kept). Turns are sorted by turn_index when that column exists. A row with
// the wrong number of fields or broken quoting quarantines its conversation, and reading goes on at the next line.
// Source.Line is the line of the conversation's first row (the header is line 1). Close does not close r.
func NewCSVReader(r io.Reader, name string) Reader {
	return newCSVReader(r, name, nil)
}

func newCSVReader(r io.Reader, name string, closeFn func() error) *csvReader {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	c := &csvReader{name: name, cr: cr, closeFn: closeFn}
	c.groups = newRowGrouper(c, name, "line")
	return c
}

// init reads the header.
func (c *csvReader) init() error {
	if c.initDone {
		return c.initErr
	}
	c.initDone = true
	c.initErr = c.readHeader()
	if c.initErr != nil {
		c.initErr = fmt.Errorf("read %s: %w", c.name, c.initErr)
	}
	return c.initErr
}

func (c *csvReader) readHeader() error {
	header, err := c.cr.Read()
	if errors.Is(err, io.EOF) {
		return errors.New("no header: the file is empty")
	}
	if err != nil {
		return fmt.Errorf("header: %w", err)
	}
	c.header = make([]string, len(header))
	c.names = make([]string, len(header))
	c.col = make(map[string]int)
	seen := make(map[string]bool)
	for i, h := range header {
		if i == 0 {
			h = strings.TrimPrefix(h, "\uFEFF")
		}
		c.names[i] = strings.TrimSpace(h)
		h = strings.ToLower(c.names[i])
		c.header[i] = h
		if seen[h] {
			return fmt.Errorf("header: column %q appears twice", h)
		}
		seen[h] = true
		if isKnownColumn(h) {
			c.col[h] = i
		} else {
			c.extra = append(c.extra, i)
		}
	}
	return missingColumns(func(name string) bool { _, ok := c.col[name]; return ok })
}

func isKnownColumn(name string) bool {
	for _, k := range knownColumns {
		if k == name {
			return true
		}
	}
	return false
}

// Next implements Reader.
func (c *csvReader) Next() (Record, error) {
	if c.closed {
		return Record{}, errClosed
	}
	if err := c.init(); err != nil {
		return Record{}, err
	}
	return c.groups.read()
}

// Close implements Reader; it closes the file Open opened.
func (c *csvReader) Close() error {
	if c.closed {
		return nil
	}
	c.closed = true
	if c.closeFn != nil {
		return c.closeFn()
	}
	return nil
}

// next implements rowSource.
func (c *csvReader) next() (row, error) {
	rec, err := c.cr.Read()
	c.rec = rec
	var pe *csv.ParseError
	switch {
	case errors.As(err, &pe):
		r := c.partialRow(rec, pe.StartLine)
		if pe.StartLine != pe.Line {
			r.bad = fmt.Sprintf("bad CSV in the row from line %d to line %d: %v", pe.StartLine, pe.Line, pe.Err)
		} else {
			r.bad = fmt.Sprintf("bad CSV at line %d, column %d: %v", pe.Line, pe.Column, pe.Err)
		}
		return r, nil
	case err != nil:
		return row{}, err
	}
	line := 0
	if len(rec) > 0 {
		line, _ = c.cr.FieldPos(0)
	}
	if len(rec) != len(c.header) {
		r := c.partialRow(rec, line)
		r.bad = fmt.Sprintf("line %d has %d fields, the header has %d", line, len(rec), len(c.header))
		return r, nil
	}
	r := row{line: line, id: rec[c.col[colConversationID]], idKnown: true}
	r.role = rec[c.col[colRole]]
	r.text = rec[c.col[colText]]
	if i, ok := c.col[colTurnIndex]; ok {
		v := strings.TrimSpace(rec[i])
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			r.indexBad = fmt.Sprintf("turn_index %s at line %d is not an integer", quoteValue(rec[i]), line)
		}
		r.index, r.hasIndex = n, err == nil
	}
	if i, ok := c.col[colAt]; ok {
		r.at, _ = parseTime(rec[i])
	}
	if i, ok := c.col[colStartedAt]; ok {
		r.startedAt, _ = parseTime(rec[i])
	}
	r.author = c.field(colAuthor)
	r.channel = c.field(colChannel)
	r.lang = c.field(colLanguage)
	r.topic = c.field(colTopic)
	return r, nil
}

// partialRow is a row that could not be read whole; it names its conversation when it reached that column.
func (c *csvReader) partialRow(rec []string, line int) row {
	r := row{line: line, raw: c.raw()}
	if i := c.col[colConversationID]; i < len(rec) {
		r.id, r.idKnown = rec[i], true
	}
	return r
}

func (c *csvReader) field(name string) string {
	if i, ok := c.col[name]; ok {
		return c.rec[i]
	}
	return ""
}

// extras implements rowSource.
func (c *csvReader) extras() map[string]any {
	var m map[string]any
	for _, i := range c.extra {
		if i >= len(c.rec) || c.rec[i] == "" {
			continue
		}
		if m == nil {
			m = make(map[string]any, len(c.extra))
		}
		m[c.names[i]] = c.rec[i]
	}
	return m
}

// raw implements rowSource: the row written back as CSV.
func (c *csvReader) raw() string {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write(c.rec) // writes to memory cannot fail
	w.Flush()
	return rawSnippet(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}
