package export

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/convqa/convqa/pipeline/store"
)

// File is one file written by Parquet.
type File struct {
	Table string `json:"table"`
	Path  string `json:"path"`
	Rows  int64  `json:"rows"`
}

// tables are the files of an export: what each holds, as a query over the run (its id bound to $run).
var tables = []struct{ name, query string }{
	// The run itself, one row.
	{"runs", `SELECT * FROM runs WHERE run_id = $run`},
	// The run's conversations: one row each, without their turns (transcript text stays in the database).
	{"conversations", `SELECT * FROM conversations WHERE conversation_id IN (SELECT conversation_id FROM scores WHERE run_id = $run)
		ORDER BY conversation_id`},
	// Every score of the run, with the conversation's channel, language and topic for slicing.
	{"scores", `SELECT s.*, c.channel, c.language, c.topic FROM scores s JOIN conversations c USING (conversation_id)
		WHERE s.run_id = $run ORDER BY s.conversation_id, s.criterion`},
	// The heuristic signals of the run, one row per conversation.
	{"signals", `SELECT * FROM signals WHERE run_id = $run ORDER BY conversation_id`},
}

// Parquet writes run's runs, conversations, scores and signals rows to dir as <table>.parquet (zstd), through
// DuckDB's COPY, creating dir if needed. Each file is written under a temporary name and renamed, so a reader
// never sees half a file.
func Parquet(ctx context.Context, db *sql.DB, run store.RunInfo, dir string) ([]File, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	var out []File
	for _, t := range tables {
		path := filepath.Join(dir, t.name+".parquet")
		tmp := filepath.Join(dir, "."+t.name+".parquet.tmp")
		// COPY takes no parameters: the run id is bound through a literal, quoted by the rules of SQL.
		q := strings.ReplaceAll(t.query, "$run", literal(run.ID))
		if _, err := db.ExecContext(ctx, `COPY (`+q+`) TO `+literal(tmp)+` (FORMAT parquet, COMPRESSION zstd)`); err != nil {
			os.Remove(tmp)
			return nil, fmt.Errorf("export %s of run %s: %w", t.name, run.ID, err)
		}
		if err := os.Rename(tmp, path); err != nil {
			os.Remove(tmp)
			return nil, fmt.Errorf("export %s: %w", t.name, err)
		}
		var n int64
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM read_parquet(`+literal(path)+`)`).Scan(&n); err != nil {
			return nil, fmt.Errorf("export %s: read back %s: %w", t.name, path, err)
		}
		out = append(out, File{Table: t.name, Path: path, Rows: n})
	}
	return out, nil
}

// literal quotes s as a SQL string literal.
func literal(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
