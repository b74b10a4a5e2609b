package heuristics

import "math"

type scorer struct {
	name, doc string
	score     func(*Signals) (float64, bool)
}

// Thresholds of the scorers.
const (
	// quickHumanTurns and quickHumanSeconds: a human within this many turns or seconds of the ask is full marks.
	quickHumanTurns   = 2
	quickHumanSeconds = 120
	// slowHumanSeconds is where the time part of access_to_human bottoms out at minLateHuman.
	slowHumanSeconds = 30 * 60
	minLateHuman     = 0.2
	// fastReply and slowReply bound the responsiveness curve (log-linear from 1 to 0 between them).
	fastReply = 30
	slowReply = 600
	// longSeconds: beyond it, efficiency loses a little per extra quarter hour. Turns have no such limit: a long
	// chat is as often one with several requests, each served, as one that goes round in circles (loops and
	// repeats count those), and customers rated longer chats higher on the rated sets explored (README).
	longSeconds = 15 * 60
)

var scorers = []scorer{
	{"access_to_human", "n/a unless the customer asked for a person; 0 when none came; 1 when one came within 2 turns or 2 minutes of the ask, else min(turn part: 1-0.1*(turns-2), time part: log-linear to 0.2 at 30 minutes), at least 0.2.", accessToHuman},
	{"efficiency", "n/a without customer and agent-side turns; 1 minus 0.15 per loop (bot or agent) and per customer repeat, 0.1 per fallback and 0.1 per 15 minutes beyond 15 (at most 0.2); the number of turns alone costs nothing.", efficiency},
	{"responsiveness", "n/a without response times; mean over first and median response of 1 at <= 30 s, 0 at >= 10 min, log-linear between.", responsiveness},
	{"bot_competence", "n/a without bot turns; 1 - 1.5*(bot fallbacks + bot loops)/bot turns, clamped to [0,1].", botCompetence},
	{"language_match", "n/a when either side's language is undetectable; 1 when the agent side answers in the customer's language, else 0.", languageMatch},
	{"pii_safety", "n/a without agent-side turns; 0 when the agent side writes out a card, IBAN or national id; else 0.5 when it echoes contact data the customer wrote (agent_pii_echoed); else 1. A business's phone number given as an answer is not exposure.", piiSafety},
	{"greeting_closing", "n/a under 3 turns or without agent-side turns; 0.5 for a greeting plus 0.5 for a closing.", greetingClosingScore},
	{"readability", "n/a when readability is unknown; the agent side's reading ease / 100.", readabilityScore},
	{"resolution_signal", "n/a without customer turns; unresolved 0, abandoned 0.25, resolved 1, customer's last turn thanks 0.7, otherwise 0.5 (no evidence either way).", resolutionSignal},
	{"frustration", "n/a without customer turns; 1/(1 + 0.5*markers): 1 with none, 0.67 with one, 0.5 with two.", frustrationScore},
}

// Scorers returns the names Score accepts, in a fixed order.
func Scorers() []string {
	out := make([]string, len(scorers))
	for i, s := range scorers {
		out[i] = s.name
	}
	return out
}

// Score maps the signals onto [0,1] (1 best) for one heuristic criterion. ok is false when the criterion does
// not apply to the conversation, or the scorer is unknown; such a result must be stored as n/a, never as 0.
func Score(name string, s *Signals) (x float64, ok bool) {
	if s == nil {
		return 0, false
	}
	for _, sc := range scorers {
		if sc.name == name {
			x, ok = sc.score(s)
			if !ok || math.IsNaN(x) {
				return 0, false
			}
			return clamp(x, 0, 1), true
		}
	}
	return 0, false
}

func known(x float64) bool { return !math.IsNaN(x) }

func accessToHuman(s *Signals) (float64, bool) {
	if !s.AskedForHuman {
		return 0, false
	}
	if s.GotHuman != 1 {
		return 0, true
	}
	t, sec := s.TurnsToHuman, s.SecondsToHuman
	if known(t) && t <= quickHumanTurns || known(sec) && sec <= quickHumanSeconds {
		// Either measure is enough: a human on the next turn is quick even if the queue clock says otherwise.
		return 1, true
	}
	x := 1.0
	if known(t) {
		x = math.Min(x, 1-0.1*(t-quickHumanTurns))
	}
	if known(sec) {
		x = math.Min(x, 1-(1-minLateHuman)*math.Log(sec/quickHumanSeconds)/math.Log(slowHumanSeconds/quickHumanSeconds))
	}
	return math.Max(minLateHuman, x), true
}

func efficiency(s *Signals) (float64, bool) {
	if s.CustomerTurns == 0 || s.AgentTurns == 0 {
		return 0, false
	}
	x := 1 - 0.15*float64(s.BotLoops+s.HumanAgentLoops) - 0.15*float64(s.CustomerRepeats) - 0.1*float64(s.FallbackAnswers)
	if known(s.DurationS) {
		x -= math.Min(0.2, 0.1*math.Floor(math.Max(0, s.DurationS-longSeconds)/longSeconds))
	}
	return x, true
}

func replyScore(sec float64) float64 {
	if sec <= fastReply {
		return 1
	}
	return math.Max(0, 1-math.Log(sec/fastReply)/math.Log(float64(slowReply)/fastReply))
}

func responsiveness(s *Signals) (float64, bool) {
	sum, n := 0.0, 0
	for _, v := range []float64{s.FirstResponseS, s.MedianResponseS} {
		if known(v) {
			sum += replyScore(v)
			n++
		}
	}
	if n == 0 {
		return 0, false
	}
	return sum / float64(n), true
}

func botCompetence(s *Signals) (float64, bool) {
	if s.BotTurns == 0 {
		return 0, false
	}
	return 1 - 1.5*float64(s.BotFallbackAnswers+s.BotLoops)/float64(s.BotTurns), true
}

func languageMatch(s *Signals) (float64, bool) {
	return s.LanguageMatch, known(s.LanguageMatch)
}

func piiSafety(s *Signals) (float64, bool) {
	switch {
	case s.AgentTurns == 0:
		return 0, false
	case s.AgentPIISevere > 0:
		return 0, true
	case s.AgentPIIEchoed > 0:
		return 0.5, true
	}
	return 1, true
}

func greetingClosingScore(s *Signals) (float64, bool) {
	if s.Turns < 3 || s.AgentTurns == 0 {
		return 0, false
	}
	return 0.5*b2f(s.Greeting) + 0.5*b2f(s.Closing), true
}

func readabilityScore(s *Signals) (float64, bool) {
	return s.Readability / 100, known(s.Readability)
}

func resolutionSignal(s *Signals) (float64, bool) {
	switch {
	case s.CustomerTurns == 0:
		return 0, false
	case s.Unresolved:
		return 0, true
	case s.Abandoned:
		return 0.25, true
	case s.Resolved:
		return 1, true
	case s.CustomerThanks:
		return 0.7, true
	}
	return 0.5, true
}

func frustrationScore(s *Signals) (float64, bool) {
	if s.CustomerTurns == 0 {
		return 0, false
	}
	return 1 / (1 + 0.5*float64(s.Frustration)), true
}
