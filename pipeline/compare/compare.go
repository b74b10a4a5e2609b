// Package compare puts the bot and human channels side by side per criterion: means with bootstrap
// confidence intervals, the bot-minus-human difference, and that difference adjusted for case mix.
package compare

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"

	"golang.org/x/sync/errgroup"

	"github.com/convqa/convqa/pipeline/stats"
	"github.com/convqa/convqa/pipeline/store"
)

// Options selects what to compare. The zero value compares the latest run by channel only.
type Options struct {
	// Run is a run id, name or "latest" (the default).
	Run string
	// By splits each channel further: "topic", "language", or any metadata key. Empty: channel only.
	By string
	// Bootstrap tunes the confidence intervals; its zero value is 2000 seeded resamples at 95%.
	Bootstrap stats.BootstrapOptions
	// Criteria limits the comparison to these criteria; empty means all. Bootstrapping is the expensive
	// part, so a reader that shows only the quality index per group should say so.
	Criteria []string
}

// Float is a float64 that encodes NaN (undefined, e.g. a CI from one observation) as JSON null.
type Float float64

// MarshalJSON encodes NaN and infinities as null.
func (f Float) MarshalJSON() ([]byte, error) {
	v := float64(f)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, v, 'f', -1, 64), nil
}

// Stat summarises one channel's scores of one criterion in one group.
type Stat struct {
	N    int   `json:"n"`
	NA   int   `json:"na"`
	Mean Float `json:"mean"`
	Lo   Float `json:"ci_lo"`
	Hi   Float `json:"ci_hi"`
}

// Diff is bot minus human with its confidence interval.
type Diff struct {
	Estimate Float `json:"estimate"`
	Lo       Float `json:"ci_lo"`
	Hi       Float `json:"ci_hi"`
}

// Adjusted is the case-mix-adjusted difference: bot scores re-weighted to the human channel's mix of topic ×
// language. Coverage is the share of human conversations whose stratum the bot also served.
type Adjusted struct {
	Diff
	Coverage float64 `json:"coverage"`
	Strata   int     `json:"strata"`
}

// Row is one criterion in one group.
type Row struct {
	Criterion string    `json:"criterion"`
	Group     string    `json:"group,omitempty"`
	Bot       Stat      `json:"bot"`
	Human     Stat      `json:"human"`
	Diff      *Diff     `json:"diff,omitempty"`     // nil when a channel has fewer than 2 scores
	Adjusted  *Adjusted `json:"adjusted,omitempty"` // nil when not computable
	// SignFlip is true when the raw and the adjusted difference disagree in sign: case mix, not quality,
	// drives the raw difference.
	SignFlip bool `json:"sign_flip"`
}

// Result is a comparison of one run.
type Result struct {
	Run  store.RunInfo `json:"run"`
	By   string        `json:"by,omitempty"`
	Rows []Row         `json:"rows"`
}

var metaKey = regexp.MustCompile(`^[A-Za-z0-9_.-]+$`)

// CheckBy reports whether by is a valid grouping, before any database is opened.
func CheckBy(by string) error {
	_, err := groupExpr(by)
	return err
}

// groupExpr returns the SQL expression of the grouping column.
func groupExpr(by string) (string, error) {
	switch by {
	case "", "channel":
		return "''", nil
	case "topic":
		return "coalesce(topic, '(none)')", nil
	case "language":
		return "coalesce(language, '(none)')", nil
	}
	if !metaKey.MatchString(by) {
		return "", fmt.Errorf("--by %q: want topic, language or a metadata key (letters, digits, _ . -)", by)
	}
	return "coalesce(metadata->>'" + by + "', '(none)')", nil
}

type cell struct {
	bot, human     []stats.Obs
	botNA, humanNA int
}

