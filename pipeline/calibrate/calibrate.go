package calibrate

import (
	"math"
	"slices"
	"sort"
	"strconv"

	"github.com/convqa/convqa/pipeline/stats"
	"github.com/convqa/convqa/pipeline/store"
	"github.com/convqa/convqa/rubrics"
)

// Overall is the label criterion compared with the quality index, unless the run scored a criterion of that
// name.
const Overall = "overall"

// ChannelAll names the rows over both channels.
const ChannelAll = "all"

// Float is a float64 that encodes NaN (undefined, e.g. a correlation of fewer than three pairs) as JSON null,
// and other values rounded to four decimals.
type Float float64

// MarshalJSON encodes NaN and infinities as null.
func (f Float) MarshalJSON() ([]byte, error) {
	v := float64(f)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, math.Round(v*1e4)/1e4, 'f', -1, 64), nil
}

// Row is the agreement of one label criterion with its score criterion in one channel (or "all").
type Row struct {
	// Criterion is the label criterion; ComparedWith the score criterion it is compared with, "" (JSON null)
	// when the run has none of that name.
	Criterion    string  `json:"criterion"`
	ComparedWith *string `json:"compared_with"`
	Channel      string  `json:"channel"`
	// N counts the labelled conversations with a score (not n/a); the figures below are over them.
	N int `json:"n"`
	// Spearman, Kendall (tau-b) and Pearson correlate the score with the mean of the graders' labels.
	Spearman Float `json:"spearman"`
	Kendall  Float `json:"kendall"`
	Pearson  Float `json:"pearson"`
	// QWK is the quadratic-weighted kappa between the score mapped onto the label scale (see ToLabelScale)
	// and the graders' mean, both rounded to integers.
	QWK Float `json:"qwk"`
	// MAE is the mean absolute difference between the mapped score (unrounded) and the graders' mean, in
	// label-scale units.
	MAE Float `json:"mae"`
	// SpearmanLo and SpearmanHi bound an approximate 95% confidence interval of Spearman (see SpearmanCI): with
	// a few dozen labels it is wide, and worth reading before the point value.
	SpearmanLo Float `json:"spearman_lo"`
	SpearmanHi Float `json:"spearman_hi"`
	// NA counts labelled conversations of the run whose score was n/a.
	NA int `json:"na"`
	// Alpha is the graders' own agreement, Krippendorff's alpha (interval), on the row's conversations: the
	// ceiling the score is measured against. AlphaUnits counts those conversations that two or more graders
	// labelled; Alpha is null when there are none.
	Alpha      Float `json:"alpha"`
	AlphaUnits int   `json:"alpha_units"`
	// LabelMin and LabelMax are the label scale: the lowest and highest label of the criterion in the file.
	LabelMin float64 `json:"label_min"`
	LabelMax float64 `json:"label_max"`
}

// Bias is the judge bias check for one label criterion scored by the judge: the mean of judge minus graders
// (label-scale units) on bot transcripts and on human transcripts. A judge that favours or punishes bots shows
// as a BotMinusHuman away from zero.
type Bias struct {
	Criterion     string  `json:"criterion"`
	ComparedWith  string  `json:"compared_with"`
	Bot           BiasArm `json:"bot"`
	Human         BiasArm `json:"human"`
	BotMinusHuman Float   `json:"bot_minus_human"`
}

// BiasArm is the judge-minus-graders difference on one channel.
type BiasArm struct {
	N        int   `json:"n"`
	MeanDiff Float `json:"mean_diff"`
}

// Result is the calibration of one run against one label set. Its JSON form is printed by
// `convqa calibrate --format json` and documented in README.md.
type Result struct {
	// Criteria holds the rows of every label criterion over both channels first, then per channel.
	Criteria []Row `json:"criteria"`
	// Unmatched counts labelled conversations the run did not score.
	Unmatched int `json:"unmatched"`

	Run          RunRef          `json:"run"`
	Labels       *store.LabelSet `json:"labels,omitempty"`
	Split        Split           `json:"split"`
	Matched      int             `json:"matched"`
	JudgeBias    []Bias          `json:"judge_bias,omitempty"`
	Fit          *FitResult      `json:"fit,omitempty"`
	UnmatchedIDs []string        `json:"-"`
}

