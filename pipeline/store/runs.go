package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
)

// Run statuses, as stored in runs.status.
const (
	StatusRunning  = "running"  // in progress, or killed before it finished (see Begin)
	StatusFinished = "finished" // every input read and every conversation scored
	StatusAborted  = "aborted"  // interrupted and not resumed; its partial scores stay for inspection
	StatusFailed   = "failed"   // stopped by an error (see runs.error)
)

// RunSpec describes a run about to start.
type RunSpec struct {
	Name          string
	RubricName    string
	RubricVersion string
	RubricHash    string
	Judge         string // "off" or the judge model
	PromptVersion string
	// Inputs fingerprints what the run reads (paths, sizes, modification times) as JSON; a run killed
	// before it finished is resumed only by a run with the same Inputs, rubric, judge and name.
	Inputs  string
	Version string
	// SignalNames are the numeric signal columns the run writes, in the order of Item.Signals.
	SignalNames []string
	// Criteria describe what the run scores, in rubric order; stored in the criteria table.
	Criteria []CriterionInfo
}

// CriterionInfo is one row of the criteria table: a criterion as the run's rubric defined it.
type CriterionInfo struct {
	Criterion, Kind, Title, AppliesTo, Scorer, Question string
	Weight, ScaleMin, ScaleMax                          float64
	AutoFailBelow                                       float64 // NaN when not auto-fail
}

// Run is a run in progress. Its methods must be called from one goroutine.
type Run struct {
	ID string
	// Resumed is true when this run picks up a run that was interrupted before it finished.
	Resumed bool
	// Scored maps each conversation scored in this run before the interruption (when resumed) to its
	// content hash. Write does not change it, so the reader may consult it while batches commit.
	Scored map[string]string

	s    *Store
	conn *sql.Conn
	spec RunSpec
	w    *Writer // Write's writer on conn
}

// NewRunID returns a run id that sorts by start time: 20261126T030012Z-3f9a1c.
func NewRunID(now time.Time) string {
	var b [3]byte
	_, _ = rand.Read(b[:])
	return now.UTC().Format("20060102T150405Z") + "-" + hex.EncodeToString(b[:])
}

// Begin starts a run. A run still marked running was killed (this process holds the file's lock). When the
// most recent run was killed or interrupted and spec matches it, it is resumed, so its conversations are
// not scored twice; any other unfinished run is marked aborted.
func (s *Store) Begin(ctx context.Context, spec RunSpec, now time.Time) (*Run, error) {
	if s.readOnly {
		return nil, errors.New("store opened read-only")
	}
	if err := s.ensureSignalColumns(ctx, spec.SignalNames); err != nil {
		return nil, err
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("begin run: %w", err)
	}
	r := &Run{s: s, conn: conn, spec: spec, Scored: map[string]string{}}
	if err := r.begin(ctx, now); err != nil {
		conn.Close()
		return nil, err
	}
	return r, nil
}

