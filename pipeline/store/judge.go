package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// JudgeVerdict is one row of judge_cache: the verdict on one criterion under a cache key.
type JudgeVerdict struct {
	Key, Criterion, ConversationID   string
	Sample                           int
	Model, PromptVersion, RubricHash string
	Value                            float64 // NaN when NA
	NA                               bool
	Rationale                        string
	Evidence                         []int // 1-based turn numbers
	CreatedAt                        time.Time
}

// JudgeCall is one row of judge_calls.
type JudgeCall struct {
	RunID, Key, ConversationID string
	Sample                     int
	Model                      string
	Mode                       string // online | batch
	Status                     string // ok | error
	Attempts                   int
	PromptTokens               int
	CompletionTokens           int
	CachedTokens               int
	CostUSD                    float64
	Latency                    time.Duration
	Error, Reply, BatchID      string
	CalledAt                   time.Time
}

// JudgeBatch is one row of judge_batches.
type JudgeBatch struct {
	ID, RunID, Model, PromptVersion, RubricHash, State string
	Keys                                               []string
	SubmittedAt, UpdatedAt                             time.Time
	CollectedAt                                        time.Time // zero while open
}

// lookupChunk bounds the keys bound to one query.
const lookupChunk = 10000

// LookupJudgeCache returns the cached verdicts of the keys found, by key, in criterion order. A key judged more
// than once gives its latest rows.
func (s *Store) LookupJudgeCache(ctx context.Context, keys []string) (map[string][]JudgeVerdict, error) {
	out := map[string][]JudgeVerdict{}
	for chunk := range slices.Chunk(keys, lookupChunk) {
		rows, err := s.db.QueryContext(ctx, `
			SELECT cache_key, criterion, conversation_id, sample, model, prompt_version, rubric_hash, value, na,
				rationale, evidence, created_at
			FROM judge_cache
			WHERE cache_key IN (SELECT unnest(?::VARCHAR[]))
			QUALIFY rank() OVER (PARTITION BY cache_key ORDER BY created_at DESC) = 1
			ORDER BY cache_key, criterion`, chunk)
		if err != nil {
			return nil, fmt.Errorf("look up judge cache: %w", err)
		}
		for rows.Next() {
			var (
				v               JudgeVerdict
				value           sql.NullFloat64
				rationale, evid sql.NullString
			)
			if err := rows.Scan(&v.Key, &v.Criterion, &v.ConversationID, &v.Sample, &v.Model, &v.PromptVersion,
				&v.RubricHash, &value, &v.NA, &rationale, &evid, &v.CreatedAt); err != nil {
				rows.Close()
				return nil, fmt.Errorf("look up judge cache: %w", err)
			}
			v.Value = math.NaN()
			if value.Valid {
				v.Value = value.Float64
			}
			v.Rationale = rationale.String
			if evid.Valid && evid.String != "" {
				if err := json.Unmarshal([]byte(evid.String), &v.Evidence); err != nil {
					rows.Close()
					return nil, fmt.Errorf("look up judge cache: key %s: evidence: %w", v.Key, err)
				}
			}
			if prev := out[v.Key]; len(prev) > 0 && prev[len(prev)-1].Criterion == v.Criterion {
				continue // the same key put twice at the same instant
			}
			out[v.Key] = append(out[v.Key], v)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("look up judge cache: %w", err)
		}
	}
	return out, nil
}

// PutJudgeCache appends verdict rows in one transaction: all of them or none.
func (s *Store) PutJudgeCache(ctx context.Context, rows []JudgeVerdict) error {
	if len(rows) == 0 {
		return nil
	}
	return s.appendTx(ctx, "judge_cache", func(a *duckdb.Appender) error {
		for _, v := range rows {
			var evid any
			if v.Evidence != nil {
				b, err := json.Marshal(v.Evidence)
				if err != nil {
					return err
				}
				evid = string(b)
			}
			if err := a.AppendRow(v.Key, v.Criterion, v.ConversationID, int32(v.Sample), v.Model, v.PromptVersion,
				v.RubricHash, nullFloat(v.Value), v.NA, nullString(v.Rationale), evid, v.CreatedAt.UTC()); err != nil {
				return fmt.Errorf("key %s criterion %s: %w", v.Key, v.Criterion, err)
			}
		}
		return nil
	})
}

