// Package heuristics computes deterministic, network-free signals for a support conversation (timing, handoff,
// access to a human, loops, fallbacks, frustration, resolution, language match, PII, greeting, readability,
// injection attempts) and maps them onto [0,1] scores for the rubric's heuristic criteria.
package heuristics
