package judge

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/pipeline/judge/fake"
	"github.com/convqa/convqa/pipeline/transcript"
	"github.com/convqa/convqa/rubrics"
)

// judgeAll judges every conversation from its own goroutine; the client bounds the calls in flight.
func judgeAll(c *Client, ctx testing.TB, convs []*transcript.Conversation, r *rubrics.Rubric) []error {
	errs := make([]error, len(convs))
	var wg sync.WaitGroup
	for i, cv := range convs {
		wg.Go(func() { _, errs[i] = c.Judge(ctx.Context(), cv, r, 0) })
	}
	wg.Wait()
	return errs
}

// TestFlakyServer is the acceptance scenario in small: a server answering 429 to a fifth of the
// requests and 500 to a tenth; every conversation is judged, concurrently.
func TestFlakyServer(t *testing.T) {
	r := supportRubric(t)
	c, srv := newClient(t, fake.Options{TooMany: 0.2, ServerError: 0.1, RetryAfter: "0.01", Latency: time.Millisecond},
		Options{Concurrency: 16})
	var convs []*transcript.Conversation
	for i := range 300 {
		convs = append(convs, sampleConv(i))
	}
	for i, err := range judgeAll(c, t, convs, r) {
		require.NoError(t, err, i)
	}
	st := c.Stats()
	assert.Equal(t, 300, st.Succeeded)
	assert.Equal(t, srv.Chats(), st.Attempts)
	assert.InDelta(t, 0.3, 1-300/float64(srv.Chats()), 0.05, "share of failed attempts")
}

// BenchmarkThroughput judges 400 conversations against the fake at 0.2 s per call with 32 calls in flight:
// 160 calls/s is the ceiling that latency and concurrency allow, and the target is 90% of it.
func BenchmarkThroughput(b *testing.B) {
	r := supportRubric(b)
	c, _ := newClient(b, fake.Options{Latency: 200 * time.Millisecond}, Options{Concurrency: 32})
	var convs []*transcript.Conversation
	for i := range 400 {
		convs = append(convs, sampleConv(i))
	}
	b.ResetTimer()
	var total time.Duration
	for range b.N {
		start := time.Now()
		for _, err := range judgeAll(c, b, convs, r) {
			if err != nil {
				b.Fatal(err)
			}
		}
		total += time.Since(start)
	}
	rate := float64(b.N*len(convs)) / total.Seconds()
	b.ReportMetric(rate, "calls/s")
	b.ReportMetric(100*rate/160, "%of160")
	if testing.Verbose() {
		fmt.Printf("%.1f calls/s (%.1f%% of 160)\n", rate, 100*rate/160)
	}
}

// BenchmarkRequests times building the request of one conversation: redaction, masking, rendering and the
// cache key; it is what a fully cached nightly run pays per conversation.
func BenchmarkRequests(b *testing.B) {
	r := supportRubric(b)
	c, err := New(Options{Model: "gpt-4o-mini"})
	require.NoError(b, err)
	cv := goldenConv()
	b.ReportAllocs()
	for b.Loop() {
		if len(c.Requests(cv, r, 0)) != 1 {
			b.Fatal("want one request")
		}
	}
}
