package gate

import (
	"bufio"
	"bytes"
	"database/sql"
	"encoding/json"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/datasets"
	"github.com/convqa/convqa/pipeline"
	"github.com/convqa/convqa/pipeline/heuristics"
	"github.com/convqa/convqa/pipeline/stats"
	"github.com/convqa/convqa/pipeline/store"
	"github.com/convqa/convqa/rubrics"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// brokenText is what the broken candidate bot answers to everything.
const brokenText = "Sorry, I didn't understand."

// writeCorpus writes the demo corpus to path with every conversation passed through edit.
func writeCorpus(t testing.TB, path string, edit func(map[string]any)) {
	t.Helper()
	rc, err := datasets.Demo()
	require.NoError(t, err)
	defer rc.Close()
	out, err := os.Create(path)
	require.NoError(t, err)
	defer out.Close()
	w := bufio.NewWriter(out)
	sc := bufio.NewScanner(rc)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var c map[string]any
		require.NoError(t, json.Unmarshal(sc.Bytes(), &c))
		edit(c)
		b, err := json.Marshal(c)
		require.NoError(t, err)
		w.Write(append(b, '\n'))
	}
	require.NoError(t, sc.Err())
	require.NoError(t, w.Flush())
}

// breakBot makes the bot answer everything with brokenText.
func breakBot(c map[string]any) {
	for _, tu := range c["turns"].([]any) {
		if m := tu.(map[string]any); m["role"] == "bot" {
			m["text"] = brokenText
		}
	}
}

func score(t testing.TB, db, name string, src pipeline.Source) {
	t.Helper()
	r, err := rubrics.Load(rubrics.Default, rubrics.Options{Scorers: heuristics.Scorers()})
	require.NoError(t, err)
	_, err = pipeline.Run(t.Context(), pipeline.Config{DB: db, Rubric: r, Name: name, Sources: []pipeline.Source{src}, Workers: 2})
	require.NoError(t, err)
}

func demoSource() pipeline.Source {
	return pipeline.DemoSource()
}

var shared struct{ path string }

// gateDB is one database with the runs the tests compare: base and same (the demo corpus scored twice),
// renamed (the demo with other ids: a different suite of the same bot) and broken (the demo with every
// bot answer replaced by brokenText).
func gateDB(t *testing.T) *sql.DB {
	t.Helper()
	if shared.path == "" {
		dir, err := os.MkdirTemp("", "convqa-gate")
		require.NoError(t, err)
		db := filepath.Join(dir, "convqa.duckdb")
		score(t, db, "base", demoSource())
		score(t, db, "same", demoSource())
		renamed := filepath.Join(dir, "renamed.jsonl")
		writeCorpus(t, renamed, func(c map[string]any) { c["id"] = "v2/" + c["id"].(string) })
		score(t, db, "renamed", pipeline.Source{Path: renamed})
		broken := filepath.Join(dir, "broken.jsonl")
		writeCorpus(t, broken, breakBot)
		score(t, db, "broken", pipeline.Source{Path: broken})
		shared.path = db
	}
	st, err := store.Open(t.Context(), shared.path, store.Options{ReadOnly: true})
	require.NoError(t, err)
	t.Cleanup(func() { st.Close() })
	return st.DB()
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.path != "" {
		os.RemoveAll(filepath.Dir(shared.path))
	}
	os.Exit(code)
}

func TestUnchangedBotNeverFails(t *testing.T) {
	db := gateDB(t)
	for _, tc := range []struct {
		name, base, cand string
		paired           bool
		want             []Verdict
	}{
		{"same run twice", "base", "base", true, []Verdict{Pass}},
		{"same suite scored twice", "base", "same", true, []Verdict{Pass}},
		{"another suite of the same bot", "base", "renamed", false, []Verdict{Pass, Inconclusive}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for seed := range uint64(5) {
				res, err := Evaluate(t.Context(), db, Options{Baseline: tc.base, Candidate: tc.cand, Bootstrap: stats.BootstrapOptions{Seed: seed}})
				require.NoError(t, err)
				assert.Equal(t, tc.paired, res.Paired)
				assert.Contains(t, tc.want, res.Verdict, "seed %d: %s", seed, res.Summary())
				assert.Zero(t, res.Count(Fail))
				assert.Equal(t, "quality_index", res.Checks[0].Criterion)
				if tc.paired {
					for _, c := range res.Checks {
						assert.Equal(t, 0.0, float64(c.Diff.Estimate), c.Criterion)
					}
				}
			}
		})
	}
}

func TestBrokenBotAlwaysFails(t *testing.T) {
	db := gateDB(t)
	for seed := range uint64(5) {
		res, err := Evaluate(t.Context(), db, Options{Baseline: "base", Candidate: "broken", Bootstrap: stats.BootstrapOptions{Seed: seed}})
		require.NoError(t, err)
		assert.True(t, res.Paired)
		assert.Equal(t, 1.0, res.SharedShare)
		assert.Equal(t, Fail, res.Verdict, res.Summary())
		q := res.Checks[0]
		require.Equal(t, "quality_index", q.Criterion)
		assert.Equal(t, Fail, q.Verdict, q.Reason)
		assert.Less(t, float64(q.Diff.Hi), -10.0, "a bot that understands nothing loses far more than the tolerance")
		assert.Contains(t, res.Names(Fail), "bot_competence")
	}
	// Unpaired (all channels, a policy that never pairs), the regression is still confident.
	res, err := Evaluate(t.Context(), db, Options{Baseline: "renamed", Candidate: "broken", Policy: Policy{PairedShare: 1}})
	require.NoError(t, err)
	assert.False(t, res.Paired)
	assert.Equal(t, Fail, res.Verdict)
}