// RunRef names the run calibrated.
type RunRef struct {
	ID            string `json:"run_id"`
	Name          string `json:"name,omitempty"`
	RubricName    string `json:"rubric_name"`
	RubricVersion string `json:"rubric_version"`
	Judge         string `json:"judge"`
}

// Options tunes Calibrate. The zero value compares each label criterion with the score criterion of the same
// name, and overall with quality_index.
type Options struct {
	// Map compares label criteria (keys) with score criteria of other names (values), e.g. a team's
	// "helpfulness" grade with the rubric's resolution.
	Map map[string]string
}

// ScoreCriterion returns the score criterion a label criterion is compared with in this data, and false when
// the run has none.
func (d *Data) ScoreCriterion(label string, o Options) (string, bool) {
	target := label
	if m, ok := o.Map[label]; ok {
		target = m
	} else if label == Overall && !slices.Contains(d.Criteria, Overall) {
		target = rubrics.QualityIndex
	}
	return target, slices.Contains(d.Criteria, target)
}

// graded is one labelled conversation's grades of one criterion.
type graded struct {
	conv    *Conversation
	ratings []float64 // one per grade
	mean    float64
}

// labelCriteria returns the label criteria in file order, and per criterion the graded conversations of the
// run (in file order) and the label scale.
func (d *Data) labelCriteria() (names []string, byName map[string][]*graded, scale map[string][2]float64) {
	byName = map[string][]*graded{}
	scale = map[string][2]float64{}
	index := map[[2]string]*graded{}
	for _, l := range d.Labels {
		s, ok := scale[l.Criterion]
		if !ok {
			names = append(names, l.Criterion)
			s = [2]float64{l.Value, l.Value}
		}
		scale[l.Criterion] = [2]float64{min(s[0], l.Value), max(s[1], l.Value)}
		c := d.Conversations[l.ConversationID]
		if c == nil {
			continue
		}
		k := [2]string{l.Criterion, l.ConversationID}
		g := index[k]
		if g == nil {
			g = &graded{conv: c}
			index[k] = g
			byName[l.Criterion] = append(byName[l.Criterion], g)
		}
		g.ratings = append(g.ratings, l.Value)
	}
	for _, gs := range byName {
		for _, g := range gs {
			g.mean = mean(g.ratings)
		}
	}
	return names, byName, scale
}

// Calibrate compares the scores with the labels per label criterion and channel.
func Calibrate(d *Data, o Options) *Result {
	res := &Result{
		Run: RunRef{ID: d.Run.ID, Name: d.Run.Name, RubricName: d.Run.RubricName, RubricVersion: d.Run.RubricVersion,
			Judge: d.Run.Judge},
		Split: SplitAll, Unmatched: len(d.Unmatched), UnmatchedIDs: d.Unmatched, Matched: len(d.Conversations),
	}
	names, byName, scale := d.labelCriteria()
	channels := d.channels()
	var perChannel []Row
	for _, name := range names {
		target, ok := d.ScoreCriterion(name, o)
		sc := scale[name]
		if !ok {
			// Nothing to compare with; the graders' own agreement is still worth showing.
			row := Row{Criterion: name, Channel: ChannelAll, Spearman: nan, Kendall: nan, Pearson: nan, QWK: nan,
				MAE: nan, SpearmanLo: nan, SpearmanHi: nan, LabelMin: sc[0], LabelMax: sc[1]}
			row.Alpha, row.AlphaUnits = raterAlpha(byName[name])
			res.Criteria = append(res.Criteria, row)
			continue
		}
		res.Criteria = append(res.Criteria, agreement(name, target, ChannelAll, byName[name], sc))
		for _, ch := range channels {
			var in []*graded
			for _, g := range byName[name] {
				if g.conv.Channel == ch {
					in = append(in, g)
				}
			}
			perChannel = append(perChannel, agreement(name, target, ch, in, sc))
		}
		if b, ok := judgeBias(name, target, byName[name], sc); ok {
			res.JudgeBias = append(res.JudgeBias, b)
		}
	}
	res.Criteria = append(res.Criteria, perChannel...)
	return res
}

var nan = Float(math.NaN())

// channels returns the channels of the matched conversations, sorted.
func (d *Data) channels() []string {
	var out []string
	for _, c := range d.Conversations {
		if !slices.Contains(out, c.Channel) {
			out = append(out, c.Channel)
		}
	}
	sort.Strings(out)
	return out
}

