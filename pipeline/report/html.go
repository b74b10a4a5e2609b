package report

import (
	"embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/convqa/convqa/pipeline/compare"
)

//go:embed templates/*.tmpl
var templateFS embed.FS

var funcs = template.FuncMap{
	"f":   coord,
	"add": func(a, b float64) float64 { return a + b },
	"pct": percent,
}

// templates holds the page and its charts. Parsing is checked by the tests, so Must cannot fail at run time.
var templates = template.Must(template.New("report").Funcs(funcs).ParseFS(templateFS, "templates/*.tmpl"))

// HTML writes the report as one self-contained HTML page: inline CSS and SVG, no script, nothing fetched
// from a network. All text from the store, transcripts included, is escaped by html/template.
func (r *Report) HTML(w io.Writer) error {
	if err := templates.ExecuteTemplate(w, "report.html.tmpl", r.page()); err != nil {
		return fmt.Errorf("render html report: %w", err)
	}
	return nil
}

// page is the report as the HTML template reads it: every number already formatted.
type page struct {
	*Report
	RunLabel, Started, JudgeText, GeneratedText, TrendIDs, TrendNote, CritScaleNote, CoverageNote string
	QI                                                                                            *qiTiles
	QIChart, CritChart                                                                            []dotChart
	Criteria                                                                                      []criterionRow
	Flips                                                                                         bool
	Access                                                                                        []accessTiles
	FunnelChart                                                                                   funnelChart
	TrendChart                                                                                    []trendChart
	Groups                                                                                        []groupSection
	Worst                                                                                         []worstGroup
}

type qiTiles struct {
	Bot, BotCI, Human, HumanCI, Diff, DiffCI, DiffClass, Adj, AdjCI, AdjClass string
	BotN, HumanN                                                              int
}

type criterionRow struct {
	Name, Bot, Human, Diff, Adjusted string
	NBot, NHuman, NABot, NAHuman     int
	Flip                             bool
}

type accessTiles struct {
	Channel, AskedShare, GotShare, GotClass, Turns, Minutes, MinutesNote string
	Asked, Got, Total                                                    int
}

type groupSection struct {
	By    string
	Chart []dotChart
	Rows  []groupRow
}

type groupRow struct {
	Group, Bot, Human, Diff, Verdict, Class string
	NBot, NHuman                            int
}

type worstGroup struct {
	Title string
	Items []worstItem
}

type worstItem struct {
	QI, ID, Meta, Failed, Low, Rationale, Note string
	Turns                                      []Turn
}

func (r *Report) page() *page {
	p := &page{Report: r, RunLabel: runLabel(r.Run.ID, r.Run.Name),
		Started:       r.Run.StartedAt.UTC().Format("2006-01-02 15:04 UTC"),
		GeneratedText: r.Generated.UTC().Format(time.RFC3339)}
	p.JudgeText = "judge off: heuristic criteria only"
	if !r.JudgeOff() {
		p.JudgeText = "judge " + r.Run.Judge
	}
	p.headline()
	p.criteria()
	p.access()
	p.FunnelChart = newFunnelChart(r.Funnel)
	p.trend()
	p.Groups = []groupSection{groupsOf("topic", r.ByTopic), groupsOf("language", r.ByLanguage)}
	p.worst()
	return p
}

func diffClass(d *compare.Diff) string {
	switch {
	case d == nil || math.IsNaN(float64(d.Lo)):
		return ""
	case d.Hi < 0:
		return "neg"
	case d.Lo > 0:
		return "pos"
	}
	return ""
}

func ciText(lo, hi compare.Float, prec int, withSign bool) string {
	if math.IsNaN(float64(lo)) || math.IsNaN(float64(hi)) {
		return "no interval"
	}
	f := num
	if withSign {
		f = signed
	}
	return fmt.Sprintf("95%% CI %s to %s", f(float64(lo), prec), f(float64(hi), prec))
}

