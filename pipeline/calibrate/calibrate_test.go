package calibrate

import (
	"encoding/json"
	"math"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/pipeline/store"
)

func heur(norm float64) Score { return Score{Kind: "heuristic", Value: norm, Normalized: norm} }

func naScore() Score {
	return Score{Kind: "heuristic", Value: math.NaN(), Normalized: math.NaN(), NA: true}
}

// testData builds Data from conversations and labels; the run stored the criteria given.
func testData(criteria []string, labels []store.Label, convs ...*Conversation) *Data {
	d := &Data{Run: store.RunInfo{ID: "run-1", RubricName: "support", RubricVersion: "1.0.0", Judge: "off"},
		Labels: labels, Conversations: map[string]*Conversation{}, Criteria: criteria}
	seen := map[string]bool{}
	for _, c := range convs {
		d.Conversations[c.ID] = c
	}
	for _, l := range labels {
		if d.Conversations[l.ConversationID] == nil && !seen[l.ConversationID] {
			seen[l.ConversationID] = true
			d.Unmatched = append(d.Unmatched, l.ConversationID)
		}
	}
	return d
}

func label(id, criterion string, v float64, rater string) store.Label {
	return store.Label{ConversationID: id, Criterion: criterion, Value: v, Rater: rater}
}

func rowOf(t *testing.T, res *Result, criterion, channel string) Row {
	t.Helper()
	for _, r := range res.Criteria {
		if r.Criterion == criterion && r.Channel == channel {
			return r
		}
	}
	t.Fatalf("no row %s/%s", criterion, channel)
	return Row{}
}

func isNaN(f Float) bool { return math.IsNaN(float64(f)) }

func TestCalibratePerfectAgreementAndChannels(t *testing.T) {
	var convs []*Conversation
	var labels []store.Label
	for i := range 5 {
		id := "c" + strconv.Itoa(i)
		ch := "bot"
		if i%2 == 1 {
			ch = "human"
		}
		convs = append(convs, &Conversation{ID: id, Channel: ch, Scores: map[string]Score{"quality_index": heur(25 * float64(i))}})
		labels = append(labels, label(id, "overall", float64(i+1), "ann"))
	}
	labels = append(labels, label("gone-1", "overall", 3, "ann"), label("gone-2", "overall", 3, "ann"))
	res := Calibrate(testData([]string{"efficiency", "quality_index"}, labels, convs...), Options{})

	assert.Equal(t, 2, res.Unmatched)
	assert.Equal(t, []string{"gone-1", "gone-2"}, res.UnmatchedIDs)
	assert.Equal(t, 5, res.Matched)
	require.Len(t, res.Criteria, 3)
	assert.Equal(t, []string{"all", "bot", "human"}, []string{res.Criteria[0].Channel, res.Criteria[1].Channel, res.Criteria[2].Channel})

	all := res.Criteria[0]
	assert.Equal(t, "overall", all.Criterion)
	require.NotNil(t, all.ComparedWith)
	assert.Equal(t, "quality_index", *all.ComparedWith)
	assert.Equal(t, 5, all.N)
	for name, v := range map[string]Float{"spearman": all.Spearman, "kendall": all.Kendall, "pearson": all.Pearson, "qwk": all.QWK} {
		assert.InDelta(t, 1, float64(v), 1e-12, name)
	}
	assert.InDelta(t, 0, float64(all.MAE), 1e-12)
	assert.Equal(t, [2]float64{1, 5}, [2]float64{all.LabelMin, all.LabelMax}, "the label scale is the file's, unmatched conversations included")
	assert.True(t, isNaN(all.Alpha), "one grader: no agreement to measure")

	bot := rowOf(t, res, "overall", "bot")
	assert.Equal(t, 3, bot.N)
	assert.InDelta(t, 1, float64(bot.Spearman), 1e-12)
	human := rowOf(t, res, "overall", "human")
	assert.Equal(t, 2, human.N)
	for name, v := range map[string]Float{"spearman": human.Spearman, "kendall": human.Kendall, "pearson": human.Pearson, "qwk": human.QWK, "mae": human.MAE} {
		assert.True(t, isNaN(v), "%s of two conversations must be undefined, not 0", name)
	}
}