func agreement(label, target, channel string, gs []*graded, scale [2]float64) Row {
	t := target
	row := Row{Criterion: label, ComparedWith: &t, Channel: channel, LabelMin: scale[0], LabelMax: scale[1]}
	var auto, human []float64
	var autoInt, humanInt []int
	row.Alpha, row.AlphaUnits = raterAlpha(gs)
	for _, g := range gs {
		s := g.conv.Scores[target]
		if s.NA || math.IsNaN(s.Normalized) {
			row.NA++
			continue
		}
		mapped := ToLabelScale(s.Normalized, scale[0], scale[1])
		auto = append(auto, s.Normalized)
		human = append(human, g.mean)
		autoInt = append(autoInt, int(math.Round(mapped)))
		humanInt = append(humanInt, int(math.Round(g.mean)))
	}
	row.N = len(auto)
	row.Spearman = Float(stats.Spearman(auto, human))
	row.Kendall = Float(stats.Kendall(auto, human))
	row.Pearson = Float(stats.Pearson(auto, human))
	lo, hi := SpearmanCI(float64(row.Spearman), row.N)
	row.SpearmanLo, row.SpearmanHi = Float(lo), Float(hi)
	row.QWK, row.MAE = nan, nan
	if row.N >= 3 {
		row.QWK = Float(stats.QWK(autoInt, humanInt, int(math.Round(scale[0])), int(math.Round(scale[1]))))
		mapped := make([]float64, len(auto))
		for i, a := range auto {
			mapped[i] = ToLabelScale(a, scale[0], scale[1])
		}
		row.MAE = Float(stats.MAE(mapped, human))
	}
	return row
}

// raterAlpha returns the graders' Krippendorff's alpha (interval) over the conversations, and how many of them
// two or more graders labelled; alpha is NaN when none.
func raterAlpha(gs []*graded) (Float, int) {
	units := make([][]float64, 0, len(gs))
	n := 0
	for _, g := range gs {
		units = append(units, g.ratings)
		if len(g.ratings) >= 2 {
			n++
		}
	}
	if n == 0 {
		return nan, 0
	}
	return Float(stats.KrippendorffAlpha(units, stats.MetricInterval)), n
}

// SpearmanCI returns an approximate 95% confidence interval of a Spearman correlation rho of n pairs: Fisher's
// z-transform with the variance 1.06/(n-3) of Fieller, Hartley and Pearson (1957). It is NaN for n < 4 or an
// undefined rho; a perfect |rho| = 1 gives the point.
func SpearmanCI(rho float64, n int) (lo, hi float64) {
	if n < 4 || math.IsNaN(rho) {
		return math.NaN(), math.NaN()
	}
	if math.Abs(rho) >= 1 {
		return rho, rho
	}
	z, half := math.Atanh(rho), 1.96*math.Sqrt(1.06/float64(n-3))
	return math.Tanh(z - half), math.Tanh(z + half)
}

// ToLabelScale maps a score normalized onto 0-100 linearly onto the label scale [lo, hi]: 0 is lo, 100 is hi.
// QWK rounds the result to the nearest integer; MAE uses it as it is.
func ToLabelScale(normalized, lo, hi float64) float64 {
	return lo + min(max(normalized, 0), 100)/100*(hi-lo)
}

// judgeBias compares judge-minus-graders on bot and human transcripts, when the judge scored the criterion.
func judgeBias(label, target string, gs []*graded, scale [2]float64) (Bias, bool) {
	var sum [2]float64
	var n [2]int
	for _, g := range gs {
		s := g.conv.Scores[target]
		if s.Kind != string(rubrics.KindJudge) || s.NA || math.IsNaN(s.Normalized) {
			continue
		}
		i := 1
		if g.conv.Channel == "bot" {
			i = 0
		}
		sum[i] += ToLabelScale(s.Normalized, scale[0], scale[1]) - g.mean
		n[i]++
	}
	if n[0]+n[1] == 0 {
		return Bias{}, false
	}
	arm := func(i int) BiasArm {
		if n[i] == 0 {
			return BiasArm{MeanDiff: nan}
		}
		return BiasArm{N: n[i], MeanDiff: Float(sum[i] / float64(n[i]))}
	}
	b := Bias{Criterion: label, ComparedWith: target, Bot: arm(0), Human: arm(1)}
	b.BotMinusHuman = b.Bot.MeanDiff - b.Human.MeanDiff
	return b, true
}

func mean(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}
