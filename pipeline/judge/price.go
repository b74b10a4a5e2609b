package judge

import (
	"regexp"
	"strings"
)

// Price is what a model costs in US dollars per million tokens.
type Price struct {
	Input float64 `json:"input" yaml:"input"`
	// CachedInput is the price of prompt tokens the provider served from its prompt cache; 0 means Input.
	CachedInput float64 `json:"cached_input,omitempty" yaml:"cached_input,omitempty"`
	Output      float64 `json:"output" yaml:"output"`
}

// DefaultPrices are the providers' list prices for common judge models (standard tier, USD per 1M tokens, as
// published in 2025). Prices change: override or extend them with Options.Prices (the config file's
// judge.prices). Dated snapshots ("gpt-4o-2024-08-06") use the price of their model. Models not listed, such as
// local models behind vLLM, Ollama or llama.cpp, cost 0. The Batch API costs half of these.
var DefaultPrices = map[string]Price{
	"gpt-4o":       {Input: 2.50, CachedInput: 1.25, Output: 10.00},
	"gpt-4o-mini":  {Input: 0.15, CachedInput: 0.075, Output: 0.60},
	"gpt-4.1":      {Input: 2.00, CachedInput: 0.50, Output: 8.00},
	"gpt-4.1-mini": {Input: 0.40, CachedInput: 0.10, Output: 1.60},
	"gpt-4.1-nano": {Input: 0.10, CachedInput: 0.025, Output: 0.40},
	"gpt-5":        {Input: 1.25, CachedInput: 0.125, Output: 10.00},
	"gpt-5-mini":   {Input: 0.25, CachedInput: 0.025, Output: 2.00},
	"gpt-5-nano":   {Input: 0.05, CachedInput: 0.005, Output: 0.40},
	"o3":           {Input: 2.00, CachedInput: 0.50, Output: 8.00},
	"o4-mini":      {Input: 1.10, CachedInput: 0.275, Output: 4.40},
}

// batchDiscount is the share of the list price the Batch API charges.
const batchDiscount = 0.5

var snapshotSuffix = regexp.MustCompile(`-\d{4}-\d{2}-\d{2}$`)

// lookupPrice finds the price of model in the table: the exact name, else the name without a date suffix.
func lookupPrice(table map[string]Price, model string) (Price, bool) {
	m := strings.ToLower(strings.TrimSpace(model))
	if p, ok := table[m]; ok {
		return p, true
	}
	p, ok := table[snapshotSuffix.ReplaceAllString(m, "")]
	return p, ok
}

// Cost is the price of a call's tokens in US dollars.
func (p Price) Cost(u Usage) float64 {
	cached := min(max(u.CachedTokens, 0), u.PromptTokens)
	ci := p.CachedInput
	if ci == 0 {
		ci = p.Input
	}
	return (float64(u.PromptTokens-cached)*p.Input + float64(cached)*ci + float64(u.CompletionTokens)*p.Output) / 1e6
}
