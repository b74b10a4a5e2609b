// Package pipeline wires the stages of one scoring run: read, validate, deduplicate, compute heuristic
// signals, score against the rubric and store, with bounded concurrency and memory that stays flat however
// large the input is.
package pipeline
