package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/convqa/convqa/pipeline/compare"
)

// minus is the typographic minus sign used in every number the report prints.
const minus = "−"

// num formats v with prec decimals; an undefined value is an en dash.
func num(v float64, prec int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	s := strconv.FormatFloat(v, 'f', prec, 64)
	if strings.HasPrefix(s, "-") {
		if strings.Trim(s, "-0.") == "" {
			return s[1:] // no "−0.0"
		}
		return minus + s[1:]
	}
	return s
}

// signed formats v with an explicit sign.
func signed(v float64, prec int) string {
	s := num(v, prec)
	if v > 0 && s != strconv.FormatFloat(0, 'f', prec, 64) {
		return "+" + s
	}
	return s
}

// precision is the number of decimals a criterion's values are printed with.
func precision(criterion string) int {
	if criterion == QualityIndex {
		return 1
	}
	return 2
}

// meanCI formats a mean with its interval: "80.6 [76.5, 84.4]".
func meanCI(mean, lo, hi float64, prec int) string {
	if math.IsNaN(mean) {
		return "–"
	}
	if math.IsNaN(lo) || math.IsNaN(hi) {
		return num(mean, prec)
	}
	return fmt.Sprintf("%s [%s, %s]", num(mean, prec), num(lo, prec), num(hi, prec))
}

func statText(s compare.Stat, prec int) string {
	return meanCI(float64(s.Mean), float64(s.Lo), float64(s.Hi), prec)
}

func diffText(d *compare.Diff, prec int) string {
	if d == nil || math.IsNaN(float64(d.Estimate)) {
		return "–"
	}
	if math.IsNaN(float64(d.Lo)) {
		return signed(float64(d.Estimate), prec)
	}
	return fmt.Sprintf("%s [%s, %s]", signed(float64(d.Estimate), prec), signed(float64(d.Lo), prec), signed(float64(d.Hi), prec))
}

// percent formats part of whole as a whole percentage.
func percent(part, whole int) string {
	if whole == 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f%%", 100*float64(part)/float64(whole))
}

// Headline says in plain words how the channels compare on the quality index.
func (r *Report) Headline() string {
	q := r.Row(QualityIndex)
	if q == nil || q.Bot.N+q.Human.N == 0 {
		return "This run has no quality index scores."
	}
	ci := func(s compare.Stat) string {
		if math.IsNaN(float64(s.Lo)) {
			return num(float64(s.Mean), 1)
		}
		return fmt.Sprintf("%s (95%% CI %s–%s)", num(float64(s.Mean), 1), num(float64(s.Lo), 1), num(float64(s.Hi), 1))
	}
	switch {
	case q.Human.N == 0:
		return fmt.Sprintf("Only bot conversations were scored in this run: quality index %s out of 100.", ci(q.Bot))
	case q.Bot.N == 0:
		return fmt.Sprintf("Only human-agent conversations were scored in this run: quality index %s out of 100.", ci(q.Human))
	}
	s := fmt.Sprintf("The bot scored %s on the quality index and human agents %s", ci(q.Bot), ci(q.Human))
	if q.Diff == nil {
		return s + "."
	}
	s += ": " + gap(q.Diff) + "."
	if a := q.Adjusted; a != nil && !math.IsNaN(float64(a.Estimate)) {
		s += fmt.Sprintf(" Compared on the human agents' mix of topics and languages, the difference is %s points", signed(float64(a.Estimate), 1))
		if !math.IsNaN(float64(a.Lo)) {
			s += fmt.Sprintf(" (95%% CI %s to %s)", signed(float64(a.Lo), 1), signed(float64(a.Hi), 1))
		}
		if a.Coverage < 0.995 {
			s += fmt.Sprintf("; %.0f%% of human conversations fall in topics and languages the bot also served", 100*a.Coverage)
		}
		s += "."
	}
	if q.SignFlip {
		s += " The raw and adjusted differences disagree in sign: the raw gap reflects which cases each channel handles, not how well."
	}
	return s
}

// gap describes a bot-minus-human difference of quality index points.
func gap(d *compare.Diff) string {
	est, lo, hi := float64(d.Estimate), float64(d.Lo), float64(d.Hi)
	ci := ""
	if !math.IsNaN(lo) {
		ci = fmt.Sprintf(" (95%% CI of the difference %s to %s)", signed(lo, 1), signed(hi, 1))
	}
	switch {
	case !math.IsNaN(hi) && hi < 0:
		return fmt.Sprintf("the bot is %s points behind%s", num(-est, 1), ci)
	case !math.IsNaN(lo) && lo > 0:
		return fmt.Sprintf("the bot is %s points ahead%s", num(est, 1), ci)
	case math.IsNaN(lo):
		return fmt.Sprintf("a difference of %s points", signed(est, 1))
	}
	return fmt.Sprintf("a difference of %s points, within the noise%s", signed(est, 1), ci)
}

// runLabel names a run for people: its name, else its start time.
func runLabel(id, name string) string {
	if name != "" {
		return name
	}
	return id
}
