package report

import (
	"bytes"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/pipeline/compare"
)

func TestNiceTicks(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		want   []float64
	}{
		{0, 100, []float64{0, 20, 40, 60, 80, 100}},
		{1, 5, []float64{1, 2, 3, 4, 5}},
		{60, 100, []float64{60, 70, 80, 90, 100}},
		{0, 1, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}},
		{3, 3, []float64{3}},
	} {
		got := niceTicks(tc.lo, tc.hi)
		require.Len(t, got, len(tc.want), "%v-%v: %v", tc.lo, tc.hi, got)
		for i := range got {
			assert.InDelta(t, tc.want[i], got[i], 1e-9)
		}
	}
}

func stat(n int, mean, lo, hi float64) *compare.Stat {
	return &compare.Stat{N: n, Mean: compare.Float(mean), Lo: compare.Float(lo), Hi: compare.Float(hi)}
}

func TestDotChartGeometry(t *testing.T) {
	c := newDotChart(wide, "t", Scale{1, 5}, "", []dotSpec{
		{Label: "a", Bot: stat(10, 1, math.NaN(), math.NaN()), Human: stat(10, 5, 4, 6), Scale: Scale{1, 5}},
		{Label: "b", Bot: stat(10, 3, 2, 4), Human: &compare.Stat{}, Scale: Scale{1, 5}},
		{Label: "c", Bot: stat(4, 50, 25, 75), Scale: Scale{0, 100}},
	})
	require.Len(t, c.Rows, 3)
	a := c.Rows[0]
	require.Len(t, a.Marks, 2)
	assert.Equal(t, c.X0, a.Marks[0].X, "the scale's minimum is the plot's left edge")
	assert.False(t, a.Marks[0].CI, "no whisker without an interval")
	assert.Equal(t, c.X1, a.Marks[1].X, "the maximum is the right edge")
	assert.Equal(t, c.X1, a.Marks[1].Hi, "an interval beyond the scale is clipped")
	assert.Less(t, a.Marks[0].Y, a.Marks[1].Y, "bot above human")
	b := c.Rows[1]
	require.Len(t, b.Marks, 1, "a channel without scores has no mark")
	assert.Equal(t, b.Y, b.Marks[0].Y, "a lone mark sits on the row's line")
	assert.InDelta(t, (c.X0+c.X1)/2, b.Marks[0].X, 1e-9)
	cm := c.Rows[2].Marks[0]
	assert.InDelta(t, (c.X0+c.X1)/2, cm.X, 1e-9, "each row is placed by its own scale")
	assert.InDelta(t, c.X0+(c.X1-c.X0)/4, cm.Lo, 1e-9)
	assert.Equal(t, c.Y1+bottomPad, c.H)
	assert.Len(t, c.Ticks, 5)
	assert.Equal(t, c.X0, c.Ticks[0].Pos)
	assert.Equal(t, c.X1, c.Ticks[4].Pos)
}

func TestNarrowDotChart(t *testing.T) {
	c := newDotChart(narrow, "t", Scale{0, 100}, "", []dotSpec{
		{Label: "refund", Note: "n 3 / 4", Bot: stat(3, 50, 40, 60), Human: stat(4, 60, 50, 70), Scale: Scale{0, 100}},
		{Label: "delivery", Bot: stat(3, 50, 40, 60), Scale: Scale{0, 100}},
	})
	assert.Equal(t, 360.0, c.W)
	require.Len(t, c.Rows, 2)
	r := c.Rows[0]
	assert.Equal(t, "start", r.Anchor, "labels sit above the row, left-aligned")
	assert.Equal(t, c.X0, r.LabelX)
	assert.Less(t, r.LabelY, r.Marks[0].Y-5, "the label is above the marks")
	assert.Equal(t, c.X1, r.NoteX)
	assert.Less(t, r.Marks[1].Y, c.Rows[1].LabelY, "rows do not overlap")
	assert.InDelta(t, (c.X0+c.X1)/2, r.Marks[0].X, 1e-9)
}

