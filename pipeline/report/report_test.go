package report

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/pipeline/compare"
	"github.com/convqa/convqa/pipeline/stats"
	"github.com/convqa/convqa/pipeline/store"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// fixedNow is the "generated at" time of every report the tests render.
var fixedNow = time.Date(2026, 11, 26, 7, 0, 0, 0, time.UTC)

// hostileID sorts before the demo's ids, so among the bot's conversations with a quality index of 0 it is
// the first shown.
const hostileID = "#1 <script>alert(1)</script>"

func openDB(t testing.TB, path string) *sql.DB {
	t.Helper()
	st, err := store.Open(t.Context(), path, store.Options{ReadOnly: true})
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	return st.DB()
}

// shared is one database of three demo runs, built once for the tests that only read it.
var shared struct {
	path string
	rep  *Report
}

func sharedReport(t *testing.T) (*sql.DB, *Report) {
	t.Helper()
	if shared.rep == nil {
		dir, err := os.MkdirTemp("", "convqa-report")
		require.NoError(t, err)
		shared.path = filepath.Join(dir, "convqa.duckdb")
		src := demoDB(t, 3)
		require.NoError(t, os.Rename(src, shared.path))
		st, err := store.Open(t.Context(), shared.path, store.Options{ReadOnly: true})
		require.NoError(t, err)
		shared.rep, err = Build(t.Context(), st.DB(), Options{Now: fixedNow, Version: "test",
			Bootstrap: stats.BootstrapOptions{Resamples: 500, Seed: 1}})
		st.Close()
		require.NoError(t, err)
	}
	return openDB(t, shared.path), shared.rep
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.path != "" {
		os.RemoveAll(filepath.Dir(shared.path))
	}
	os.Exit(code)
}

