package notebooks

import (
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/pipeline"
	"github.com/convqa/convqa/pipeline/heuristics"
	"github.com/convqa/convqa/pipeline/store"
	"github.com/convqa/convqa/rubrics"
)

// notebook is the part of the nbformat 4 document the test reads.
type notebook struct {
	NBFormat      int            `json:"nbformat"`
	NBFormatMinor int            `json:"nbformat_minor"`
	Metadata      map[string]any `json:"metadata"`
	Cells         []cell         `json:"cells"`
}

type cell struct {
	Type           string          `json:"cell_type"`
	ID             string          `json:"id"`
	Source         json.RawMessage `json:"source"`
	Metadata       map[string]any  `json:"metadata"`
	Outputs        json.RawMessage `json:"outputs"`
	ExecutionCount json.RawMessage `json:"execution_count"`
}

// text returns a cell's source, which nbformat allows as a string or a list of lines.
func (c cell) text(t *testing.T) string {
	var s string
	if json.Unmarshal(c.Source, &s) == nil {
		return s
	}
	var lines []string
	require.NoError(t, json.Unmarshal(c.Source, &lines), "cell %s: source is neither a string nor a list of strings", c.ID)
	return strings.Join(lines, "")
}

var (
	// sqlCall is the one way a notebook may run SQL: sql("""...""") with a plain triple-quoted string.
	sqlCall = regexp.MustCompile(`(?s)\bsql\(\s*"""(.*?)"""\s*\)`)
	// anySQL finds every call that could run SQL, to catch queries that bypass the convention.
	anySQL = regexp.MustCompile(`\b(sql|execute|query)\(`)
	// setVariable is the one allowed execute: binding a value to a DuckDB variable.
	setVariable = regexp.MustCompile(`con\.execute\("SET VARIABLE (\w+) = \?", \[\w+\]\)`)
)

type statement struct {
	notebook, cell, sql string
}

// load reads every notebook in this directory, checks it is valid nbformat 4, and returns its SQL statements
// in order, with the DuckDB variables it sets through parameters.
func load(t *testing.T) (map[string][]statement, map[string][]string) {
	paths, err := filepath.Glob("*.ipynb")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(paths), 2, "the channel comparison and the judge quality notebooks")
	stmts, vars := map[string][]statement{}, map[string][]string{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		var nb notebook
		require.NoError(t, json.Unmarshal(b, &nb), p)
		require.Equal(t, 4, nb.NBFormat, p)
		require.Contains(t, nb.Metadata, "kernelspec", p)
		ids := map[string]bool{}
		for i, c := range nb.Cells {
			require.Contains(t, []string{"code", "markdown", "raw"}, c.Type, "%s cell %d", p, i)
			require.NotNil(t, c.Metadata, "%s cell %d: metadata is required", p, i)
			if nb.NBFormatMinor >= 5 {
				require.NotEmpty(t, c.ID, "%s cell %d: nbformat 4.5 cells need an id", p, i)
				require.False(t, ids[c.ID], "%s: duplicate cell id %s", p, c.ID)
				ids[c.ID] = true
			}
			src := c.text(t)
			if c.Type != "code" {
				continue
			}
			require.JSONEq(t, "[]", string(c.Outputs), "%s cell %d: commit notebooks without outputs", p, i)
			require.Equal(t, "null", string(c.ExecutionCount), "%s cell %d", p, i)
			found := sqlCall.FindAllStringSubmatchIndex(src, -1)
			for _, m := range found {
				stmts[p] = append(stmts[p], statement{p, c.ID, src[m[2]:m[3]]})
			}
			for _, m := range setVariable.FindAllStringSubmatch(src, -1) {
				vars[p] = append(vars[p], m[1])
			}
			// Every call that could run SQL is either an extracted sql("""...""") or a SET VARIABLE.
			calls := len(anySQL.FindAllString(src, -1))
			assert.Equal(t, len(found)+len(setVariable.FindAllString(src, -1)), calls,
				"%s cell %s: SQL must be written as sql(\"\"\"...\"\"\") (see the notebook's conventions)\n%s", p, c.ID, src)
		}
		assert.GreaterOrEqual(t, len(stmts[p]), 5, "%s: the extractor found too few statements", p)
	}
	return stmts, vars
}

