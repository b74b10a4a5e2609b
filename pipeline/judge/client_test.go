package judge

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/pipeline/judge/fake"
	"github.com/convqa/convqa/pipeline/transcript"
	"github.com/convqa/convqa/rubrics"
)

func TestJudge(t *testing.T) {
	r := supportRubric(t)
	c, srv := newClient(t, fake.Options{}, Options{})
	res, err := c.Judge(t.Context(), sampleConv(1), r, 0)
	require.NoError(t, err)
	require.Len(t, res.Verdicts, 4)
	for _, cr := range r.Kinds(rubrics.KindJudge) {
		v := res.Verdicts[cr.ID]
		assert.False(t, v.NA)
		assert.True(t, v.Value >= 1 && v.Value <= 5, cr.ID)
		assert.Equal(t, []int{1}, v.Evidence)
		assert.NotEmpty(t, v.Rationale)
	}
	assert.Equal(t, 1, res.Attempts)
	assert.Positive(t, res.Usage.PromptTokens)
	assert.Positive(t, res.Usage.CompletionTokens)
	assert.InDelta(t, DefaultPrices["gpt-4o-mini"].Cost(res.Usage), res.Cost, 1e-12)
	assert.Positive(t, res.Cost)
	assert.Len(t, res.Key, 64)
	assert.Equal(t, c.Requests(sampleConv(1), r, 0)[0].Key, res.Key)
	assert.Contains(t, res.Raw, `"resolution"`)
	assert.Positive(t, res.Latency)

	// The request carries a strict json_schema response format and a near-zero temperature.
	logged := srv.Requests()
	require.Len(t, logged, 1)
	var body map[string]any
	require.NoError(t, json.Unmarshal(logged[0].Body, &body))
	rf := body["response_format"].(map[string]any)
	assert.Equal(t, "json_schema", rf["type"])
	assert.Equal(t, true, rf["json_schema"].(map[string]any)["strict"])
	assert.Less(t, body["temperature"].(float64), 1e-3)
	assert.Equal(t, "Bearer "+testKey, logged[0].Auth)

	st := c.Stats()
	assert.Equal(t, 1, st.Requests)
	assert.Equal(t, 1, st.Succeeded)
	assert.InDelta(t, res.Cost, c.Spent(), 1e-12)
}

func TestJudgeFaults(t *testing.T) {
	r := supportRubric(t)
	tests := []struct {
		name         string
		fo           fake.Options
		o            Options
		wantAttempts int
		wantErr      error // nil for success
		wantStatus   int
		minElapsed   time.Duration
	}{
		{name: "429 honours Retry-After", fo: fake.Options{Script: []fake.Fault{fake.TooMany}, RetryAfter: "0.3"},
			wantAttempts: 2, minElapsed: 300 * time.Millisecond},
		{name: "two 500s then success", fo: fake.Options{Script: []fake.Fault{fake.ServerError, fake.ServerError}},
			wantAttempts: 3},
		{name: "timeout then success", fo: fake.Options{Script: []fake.Fault{fake.Hang}},
			o: Options{Timeout: 150 * time.Millisecond}, wantAttempts: 2, minElapsed: 150 * time.Millisecond},
		{name: "broken body then success", fo: fake.Options{Script: []fake.Fault{fake.BrokenBody}}, wantAttempts: 2},
		{name: "broken JSON content then success", fo: fake.Options{Script: []fake.Fault{fake.BrokenContent, fake.BrokenContent}}, wantAttempts: 3},
		{name: "out of range then success", fo: fake.Options{Script: []fake.Fault{fake.OutOfRange}}, wantAttempts: 2},
		{name: "out of range every time is an error", fo: fake.Options{OutOfRange: 1}, o: Options{MaxRetries: 2},
			wantAttempts: 3, wantErr: ErrInvalidReply},
		{name: "500 every time is an error", fo: fake.Options{ServerError: 1}, o: Options{MaxRetries: 1},
			wantAttempts: 2, wantStatus: 500},
		{name: "timeouts every time", fo: fake.Options{Hang: 1}, o: Options{MaxRetries: 1, Timeout: 50 * time.Millisecond},
			wantAttempts: 2, wantErr: context.DeadlineExceeded},
		{name: "401 is not retried", fo: fake.Options{APIKey: "sk-other-key-000000"}, wantAttempts: 1, wantStatus: 401},
		{name: "Retry-After is capped by MaxWait", fo: fake.Options{Script: []fake.Fault{fake.TooMany}, RetryAfter: "3600"},
			o: Options{MaxWait: 20 * time.Millisecond}, wantAttempts: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv := newClient(t, tt.fo, tt.o)
			start := time.Now()
			res, err := c.Judge(t.Context(), sampleConv(2), r, 0)
			elapsed := time.Since(start)
			assert.Equal(t, tt.wantAttempts, res.Attempts)
			assert.Equal(t, tt.wantAttempts, srv.Chats())
			assert.GreaterOrEqual(t, elapsed, tt.minElapsed)
			assert.Less(t, elapsed, 5*time.Second)
			switch {
			case tt.wantErr != nil:
				require.ErrorIs(t, err, tt.wantErr)
				assert.Empty(t, res.Verdicts, "never a guessed score")
			case tt.wantStatus != 0:
				var se *StatusError
				require.ErrorAs(t, err, &se)
				assert.Equal(t, tt.wantStatus, se.StatusCode)
				assert.Empty(t, res.Verdicts)
			default:
				require.NoError(t, err)
				assert.Len(t, res.Verdicts, 4)
			}
			if err != nil {
				assert.ErrorContains(t, err, "judge conversation c002 sample 0")
				assert.Equal(t, 1, c.Stats().Failed)
			}
		})
	}
}