func TestCalibrateComparedWith(t *testing.T) {
	convs := []*Conversation{
		{ID: "a", Channel: "bot", Scores: map[string]Score{"overall": heur(10), "quality_index": heur(90), "resolution_signal": heur(50), "efficiency": naScore()}},
		{ID: "b", Channel: "bot", Scores: map[string]Score{"overall": heur(50), "quality_index": heur(50), "resolution_signal": heur(100), "efficiency": heur(75)}},
		{ID: "c", Channel: "bot", Scores: map[string]Score{"overall": heur(90), "quality_index": heur(10), "resolution_signal": heur(0), "efficiency": heur(100)}},
	}
	labels := []store.Label{
		label("a", "overall", 1, ""), label("b", "overall", 2, ""), label("c", "overall", 3, ""),
		label("a", "helpfulness", 2, ""), label("b", "helpfulness", 3, ""), label("c", "helpfulness", 1, ""),
		label("a", "efficiency", 1, ""), label("b", "efficiency", 2, ""), label("c", "efficiency", 3, ""),
		label("a", "empathy", 1, "x"), label("a", "empathy", 2, "y"), label("b", "empathy", 3, "x"), label("b", "empathy", 3, "y"),
	}

	// The rubric defines overall: it is compared with that, not with the quality index.
	res := Calibrate(testData([]string{"overall", "resolution_signal", "efficiency", "quality_index"}, labels, convs...), Options{Map: map[string]string{"helpfulness": "resolution_signal"}})
	overall := rowOf(t, res, "overall", "all")
	assert.Equal(t, "overall", *overall.ComparedWith)
	assert.InDelta(t, 1, float64(overall.Spearman), 1e-12)
	help := rowOf(t, res, "helpfulness", "all")
	assert.Equal(t, "resolution_signal", *help.ComparedWith)
	assert.InDelta(t, 1, float64(help.Spearman), 1e-12)
	eff := rowOf(t, res, "efficiency", "all")
	assert.Equal(t, 2, eff.N)
	assert.Equal(t, 1, eff.NA, "n/a is counted, never scored as 0")
	assert.True(t, isNaN(eff.Spearman))

	// A label criterion the run has no score for: compared with nothing, but the graders' alpha is shown.
	emp := rowOf(t, res, "empathy", "all")
	assert.Nil(t, emp.ComparedWith)
	assert.Equal(t, 0, emp.N)
	assert.Equal(t, 2, emp.AlphaUnits)
	assert.False(t, isNaN(emp.Alpha))
	for _, r := range res.Criteria {
		assert.False(t, r.Criterion == "empathy" && r.Channel != "all", "no per-channel rows without a score criterion")
	}

	// Without overall in the rubric, overall goes to the quality index.
	res = Calibrate(testData([]string{"quality_index"}, labels[:3], convs...), Options{})
	overall = rowOf(t, res, "overall", "all")
	assert.Equal(t, "quality_index", *overall.ComparedWith)
	assert.InDelta(t, -1, float64(overall.Spearman), 1e-12)
}

// TestCalibrateRaterAlpha feeds the textbook example of Krippendorff (2011, section C) through the labels:
// four graders, twelve conversations, interval alpha 0.849.
func TestCalibrateRaterAlpha(t *testing.T) {
	m := math.NaN()
	graders := map[string][]float64{
		"A": {1, 2, 3, 3, 2, 1, 4, 1, 2, m, m, m},
		"B": {1, 2, 3, 3, 2, 2, 4, 1, 2, 5, m, 3},
		"C": {m, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, m},
		"D": {1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, m},
	}
	var labels []store.Label
	var convs []*Conversation
	for u := range 12 {
		id := "u" + strconv.Itoa(u)
		convs = append(convs, &Conversation{ID: id, Channel: "human", Scores: map[string]Score{"quality_index": heur(float64(u))}})
		for _, g := range []string{"A", "B", "C", "D"} {
			if v := graders[g][u]; !math.IsNaN(v) {
				labels = append(labels, label(id, "overall", v, g))
			}
		}
	}
	res := Calibrate(testData([]string{"quality_index"}, labels, convs...), Options{})
	all := rowOf(t, res, "overall", "all")
	assert.InDelta(t, 0.849, float64(all.Alpha), 0.0005)
	assert.Equal(t, 11, all.AlphaUnits, "unit 12 has one grade")
	assert.Equal(t, 12, all.N)
	assert.Equal(t, float64(rowOf(t, res, "overall", "human").Alpha), float64(all.Alpha))
}

