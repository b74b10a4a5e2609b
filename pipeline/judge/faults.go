package judge

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// StatusError is a call that failed without a usable response: an HTTP error status, a timeout, a network
// failure or a response body that is not JSON. Its message has any API key scrubbed.
type StatusError struct {
	// StatusCode is the HTTP status, or 0 when no response arrived (Timeout or a network error).
	StatusCode int
	Message    string
	// RetryAfter is the wait the server asked for (Retry-After or retry-after-ms), 0 when it asked none.
	RetryAfter time.Duration
	Timeout    bool
	// Local is set for a request the client library refused to send (an unsupported parameter for the model).
	Local bool
	// Broken is set for a success status whose body is not the JSON of a chat completion.
	Broken bool
}

func (e *StatusError) Error() string {
	switch {
	case e.Timeout:
		return "timed out: " + e.Message
	case e.StatusCode > 0:
		return fmt.Sprintf("HTTP %d: %s", e.StatusCode, e.Message)
	default:
		return e.Message
	}
}

// Unwrap makes a timeout match context.DeadlineExceeded.
func (e *StatusError) Unwrap() error {
	if e.Timeout {
		return context.DeadlineExceeded
	}
	return nil
}

// classify turns what go-openai returned into a StatusError, without keeping go-openai's error (its
// RequestError holds the raw response body, which a misbehaving server could fill with anything).
func (c *Client) classify(err error, h http.Header, actx context.Context) *StatusError {
	se := &StatusError{RetryAfter: retryAfter(h)}
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	switch {
	case errors.As(err, &apiErr) && apiErr.HTTPStatusCode > 0:
		se.StatusCode, se.Message = apiErr.HTTPStatusCode, apiErr.Message
	case errors.As(err, &reqErr):
		se.StatusCode, se.Message = reqErr.HTTPStatusCode, strings.TrimSpace(string(reqErr.Body))
		if se.Message == "" {
			se.Message = http.StatusText(reqErr.HTTPStatusCode)
		}
	case errors.Is(actx.Err(), context.DeadlineExceeded):
		se.Timeout, se.Message = true, fmt.Sprintf("no reply within %s", c.o.Timeout)
	case localError(err):
		se.Local, se.Message = true, err.Error()
	case isTransport(err):
		se.Message = err.Error()
	default:
		// The status was a success but the body did not decode.
		se.Broken, se.Message = true, "response is not a valid chat completion: "+err.Error()
	}
	se.Message = shorten(c.scrub(strings.TrimSpace(se.Message)), 300)
	return se
}

// isTransport reports an error of the HTTP client: no response arrived.
func isTransport(err error) bool {
	var ue *url.Error
	return errors.As(err, &ue)
}

