// Package stats provides the statistics convqa uses to compare the bot and human channels (seeded bootstrap
// confidence intervals, case-mix standardisation) and to calibrate automatic scores against human graders
// (rank correlations, quadratic-weighted kappa, Krippendorff's alpha).
package stats
