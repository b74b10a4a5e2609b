package calibrate

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/convqa/convqa/pipeline/store"
)

// Score is one stored score of a conversation.
type Score struct {
	Kind string // heuristic | judge
	// Value is on the criterion's scale and Normalized on 0-100; both NaN when NA.
	Value, Normalized float64
	NA, AutoFailed    bool
}

// Conversation is one labelled conversation of the run, with its scores by criterion.
type Conversation struct {
	ID      string
	Channel string
	Scores  map[string]Score
}

// Data is what calibration works on: the labels, and the run's scores of the labelled conversations.
type Data struct {
	Run    store.RunInfo
	Labels []store.Label
	// Conversations are the labelled conversations the run scored, by id.
	Conversations map[string]*Conversation
	// Unmatched are the labelled conversation ids the run did not score, sorted.
	Unmatched []string
	// Criteria are the score criteria the run stored for the labelled conversations, in the order it stored
	// them (the rubric's, then quality_index).
	Criteria []string
}

// idChunk bounds the ids bound to one query.
const idChunk = 10000

// Load reads the scores the run (an id, a name, or "latest") gave the labelled conversations.
func Load(ctx context.Context, db *sql.DB, run string, labels []store.Label) (*Data, error) {
	info, err := store.ResolveRun(ctx, db, run)
	if err != nil {
		return nil, err
	}
	d := &Data{Run: info, Labels: labels, Conversations: map[string]*Conversation{}}
	var ids []string
	seen := map[string]bool{}
	for _, l := range labels {
		if !seen[l.ConversationID] {
			seen[l.ConversationID] = true
			ids = append(ids, l.ConversationID)
		}
	}
	order := map[string]int{}
	for chunk := range slices.Chunk(ids, idChunk) {
		if err := d.read(ctx, db, chunk, order); err != nil {
			return nil, err
		}
	}
	for _, id := range ids {
		if d.Conversations[id] == nil {
			d.Unmatched = append(d.Unmatched, id)
		}
	}
	sort.Strings(d.Unmatched)
	for c := range order {
		d.Criteria = append(d.Criteria, c)
	}
	sort.Slice(d.Criteria, func(i, j int) bool { return order[d.Criteria[i]] < order[d.Criteria[j]] })
	return d, nil
}

func (d *Data) read(ctx context.Context, db *sql.DB, ids []string, order map[string]int) error {
	// rowid of score_values (the table under the scores view) keeps the order the run stored its criteria
	// in, which is the rubric's.
	rows, err := db.QueryContext(ctx, `
		SELECT s.conversation_id, c.channel, s.criterion, CASE WHEN s.judged THEN 'judge' ELSE 'heuristic' END,
		       s.value, s.normalized, s.na, s.auto_failed, min(s.rowid) OVER (PARTITION BY s.criterion) AS pos
		FROM score_values s JOIN conversations c USING (conversation_id)
		WHERE s.run_id = ? AND s.conversation_id IN (SELECT unnest(?::VARCHAR[]))`, d.Run.ID, ids)
	if err != nil {
		return fmt.Errorf("read scores of run %s: %w", d.Run.ID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id, channel, crit, kind string
			value, norm             sql.NullFloat64
			s                       Score
			pos                     int64
		)
		if err := rows.Scan(&id, &channel, &crit, &kind, &value, &norm, &s.NA, &s.AutoFailed, &pos); err != nil {
			return fmt.Errorf("read scores of run %s: %w", d.Run.ID, err)
		}
		s.Kind, s.Value, s.Normalized = kind, math.NaN(), math.NaN()
		if value.Valid && !s.NA {
			s.Value = value.Float64
		}
		if norm.Valid && !s.NA {
			s.Normalized = norm.Float64
		}
		c := d.Conversations[id]
		if c == nil {
			c = &Conversation{ID: id, Channel: channel, Scores: map[string]Score{}}
			d.Conversations[id] = c
		}
		c.Scores[crit] = s
		if p, ok := order[crit]; !ok || int(pos) < p {
			order[crit] = int(pos)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read scores of run %s: %w", d.Run.ID, err)
	}
	return nil
}