// demoDB scores the demo corpus twice (so trends have two runs), then adds what a judge run and a labels
// import would leave: judge scores and several samples per conversation in judge_cache, and human labels.
func demoDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "convqa.duckdb")
	r, err := rubrics.Load(rubrics.Default, rubrics.Options{Scorers: heuristics.Scorers()})
	require.NoError(t, err)
	src := pipeline.DemoSource()
	for range 2 {
		_, err := pipeline.Run(t.Context(), pipeline.Config{DB: db, Rubric: r, Sources: []pipeline.Source{src}, Workers: 2})
		require.NoError(t, err)
	}
	st, err := store.Open(t.Context(), db, store.Options{})
	require.NoError(t, err)
	defer st.Close()
	for _, q := range []string{
		// Judge scores derived from the heuristics, with some noise, as a judge run would store them.
		`INSERT INTO score_values (run_id, conversation_id, criterion, judged, value, na, normalized, auto_failed, rationale, evidence, spread)
		 SELECT run_id, conversation_id, j.criterion, true, least(5, greatest(1, round(value + (hash(conversation_id) % 3) - 1))),
		        false, NULL, false, 'synthetic', '[1]', (hash(conversation_id) % 2)::DOUBLE
		 FROM scores JOIN (VALUES ('resolution', 'resolution_signal'), ('empathy', 'customer_sentiment'), ('clarity', 'readability')) j(criterion, heuristic)
		   ON scores.criterion = j.heuristic
		 WHERE value IS NOT NULL`,
		`INSERT INTO judge_cache (cache_key, criterion, conversation_id, sample, model, prompt_version, rubric_hash, value, na, rationale, evidence, created_at)
		 SELECT DISTINCT 'key-' || conversation_id || '-' || s.i, criterion, conversation_id, s.i, 'test-model', 'p1', 'h',
		        least(5, value + s.i % 2), false, 'synthetic', '[1]', now()
		 FROM scores, range(3) s(i) WHERE kind = 'judge'`,
		`INSERT INTO judge_calls (run_id, cache_key, conversation_id, sample, model, mode, status, attempts, prompt_tokens,
		        completion_tokens, cached_tokens, cost_usd, latency_ms, called_at)
		 SELECT DISTINCT run_id, 'key-' || conversation_id, conversation_id, 0, 'test-model', 'online', 'ok', 1, 900, 120, 0, 0.001, 850, now()
		 FROM scores WHERE kind = 'judge'`,
		`INSERT INTO labels (label_set, source, line, conversation_id, criterion, value, rater, imported_at)
		 SELECT 'set', 'labels.csv', row_number() OVER (), conversation_id, 'overall', round(value / 20), 'r1', now()
		 FROM scores WHERE criterion = 'quality_index' AND value IS NOT NULL LIMIT 120`,
	} {
		_, err := st.DB().ExecContext(t.Context(), q)
		require.NoError(t, err, q)
	}
	return db
}

// TestNotebookSQL runs every statement of every notebook, in order, on one read-only connection per
// notebook, as a notebook session would, and reads every result to the end.
func TestNotebookSQL(t *testing.T) {
	stmts, vars := load(t)
	db := demoDB(t)
	st, err := store.Open(t.Context(), db, store.Options{ReadOnly: true})
	require.NoError(t, err)
	defer st.Close()
	for nbPath, list := range stmts {
		t.Run(nbPath, func(t *testing.T) {
			ctx := t.Context()
			conn, err := st.DB().Conn(ctx)
			require.NoError(t, err)
			defer conn.Close()
			// The notebooks' parameters, at their defaults.
			defaults := map[string]string{"run_ref": "latest"}
			for _, v := range vars[nbPath] {
				val, ok := defaults[v]
				require.True(t, ok, "%s sets variable %s: give it a default in this test", nbPath, v)
				_, err := conn.ExecContext(ctx, "SET VARIABLE "+v+" = ?", val)
				require.NoError(t, err)
			}
			for i, s := range list {
				n, err := run(ctx, conn, s.sql)
				require.NoError(t, err, "%s cell %s statement %d:\n%s", s.notebook, s.cell, i, s.sql)
				if strings.Contains(s.sql, "SET VARIABLE run_id") {
					var id sql.NullString
					require.NoError(t, conn.QueryRowContext(ctx, `SELECT getvariable('run_id')`).Scan(&id))
					assert.True(t, id.Valid, "the run is found")
				}
				t.Logf("cell %s: %d rows", s.cell, n)
			}
		})
	}
}

// run executes one statement and reads its rows to the end, so errors raised while streaming surface too.
func run(ctx context.Context, conn *sql.Conn, q string) (int, error) {
	rows, err := conn.QueryContext(ctx, q)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Err()
}

// TestNotebookPython checks that every code cell is valid Python 3, when a python3 is on the PATH.
func TestNotebookPython(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found: the Python syntax of the notebooks is not checked")
	}
	paths, err := filepath.Glob("*.ipynb")
	require.NoError(t, err)
	for _, p := range paths {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		var nb notebook
		require.NoError(t, json.Unmarshal(b, &nb))
		for _, c := range nb.Cells {
			if c.Type != "code" {
				continue
			}
			cmd := exec.CommandContext(t.Context(), py, "-c", "import ast, sys; ast.parse(sys.stdin.read())")
			cmd.Stdin = strings.NewReader(c.text(t))
			out, err := cmd.CombinedOutput()
			assert.NoError(t, err, "%s cell %s is not valid Python:\n%s\n%s", p, c.ID, out, c.text(t))
		}
	}
}