// RecordJudgeCalls appends call records in one transaction.
func (s *Store) RecordJudgeCalls(ctx context.Context, calls []JudgeCall) error {
	if len(calls) == 0 {
		return nil
	}
	return s.appendTx(ctx, "judge_calls", func(a *duckdb.Appender) error {
		for _, c := range calls {
			var latency any
			if c.Latency > 0 {
				latency = float64(c.Latency) / float64(time.Millisecond)
			}
			if err := a.AppendRow(nullString(c.RunID), c.Key, c.ConversationID, int32(c.Sample), c.Model, c.Mode,
				c.Status, int32(c.Attempts), int64(c.PromptTokens), int64(c.CompletionTokens), int64(c.CachedTokens),
				c.CostUSD, latency, nullString(c.Error), nullString(c.Reply), nullString(c.BatchID),
				c.CalledAt.UTC()); err != nil {
				return fmt.Errorf("key %s: %w", c.Key, err)
			}
		}
		return nil
	})
}

// appendTx appends to table through fn on a connection of its own, inside a transaction.
func (s *Store) appendTx(ctx context.Context, table string, fn func(a *duckdb.Appender) error) (err error) {
	if s.readOnly {
		return errors.New("store opened read-only")
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("append to %s: %w", table, err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `BEGIN TRANSACTION`); err != nil {
		return fmt.Errorf("append to %s: %w", table, err)
	}
	defer func() {
		if err != nil {
			_, _ = conn.ExecContext(context.WithoutCancel(ctx), `ROLLBACK`)
		}
	}()
	err = conn.Raw(func(dc any) error {
		a, err := duckdb.NewAppender(dc.(driver.Conn), "", "", table)
		if err != nil {
			return err
		}
		if err := fn(a); err != nil {
			a.Close()
			return err
		}
		return a.Close()
	})
	if err != nil {
		return fmt.Errorf("append to %s: %w", table, err)
	}
	if _, err := conn.ExecContext(ctx, `COMMIT`); err != nil {
		return fmt.Errorf("append to %s: commit: %w", table, err)
	}
	return nil
}

// PutJudgeBatch records a submitted batch.
func (s *Store) PutJudgeBatch(ctx context.Context, b JudgeBatch) error {
	if s.readOnly {
		return errors.New("store opened read-only")
	}
	keys := b.Keys
	if keys == nil {
		keys = []string{}
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO judge_batches VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		b.ID, nullString(b.RunID), b.Model, b.PromptVersion, b.RubricHash, b.State, len(keys), keys,
		b.SubmittedAt.UTC(), b.UpdatedAt.UTC(), nullTime(b.CollectedAt))
	if err != nil {
		return fmt.Errorf("record judge batch %s: %w", b.ID, err)
	}
	return nil
}

// SetJudgeBatchState records a batch's new state; collected marks it read into judge_cache, which closes it.
func (s *Store) SetJudgeBatchState(ctx context.Context, id, state string, collected bool, now time.Time) error {
	if s.readOnly {
		return errors.New("store opened read-only")
	}
	var at any
	if collected {
		at = now.UTC()
	}
	res, err := s.db.ExecContext(ctx, `UPDATE judge_batches SET state = ?, updated_at = ?,
		collected_at = coalesce(?, collected_at) WHERE batch_id = ?`, state, now.UTC(), at, id)
	if err != nil {
		return fmt.Errorf("update judge batch %s: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("update judge batch %s: no such batch", id)
	}
	return nil
}

// OpenJudgeBatches returns the batches not collected yet, oldest first.
func (s *Store) OpenJudgeBatches(ctx context.Context) ([]JudgeBatch, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT batch_id, run_id, model, prompt_version, rubric_hash, state,
		cache_keys, submitted_at, updated_at FROM judge_batches WHERE collected_at IS NULL ORDER BY submitted_at, batch_id`)
	if err != nil {
		return nil, fmt.Errorf("list open judge batches: %w", err)
	}
	defer rows.Close()
	var out []JudgeBatch
	for rows.Next() {
		var (
			b     JudgeBatch
			runID sql.NullString
			keys  duckdb.Composite[[]string]
		)
		if err := rows.Scan(&b.ID, &runID, &b.Model, &b.PromptVersion, &b.RubricHash, &b.State, &keys,
			&b.SubmittedAt, &b.UpdatedAt); err != nil {
			return nil, fmt.Errorf("list open judge batches: %w", err)
		}
		b.RunID, b.Keys = runID.String, keys.Get()
		out = append(out, b)
	}
	return out, rows.Err()
}
