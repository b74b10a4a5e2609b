package report

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/convqa/convqa/pipeline/compare"
	"github.com/convqa/convqa/pipeline/redact"
	"github.com/convqa/convqa/pipeline/stats"
	"github.com/convqa/convqa/pipeline/store"
	"github.com/convqa/convqa/rubrics"
)

// QualityIndex is the criterion name of the 0-100 quality index.
const QualityIndex = "quality_index"

// Options selects and tunes a report. The zero value reports the latest finished run.
type Options struct {
	// Run is a run id, name or "latest" (the default).
	Run string
	// Bootstrap tunes the confidence intervals; its zero value is 2000 seeded resamples at 95%, as compare.
	Bootstrap stats.BootstrapOptions
	// Worst is how many of the lowest-scoring conversations of each channel are shown; default 5.
	Worst int
	// TrendRuns is how many finished runs with the same rubric the trend covers, this one included; default 10.
	TrendRuns int
	// Now is the time printed as "generated at"; default time.Now().
	Now time.Time
	// Version is the convqa version printed in the footer.
	Version string
}

func (o Options) withDefaults() Options {
	if o.Worst <= 0 {
		o.Worst = 5
	}
	if o.TrendRuns <= 0 {
		o.TrendRuns = 10
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	return o
}

// Report is everything the HTML and Markdown renderings show, read from the store once.
type Report struct {
	Run       store.RunInfo
	Generated time.Time
	Version   string
	// Channel compares bot and human per criterion; ByTopic and ByLanguage split that by group.
	Channel, ByTopic, ByLanguage *compare.Result
	// Scales holds each criterion's scale as stored with its scores.
	Scales map[string]Scale
	Access []Access
	Funnel Funnel
	Trend  []TrendPoint
	Worst  []Conversation
	// Rubric names the rubric the run used.
	Rubric Rubric
}

// Scale is the range of a criterion's values.
type Scale struct{ Min, Max float64 }

// Rubric identifies the rubric of a run.
type Rubric struct{ Name, Version, Hash string }

// Access is access to a human in one channel: of the customers who asked for a person, how many got one and
// how soon.
type Access struct {
	Channel string
	Asked   int
	Got     int
	// MedianTurns and MedianMinutes are over the customers who got a person; NaN when none did, or (minutes)
	// when the transcripts had no timestamps.
	MedianTurns, MedianMinutes float64
}

// Funnel is the escalation funnel of the bot channel. The parts do not overlap: an escalated conversation
// that was then abandoned counts as escalated.
type Funnel struct {
	Total     int
	BotOnly   int // neither escalated nor abandoned
	Escalated int // reached a human agent
	Abandoned int // not escalated, and the customer's last message went unanswered
}

// TrendPoint is the quality index of one channel in one run, with a normal-approximation 95% interval (the
// trend spans many runs; a bootstrap per point would cost more than the whole comparison).
type TrendPoint struct {
	RunID, RunName string
	StartedAt      time.Time
	Channel        string
	N              int
	Mean, Lo, Hi   float64
}

// Conversation is one of the worst conversations of a channel.
type Conversation struct {
	ID, Channel, Topic, Language string
	QualityIndex                 float64
	// Failed is the criterion that failed: an auto-failed one, else the lowest normalised score.
	Failed Criterion
	// Low lists other criteria under half of their scale, lowest first.
	Low []Criterion
	// Rationale is the judge's rationale for Failed, or the quality index's own ("auto-fail: safety_pii").
	Rationale string
	// Evidence is true when Turns are the turns the judge cited; otherwise Turns is an excerpt.
	Evidence bool
	Turns    []Turn
	// qiRationale is the quality index's own rationale ("auto-fail: safety_pii").
	qiRationale string
	// TotalTurns is the conversation's length; Changed is true when its content changed after the run
	// scored it (the turns shown are the latest version).
	TotalTurns int
	Changed    bool
}

// Criterion is one score of a conversation.
type Criterion struct {
	Name       string
	Kind       string
	Value      float64
	Scale      Scale
	Normalized float64
	AutoFailed bool
}

// Turn is one quoted turn, PII redacted. Number is 1-based, as the judge cites turns.
type Turn struct {
	Number int
	Role   string
	Text   string
	pii    bool // the text held personal data, now masked
}

// Build reads one run from db and computes everything the report shows.
func Build(ctx context.Context, db *sql.DB, o Options) (*Report, error) {
	o = o.withDefaults()
	run, err := store.ResolveRun(ctx, db, o.Run)
	if err != nil {
		return nil, err
	}
	r := &Report{Run: run, Generated: o.Now, Version: o.Version,
		Rubric: Rubric{Name: run.RubricName, Version: run.RubricVersion, Hash: run.RubricHash}}
	// Compare resolves by id from here on, so all three comparisons read the same run.
	copt := compare.Options{Run: run.ID, Bootstrap: o.Bootstrap}
	if r.Channel, err = compare.Compare(ctx, db, copt); err != nil {
		return nil, err
	}
	// The groups show the quality index only: bootstrapping the other criteria per group would be wasted.
	copt.Criteria = []string{rubrics.QualityIndex}
	copt.By = "topic"
	if r.ByTopic, err = compare.Compare(ctx, db, copt); err != nil {
		return nil, err
	}
	copt.By = "language"
	if r.ByLanguage, err = compare.Compare(ctx, db, copt); err != nil {
		return nil, err
	}
	for _, step := range []func(context.Context, *sql.DB, Options) error{
		r.readScales, r.readAccess, r.readFunnel, r.readTrend, r.readWorst,
	} {
		if err := step(ctx, db, o); err != nil {
			return nil, err
		}
	}
	return r, nil
}

func (r *Report) readScales(ctx context.Context, db *sql.DB, _ Options) error {
	rows, err := db.QueryContext(ctx, `SELECT criterion, min(scale_min), max(scale_max) FROM scores
		WHERE run_id = ? AND scale_min IS NOT NULL GROUP BY criterion`, r.Run.ID)
	if err != nil {
		return fmt.Errorf("read scales of run %s: %w", r.Run.ID, err)
	}
	defer rows.Close()
	r.Scales = map[string]Scale{}
	for rows.Next() {
		var c string
		var s Scale
		if err := rows.Scan(&c, &s.Min, &s.Max); err != nil {
			return fmt.Errorf("read scales: %w", err)
		}
		r.Scales[c] = s
	}
	return rows.Err()
}

// Scale returns the scale of criterion c: 0-100 for the quality index, 1-5 when the run stored none.
func (r *Report) Scale(c string) Scale {
	if s, ok := r.Scales[c]; ok && s.Max > s.Min {
		return s
	}
	if c == QualityIndex {
		return Scale{0, 100}
	}
	return Scale{1, 5}
}

func nullFloat(v sql.NullFloat64) float64 {
	if !v.Valid {
		return math.NaN()
	}
	return v.Float64
}

func (r *Report) readAccess(ctx context.Context, db *sql.DB, _ Options) error {
	rows, err := db.QueryContext(ctx, `
		SELECT c.channel,
		       count(*) FILTER (WHERE s.asked_for_human = 1),
		       count(*) FILTER (WHERE s.asked_for_human = 1 AND s.got_human = 1),
		       median(s.turns_to_human) FILTER (WHERE s.asked_for_human = 1 AND s.got_human = 1),
		       median(s.seconds_to_human) FILTER (WHERE s.asked_for_human = 1 AND s.got_human = 1) / 60
		FROM signals s JOIN conversations c USING (conversation_id)
		WHERE s.run_id = ?
		GROUP BY c.channel ORDER BY c.channel`, r.Run.ID)
	if err != nil {
		return fmt.Errorf("read access to a human in run %s: %w", r.Run.ID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var a Access
		var turns, mins sql.NullFloat64
		if err := rows.Scan(&a.Channel, &a.Asked, &a.Got, &turns, &mins); err != nil {
			return fmt.Errorf("read access to a human: %w", err)
		}
		a.MedianTurns, a.MedianMinutes = nullFloat(turns), nullFloat(mins)
		r.Access = append(r.Access, a)
	}
	return rows.Err()
}

func (r *Report) readFunnel(ctx context.Context, db *sql.DB, _ Options) error {
	f := &r.Funnel
	err := db.QueryRowContext(ctx, `
		SELECT count(*),
		       count(*) FILTER (WHERE s.escalated = 1),
		       count(*) FILTER (WHERE coalesce(s.escalated, 0) = 0 AND s.abandoned = 1)
		FROM signals s JOIN conversations c USING (conversation_id)
		WHERE s.run_id = ? AND c.channel = 'bot'`, r.Run.ID).Scan(&f.Total, &f.Escalated, &f.Abandoned)
	if err != nil {
		return fmt.Errorf("read escalation funnel of run %s: %w", r.Run.ID, err)
	}
	f.BotOnly = f.Total - f.Escalated - f.Abandoned
	return nil
}

func (r *Report) readTrend(ctx context.Context, db *sql.DB, o Options) error {
	// This run and the finished runs before it with the same rubric: scores on another rubric are not
	// comparable.
	rows, err := db.QueryContext(ctx, `
		WITH picked AS (
			SELECT run_id, name, started_at FROM runs WHERE run_id = ?
			UNION
			(SELECT run_id, name, started_at FROM finished_runs
			 WHERE rubric_hash = ? AND started_at < ? ORDER BY started_at DESC LIMIT ?)
		)
		SELECT p.run_id, coalesce(p.name, ''), p.started_at, c.channel, count(s.value), avg(s.value),
		       stddev_samp(s.value)
		FROM picked p
		JOIN scores s ON s.run_id = p.run_id AND s.criterion = 'quality_index'
		JOIN conversations c ON c.conversation_id = s.conversation_id
		GROUP BY ALL ORDER BY p.started_at, p.run_id, c.channel`,
		r.Run.ID, r.Run.RubricHash, r.Run.StartedAt, o.TrendRuns-1)
	if err != nil {
		return fmt.Errorf("read quality trend: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var p TrendPoint
		var mean, sd sql.NullFloat64
		if err := rows.Scan(&p.RunID, &p.RunName, &p.StartedAt, &p.Channel, &p.N, &mean, &sd); err != nil {
			return fmt.Errorf("read quality trend: %w", err)
		}
		p.Mean, p.Lo, p.Hi = nullFloat(mean), math.NaN(), math.NaN()
		if sd.Valid && p.N >= 2 {
			half := 1.959964 * sd.Float64 / math.Sqrt(float64(p.N))
			p.Lo, p.Hi = p.Mean-half, p.Mean+half
		}
		r.Trend = append(r.Trend, p)
	}
	return rows.Err()
}

// TrendRuns lists the runs of the trend in order, each once.
func (r *Report) TrendRuns() []TrendPoint {
	var out []TrendPoint
	for _, p := range r.Trend {
		if len(out) == 0 || out[len(out)-1].RunID != p.RunID {
			out = append(out, p)
		}
	}
	return out
}

func (r *Report) readWorst(ctx context.Context, db *sql.DB, o Options) error {
	rows, err := db.QueryContext(ctx, `
		SELECT conversation_id, channel, coalesce(topic, ''), coalesce(language, ''), value,
		       coalesce(rationale, ''), content_hash, n_turns, changed
		FROM (
			SELECT s.conversation_id, c.channel, c.topic, c.language, s.value, s.rationale, s.content_hash,
			       c.n_turns, c.content_hash <> s.content_hash AS changed,
			       row_number() OVER (PARTITION BY c.channel ORDER BY s.value, s.conversation_id) AS rank
			FROM scores s JOIN conversations c USING (conversation_id)
			WHERE s.run_id = ? AND s.criterion = 'quality_index' AND s.value IS NOT NULL
		)
		WHERE rank <= ? ORDER BY channel, rank`, r.Run.ID, o.Worst)
	if err != nil {
		return fmt.Errorf("read worst conversations of run %s: %w", r.Run.ID, err)
	}
	var hashes []string
	for rows.Next() {
		var c Conversation
		var h string
		if err := rows.Scan(&c.ID, &c.Channel, &c.Topic, &c.Language, &c.QualityIndex, &c.qiRationale, &h,
			&c.TotalTurns, &c.Changed); err != nil {
			rows.Close()
			return fmt.Errorf("read worst conversations: %w", err)
		}
		r.Worst = append(r.Worst, c)
		hashes = append(hashes, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read worst conversations: %w", err)
	}
	for i := range r.Worst {
		if err := r.readConversation(ctx, db, &r.Worst[i]); err != nil {
			return err
		}
	}
	return nil
}

// excerptTurns is how many turns are quoted when the judge cited none.
const excerptTurns = 6

// maxQuote caps the characters quoted from one turn.
const maxQuote = 600

func (r *Report) readConversation(ctx context.Context, db *sql.DB, c *Conversation) error {
	rows, err := db.QueryContext(ctx, `
		SELECT criterion, kind, value, coalesce(scale_min, 1), coalesce(scale_max, 5), normalized, auto_failed,
		       coalesce(rationale, ''), coalesce(evidence, '')
		FROM scores
		WHERE run_id = ? AND conversation_id = ? AND criterion <> 'quality_index' AND NOT na AND value IS NOT NULL
		ORDER BY auto_failed DESC, normalized, evidence IS NULL, criterion`, r.Run.ID, c.ID) // on a tie, the one with evidence to quote
	if err != nil {
		return fmt.Errorf("read scores of %s: %w", c.ID, err)
	}
	var evidence string
	first := true
	for rows.Next() {
		var k Criterion
		var norm sql.NullFloat64
		var rationale, ev string
		if err := rows.Scan(&k.Name, &k.Kind, &k.Value, &k.Scale.Min, &k.Scale.Max, &norm, &k.AutoFailed, &rationale, &ev); err != nil {
			rows.Close()
			return fmt.Errorf("read scores of %s: %w", c.ID, err)
		}
		k.Normalized = nullFloat(norm)
		switch {
		case first:
			c.Failed, evidence, first = k, ev, false
			if rationale != "" {
				c.Rationale = rationale
			}
		case k.Normalized < 50 && len(c.Low) < 3:
			c.Low = append(c.Low, k)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read scores of %s: %w", c.ID, err)
	}
	if c.Rationale == "" && c.qiRationale != "auto-fail: "+c.Failed.Name {
		// The quality index's rationale says something the failed criterion does not.
		c.Rationale = c.qiRationale
	}

	turns, err := readTurns(ctx, db, c.ID)
	if err != nil {
		return err
	}
	var cited []int
	if evidence != "" {
		_ = json.Unmarshal([]byte(evidence), &cited) // a malformed array only loses the quote
	}
	for _, n := range cited {
		if n >= 1 && n <= len(turns) {
			c.Turns = append(c.Turns, turns[n-1])
		}
	}
	c.Evidence = len(c.Turns) > 0
	if !c.Evidence {
		start := 0
		switch c.Failed.Name {
		case "safety_pii":
			// Quote from the turn before the first agent-side turn that gave personal data away.
			for i, t := range turns {
				if t.pii && t.Role != "customer" {
					start = max(0, i-1)
					break
				}
			}
		case "access_to_human":
			// Quote from the customer's ask for a person: that is what failed.
			var at sql.NullFloat64
			_ = db.QueryRowContext(ctx, `SELECT asked_for_human_turn FROM signals WHERE run_id = ? AND conversation_id = ?`,
				r.Run.ID, c.ID).Scan(&at)
			if at.Valid && int(at.Float64) < len(turns) {
				start = max(0, int(at.Float64))
			}
		}
		c.Turns = turns[start:min(len(turns), start+excerptTurns)]
	}
	return nil
}

// readTurns reads a conversation's turns with personal data masked consistently across them.
func readTurns(ctx context.Context, db *sql.DB, id string) ([]Turn, error) {
	rows, err := db.QueryContext(ctx, `SELECT turn_index, role, text FROM turns WHERE conversation_id = ? ORDER BY turn_index`, id)
	if err != nil {
		return nil, fmt.Errorf("read turns of %s: %w", id, err)
	}
	defer rows.Close()
	red := redact.NewRedactor()
	var out []Turn
	for rows.Next() {
		var t Turn
		if err := rows.Scan(&t.Number, &t.Role, &t.Text); err != nil {
			return nil, fmt.Errorf("read turns of %s: %w", id, err)
		}
		t.Number++
		masked := red.Redact(t.Text)
		t.pii = masked != t.Text
		t.Text = truncate(masked, maxQuote)
		out = append(out, t)
	}
	return out, rows.Err()
}

// truncate shortens s to at most n runes, marking the cut with an ellipsis.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := 0
	for j := range s {
		if i == n {
			return strings.TrimSpace(s[:j]) + "…"
		}
		i++
	}
	return s
}

// Row returns the channel comparison of criterion c, or nil.
func (r *Report) Row(c string) *compare.Row {
	for i := range r.Channel.Rows {
		if r.Channel.Rows[i].Criterion == c {
			return &r.Channel.Rows[i]
		}
	}
	return nil
}

// JudgeOff reports whether the run scored without the LLM judge.
func (r *Report) JudgeOff() bool { return r.Run.Judge == "" || r.Run.Judge == "off" }
