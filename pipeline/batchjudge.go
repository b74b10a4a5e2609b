package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"time"

	"github.com/convqa/convqa/pipeline/judge"
	"github.com/convqa/convqa/pipeline/store"
)

// submitChunk is how many requests one provider batch gets; it bounds the requests held in memory.
const submitChunk = 10000

// planBatches prepares a run in batch mode before it scores anything. It reads the inputs once, builds every
// judge request and:
//   - collects the batches earlier runs submitted that have ended, putting their verdicts in the cache;
//     lines that failed are submitted again;
//   - submits the requests that are neither cached nor waiting in an open batch, in new batches;
//   - with Wait, polls until every batch it depends on has ended, collecting each.
//
// The scoring pass that follows then answers from the cache only, and counts the rest as pending.
func (j *judgeRun) planBatches(ctx context.Context, cfg Config, log logger) error {
	open, err := j.st.OpenJudgeBatches(ctx)
	if err != nil {
		return err
	}
	inBatch := map[string]string{} // cache key -> open batch id
	for _, b := range open {
		for _, k := range b.Keys {
			inBatch[k] = b.ID
		}
	}
	held := map[string][]judge.Request{} // open batch id -> its requests, to parse its replies
	var toSubmit []judge.Request
	var submitted []submittedBatch

	flush := func(reqs []judge.Request) error {
		keys := make([]string, len(reqs))
		for i, r := range reqs {
			keys[i] = r.Key
		}
		cached, err := j.st.LookupJudgeCache(ctx, keys)
		if err != nil {
			return err
		}
		for _, r := range reqs {
			if _, ok := cached[r.Key]; ok {
				continue
			}
			if id, ok := inBatch[r.Key]; ok {
				held[id] = append(held[id], r)
				continue
			}
			toSubmit = append(toSubmit, r)
		}
		if len(toSubmit) >= submitChunk {
			b, err := j.submit(ctx, toSubmit)
			if err != nil {
				return err
			}
			submitted = append(submitted, b)
			toSubmit = nil
		}
		return nil
	}

	// Read the inputs and plan. Duplicates and quarantine are the scoring pass's business.
	var pending []judge.Request
	seen := map[string]bool{}
	for _, src := range cfg.Sources {
		r, err := openSource(src)
		if err != nil {
			return err
		}
		for {
			rec, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				r.Close()
				return fmt.Errorf("read %s: %w", src.Path, err)
			}
			if c := rec.Conversation; c != nil && !seen[c.ID] {
				seen[c.ID] = true
				pending = append(pending, j.requests(&work{conv: c})...)
				if len(pending) >= 4096 {
					if err := flush(pending); err != nil {
						r.Close()
						return err
					}
					pending = pending[:0]
				}
			}
		}
		r.Close()
	}
	if err := flush(pending); err != nil {
		return err
	}

	// Collect what has ended; failed lines are submitted again.
	for _, b := range open {
		again, err := j.collect(ctx, b.ID, held[b.ID])
		if err != nil {
			return err
		}
		toSubmit = append(toSubmit, again...)
	}
	if len(toSubmit) > 0 {
		b, err := j.submit(ctx, toSubmit)
		if err != nil {
			return err
		}
		submitted = append(submitted, b)
	}
	if !j.cfg.Wait {
		return nil
	}

	// Wait for every batch this run depends on.
	waiting := map[string][]judge.Request{}
	for _, b := range open {
		if j.pending[b.ID] {
			waiting[b.ID] = held[b.ID]
		}
	}
	for _, b := range submitted {
		waiting[b.id] = b.reqs
	}
	for len(waiting) > 0 {
		log.Info("waiting for judge batches", "batches", len(waiting))
		t := time.NewTimer(j.cfg.PollInterval)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
		for _, id := range slices.Sorted(maps.Keys(waiting)) {
			again, err := j.collect(ctx, id, waiting[id])
			if err != nil {
				return err
			}
			if j.pending[id] {
				continue
			}
			delete(waiting, id)
			if len(again) > 0 {
				b, err := j.submit(ctx, again)
				if err != nil {
					return err
				}
				waiting[b.id] = b.reqs
			}
		}
	}
	return nil
}

