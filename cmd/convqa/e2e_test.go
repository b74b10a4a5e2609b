package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/pipeline/store"
)

// binary is the convqa binary built once for the end-to-end tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "convqa-e2e")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "convqa")
	out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput()
	if err != nil {
		fmt.Fprintf(os.Stderr, "build convqa: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	stdout, stderr string
	code           int
}

func convqa(t *testing.T, dir string, args ...string) result {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), binary, args...)
	cmd.Dir = dir
	var so, se bytes.Buffer
	cmd.Stdout, cmd.Stderr = &so, &se
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else {
		require.NoError(t, err)
	}
	return result{so.String(), se.String(), code}
}

func query(t *testing.T, db string, q string, args ...any) int64 {
	t.Helper()
	st, err := store.Open(t.Context(), db, store.Options{ReadOnly: true})
	require.NoError(t, err)
	defer st.Close()
	var n int64
	require.NoError(t, st.DB().QueryRow(q, args...).Scan(&n), q)
	return n
}

func TestDemoRunAndCompare(t *testing.T) {
	dir := t.TempDir()
	r := convqa(t, dir, "run", "--format", "json")
	require.Equal(t, 0, r.code, r.stderr)
	var sum struct {
		RunID         string           `json:"run_id"`
		Conversations int64            `json:"conversations"`
		Quarantined   int64            `json:"quarantined"`
		ByChannel     map[string]int64 `json:"by_channel"`
		Judge         string           `json:"judge"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &sum), r.stdout)
	assert.NotEmpty(t, sum.RunID)
	assert.Greater(t, sum.Conversations, int64(200))
	assert.Greater(t, sum.ByChannel["bot"], int64(0))
	assert.Greater(t, sum.ByChannel["human"], int64(0))
	assert.Equal(t, "off", sum.Judge)
	db := filepath.Join(dir, "convqa.duckdb")
	assert.Equal(t, sum.Conversations, query(t, db, `SELECT count(*) FROM conversations`))
	assert.Equal(t, sum.Conversations, query(t, db, `SELECT count(*) FROM scores WHERE criterion = 'quality_index' AND run_id = ?`, sum.RunID))
	assert.Equal(t, int64(0), query(t, db, `SELECT count(*) FROM scores WHERE kind NOT IN ('heuristic', 'judge')`))

	c := convqa(t, dir, "compare")
	require.Equal(t, 0, c.code, c.stderr)
	assert.Contains(t, c.stdout, "quality_index")
	assert.Contains(t, c.stdout, "access_to_human")
	c = convqa(t, dir, "compare", "--by", "topic", "--format", "json")
	require.Equal(t, 0, c.code, c.stderr)
	var cmp struct {
		Rows []map[string]any `json:"rows"`
	}
	require.NoError(t, json.Unmarshal([]byte(c.stdout), &cmp))
	assert.NotEmpty(t, cmp.Rows)
	c = convqa(t, dir, "compare", "--format", "csv")
	require.Equal(t, 0, c.code, c.stderr)
	assert.True(t, strings.HasPrefix(c.stdout, "run_id,criterion,group,bot_n"))

	// The demo again: conversations are not duplicated, a second run is stored.
	r = convqa(t, dir, "run", "-q")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, sum.Conversations, query(t, db, `SELECT count(*) FROM conversations`))
	assert.Equal(t, int64(2), query(t, db, `SELECT count(*) FROM finished_runs`))
}

const badJSONL = `{"id":"ok-1","turns":[{"role":"user","text":"hi, I need a refund"},{"role":"assistant","text":"Sure, what is the order number?"}]}
{"id":"broken", "turns": [
{"turns":[{"role":"customer","text":"no id"}]}
{"id":"no-turns"}
{"id":"bad-role","turns":[{"role":"customer","text":"hi"},{"role":"wizard","text":"abracadabra"}]}

{"id":"ticket #42 / SE","channel":"human","turns":[{"role":"customer","text":"Hallo, wo ist meine Rückerstattung?"},{"role":"agent","text":"Hallo! Ich schaue nach."}]}
`

func TestQuarantineAndStrict(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "mixed.jsonl")
	data := []byte(badJSONL)
	data = append(data, []byte("{\"id\":\"latin1\",\"turns\":[{\"role\":\"customer\",\"text\":\"caf\xe9\"}]}\n")...)
	require.NoError(t, os.WriteFile(in, data, 0o644))

	r := convqa(t, dir, "run", "--input", in, "--strict")
	assert.Equal(t, 3, r.code, "strict with quarantine: exit 3\n%s", r.stderr)
	assert.Contains(t, r.stdout, "quarantined  5 records")
	db := filepath.Join(dir, "convqa.duckdb")
	assert.Equal(t, int64(2), query(t, db, `SELECT count(*) FROM conversations`))
	assert.Equal(t, int64(1), query(t, db, `SELECT count(*) FROM conversations WHERE conversation_id = 'ticket #42 / SE'`))
	for line, field := range map[int]string{2: "", 3: "id", 4: "turns", 5: "turns[1].role", 8: ""} {
		n := query(t, db, `SELECT count(*) FROM quarantine WHERE line = ? AND (? = '' OR field = ?)`, line, field, field)
		assert.Equal(t, int64(1), n, "line %d field %q", line, field)
	}

	r = convqa(t, dir, "run", "--input", in)
	assert.Equal(t, 0, r.code, "without --strict quarantine is not a failure")
}

func TestUsageErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"run", "--format", "xml"}, `--format "xml"`},
		{[]string{"run", "--bogus"}, "unknown flag"},
		{[]string{"compare", "--by", "a'b"}, "--by"},
		{[]string{"nonsense"}, "unknown command"},
		{[]string{"run", "--rubric", "missing.yaml"}, "shipped rubrics: support"},
		{[]string{"run", "--input", "nothing-*.jsonl"}, "matches no file"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := convqa(t, dir, tt.args...)
			assert.Equal(t, 2, r.code, r.stderr)
			assert.Contains(t, r.stderr, tt.want)
		})
	}
	r := convqa(t, dir, "compare", "--db", filepath.Join(dir, "none.duckdb"))
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "convqa run --db")
}

func TestSecondWriterIsRefused(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "convqa.duckdb")
	// This test process holds the file, as a long nightly run would.
	st, err := store.Open(t.Context(), db, store.Options{})
	require.NoError(t, err)
	defer st.Close()
	start := time.Now()
	r := convqa(t, dir, "run", "--db", db)
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "locked by another run")
	assert.Contains(t, r.stderr, fmt.Sprintf("process %d", os.Getpid()))
	assert.Less(t, time.Since(start), 30*time.Second, "refused at once, not after a wait") // generous: shared CI machine
}

func TestGeneratedCorpusAndCrashRecovery(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test: skipped with -short")
	}
	dir := t.TempDir()
	const n = 20000
	r := convqa(t, dir, "gen", "--n", fmt.Sprint(n), "--seed", "3", "--out", "corpus.jsonl")
	require.Equal(t, 0, r.code, r.stderr)
	db := filepath.Join(dir, "convqa.duckdb")

	// Kill the run with SIGKILL at several points, then let it finish.
	kills := 0
	for _, after := range []time.Duration{300 * time.Millisecond, 900 * time.Millisecond, 1500 * time.Millisecond} {
		cmd := exec.Command(binary, "run", "--input", "corpus.jsonl", "-q")
		cmd.Dir = dir
		require.NoError(t, cmd.Start())
		time.Sleep(after)
		if cmd.Process.Signal(syscall.SIGKILL) == nil {
			kills++
		}
		_ = cmd.Wait()
	}
	t.Logf("killed %d runs", kills)
	r = convqa(t, dir, "run", "--input", "corpus.jsonl", "--format", "json")
	require.Equal(t, 0, r.code, r.stderr)
	var sum struct {
		RunID         string `json:"run_id"`
		Conversations int64  `json:"conversations"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &sum))
	assert.EqualValues(t, n, sum.Conversations)
	assert.EqualValues(t, n, query(t, db, `SELECT count(*) FROM conversations`))
	assert.EqualValues(t, n, query(t, db, `SELECT count(DISTINCT conversation_id) FROM turns`))
	assert.EqualValues(t, n, query(t, db, `SELECT count(*) FROM scores WHERE run_id = ? AND criterion = 'quality_index'`, sum.RunID))
	assert.EqualValues(t, n, query(t, db, `SELECT count(DISTINCT conversation_id) FROM scores WHERE run_id = ? AND criterion = 'quality_index'`, sum.RunID))
	assert.EqualValues(t, n, query(t, db, `SELECT count(*) FROM signals WHERE run_id = ?`, sum.RunID))
	assert.EqualValues(t, 0, query(t, db, `SELECT count(*) FROM runs WHERE status = 'running'`))
	// Turns are stored once per conversation: the total equals the sum of n_turns.
	assert.Equal(t, query(t, db, `SELECT sum(n_turns) FROM conversations`), query(t, db, `SELECT count(*) FROM turns`))

	// The planted defects are found: every customer refused a human scores low on access_to_human.
	truth, err := os.Open(filepath.Join(dir, "corpus.truth.jsonl"))
	require.NoError(t, err)
	defer truth.Close()
	refused := 0
	sc := bufio.NewScanner(truth)
	st, err := store.Open(context.Background(), db, store.Options{ReadOnly: true})
	require.NoError(t, err)
	defer st.Close()
	for sc.Scan() {
		var tr struct {
			ID      string   `json:"id"`
			Defects []string `json:"defects"`
		}
		require.NoError(t, json.Unmarshal(sc.Bytes(), &tr))
		for _, d := range tr.Defects {
			if d != "asked_human_refused" {
				continue
			}
			refused++
			var v sql.NullFloat64
			require.NoError(t, st.DB().QueryRow(`SELECT value FROM scores WHERE run_id = ? AND conversation_id = ? AND criterion = 'access_to_human'`, sum.RunID, tr.ID).Scan(&v))
			assert.True(t, v.Valid && v.Float64 <= 2, "conversation %s: refused a human, access_to_human = %v", tr.ID, v)
		}
	}
	assert.Greater(t, refused, 0)
}
