// Package datasets provides data to run convqa on: a synthetic corpus generator with planted, recorded defects,
// the embedded demo corpus, and converters of public dialogue datasets (ABCD, AB-ReDial) to transcript JSONL.
package datasets