func (p *page) headline() {
	q := p.Row(QualityIndex)
	var specs []dotSpec
	if q != nil {
		t := &qiTiles{Bot: num(float64(q.Bot.Mean), 1), BotCI: ciText(q.Bot.Lo, q.Bot.Hi, 1, false), BotN: q.Bot.N,
			Human: num(float64(q.Human.Mean), 1), HumanCI: ciText(q.Human.Lo, q.Human.Hi, 1, false), HumanN: q.Human.N,
			Diff: "–", DiffCI: "needs both channels", Adj: "–", AdjCI: "needs both channels"}
		if q.Diff != nil {
			t.Diff, t.DiffCI, t.DiffClass = signed(float64(q.Diff.Estimate), 1), ciText(q.Diff.Lo, q.Diff.Hi, 1, true), diffClass(q.Diff)
		}
		if a := q.Adjusted; a != nil {
			t.Adj, t.AdjCI, t.AdjClass = signed(float64(a.Estimate), 1), ciText(a.Lo, a.Hi, 1, true), diffClass(&a.Diff)
			if a.Coverage < 0.995 {
				t.AdjCI += fmt.Sprintf(" · covers %.0f%%", 100*a.Coverage)
			}
		}
		p.QI = t
		bot, human := q.Bot, q.Human
		specs = []dotSpec{
			{Label: "Bot", Note: fmt.Sprintf("n %d", bot.N), Bot: &bot, Scale: Scale{0, 100}, Prec: 1},
			{Label: "Human agents", Note: fmt.Sprintf("n %d", human.N), Human: &human, Scale: Scale{0, 100}, Prec: 1},
		}
	}
	p.QIChart = dotCharts("Quality index, bot and human agents, with 95% confidence intervals", Scale{0, 100}, "", specs)
}

func (p *page) criteria() {
	var specs []dotSpec
	var scales []Scale
	for _, row := range p.Channel.Rows {
		if row.Criterion == QualityIndex {
			continue
		}
		scales = append(scales, p.Scale(row.Criterion))
	}
	same := len(scales) > 0 && !slices.ContainsFunc(scales, func(s Scale) bool { return s != scales[0] })
	axis, suffix := Scale{0, 100}, "%"
	p.CritScaleNote = "Each criterion is placed on its own scale, shown as a share of it."
	if same {
		axis, suffix = scales[0], ""
		p.CritScaleNote = fmt.Sprintf("Criteria are scored %s (worst) to %s (best).", num(axis.Min, decimalsOf(axis.Min)), num(axis.Max, decimalsOf(axis.Max)))
	}
	for _, row := range p.Channel.Rows {
		prec := precision(row.Criterion)
		cr := criterionRow{Name: row.Criterion, Bot: statText(row.Bot, prec), Human: statText(row.Human, prec),
			Diff: diffText(row.Diff, prec), NBot: row.Bot.N, NHuman: row.Human.N, NABot: row.Bot.NA, NAHuman: row.Human.NA,
			Flip: row.SignFlip}
		cr.Adjusted = "–"
		if row.Adjusted != nil {
			cr.Adjusted = diffText(&row.Adjusted.Diff, prec)
			if row.Criterion == QualityIndex && row.Adjusted.Coverage < 0.995 {
				p.CoverageNote = fmt.Sprintf(" The adjusted difference covers the %.0f%% of human conversations whose topic × language the bot also served.", 100*row.Adjusted.Coverage)
			}
		}
		p.Criteria = append(p.Criteria, cr)
		p.Flips = p.Flips || row.SignFlip
		if row.Criterion == QualityIndex {
			continue
		}
		bot, human := row.Bot, row.Human
		specs = append(specs, dotSpec{Label: row.Criterion, Bot: &bot, Human: &human, Scale: p.Scale(row.Criterion), Prec: prec,
			Note: fmt.Sprintf("n %d / %d · n/a %d / %d", bot.N, human.N, bot.NA, human.NA)})
	}
	p.CritChart = dotCharts("Criteria, bot and human agents, with 95% confidence intervals", axis, suffix, specs)
}

func (p *page) access() {
	totals := map[string]int{}
	for _, row := range p.Channel.Rows {
		if row.Criterion == QualityIndex {
			totals["bot"], totals["human"] = row.Bot.N+row.Bot.NA, row.Human.N+row.Human.NA
		}
	}
	for _, a := range p.Report.Access {
		if a.Asked == 0 {
			continue
		}
		t := accessTiles{Channel: a.Channel, Asked: a.Asked, Got: a.Got, Total: totals[a.Channel],
			AskedShare: percent(a.Asked, totals[a.Channel]), GotShare: percent(a.Got, a.Asked),
			Turns: num(a.MedianTurns, 1), Minutes: num(a.MedianMinutes, 1), MinutesNote: "after the ask"}
		if a.Got < a.Asked {
			t.GotClass = "neg"
		}
		if a.Got > 0 && math.IsNaN(a.MedianMinutes) {
			t.MinutesNote = "no timestamps"
		}
		p.Access = append(p.Access, t)
	}
}

func (p *page) trend() {
	runs := p.TrendRuns()
	for _, l := range layouts {
		p.TrendChart = append(p.TrendChart, newTrendChart(l, p.Trend, runs))
	}
	ids := make([]string, len(runs))
	for i, r := range runs {
		ids[i] = r.RunID
	}
	p.TrendIDs = strings.Join(ids, ", ")
	if len(runs) < 2 {
		p.TrendNote = "Only one finished run with this rubric so far: the trend grows with each run."
	} else {
		p.TrendNote = fmt.Sprintf("The last %d finished runs with rubric %s %s. Whiskers are normal-approximation 95%% intervals.",
			len(runs), p.Rubric.Name, p.Rubric.Version)
	}
}

