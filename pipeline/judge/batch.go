package judge

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// MaxBatchRequests is the Batch API's limit of requests in one batch; split larger sets.
const MaxBatchRequests = 50000

// The states of a batch that end it.
const (
	BatchCompleted = "completed"
	BatchFailed    = "failed"
	BatchExpired   = "expired"
	BatchCancelled = "cancelled"
)

// Batch is the state of a submitted batch and, once it has ended, its results.
type Batch struct {
	ID string
	// State is the provider's: validating, in_progress, finalizing, completed, failed, expired, cancelling
	// or cancelled.
	State string
	// Done is set once the state is final; results are read only then.
	Done bool
	// Total, Completed and Errored are the provider's request counts.
	Total, Completed, Errored int
	// Results holds the validated verdicts by custom_id, which is the request's cache key.
	Results map[string]Result
	// Failed gives, by custom_id, why a request of the batch has no result: a failed line, a reply that broke
	// the schema, or no line at all. Send them again (or in the next batch).
	Failed map[string]string
	// Unknown counts output lines whose custom_id was not among the requests given to Collect.
	Unknown int
}

// SubmitBatch writes the requests as JSONL (custom_id = cache key, duplicates dropped), uploads it with
// purpose batch and creates a batch on the chat completions endpoint with a 24h window. It returns the batch
// id, to be stored and collected by a later run. Uploading and creating are retried like calls. With MaxCost
// set, a batch whose estimated cost (half the list price) does not fit the remaining budget is refused.
func (c *Client) SubmitBatch(ctx context.Context, reqs []Request) (string, error) {
	if len(reqs) == 0 {
		return "", errors.New("judge: submit batch: no requests")
	}
	seen := make(map[string]bool, len(reqs))
	up := openai.UploadBatchFileRequest{FileName: "convqa-judge.jsonl"}
	est := 0.0
	for _, r := range reqs {
		if seen[r.Key] {
			continue
		}
		seen[r.Key] = true
		up.AddChatCompletion(r.Key, c.chatRequest(r))
		est += c.estimateCost(r) * batchDiscount
	}
	if len(up.Lines) > MaxBatchRequests {
		return "", fmt.Errorf("judge: submit batch: %d requests, more than the %d a batch may hold", len(up.Lines), MaxBatchRequests)
	}
	if err := c.admit(est); err != nil {
		return "", fmt.Errorf("judge: submit batch: %w", err)
	}
	c.release(est) // the batch is paid for when collected
	var file openai.File
	err := c.retry(ctx, "upload batch file", func(ctx context.Context) (http.Header, error) {
		var err error
		file, err = c.api.UploadBatchFile(ctx, up)
		return file.Header(), err
	})
	if err != nil {
		return "", err
	}
	var b openai.BatchResponse
	err = c.retry(ctx, "create batch", func(ctx context.Context) (http.Header, error) {
		var err error
		b, err = c.api.CreateBatch(ctx, openai.CreateBatchRequest{
			InputFileID: file.ID, Endpoint: openai.BatchEndpointChatCompletions, CompletionWindow: "24h",
			Metadata: map[string]any{"convqa_prompt_version": PromptVersion},
		})
		return b.Header(), err
	})
	if err != nil {
		return "", err
	}
	return b.ID, nil
}

// Collect retrieves a batch and, once it has ended, reads its output and error files. reqs are the requests
// that were submitted in it (matched by key): their criteria and turn counts validate the replies, and those
// without a valid reply in a finished batch are listed in Failed. Costs are recorded at half the list price.
func (c *Client) Collect(ctx context.Context, batchID string, reqs []Request) (Batch, error) {
	var b openai.BatchResponse
	err := c.retry(ctx, "retrieve batch "+batchID, func(ctx context.Context) (http.Header, error) {
		var err error
		b, err = c.api.RetrieveBatch(ctx, batchID)
		return b.Header(), err
	})
	if err != nil {
		return Batch{ID: batchID}, err
	}
	out := Batch{ID: batchID, State: b.Status, Total: b.RequestCounts.Total, Completed: b.RequestCounts.Completed,
		Errored: b.RequestCounts.Failed, Results: map[string]Result{}, Failed: map[string]string{}}
	switch b.Status {
	case BatchCompleted, BatchFailed, BatchExpired, BatchCancelled:
		out.Done = true
	default:
		return out, nil
	}
	byKey := make(map[string]Request, len(reqs))
	for _, r := range reqs {
		byKey[r.Key] = r
	}
	for _, f := range []*string{b.OutputFileID, b.ErrorFileID} {
		if f == nil || *f == "" {
			continue
		}
		if err := c.readBatchFile(ctx, *f, byKey, &out); err != nil {
			return out, fmt.Errorf("judge: collect batch %s: %w", batchID, err)
		}
	}
	for k := range byKey {
		if _, ok := out.Results[k]; !ok && out.Failed[k] == "" {
			why := "no reply in the batch output"
			if b.Status != BatchCompleted {
				why = "batch " + b.Status + " before answering it"
				if b.Errors != nil && len(b.Errors.Data) > 0 {
					why += ": " + shorten(c.scrub(b.Errors.Data[0].Message), 200)
				}
			}
			out.Failed[k] = why
		}
	}
	return out, nil
}

