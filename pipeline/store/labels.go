package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// Label is one human grader's score of one criterion of one conversation: a row of the labels table.
type Label struct {
	ConversationID string
	Criterion      string
	Value          float64
	Rater          string // "" when the file names no rater
	Line           int    // the row's line in its file; 0 when unknown
}

// LabelSet describes one imported labels file.
type LabelSet struct {
	// ID is the SHA-256 of the file's bytes (see LabelSetID).
	ID string `json:"id"`
	// Source is the file the set was first imported from.
	Source string `json:"source"`
	Rows   int    `json:"rows"`
	// Added is true when this import stored the rows, false when the same file had been imported before.
	Added      bool      `json:"added"`
	ImportedAt time.Time `json:"imported_at"`
}

// LabelSetID returns the id of the label set read from a file with these bytes.
func LabelSetID(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// ImportLabels stores labels as the label set id, read from source, in one transaction. Importing a set that
// is already stored changes nothing and returns the stored set with Added false, so the same file imported
// twice is stored once.
func (s *Store) ImportLabels(ctx context.Context, id, source string, labels []Label, now time.Time) (LabelSet, error) {
	set, err := s.LabelSet(ctx, id)
	switch {
	case err == nil:
		return set, nil
	case !errors.Is(err, ErrNoLabelSet):
		return LabelSet{}, err
	}
	now = now.UTC()
	err = s.appendTx(ctx, "labels", func(a *duckdb.Appender) error {
		for _, l := range labels {
			var line any
			if l.Line > 0 {
				line = int64(l.Line)
			}
			if err := a.AppendRow(id, source, line, l.ConversationID, l.Criterion, l.Value, l.Rater, now); err != nil {
				return fmt.Errorf("line %d: %w", l.Line, err)
			}
		}
		return nil
	})
	if err != nil {
		return LabelSet{}, fmt.Errorf("import labels from %s: %w", source, err)
	}
	return LabelSet{ID: id, Source: source, Rows: len(labels), Added: true, ImportedAt: now}, nil
}

// ErrNoLabelSet is returned when no label set has the id asked for.
var ErrNoLabelSet = errors.New("store: no such label set")

// LabelSet returns the stored label set with the id, or ErrNoLabelSet.
func (s *Store) LabelSet(ctx context.Context, id string) (LabelSet, error) {
	var (
		set LabelSet
		src sql.NullString
		at  sql.NullTime
	)
	err := s.db.QueryRowContext(ctx, `SELECT any_value(source), count(*), min(imported_at) FROM labels WHERE label_set = ?`, id).
		Scan(&src, &set.Rows, &at)
	if err != nil {
		return LabelSet{}, fmt.Errorf("look up label set %s: %w", id, err)
	}
	if set.Rows == 0 {
		return LabelSet{}, fmt.Errorf("%w: %s", ErrNoLabelSet, id)
	}
	set.ID, set.Source, set.ImportedAt = id, src.String, at.Time.UTC()
	return set, nil
}

// Labels returns the labels of a set in the order of their file.
func (s *Store) Labels(ctx context.Context, id string) ([]Label, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT conversation_id, criterion, value, rater, coalesce(line, 0)
		FROM labels WHERE label_set = ? ORDER BY line, conversation_id, criterion, rater`, id)
	if err != nil {
		return nil, fmt.Errorf("read label set %s: %w", id, err)
	}
	defer rows.Close()
	var out []Label
	for rows.Next() {
		var l Label
		if err := rows.Scan(&l.ConversationID, &l.Criterion, &l.Value, &l.Rater, &l.Line); err != nil {
			return nil, fmt.Errorf("read label set %s: %w", id, err)
		}
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read label set %s: %w", id, err)
	}
	return out, nil
}