// localError reports the errors go-openai returns before sending anything; retrying them cannot help.
func localError(err error) bool {
	for _, e := range []error{openai.ErrChatCompletionInvalidModel, openai.ErrChatCompletionStreamNotSupported,
		openai.ErrReasoningModelLimitationsOther, openai.ErrReasoningModelMaxTokensDeprecated,
		openai.ErrReasoningModelLimitationsLogprobs, openai.ErrReasoningEffortUnsupported,
		openai.ErrReasoningSamplingUnsupported, openai.ErrO1BetaLimitationsMessageTypes,
		openai.ErrO1BetaLimitationsTools, openai.ErrO1BetaLimitationsOther, openai.ErrContentFieldsMisused} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// retryable reports whether another attempt may succeed: rate limits, server errors, timeouts, network
// failures, broken bodies and replies that broke the schema. Other client errors (400, 401, 403, 404, …) are
// configuration problems that no retry fixes.
func retryable(err error) bool {
	if errors.Is(err, ErrInvalidReply) {
		return true
	}
	var se *StatusError
	if !errors.As(err, &se) {
		return false
	}
	switch {
	case se.Local:
		return false
	case se.StatusCode == 0:
		return true
	case se.StatusCode == http.StatusRequestTimeout, se.StatusCode == http.StatusConflict,
		se.StatusCode == http.StatusTooEarly, se.StatusCode == http.StatusTooManyRequests:
		return true
	default:
		return se.StatusCode >= 500
	}
}

// retryAfter reads the wait a server asks for: retry-after-ms (OpenAI, Azure), else Retry-After in seconds
// (fractions allowed) or as an HTTP date.
func retryAfter(h http.Header) time.Duration {
	if h == nil {
		return 0
	}
	if v := strings.TrimSpace(h.Get("retry-after-ms")); v != "" {
		if ms, err := strconv.ParseFloat(v, 64); err == nil && ms > 0 {
			return time.Duration(ms * float64(time.Millisecond))
		}
	}
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if s, err := strconv.ParseFloat(v, 64); err == nil {
		if s <= 0 {
			return 0
		}
		return time.Duration(s * float64(time.Second))
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(time.Until(t), 0)
	}
	return 0
}

// backoff is the wait before retry attempt+1: full jitter over an exponentially growing window, but never less
// than the server's Retry-After, and never more than MaxWait.
func (c *Client) backoff(attempt int, retryAfter time.Duration) time.Duration {
	window := c.o.MaxWait
	if attempt < 30 {
		window = min(c.o.BaseBackoff<<attempt, c.o.MaxWait)
	}
	d := time.Duration(rand.Int64N(int64(window) + 1))
	return min(max(d, retryAfter), c.o.MaxWait)
}

// admit lets a call go out, or says why not; a call admitted reserves its estimated cost until settle.
func (c *Client) admit(est float64) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.open {
		return fmt.Errorf("%w (%d requests in a row failed; last: %s)", ErrTooManyFailures, c.o.MaxFailures, c.lastErr)
	}
	if c.o.MaxCost > 0 && c.spent+c.reserved+est > c.o.MaxCost {
		return fmt.Errorf("%w: spent $%.4f of $%.4f", ErrBudget, c.spent, c.o.MaxCost)
	}
	c.reserved += est
	return nil
}

// release gives back a reservation that was not spent.
func (c *Client) release(est float64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.reserved = max(c.reserved-est, 0)
}

// settle replaces an attempt's reservation by what it cost.
func (c *Client) settle(est, cost float64, u Usage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.reserved = max(c.reserved-est, 0)
	c.spent += cost
	c.stats.Cost += cost
	c.stats.Attempts++
	c.stats.Usage.add(u)
}

func (c *Client) succeed() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.failures = 0
	c.stats.Succeeded++
}

// failed counts a request that failed after its retries and opens the breaker after MaxFailures in a row.
func (c *Client) failed(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stats.Failed++
	c.failures++
	c.lastErr = shorten(c.scrub(err.Error()), 300)
	if c.failures >= c.o.MaxFailures && !c.open {
		c.open = true
		c.o.Logger.Warn("judge stopped sending", "consecutive_failures", c.failures, "last_error", c.lastErr)
	}
}

func (c *Client) count(f func(*Stats)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f(&c.stats)
}

// Spent is the money spent so far in US dollars.
func (c *Client) Spent() float64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.spent
}

// secretLike matches OpenAI-style keys, also when a server echoes them partly masked.
var secretLike = regexp.MustCompile(`\bsk-[A-Za-z0-9_\-*]{6,}`)

// keyScrubber returns a function that removes the API key (and anything that looks like an OpenAI key) from
// text that may be shown or stored.
func keyScrubber(key string) func(string) string {
	key = strings.TrimSpace(key)
	return func(s string) string {
		if key != "" {
			s = strings.ReplaceAll(s, key, "[API_KEY]")
		}
		if strings.Contains(s, "sk-") {
			s = secretLike.ReplaceAllString(s, "[API_KEY]")
		}
		return s
	}
}
