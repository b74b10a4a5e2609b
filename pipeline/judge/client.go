package judge

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/convqa/convqa/pipeline/score"
	"github.com/convqa/convqa/pipeline/transcript"
	"github.com/convqa/convqa/rubrics"
)

// The errors that stop a run from sending more calls.
var (
	// ErrBudget is returned instead of a call once Options.MaxCost would be exceeded.
	ErrBudget = errors.New("judge: cost budget reached; no new calls sent")
	// ErrTooManyFailures is returned instead of a call once Options.MaxFailures requests in a row failed: the
	// service is down or misconfigured, and a run should stop rather than end silently partial.
	ErrTooManyFailures = errors.New("judge: too many consecutive failures; stopped sending")
)

// Client judges conversations through an OpenAI-compatible API. It is safe for concurrent use; the calls in
// flight are bounded by Options.Concurrency whatever the number of goroutines.
type Client struct {
	o     Options
	api   *openai.Client
	sem   chan struct{}
	price Price
	// priced is false for models without a known price: their cost is recorded as 0.
	priced bool
	scrub  func(string) string

	plans sync.Map // *rubrics.Rubric → *plan

	mu       sync.Mutex
	spent    float64
	reserved float64
	failures int // requests failed in a row
	open     bool
	lastErr  string
	stats    Stats
}

// Stats counts a client's work so far.
type Stats struct {
	Requests  int // requests sent (Send calls that made at least one attempt)
	Succeeded int
	Failed    int
	Attempts  int
	Usage     Usage
	// Cost is the money spent in US dollars (0 for models without a price).
	Cost float64
}

// Usage counts the tokens of one or more calls.
type Usage struct {
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	// CachedTokens are the prompt tokens the provider served from its prompt cache (cheaper).
	CachedTokens int `json:"cached_tokens"`
}

func (u *Usage) add(v Usage) {
	u.PromptTokens += v.PromptTokens
	u.CompletionTokens += v.CompletionTokens
	u.CachedTokens += v.CachedTokens
}

// New returns a client. It does not contact the API.
func New(o Options) (*Client, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	prices := make(map[string]Price, len(DefaultPrices)+len(o.Prices))
	for k, v := range DefaultPrices {
		prices[k] = v
	}
	for k, v := range o.Prices {
		prices[k] = v
	}
	c := &Client{o: o, sem: make(chan struct{}, o.Concurrency), scrub: keyScrubber(o.APIKey)}
	c.price, c.priced = lookupPrice(prices, o.Model)
	if o.MaxCost > 0 && !c.priced {
		return nil, fmt.Errorf("judge: max cost set, but no price is known for model %q; add it to the prices in the config", o.Model)
	}
	var cfg openai.ClientConfig
	if o.Azure {
		cfg = openai.DefaultAzureConfig(o.APIKey, o.BaseURL)
		cfg.APIVersion = o.APIVersion
		cfg.AzureModelMapperFunc = func(model string) string { return model } // the model is the deployment
	} else {
		cfg = openai.DefaultConfig(o.APIKey)
		cfg.BaseURL = o.BaseURL
	}
	cfg.HTTPClient = o.HTTPClient
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Transport: &http.Transport{
			Proxy:       http.ProxyFromEnvironment,
			DialContext: (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			// Keep a connection per worker: the default of 2 idle connections per host would make most
			// calls of a concurrent run open a new connection.
			MaxIdleConns:          2 * o.Concurrency,
			MaxIdleConnsPerHost:   2 * o.Concurrency,
			IdleConnTimeout:       90 * time.Second,
			TLSHandshakeTimeout:   10 * time.Second,
			ExpectContinueTimeout: time.Second,
			ForceAttemptHTTP2:     true,
		}}
	}
	c.api = openai.NewClientWithConfig(cfg)
	return c, nil
}

// Model is the model the client asks.
func (c *Client) Model() string { return c.o.Model }

// Stats returns what the client has done so far.
func (c *Client) Stats() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stats
}

// Request is one call to the judge: one conversation, some criteria, one sample. Build requests with
// Client.Requests; the caller looks their keys up in the cache and sends only the misses.
type Request struct {
	// Key is the cache key (see CacheKey); it is also the custom_id of the request in a batch.
	Key            string
	ConversationID string
	Sample         int
	// Criteria are the ids of the criteria asked about, in rubric order.
	Criteria []string
	Prompt   Prompt

	criteria []*rubrics.Criterion
	schema   json.RawMessage
}

// Result is the outcome of a request, or of all the requests of one conversation and sample (Judge).
type Result struct {
	// Key is the request's cache key; empty for a result merged from Parts.
	Key            string
	ConversationID string
	Sample         int
	Model          string
	// Verdicts holds a verdict per criterion answered; on error, only the criteria of requests that succeeded.
	Verdicts map[string]score.Verdict
	Usage    Usage
	// Cost is the price of all attempts in US dollars (0 for models without a price).
	Cost float64
	// Latency is the wall time from the first attempt to the outcome, waits between retries included.
	Latency  time.Duration
	Attempts int
	// Raw is the last reply's content, as received (any API key scrubbed): kept for audits of bad replies.
	Raw string
	// Parts are the results of the single requests a merged result was made of (PerCriterion granularity).
	Parts []Result
}

