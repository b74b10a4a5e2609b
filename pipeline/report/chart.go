package report

import (
	"fmt"
	"math"
	"strconv"

	"github.com/convqa/convqa/pipeline/compare"
)

// The charts' geometry is computed here, in SVG user units, and drawn by the templates in templates/; both
// are tested. Each chart comes in two layouts, and CSS shows one: wide (labels left of the plot) for screens
// and print, narrow (labels above each row, about one user unit per CSS pixel) for phones, where a wide chart
// scaled down would have unreadable text.
const (
	topPad     = 30.0 // the legend
	bottomPad  = 30.0 // the tick labels
	seriesGap  = 6.0  // bot above, human below the row's centre line
	trendH     = 260.0
	trendRight = 14.0
	funnelW    = 640.0
	funnelH    = 64.0
)

// layout is a chart's geometry for one kind of screen.
type layout struct {
	Class      string  // wide | narrow: the CSS class that shows or hides the chart
	W          float64 // the viewBox width
	LabelW     float64 // wide: the row labels' column; narrow: 0, labels sit above the rows
	RowH       float64
	TrendLeft  float64
	RunLabel   int    // characters of a run's name that fit under the trend chart
	DateLabel  string // the time layout that labels a run whose name does not fit
	MaxXLabels int    // run labels shown under the trend chart; the others only in tooltips
}

var (
	wide   = layout{Class: "wide", W: 640, LabelW: 176, RowH: 38, TrendLeft: 48, RunLabel: 12, DateLabel: "01-02 15:04", MaxXLabels: 10}
	narrow = layout{Class: "narrow", W: 360, RowH: 50, TrendLeft: 36, RunLabel: 6, DateLabel: "01-02", MaxXLabels: 5}
	// layouts are the layouts every chart is drawn in.
	layouts = []layout{wide, narrow}
)

// tick is an axis tick at position Pos (x for horizontal axes, y for vertical ones).
type tick struct {
	Pos   float64
	Label string
}

// mark is one estimate with its interval: a dot and a whisker.
type mark struct {
	Series string // bot | human: the CSS class and the shape (circle, square)
	X, Y   float64
	// Lo and Hi are the whisker's ends along the value axis; CI is false when the interval is undefined.
	Lo, Hi float64
	CI     bool
	Title  string // the tooltip, and what a screen reader says
}

// dotRow is one labelled row of a dot-and-whisker chart.
type dotRow struct {
	Y           float64 // the centre line of the marks
	Label, Note string
	// LabelX, LabelY, NoteX, NoteY place the texts; Anchor is their SVG text-anchor for the label (the note
	// is right-aligned in the narrow layout).
	LabelX, LabelY, NoteX, NoteY float64
	Anchor, NoteAnchor           string
	Marks                        []mark
}

// dotChart is a horizontal dot-and-whisker chart: one row per criterion or group, bot and human side by side.
type dotChart struct {
	Class          string
	Title          string
	W, H           float64
	X0, X1, Y0, Y1 float64 // the plot area
	Ticks          []tick
	Rows           []dotRow
	Legend         bool
}

// dotSpec is one row to plot: a label, a note under it, the stats of each channel and their scale.
type dotSpec struct {
	Label, Note string
	Bot, Human  *compare.Stat
	Scale       Scale
	Prec        int
}