// batchLine is one line of a batch's output or error file.
type batchLine struct {
	CustomID string `json:"custom_id"`
	Response *struct {
		StatusCode int             `json:"status_code"`
		Body       json.RawMessage `json:"body"`
	} `json:"response"`
	Error *struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func (c *Client) readBatchFile(ctx context.Context, fileID string, byKey map[string]Request, out *Batch) error {
	var data []byte
	err := c.retry(ctx, "read batch file "+fileID, func(ctx context.Context) (http.Header, error) {
		raw, err := c.api.GetFileContent(ctx, fileID)
		if err != nil {
			return nil, err
		}
		defer raw.Close()
		// Read within the attempt: the body is bound to the attempt's context.
		data, err = io.ReadAll(raw)
		return raw.Header(), err
	})
	if err != nil {
		return err
	}
	for n := 1; len(data) > 0; n++ {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		if len(bytes.TrimSpace(line)) > 0 {
			c.batchLine(line, n, byKey, out)
		}
	}
	return nil
}

func (c *Client) batchLine(line []byte, n int, byKey map[string]Request, out *Batch) {
	var l batchLine
	if err := json.Unmarshal(line, &l); err != nil {
		out.Unknown++
		return
	}
	req, ok := byKey[l.CustomID]
	if !ok {
		out.Unknown++
		return
	}
	fail := func(why string) {
		if _, done := out.Results[l.CustomID]; !done {
			out.Failed[l.CustomID] = shorten(c.scrub(why), 300)
		}
	}
	switch {
	case l.Error != nil:
		fail(fmt.Sprintf("line %d: %s: %s", n, l.Error.Code, l.Error.Message))
		return
	case l.Response == nil:
		fail(fmt.Sprintf("line %d: no response", n))
		return
	case l.Response.StatusCode != http.StatusOK:
		fail(fmt.Sprintf("line %d: HTTP %d: %s", n, l.Response.StatusCode, shorten(string(l.Response.Body), 200)))
		return
	}
	var resp openai.ChatCompletionResponse
	if err := json.Unmarshal(l.Response.Body, &resp); err != nil || len(resp.Choices) == 0 {
		fail(fmt.Sprintf("line %d: the body is not a chat completion", n))
		return
	}
	u := usageOf(resp.Usage)
	cost := 0.0
	if c.priced {
		cost = c.price.Cost(u) * batchDiscount
	}
	c.settle(0, cost, u)
	content := resp.Choices[0].Message.Content
	v, err := Parse(content, req.criteria, req.Prompt.Turns)
	if err != nil {
		fail(fmt.Sprintf("line %d: %v", n, err))
		return
	}
	delete(out.Failed, l.CustomID)
	out.Results[l.CustomID] = Result{Key: req.Key, ConversationID: req.ConversationID, Sample: req.Sample,
		Model: c.o.Model, Verdicts: v, Usage: u, Cost: cost, Attempts: 1, Raw: c.scrub(content)}
}

// retry runs a batch API operation with the retry policy of calls (without the breaker or the budget).
func (c *Client) retry(ctx context.Context, what string, op func(context.Context) (http.Header, error)) error {
	for attempt := 0; ; attempt++ {
		actx, cancel := context.WithTimeout(ctx, c.o.Timeout)
		h, err := op(actx)
		var se *StatusError
		if err != nil {
			se = c.classify(err, h, actx)
		}
		cancel()
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return fmt.Errorf("judge: %s: %w", what, ctx.Err())
		}
		if attempt >= c.o.MaxRetries || !retryable(se) {
			return fmt.Errorf("judge: %s: %w", what, se)
		}
		t := time.NewTimer(c.backoff(attempt, se.RetryAfter))
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("judge: %s: %w", what, ctx.Err())
		case <-t.C:
		}
	}
}