// plan is what the client derives once per rubric: the judge criteria, how they are split into calls, and the
// masking of the bot's names.
type plan struct {
	mask  *masker
	calls []planned
}

type planned struct {
	criteria []*rubrics.Criterion
	ids      []string
	system   string
	schema   json.RawMessage
	scope    string
}

func (c *Client) plan(r *rubrics.Rubric) *plan {
	if p, ok := c.plans.Load(r); ok {
		return p.(*plan)
	}
	crit := r.Kinds(rubrics.KindJudge)
	p := &plan{mask: nameMask(append(append([]string(nil), r.BotNames...), c.o.BotNames...))}
	group := func(cs []*rubrics.Criterion, all bool) {
		ids := make([]string, len(cs))
		for i, cr := range cs {
			ids[i] = cr.ID
		}
		p.calls = append(p.calls, planned{criteria: cs, ids: ids, system: systemPrompt(cs), schema: Schema(cs),
			scope: scopeOf(ids, all)})
	}
	switch {
	case len(crit) == 0:
	case c.o.Granularity == PerCriterion:
		for _, cr := range crit {
			group([]*rubrics.Criterion{cr}, false)
		}
	default:
		group(crit, true)
	}
	actual, _ := c.plans.LoadOrStore(r, p)
	return actual.(*plan)
}

// Requests builds the requests that judge a conversation against the rubric's judge criteria for one sample
// index: one request, or one per criterion with PerCriterion granularity; none when the rubric has no judge
// criteria or the conversation no turns. All criteria are always asked about, whatever the channel, so that
// both channels get the same prompt; criteria that do not apply are made n/a by score.Scorer.
func (c *Client) Requests(conv *transcript.Conversation, r *rubrics.Rubric, sample int) []Request {
	p := c.plan(r)
	if len(p.calls) == 0 || len(conv.Turns) == 0 {
		return nil
	}
	prompt := buildPrompt(conv, "", p.mask)
	reqs := make([]Request, len(p.calls))
	for i, pc := range p.calls {
		pr := prompt
		pr.System = pc.system
		reqs[i] = Request{
			Key:            CacheKey(c.o.Model, r.Hash(), PromptVersion, pc.scope, prompt.Transcript, sample),
			ConversationID: conv.ID, Sample: sample, Criteria: pc.ids, Prompt: pr,
			criteria: pc.criteria, schema: pc.schema,
		}
	}
	return reqs
}

// Judge judges a conversation for one sample index, without a cache: it sends every request of Requests and
// merges their verdicts. On error the result holds the verdicts of the requests that succeeded.
func (c *Client) Judge(ctx context.Context, conv *transcript.Conversation, r *rubrics.Rubric, sample int) (Result, error) {
	reqs := c.Requests(conv, r, sample)
	switch len(reqs) {
	case 0:
		return Result{ConversationID: conv.ID, Sample: sample, Model: c.o.Model}, fmt.Errorf("judge conversation %s: nothing to judge (no judge criteria or no turns)", conv.ID)
	case 1:
		return c.Send(ctx, reqs[0])
	}
	parts := make([]Result, len(reqs))
	errs := make([]error, len(reqs))
	var wg sync.WaitGroup
	for i := range reqs {
		wg.Go(func() { parts[i], errs[i] = c.Send(ctx, reqs[i]) })
	}
	wg.Wait()
	return Merge(parts), errors.Join(errs...)
}

// Merge combines the results of the requests of one conversation and sample into one result.
func Merge(parts []Result) Result {
	if len(parts) == 1 {
		return parts[0]
	}
	out := Result{Verdicts: map[string]score.Verdict{}, Parts: parts}
	for _, p := range parts {
		out.ConversationID, out.Sample, out.Model = p.ConversationID, p.Sample, p.Model
		for k, v := range p.Verdicts {
			out.Verdicts[k] = v
		}
		out.Usage.add(p.Usage)
		out.Cost += p.Cost
		out.Latency = max(out.Latency, p.Latency)
		out.Attempts += p.Attempts
		if p.Raw != "" {
			out.Raw = p.Raw
		}
	}
	return out
}