func TestPolicyApplies(t *testing.T) {
	db := gateDB(t)
	res, err := Evaluate(t.Context(), db, Options{Baseline: "base", Candidate: "broken",
		Policy: Policy{Criteria: []string{"quality_index", "no_such_criterion"}, Tolerance: map[string]float64{"quality_index": 100},
			Channels: []string{"bot", "human"}}})
	require.NoError(t, err)
	require.Len(t, res.Checks, 2)
	assert.Equal(t, Pass, res.Checks[0].Verdict, "a tolerance of the whole scale forgives anything")
	assert.Equal(t, Inconclusive, res.Checks[1].Verdict)
	assert.Equal(t, "not scored in both runs", res.Checks[1].Reason)
	assert.Equal(t, Inconclusive, res.Verdict)

	res, err = Evaluate(t.Context(), db, Options{Baseline: "base", Candidate: "same", Policy: Policy{MinN: 100000}})
	require.NoError(t, err)
	assert.Equal(t, Skipped, res.Checks[0].Verdict)
	assert.Equal(t, Inconclusive, res.Verdict, "nothing could be judged")

	res, err = Evaluate(t.Context(), db, Options{Baseline: "base", Candidate: "same", Policy: Policy{Channels: []string{"human"}}})
	require.NoError(t, err)
	assert.NotContains(t, res.Names(Pass), "bot_competence", "a bot-only criterion has no human scores")

	_, err = Evaluate(t.Context(), db, Options{Baseline: "nope", Candidate: "same"})
	require.ErrorIs(t, err, store.ErrNoRun)
	assert.Contains(t, err.Error(), "baseline")
}

func TestJudge(t *testing.T) {
	seq := func(n int, f func(i int) float64) []float64 {
		out := make([]float64, n)
		for i := range out {
			out[i] = f(i)
		}
		return out
	}
	base := seq(100, func(i int) float64 { return float64(1 + i%5) })
	for _, tc := range []struct {
		name   string
		cand   []float64
		paired bool
		want   Verdict
	}{
		{"identical, paired", base, true, Pass},
		{"one point worse, paired", seq(100, func(i int) float64 { return base[i] - 1 }), true, Fail},
		{"a hair worse, paired", seq(100, func(i int) float64 { return base[i] - 0.05 }), true, Pass},
		{"tenth of the pairs much worse", seq(100, func(i int) float64 { return base[i] - float64(map[bool]int{true: 2}[i%10 == 0]) }), true, Inconclusive},
		{"identical, unpaired", base, false, Inconclusive},
		{"two points worse, unpaired", seq(100, func(i int) float64 { return base[i] - 2 }), false, Fail},
		{"too few", base[:10], false, Skipped},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ch := Check{Criterion: "x", Baseline: Side{N: len(base)}, Candidate: Side{N: len(tc.cand)}, Tolerance: 0.1, Paired: tc.paired}
			b := base
			if tc.paired {
				b = base[:len(tc.cand)]
			}
			judge(&ch, b, tc.cand, Policy{}.Defaults(), stats.BootstrapOptions{Seed: 1})
			assert.Equal(t, tc.want, ch.Verdict, ch.Reason)
		})
	}
}

var runIDs = regexp.MustCompile(`\d{8}T\d{6}Z-[0-9a-f]{6}`)

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	got = runIDs.ReplaceAll(got, []byte("RUN_ID"))
	got = regexp.MustCompile(`"(started_at|finished_at)": "[^"]*"`).ReplaceAll(got, []byte(`"$1": "TIME"`))
	p := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(p, got, 0o644))
		return
	}
	want, err := os.ReadFile(p)
	require.NoError(t, err, "missing golden file: go test ./pipeline/gate -update")
	assert.Equal(t, string(want), string(got), "output changed; if on purpose: go test ./pipeline/gate -update")
}

func TestOutputs(t *testing.T) {
	db := gateDB(t)
	res, err := Evaluate(t.Context(), db, Options{Baseline: "base", Candidate: "broken"})
	require.NoError(t, err)
	for _, tc := range []struct {
		file  string
		write func(io.Writer) error
	}{
		{"broken.txt", res.WriteText},
		{"broken.md", res.WriteMarkdown},
		{"broken.json", res.WriteJSON},
		{"broken.junit.xml", func(w io.Writer) error { return res.WriteJUnit(w, false) }},
	} {
		var b bytes.Buffer
		require.NoError(t, tc.write(&b))
		golden(t, tc.file, b.Bytes())
	}

	var b bytes.Buffer
	require.NoError(t, res.WriteJUnit(&b, false))
	var doc junitSuites
	require.NoError(t, xml.Unmarshal(b.Bytes(), &doc))
	assert.Equal(t, res.Count(Fail), doc.Failures)
	require.Len(t, doc.Suites, 1)
	assert.Len(t, doc.Suites[0].Cases, len(res.Checks))
	qi := doc.Suites[0].Cases[0]
	assert.Equal(t, "quality_index", qi.Name)
	require.NotNil(t, qi.Failure)
	assert.Equal(t, "regression", qi.Failure.Type)

	// Strict turns inconclusive criteria into failures.
	same, err := Evaluate(t.Context(), db, Options{Baseline: "base", Candidate: "renamed"})
	require.NoError(t, err)
	b.Reset()
	require.NoError(t, same.WriteJUnit(&b, true))
	require.NoError(t, xml.Unmarshal(b.Bytes(), &doc))
	assert.Equal(t, same.Count(Inconclusive), doc.Failures)
}
