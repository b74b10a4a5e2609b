package heuristics

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Specificity of the agent side. The failure customers describe in bots that are "basically a filter" is the
// generic answer: "I understand your concern", "please check our help centre", "is there anything else?".
// Answers that help carry something concrete: a number (an order, a date, an amount, a step), a name (a product,
// a place, a film), a quoted item or a link. agent_specific_share is the share of agent-side turns that carry at
// least one; the specificity scorer reads it. On AB-ReDial's segment ratings, segments whose recommender names
// films rate higher (Spearman +0.22 on the dev part); on whole dialogues the effect is small (+0.08).
func init() {
	signalDefs = append(signalDefs, signalDef{"agent_specific_share",
		"Share of agent-side turns carrying a specific: a digit, a quoted item, a link or e-mail address, or a capitalised word inside a sentence (a name; not \"I\", \"OK\", and not in German, which capitalises every noun); NaN without agent-side turns.",
		func(s *Signals) float64 { return s.AgentSpecificShare }})
	scorers = append(scorers, scorer{"specificity",
		"n/a without agent-side turns; agent_specific_share: 1 when every agent-side turn carries a number, a name, a quoted item or a link, 0 when none does.",
		specificity})
}

// specific is what a turn carries: concrete is a digit, a quoted item or a link, named a capitalised word
// inside a sentence. named is discarded for languages that capitalise every noun.
type specific struct{ concrete, named bool }

// capitalisesNouns lists the languages whose nouns are capitalised anywhere in a sentence.
var capitalisesNouns = map[string]bool{"de": true, "lb": true}

// findSpecific scans one turn's text; ASCII text never leaves the byte loop.
func findSpecific(text string) specific {
	var sp specific
	quotes := 0
	start := true // at the start of a sentence
	prevLetter, prevApos := false, false
	for i := 0; i < len(text) && !(sp.concrete && sp.named); {
		r, n := rune(text[i]), 1
		upper, letter := asciiUpper(r), asciiLetter(r)
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(text[i:])
			upper, letter = unicode.IsUpper(r), unicode.IsLetter(r)
		}
		switch {
		case r >= '0' && r <= '9':
			sp.concrete = true
		case r == '"' || r == '“' || r == '”' || r == '«' || r == '»' || r == '„':
			quotes++
		case r == '@' && prevLetter && i+n < len(text) && asciiLetter(rune(text[i+n])):
			sp.concrete = true
		case r == '.' || r == '!' || r == '?' || r == '\n' || r == ':' || r == '…':
			start = true
		case upper && !prevLetter && !prevApos:
			if !start && !pronounI(text[i:]) {
				sp.named = true
			}
			start = false
		case letter:
			start = false
		}
		prevLetter, prevApos = letter, r == '\''
		i += n
	}
	if quotes >= 2 || strings.Contains(text, "://") || strings.Contains(text, "www.") {
		sp.concrete = true
	}
	return sp
}

func asciiUpper(r rune) bool  { return r >= 'A' && r <= 'Z' }
func asciiLetter(r rune) bool { return r|0x20 >= 'a' && r|0x20 <= 'z' }

// pronounI reports whether the word at the start of s is the English pronoun I (I, I'm, I'll, I've, I'd) or
// OK, capitalised without naming anything.
func pronounI(s string) bool {
	end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '’' })
	if end < 0 {
		end = len(s)
	}
	switch strings.ReplaceAll(s[:end], "’", "'") {
	case "I", "I'm", "I'll", "I've", "I'd", "OK", "Ok":
		return true
	}
	return false
}

func specificity(s *Signals) (float64, bool) {
	return s.AgentSpecificShare, known(s.AgentSpecificShare)
}
