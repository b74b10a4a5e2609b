package gate

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/convqa/convqa/pipeline/compare"
	"github.com/convqa/convqa/pipeline/stats"
	"github.com/convqa/convqa/pipeline/store"
)

const qualityIndex = "quality_index"

// Verdict is the outcome of a check, or of the whole gate.
type Verdict string

// The verdicts. Only Fail makes the gate fail; Inconclusive does so under --strict.
const (
	Pass         Verdict = "pass"         // the interval lies above -tolerance: no regression beyond it
	Fail         Verdict = "fail"         // the interval lies wholly below -tolerance: a confident regression
	Inconclusive Verdict = "inconclusive" // the interval straddles -tolerance
	Skipped      Verdict = "skipped"      // too few conversations to judge (see Policy.MinN)
)

// Options selects the runs to compare. Baseline and Candidate are run ids, names or "latest".
type Options struct {
	Baseline, Candidate string
	// Policy is applied with its defaults.
	Policy Policy
	// Bootstrap tunes the intervals; its zero value is 2000 seeded resamples at 95%.
	Bootstrap stats.BootstrapOptions
}

// Side summarises one run's scores of a criterion.
type Side struct {
	N    int           `json:"n"`
	NA   int           `json:"na"`
	Mean compare.Float `json:"mean"`
}

// Check is the verdict on one criterion.
type Check struct {
	Criterion string  `json:"criterion"`
	Verdict   Verdict `json:"verdict"`
	// Reason says in words why, with the figures.
	Reason    string       `json:"reason"`
	Baseline  Side         `json:"baseline"`
	Candidate Side         `json:"candidate"`
	Diff      compare.Diff `json:"diff"` // candidate - baseline with its 95% interval
	Tolerance float64      `json:"tolerance"`
	Paired    bool         `json:"paired"`
	// Pairs is the number of conversations scored on this criterion in both runs (when paired).
	Pairs int `json:"pairs,omitempty"`
}

// Result is the gate's decision.
type Result struct {
	Verdict   Verdict       `json:"verdict"`
	Baseline  store.RunInfo `json:"baseline"`
	Candidate store.RunInfo `json:"candidate"`
	// Paired is true when the runs share at least Policy.PairedShare of their conversation ids.
	Paired bool `json:"paired"`
	// Shared is the number of conversation ids of the counted channels both runs scored; SharedShare is
	// Shared over the larger run's count.
	Shared      int     `json:"shared"`
	SharedShare float64 `json:"shared_share"`
	Policy      Policy  `json:"policy"`
	Checks      []Check `json:"checks"`
}

// Count returns how many checks have verdict v.
func (r *Result) Count(v Verdict) int {
	n := 0
	for _, c := range r.Checks {
		if c.Verdict == v {
			n++
		}
	}
	return n
}

// Names returns the criteria whose verdict is v.
func (r *Result) Names(v Verdict) []string {
	var out []string
	for _, c := range r.Checks {
		if c.Verdict == v {
			out = append(out, c.Criterion)
		}
	}
	return out
}

