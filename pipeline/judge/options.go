package judge

import (
	"fmt"
	"log/slog"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// Granularity says how many calls judge one conversation.
type Granularity string

// The granularities of judging.
const (
	// PerConversation asks about all the rubric's judge criteria in one call (the default: the transcript is
	// sent once).
	PerConversation Granularity = "conversation"
	// PerCriterion asks about each criterion in a call of its own: more calls and tokens, answers that cannot
	// influence each other.
	PerCriterion Granularity = "criterion"
)

// DefaultBaseURL is OpenAI's API, used when Options.BaseURL is empty.
const DefaultBaseURL = "https://api.openai.com/v1"

// Options configures a Client. A zero field means its default, given in its comment.
type Options struct {
	// BaseURL is the API root, e.g. http://localhost:8000/v1 for vLLM, http://localhost:11434/v1 for Ollama,
	// http://localhost:8080/v1 for llama.cpp's server, https://NAME.openai.azure.com for Azure. Default
	// DefaultBaseURL.
	BaseURL string
	// APIKey is sent as a bearer token (Azure: the api-key header). It never appears in an error, a log line
	// or a Result. Local servers usually need none.
	APIKey string
	// Model is the model name (for Azure, the deployment name). Required.
	Model string
	// Azure switches to Azure OpenAI's URLs and key header; APIVersion is its api-version, default
	// "2024-10-21" (structured outputs need 2024-08-01-preview or later).
	Azure      bool
	APIVersion string
	// Concurrency bounds the calls in flight across all goroutines using the client; default 8.
	Concurrency int
	// MaxRetries is how often a failed call is retried (429, 5xx, timeouts, broken JSON, replies that break
	// the schema); default 6, negative for none. Six retries ride out a provider that fails a third of calls
	// for all but about 1 request in 5,000.
	MaxRetries int
	// Timeout bounds one attempt; default 60s.
	Timeout time.Duration
	// Temperature is the sampling temperature; default 0, sent as a tiny positive number because the client
	// library drops a zero (and OpenAI would then use 1). It is omitted for reasoning models (o1, o3, o4,
	// gpt-5), which accept only their default. Use a temperature > 0 with several samples.
	Temperature float32
	// Granularity is PerConversation (default) or PerCriterion.
	Granularity Granularity
	// Prices override and extend DefaultPrices, by model name.
	Prices map[string]Price
	// MaxCost, in US dollars, stops new calls (ErrBudget) once the money spent, plus the estimated cost of
	// the calls in flight and of the next call, would exceed it; 0 means no cap. It needs a price for Model.
	MaxCost float64
	// MaxFailures is how many requests in a row may fail, each after its retries, before the client stops
	// sending (ErrTooManyFailures); default 10.
	MaxFailures int
	// BaseBackoff is the first retry's maximum wait; each retry doubles it (full jitter); default 500ms.
	BaseBackoff time.Duration
	// MaxWait caps any one wait between attempts, Retry-After included; default 60s.
	MaxWait time.Duration
	// BotNames are masked as "Agent" in transcripts, besides the rubric's bot_names.
	BotNames []string
	// HTTPClient replaces the client's HTTP client (tests, proxies).
	HTTPClient openai.HTTPDoer
	// Logger receives retries and failures at debug and warn level; nil logs nothing.
	Logger *slog.Logger
}

func (o Options) withDefaults() (Options, error) {
	o.Model = strings.TrimSpace(o.Model)
	if o.Model == "" {
		return o, fmt.Errorf("judge: a model is required")
	}
	if o.BaseURL == "" {
		if o.Azure {
			return o, fmt.Errorf("judge: Azure OpenAI needs a base URL (https://NAME.openai.azure.com)")
		}
		o.BaseURL = DefaultBaseURL
	}
	o.BaseURL = strings.TrimRight(o.BaseURL, "/")
	if o.Azure && o.APIVersion == "" {
		o.APIVersion = "2024-10-21"
	}
	if o.Concurrency <= 0 {
		// Eight keeps a single-key OpenAI account well inside its rate limits; raise it for big runs.
		o.Concurrency = 8
	}
	switch {
	case o.MaxRetries == 0:
		o.MaxRetries = 6
	case o.MaxRetries < 0:
		o.MaxRetries = 0
	}
	if o.Timeout <= 0 {
		o.Timeout = 60 * time.Second
	}
	switch o.Granularity {
	case "":
		o.Granularity = PerConversation
	case PerConversation, PerCriterion:
	default:
		return o, fmt.Errorf("judge: unknown granularity %q (want %s or %s)", o.Granularity, PerConversation, PerCriterion)
	}
	if o.MaxFailures <= 0 {
		o.MaxFailures = 10
	}
	if o.BaseBackoff <= 0 {
		o.BaseBackoff = 500 * time.Millisecond
	}
	if o.MaxWait <= 0 {
		o.MaxWait = 60 * time.Second
	}
	if o.MaxCost < 0 {
		return o, fmt.Errorf("judge: max cost must be >= 0, got %g", o.MaxCost)
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o, nil
}

// reasoningModel reports whether the model takes no temperature.
func reasoningModel(m string) bool {
	for _, p := range []string{"o1", "o3", "o4", "gpt-5", "gpt-6"} {
		if strings.HasPrefix(m, p) {
			return true
		}
	}
	return false
}