// Compare reads one run's scores from db and compares the channels.
func Compare(ctx context.Context, db *sql.DB, o Options) (*Result, error) {
	run, err := store.ResolveRun(ctx, db, o.Run)
	if err != nil {
		return nil, err
	}
	expr, err := groupExpr(o.By)
	if err != nil {
		return nil, err
	}
	by := o.By
	if by == "channel" {
		by = ""
	}
	order := map[string]int{}
	// Files written before the criteria table existed have no rubric order: criteria then sort by name.
	crows, err := db.QueryContext(ctx, `SELECT criterion, position FROM criteria WHERE run_id = ?`, run.ID)
	if err != nil {
		crows = nil
	}
	for crows != nil && crows.Next() {
		var c string
		var p int
		if err := crows.Scan(&c, &p); err != nil {
			crows.Close()
			return nil, fmt.Errorf("read criteria: %w", err)
		}
		order[c] = p
	}
	if crows != nil {
		crows.Close()
	}
	rows, err := db.QueryContext(ctx, `
		SELECT criterion, channel, `+expr+` AS grp,
		       coalesce(topic, '(none)') || ' × ' || coalesce(language, '(none)') AS stratum, value
		FROM scored WHERE run_id = ? AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], criterion))
		ORDER BY conversation_id, criterion`, run.ID, criteriaList(o.Criteria), criteriaList(o.Criteria)) // a fixed order: the seeded bootstrap then repeats exactly
	if err != nil {
		return nil, fmt.Errorf("read scores of run %s: %w", run.ID, err)
	}
	defer rows.Close()
	type key struct{ criterion, group string }
	cells := map[key]*cell{}
	for rows.Next() {
		var crit, channel, grp, stratum string
		var v sql.NullFloat64
		if err := rows.Scan(&crit, &channel, &grp, &stratum, &v); err != nil {
			return nil, fmt.Errorf("read scores: %w", err)
		}
		k := key{crit, grp}
		c := cells[k]
		if c == nil {
			c = &cell{}
			cells[k] = c
		}
		if _, ok := order[crit]; !ok {
			order[crit] = 1 << 20 // not in the rubric (an older run): after the rest, by name
		}
		switch {
		case channel == "bot" && v.Valid:
			c.bot = append(c.bot, stats.Obs{Value: v.Float64, Stratum: stratum})
		case channel == "bot":
			c.botNA++
		case v.Valid:
			c.human = append(c.human, stats.Obs{Value: v.Float64, Stratum: stratum})
		default:
			c.humanNA++
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read scores: %w", err)
	}
	keys := make([]key, 0, len(cells))
	for k := range cells {
		keys = append(keys, k)
	}
	// quality_index first, then the criteria in rubric order, then groups.
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.criterion != b.criterion {
			qa, qb := a.criterion == "quality_index", b.criterion == "quality_index"
			if qa != qb {
				return qa
			}
			if order[a.criterion] != order[b.criterion] {
				return order[a.criterion] < order[b.criterion]
			}
			return a.criterion < b.criterion
		}
		return a.group < b.group
	})
	res := &Result{Run: run, By: by, Rows: make([]Row, len(keys))}
	// Bootstrapping is the expensive part (seconds per criterion at 100k conversations): one cell per CPU.
	// Each row is written into its own slot, so the order stays and no lock is needed.
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, k := range keys {
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			res.Rows[i] = compareCell(k.criterion, k.group, cells[k], o.Bootstrap)
			return nil
		})
	}
	return res, g.Wait()
}

func values(obs []stats.Obs) []float64 {
	v := make([]float64, len(obs))
	for i, o := range obs {
		v[i] = o.Value
	}
	return v
}

func describe(obs []stats.Obs, na int, o stats.BootstrapOptions) Stat {
	ci := stats.MeanCI(values(obs), o)
	return Stat{N: len(obs), NA: na, Mean: Float(ci.Estimate), Lo: Float(ci.Lo), Hi: Float(ci.Hi)}
}

func compareCell(criterion, group string, c *cell, o stats.BootstrapOptions) Row {
	r := Row{Criterion: criterion, Group: group, Bot: describe(c.bot, c.botNA, o), Human: describe(c.human, c.humanNA, o)}
	if len(c.bot) < 2 || len(c.human) < 2 {
		return r
	}
	d := stats.DiffCI(values(c.bot), values(c.human), o)
	r.Diff = &Diff{Estimate: Float(d.Estimate), Lo: Float(d.Lo), Hi: Float(d.Hi)}
	a := stats.AdjustedDiffCI(c.bot, c.human, o)
	if !math.IsNaN(a.Diff.Estimate) {
		r.Adjusted = &Adjusted{Diff: Diff{Estimate: Float(a.Diff.Estimate), Lo: Float(a.Diff.Lo), Hi: Float(a.Diff.Hi)}, Coverage: a.Coverage, Strata: a.Strata}
		r.SignFlip = d.Estimate*a.Diff.Estimate < 0
	}
	return r
}

func criteriaList(c []string) []string {
	if c == nil {
		return []string{}
	}
	return c
}

// Criteria lists the criteria of a result in order.
func (r *Result) Criteria() []string {
	var out []string
	for _, row := range r.Rows {
		if !slices.Contains(out, row.Criterion) {
			out = append(out, row.Criterion)
		}
	}
	return out
}