// Evaluate compares the candidate run with the baseline run in db.
func Evaluate(ctx context.Context, db *sql.DB, o Options) (*Result, error) {
	pol := o.Policy.Defaults()
	if err := pol.validate(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrPolicy, err)
	}
	base, err := store.ResolveRun(ctx, db, o.Baseline)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	cand, err := store.ResolveRun(ctx, db, o.Candidate)
	if err != nil {
		return nil, fmt.Errorf("candidate: %w", err)
	}
	res := &Result{Baseline: base, Candidate: cand, Policy: pol}
	q := query{db: db, channels: pol.Channels}

	nb, nc, shared, err := q.shared(ctx, base.ID, cand.ID)
	if err != nil {
		return nil, err
	}
	res.Shared = shared
	if m := max(nb, nc); m > 0 {
		res.SharedShare = float64(shared) / float64(m)
	}
	res.Paired = res.SharedShare >= pol.PairedShare

	bs, err := q.sides(ctx, base.ID)
	if err != nil {
		return nil, err
	}
	cs, err := q.sides(ctx, cand.ID)
	if err != nil {
		return nil, err
	}
	criteria := pol.Criteria
	if len(criteria) == 0 {
		for c, s := range bs {
			if s.N > 0 && cs[c].N > 0 {
				criteria = append(criteria, c)
			}
		}
	}
	// Rubric order (the candidate's criteria table), the quality index first; criteria the table does not
	// know, by name after the rest.
	pos := map[string]int{}
	if rows, err := db.QueryContext(ctx, `SELECT criterion, position FROM criteria WHERE run_id = ?`, cand.ID); err == nil {
		for rows.Next() {
			var c string
			var p int
			if rows.Scan(&c, &p) == nil {
				pos[c] = p + 1
			}
		}
		rows.Close()
	}
	rank := func(c string) int {
		switch p, ok := pos[c]; {
		case c == qualityIndex:
			return 0
		case ok:
			return p
		default:
			return 1 << 20
		}
	}
	slices.SortFunc(criteria, func(a, b string) int {
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra - rb
		}
		return strings.Compare(a, b)
	})
	criteria = slices.Compact(criteria)

	// The means come from the values read in a fixed order: DuckDB's parallel avg may differ in the last bit
	// from one call to the next, and the JSON output is compared byte for byte by scripts and tests.
	bAll, err := q.values(ctx, base.ID)
	if err != nil {
		return nil, err
	}
	cAll, err := q.values(ctx, cand.ID)
	if err != nil {
		return nil, err
	}
	for c, v := range bAll {
		bs[c] = withMean(bs[c], v)
	}
	for c, v := range cAll {
		cs[c] = withMean(cs[c], v)
	}
	bv, cv := bAll, cAll
	if res.Paired {
		if bv, cv, err = q.pairs(ctx, base.ID, cand.ID); err != nil {
			return nil, err
		}
	}
	for _, c := range criteria {
		ch := Check{Criterion: c, Baseline: bs[c], Candidate: cs[c], Tolerance: pol.ToleranceOf(c), Paired: res.Paired}
		ch.Diff = compare.Diff{Estimate: compare.Float(math.NaN()), Lo: compare.Float(math.NaN()), Hi: compare.Float(math.NaN())}
		judge(&ch, bv[c], cv[c], pol, o.Bootstrap)
		res.Checks = append(res.Checks, ch)
	}
	res.Verdict = overall(res.Checks)
	return res, nil
}

func withMean(s Side, v []float64) Side {
	var sum float64
	for _, x := range v {
		sum += x
	}
	s.N = len(v)
	s.Mean = compare.Float(math.NaN())
	if len(v) > 0 {
		s.Mean = compare.Float(sum / float64(len(v)))
	}
	return s
}

// judge computes the difference of one criterion and its verdict.
func judge(ch *Check, base, cand []float64, pol Policy, bo stats.BootstrapOptions) {
	n := min(len(base), len(cand))
	if ch.Paired {
		ch.Pairs = len(base)
	}
	switch {
	case ch.Baseline.N == 0 || ch.Candidate.N == 0:
		ch.Verdict, ch.Reason = Inconclusive, "not scored in both runs"
		return
	case n < pol.MinN:
		what := "conversations in a run"
		if ch.Paired {
			what = "conversations scored in both runs"
		}
		ch.Verdict, ch.Reason = Skipped, fmt.Sprintf("%d %s, fewer than min_n %d", n, what, pol.MinN)
		return
	}
	var iv stats.Interval
	if ch.Paired {
		iv = stats.PairedDiffCI(cand, base, bo)
	} else {
		iv = stats.DiffCI(cand, base, bo)
	}
	ch.Diff = compare.Diff{Estimate: compare.Float(iv.Estimate), Lo: compare.Float(iv.Lo), Hi: compare.Float(iv.Hi)}
	tol := -ch.Tolerance
	ci := fmt.Sprintf("95%% CI of the difference %s to %s", signed(iv.Lo), signed(iv.Hi))
	switch {
	case math.IsNaN(iv.Lo) || math.IsNaN(iv.Hi):
		ch.Verdict, ch.Reason = Skipped, "no interval: too few distinct scores"
	case iv.Hi < tol:
		ch.Verdict, ch.Reason = Fail, fmt.Sprintf("regression: %s lies wholly below the tolerance %s", ci, signed(tol))
	case iv.Lo < tol:
		ch.Verdict, ch.Reason = Inconclusive, fmt.Sprintf("%s straddles the tolerance %s: a larger suite would decide", ci, signed(tol))
	default:
		ch.Verdict, ch.Reason = Pass, fmt.Sprintf("no regression beyond the tolerance %s (%s)", signed(tol), ci)
	}
}

// overall is fail when any check failed; inconclusive when any was, or when no check could be judged;
// pass otherwise.
func overall(checks []Check) Verdict {
	v, judged := Pass, false
	for _, c := range checks {
		switch c.Verdict {
		case Fail:
			return Fail
		case Inconclusive:
			v = Inconclusive
		case Pass:
			judged = true
		}
	}
	if !judged {
		return Inconclusive
	}
	return v
}

func signed(v float64) string {
	s := fmt.Sprintf("%.2f", v)
	if v > 0 {
		s = "+" + s
	}
	if s == "-0.00" {
		s = "0.00"
	}
	return s
}

