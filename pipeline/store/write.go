package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"math"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"github.com/convqa/convqa/pipeline/transcript"
)

// Item is one scored conversation, ready to store.
type Item struct {
	Conversation *transcript.Conversation
	// Hash is the SHA-256 of the conversation's canonical content; a changed hash under a known id is a revision.
	Hash      string
	Escalated bool
	// Signals are the numeric signals in the order of RunSpec.SignalNames; NaN is stored as NULL.
	Signals                         []float64
	CustomerLanguage, AgentLanguage string
	Scores                          []Score
}

// Score is one row of the scores table.
type Score struct {
	Criterion  string
	Kind       string
	Value      float64 // NaN when NA
	NA         bool
	Normalized float64 // NaN when NA
	AutoFailed bool
	BuiltFrom  string
	Rationale  string
	Evidence   string
	// Samples counts the judge's samples behind a judge score; Spread (max-min of their scores) is stored
	// only when there were several.
	Samples int
	Spread  float64
}

const stageTable = "convqa_stage_conversations"

// Writer stores batches of a run over its own connection, so several writers can commit batches in
// parallel: each batch is its own transaction, and a run never writes the same conversation twice.
// A Writer must be used from one goroutine; Close it when done.
type Writer struct {
	run   *Run
	conn  *sql.Conn
	stage bool
}

// NewWriter returns a writer with its own database connection.
func (r *Run) NewWriter(ctx context.Context) (*Writer, error) {
	conn, err := r.s.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("open writer: %w", err)
	}
	return &Writer{run: r, conn: conn}, nil
}

// Close releases the writer's connection.
func (w *Writer) Close() error { return w.conn.Close() }

// Write stores a batch through the run's own connection (see Writer.Write).
func (r *Run) Write(ctx context.Context, items []Item, quarantined []transcript.Quarantine, now time.Time) error {
	if r.w == nil {
		r.w = &Writer{run: r, conn: r.conn}
	}
	return r.w.Write(ctx, items, quarantined, now)
}

