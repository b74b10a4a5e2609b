package judge

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/pipeline/judge/fake"
)

func TestBatchRoundTrip(t *testing.T) {
	r := supportRubric(t)
	planner, err := New(Options{Model: "gpt-4o-mini"})
	require.NoError(t, err)
	var reqs []Request
	for i := range 12 {
		reqs = append(reqs, planner.Requests(sampleConv(i), r, 0)...)
	}
	// Two lines fail at the provider and one answers out of range; the rest are judged.
	bad := map[string]fake.Fault{reqs[3].Key: fake.ServerError, reqs[5].Key: fake.TooMany, reqs[8].Key: fake.OutOfRange}
	c2, srv2 := newClient(t, fake.Options{BatchPolls: 2, BatchFault: func(id string) fake.Fault { return bad[id] }}, Options{})

	id, err := c2.SubmitBatch(t.Context(), append(reqs, reqs[0])) // a duplicate is sent once
	require.NoError(t, err)
	require.NotEmpty(t, id)
	assert.Zero(t, srv2.Chats(), "a batch makes no chat calls")

	for poll := 1; poll <= 2; poll++ {
		b, err := c2.Collect(t.Context(), id, reqs)
		require.NoError(t, err)
		assert.False(t, b.Done, poll)
		assert.Equal(t, "in_progress", b.State)
		assert.Empty(t, b.Results)
	}
	b, err := c2.Collect(t.Context(), id, reqs)
	require.NoError(t, err)
	assert.True(t, b.Done)
	assert.Equal(t, BatchCompleted, b.State)
	assert.Equal(t, 12, b.Total)
	assert.Len(t, b.Results, 9)
	require.Len(t, b.Failed, 3)
	assert.Contains(t, b.Failed[reqs[3].Key], "server_error")
	assert.Contains(t, b.Failed[reqs[5].Key], "HTTP 429")
	assert.Contains(t, b.Failed[reqs[8].Key], "score")
	for _, rq := range reqs {
		if _, failed := bad[rq.Key]; failed {
			continue
		}
		res := b.Results[rq.Key]
		assert.Equal(t, rq.ConversationID, res.ConversationID)
		assert.Len(t, res.Verdicts, 4)
		assert.Positive(t, res.Cost)
		assert.InDelta(t, DefaultPrices["gpt-4o-mini"].Cost(res.Usage)/2, res.Cost, 1e-12, "half price")
	}

	// The uploaded file: one line per distinct request, custom_id = key, purpose batch.
	var upload []byte
	for _, l := range srv2.Requests() {
		if l.Method == "POST" && l.Path == "/v1/files" {
			upload = l.Body
		}
		assert.NotContains(t, string(l.Body), testKey)
	}
	require.NotNil(t, upload)
	assert.Contains(t, string(upload), `name="purpose"`)
	assert.Contains(t, string(upload), "\r\n\r\nbatch\r\n")
	for _, rq := range reqs {
		assert.Contains(t, string(upload), `"custom_id":"`+rq.Key+`"`)
	}

	// Retrying the failed ones: collecting only them from the same finished batch still says they failed,
	// and a request the batch never held is reported missing.
	extra := c2.Requests(sampleConv(99), r, 0)
	b, err = c2.Collect(t.Context(), id, append([]Request{reqs[3]}, extra...))
	require.NoError(t, err)
	assert.Len(t, b.Failed, 2)
	assert.Contains(t, b.Failed[extra[0].Key], "no reply")
	assert.Equal(t, 11, b.Unknown)
}

func TestBatchErrors(t *testing.T) {
	c, _ := newClient(t, fake.Options{}, Options{MaxRetries: -1})
	_, err := c.SubmitBatch(t.Context(), nil)
	assert.ErrorContains(t, err, "no requests")
	_, err = c.Collect(t.Context(), "batch-nope", nil)
	var se *StatusError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, 404, se.StatusCode)

	pricey, _ := newClient(t, fake.Options{}, Options{Model: "pricey", MaxCost: 0.01,
		Prices: map[string]Price{"pricey": {Input: 1000, Output: 1000}}})
	_, err = pricey.SubmitBatch(t.Context(), pricey.Requests(sampleConv(1), supportRubric(t), 0))
	assert.ErrorIs(t, err, ErrBudget)
}
