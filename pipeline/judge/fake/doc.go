// Package fake is an in-process OpenAI-compatible server for tests and benchmarks of the judge: chat
// completions that honour a json_schema response format, files and batches, with injectable latency, 429s
// with Retry-After, 5xx, hangs, broken JSON and out-of-range scores, and a log of every request it received.
package fake
