package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/convqa/convqa/pipeline/judge"
	"github.com/convqa/convqa/pipeline/score"
	"github.com/convqa/convqa/pipeline/store"
	"github.com/convqa/convqa/rubrics"
)

// JudgeConfig turns the LLM judge on for a run. The zero value (Client nil) leaves it off.
type JudgeConfig struct {
	Client *judge.Client
	// Batch submits cache misses to the provider's Batch API instead of calling it online: half the price,
	// results within 24 hours. A later run over the same inputs collects them.
	Batch bool
	// Wait, with Batch, polls until the submitted batches end and scores with their results in this run.
	Wait bool
	// PollInterval is the wait between polls with Wait; default 30s.
	PollInterval time.Duration
	// Samples asks the judge this many times per conversation (temperature > 0) and scores the median; default 1.
	Samples int
	// MaxErrorRate is the share of judged conversations that may fail (after retries) before the run exits
	// with status 1; default 0.05.
	MaxErrorRate float64
}

// JudgeSummary is what the judge did in a run.
type JudgeSummary struct {
	Mode          string  `json:"mode"` // off | online | batch
	Model         string  `json:"model,omitempty"`
	Requests      int64   `json:"requests"`       // judge requests the run needed (conversations × samples × calls)
	Cached        int64   `json:"cached"`         // of those, answered from the cache: no call made
	Calls         int64   `json:"calls"`          // sent online in this run
	Errors        int64   `json:"errors"`         // requests that failed after retries (see judge_calls)
	Skipped       int64   `json:"skipped"`        // not sent: the budget was reached or the judge had stopped
	Pending       int64   `json:"pending"`        // waiting in a submitted batch
	Submitted     int64   `json:"submitted"`      // requests submitted in new batches by this run
	Collected     int64   `json:"collected"`      // requests collected from finished batches
	CostUSD       float64 `json:"cost_usd"`       // spent by this run
	BudgetReached bool    `json:"budget_reached"` // --max-cost stopped new calls
	Flagged       int64   `json:"flagged"`        // criteria whose samples disagree by 2+ points
}

// judged is what judging a batch gives per conversation: the verdicts to score with, and the spread of
// criteria judged several times.
type judged struct {
	verdicts map[string]score.Verdict
	spread   map[string]judge.Spread
}

// judgeRun holds the judge's state for one run.
type judgeRun struct {
	cfg    JudgeConfig
	c      *judge.Client
	st     *store.Store
	rubric *rubrics.Rubric
	runID  string
	now    func() time.Time

	mu      sync.Mutex
	sum     JudgeSummary
	failed  atomic.Bool     // the circuit breaker or the budget stopped sending
	pending map[string]bool // batch mode: ids of the batches not ended yet
}

func newJudgeRun(cfg JudgeConfig, st *store.Store, r *rubrics.Rubric, now func() time.Time) *judgeRun {
	if cfg.Samples <= 0 {
		cfg.Samples = 1
	}
	if cfg.MaxErrorRate <= 0 {
		cfg.MaxErrorRate = 0.05
	}
	if cfg.PollInterval <= 0 {
		cfg.PollInterval = 30 * time.Second
	}
	j := &judgeRun{cfg: cfg, c: cfg.Client, st: st, rubric: r, now: now, pending: map[string]bool{}}
	j.sum.Mode = "online"
	if cfg.Batch {
		j.sum.Mode = "batch"
	}
	j.sum.Model = cfg.Client.Model()
	return j
}

// requests builds the requests of one conversation for every sample.
func (j *judgeRun) requests(w *work) []judge.Request {
	var reqs []judge.Request
	for s := range j.cfg.Samples {
		reqs = append(reqs, j.c.Requests(w.conv, j.rubric, s)...)
	}
	return reqs
}