func TestBuildMatchesStore(t *testing.T) {
	db, rep := sharedReport(t)
	ctx := t.Context()

	// The headline is compare's, not a recomputation.
	cmp, err := compare.Compare(ctx, db, compare.Options{Run: rep.Run.ID, Bootstrap: stats.BootstrapOptions{Resamples: 500, Seed: 1}})
	require.NoError(t, err)
	wantRows, err := json.Marshal(cmp.Rows)
	require.NoError(t, err)
	gotRows, err := json.Marshal(rep.Channel.Rows)
	require.NoError(t, err)
	assert.JSONEq(t, string(wantRows), string(gotRows))
	q := rep.Row(QualityIndex)
	require.NotNil(t, q)
	require.NotNil(t, q.Diff)
	assert.Equal(t, "topic", rep.ByTopic.By)
	assert.Equal(t, "language", rep.ByLanguage.By)

	// Access to a human agrees with the signals.
	var asked, got int
	require.NoError(t, db.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE asked_for_human = 1),
		count(*) FILTER (WHERE asked_for_human = 1 AND got_human = 1) FROM signals WHERE run_id = ?`, rep.Run.ID).Scan(&asked, &got))
	var sa, sg int
	for _, a := range rep.Access {
		sa += a.Asked
		sg += a.Got
		if a.Got > 0 {
			assert.False(t, math.IsNaN(a.MedianTurns), a.Channel)
			assert.Greater(t, a.MedianMinutes, 0.0, a.Channel)
		}
	}
	assert.Equal(t, asked, sa)
	assert.Equal(t, got, sg)
	assert.Greater(t, asked, got, "the demo has customers who asked and got nobody")

	f := rep.Funnel
	assert.Equal(t, f.Total, f.BotOnly+f.Escalated+f.Abandoned)
	assert.Equal(t, q.Bot.N+q.Bot.NA, f.Total)
	assert.Positive(t, f.Escalated)
	assert.Positive(t, f.Abandoned)

	// The trend covers the three runs, both channels, oldest first, this run last.
	runs := rep.TrendRuns()
	require.Len(t, runs, 3)
	assert.Equal(t, rep.Run.ID, runs[2].RunID)
	assert.True(t, runs[0].StartedAt.Before(runs[1].StartedAt))
	assert.Len(t, rep.Trend, 6)
	for _, p := range rep.Trend {
		assert.Less(t, p.Lo, p.Mean)
		assert.Greater(t, p.Hi, p.Mean)
	}

	// Worst conversations: five per channel, lowest first, each with the criterion that failed.
	byChannel := map[string][]Conversation{}
	for _, c := range rep.Worst {
		byChannel[c.Channel] = append(byChannel[c.Channel], c)
	}
	require.Len(t, byChannel["bot"], 5)
	require.Len(t, byChannel["human"], 5)
	for _, cs := range byChannel {
		for i, c := range cs {
			assert.NotEmpty(t, c.Failed.Name, c.ID)
			assert.NotEmpty(t, c.Turns, c.ID)
			if i > 0 {
				assert.LessOrEqual(t, cs[i-1].QualityIndex, c.QualityIndex)
			}
		}
	}
}

func TestWorstQuotesRedactedTurns(t *testing.T) {
	_, rep := sharedReport(t)
	var hostile *Conversation
	for i := range rep.Worst {
		if rep.Worst[i].ID == hostileID {
			hostile = &rep.Worst[i]
		}
	}
	require.NotNil(t, hostile, "the hostile conversation is among the worst of the bot")
	assert.Equal(t, 0.0, hostile.QualityIndex)
	assert.True(t, hostile.Failed.AutoFailed)
	assert.False(t, hostile.Evidence, "the judge was off")
	var all strings.Builder
	for _, tu := range hostile.Turns {
		all.WriteString(tu.Text + "\n")
	}
	assert.Contains(t, all.String(), "<script>alert(1)</script>", "the model keeps the text; escaping is the renderer's job")
	assert.NotContains(t, all.String(), "jane.doe@example.com")
	assert.NotContains(t, all.String(), "4111 1111 1111 1111")
	assert.Contains(t, all.String(), "[EMAIL_1]")
}

// sectionOrder is the order of the sections, as the issue asks for them.
var sectionOrder = []string{`id="headline"`, `id="criteria"`, `id="access"`, `id="trend"`, `id="by-topic"`,
	`id="by-language"`, `id="worst"`, `<footer>`}

func TestHTML(t *testing.T) {
	_, rep := sharedReport(t)
	var b bytes.Buffer
	require.NoError(t, rep.HTML(&b))
	page := b.String()

	t.Run("sections in order", func(t *testing.T) {
		last := -1
		for _, s := range sectionOrder {
			i := strings.Index(page, s)
			require.Positive(t, i, s)
			assert.Greater(t, i, last, s)
			last = i
		}
	})
	t.Run("transcript text escaped", func(t *testing.T) {
		lower := strings.ToLower(page)
		assert.NotContains(t, lower, "<script")
		assert.NotContains(t, lower, "<img")
		assert.NotContains(t, lower, "</li></ol><")
		assert.Contains(t, page, "&lt;script&gt;alert(1)&lt;/script&gt;")
		assert.Contains(t, page, "&lt;img src=x onerror=alert(2)&gt;")
		assert.NotContains(t, page, "jane.doe@example.com")
	})
	t.Run("self-contained", func(t *testing.T) {
		for _, re := range []string{`(?i)<link`, `(?i)<[^>]*\s(src|href)=`, `(?i)url\(`, `(?i)@import`, `(?i)@font-face`} {
			assert.NotRegexp(t, regexp.MustCompile(re), page)
		}
		assert.Contains(t, page, "default-src 'none'", "a content security policy forbids any fetch or script")
		assert.Contains(t, page, "@media print")
		assert.Contains(t, page, `name="viewport"`)
	})
	t.Run("charts drawn", func(t *testing.T) {
		assert.Equal(t, 11, strings.Count(page, "<svg"), "headline, criteria, trend, topic and language in two layouts, the funnel")
		assert.Greater(t, strings.Count(page, `<circle class="dot bot"`), 20)
		assert.Greater(t, strings.Count(page, `<rect class="dot human"`), 20)
		assert.Greater(t, strings.Count(page, `<line class="whisker`), 40)
		assert.Equal(t, 4, strings.Count(page, "<polyline"), "a trend line per channel and layout")
	})
	t.Run("footer", func(t *testing.T) {
		footer := page[strings.Index(page, "<footer>"):]
		assert.Contains(t, footer, rep.Run.RubricHash)
		assert.Contains(t, footer, "judge off")
		assert.Contains(t, footer, rep.Run.ID)
		assert.Contains(t, footer, "0 records quarantined")
	})
}