// Send sends one request, retrying failures, and returns its verdicts. The error is ErrBudget or
// ErrTooManyFailures (wrapped) when the client stops sending, the context's error when it is done, a
// *StatusError for an HTTP or network failure, or wraps ErrInvalidReply when the replies broke the schema.
func (c *Client) Send(ctx context.Context, req Request) (Result, error) {
	res := Result{Key: req.Key, ConversationID: req.ConversationID, Sample: req.Sample, Model: c.o.Model}
	start := time.Now()
	est := c.estimateCost(req)
	for attempt := 0; ; attempt++ {
		if err := c.admit(est); err != nil {
			res.Latency = time.Since(start)
			return res, c.fail(req, err)
		}
		if attempt == 0 {
			c.count(func(s *Stats) { s.Requests++ })
		}
		verdicts, usage, raw, retryAfter, err := c.attempt(ctx, req)
		cost := 0.0
		if c.priced {
			cost = c.price.Cost(usage)
		}
		c.settle(est, cost, usage)
		res.Attempts++
		res.Usage.add(usage)
		res.Cost += cost
		if raw != "" {
			res.Raw = raw
		}
		if err == nil {
			res.Verdicts = verdicts
			res.Latency = time.Since(start)
			c.succeed()
			return res, nil
		}
		if ctx.Err() != nil {
			res.Latency = time.Since(start)
			return res, c.fail(req, ctx.Err())
		}
		if attempt >= c.o.MaxRetries || !retryable(err) {
			res.Latency = time.Since(start)
			c.failed(err)
			return res, c.fail(req, fmt.Errorf("%s: %w", attempts(attempt+1), err))
		}
		wait := c.backoff(attempt, retryAfter)
		c.o.Logger.Debug("judge retry", "conversation_id", req.ConversationID, "sample", req.Sample,
			"attempt", attempt+1, "wait", wait, "err", err.Error())
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			res.Latency = time.Since(start)
			return res, c.fail(req, ctx.Err())
		case <-t.C:
		}
	}
}

func (c *Client) fail(req Request, err error) error {
	return &requestError{msg: c.scrub(fmt.Sprintf("judge conversation %s sample %d: %v", req.ConversationID, req.Sample, err)), err: err}
}

// requestError names the request that failed. Its message has any API key scrubbed; what it wraps was
// built by this package from scrubbed text, so no error of the client ever carries the key.
type requestError struct {
	msg string
	err error
}

func (e *requestError) Error() string { return e.msg }
func (e *requestError) Unwrap() error { return e.err }

// attempt makes one call, holding a concurrency slot for its duration.
func (c *Client) attempt(ctx context.Context, req Request) (v map[string]score.Verdict, u Usage, raw string, retryAfter time.Duration, err error) {
	select {
	case c.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, u, "", 0, ctx.Err()
	}
	defer func() { <-c.sem }()
	actx, cancel := context.WithTimeout(ctx, c.o.Timeout)
	defer cancel()
	resp, err := c.api.CreateChatCompletion(actx, c.chatRequest(req))
	if err != nil {
		se := c.classify(err, resp.Header(), actx)
		return nil, u, "", se.RetryAfter, se
	}
	u = usageOf(resp.Usage)
	if len(resp.Choices) == 0 {
		return nil, u, "", 0, fmt.Errorf("%w: no choices in the response", ErrInvalidReply)
	}
	ch := resp.Choices[0]
	raw = c.scrub(ch.Message.Content)
	switch {
	case ch.Message.Refusal != "":
		return nil, u, c.scrub(ch.Message.Refusal), 0, fmt.Errorf("%w: the model refused: %s", ErrInvalidReply, shorten(c.scrub(ch.Message.Refusal), 200))
	case ch.FinishReason == openai.FinishReasonLength:
		return nil, u, raw, 0, fmt.Errorf("%w: the reply was cut off at the token limit", ErrInvalidReply)
	}
	v, err = Parse(ch.Message.Content, req.criteria, req.Prompt.Turns)
	if err != nil {
		// Rebuilt from scrubbed text: the reply could quote anything, the key included.
		msg := strings.TrimPrefix(err.Error(), ErrInvalidReply.Error()+": ")
		return nil, u, raw, 0, fmt.Errorf("%w: %s", ErrInvalidReply, c.scrub(msg))
	}
	return v, u, raw, 0, nil
}

func usageOf(u openai.Usage) Usage {
	out := Usage{PromptTokens: u.PromptTokens, CompletionTokens: u.CompletionTokens}
	if u.PromptTokensDetails != nil {
		out.CachedTokens = u.PromptTokensDetails.CachedTokens
	}
	return out
}

// chatRequest is the request body of a call.
func (c *Client) chatRequest(req Request) openai.ChatCompletionRequest {
	seed := req.Sample
	cr := openai.ChatCompletionRequest{
		Model: c.o.Model,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: req.Prompt.System},
			{Role: openai.ChatMessageRoleUser, Content: req.Prompt.User},
		},
		Seed: &seed,
		ResponseFormat: &openai.ChatCompletionResponseFormat{
			Type: openai.ChatCompletionResponseFormatTypeJSONSchema,
			JSONSchema: &openai.ChatCompletionResponseFormatJSONSchema{
				Name: SchemaName, Schema: req.schema, Strict: true,
			},
		},
	}
	if !reasoningModel(c.o.Model) {
		cr.Temperature = c.o.Temperature
		if cr.Temperature == 0 {
			cr.Temperature = 1e-6 // go-openai omits a zero temperature; the API would then default to 1
		}
	}
	return cr
}

func attempts(n int) string {
	if n == 1 {
		return "after 1 attempt"
	}
	return fmt.Sprintf("after %d attempts", n)
}