type logger interface {
	Info(msg string, args ...any)
}

type submittedBatch struct {
	id   string
	reqs []judge.Request // kept only when waiting for it
}

// submit sends requests as one provider batch and records it; its keys are pending from then on.
func (j *judgeRun) submit(ctx context.Context, reqs []judge.Request) (submittedBatch, error) {
	id, err := j.c.SubmitBatch(ctx, reqs)
	if err != nil {
		return submittedBatch{}, err
	}
	keys := make([]string, len(reqs))
	for i, r := range reqs {
		keys[i] = r.Key
	}
	now := j.now()
	if err := j.st.PutJudgeBatch(context.WithoutCancel(ctx), store.JudgeBatch{ID: id, RunID: j.runID, Model: j.c.Model(),
		PromptVersion: judge.PromptVersion, RubricHash: j.rubric.Hash(), State: "submitted", Keys: keys,
		SubmittedAt: now, UpdatedAt: now}); err != nil {
		return submittedBatch{}, err
	}
	j.mu.Lock()
	j.sum.Submitted += int64(len(reqs))
	j.pending[id] = true
	j.mu.Unlock()
	b := submittedBatch{id: id}
	if j.cfg.Wait {
		b.reqs = reqs
	}
	return b, nil
}

// collect reads an ended batch into the cache and returns the requests to send again; a batch still running
// stays pending.
func (j *judgeRun) collect(ctx context.Context, id string, reqs []judge.Request) ([]judge.Request, error) {
	b, err := j.c.Collect(ctx, id, reqs)
	if err != nil {
		return nil, err
	}
	now := j.now()
	if !b.Done {
		j.mu.Lock()
		j.pending[id] = true
		j.mu.Unlock()
		return nil, j.st.SetJudgeBatchState(ctx, id, b.State, false, now)
	}
	var rows []store.JudgeVerdict
	var calls []store.JudgeCall
	for _, r := range reqs {
		res, ok := b.Results[r.Key]
		if !ok {
			continue
		}
		rows = append(rows, cacheRows(r, res, j.rubric.Hash(), now)...)
		calls = append(calls, store.JudgeCall{RunID: j.runID, Key: r.Key, ConversationID: r.ConversationID,
			Sample: r.Sample, Model: j.c.Model(), Mode: "batch", Status: "ok", Attempts: 1,
			PromptTokens: res.Usage.PromptTokens, CompletionTokens: res.Usage.CompletionTokens,
			CachedTokens: res.Usage.CachedTokens, CostUSD: res.Cost, Reply: res.Raw, BatchID: id, CalledAt: now})
	}
	var again []judge.Request
	for _, r := range reqs {
		if why, failed := b.Failed[r.Key]; failed {
			again = append(again, r)
			calls = append(calls, store.JudgeCall{RunID: j.runID, Key: r.Key, ConversationID: r.ConversationID,
				Sample: r.Sample, Model: j.c.Model(), Mode: "batch", Status: "error", Attempts: 1, Error: why,
				BatchID: id, CalledAt: now})
		}
	}
	pctx := context.WithoutCancel(ctx)
	if err := j.st.PutJudgeCache(pctx, rows); err != nil {
		return nil, err
	}
	if err := j.st.RecordJudgeCalls(pctx, calls); err != nil {
		return nil, err
	}
	if err := j.st.SetJudgeBatchState(pctx, id, b.State, true, now); err != nil {
		return nil, err
	}
	j.mu.Lock()
	delete(j.pending, id)
	j.sum.Collected += int64(len(b.Results))
	for _, c := range calls {
		j.sum.CostUSD += c.CostUSD
	}
	j.mu.Unlock()
	return again, nil
}
