package redact

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// findEmails returns the e-mail addresses in s, in order. An address is a local part of letters (ASCII or
// Latin, Greek, Cyrillic), digits and ._%+-' (not starting or ending with punctuation, at most 64 bytes), an '@',
// and a domain of at least two dot-separated labels of letters, digits and inner hyphens whose last label is 2-24
// ASCII letters. Quoted local parts, IP-literal domains and addresses in other scripts are not recognised: they
// are rare in support chats and recognising them would cost precision on ordinary text.
func findEmails(s string) []Match {
	var out []Match
	from := 0
	for from < len(s) {
		at := strings.IndexByte(s[from:], '@')
		if at < 0 {
			break
		}
		at += from
		m, ok := emailAt(s, from, at)
		if ok {
			out = append(out, m)
			from = m.End
		} else {
			from = at + 1
		}
	}
	return out
}

// emailAt checks the address around the '@' at s[at]; the local part may not start before min.
func emailAt(s string, min, at int) (Match, bool) {
	start := at
	for start > min {
		if class[s[start-1]]&(cDigit|cLetter|cLocal) != 0 {
			start--
			continue
		}
		if r, size := utf8.DecodeLastRuneInString(s[min:start]); latinLetter(r) {
			start -= size
			continue
		}
		break
	}
	for start < at && class[s[start]]&cLocal != 0 {
		start++ // a local part starts with a letter or digit: "'bob@x.se'" is bob@x.se
	}
	if start == at || at-start > 64 || class[s[at-1]]&cLocal != 0 {
		return Match{}, false
	}
	end := at + 1
	for end < len(s) {
		if class[s[end]]&(cDigit|cLetter|cDomain) != 0 {
			end++
			continue
		}
		if r, size := utf8.DecodeRuneInString(s[end:]); latinLetter(r) {
			end += size
			continue
		}
		break
	}
	for end > at+1 && (s[end-1] == '.' || s[end-1] == '-') {
		end-- // a trailing "." or "-" ends the sentence, not the domain
	}
	if end-at-1 > 253 || end < len(s) && s[end] == '@' {
		return Match{}, false
	}
	labels := 0
	lastStart := at + 1
	for j := at + 1; j <= end; j++ {
		if j < end && s[j] != '.' {
			continue
		}
		label := s[lastStart:j]
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return Match{}, false
		}
		labels++
		lastStart = j + 1
	}
	if labels < 2 {
		return Match{}, false
	}
	tld := s[strings.LastIndexByte(s[:end], '.')+1 : end]
	if len(tld) < 2 || len(tld) > 24 {
		return Match{}, false
	}
	for i := 0; i < len(tld); i++ {
		if !isLetter(tld[i]) {
			return Match{}, false
		}
	}
	return match(s, KindEmail, start, end), true
}

// latinLetter reports whether r is a non-ASCII letter of the Latin, Greek or Cyrillic blocks, which may occur in
// internationalised addresses ("jürgen@müller.de"). Other scripts end the address, so that an address glued to
// CJK text ("邮箱是wang@example.cn") is found without the text before it.
func latinLetter(r rune) bool { return r >= 0x80 && r < 0x530 && unicode.IsLetter(r) }