// Write stores a batch of scored conversations and quarantined records in one transaction: after a crash at
// any instant the file holds either all of the batch or none of it. Conversations are upserted by id: new
// ones are inserted with their turns, changed ones (another content hash under the same id) replace their
// turns and count a revision, unchanged ones only record that this run saw them.
func (w *Writer) Write(ctx context.Context, items []Item, quarantined []transcript.Quarantine, now time.Time) (err error) {
	if len(items) == 0 && len(quarantined) == 0 {
		return nil
	}
	if !w.stage {
		_, err := w.conn.ExecContext(ctx, `CREATE TEMP TABLE IF NOT EXISTS `+stageTable+` AS
			SELECT * EXCLUDE (first_run_id, revisions) REPLACE (metadata::VARCHAR AS metadata) FROM conversations LIMIT 0`)
		if err != nil {
			return fmt.Errorf("create staging table: %w", err)
		}
		w.stage = true
	}
	if _, err := w.conn.ExecContext(ctx, `BEGIN TRANSACTION`); err != nil {
		return fmt.Errorf("begin batch: %w", err)
	}
	defer func() {
		if err != nil {
			_, _ = w.conn.ExecContext(context.WithoutCancel(ctx), `ROLLBACK`)
		}
	}()
	now = now.UTC()
	if err := w.stageConversations(ctx, items, now); err != nil {
		return err
	}
	known, err := w.knownHashes(ctx)
	if err != nil {
		return err
	}
	changed := 0
	for _, it := range items {
		if h, ok := known[it.Conversation.ID]; ok && h != it.Hash {
			changed++
		}
	}
	if changed > 0 {
		if _, err := w.conn.ExecContext(ctx, `DELETE FROM turns WHERE conversation_id IN (
			SELECT conversation_id FROM `+stageTable+` s JOIN conversations c USING (conversation_id)
			WHERE c.content_hash <> s.content_hash)`); err != nil {
			return fmt.Errorf("replace turns of changed conversations: %w", err)
		}
	}
	// New conversations are inserted; known ones (len(known) of them) are updated in place. Two plain
	// statements cost a fraction of one INSERT … ON CONFLICT, which DuckDB runs row by row against the index.
	if len(known) < len(items) {
		if _, err := w.conn.ExecContext(ctx, `
			INSERT INTO conversations BY NAME (
				SELECT s.* REPLACE (metadata::JSON AS metadata), s.last_run_id AS first_run_id, 1 AS revisions
				FROM `+stageTable+` s ANTI JOIN conversations c USING (conversation_id))`); err != nil {
			return fmt.Errorf("insert new conversations: %w", err)
		}
	}
	if len(known) > 0 {
		if _, err := w.conn.ExecContext(ctx, `
			UPDATE conversations SET
				channel = s.channel, language = s.language, topic = s.topic, started_at = s.started_at,
				metadata = s.metadata::JSON, n_turns = s.n_turns, escalated = s.escalated,
				source_file = s.source_file, source_line = s.source_line, last_run_id = s.last_run_id,
				revisions = CASE WHEN conversations.content_hash <> s.content_hash THEN conversations.revisions + 1 ELSE conversations.revisions END,
				updated_at = CASE WHEN conversations.content_hash <> s.content_hash THEN s.updated_at ELSE conversations.updated_at END,
				content_hash = s.content_hash
			FROM `+stageTable+` s WHERE conversations.conversation_id = s.conversation_id`); err != nil {
			return fmt.Errorf("update known conversations: %w", err)
		}
	}
	if _, err := w.conn.ExecContext(ctx, `DELETE FROM `+stageTable); err != nil {
		return fmt.Errorf("clear staging table: %w", err)
	}
	if err := w.appendRows(ctx, items, quarantined, known, now); err != nil {
		return err
	}
	if _, err := w.conn.ExecContext(ctx, `COMMIT`); err != nil {
		return fmt.Errorf("commit batch: %w", err)
	}
	return nil
}

// knownHashes returns the stored content hash of each staged conversation that is already in the store.
func (w *Writer) knownHashes(ctx context.Context) (map[string]string, error) {
	rows, err := w.conn.QueryContext(ctx, `SELECT conversation_id, c.content_hash FROM `+stageTable+` s
		JOIN conversations c USING (conversation_id)`)
	if err != nil {
		return nil, fmt.Errorf("look up stored conversations: %w", err)
	}
	defer rows.Close()
	known := map[string]string{}
	for rows.Next() {
		var id, h string
		if err := rows.Scan(&id, &h); err != nil {
			return nil, fmt.Errorf("look up stored conversations: %w", err)
		}
		known[id] = h
	}
	return known, rows.Err()
}

// withAppender runs fn with an appender on table (restricted to columns when given) and flushes it.
func (w *Writer) withAppender(table string, columns []string, fn func(a *duckdb.Appender) error) error {
	return w.conn.Raw(func(dc any) error {
		var (
			a   *duckdb.Appender
			err error
		)
		if columns == nil {
			a, err = duckdb.NewAppender(dc.(driver.Conn), "", "", table)
		} else {
			a, err = duckdb.NewAppenderWithColumns(dc.(driver.Conn), "", "", table, columns)
		}
		if err != nil {
			return fmt.Errorf("append to %s: %w", table, err)
		}
		if err := fn(a); err != nil {
			a.Close()
			return fmt.Errorf("append to %s: %w", table, err)
		}
		if err := a.Close(); err != nil {
			return fmt.Errorf("append to %s: %w", table, err)
		}
		return nil
	})
}