// judge answers the requests of a batch of conversations: from the cache where it can, else online (or, in
// batch mode, by queueing them for submission). It returns the verdicts by conversation.
func (j *judgeRun) judge(ctx context.Context, items []*work) (map[string]judged, error) {
	var keys []string
	for _, w := range items {
		for _, r := range w.reqs {
			keys = append(keys, r.Key)
		}
	}
	cached, err := j.st.LookupJudgeCache(ctx, keys)
	if err != nil {
		return nil, err
	}
	results := make(map[string]judge.Result, len(keys))
	var misses []judge.Request
	for _, w := range items {
		for _, r := range w.reqs {
			if rows, ok := cached[r.Key]; ok {
				results[r.Key] = resultFromCache(r, rows)
				continue
			}
			misses = append(misses, r)
		}
	}
	j.mu.Lock()
	j.sum.Requests += int64(len(keys))
	j.sum.Cached += int64(len(keys) - len(misses))
	j.mu.Unlock()

	if j.cfg.Batch {
		// planBatches submitted every miss, or it failed in a batch that is being sent again.
		j.mu.Lock()
		j.sum.Pending += int64(len(misses))
		j.mu.Unlock()
	} else if err := j.sendOnline(ctx, misses, results); err != nil {
		return nil, err
	}

	out := make(map[string]judged, len(items))
	for _, w := range items {
		var per []judge.Result
		complete := true
		for s := range j.cfg.Samples {
			var parts []judge.Result
			for _, r := range w.reqs {
				if r.Sample != s {
					continue
				}
				res, ok := results[r.Key]
				if !ok {
					complete = false
					break
				}
				parts = append(parts, res)
			}
			if !complete {
				break
			}
			per = append(per, judge.Merge(parts))
		}
		if !complete || len(per) == 0 {
			continue // not judged (error, budget, or waiting in a batch): its judge criteria get no rows
		}
		v, spread := judge.Aggregate(per)
		if j.cfg.Samples == 1 {
			spread = nil
		}
		for _, sp := range spread {
			if sp.Flagged {
				j.mu.Lock()
				j.sum.Flagged++
				j.mu.Unlock()
			}
		}
		out[w.conv.ID] = judged{verdicts: v, spread: spread}
	}
	return out, nil
}

// sendOnline sends the misses concurrently (the client bounds the calls in flight), stores each answer in the
// cache as soon as its group is done, and records every call.
func (j *judgeRun) sendOnline(ctx context.Context, misses []judge.Request, results map[string]judge.Result) error {
	if len(misses) == 0 || j.failed.Load() {
		if len(misses) > 0 {
			j.mu.Lock()
			j.sum.Skipped += int64(len(misses))
			j.mu.Unlock()
		}
		return nil
	}
	var (
		mu    sync.Mutex
		cache []store.JudgeVerdict
		calls []store.JudgeCall
	)
	g, gctx := errgroup.WithContext(ctx)
	for _, r := range misses {
		g.Go(func() error {
			res, err := j.c.Send(gctx, r)
			call := store.JudgeCall{RunID: j.runID, Key: r.Key, ConversationID: r.ConversationID, Sample: r.Sample,
				Model: j.c.Model(), Mode: "online", Status: "ok", Attempts: res.Attempts,
				PromptTokens: res.Usage.PromptTokens, CompletionTokens: res.Usage.CompletionTokens,
				CachedTokens: res.Usage.CachedTokens, CostUSD: res.Cost, Latency: res.Latency, Reply: res.Raw,
				CalledAt: j.now()}
			if err != nil {
				call.Status, call.Error = "error", err.Error()
			}
			mu.Lock()
			defer mu.Unlock()
			j.mu.Lock()
			j.sum.CostUSD += res.Cost
			if res.Attempts > 0 {
				j.sum.Calls++
			}
			j.mu.Unlock()
			if res.Attempts > 0 {
				calls = append(calls, call)
			}
			switch {
			case err == nil:
				results[r.Key] = res
				cache = append(cache, cacheRows(r, res, j.rubric.Hash(), j.now())...)
				return nil
			case errors.Is(err, judge.ErrBudget):
				j.failed.Store(true)
				j.mu.Lock()
				j.sum.BudgetReached = true
				j.sum.Skipped++
				j.mu.Unlock()
				return nil
			case errors.Is(err, judge.ErrTooManyFailures):
				j.failed.Store(true)
				return fmt.Errorf("the judge stopped after too many failures in a row; the run is incomplete: %w", err)
			case ctx.Err() != nil:
				return ctx.Err()
			default:
				j.mu.Lock()
				j.sum.Errors++
				j.mu.Unlock()
				return nil
			}
		})
	}
	werr := g.Wait()
	// What was paid for is kept even when the run stops: the next run will not pay for it again.
	pctx := context.WithoutCancel(ctx)
	if err := j.st.PutJudgeCache(pctx, cache); err != nil {
		return errors.Join(werr, err)
	}
	if err := j.st.RecordJudgeCalls(pctx, calls); err != nil {
		return errors.Join(werr, err)
	}
	return werr
}

func resultFromCache(r judge.Request, rows []store.JudgeVerdict) judge.Result {
	res := judge.Result{Key: r.Key, ConversationID: r.ConversationID, Sample: r.Sample, Verdicts: map[string]score.Verdict{}}
	for _, v := range rows {
		res.Model = v.Model
		res.Verdicts[v.Criterion] = score.Verdict{Value: v.Value, NA: v.NA, Rationale: v.Rationale, Evidence: v.Evidence}
	}
	return res
}