// query reads scores of the counted channels.
type query struct {
	db       *sql.DB
	channels []string
}

// channelFilter returns a SQL condition on c.channel and its arguments.
func (q query) channelFilter() (string, []any) {
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(q.channels)), ", ")
	args := make([]any, len(q.channels))
	for i, c := range q.channels {
		args[i] = c
	}
	return "c.channel IN (" + marks + ")", args
}

func (q query) shared(ctx context.Context, base, cand string) (nb, nc, shared int, err error) {
	cond, args := q.channelFilter()
	sqlText := `
		WITH ids AS (
			SELECT s.run_id, s.conversation_id FROM scores s JOIN conversations c USING (conversation_id)
			WHERE s.criterion = 'quality_index' AND s.run_id IN (?, ?) AND ` + cond + `
		)
		SELECT count(*) FILTER (WHERE run_id = ?), count(*) FILTER (WHERE run_id = ?),
		       (SELECT count(*) FROM (SELECT conversation_id FROM ids WHERE run_id = ?
		                              INTERSECT SELECT conversation_id FROM ids WHERE run_id = ?))
		FROM ids`
	all := append(append([]any{base, cand}, args...), base, cand, base, cand)
	if err := q.db.QueryRowContext(ctx, sqlText, all...).Scan(&nb, &nc, &shared); err != nil {
		return 0, 0, 0, fmt.Errorf("count the conversations of runs %s and %s: %w", base, cand, err)
	}
	return nb, nc, shared, nil
}

func (q query) sides(ctx context.Context, run string) (map[string]Side, error) {
	cond, args := q.channelFilter()
	rows, err := q.db.QueryContext(ctx, `
		SELECT s.criterion, count(s.value), count(*) FILTER (WHERE s.value IS NULL)
		FROM scores s JOIN conversations c USING (conversation_id)
		WHERE s.run_id = ? AND `+cond+` GROUP BY s.criterion`, append([]any{run}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("read scores of run %s: %w", run, err)
	}
	defer rows.Close()
	out := map[string]Side{}
	for rows.Next() {
		var c string
		var s Side
		if err := rows.Scan(&c, &s.N, &s.NA); err != nil {
			return nil, fmt.Errorf("read scores of run %s: %w", run, err)
		}
		s.Mean = compare.Float(math.NaN())
		out[c] = s
	}
	return out, rows.Err()
}

// values reads one run's scores per criterion, in a fixed order so the seeded bootstrap repeats exactly.
func (q query) values(ctx context.Context, run string) (map[string][]float64, error) {
	cond, args := q.channelFilter()
	rows, err := q.db.QueryContext(ctx, `
		SELECT s.criterion, s.value FROM scores s JOIN conversations c USING (conversation_id)
		WHERE s.run_id = ? AND s.value IS NOT NULL AND `+cond+`
		ORDER BY s.criterion, s.conversation_id`, append([]any{run}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("read scores of run %s: %w", run, err)
	}
	defer rows.Close()
	out := map[string][]float64{}
	var crit string
	for rows.Next() {
		var v float64
		if err := rows.Scan(&crit, &v); err != nil {
			return nil, fmt.Errorf("read scores of run %s: %w", run, err)
		}
		out[crit] = append(out[crit], v)
	}
	return out, rows.Err()
}

// pairs reads the scores both runs gave the same conversation on the same criterion, aligned.
func (q query) pairs(ctx context.Context, base, cand string) (bv, cv map[string][]float64, err error) {
	cond, args := q.channelFilter()
	rows, err := q.db.QueryContext(ctx, `
		SELECT b.criterion, b.value, k.value
		FROM scores b
		JOIN scores k ON k.conversation_id = b.conversation_id AND k.criterion = b.criterion
		JOIN conversations c ON c.conversation_id = b.conversation_id
		WHERE b.run_id = ? AND k.run_id = ? AND b.value IS NOT NULL AND k.value IS NOT NULL AND `+cond+`
		ORDER BY b.criterion, b.conversation_id`, append([]any{base, cand}, args...)...)
	if err != nil {
		return nil, nil, fmt.Errorf("pair the scores of runs %s and %s: %w", base, cand, err)
	}
	defer rows.Close()
	bv, cv = map[string][]float64{}, map[string][]float64{}
	for rows.Next() {
		var crit string
		var b, k float64
		if err := rows.Scan(&crit, &b, &k); err != nil {
			return nil, nil, fmt.Errorf("pair the scores of runs %s and %s: %w", base, cand, err)
		}
		bv[crit] = append(bv[crit], b)
		cv[crit] = append(cv[crit], k)
	}
	return bv, cv, rows.Err()
}