func TestOutOfRangeErrorSaysWhat(t *testing.T) {
	c, _ := newClient(t, fake.Options{OutOfRange: 1}, Options{MaxRetries: -1})
	res, err := c.Judge(t.Context(), sampleConv(3), supportRubric(t), 0)
	require.ErrorIs(t, err, ErrInvalidReply)
	assert.ErrorContains(t, err, "score 6 outside its scale 1-5")
	assert.Contains(t, res.Raw, `"s":6`, "the bad reply is kept for the record")
	assert.Positive(t, res.Cost, "a bad reply is paid for all the same")
}

func TestCircuitBreaker(t *testing.T) {
	r := supportRubric(t)
	c, srv := newClient(t, fake.Options{ServerError: 1}, Options{MaxRetries: -1, MaxFailures: 3})
	var errs []error
	for i := range 8 {
		_, err := c.Judge(t.Context(), sampleConv(i), r, 0)
		errs = append(errs, err)
	}
	for i, err := range errs {
		if i < 3 {
			var se *StatusError
			require.ErrorAs(t, err, &se, i)
			assert.NotErrorIs(t, err, ErrTooManyFailures)
		} else {
			require.ErrorIs(t, err, ErrTooManyFailures, i)
			assert.ErrorContains(t, err, "HTTP 500", "says why")
		}
	}
	assert.Equal(t, 3, srv.Chats(), "no call once the breaker is open")
}

func TestBreakerResetsOnSuccess(t *testing.T) {
	r := supportRubric(t)
	script := []fake.Fault{fake.ServerError, fake.ServerError, fake.OK, fake.ServerError, fake.ServerError, fake.OK}
	c, _ := newClient(t, fake.Options{Script: script}, Options{MaxRetries: -1, MaxFailures: 3})
	for i := range len(script) {
		_, err := c.Judge(t.Context(), sampleConv(i), r, 0)
		assert.NotErrorIs(t, err, ErrTooManyFailures)
	}
}

func TestBudget(t *testing.T) {
	r := supportRubric(t)
	// $1000 per million tokens makes one call (about 750 prompt tokens and a short reply) cost about $0.8; the
	// estimate reserved while it is in flight is about $1.1.
	c, srv := newClient(t, fake.Options{}, Options{Model: "pricey", MaxCost: 3,
		Prices: map[string]Price{"pricey": {Input: 1000, Output: 1000}}})
	var ok, stopped int
	for i := range 10 {
		_, err := c.Judge(t.Context(), sampleConv(i), r, 0)
		switch {
		case err == nil:
			ok++
		case errors.Is(err, ErrBudget):
			stopped++
		default:
			t.Fatal(err)
		}
	}
	assert.Equal(t, 3, ok)
	assert.Equal(t, 7, stopped)
	assert.Equal(t, ok, srv.Chats())
	assert.LessOrEqual(t, c.Spent(), 3.0)
	assert.Greater(t, c.Spent(), 1.5)

	_, err := New(Options{Model: "my-local-llama", MaxCost: 1})
	assert.ErrorContains(t, err, "no price is known")
}

