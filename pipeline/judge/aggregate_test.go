package judge

import (
	"math"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/pipeline/judge/fake"
	"github.com/convqa/convqa/pipeline/score"
)

func TestAggregate(t *testing.T) {
	na := score.Verdict{Value: math.NaN(), NA: true, Rationale: "n/a"}
	s := func(v float64) score.Verdict { return score.Verdict{Value: v, Rationale: "r", Evidence: []int{int(v)}} }
	tests := []struct {
		name    string
		samples []score.Verdict
		want    float64 // NaN for n/a
		spread  float64
		flagged bool
		evid    []int
	}{
		{"one sample", []score.Verdict{s(4)}, 4, 0, false, []int{4}},
		{"odd median", []score.Verdict{s(5), s(3), s(4)}, 4, 2, true, []int{4}},
		{"even median", []score.Verdict{s(2), s(3), s(3), s(4)}, 3, 2, true, []int{3}},
		{"even median between", []score.Verdict{s(3), s(4)}, 3.5, 1, false, []int{3}},
		{"agreement", []score.Verdict{s(5), s(5), s(5)}, 5, 0, false, []int{5}},
		{"mostly n/a", []score.Verdict{na, na, s(3)}, math.NaN(), 0, true, nil},
		{"half n/a is n/a", []score.Verdict{na, s(3)}, math.NaN(), 0, true, nil},
		{"one n/a of three", []score.Verdict{s(2), na, s(4)}, 3, 2, true, []int{2}},
		{"all n/a", []score.Verdict{na, na}, math.NaN(), math.NaN(), false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var results []Result
			for _, v := range tt.samples {
				results = append(results, Result{Verdicts: map[string]score.Verdict{"x": v}})
			}
			got, spreads := Aggregate(results)
			v, sp := got["x"], spreads["x"]
			if math.IsNaN(tt.want) {
				assert.True(t, v.NA)
				assert.True(t, math.IsNaN(v.Value))
			} else {
				assert.False(t, v.NA)
				assert.Equal(t, tt.want, v.Value)
				assert.Equal(t, tt.evid, v.Evidence)
			}
			if math.IsNaN(tt.spread) {
				assert.True(t, math.IsNaN(sp.Spread))
			} else {
				assert.Equal(t, tt.spread, sp.Spread)
			}
			assert.Equal(t, tt.flagged, sp.Flagged)
			assert.Equal(t, len(tt.samples), sp.Samples)
		})
	}
}

// TestSamples judges one conversation three times (seeds differ by sample index, and so do the fake's scores)
// and aggregates.
func TestSamples(t *testing.T) {
	r := supportRubric(t)
	c, srv := newClient(t, fake.Options{}, Options{Temperature: 0.7})
	var results []Result
	keys := map[string]bool{}
	for s := range 3 {
		res, err := c.Judge(t.Context(), sampleConv(7), r, s)
		require.NoError(t, err)
		results = append(results, res)
		keys[res.Key] = true
	}
	assert.Len(t, keys, 3, "a key per sample")
	assert.Equal(t, 3, srv.Chats())
	v, sp := Aggregate(results)
	require.Len(t, v, 4)
	for id, x := range v {
		assert.False(t, x.NA)
		assert.Equal(t, sp[id].Max-sp[id].Min, sp[id].Spread)
		assert.Equal(t, sp[id].Spread >= 2, sp[id].Flagged)
	}
}

func TestEstimate(t *testing.T) {
	r := supportRubric(t)
	c, err := New(Options{Model: "gpt-4o-mini"})
	require.NoError(t, err)
	var reqs []Request
	for i := range 10 {
		reqs = append(reqs, c.Requests(sampleConv(i), r, 0)...)
	}
	e := c.Estimate(reqs...)
	assert.Equal(t, 10, e.Calls)
	assert.True(t, e.PriceKnown)
	assert.Equal(t, int64(10*4*completionTokensPerCriterion), e.CompletionTokens)
	// Within 25% of what the fake counts (bytes/4 of the messages and the schema).
	srv := fake.New(fake.Options{})
	c2, err := New(Options{Model: "gpt-4o-mini", BaseURL: srv.Start(t)})
	require.NoError(t, err)
	var used Usage
	for _, rq := range reqs {
		res, err := c2.Send(t.Context(), rq)
		require.NoError(t, err)
		used.add(res.Usage)
	}
	assert.InEpsilon(t, float64(used.PromptTokens), float64(e.PromptTokens), 0.25)
	assert.InDelta(t, DefaultPrices["gpt-4o-mini"].Cost(Usage{PromptTokens: int(e.PromptTokens), CompletionTokens: int(e.CompletionTokens)}), e.Cost, 1e-9)
	var sum Estimate
	sum.Add(c.Estimate(reqs[:4]...))
	sum.Add(c.Estimate(reqs[4:]...))
	assert.Equal(t, e.Calls, sum.Calls)
	assert.InDelta(t, e.Cost, sum.Cost, 1e-12)

	local, err := New(Options{Model: "llama3.1:8b", BaseURL: "http://localhost:11434/v1"})
	require.NoError(t, err)
	le := local.Estimate(reqs...)
	assert.False(t, le.PriceKnown)
	assert.Zero(t, le.Cost)
}

func TestPrices(t *testing.T) {
	p, ok := lookupPrice(DefaultPrices, "gpt-4o-2024-08-06")
	assert.True(t, ok)
	assert.Equal(t, DefaultPrices["gpt-4o"], p)
	_, ok = lookupPrice(DefaultPrices, "llama3")
	assert.False(t, ok)
	u := Usage{PromptTokens: 1_000_000, CachedTokens: 400_000, CompletionTokens: 100_000}
	assert.InDelta(t, 0.6*2.5+0.4*1.25+0.1*10, DefaultPrices["gpt-4o"].Cost(u), 1e-9)
	assert.InDelta(t, 1.4*1+0.1*2, Price{Input: 1, Output: 2}.Cost(Usage{PromptTokens: 1_400_000, CompletionTokens: 100_000, CachedTokens: 5}), 1e-9)
	c, err := New(Options{Model: "gpt-4o", Prices: map[string]Price{"gpt-4o": {Input: 1, Output: 1}}})
	require.NoError(t, err)
	assert.Equal(t, Price{Input: 1, Output: 1}, c.price, "the config overrides the default table")
}

func TestRetryAfterHeader(t *testing.T) {
	tests := []struct {
		h    map[string]string
		want float64 // seconds
	}{
		{map[string]string{"Retry-After": "2"}, 2},
		{map[string]string{"Retry-After": "0.25"}, 0.25},
		{map[string]string{"Retry-After": "soon"}, 0},
		{map[string]string{"Retry-After": "-3"}, 0},
		{map[string]string{"retry-after-ms": "150", "Retry-After": "9"}, 0.15},
		{map[string]string{}, 0},
	}
	for _, tt := range tests {
		h := http.Header{}
		for k, v := range tt.h {
			h.Set(k, v)
		}
		assert.InDelta(t, tt.want, retryAfter(h).Seconds(), 1e-9, tt.h)
	}
}
