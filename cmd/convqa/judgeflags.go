package main

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/convqa/convqa/pipeline"
	"github.com/convqa/convqa/pipeline/judge"
)

// judgeFlags are the flags of `convqa run` that configure the LLM judge.
type judgeFlags struct {
	mode, model, baseURL, granularity, apiVersion string
	azure, wait                                   bool
	concurrency, samples, maxRetries              int
	maxCost, maxErrorRate, temperature            float64
	timeout, poll                                 time.Duration
}

func (f *judgeFlags) add(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.mode, "judge", "auto", "LLM judge: off, openai (online calls), batch (Batch API, half price), or auto (openai when a model and an API key or base URL are set)")
	fl.StringVar(&f.model, "model", os.Getenv("CONVQA_JUDGE_MODEL"), "judge model (Azure: the deployment name); env CONVQA_JUDGE_MODEL")
	fl.StringVar(&f.baseURL, "base-url", os.Getenv("OPENAI_BASE_URL"), "OpenAI-compatible API root, e.g. http://localhost:11434/v1 (Ollama); env OPENAI_BASE_URL; the key is read from OPENAI_API_KEY")
	fl.BoolVar(&f.azure, "azure", false, "the base URL is an Azure OpenAI resource (https://NAME.openai.azure.com)")
	fl.StringVar(&f.apiVersion, "azure-api-version", "", "Azure OpenAI api-version (default 2024-10-21)")
	fl.IntVar(&f.concurrency, "concurrency", 8, "judge calls in flight")
	fl.IntVar(&f.samples, "samples", 1, "ask the judge N times per conversation (use --temperature > 0) and score the median")
	fl.Float64Var(&f.temperature, "temperature", 0, "judge sampling temperature")
	fl.StringVar(&f.granularity, "judge-granularity", "conversation", "one call per conversation (all judge criteria) or per criterion")
	fl.Float64Var(&f.maxCost, "max-cost", 0, "stop new judge calls once this many US dollars are spent (0: no cap)")
	fl.Float64Var(&f.maxErrorRate, "max-error-rate", 0.05, "exit 1 when more than this share of judge requests fail after retries")
	fl.IntVar(&f.maxRetries, "max-retries", 6, "retries per judge call (429, 5xx, timeouts, replies that break the schema)")
	fl.DurationVar(&f.timeout, "judge-timeout", 60*time.Second, "time limit of one judge call")
	fl.BoolVar(&f.wait, "wait", false, "with --judge batch: poll until the batch ends and score with its results")
	fl.DurationVar(&f.poll, "poll", 30*time.Second, "with --wait: time between polls")
}

// config builds the judge's configuration, or none when the judge is off. note says why it is off.
func (f *judgeFlags) config(e *env, botNames []string) (cfg pipeline.JudgeConfig, note string, err error) {
	key := os.Getenv("OPENAI_API_KEY")
	mode := strings.ToLower(f.mode)
	switch mode {
	case "off":
		return cfg, "off (--judge off): heuristic criteria only", nil
	case "auto":
		if f.model == "" || (key == "" && f.baseURL == "") {
			return cfg, "off: no --model, or no OPENAI_API_KEY and no --base-url; heuristic criteria only", nil
		}
		mode = "openai"
	case "openai", "batch":
		if f.model == "" {
			return cfg, "", usageErrorf("--judge %s needs --model (or CONVQA_JUDGE_MODEL)", mode)
		}
		if key == "" && f.baseURL == "" {
			return cfg, "", usageErrorf("--judge %s needs OPENAI_API_KEY or --base-url (a local server may need no key)", mode)
		}
	default:
		return cfg, "", usageErrorf("--judge %q: want off, openai, batch or auto", f.mode)
	}
	gran := judge.PerConversation
	switch f.granularity {
	case "conversation":
	case "criterion":
		gran = judge.PerCriterion
	default:
		return cfg, "", usageErrorf("--judge-granularity %q: want conversation or criterion", f.granularity)
	}
	if f.samples < 1 {
		return cfg, "", usageErrorf("--samples must be at least 1")
	}
	if f.samples > 1 && f.temperature == 0 {
		fmt.Fprintln(e.stderr, "convqa: note: --samples > 1 at temperature 0 mostly repeats the same answer; consider --temperature 0.7")
	}
	c, err := judge.New(judge.Options{BaseURL: f.baseURL, APIKey: key, Model: f.model, Azure: f.azure,
		APIVersion: f.apiVersion, Concurrency: f.concurrency, MaxRetries: f.maxRetries, Timeout: f.timeout,
		Temperature: float32(f.temperature), Granularity: gran, MaxCost: f.maxCost, BotNames: botNames,
		Logger: e.log.With("stage", "judge")})
	if err != nil {
		return cfg, "", usageErrorf("%w", err)
	}
	cfg = pipeline.JudgeConfig{Client: c, Batch: mode == "batch", Wait: f.wait, PollInterval: f.poll,
		Samples: f.samples, MaxErrorRate: f.maxErrorRate}
	return cfg, "", nil
}
