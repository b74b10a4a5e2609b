package store

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/pipeline/transcript"
)

// The benchmarks write one batch of benchConversations conversations into a fresh file database through the
// Appender, as Run.Write does; bench_arrow_test.go (build tag duckdb_arrow) writes the same rows through Arrow.
const (
	benchConversations = 10_000
	benchTurns         = 12 // per conversation: 120,000 turns per batch
	benchScores        = 15 // per conversation: 150,000 scores per batch
)

// tableWriter writes the turns or the scores of items into the open transaction of r.
type tableWriter func(ctx context.Context, r *Run, items []Item) error

// benchTable is one table the benchmarks fill, with the number of rows a batch puts into it.
type benchTable struct {
	name string
	rows func(items []Item) int
}

var benchTables = []benchTable{
	{"turns", func(items []Item) int {
		n := 0
		for _, it := range items {
			n += len(it.Conversation.Turns)
		}
		return n
	}},
	{"scores", func(items []Item) int {
		n := 0
		for _, it := range items {
			n += len(it.Scores)
		}
		return n
	}},
}

// appenderTurns and appenderScores append through the pipeline's own code.
func appenderTurns(_ context.Context, r *Run, items []Item) error {
	return (&Writer{run: r, conn: r.conn}).appendTurns(items, nil)
}

func appenderScores(_ context.Context, r *Run, items []Item) error {
	return (&Writer{run: r, conn: r.conn}).appendScores(items)
}

var appenderWriters = map[string]tableWriter{"turns": appenderTurns, "scores": appenderScores}

