package main

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/pipeline/heuristics"
	"github.com/convqa/convqa/rubrics"
)

func TestMedian(t *testing.T) {
	for _, tc := range []struct {
		in   []float64
		want float64
	}{
		{[]float64{3}, 3},
		{[]float64{3, 1, 2}, 2},
		{[]float64{4, 1, 3, 2}, 2.5},
	} {
		var ms []measure
		for _, v := range tc.in {
			ms = append(ms, measure{wall: v})
		}
		assert.Equal(t, tc.want, median(ms, func(m measure) float64 { return m.wall }), "%v", tc.in)
	}
}

func TestFirstLines(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "in.jsonl")
	for _, tc := range []struct {
		name, in string
		n        int
		want     string
	}{
		{"fewer", "a\nb\nc\n", 2, "a\nb\n"},
		{"all", "a\nb\n", 5, "a\nb\n"},
		{"no final newline", "a\nb", 5, "a\nb\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.NoError(t, os.WriteFile(src, []byte(tc.in), 0o644))
			dst := filepath.Join(dir, tc.name+".jsonl")
			require.NoError(t, firstLines(src, dst, tc.n))
			got, err := os.ReadFile(dst)
			require.NoError(t, err)
			assert.Equal(t, tc.want, string(got))
		})
	}
}

func TestPromptfooInputs(t *testing.T) {
	dir := t.TempDir()
	corpus := filepath.Join(dir, "c.jsonl")
	require.NoError(t, os.WriteFile(corpus, []byte(
		`{"id":"c-1","turns":[{"role":"customer","text":"My card 4539 1488 0343 6467 was charged twice"},{"role":"bot","text":"SupportBot here: refund is on its way."}]}`+"\n"), 0o644))
	r, err := rubrics.Shipped(rubrics.Default, rubrics.Options{Scorers: heuristics.Scorers()})
	require.NoError(t, err)
	pf := &promptfoo{dir: dir, tests: filepath.Join(dir, "tests.jsonl"), config: filepath.Join(dir, "promptfooconfig.yaml"),
		criteria: r.Kinds(rubrics.KindJudge), model: "gpt-4.1-mini", concurrency: 32}

	pf.convs, err = writeTests(corpus, pf.tests, pf.criteria, r.BotNames)
	require.NoError(t, err)
	assert.Equal(t, 1, pf.convs)
	tests, err := os.ReadFile(pf.tests)
	require.NoError(t, err)
	assert.Contains(t, string(tests), `[1] Customer: My card [CARD_1] was charged twice\n[2] Agent: `, "the transcript as convqa's judge sees it")
	assert.NotContains(t, string(tests), "4539")
	assert.NotContains(t, string(tests), "SupportBot")

	require.NoError(t, pf.writeConfig("http://127.0.0.1:1234/v1"))
	cfg, err := os.ReadFile(pf.config)
	require.NoError(t, err)
	for _, want := range []string{`id: "openai:chat:gpt-4.1-mini"`, `apiBaseUrl: "http://127.0.0.1:1234/v1"`,
		`- echo`, `tests: "file://tests.jsonl"`, "maxConcurrency: 32",
		`value: "Was the customer's issue resolved, or were they given a concrete, correct next step?"`} {
		assert.Contains(t, string(cfg), want)
	}
	assert.Equal(t, len(pf.criteria), strings.Count(string(cfg), "type: llm-rubric"), "one assertion per judge criterion")
}

func TestSinkCatchesProxiedRequests(t *testing.T) {
	s, err := newSink()
	require.NoError(t, err)
	defer s.close()
	proxy, err := url.Parse(s.url())
	require.NoError(t, err)
	c := &http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(proxy)}}
	for _, u := range []string{"http://r.example.invalid/x", "https://r.example.invalid/y"} {
		resp, err := c.Get(u)
		if err == nil {
			resp.Body.Close()
			assert.Equal(t, http.StatusForbidden, resp.StatusCode)
		}
	}
	assert.Equal(t, map[string]int{"r.example.invalid": 1, "r.example.invalid:443": 1}, s.take())
	assert.Empty(t, s.take())
}