// groupsOf lists the quality index per group, the bot's largest shortfall first.
func groupsOf(by string, res *compare.Result) groupSection {
	s := groupSection{By: by}
	var rows []compare.Row
	for _, row := range res.Rows {
		if row.Criterion == QualityIndex {
			rows = append(rows, row)
		}
	}
	est := func(r compare.Row) float64 {
		if r.Diff == nil || math.IsNaN(float64(r.Diff.Estimate)) {
			return math.Inf(1)
		}
		return float64(r.Diff.Estimate)
	}
	slices.SortStableFunc(rows, func(a, b compare.Row) int {
		if c := compareFloat(est(a), est(b)); c != 0 {
			return c
		}
		return strings.Compare(a.Group, b.Group)
	})
	var specs []dotSpec
	for _, row := range rows {
		g := groupRow{Group: row.Group, Bot: statText(row.Bot, 1), Human: statText(row.Human, 1), Diff: diffText(row.Diff, 1),
			NBot: row.Bot.N, NHuman: row.Human.N}
		switch {
		case row.Bot.N == 0 || row.Human.N == 0:
			g.Verdict, g.Class = "one channel only", ""
		case row.Diff == nil || math.IsNaN(float64(row.Diff.Lo)):
			g.Verdict, g.Class = "too few", ""
		case row.Diff.Hi < 0:
			g.Verdict, g.Class = "bot behind", "behind"
		case row.Diff.Lo > 0:
			g.Verdict, g.Class = "bot ahead", "ahead"
		default:
			g.Verdict, g.Class = "close", ""
		}
		s.Rows = append(s.Rows, g)
		bot, human := row.Bot, row.Human
		specs = append(specs, dotSpec{Label: row.Group, Note: fmt.Sprintf("n %d / %d", bot.N, human.N), Bot: &bot, Human: &human,
			Scale: Scale{0, 100}, Prec: 1})
	}
	s.Chart = dotCharts("Quality index by "+by+", bot and human agents", Scale{0, 100}, "", specs)
	return s
}

// dotCharts lays out a dot-and-whisker chart in every layout.
func dotCharts(title string, axis Scale, suffix string, rows []dotSpec) []dotChart {
	out := make([]dotChart, len(layouts))
	for i, l := range layouts {
		out[i] = newDotChart(l, title, axis, suffix, rows)
	}
	return out
}

func compareFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func criterionText(c Criterion) string {
	s := fmt.Sprintf("%s %s / %s", c.Name, num(c.Value, decimalsOf(math.Round(c.Value*100)/100)), num(c.Scale.Max, decimalsOf(c.Scale.Max)))
	if c.AutoFailed {
		s += " (auto-fail)"
	}
	return s
}

func (p *page) worst() {
	titles := map[string]string{"bot": "Bot", "human": "Human agents"}
	for _, c := range p.Report.Worst {
		if len(p.Worst) == 0 || p.Worst[len(p.Worst)-1].Title != titles[c.Channel] {
			t := titles[c.Channel]
			if t == "" {
				t = c.Channel
			}
			p.Worst = append(p.Worst, worstGroup{Title: t})
		}
		it := worstItem{QI: num(c.QualityIndex, 1), ID: c.ID, Rationale: c.Rationale, Turns: c.Turns}
		var meta []string
		for _, m := range []string{c.Topic, c.Language, strconv.Itoa(c.TotalTurns) + " turns"} {
			if m != "" {
				meta = append(meta, m)
			}
		}
		it.Meta = strings.Join(meta, " · ")
		it.Failed = "–"
		if c.Failed.Name != "" {
			it.Failed = criterionText(c.Failed)
		}
		low := make([]string, len(c.Low))
		for i, l := range c.Low {
			low[i] = criterionText(l)
		}
		it.Low = strings.Join(low, ", ")
		var notes []string
		if !c.Evidence && len(c.Turns) > 0 && len(c.Turns) < c.TotalTurns {
			notes = append(notes, fmt.Sprintf("Excerpt: turns %d–%d of %d.", c.Turns[0].Number, c.Turns[len(c.Turns)-1].Number, c.TotalTurns))
		}
		if c.Evidence {
			notes = append(notes, "Turns cited by the judge.")
		}
		if c.Changed {
			notes = append(notes, "The conversation changed after this run scored it; the turns shown are the latest version.")
		}
		it.Note = strings.Join(notes, " ")
		g := &p.Worst[len(p.Worst)-1]
		g.Items = append(g.Items, it)
	}
}