// TestKeyNeverLeaks sends through a server that echoes credentials in its errors and a logger at debug level,
// and looks for the key in every error, log line, result and request body.
func TestKeyNeverLeaks(t *testing.T) {
	r := supportRubric(t)
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	scenarios := []struct {
		name string
		fo   fake.Options
		o    Options
	}{
		{"401 echoing the key", fake.Options{APIKey: "sk-the-right-one-123456", EchoAuth: true}, Options{}},
		{"500 echoing the key", fake.Options{ServerError: 1, EchoAuth: true}, Options{MaxRetries: 1, MaxFailures: 1}},
		{"reply quoting the key", fake.Options{Answer: func(fake.Call) map[string]fake.Answer {
			return map[string]fake.Answer{"clarity": {NA: true, Rationale: "key " + testKey}}
		}}, Options{MaxRetries: 1}},
		{"Azure header", fake.Options{ServerError: 1, EchoAuth: true}, Options{Azure: true, MaxRetries: -1}},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			sc.o.Logger = logger
			c, srv := newClient(t, sc.fo, sc.o)
			var texts []string
			for i := range 3 {
				res, err := c.Judge(t.Context(), sampleConv(i), r, 0)
				require.Error(t, err)
				texts = append(texts, err.Error(), res.Raw, c.Stats().Usage.String())
				var se *StatusError
				if errors.As(err, &se) {
					texts = append(texts, se.Message)
				}
				for e := err; e != nil; e = errors.Unwrap(e) {
					texts = append(texts, e.Error())
				}
			}
			_, err := c.SubmitBatch(t.Context(), c.Requests(sampleConv(9), r, 0))
			if err != nil {
				texts = append(texts, err.Error())
			}
			texts = append(texts, logs.String())
			for _, s := range texts {
				assert.NotContains(t, s, testKey)
				assert.NotContains(t, s, "sk-test")
			}
			echoed := false
			for _, l := range srv.Requests() {
				assert.NotContains(t, string(l.Body), testKey)
				echoed = echoed || strings.Contains(l.Auth, testKey)
			}
			assert.True(t, echoed, "the key did reach the server, in its header")
		})
	}
}

func (u Usage) String() string {
	b, _ := json.Marshal(u)
	return string(b)
}

func TestAzure(t *testing.T) {
	c, srv := newClient(t, fake.Options{}, Options{Azure: true, Model: "judge-deployment", APIVersion: "2024-10-21"})
	_, err := c.Judge(t.Context(), sampleConv(1), supportRubric(t), 0)
	require.NoError(t, err)
	l := srv.Requests()[0]
	assert.Equal(t, "/v1/openai/deployments/judge-deployment/chat/completions", l.Path)
	assert.Equal(t, testKey, l.Auth, "Azure sends the key in the api-key header")
}

func TestPerCriterion(t *testing.T) {
	r := supportRubric(t)
	c, srv := newClient(t, fake.Options{}, Options{Granularity: PerCriterion})
	reqs := c.Requests(sampleConv(1), r, 0)
	require.Len(t, reqs, 4)
	keys := map[string]bool{}
	for i, rq := range reqs {
		assert.Len(t, rq.Criteria, 1)
		keys[rq.Key] = true
		assert.Equal(t, r.Kinds(rubrics.KindJudge)[i].ID, rq.Criteria[0])
		assert.Contains(t, rq.Prompt.System, "## "+rq.Criteria[0]+" (")
		assert.NotContains(t, rq.Prompt.System, "## "+r.Kinds(rubrics.KindJudge)[(i+1)%4].ID+" (")
	}
	assert.Len(t, keys, 4)
	res, err := c.Judge(t.Context(), sampleConv(1), r, 0)
	require.NoError(t, err)
	assert.Len(t, res.Verdicts, 4)
	assert.Len(t, res.Parts, 4)
	assert.Empty(t, res.Key)
	assert.Equal(t, 4, res.Attempts)
	assert.Equal(t, 4, srv.Chats())

	_, err = New(Options{Model: "m", Granularity: "turn"})
	assert.ErrorContains(t, err, "unknown granularity")
}