func cacheRows(r judge.Request, res judge.Result, rubricHash string, now time.Time) []store.JudgeVerdict {
	var rows []store.JudgeVerdict
	for crit, v := range res.Verdicts {
		value := v.Value
		if v.NA {
			value = math.NaN()
		}
		rows = append(rows, store.JudgeVerdict{Key: r.Key, Criterion: crit, ConversationID: r.ConversationID,
			Sample: r.Sample, Model: res.Model, PromptVersion: judge.PromptVersion, RubricHash: rubricHash,
			Value: value, NA: v.NA, Rationale: v.Rationale, Evidence: v.Evidence, CreatedAt: now})
	}
	return rows
}

// errorRate checks the share of failed requests against the limit once the run is over.
func (j *judgeRun) errorRate() error {
	s := j.summary()
	if s.Requests == 0 || s.Errors == 0 {
		return nil
	}
	rate := float64(s.Errors) / float64(s.Requests)
	if rate > j.cfg.MaxErrorRate {
		return fmt.Errorf("judge: %d of %d requests failed (%.1f%%, over the %.1f%% limit); see SELECT conversation_id, error FROM judge_calls WHERE status = 'error'",
			s.Errors, s.Requests, 100*rate, 100*j.cfg.MaxErrorRate)
	}
	return nil
}

func (j *judgeRun) summary() JudgeSummary {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.sum
}

// Estimate is what a dry run found: what judging the inputs would take. Its JSON form is printed by
// `convqa run --dry-run --format json`.
type Estimate struct {
	Conversations    int64   `json:"conversations"`
	Quarantined      int64   `json:"quarantined"`
	Model            string  `json:"model,omitempty"`
	Requests         int64   `json:"requests"`
	Cached           int64   `json:"cached"`
	Calls            int64   `json:"calls"`
	PromptTokens     int64   `json:"prompt_tokens"`
	CompletionTokens int64   `json:"completion_tokens"`
	CostUSD          float64 `json:"cost_usd"` // online list price; the Batch API costs half
	PriceKnown       bool    `json:"price_known"`
}

// DryRun reads the inputs as Run would and estimates the judge calls, tokens and cost of scoring them,
// leaving out requests already in the database's judge cache. It writes nothing and sends nothing.
func DryRun(ctx context.Context, cfg Config) (Estimate, error) {
	cfg = cfg.withDefaults()
	var est Estimate
	var st *store.Store
	if _, err := os.Stat(cfg.DB); err == nil && cfg.Judge.Client != nil {
		s, err := store.Open(ctx, cfg.DB, store.Options{ReadOnly: true})
		if err != nil {
			return est, err
		}
		defer s.Close()
		st = s
	}
	var jr *judgeRun
	if cfg.Judge.Client != nil {
		jr = newJudgeRun(cfg.Judge, st, cfg.Rubric, cfg.Now)
		est.Model = cfg.Judge.Client.Model()
	}
	var pending []judge.Request
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		misses := pending
		if st != nil {
			keys := make([]string, len(pending))
			for i, r := range pending {
				keys[i] = r.Key
			}
			cached, err := st.LookupJudgeCache(ctx, keys)
			if err != nil {
				return err
			}
			misses = misses[:0:0]
			for _, r := range pending {
				if _, ok := cached[r.Key]; !ok {
					misses = append(misses, r)
				}
			}
		}
		e := cfg.Judge.Client.Estimate(misses...)
		est.Requests += int64(len(pending))
		est.Cached += int64(len(pending) - len(misses))
		est.Calls += int64(e.Calls)
		est.PromptTokens += e.PromptTokens
		est.CompletionTokens += e.CompletionTokens
		est.CostUSD += e.Cost
		est.PriceKnown = e.PriceKnown
		pending = pending[:0]
		return nil
	}
	seen := map[string]bool{}
	for _, src := range cfg.Sources {
		r, err := openSource(src)
		if err != nil {
			return est, err
		}
		for {
			rec, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				r.Close()
				return est, fmt.Errorf("read %s: %w", src.Path, err)
			}
			if rec.Quarantine != nil {
				est.Quarantined++
				continue
			}
			c := rec.Conversation
			if seen[c.ID] {
				continue
			}
			seen[c.ID] = true
			est.Conversations++
			if jr == nil {
				continue
			}
			pending = append(pending, jr.requests(&work{conv: c})...)
			if len(pending) >= 4096 {
				if err := flush(); err != nil {
					r.Close()
					return est, err
				}
			}
		}
		r.Close()
	}
	if jr != nil {
		if err := flush(); err != nil {
			return est, err
		}
	}
	return est, nil
}