func (r *Run) begin(ctx context.Context, now time.Time) error {
	spec := r.spec
	var resumeID string
	err := r.conn.QueryRowContext(ctx, `
		SELECT run_id FROM (SELECT * FROM runs ORDER BY started_at DESC LIMIT 1)
		WHERE status IN ('running', 'aborted') AND inputs = ?::JSON AND rubric_hash = ? AND judge = ?
		  AND coalesce(name, '') = ?`,
		spec.Inputs, spec.RubricHash, spec.Judge, spec.Name).Scan(&resumeID)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("look for an interrupted run: %w", err)
	}
	if _, err := r.conn.ExecContext(ctx, `
		UPDATE runs SET status = 'aborted', error = 'interrupted: the process ended before the run finished'
		WHERE status = 'running' AND run_id <> ?`, resumeID); err != nil {
		return fmt.Errorf("mark interrupted runs: %w", err)
	}
	if resumeID != "" {
		r.ID, r.Resumed = resumeID, true
		// The whole input is read again, so the quarantine of the interrupted attempt would be counted twice.
		if _, err := r.conn.ExecContext(ctx, `DELETE FROM quarantine WHERE run_id = ?`, resumeID); err != nil {
			return fmt.Errorf("resume run %s: %w", resumeID, err)
		}
		if _, err := r.conn.ExecContext(ctx, `UPDATE runs SET resumes = resumes + 1 WHERE run_id = ?`, resumeID); err != nil {
			return fmt.Errorf("resume run %s: %w", resumeID, err)
		}
		rows, err := r.conn.QueryContext(ctx, `SELECT conversation_id, content_hash FROM signals WHERE run_id = ?`, resumeID)
		if err != nil {
			return fmt.Errorf("resume run %s: %w", resumeID, err)
		}
		defer rows.Close()
		for rows.Next() {
			var id, h string
			if err := rows.Scan(&id, &h); err != nil {
				return fmt.Errorf("resume run %s: %w", resumeID, err)
			}
			r.Scored[id] = h
		}
		return rows.Err()
	}
	r.ID = NewRunID(now)
	_, err = r.conn.ExecContext(ctx, `
		INSERT INTO runs (run_id, name, started_at, status, rubric_name, rubric_version, rubric_hash, judge,
		                  prompt_version, inputs, convqa_version)
		VALUES (?, NULLIF(?, ''), ?, 'running', ?, ?, ?, ?, NULLIF(?, ''), ?::JSON, ?)`,
		r.ID, spec.Name, now.UTC(), spec.RubricName, spec.RubricVersion, spec.RubricHash, spec.Judge,
		spec.PromptVersion, spec.Inputs, spec.Version)
	if err != nil {
		return fmt.Errorf("record run: %w", err)
	}
	for i, c := range spec.Criteria {
		_, err := r.conn.ExecContext(ctx, `INSERT INTO criteria VALUES (?, ?, ?, ?, NULLIF(?, ''), ?, ?, ?, ?, NULLIF(?, ''), NULLIF(?, ''), NULLIF(?, ''))`,
			r.ID, c.Criterion, i, c.Kind, c.Title, c.Weight, c.ScaleMin, c.ScaleMax, nullFloat(c.AutoFailBelow),
			c.AppliesTo, c.Scorer, c.Question)
		if err != nil {
			return fmt.Errorf("record criteria of run: %w", err)
		}
	}
	return nil
}

// Counts are a finished run's totals as stored.
type Counts struct {
	Conversations int64 `json:"conversations"`
	Quarantined   int64 `json:"quarantined"`
	Duplicates    int64 `json:"duplicates"`
}

// Finish marks the run finished (or failed, when runErr is not nil) and returns its stored totals.
func (r *Run) Finish(ctx context.Context, duplicates int64, runErr error, now time.Time) (Counts, error) {
	defer r.conn.Close()
	// The run ends even when ctx was cancelled (Ctrl-C): record that, so it is not mistaken for a live run.
	ctx = context.WithoutCancel(ctx)
	status, msg := StatusFinished, ""
	switch {
	case errors.Is(runErr, context.Canceled):
		// Interrupted by the user: the next run over the same inputs resumes it.
		status, msg = StatusAborted, "interrupted"
	case runErr != nil:
		status, msg = StatusFailed, runErr.Error()
	}
	_, err := r.conn.ExecContext(ctx, `
		UPDATE runs SET status = ?, finished_at = ?, error = NULLIF(?, ''), duplicates = ?,
			conversations = (SELECT count(*) FROM signals WHERE run_id = ?),
			quarantined = (SELECT count(*) FROM quarantine WHERE run_id = ?)
		WHERE run_id = ?`, status, now.UTC(), msg, duplicates, r.ID, r.ID, r.ID)
	if err != nil {
		return Counts{}, fmt.Errorf("finish run %s: %w", r.ID, err)
	}
	var c Counts
	err = r.conn.QueryRowContext(ctx, `SELECT conversations, quarantined, duplicates FROM runs WHERE run_id = ?`, r.ID).
		Scan(&c.Conversations, &c.Quarantined, &c.Duplicates)
	if err != nil {
		return Counts{}, fmt.Errorf("finish run %s: %w", r.ID, err)
	}
	return c, nil
}
