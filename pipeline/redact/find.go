package redact

// Kind names a category of personal data. Its value is also the stem of the placeholder ("[CARD_1]").
type Kind string

// The kinds Find reports. Precision was chosen over recall wherever the two pull apart; TestCorpus measures
// both per kind on hand-written corpora (testdata/*_report.golden).
const (
	// KindCard is a payment card number: 13-19 digits with an issuer prefix that fits the length, optionally
	// grouped by single spaces or dashes, Luhn-valid.
	KindCard Kind = "CARD"
	// KindIBAN is an international bank account number with a valid country length and mod-97 checksum.
	KindIBAN Kind = "IBAN"
	// KindEmail is an e-mail address with a Latin-script local part and a dotted domain.
	KindEmail Kind = "EMAIL"
	// KindPhone is a telephone number in international or common national notation.
	KindPhone Kind = "PHONE"
	// KindSSN is a national identity number: a US social security number (AAA-GG-SSSS) or a Swedish
	// personnummer ((YY)YYMMDD-NNNN) with a valid date and check digit; without dashes only after a word such
	// as "SSN" or "personnummer".
	KindSSN Kind = "SSN"
	// KindIP is a dotted IPv4 address not introduced as a version number.
	KindIP Kind = "IP"
	// KindAccount is a user name, account, customer or member id that the text itself labels as one
	// ("username: jdoe42", "kundnummer 123456"); it must contain a digit.
	KindAccount Kind = "ACCOUNT"
)

// Match is one piece of personal data found in a text. Start and End are byte offsets, Text is s[Start:End].
type Match struct {
	Kind       Kind
	Start, End int
	Text       string
}

// char classes, one bit each, looked up in a table so the hot loop stays branch-light.
const (
	cDigit  = 1 << iota // 0-9
	cLetter             // A-Z a-z
	cLocal              // allowed in an e-mail local part besides letters and digits
	cDomain             // allowed in an e-mail domain besides letters and digits
)

var class = func() (t [256]uint8) {
	for c := '0'; c <= '9'; c++ {
		t[c] |= cDigit
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] |= cLetter
		t[c-'a'+'A'] |= cLetter
	}
	for _, c := range "._%+-'" {
		t[c] |= cLocal
	}
	for _, c := range ".-" {
		t[c] |= cDomain
	}
	return t
}()

func isDigit(c byte) bool  { return class[c]&cDigit != 0 }
func isLetter(c byte) bool { return class[c]&cLetter != 0 }

// isWord reports whether c is an ASCII letter or digit. Bytes of multi-byte UTF-8 characters are not word
// bytes, so a number glued to CJK text ("电话070-123 45 67") is still found.
func isWord(c byte) bool { return class[c]&(cDigit|cLetter) != 0 }

// mayContainPII is the fast path: every kind Find reports contains a digit or an '@'.
func mayContainPII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c-'0' <= 9 || c == '@' {
			return true
		}
	}
	return false
}

// Find returns the personal data found in s, in order of position and non-overlapping. Text without a digit or
// an '@' returns nil at once. Placeholders written by a Redactor ("[CARD_1]") are never reported.
func Find(s string) []Match {
	if !mayContainPII(s) {
		return nil
	}
	emails := findEmails(s)
	var out []Match
	ei, prevEnd := 0, -1
	for i := 0; i < len(s); {
		for ei < len(emails) && emails[ei].Start < i {
			ei++ // jumped over by an earlier match; kept as a guard, Find drops such matches
		}
		if ei < len(emails) && emails[ei].Start == i {
			out = append(out, emails[ei])
			i, prevEnd = emails[ei].End, emails[ei].End
			ei++
			continue
		}
		c := s[i]
		var m Match
		var ok bool
		next := i + 1
		switch {
		case isWord(c):
			next = wordEnd(s, i)
			m, ok = findAtWord(s, i, next, prevEnd)
		case c == '+' || c == '(':
			if i+1 < len(s) && isDigit(s[i+1]) && (i == 0 || !isWord(s[i-1])) {
				m, ok = findNumber(s, i, prevEnd)
			}
		case c == '[':
			if n := placeholderLen(s, i); n > 0 {
				next = i + n
			}
		}
		if ok && ei < len(emails) && m.End > emails[ei].Start {
			ok = false // the e-mail address wins
		}
		if ok {
			out = append(out, m)
			prevEnd = m.End
			next = m.End
			if next < len(s) && isWord(s[next]) {
				next = wordEnd(s, next)
			}
		}
		i = next
	}
	return out
}

func wordEnd(s string, i int) int {
	for i < len(s) && isWord(s[i]) {
		i++
	}
	return i
}

// findAtWord tries every detector on the word s[i:end]; prevEnd is the end of the previous match.
func findAtWord(s string, i, end, prevEnd int) (Match, bool) {
	if isDigit(s[i]) {
		if m, ok := findNumber(s, i, prevEnd); ok {
			return m, true
		}
		return findAccount(s, i)
	}
	if m, ok := findIBAN(s, i); ok {
		return m, true
	}
	if end < len(s) && (s[end] == '.' || s[end] == '_' || s[end] == '-') {
		return findAccount(s, i) // "lisa.k92"
	}
	for j := i + 1; j < end; j++ {
		if isDigit(s[j]) {
			return findAccount(s, i)
		}
	}
	return Match{}, false // a word of letters only: the common case
}

// placeholderLen returns the length of the Redactor placeholder at s[i] ("[EMAIL_12]"), or 0.
func placeholderLen(s string, i int) int {
	j := i + 1
	for j < len(s) && s[j] >= 'A' && s[j] <= 'Z' {
		j++
	}
	if j == i+1 || j >= len(s) || s[j] != '_' {
		return 0
	}
	j++
	k := j
	for k < len(s) && isDigit(s[k]) {
		k++
	}
	if k == j || k-j > 6 || k >= len(s) || s[k] != ']' {
		return 0 // six digits at most, so "[CARD_4111111111111111]" cannot hide a card number
	}
	return k + 1 - i
}

func match(s string, k Kind, start, end int) Match {
	return Match{Kind: k, Start: start, End: end, Text: s[start:end]}
}
