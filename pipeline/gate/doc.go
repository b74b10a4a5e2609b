// Package gate decides whether a candidate bot release is worse than the released one: it compares two runs
// per criterion, with confidence intervals, and fails only on a statistically confident regression.
package gate
