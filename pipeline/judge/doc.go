// Package judge scores the judge criteria of a rubric with an LLM behind an OpenAI-compatible API: it builds
// channel-blind, PII-redacted, injection-fenced prompts, asks for strict JSON, validates every reply, retries
// with backoff, caps cost and failures, derives cache keys, and talks to the Batch API for nightly runs.
package judge