func TestTrendChartLabels(t *testing.T) {
	var pts []TrendPoint
	t0 := time.Date(2026, 11, 1, 3, 0, 0, 0, time.UTC)
	for i := range 10 {
		pts = append(pts, TrendPoint{RunID: string(rune('a' + i)), StartedAt: t0.Add(time.Duration(i) * 24 * time.Hour), Channel: "bot", N: 9, Mean: 70, Lo: 60, Hi: 80})
	}
	runs := (&Report{Trend: pts}).TrendRuns()
	for _, tc := range []struct {
		l    layout
		want int
	}{{wide, 10}, {narrow, 5}} {
		c := newTrendChart(tc.l, pts, runs)
		n := 0
		for _, x := range c.XLabels {
			if x.Label != "" {
				n++
			}
		}
		assert.Equal(t, tc.want, n, tc.l.Class)
		assert.NotEmpty(t, c.XLabels[9].Label, "the latest run is always labelled")
	}
}

func TestTrendChart(t *testing.T) {
	t0 := time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC)
	pts := []TrendPoint{
		{RunID: "r1", StartedAt: t0, Channel: "bot", N: 100, Mean: 70, Lo: 65, Hi: 75},
		{RunID: "r1", StartedAt: t0, Channel: "human", N: 50, Mean: 85, Lo: 80, Hi: 90},
		{RunID: "r2", RunName: "a-very-long-run-name", StartedAt: t0.Add(24 * time.Hour), Channel: "bot", N: 100, Mean: 72, Lo: math.NaN(), Hi: math.NaN()},
	}
	runs := (&Report{Trend: pts}).TrendRuns()
	require.Len(t, runs, 2)
	c := newTrendChart(wide, pts, runs)
	require.Len(t, c.Lines, 2)
	bot := c.Lines[0]
	assert.Equal(t, "bot", bot.Series)
	require.Len(t, bot.Marks, 2)
	assert.Less(t, bot.Marks[0].X, bot.Marks[1].X, "runs left to right in time")
	assert.Greater(t, bot.Marks[0].Y, bot.Marks[1].Y, "a higher index is drawn higher")
	assert.True(t, bot.Marks[0].CI)
	assert.False(t, bot.Marks[1].CI)
	assert.Equal(t, 2, strings.Count(bot.Points, ",")+0, "two points")
	assert.Len(t, c.Lines[1].Marks, 1)
	assert.Equal(t, "11-20 03:00", c.XLabels[0].Label, "an unnamed run is labelled by its start")
	assert.Equal(t, "11-21 03:00", c.XLabels[1].Label, "so is a run whose name is too long")
	assert.Contains(t, c.XLabels[1].Title, "a-very-long-run-name")
	// The value axis covers every interval.
	for _, m := range append(bot.Marks, c.Lines[1].Marks...) {
		assert.GreaterOrEqual(t, m.Y, c.Y0)
		assert.LessOrEqual(t, m.Y, c.Y1)
	}
}

func TestFunnelChart(t *testing.T) {
	c := newFunnelChart(Funnel{Total: 200, BotOnly: 150, Escalated: 40, Abandoned: 10})
	require.Len(t, c.Segments, 3)
	var w float64
	for _, s := range c.Segments {
		w += s.W
	}
	assert.InDelta(t, funnelW, w, 1e-9)
	assert.True(t, c.Segments[0].Inside)
	assert.False(t, c.Segments[2].Inside, "5% is too narrow for its label")
	assert.Empty(t, newFunnelChart(Funnel{}).Segments)
}

func TestChartTemplates(t *testing.T) {
	c := newDotChart(wide, "Criteria <&>", Scale{1, 5}, "", []dotSpec{
		{Label: "efficiency", Note: "n 2 / 2", Bot: stat(2, 4, 3.5, 4.5), Human: stat(2, 3, 2, 4), Scale: Scale{1, 5}, Prec: 2},
		{Label: "<b>x</b>", Bot: stat(1, 2, math.NaN(), math.NaN()), Scale: Scale{1, 5}, Prec: 2},
	})
	var b bytes.Buffer
	require.NoError(t, templates.ExecuteTemplate(&b, "dotchart", c))
	svg := b.String()
	assert.True(t, strings.HasPrefix(svg, `<svg class="chart wide" viewBox="0 0 640.0 136.0"`), svg)
	assert.Equal(t, 3, strings.Count(svg, `<circle class="dot bot"`), "two bot dots and the legend's")
	assert.Equal(t, 2, strings.Count(svg, `<rect class="dot human"`), "one human dot and the legend's")
	assert.Equal(t, 2, strings.Count(svg, `<line class="whisker`), "no whisker without an interval")
	assert.Equal(t, 5, strings.Count(svg, `<line class="grid"`))
	assert.Contains(t, svg, "&lt;b&gt;x&lt;/b&gt;")
	assert.Contains(t, svg, `aria-label="Criteria &lt;&amp;&gt;"`)
	golden(t, "dotchart.svg", b.Bytes())

	b.Reset()
	require.NoError(t, templates.ExecuteTemplate(&b, "funnelchart", newFunnelChart(Funnel{Total: 4, BotOnly: 2, Escalated: 1, Abandoned: 1})))
	assert.Equal(t, 3, strings.Count(b.String(), `<rect class="seg`))
}