var runIDs = regexp.MustCompile(`\d{8}T\d{6}Z-[0-9a-f]{6}`)

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	got = runIDs.ReplaceAll(got, []byte("RUN_ID"))
	p := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(p, got, 0o644))
		return
	}
	want, err := os.ReadFile(p)
	require.NoError(t, err, "missing golden file: go test ./pipeline/report -update")
	assert.Equal(t, string(want), string(got), "output changed; if on purpose: go test ./pipeline/report -update")
}

func TestMarkdownGolden(t *testing.T) {
	_, rep := sharedReport(t)
	var b bytes.Buffer
	require.NoError(t, rep.Markdown(&b))
	md := b.String()
	assert.NotContains(t, md, "<script", "markup in transcripts is escaped")
	assert.NotContains(t, md, "](http", "no links from transcripts")
	assert.Contains(t, md, "| criterion |")
	golden(t, "report.md", b.Bytes())
}

func TestBuildUnknownRun(t *testing.T) {
	db, _ := sharedReport(t)
	_, err := Build(t.Context(), db, Options{Run: "no-such-run"})
	require.ErrorIs(t, err, store.ErrNoRun)
}

func TestWorstQuotesJudgeEvidence(t *testing.T) {
	path := demoDB(t, 1)
	st, err := store.Open(t.Context(), path, store.Options{})
	require.NoError(t, err)
	// A judge verdict as the judge stores it: the lowest score of the conversation, a rationale and the
	// 1-based turns it cites (one out of range, which is ignored).
	_, err = st.DB().ExecContext(t.Context(), `
		INSERT INTO score_values (run_id, conversation_id, criterion, judged, value, na, normalized, auto_failed,
		                          rationale, evidence)
		SELECT run_id, conversation_id, 'resolution', true, 1, false, 0, true,
		       'The bot <b>refused</b> a person twice.', '[2, 4, 99]'
		FROM scores WHERE conversation_id = ? AND criterion = 'quality_index'`, hostileID)
	require.NoError(t, err)
	require.NoError(t, st.Close())

	rep, err := Build(t.Context(), openDB(t, path), Options{Bootstrap: stats.BootstrapOptions{Resamples: 200}})
	require.NoError(t, err)
	var c *Conversation
	for i := range rep.Worst {
		if rep.Worst[i].ID == hostileID {
			c = &rep.Worst[i]
		}
	}
	require.NotNil(t, c)
	assert.Equal(t, "resolution", c.Failed.Name, "of two auto-failed criteria at the bottom of their scale, the one with evidence")
	assert.Equal(t, "The bot <b>refused</b> a person twice.", c.Rationale)
	assert.True(t, c.Evidence)
	require.Len(t, c.Turns, 2)
	assert.Equal(t, 2, c.Turns[0].Number)
	assert.Equal(t, 4, c.Turns[1].Number)
	assert.Contains(t, c.Turns[1].Text, "[CARD_1]", "evidence is redacted too")

	var b bytes.Buffer
	require.NoError(t, rep.HTML(&b))
	assert.Contains(t, b.String(), "The bot &lt;b&gt;refused&lt;/b&gt; a person twice.")
	assert.Contains(t, b.String(), "Turns cited by the judge.")
}