func TestCalibrateJSON(t *testing.T) {
	labels := []store.Label{label("a", "overall", 1, ""), label("b", "overall", 5, ""), label("a", "tone", 1, "")}
	convs := []*Conversation{
		{ID: "a", Channel: "bot", Scores: map[string]Score{"quality_index": heur(10)}},
		{ID: "b", Channel: "human", Scores: map[string]Score{"quality_index": heur(90)}},
	}
	res := Calibrate(testData([]string{"quality_index"}, labels, convs...), Options{})
	b, err := json.Marshal(res)
	require.NoError(t, err)
	var got struct {
		Criteria  []map[string]any `json:"criteria"`
		Unmatched *int             `json:"unmatched"`
	}
	require.NoError(t, json.Unmarshal(b, &got))
	require.NotNil(t, got.Unmatched)
	require.NotEmpty(t, got.Criteria)
	for _, key := range []string{"criterion", "compared_with", "channel", "n", "spearman", "kendall", "pearson", "qwk", "mae"} {
		assert.Contains(t, got.Criteria[0], key)
	}
	assert.Equal(t, "all", got.Criteria[0]["channel"])
	assert.Nil(t, got.Criteria[0]["spearman"], "undefined is null, never 0")
	assert.Nil(t, got.Criteria[1]["compared_with"])
	assert.Equal(t, "all", got.Criteria[1]["channel"], "all rows first")
	assert.Equal(t, "bot", got.Criteria[2]["channel"])
	assert.JSONEq(t, `0.1235`, string(must(Float(0.123456).MarshalJSON())))
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

func TestJudgeBias(t *testing.T) {
	judge := func(norm float64) Score { return Score{Kind: "judge", Value: norm, Normalized: norm} }
	var convs []*Conversation
	var labels []store.Label
	// Graders give 3 (scale 1-5 once 1 and 5 occur). The judge says 75 (4 on the scale) for bots and 50 (3) for
	// humans: it favours bots by one point.
	for i := range 8 {
		id := "c" + strconv.Itoa(i)
		ch, s := "bot", judge(75)
		if i%2 == 1 {
			ch, s = "human", judge(50)
		}
		convs = append(convs, &Conversation{ID: id, Channel: ch, Scores: map[string]Score{"resolution": s, "efficiency": heur(50)}})
		labels = append(labels, label(id, "resolution", 3, ""), label(id, "efficiency", 3, ""))
	}
	labels = append(labels, label("x", "resolution", 1, ""), label("x", "resolution", 5, ""))
	res := Calibrate(testData([]string{"resolution", "efficiency"}, labels, convs...), Options{})
	require.Len(t, res.JudgeBias, 1, "heuristic criteria have no judge bias")
	b := res.JudgeBias[0]
	assert.Equal(t, "resolution", b.Criterion)
	assert.Equal(t, 4, b.Bot.N)
	assert.Equal(t, 4, b.Human.N)
	assert.InDelta(t, 1, float64(b.Bot.MeanDiff), 1e-12)
	assert.InDelta(t, 0, float64(b.Human.MeanDiff), 1e-12)
	assert.InDelta(t, 1, float64(b.BotMinusHuman), 1e-12)
}

func TestSpearmanCI(t *testing.T) {
	// rho = 0.5 of 28 pairs: z = 0.5493, half-width 1.96*sqrt(1.06/25) = 0.4036: tanh(0.1457) = 0.1447,
	// tanh(0.9529) = 0.7411.
	lo, hi := SpearmanCI(0.5, 28)
	assert.InDelta(t, 0.1447, lo, 1e-4)
	assert.InDelta(t, 0.7411, hi, 1e-4)
	lo, hi = SpearmanCI(-0.5, 28)
	assert.InDelta(t, -0.7411, lo, 1e-4)
	assert.InDelta(t, -0.1447, hi, 1e-4)
	lo, hi = SpearmanCI(1, 10)
	assert.Equal(t, [2]float64{1, 1}, [2]float64{lo, hi})
	for _, n := range []int{0, 2, 3} {
		lo, hi = SpearmanCI(0.3, n)
		assert.True(t, math.IsNaN(lo) && math.IsNaN(hi), "n=%d", n)
	}
	lo, _ = SpearmanCI(math.NaN(), 100)
	assert.True(t, math.IsNaN(lo))
}

func TestToLabelScale(t *testing.T) {
	for _, tt := range []struct{ norm, lo, hi, want float64 }{
		{0, 1, 5, 1}, {100, 1, 5, 5}, {50, 1, 5, 3}, {62.5, 1, 5, 3.5}, {50, 0, 1, 0.5}, {-3, 1, 5, 1}, {130, 1, 5, 5}, {40, 2, 2, 2},
	} {
		assert.InDelta(t, tt.want, ToLabelScale(tt.norm, tt.lo, tt.hi), 1e-12, "%v", tt)
	}
}