// newDotChart lays out rows on a common axis. Each row's values are placed by their own scale; axis
// labels the ticks (with suffix, e.g. "%", when the rows' scales differ and the axis shows shares of them).
func newDotChart(l layout, title string, axis Scale, suffix string, rows []dotSpec) dotChart {
	c := dotChart{Class: l.Class, Title: title, W: l.W, X0: l.LabelW + 14, X1: l.W - 14, Y0: topPad, Legend: true}
	c.Y1 = c.Y0 + l.RowH*float64(len(rows))
	c.H = c.Y1 + bottomPad
	for _, v := range niceTicks(axis.Min, axis.Max) {
		c.Ticks = append(c.Ticks, tick{Pos: c.X0 + (v-axis.Min)/(axis.Max-axis.Min)*(c.X1-c.X0), Label: tickLabel(v) + suffix})
	}
	for i, s := range rows {
		top := c.Y0 + l.RowH*float64(i)
		row := dotRow{Label: s.Label, Note: s.Note}
		if l.LabelW > 0 {
			row.Y = top + l.RowH/2
			row.LabelX, row.NoteX, row.Anchor, row.NoteAnchor = c.X0-10, c.X0-10, "end", "end"
			row.LabelY, row.NoteY = row.Y+5, row.Y+19
			if s.Note != "" {
				row.LabelY = row.Y - 1
				row.NoteY = row.Y + 13
			}
		} else {
			row.Y = top + 33
			row.LabelX, row.NoteX, row.Anchor, row.NoteAnchor = c.X0, c.X1, "start", "end"
			row.LabelY, row.NoteY = top+15, top+15
		}
		y := row.Y
		pos := func(v float64) float64 {
			f := (v - s.Scale.Min) / (s.Scale.Max - s.Scale.Min)
			return c.X0 + math.Max(0, math.Min(1, f))*(c.X1-c.X0)
		}
		has := func(st *compare.Stat) bool { return st != nil && st.N > 0 && !math.IsNaN(float64(st.Mean)) }
		both := has(s.Bot) && has(s.Human)
		for _, ser := range []struct {
			name  string
			st    *compare.Stat
			dy    float64
			label string
		}{{"bot", s.Bot, -seriesGap, "bot"}, {"human", s.Human, seriesGap, "human agents"}} {
			if !has(ser.st) {
				continue
			}
			dy := ser.dy
			if !both {
				dy = 0
			}
			m := mark{Series: ser.name, X: pos(float64(ser.st.Mean)), Y: y + dy,
				Title: fmt.Sprintf("%s, %s: %s (n %d)", s.Label, ser.label, statText(*ser.st, s.Prec), ser.st.N)}
			if lo, hi := float64(ser.st.Lo), float64(ser.st.Hi); !math.IsNaN(lo) && !math.IsNaN(hi) {
				m.Lo, m.Hi, m.CI = pos(lo), pos(hi), true
			}
			row.Marks = append(row.Marks, m)
		}
		c.Rows = append(c.Rows, row)
	}
	return c
}

// niceTicks returns about five round values spanning [lo, hi].
func niceTicks(lo, hi float64) []float64 {
	if !(hi > lo) {
		return []float64{lo}
	}
	raw := (hi - lo) / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	var out []float64
	for v := math.Ceil(lo/step-1e-9) * step; v <= hi+1e-9*step; v += step {
		out = append(out, math.Round(v/step)*step)
	}
	return out
}

func tickLabel(v float64) string {
	return num(v, decimalsOf(v))
}

func decimalsOf(v float64) int {
	for p := 0; p < 3; p++ {
		s := strconv.FormatFloat(v, 'f', p, 64)
		if f, _ := strconv.ParseFloat(s, 64); math.Abs(f-v) < 1e-9 {
			return p
		}
	}
	return 3
}

// trendChart is the quality index of each channel over runs: a line per channel, a dot and a vertical
// whisker per run.
type trendChart struct {
	Class          string
	Title          string
	W, H           float64
	X0, X1, Y0, Y1 float64
	YTicks         []tick
	XLabels        []xLabel
	Lines          []trendLine
}

type xLabel struct {
	X            float64
	Label, Title string
}

type trendLine struct {
	Series string
	Points string // the polyline's points attribute
	Marks  []mark
}

