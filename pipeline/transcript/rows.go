package transcript

import (
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"sort"
	"strings"
	"time"
)

// Column names of the one-turn-per-row formats (CSV and Parquet). Besides those of the contract, author and
// started_at are read when present, so that nothing a Conversation holds is lost in those formats.
const (
	colConversationID = "conversation_id"
	colTurnIndex      = "turn_index"
	colRole           = "role"
	colText           = "text"
	colAt             = "at"
	colChannel        = "channel"
	colLanguage       = "language"
	colTopic          = "topic"
	colAuthor         = "author"
	colStartedAt      = "started_at"
)

// knownColumns are the columns with a meaning; any other column goes to Metadata.
var knownColumns = []string{
	colConversationID, colTurnIndex, colRole, colText, colAt,
	colChannel, colLanguage, colTopic, colAuthor, colStartedAt,
}

// requiredColumns must be in every CSV header and Parquet schema.
var requiredColumns = []string{colConversationID, colRole, colText}

// missingColumns returns the required columns absent from has.
func missingColumns(has func(string) bool) error {
	var missing []string
	for _, c := range requiredColumns {
		if !has(c) {
			missing = append(missing, fmt.Sprintf("%q", c))
		}
	}
	if len(missing) == 0 {
		return nil
	}
	return fmt.Errorf("missing required column %s (columns are matched case-insensitively)", strings.Join(missing, ", "))
}

// row is one turn row of a CSV or Parquet file.
type row struct {
	line    int    // CSV line of the row's start, or 1-based Parquet row number
	id      string // conversation_id
	idKnown bool   // false when a broken row did not reach the conversation_id column

	index    int64
	hasIndex bool
	indexBad string // set when turn_index is present but not an integer: the reason

	role, text, author   string
	textMissing          bool // text was null
	at, startedAt        time.Time
	channel, lang, topic string

	bad string // set when the row itself could not be read: the reason; raw then holds what was read
	raw string
}

// rowSource yields the rows of one file in order.
type rowSource interface {
	// next returns the next row, or io.EOF after the last one. Other errors end the file.
	next() (row, error)
	// extras returns the columns without a meaning of the row next returned last, for Metadata (nil if none).
	extras() map[string]any
	// raw returns the row next returned last, shown in a quarantine.
	raw() string
}

// rowGrouper gathers consecutive rows with one conversation_id into a conversation.
type rowGrouper struct {
	src  rowSource
	file string
	unit string // how a row's position reads in a reason: "line" (CSV) or "row" (Parquet)

	// seen holds a hash of every conversation_id met so far, to spot rows that are not grouped. It grows by
	// about a dozen bytes per conversation, never with the number of turns.
	seen map[uint64]struct{}
	seed maphash.Seed

	next      *row // the first row of the next conversation, already read
	nextExtra map[string]any
	nextRaw   string
	err       error // sticky
}

func newRowGrouper(src rowSource, file, unit string) *rowGrouper {
	return &rowGrouper{src: src, file: file, unit: unit, seen: make(map[uint64]struct{}), seed: maphash.MakeSeed()}
}

// read returns the next conversation or quarantine.
func (g *rowGrouper) read() (Record, error) {
	if g.err != nil {
		return Record{}, g.err
	}
	rec, err := g.group()
	if err != nil {
		if !errors.Is(err, io.EOF) {
			err = fmt.Errorf("read %s: %w", g.file, err)
		}
		g.err = err
	}
	return rec, err
}

func (g *rowGrouper) group() (Record, error) {
	if g.next == nil {
		r, err := g.src.next()
		if err != nil {
			return Record{}, err
		}
		g.next, g.nextExtra, g.nextRaw = &r, g.src.extras(), g.src.raw()
	}
	first, extra, raw := *g.next, g.nextExtra, g.nextRaw
	g.next, g.nextExtra, g.nextRaw = nil, nil, ""
	rows := []row{first}
	for {
		r, err := g.src.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return Record{}, err
		}
		if r.idKnown && (r.id != first.id || !first.idKnown) {
			g.next, g.nextExtra, g.nextRaw = &r, g.src.extras(), g.src.raw()
			break
		}
		rows = append(rows, r)
	}

	var h uint64
	if first.id != "" {
		h = maphash.String(g.seed, first.id)
		if _, dup := g.seen[h]; dup {
			return g.quarantine(first, raw, colConversationID, fmt.Sprintf(
				"conversation_id %s appears again at %s %d after rows of other conversations; rows must be grouped by conversation_id (the earlier rows were kept)",
				quoteValue(first.id), g.unit, first.line)), nil
		}
		defer func() { g.seen[h] = struct{}{} }()
	}
	return g.build(rows, extra, raw), nil
}

func (g *rowGrouper) quarantine(first row, raw, field, reason string) Record {
	return Record{Quarantine: &Quarantine{
		Source:         Source{File: g.file, Line: first.line},
		ConversationID: first.id,
		Field:          field,
		Reason:         reason,
		Raw:            raw,
	}}
}

// build makes a conversation of the rows of one conversation_id.
func (g *rowGrouper) build(rows []row, extra map[string]any, raw string) Record {
	first := rows[0]
	for _, r := range rows {
		if r.bad != "" {
			if r.raw != "" {
				raw = r.raw // the broken row says more than the first one
			}
			return g.quarantine(first, raw, "", r.bad)
		}
		if r.indexBad != "" {
			return g.quarantine(first, raw, colTurnIndex, r.indexBad)
		}
	}
	if first.hasIndex {
		sort.SliceStable(rows, func(i, j int) bool { return rows[i].index < rows[j].index })
	}
	c := &Conversation{
		ID:       first.id,
		Metadata: extra,
		Turns:    make([]Turn, len(rows)),
		Source:   Source{File: g.file, Line: first.line},
	}
	for i, r := range rows {
		if r.textMissing {
			return g.quarantine(first, raw, turnField(i, colText), fmt.Sprintf("missing text (%s %d)", g.unit, r.line))
		}
		c.Turns[i] = Turn{Role: Role(r.role), Text: r.text, At: r.at, Author: r.author}
		if c.Channel == "" {
			c.Channel = Channel(r.channel)
		}
		if c.Language == "" {
			c.Language = r.lang
		}
		if c.Topic == "" {
			c.Topic = r.topic
		}
		if c.StartedAt.IsZero() {
			c.StartedAt = r.startedAt
		}
	}
	if q := Validate(c); q != nil {
		q.Raw = raw
		for i, r := range rows {
			if strings.HasPrefix(q.Field, turnField(i, "")) {
				q.Reason += fmt.Sprintf(" (%s %d)", g.unit, r.line)
				break
			}
		}
		return Record{Quarantine: q}
	}
	return Record{Conversation: c}
}
