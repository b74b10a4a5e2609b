package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// RunInfo is one row of runs, as the readers of the store need it.
type RunInfo struct {
	ID            string     `json:"run_id"`
	Name          string     `json:"name,omitempty"`
	StartedAt     time.Time  `json:"started_at"`
	FinishedAt    *time.Time `json:"finished_at,omitempty"`
	Status        string     `json:"status"`
	RubricName    string     `json:"rubric_name"`
	RubricVersion string     `json:"rubric_version"`
	RubricHash    string     `json:"rubric_hash"`
	Judge         string     `json:"judge"`
	Conversations int64      `json:"conversations"`
	Quarantined   int64      `json:"quarantined"`
}

// ErrNoRun is returned when a run reference matches no run.
var ErrNoRun = errors.New("store: no such run")

// ResolveRun finds a run by reference: "latest" (or empty) is the most recent finished run, otherwise a run
// id, or the most recent finished run with that name.
func ResolveRun(ctx context.Context, db *sql.DB, ref string) (RunInfo, error) {
	const cols = `run_id, coalesce(name, ''), started_at, finished_at, status, rubric_name, rubric_version,
		rubric_hash, judge, conversations, quarantined`
	var row *sql.Row
	switch ref {
	case "", "latest":
		row = db.QueryRowContext(ctx, `SELECT `+cols+` FROM runs WHERE status = 'finished' ORDER BY started_at DESC LIMIT 1`)
	default:
		row = db.QueryRowContext(ctx, `SELECT `+cols+` FROM runs WHERE run_id = ?
			UNION ALL (SELECT `+cols+` FROM runs WHERE name = ? AND status = 'finished' ORDER BY started_at DESC LIMIT 1)
			LIMIT 1`, ref, ref)
	}
	var r RunInfo
	var fin sql.NullTime
	err := row.Scan(&r.ID, &r.Name, &r.StartedAt, &fin, &r.Status, &r.RubricName, &r.RubricVersion, &r.RubricHash,
		&r.Judge, &r.Conversations, &r.Quarantined)
	if errors.Is(err, sql.ErrNoRows) {
		if ref == "" || ref == "latest" {
			return RunInfo{}, fmt.Errorf("%w: no finished run yet (start one with `convqa run`)", ErrNoRun)
		}
		return RunInfo{}, fmt.Errorf("%w: no run has id or name %q (list them: SELECT run_id, name, status FROM runs)", ErrNoRun, ref)
	}
	if err != nil {
		return RunInfo{}, fmt.Errorf("find run %q: %w", ref, err)
	}
	if fin.Valid {
		t := fin.Time
		r.FinishedAt = &t
	}
	return r, nil
}
