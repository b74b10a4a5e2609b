// Package calibrate measures how well a run's automatic scores agree with a QA team's own graders (rank
// correlations, quadratic-weighted kappa and MAE per criterion and channel, beside the graders' agreement with
// each other), and fits rubric weights to those grades with honest cross-validated figures.
package calibrate
