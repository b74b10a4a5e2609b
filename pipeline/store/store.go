// Package store keeps runs, conversations, signals and scores in one DuckDB file, writes them in bulk and
// transactionally, and answers the queries the readers of the store share.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"

	_ "github.com/duckdb/duckdb-go/v2" // registers the "duckdb" driver
)

// ErrLocked is returned by Open when another process has the database file open.
var ErrLocked = errors.New("store: database is locked by another run")

// Store is an open convqa database.
type Store struct {
	db       *sql.DB
	path     string
	readOnly bool
}

// Options tunes Open. The zero value opens for writing.
type Options struct {
	// ReadOnly opens the file without write access (compare, report, gate). The file must exist.
	ReadOnly bool
	// MemoryLimit caps DuckDB's own memory (e.g. "1GB"); default 256MB.
	MemoryLimit string
}

// memoryLimit returns DuckDB's memory limit for the store.
func (o Options) memoryLimit() string {
	if o.MemoryLimit != "" {
		return o.MemoryLimit
	}
	return "256MB"
}

var lockHolder = regexp.MustCompile(`lock is held in (.*) \(PID (\d+)\)`)

// Open opens or creates the database at path and brings its schema up to date. A file held by another
// process fails at once with ErrLocked, naming the process when DuckDB knows it.
func Open(ctx context.Context, path string, o Options) (*Store, error) {
	if o.ReadOnly {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("open database: %w (run `convqa run --db %s` first)", err, path)
		}
	}
	// DuckDB would otherwise cache up to 80% of RAM; a nightly batch job shares its machine, and keeping
	// the limit modest keeps the whole process well under 1 GiB on any input size (DuckDB spills to disk).
	dsn := path + "?memory_limit=" + o.memoryLimit()
	if o.ReadOnly {
		dsn += "&access_mode=read_only"
	} else {
		// DuckDB checkpoints whenever its write-ahead log passes 16 MB, and each checkpoint rewrites the
		// partly filled row groups of every table: a 100k-conversation run spent 7.9 s of 16 s committing.
		// With 1 GB, a nightly run checkpoints about once, at the end; the log still makes every committed
		// batch durable.
		dsn += "&checkpoint_threshold=1GB"
	}
	db, err := sql.Open("duckdb", dsn)
	if err != nil {
		return nil, openError(path, err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, openError(path, err)
	}
	s := &Store{db: db, path: path, readOnly: o.ReadOnly}
	if !o.ReadOnly {
		if err := s.migrate(ctx); err != nil {
			db.Close()
			return nil, err
		}
	} else if err := s.checkVersion(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

func openError(path string, err error) error {
	msg := err.Error()
	if strings.Contains(msg, "Could not set lock") || strings.Contains(msg, "Conflicting lock") {
		who := "another process"
		if m := lockHolder.FindStringSubmatch(msg); m != nil {
			who = fmt.Sprintf("process %s (%s)", m[2], m[1])
		}
		return fmt.Errorf("%w: %s is held by %s; wait for it to finish or use another --db", ErrLocked, path, who)
	}
	return fmt.Errorf("open database %s: %w", path, err)
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// DB exposes the database for read-only queries by the readers of the store (compare, report, gate).
func (s *Store) DB() *sql.DB { return s.db }

// Path is the file the store lives in.
func (s *Store) Path() string { return s.path }

func (s *Store) migrate(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer tx.Rollback()
	if err := migrateScoresTable(ctx, tx); err != nil {
		return err
	}
	for _, stmt := range append(schema[:len(schema):len(schema)], extraSchema...) {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("migrate: %w\n%s", err, stmt)
		}
	}
	var v string
	err = tx.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'schema_version'`).Scan(&v)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return fmt.Errorf("migrate: read schema version: %w", err)
	default:
		if n, _ := strconv.Atoi(v); n > schemaVersion {
			return fmt.Errorf("migrate: %s has schema version %s, newer than this convqa understands (%d); upgrade convqa", s.path, v, schemaVersion)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)`, strconv.Itoa(schemaVersion)); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return tx.Commit()
}

// migrateScoresTable turns the scores table of schema versions 1 and 2 into score_values under the scores
// view (version 3), moving each conversation's content hash to signals.
func migrateScoresTable(ctx context.Context, tx *sql.Tx) error {
	var kind string
	err := tx.QueryRowContext(ctx, `SELECT table_type FROM information_schema.tables
		WHERE table_schema = 'main' AND table_name = 'scores'`).Scan(&kind)
	if errors.Is(err, sql.ErrNoRows) || kind != "BASE TABLE" {
		return nil
	}
	if err != nil {
		return fmt.Errorf("migrate scores: %w", err)
	}
	for _, stmt := range []string{
		`ALTER TABLE scores ADD COLUMN IF NOT EXISTS spread DOUBLE`,
		`CREATE TABLE score_values AS SELECT run_id, conversation_id, criterion, kind = 'judge' AS judged, value, na,
			normalized, auto_failed, built_from, rationale, evidence, spread FROM scores`,
		`ALTER TABLE signals ADD COLUMN IF NOT EXISTS content_hash VARCHAR`,
		`UPDATE signals SET content_hash = s.content_hash
			FROM (SELECT DISTINCT run_id, conversation_id, content_hash FROM scores) s
			WHERE signals.run_id = s.run_id AND signals.conversation_id = s.conversation_id`,
		`DROP VIEW IF EXISTS scored`,
		`DROP TABLE scores`,
	} {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("migrate scores: %w\n%s", err, stmt)
		}
	}
	return nil
}

func (s *Store) checkVersion(ctx context.Context) error {
	var v string
	if err := s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'schema_version'`).Scan(&v); err != nil {
		return fmt.Errorf("%s is not a convqa database (or is empty): %w", s.path, err)
	}
	if n, _ := strconv.Atoi(v); n > schemaVersion {
		return fmt.Errorf("%s has schema version %s, newer than this convqa understands (%d); upgrade convqa", s.path, v, schemaVersion)
	}
	return nil
}

// ensureSignalColumns adds a DOUBLE column to signals for each signal the heuristics now produce, so a
// new signal never needs a hand-written migration. Existing columns are never dropped.
func (s *Store) ensureSignalColumns(ctx context.Context, names []string) error {
	for _, n := range names {
		if !validIdent(n) {
			return fmt.Errorf("signal name %q is not a valid column name", n)
		}
		if _, err := s.db.ExecContext(ctx, `ALTER TABLE signals ADD COLUMN IF NOT EXISTS "`+n+`" DOUBLE`); err != nil {
			return fmt.Errorf("add signal column %s: %w", n, err)
		}
	}
	return nil
}

func validIdent(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}