// inTx runs fn between BEGIN and COMMIT on the run's connection, as Run.Write does.
func inTx(ctx context.Context, r *Run, fn func() error) (err error) {
	if _, err := r.conn.ExecContext(ctx, `BEGIN TRANSACTION`); err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer func() {
		if err != nil {
			_, _ = r.conn.ExecContext(context.WithoutCancel(ctx), `ROLLBACK`)
		}
	}()
	if err := fn(); err != nil {
		return err
	}
	if _, err := r.conn.ExecContext(ctx, `COMMIT`); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// openRun opens a fresh database file at path and begins a run in it.
func openRun(tb testing.TB, path string) (*Store, *Run) {
	tb.Helper()
	s, err := Open(tb.Context(), path, Options{})
	require.NoError(tb, err)
	r, err := s.Begin(tb.Context(), testSpec(), t0)
	require.NoError(tb, err)
	return s, r
}

func closeRun(tb testing.TB, s *Store, r *Run) {
	tb.Helper()
	require.NoError(tb, r.conn.Close())
	require.NoError(tb, s.Close())
}

// benchWrite times w writing one batch of items per op, each into a fresh database file in one transaction;
// opening and closing the file are not timed, COMMIT is. With checkpoint, the op also runs CHECKPOINT after
// COMMIT: rows left in the write-ahead log are compressed into the database file then, while an insert that
// DuckDB wrote optimistically has done that work before COMMIT, so only op plus checkpoint compares the paths
// fairly. It reports rows/s and, on Linux, cpu-ns/op: the process's CPU time (all threads, DuckDB's included),
// which other load on shared cores disturbs less than wall time.
func benchWrite(b *testing.B, w tableWriter, items []Item, rows int, checkpoint bool) {
	ctx := b.Context()
	dir := b.TempDir()
	var cpu time.Duration
	cpuOK := true
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		s, r := openRun(b, filepath.Join(dir, fmt.Sprintf("op%d.duckdb", i)))
		c0, ok0 := processCPU()
		b.StartTimer()
		err := inTx(ctx, r, func() error { return w(ctx, r, items) })
		if err == nil && checkpoint {
			_, err = r.conn.ExecContext(ctx, `CHECKPOINT`)
		}
		b.StopTimer()
		c1, ok1 := processCPU()
		cpu, cpuOK = cpu+c1-c0, cpuOK && ok0 && ok1
		require.NoError(b, err)
		closeRun(b, s, r)
		b.StartTimer()
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	if cpuOK {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

// processCPU returns the user and system time of the process from /proc/self/stat, in clock ticks of 10ms;
// false where there is no such file.
func processCPU() (time.Duration, bool) {
	b, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0, false
	}
	// The fields after the parenthesized command name start with field 3 (state); utime and stime are 14 and 15.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, false
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0, false
	}
	user, err1 := strconv.ParseInt(f[11], 10, 64)
	sys, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return time.Duration(user+sys) * 10 * time.Millisecond, true
}

// benchPaths runs bench for each table, once ending at COMMIT and once at CHECKPOINT.
func benchPaths(b *testing.B, bench func(b *testing.B, table string, items []Item, rows int, checkpoint bool)) {
	items := benchItems(benchConversations)
	for _, tb := range benchTables {
		for _, end := range []string{"commit", "checkpoint"} {
			b.Run(tb.name+"/"+end, func(b *testing.B) {
				bench(b, tb.name, items, tb.rows(items), end == "checkpoint")
			})
		}
	}
}

func BenchmarkWriteAppender(b *testing.B) {
	benchPaths(b, func(b *testing.B, table string, items []Item, rows int, checkpoint bool) {
		benchWrite(b, appenderWriters[table], items, rows, checkpoint)
	})
}

// Phrase pools for turn text: a turn is a few of them joined, about 200 bytes on average.
var (
	customerPhrases = []string{
		"Hi, I ordered a pair of running shoes last week and they still have not arrived.",
		"My order number is %d and the tracking page has not changed since Tuesday.",
		"I was charged twice for the same subscription this month, can you check that?",
		"The app keeps logging me out every time I try to update my delivery address.",
		"Can I return an item that I bought on sale, or is that final?",
		"I'd like to speak to a real person please, this is the third time I'm asking.",
		"The package arrived damaged: the box was open and one of the cups is broken.",
		"Thanks, that helps. How long will the refund take to show up on my card?",
		"Hej, jag har inte fått min beställning och ingen svarar på mejl.",
		"Is there a way to change the size after the order has been shipped?",
		"I never received the confirmation email, although the money left my account.",
		"ok",
	}
	agentPhrases = []string{
		"Thanks for reaching out, I'm sorry to hear about the trouble with your order.",
		"I can see order %d in our system; it left our warehouse on Monday.",
		"I've issued a refund of %d.00 SEK, which usually shows up within 3 to 5 business days.",
		"Could you send me a photo of the damaged item so I can open a claim with the carrier?",
		"Items bought on sale can be returned within 30 days like any other purchase.",
		"I'm transferring you to a colleague in the billing team who can look at the double charge.",
		"To change the size, please reply with the new size and I'll update the shipment before it leaves.",
		"You can find the return label under My orders, then Returns, in the app or on the website.",
		"Is there anything else I can help you with today?",
		"I understand how frustrating that is, and I'll make sure this gets sorted out now.",
	}
	systemPhrases = []string{
		"Conversation transferred to a human agent.",
		"Customer left the chat.",
		"Agent %d joined the conversation.",
	}
	criteria = []string{
		"resolution", "efficiency", "empathy", "accuracy", "clarity", "tone", "policy_compliance",
		"access_to_human", "first_contact_resolution", "bot_loops", "escalation_quality",
		"language_match", "personalization", "closing", "quality_index",
	}
)

// sentence joins phrases from pool until it holds at least min bytes.
func sentence(rng *rand.Rand, pool []string, min int) string {
	var sb strings.Builder
	for sb.Len() < min {
		if sb.Len() > 0 {
			sb.WriteByte(' ')
		}
		p := pool[rng.IntN(len(pool))]
		if strings.Contains(p, "%d") {
			p = fmt.Sprintf(p, 100000+rng.IntN(900000))
		}
		sb.WriteString(p)
	}
	return sb.String()
}

// benchItems returns n scored conversations shaped like a real batch: ids of 12 characters, benchTurns turns
// of support chat (about 200 bytes each, timestamps missing in one conversation of eight, authors on some
// agent turns) and benchScores scores (NA in about one score of ten, judge rationales on five criteria).
// It is deterministic.
func benchItems(n int) []Item {
	rng := rand.New(rand.NewPCG(1, 2))
	items := make([]Item, n)
	for i := range items {
		c := &transcript.Conversation{ID: fmt.Sprintf("c%011d", i), Channel: transcript.ChannelBot}
		timed := rng.IntN(8) != 0
		named := rng.IntN(5) == 0
		at := t0.Add(time.Duration(rng.IntN(86400*30)) * time.Second)
		c.Turns = make([]transcript.Turn, benchTurns)
		for j := range c.Turns {
			t := &c.Turns[j]
			switch {
			case j%2 == 0:
				t.Role, t.Text = transcript.RoleCustomer, sentence(rng, customerPhrases, 80+rng.IntN(200))
			case rng.IntN(12) == 0:
				t.Role, t.Text = transcript.RoleSystem, sentence(rng, systemPhrases, 1)
			case j < 6:
				t.Role, t.Text = transcript.RoleBot, sentence(rng, agentPhrases, 80+rng.IntN(200))
			default:
				t.Role, t.Text = transcript.RoleAgent, sentence(rng, agentPhrases, 80+rng.IntN(200))
				if named {
					t.Author = fmt.Sprintf("agent-%03d", rng.IntN(200))
				}
			}
			at = at.Add(time.Duration(5+rng.IntN(120))*time.Second + time.Duration(rng.IntN(1e6))*time.Microsecond)
			if timed {
				t.At = at
			}
		}
		it := Item{Conversation: c, Hash: fmt.Sprintf("%016x%016x%016x%016x", rng.Uint64(), rng.Uint64(), rng.Uint64(), rng.Uint64())}
		it.Scores = make([]Score, benchScores)
		for j := range it.Scores {
			s := Score{Criterion: criteria[j%len(criteria)], Kind: "heuristic"}
			lo, hi := 1.0, 5.0
			if j >= 9 && j < 14 {
				s.Kind = "judge"
				s.Rationale = sentence(rng, agentPhrases, 60)
				s.Evidence = fmt.Sprintf("[%d,%d]", rng.IntN(6), 6+rng.IntN(6))
			}
			if s.Criterion == "quality_index" {
				lo, hi, s.BuiltFrom = 0, 100, "resolution,efficiency,empathy,accuracy"
			}
			if rng.IntN(10) == 0 {
				s.NA, s.Value, s.Normalized = true, math.NaN(), math.NaN()
			} else {
				s.Value = lo + float64(rng.IntN(int(hi-lo)+1))
				s.Normalized = (s.Value - lo) / (hi - lo) * 100
				s.AutoFailed = rng.IntN(50) == 0
			}
			it.Scores[j] = s
		}
		items[i] = it
	}
	return items
}

// roundTripItems are conversations whose turns and scores cover every NULL and timestamp case.
func roundTripItems() []Item {
	stockholm := time.FixedZone("CET", 3600)
	c := &transcript.Conversation{ID: "c1", Channel: transcript.ChannelHuman, Turns: []transcript.Turn{
		{Role: transcript.RoleCustomer, Text: "hej", At: time.Date(2026, 11, 20, 11, 0, 0, 123456000, stockholm)},
		{Role: transcript.RoleAgent, Text: "Hello, how can I help?", At: t0.Add(time.Second), Author: "agent-007"},
		{Role: transcript.RoleSystem, Text: "Customer left the chat."}, // no timestamp, no author
		{Role: transcript.RoleAgent, Text: "ünïcödé ✓ and 'quotes'", At: time.Date(1999, 12, 31, 23, 59, 59, 999999000, time.UTC)},
	}}
	return []Item{
		{Conversation: c, Hash: "h1", Scores: []Score{
			{Criterion: "efficiency", Kind: "heuristic", Value: 4, Normalized: 75},
			{Criterion: "access_to_human", Kind: "heuristic", Value: math.NaN(), NA: true, Normalized: math.NaN()},
			{Criterion: "empathy", Kind: "judge", Value: 1, AutoFailed: true, Rationale: "rude", Evidence: "[1]"},
			{Criterion: "quality_index", Kind: "heuristic", Value: 37.5, Normalized: 37.5, BuiltFrom: "efficiency,empathy"},
		}},
		{Conversation: &transcript.Conversation{ID: "c2", Turns: []transcript.Turn{{Role: transcript.RoleBot, Text: "x"}}}, Hash: "h2"},
	}
}

func nullable[T any](v T, ok bool) sql.Null[T] { return sql.Null[T]{V: v, Valid: ok} }

func nullFloatOf(f float64) sql.Null[float64] {
	if math.IsNaN(f) {
		return sql.Null[float64]{}
	}
	return nullable(f, true)
}

// testRoundTrip writes items with the writers in one transaction and checks every stored value.
func testRoundTrip(t *testing.T, turns, scores tableWriter) {
	type turnRow struct {
		ID     string
		Index  int32
		Role   string
		Text   string
		At     sql.Null[time.Time]
		Author sql.Null[string]
	}
	type scoreRow struct {
		RunID, ID, Criterion, Kind string
		Value                      sql.Null[float64]
		NA                         bool
		Normalized                 sql.Null[float64]
		AutoFailed                 bool
		BuiltFrom                  sql.Null[string]
		Rationale, Evidence        sql.Null[string]
	}
	tests := []struct {
		name  string
		items []Item
	}{
		{"nulls and timestamps", roundTripItems()},
		{"generated batch", benchItems(40)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := t.Context()
			s, r := openRun(t, filepath.Join(t.TempDir(), "rt.duckdb"))
			t.Cleanup(func() { closeRun(t, s, r) })
			require.NoError(t, inTx(ctx, r, func() error {
				if err := turns(ctx, r, tt.items); err != nil {
					return err
				}
				return scores(ctx, r, tt.items)
			}))

			var wantTurns []turnRow
			var wantScores []scoreRow
			for _, it := range tt.items {
				for i, tn := range it.Conversation.Turns {
					wantTurns = append(wantTurns, turnRow{it.Conversation.ID, int32(i), string(tn.Role), tn.Text,
						nullable(tn.At.UTC().Truncate(time.Microsecond), !tn.At.IsZero()), nullable(tn.Author, tn.Author != "")})
				}
				for _, sc := range it.Scores {
					wantScores = append(wantScores, scoreRow{r.ID, it.Conversation.ID, sc.Criterion, sc.Kind,
						nullFloatOf(sc.Value), sc.NA, nullFloatOf(sc.Normalized), sc.AutoFailed,
						nullable(sc.BuiltFrom, sc.BuiltFrom != ""),
						nullable(sc.Rationale, sc.Rationale != ""), nullable(sc.Evidence, sc.Evidence != "")})
				}
			}

			rows, err := s.DB().QueryContext(ctx, `SELECT * FROM turns ORDER BY conversation_id, turn_index`)
			require.NoError(t, err)
			var gotTurns []turnRow
			for rows.Next() {
				var g turnRow
				require.NoError(t, rows.Scan(&g.ID, &g.Index, &g.Role, &g.Text, &g.At, &g.Author))
				if g.At.Valid {
					g.At.V = g.At.V.UTC()
				}
				gotTurns = append(gotTurns, g)
			}
			require.NoError(t, rows.Err())
			require.NoError(t, rows.Close())
			assert.Equal(t, wantTurns, gotTurns)

			rows, err = s.DB().QueryContext(ctx, `SELECT run_id, conversation_id, criterion, CASE WHEN judged THEN 'judge' ELSE 'heuristic' END, value, na,
				normalized, auto_failed, built_from, rationale, evidence FROM score_values ORDER BY conversation_id, rowid`)
			require.NoError(t, err)
			var gotScores []scoreRow
			for rows.Next() {
				var g scoreRow
				require.NoError(t, rows.Scan(&g.RunID, &g.ID, &g.Criterion, &g.Kind, &g.Value, &g.NA,
					&g.Normalized, &g.AutoFailed, &g.BuiltFrom, &g.Rationale, &g.Evidence))
				gotScores = append(gotScores, g)
			}
			require.NoError(t, rows.Err())
			require.NoError(t, rows.Close())
			assert.Equal(t, wantScores, gotScores)
		})
	}
}

func TestAppenderRoundTrip(t *testing.T) {
	testRoundTrip(t, appenderTurns, appenderScores)
}
