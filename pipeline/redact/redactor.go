package redact

import (
	"slices"
	"strconv"
	"strings"
)

// maxPasses is a safety net for Redact. Each pass that changes the text masks at least one digit or '@' that
// is not in a placeholder, so the loop ends anyway; in practice the second pass finds nothing.
const maxPasses = 64

// Redactor masks personal data with placeholders that are consistent across the texts of one conversation:
// the same card number is "[CARD_1]" wherever it appears, whatever its spacing; a different one is "[CARD_2]".
// Values are compared after normalisation: digits only for cards and national ids, upper case without spaces
// for IBANs, lower case for e-mail addresses and account ids, and for phone numbers the digits without a "00"
// or trunk "0" prefix, so that "+46 70 123 45 67" and "070-123 45 67" are the same number.
//
// A value found once is also masked wherever its exact text occurs again in the conversation, even where Find
// would not report it on its own ("aphoenix939" alone after "username: aphoenix939"). Use one Redactor per
// conversation; the zero Redactor is not usable, call NewRedactor. A Redactor is not safe for concurrent use.
type Redactor struct {
	byKey  map[string]string // kind + "\x00" + normalised value → placeholder
	phones []phone
	counts map[Kind]int
	known  []known // longest first
}

type phone struct {
	digits      string
	placeholder string
}

// known is the exact text of a value already masked.
type known struct {
	text, placeholder string
	// anywhere: cards, IBANs and e-mail addresses are masked even inside a longer word; shorter kinds only
	// as a whole word, so "555-1234" does not eat into "1-555-1234x".
	anywhere bool
}

// NewRedactor returns a Redactor with no values seen yet.
func NewRedactor() *Redactor {
	return &Redactor{byKey: make(map[string]string), counts: make(map[Kind]int)}
}

// Redact returns s with every piece of personal data replaced by its placeholder ("[EMAIL_1]"). Text without
// personal data is returned unchanged, and Redact of its own output is the identity.
func (r *Redactor) Redact(s string) string {
	for range maxPasses {
		out, changed := r.pass(s)
		if !changed {
			return out
		}
		s = out
	}
	return s
}

type span struct {
	start, end  int
	placeholder string
}

// pass masks what Find reports in s, then every other occurrence of values already known. Masking can make
// text next to a placeholder read differently, so Redact repeats passes until one changes nothing.
func (r *Redactor) pass(s string) (string, bool) {
	if !mayContainPII(s) {
		return s, false
	}
	ms := Find(s)
	spans := make([]span, 0, len(ms))
	for _, m := range ms {
		spans = append(spans, span{m.Start, m.End, r.placeholder(m)})
	}
	if extra := r.knownSpans(s, spans); len(extra) > 0 {
		spans = append(spans, extra...)
		slices.SortFunc(spans, func(a, b span) int { return a.start - b.start })
	}
	if len(spans) == 0 {
		return s, false
	}
	var b strings.Builder
	b.Grow(len(s))
	last := 0
	for _, sp := range spans {
		b.WriteString(s[last:sp.start])
		b.WriteString(sp.placeholder)
		last = sp.end
	}
	b.WriteString(s[last:])
	return b.String(), true
}

// knownSpans returns the occurrences of known values in s outside the spans found and outside placeholders.
func (r *Redactor) knownSpans(s string, found []span) []span {
	if !slices.ContainsFunc(r.known, func(k known) bool { return strings.Contains(s, k.text) }) {
		return nil
	}
	taken := make([]bool, len(s)) // bytes already masked, or inside a placeholder
	for _, sp := range found {
		for j := sp.start; j < sp.end; j++ {
			taken[j] = true
		}
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '[' {
			if n := placeholderLen(s, i); n > 0 {
				for j := i; j < i+n; j++ {
					taken[j] = true
				}
				i += n - 1
			}
		}
	}
	free := func(start, end int) bool {
		for j := start; j < end; j++ {
			if taken[j] {
				return false
			}
		}
		for j := start; j < end; j++ {
			taken[j] = true
		}
		return true
	}
	var out []span
	for _, k := range r.known {
		for from := 0; ; {
			j := strings.Index(s[from:], k.text)
			if j < 0 {
				break
			}
			start, end := from+j, from+j+len(k.text)
			whole := (start == 0 || !isWord(s[start-1])) && (end == len(s) || !isWord(s[end]))
			if (k.anywhere || whole) && free(start, end) { // free marks the span taken
				out = append(out, span{start, end, k.placeholder})
				from = end
			} else {
				from = start + 1
			}
		}
	}
	return out
}

// placeholder returns the placeholder of m's value, creating one for a value not seen before.
func (r *Redactor) placeholder(m Match) string {
	key := normalise(m)
	var p string
	if m.Kind == KindPhone {
		for _, ph := range r.phones {
			if samePhone(ph.digits, key) {
				p = ph.placeholder
				break
			}
		}
	} else {
		p = r.byKey[string(m.Kind)+"\x00"+key]
	}
	if p == "" {
		r.counts[m.Kind]++
		p = "[" + string(m.Kind) + "_" + strconv.Itoa(r.counts[m.Kind]) + "]"
		if m.Kind == KindPhone {
			r.phones = append(r.phones, phone{key, p})
		} else {
			r.byKey[string(m.Kind)+"\x00"+key] = p
		}
	}
	r.remember(m, p)
	return p
}

// remember records the exact text of a masked value, so that its other occurrences are masked too.
func (r *Redactor) remember(m Match, placeholder string) {
	for _, k := range r.known {
		if k.text == m.Text {
			return
		}
	}
	anywhere := m.Kind == KindCard || m.Kind == KindIBAN || m.Kind == KindEmail
	r.known = append(r.known, known{text: m.Text, placeholder: placeholder, anywhere: anywhere})
	slices.SortStableFunc(r.known, func(a, b known) int { return len(b.text) - len(a.text) })
}

// Same reports whether m and o are the same personal data however they are written: the same kind and value
// ("+1 (555) 123-4567" and "555.123.4567", "Ann@Example.com" and "ann@example.com").
func (m Match) Same(o Match) bool {
	if m.Kind != o.Kind {
		return false
	}
	a, b := normalise(m), normalise(o)
	if m.Kind == KindPhone {
		return samePhone(a, b)
	}
	return a == b
}

// normalise returns the value of m that decides whether two matches are the same.
func normalise(m Match) string {
	switch m.Kind {
	case KindCard, KindSSN:
		return digitsOf(m.Text)
	case KindIBAN:
		return strings.ToUpper(strings.ReplaceAll(m.Text, " ", ""))
	case KindPhone:
		t := strings.Replace(m.Text, "(0)", "", 1)
		d := digitsOf(t)
		switch {
		case strings.HasPrefix(d, "00"):
			d = d[2:]
		case !strings.HasPrefix(t, "+") && strings.HasPrefix(d, "0"):
			d = d[1:]
		}
		return d
	}
	return strings.ToLower(m.Text)
}

// samePhone reports whether two normalised phone numbers are the same line: equal, or equal but for a
// country code of 1-3 digits on the longer one.
func samePhone(a, b string) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	d := len(a) - len(b)
	return d == 0 && a == b || d >= 1 && d <= 3 && len(b) >= 7 && strings.HasSuffix(a, b)
}

func digitsOf(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			b = append(b, s[i])
		}
	}
	return string(b)
}
