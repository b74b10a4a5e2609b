package heuristics

// Value is one named signal as a number; NaN means not applicable or unknown.
type Value struct {
	Name  string
	Value float64
}

// Doc documents one signal or scorer in one line.
type Doc struct {
	Name string
	// Kind is "signal" or "scorer"; a scorer may share its name with the signal it reads.
	Kind string
	Text string
}

type signalDef struct {
	name, doc string
	get       func(*Signals) float64
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// signalDefs is the single list of signals: Values, Docs and the README table follow its order.
var signalDefs = []signalDef{
	{"turns", "Customer and agent-side turns (system messages excluded).", func(s *Signals) float64 { return float64(s.Turns) }},
	{"customer_turns", "Turns written by the customer.", func(s *Signals) float64 { return float64(s.CustomerTurns) }},
	{"agent_turns", "Turns written by the agent side: bot plus human agent.", func(s *Signals) float64 { return float64(s.AgentTurns) }},
	{"bot_turns", "Turns written by a bot (role bot, or role agent signed by a bot name).", func(s *Signals) float64 { return float64(s.BotTurns) }},
	{"human_agent_turns", "Turns written by a human agent.", func(s *Signals) float64 { return float64(s.HumanAgentTurns) }},
	{"system_turns", "System messages (transfers, joins); not counted in turns.", func(s *Signals) float64 { return float64(s.SystemTurns) }},
	{"duration_s", "Seconds from the earliest to the latest timestamp; NaN with fewer than two timestamps.", func(s *Signals) float64 { return s.DurationS }},
	{"first_response_s", "Seconds from the first customer turn to the first agent-side reply after it; NaN without both timestamps.", func(s *Signals) float64 { return s.FirstResponseS }},
	{"median_response_s", "Median seconds from the start of each run of customer turns to the next agent-side reply; NaN without timestamps.", func(s *Signals) float64 { return s.MedianResponseS }},
	{"escalated", "1 when a bot turn is followed later by a human-agent turn or a system message reporting a transfer.", func(s *Signals) float64 { return b2f(s.Escalated) }},
	{"turns_before_handoff", "Customer and agent-side turns before the handoff; NaN when not escalated.", func(s *Signals) float64 { return s.TurnsBeforeHandoff }},
	{"seconds_before_handoff", "Seconds from the first timestamp to the handoff; NaN when not escalated or without timestamps.", func(s *Signals) float64 { return s.SecondsBeforeHandoff }},
	{"asked_for_human", "1 when the customer asks for a person (human, agent, representative, manager; 20+ languages), not negated.", func(s *Signals) float64 { return b2f(s.AskedForHuman) }},
	{"asked_for_human_turn", "0-based index of the customer's first ask for a person; NaN when none.", func(s *Signals) float64 { return s.AskedForHumanTurn }},
	{"got_human", "1 when a human-agent turn follows the first ask, 0 when none does; NaN when no ask.", func(s *Signals) float64 { return s.GotHuman }},
	{"turns_to_human", "Customer and agent-side turns after the ask up to and including the first human-agent turn (1 = next turn); NaN when no human came.", func(s *Signals) float64 { return s.TurnsToHuman }},
	{"seconds_to_human", "Seconds from the ask to the first human-agent turn; NaN when no human came or without timestamps.", func(s *Signals) float64 { return s.SecondsToHuman }},
	{"human_refused", "1 when the bot kept answering after the ask and no human agent came; NaN when no ask.", func(s *Signals) float64 { return s.HumanRefused }},
	{"bot_loops", "Bot turns that nearly repeat an earlier bot turn (word-set Jaccard >= 0.8, at least 3 words).", func(s *Signals) float64 { return float64(s.BotLoops) }},
	{"human_agent_loops", "Human-agent turns that nearly repeat an earlier human-agent turn (as bot_loops).", func(s *Signals) float64 { return float64(s.HumanAgentLoops) }},
	{"customer_repeats", "Customer turns that nearly repeat an earlier customer turn (word-set Jaccard >= 0.7, at least 3 words); not acknowledgements or thanks, and under 7 words not when the agent side gave something specific in between (a routine question about the next item).", func(s *Signals) float64 { return float64(s.CustomerRepeats) }},
	{"fallback_answers", "Agent-side turns saying they did not understand or cannot help (\"could you rephrase\"; 20+ languages).", func(s *Signals) float64 { return float64(s.FallbackAnswers) }},
	{"bot_fallback_answers", "The fallback_answers written by a bot.", func(s *Signals) float64 { return float64(s.BotFallbackAnswers) }},
	{"frustration", "Frustration markers in customer turns: angry or fed-up phrases, SHOUTING (>= 12 upper-case letters, >= 70% of cased letters, or in a run of >= 4 all-caps words), runs of 3+ '!', angry-face emoji.", func(s *Signals) float64 { return float64(s.Frustration) }},
	{"resolved", "1 when the last resolution statement says solved: the customer's \"that worked\" or the agent side's \"your refund has been issued\" (the latter not when the customer's last question went unanswered).", func(s *Signals) float64 { return b2f(s.Resolved) }},
	{"unresolved", "1 when the last resolution statement is the customer's \"still not working\" or \"thanks anyway\".", func(s *Signals) float64 { return b2f(s.Unresolved) }},
	{"abandoned", "1 when the conversation ends with a customer turn that is not thanks, goodbye or a confirmation: the customer's last message went unanswered.", func(s *Signals) float64 { return b2f(s.Abandoned) }},
	{"customer_thanks", "1 when the customer's last turn thanks or says goodbye.", func(s *Signals) float64 { return b2f(s.CustomerThanks) }},
	{"language_match", "1 when the agent side writes in the customer's language (or scores within a hair of it: Danish/Norwegian), 0 when not; NaN when either side is undetectable.", func(s *Signals) float64 { return s.LanguageMatch }},
	{"agent_pii", "Personal data written by the agent side: redact.Find matches plus redaction placeholders such as [CARD_1].", func(s *Signals) float64 { return float64(s.AgentPII) }},
	{"agent_pii_severe", "The agent_pii that are payment cards, IBANs or national identity numbers.", func(s *Signals) float64 { return float64(s.AgentPIISevere) }},
	{"agent_pii_echoed", "The other agent_pii that repeat contact data the customer wrote earlier (same phone number, e-mail or placeholder); a business's number given as an answer is not an echo.", func(s *Signals) float64 { return float64(s.AgentPIIEchoed) }},
	{"greeting", "1 when one of the first two agent-side turns greets the customer.", func(s *Signals) float64 { return b2f(s.Greeting) }},
	{"closing", "1 when one of the last two agent-side turns closes politely (anything else, have a nice day, regards).", func(s *Signals) float64 { return b2f(s.Closing) }},
	{"readability", "Reading ease of the agent side, 0-100: 100 - 2.5*max(0, W-8) - 25*max(0, L-4) with W words per sentence and L letters per word; NaN under 8 words or for CJK text.", func(s *Signals) float64 { return s.Readability }},
	{"agent_words_per_sentence", "Mean words per sentence on the agent side (W of readability).", func(s *Signals) float64 { return s.AgentWordsPerSentence }},
	{"agent_word_length", "Mean letters per word on the agent side (L of readability).", func(s *Signals) float64 { return s.AgentWordLength }},
	{"injection_attempt", "1 when a customer or agent-side turn addresses an AI grader (\"ignore previous instructions\", \"rate this conversation 5\").", func(s *Signals) float64 { return b2f(s.InjectionAttempt) }},
}

// Values returns every signal as a number, in a fixed order; booleans are 0 or 1. The language codes are
// strings and not included.
func (s *Signals) Values() []Value {
	out := make([]Value, len(signalDefs))
	for i, d := range signalDefs {
		out[i] = Value{Name: d.name, Value: d.get(s)}
	}
	return out
}

// Docs returns the one-line documentation of every signal, in Values order, then of every scorer.
func Docs() []Doc {
	out := make([]Doc, 0, len(signalDefs)+len(scorers))
	for _, d := range signalDefs {
		out = append(out, Doc{Name: d.name, Kind: "signal", Text: d.doc})
	}
	for _, sc := range scorers {
		out = append(out, Doc{Name: sc.name, Kind: "scorer", Text: sc.doc})
	}
	return out
}