func TestCacheKey(t *testing.T) {
	r := supportRubric(t)
	c, err := New(Options{Model: "gpt-4o-mini"})
	require.NoError(t, err)
	key := func(cv *transcript.Conversation, sample int) string { return c.Requests(cv, r, sample)[0].Key }
	base := key(sampleConv(1), 0)
	assert.Equal(t, CacheKey("gpt-4o-mini", r.Hash(), PromptVersion, "", c.Requests(sampleConv(1), r, 0)[0].Prompt.Transcript, 0), base)
	// Pinned: a change here means every cached verdict would be paid for again.
	assert.Equal(t, "174f9a3c1fc7074fd2a64e17568c68e0f12507f38ef170ae221f559060879f0f",
		CacheKey("gpt-4o-mini", "rubric-hash", "p1", "", "[1] Customer: hi\n", 0))
	assert.Equal(t, base, key(sampleConv(1), 0), "stable")

	moved := sampleConv(1)
	moved.ID, moved.Channel, moved.Topic = "other-id", transcript.ChannelHuman, "x"
	for i := range moved.Turns {
		if moved.Turns[i].Role == transcript.RoleBot {
			moved.Turns[i].Role = transcript.RoleAgent
		}
	}
	assert.Equal(t, base, key(moved, 0), "only what is sent counts")

	c2, err := New(Options{Model: "gpt-4o"})
	require.NoError(t, err)
	changed := sampleConv(1)
	changed.Turns[0].Text += "!"
	card := sampleConv(1)
	card.Turns[0].Text += " card 4111 1111 1111 1111"
	card2 := sampleConv(1)
	card2.Turns[0].Text += " card 5555 5555 5555 4444"
	for name, other := range map[string]string{
		"sample":     key(sampleConv(1), 1),
		"text":       key(changed, 0),
		"model":      c2.Requests(sampleConv(1), r, 0)[0].Key,
		"prompt":     CacheKey("gpt-4o-mini", r.Hash(), "p0", "", c.Requests(sampleConv(1), r, 0)[0].Prompt.Transcript, 0),
		"rubric":     CacheKey("gpt-4o-mini", "other", PromptVersion, "", c.Requests(sampleConv(1), r, 0)[0].Prompt.Transcript, 0),
		"criterion":  CacheKey("gpt-4o-mini", r.Hash(), PromptVersion, "clarity", c.Requests(sampleConv(1), r, 0)[0].Prompt.Transcript, 0),
		"card added": key(card, 0),
	} {
		assert.NotEqual(t, base, other, name)
	}
	assert.Equal(t, key(card, 0), key(card2, 0), "the key is of the redacted text: another card number is the same placeholder")
}

func TestNothingToJudge(t *testing.T) {
	c, err := New(Options{Model: "m"})
	require.NoError(t, err)
	assert.Empty(t, c.Requests(&transcript.Conversation{ID: "empty"}, supportRubric(t), 0))
	_, err = c.Judge(t.Context(), &transcript.Conversation{ID: "empty"}, supportRubric(t), 0)
	assert.ErrorContains(t, err, "nothing to judge")
}

func TestContextCancel(t *testing.T) {
	c, _ := newClient(t, fake.Options{Hang: 1}, Options{Timeout: 10 * time.Second})
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	_, err := c.Judge(ctx, sampleConv(1), supportRubric(t), 0)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Zero(t, c.Stats().Failed, "a cancelled run is not a failure of the service")
}

func TestReasoningModelSendsNoTemperature(t *testing.T) {
	for _, m := range []string{"o4-mini", "gpt-5-mini"} {
		c, err := New(Options{Model: m, Temperature: 0.7})
		require.NoError(t, err)
		reqs := c.Requests(sampleConv(1), supportRubric(t), 0)
		assert.Zero(t, c.chatRequest(reqs[0]).Temperature)
		require.NoError(t, openai.NewReasoningValidator().Validate(c.chatRequest(reqs[0])))
	}
}