func (w *Writer) stageConversations(ctx context.Context, items []Item, now time.Time) error {
	return w.withAppender(stageTable, nil, func(a *duckdb.Appender) error {
		// Column order of conversations minus first_run_id and revisions; metadata is staged as text, since
		// the appender would store a Go string into a JSON column as a JSON string, not as the object.
		for _, it := range items {
			c := it.Conversation
			meta, err := metadataJSON(c.Metadata)
			if err != nil {
				return fmt.Errorf("conversation %q: %w", c.ID, err)
			}
			if err := a.AppendRow(c.ID, string(c.Channel), nullString(c.Language), nullString(c.Topic),
				nullTime(c.StartedAt), meta, int32(len(c.Turns)), it.Escalated, it.Hash,
				c.Source.File, int64(c.Source.Line), w.run.ID, now); err != nil {
				return fmt.Errorf("conversation %q: %w", c.ID, err)
			}
		}
		return nil
	})
}

func (w *Writer) appendRows(ctx context.Context, items []Item, quarantined []transcript.Quarantine, known map[string]string, now time.Time) error {
	if err := w.appendTurns(items, known); err != nil {
		return err
	}
	cols := append([]string{"run_id", "conversation_id", "content_hash", "customer_language", "agent_language"}, w.run.spec.SignalNames...)
	err := w.withAppender("signals", cols, func(a *duckdb.Appender) error {
		row := make([]driver.Value, len(cols))
		for _, it := range items {
			if len(it.Signals) != len(w.run.spec.SignalNames) {
				return fmt.Errorf("conversation %q: %d signals, want %d", it.Conversation.ID, len(it.Signals), len(w.run.spec.SignalNames))
			}
			row[0], row[1], row[2] = w.run.ID, it.Conversation.ID, it.Hash
			row[3], row[4] = nullString(it.CustomerLanguage), nullString(it.AgentLanguage)
			for i, v := range it.Signals {
				row[5+i] = nullFloat(v)
			}
			if err := a.AppendRow(row...); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := w.appendScores(items); err != nil {
		return err
	}
	if len(quarantined) == 0 {
		return nil
	}
	return w.withAppender("quarantine", nil, func(a *duckdb.Appender) error {
		for _, q := range quarantined {
			if err := a.AppendRow(w.run.ID, q.File, int64(q.Line), nullString(q.ConversationID), nullString(q.Field),
				q.Reason, nullString(q.Raw), now); err != nil {
				return err
			}
		}
		return nil
	})
}

// appendTurns appends the turns of the new and changed conversations (those whose hash differs from known).
func (w *Writer) appendTurns(items []Item, known map[string]string) error {
	return w.withAppender("turns", nil, func(a *duckdb.Appender) error {
		for _, it := range items {
			if h, ok := known[it.Conversation.ID]; ok && h == it.Hash {
				continue // unchanged: its turns are stored already
			}
			for i, t := range it.Conversation.Turns {
				if err := a.AppendRow(it.Conversation.ID, int32(i), string(t.Role), t.Text, nullTime(t.At), nullString(t.Author)); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// appendScores appends every score of the items to score_values (the scores view adds kind, scale and hash).
func (w *Writer) appendScores(items []Item) error {
	return w.withAppender("score_values", nil, func(a *duckdb.Appender) error {
		for _, it := range items {
			for _, s := range it.Scores {
				if err := a.AppendRow(w.run.ID, it.Conversation.ID, s.Criterion, s.Kind == "judge", nullFloat(s.Value), s.NA,
					nullFloat(s.Normalized), s.AutoFailed, nullString(s.BuiltFrom), nullString(s.Rationale),
					nullString(s.Evidence), spread(s)); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

func spread(s Score) any {
	if s.Samples < 2 {
		return nil
	}
	return nullFloat(s.Spread)
}

func metadataJSON(m map[string]any) (any, error) {
	if len(m) == 0 {
		return nil, nil
	}
	b, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("encode metadata: %w", err)
	}
	return string(b), nil
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

func nullFloat(f float64) any {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil
	}
	return f
}