func newTrendChart(l layout, points []TrendPoint, runs []TrendPoint) trendChart {
	c := trendChart{Class: l.Class, Title: "Quality index per channel, last runs", W: l.W, H: trendH,
		X0: l.TrendLeft, X1: l.W - trendRight, Y0: topPad, Y1: trendH - bottomPad - 12}
	// The value axis covers the intervals with a margin, in steps of ten, within 0-100.
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range points {
		for _, v := range []float64{p.Mean, p.Lo, p.Hi} {
			if !math.IsNaN(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	if math.IsInf(lo, 0) {
		lo, hi = 0, 100
	}
	lo = math.Max(0, math.Floor(lo/10)*10-10)
	hi = math.Min(100, math.Ceil(hi/10)*10+10)
	if hi-lo < 20 {
		lo, hi = math.Max(0, hi-20), math.Max(hi, 20)
	}
	ypos := func(v float64) float64 { return c.Y1 - (v-lo)/(hi-lo)*(c.Y1-c.Y0) }
	for _, v := range niceTicks(lo, hi) {
		c.YTicks = append(c.YTicks, tick{Pos: ypos(v), Label: tickLabel(v)})
	}
	index := map[string]int{}
	step := (c.X1 - c.X0) / float64(max(1, len(runs)))
	every := (len(runs) + l.MaxXLabels - 1) / l.MaxXLabels // label every run, or every other, …
	for i, r := range runs {
		index[r.RunID] = i
		// A run's name when it fits, else when it started; the tooltip has both.
		label := r.RunName
		if label == "" || len([]rune(label)) > l.RunLabel {
			label = r.StartedAt.UTC().Format(l.DateLabel)
		}
		if (len(runs)-1-i)%max(1, every) != 0 { // the latest run is always labelled
			label = ""
		}
		c.XLabels = append(c.XLabels, xLabel{X: c.X0 + step*(float64(i)+0.5), Label: truncate(label, l.RunLabel),
			Title: fmt.Sprintf("%s, started %s", runLabel(r.RunID, r.RunName), r.StartedAt.UTC().Format("2006-01-02 15:04 UTC"))})
	}
	for _, series := range []string{"bot", "human"} {
		l := trendLine{Series: series}
		dx := -4.0
		if series == "human" {
			dx = 4
		}
		for _, p := range points {
			if p.Channel != series || math.IsNaN(p.Mean) {
				continue
			}
			x := c.X0 + step*(float64(index[p.RunID])+0.5) + dx
			m := mark{Series: series, X: x, Y: ypos(p.Mean),
				Title: fmt.Sprintf("%s, %s: %s (n %d)", runLabel(p.RunID, p.RunName), series, meanCI(p.Mean, p.Lo, p.Hi, 1), p.N)}
			if !math.IsNaN(p.Lo) {
				m.Lo, m.Hi, m.CI = ypos(math.Max(lo, p.Lo)), ypos(math.Min(hi, p.Hi)), true
			}
			if l.Points != "" {
				l.Points += " "
			}
			l.Points += coord(x) + "," + coord(m.Y)
			l.Marks = append(l.Marks, m)
		}
		if len(l.Marks) > 0 {
			c.Lines = append(c.Lines, l)
		}
	}
	return c
}

// coord formats an SVG coordinate.
func coord(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

// funnelChart is the escalation funnel as one stacked bar.
type funnelChart struct {
	Title    string
	W, H     float64
	Segments []segment
}

type segment struct {
	X, W         float64
	Class, Label string
	Title        string
	// Inside is true when the segment is wide enough to hold its label.
	Inside bool
}

func newFunnelChart(f Funnel) funnelChart {
	c := funnelChart{Title: "Escalation funnel of bot conversations", W: funnelW, H: funnelH}
	if f.Total == 0 {
		return c
	}
	x := 0.0
	for _, s := range []struct {
		n            int
		class, label string
	}{{f.BotOnly, "botonly", "bot only"}, {f.Escalated, "escalated", "escalated"}, {f.Abandoned, "abandoned", "abandoned"}} {
		if s.n == 0 {
			continue
		}
		w := float64(s.n) / float64(f.Total) * funnelW
		c.Segments = append(c.Segments, segment{X: x, W: w, Class: s.class,
			Label: fmt.Sprintf("%s %s", percent(s.n, f.Total), s.label),
			Title: fmt.Sprintf("%s: %d of %d (%s)", s.label, s.n, f.Total, percent(s.n, f.Total)),
			// About 8 units per character at the chart's font size.
			Inside: w > 8*float64(len(s.label)+5)})
		x += w
	}
	return c
}
