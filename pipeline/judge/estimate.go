package judge

// Estimate is what judging would take: calls, tokens and money.
type Estimate struct {
	Calls            int
	PromptTokens     int64
	CompletionTokens int64
	// Cost in US dollars at list prices (the Batch API costs half); 0 when PriceKnown is false.
	Cost       float64
	PriceKnown bool
}

// Add accumulates another estimate.
func (e *Estimate) Add(o Estimate) {
	e.Calls += o.Calls
	e.PromptTokens += o.PromptTokens
	e.CompletionTokens += o.CompletionTokens
	e.Cost += o.Cost
	e.PriceKnown = e.PriceKnown || o.PriceKnown
}

// completionTokensPerCriterion approximates one criterion's answer: evidence, a sentence or two of rationale
// and the score (null for n/a) come to about 60 tokens; 80 leaves room. Reasoning models spend more on hidden
// reasoning.
const completionTokensPerCriterion = 80

// approxTokens approximates the tokens of a text as bytes/4, the usual rule of thumb for English with
// OpenAI's tokenizers (it over-counts for text with many non-ASCII letters, which is the safe side for a
// budget), plus 4 tokens of per-message overhead. No tokenizer is loaded: a dry run stays offline and fast.
func approxTokens(s string) int { return (len(s)+3)/4 + 4 }

func requestUsage(req Request) Usage {
	return Usage{
		PromptTokens:     approxTokens(req.Prompt.System) + approxTokens(req.Prompt.User) + approxTokens(string(req.schema)),
		CompletionTokens: completionTokensPerCriterion * len(req.Criteria),
	}
}

// estimateCost is the approximate price of one attempt of req, reserved against the budget while in flight.
func (c *Client) estimateCost(req Request) float64 {
	if !c.priced {
		return 0
	}
	return c.price.Cost(requestUsage(req))
}

// Estimate approximates what sending the requests would take, without sending anything: build them with
// Requests, drop those already in the cache, and estimate the rest. Tokens are approximated (see
// approxTokens), the completion as 80 tokens per criterion.
func (c *Client) Estimate(reqs ...Request) Estimate {
	e := Estimate{PriceKnown: c.priced}
	for _, r := range reqs {
		u := requestUsage(r)
		e.Calls++
		e.PromptTokens += int64(u.PromptTokens)
		e.CompletionTokens += int64(u.CompletionTokens)
		if c.priced {
			e.Cost += c.price.Cost(u)
		}
	}
	return e
}