func TestHeadline(t *testing.T) {
	d := func(est, lo, hi float64) *compare.Diff {
		return &compare.Diff{Estimate: compare.Float(est), Lo: compare.Float(lo), Hi: compare.Float(hi)}
	}
	row := func(bot, human *compare.Stat, diff *compare.Diff, adj *compare.Adjusted, flip bool) *Report {
		r := compare.Row{Criterion: QualityIndex, Diff: diff, Adjusted: adj, SignFlip: flip}
		if bot != nil {
			r.Bot = *bot
		}
		if human != nil {
			r.Human = *human
		}
		return &Report{Channel: &compare.Result{Rows: []compare.Row{r}}}
	}
	for _, tc := range []struct {
		name string
		r    *Report
		want []string
	}{
		{"no scores", &Report{Channel: &compare.Result{}}, []string{"no quality index scores"}},
		{"behind", row(stat(100, 70, 65, 75), stat(50, 80, 77, 83), d(-10, -15, -4.5), nil, false),
			[]string{"The bot scored 70.0 (95% CI 65.0–75.0)", "human agents 80.0", "the bot is 10.0 points behind (95% CI of the difference −15.0 to −4.5)."}},
		{"ahead", row(stat(100, 90, 88, 92), stat(50, 80, 77, 83), d(10, 6, 14), nil, false),
			[]string{"the bot is 10.0 points ahead (95% CI of the difference +6.0 to +14.0)"}},
		{"noise", row(stat(100, 80, 77, 83), stat(50, 81, 77, 84), d(-1, -5, 3), nil, false),
			[]string{"a difference of −1.0 points, within the noise (95% CI of the difference −5.0 to +3.0)"}},
		{"adjusted, sign flip", row(stat(100, 80, 77, 83), stat(50, 78, 75, 81), d(2, -1, 5),
			&compare.Adjusted{Diff: *d(-3, -6, -0.5), Coverage: 0.8}, true),
			[]string{"the difference is −3.0 points (95% CI −6.0 to −0.5); 80% of human", "disagree in sign"}},
		{"bot only", row(stat(10, 50, 40, 60), nil, nil, nil, false), []string{"Only bot conversations", "50.0 (95% CI 40.0–60.0)"}},
		{"human only", row(nil, stat(10, 50, math.NaN(), math.NaN()), nil, nil, false), []string{"Only human-agent conversations", "index 50.0 out of 100"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := tc.r.Headline()
			for _, w := range tc.want {
				assert.Contains(t, h, w)
			}
		})
	}
}

func TestNum(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		prec int
		want string
	}{
		{1.25, 1, "1.2"}, {-3.14, 2, "−3.14"}, {-0.01, 1, "0.0"}, {math.NaN(), 1, "–"}, {math.Inf(1), 0, "–"},
	} {
		assert.Equal(t, tc.want, num(tc.v, tc.prec))
	}
	assert.Equal(t, "+0.50", signed(0.5, 2))
	assert.Equal(t, "0.0", signed(0.01, 1))
}

// emptyReport is a report of a run with no scores at all: every section must still render.
func emptyReport() *Report {
	return &Report{Channel: &compare.Result{}, ByTopic: &compare.Result{By: "topic"}, ByLanguage: &compare.Result{By: "language"},
		Generated: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), Run: runInfo()}
}

func TestEmptyReportRenders(t *testing.T) {
	r := emptyReport()
	var b bytes.Buffer
	require.NoError(t, r.HTML(&b))
	assert.Contains(t, b.String(), "No customer asked for a person")
	assert.Contains(t, b.String(), "No bot conversations in this run")
	b.Reset()
	require.NoError(t, r.Markdown(&b))
	assert.Contains(t, b.String(), "no quality index scores")
}
