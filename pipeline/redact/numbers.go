package redact

import "strings"

// maxGroups bounds the digit groups parsed for one number; longer sequences are lists, not single numbers.
const maxGroups = 10

// group is one run of digits s[start:end] in a written number.
type group struct {
	start, end int
	sep        byte // the separator before the group: 0 (first group, or right after a parenthesis), ' ', '-', '.', '/'
	paren      bool // written in parentheses: "(555)"
}

// numSeq is a written number: an optional '+' and digit groups joined by single separators or parentheses.
// Detectors look at prefixes of it, so "call 070-123 45 67 2 times" still yields the phone number.
type numSeq struct {
	start int
	plus  bool
	g     [maxGroups]group
	n     int
}

// sepAt returns the separator that may join digit groups at s[p] and its length in bytes: a space, '-', '.',
// '/', or an en dash, read as '-'. It returns 0, 0 when there is none.
func sepAt(s string, p int) (byte, int) {
	if p >= len(s) {
		return 0, 0
	}
	switch c := s[p]; c {
	case ' ', '-', '.', '/':
		return c, 1
	case '\xe2':
		if strings.HasPrefix(s[p:], "–") {
			return '-', len("–")
		}
	}
	return 0, 0
}

// parseNum reads the number starting at s[i], which is a digit, or '+' or '(' followed by a digit.
func parseNum(s string, i int) numSeq {
	q := numSeq{start: i}
	p := i
	if s[p] == '+' {
		q.plus = true
		p++
	}
	var sep byte
	for q.n < maxGroups && p < len(s) {
		if s[p] == '(' {
			j := p + 1
			for j < len(s) && isDigit(s[j]) {
				j++
			}
			if j == p+1 || j-p-1 > 5 || j >= len(s) || s[j] != ')' {
				break
			}
			q.g[q.n] = group{start: p + 1, end: j, sep: sep, paren: true}
			q.n++
			p = j + 1
			sep = 0
			switch c, w := sepAt(s, p); {
			case (c == ' ' || c == '-') && p+w < len(s) && isDigit(s[p+w]):
				sep = c
				p += w
			case p < len(s) && isDigit(s[p]): // "(0)20 7946 0958"
			default:
				return q
			}
			continue
		}
		if !isDigit(s[p]) {
			break
		}
		j := p
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		q.g[q.n] = group{start: p, end: j, sep: sep}
		q.n++
		p = j
		if c, w := sepAt(s, p); w > 0 && p+w < len(s) && (isDigit(s[p+w]) || c == ' ' && s[p+w] == '(') {
			sep = c
			p += w
			continue
		}
		break
	}
	return q
}

// end returns the offset just after the first k groups.
func (q *numSeq) end(k int) int {
	g := q.g[k-1]
	if g.paren {
		return g.end + 1
	}
	return g.end
}

func (q *numSeq) glen(k int) int { return q.g[k].end - q.g[k].start }

// glued reports whether the first k groups are followed by a letter or digit, as in "4567bob" or "(555)x":
// such a prefix is part of a longer token.
func (q *numSeq) glued(s string, k int) bool {
	e := q.end(k)
	return e < len(s) && isWord(s[e])
}

// continuesNumber reports whether s[e:] continues a number with a decimal, thousands or time separator
// ("12.50", "1,5", "10:30").
func continuesNumber(s string, e int) bool {
	return e+1 < len(s) && (s[e] == '.' || s[e] == ',' || s[e] == ':') && isDigit(s[e+1])
}

// precededByNumber reports whether s[i] continues a number that was not matched as a whole: "1.5551234567",
// "12/4111…". A number glued to a bigger one is not PII on its own.
func precededByNumber(s string, i int) bool {
	if i < 2 {
		return false
	}
	switch s[i-1] {
	case '.', ',', ':', '/', '-':
		return isDigit(s[i-2])
	}
	return false
}

// followsNumber reports whether s[i] comes after another number and a space, as "555 123 4567" does in
// "12 555 123 4567": digit grouping makes the split ambiguous. A number already matched (ending at prevEnd)
// does not count.
func followsNumber(s string, i, prevEnd int) bool {
	return i >= 2 && s[i-1] == ' ' && isDigit(s[i-2]) && i-1 != prevEnd
}

// findNumber tries the numeric detectors on the number starting at s[i]; prevEnd is the end of the previous
// match.
func findNumber(s string, i, prevEnd int) (Match, bool) {
	if precededByNumber(s, i) {
		return Match{}, false
	}
	q := parseNum(s, i)
	if q.n == 0 {
		return Match{}, false
	}
	if followsNumber(s, i, prevEnd) {
		// Only a plain card number may follow another number: a grouped one is more likely the tail of a
		// longer grouped code, such as a mistyped IBAN ("SE45 5000 0000 0583 9825 746").
		if q.n == 1 {
			return findCard(s, &q)
		}
		return Match{}, false
	}
	if !q.plus && !q.g[0].paren {
		if m, ok := findCard(s, &q); ok {
			return m, true
		}
		if m, ok := findSSN(s, &q); ok {
			return m, true
		}
		if m, ok := findIP(s, &q); ok {
			return m, true
		}
	}
	return findPhone(s, &q)
}

// findCard accepts 13-19 digits whose issuer prefix fits their length (see issuer), written as one run or as
// a first group of four followed by groups of 3-6 digits (the last may be shorter) joined by one kind of
// separator, space or dash, and that pass the Luhn check. Among the valid prefixes the longest wins.
func findCard(s string, q *numSeq) (Match, bool) {
	g0, l0 := q.g[0], q.glen(0)
	if c := s[g0.start]; c < '2' || c > '6' || l0 < 4 {
		return Match{}, false // the quick rejection of most numbers in text
	}
	var buf [19]byte
	if l0 >= 13 {
		if d := s[g0.start:g0.end]; l0 > 19 || !q.endsCleanly(s, 1) || !issuer(d) || !luhn(d) {
			return Match{}, false
		}
		return match(s, KindCard, q.start, g0.end), true
	}
	if l0 != 4 || q.n < 2 {
		return Match{}, false
	}
	sep := q.g[1].sep
	if sep != ' ' && sep != '-' {
		return Match{}, false
	}
	n := copy(buf[:], s[g0.start:g0.end])
	best := 0
	for k := 2; k <= q.n; k++ {
		g := q.g[k-1]
		l := g.end - g.start
		if g.sep != sep || g.paren || l > 6 || n+l > len(buf) {
			break
		}
		n += copy(buf[n:], s[g.start:g.end])
		if d := string(buf[:n]); n >= 13 && q.endsCleanly(s, k) && issuer(d) && luhn(d) {
			best = k
		}
		if l < 3 {
			break // a short group can only be the last one
		}
	}
	if best == 0 {
		return Match{}, false
	}
	return match(s, KindCard, q.start, q.end(best)), true
}

// issuer reports whether the card number d starts with an issuer prefix that is used with its length: 13
// digits only for old Visa (4), 14 for Diners (30, 36, 38, 39), 15 for Amex (34, 37), 16-19 for Visa (4),
// Mastercard (51-55, 2221-2720), Maestro (50, 56-58, 6), Discover, UnionPay (6) and JCB (35). Numbers starting
// with 1, 7, 8 or 9 are airline, fuel and national cards, rare in support chats and common as order numbers.
func issuer(d string) bool {
	p2 := atoi(d[:2])
	switch n := len(d); {
	case n == 13:
		return d[0] == '4'
	case n == 14:
		return p2 == 30 || p2 == 36 || p2 == 38 || p2 == 39
	case n == 15:
		return p2 == 34 || p2 == 37
	}
	switch d[0] {
	case '4', '5', '6':
		return true
	case '2':
		p4 := atoi(d[:4])
		return p4 >= 2221 && p4 <= 2720
	case '3':
		return p2 == 35
	}
	return false
}

// endsCleanly reports whether the first k groups end the number: not glued to a word, not followed by a
// decimal part, and not followed by a dotted or slashed continuation ("4111…1111.50", "…/12").
func (q *numSeq) endsCleanly(s string, k int) bool {
	if q.glued(s, k) || continuesNumber(s, q.end(k)) {
		return false
	}
	return k == q.n || (q.g[k].sep != '.' && q.g[k].sep != '/')
}

// findSSN accepts a US social security number AAA-GG-SSSS (area not 000, 666 or 9xx, group not 00, serial
// not 0000) and a Swedish personnummer YYMMDD-NNNN or YYYYMMDD-NNNN with a valid month, day (or
// coordination-number day + 60) and Luhn check digit. Without the dashes (a bare run of 9, 10 or 12 digits)
// they need a national-id word before them ("SSN", "personnummer"): bare runs are far more often order numbers.
func findSSN(s string, q *numSeq) (Match, bool) {
	g := func(j int) string { return s[q.g[j].start:q.g[j].end] }
	if q.n == 1 || q.g[1].sep != '-' {
		if !q.endsCleanly(s, 1) {
			return Match{}, false
		}
		d := g(0)
		ok := false
		switch len(d) {
		case 9:
			ok = usSSN(d[:3], d[3:5], d[5:])
		case 10, 12:
			ok = personnummer(d[:len(d)-4], d[len(d)-4:])
		}
		if ok && ssnBefore(s, q.start) {
			return match(s, KindSSN, q.start, q.end(1)), true
		}
		return Match{}, false
	}
	l0, l1 := q.glen(0), q.glen(1)
	if q.n >= 3 && l0 == 3 && l1 == 2 && q.glen(2) == 4 && q.g[2].sep == '-' && (q.n == 3 || q.g[3].sep != '-') &&
		q.endsCleanly(s, 3) {
		if usSSN(g(0), g(1), g(2)) {
			return match(s, KindSSN, q.start, q.end(3)), true
		}
		return Match{}, false
	}
	if (l0 != 6 && l0 != 8) || l1 != 4 || (q.n > 2 && q.g[2].sep == '-') || !q.endsCleanly(s, 2) ||
		!personnummer(g(0), g(1)) {
		return Match{}, false
	}
	return match(s, KindSSN, q.start, q.end(2)), true
}

// usSSN reports whether area-group-serial is a possible US social security number.
func usSSN(area, group, serial string) bool {
	a := atoi(area)
	return a != 0 && a != 666 && a < 900 && atoi(group) != 0 && atoi(serial) != 0
}

// personnummer reports whether date (YYMMDD or YYYYMMDD) and the four last digits form a valid Swedish
// personal or coordination number.
func personnummer(date, last string) bool {
	switch len(date) {
	case 8:
		if c := date[:2]; c != "18" && c != "19" && c != "20" {
			return false
		}
		date = date[2:]
	case 6:
	default:
		return false
	}
	month, day := atoi(date[2:4]), atoi(date[4:6])
	if day > 60 {
		day -= 60
	}
	return month >= 1 && month <= 12 && day >= 1 && day <= 31 && luhn(date+last)
}

// findIP accepts a dotted quad of decimal octets 0-255 without leading zeros, unless the words before it
// introduce a version or build number ("version 10.2.0.1").
func findIP(s string, q *numSeq) (Match, bool) {
	if q.n < 4 || q.n > 4 && q.g[4].sep == '.' || !q.endsCleanly(s, 4) {
		return Match{}, false
	}
	for k := range 4 {
		g := q.g[k]
		l := g.end - g.start
		if (k > 0 && g.sep != '.') || l > 3 || (l > 1 && s[g.start] == '0') || atoi(s[g.start:g.end]) > 255 {
			return Match{}, false
		}
	}
	if versionBefore(s, q.start) {
		return Match{}, false
	}
	return match(s, KindIP, q.start, q.end(4)), true
}

// findPhone accepts the longest prefix of q that reads as a telephone number:
//   - 8-15 digits after a '+' or a "00" international prefix, or 7-12 digits in national notation;
//   - never a date (2026-11-20, 20.11.2026, 11/20/2026), a time or decimal (followed by ":30", ".50"), an
//     amount next to a currency, or a number glued to a longer one;
//   - then either strong evidence: a '+', an area code in parentheses, a "00" prefix with grouping, or a phone
//     word before it ("tel", "call me", "mobil", "teléfono"…);
//   - or a common national shape: a trunk '0' and at least two groups (070-123 45 67, 06 12 34 56 78,
//     020 7946 0958), North American 3-3-4 (555-123-4567, 1-800-555-0199) or 3-4 with a dash (555-1234), or
//     Nordic 2-2-2-2 with spaces (12 34 56 78).
//
// A plain digit run without '+' or a phone word is not a phone number: in support chats it is far more often an
// order, tracking or customer number. Words such as "order", "invoice" or "tracking" before the number veto the
// weaker evidence.
func findPhone(s string, q *numSeq) (Match, bool) {
	total := 0
	for j := range q.n {
		total += q.glen(j)
	}
	if total < 7 {
		return Match{}, false // most numbers in text are short: skip the context look-up
	}
	ctx := phoneContext(s, q.start)
	for k := q.n; k >= 1; k-- {
		if k >= 3 && q.isDate(s, 0) {
			break
		}
		if q.phonePrefix(s, k, ctx) {
			return match(s, KindPhone, q.start, q.end(k)), true
		}
	}
	return Match{}, false
}

// phonePrefix reports whether the first k groups of q are a phone number by the rules of findPhone; ctx is the
// phoneContext of the number.
func (q *numSeq) phonePrefix(s string, k int, ctx int) bool {
	if q.glued(s, k) || continuesNumber(s, q.end(k)) || k > 1 && q.glen(k-1) < 2 || k < q.n && q.g[k].sep != ' ' ||
		q.g[k-1].paren {
		// A phone number does not end in a one-digit group ("070-123 45 67 2 times"), nor in the middle of
		// a dashed, dotted or slashed number ("0-306-40615-2"), nor in parentheses: they hold an area code
		// before the number, and after a number a year ("Blade Runner 2049 (2017)").
		return false
	}
	dots, slashes, paren := 0, 0, false
	digits := 0
	for j := range k {
		g := q.g[j]
		switch g.sep {
		case '.':
			dots++
		case '/':
			slashes++
		}
		paren = paren || g.paren
		if !(g.paren && g.end-g.start == 1 && s[g.start] == '0') { // "(0)" is a dropped trunk prefix
			digits += g.end - g.start
		}
	}
	if dots > 0 && dots != k-1 || slashes > 1 {
		return false // "08.30-17.00" is opening hours
	}
	g0 := s[q.g[0].start:q.g[0].end]
	intl00 := !q.plus && len(g0) >= 2 && g0[0] == '0' && g0[1] == '0'
	if intl00 {
		cc := byte('0')
		switch {
		case len(g0) > 2:
			cc = g0[2]
		case k > 1:
			cc = s[q.g[1].start]
		}
		if cc == '0' {
			return false
		}
		digits -= 2
	}
	if q.plus && g0[0] == '0' {
		return false // no country code starts with 0
	}
	if q.plus || intl00 {
		if digits < 8 || digits > 15 {
			return false
		}
	} else if digits < 7 || digits > 12 {
		return false
	}
	strongForm := q.plus || paren
	if !strongForm && (ctx < 0 || currencyAround(s, q.start, q.end(k))) {
		return false
	}
	if strongForm || ctx > 0 || intl00 && k >= 2 {
		return true
	}
	if k < 2 {
		return false
	}
	l := func(j int) int { return q.glen(j) }
	if g0[0] == '0' {
		// a trunk prefix; 6-4 and 8-4 are Swedish personnummer shapes that failed their check digit
		return digits >= 8 && !(k == 2 && (l(0) == 6 || l(0) == 8) && l(1) == 4)
	}
	switch {
	case slashes > 0:
		return false
	case k == 3 && l(0) == 3 && l(1) == 3 && l(2) == 4:
		return g0[0] >= '2'
	case k == 4 && g0 == "1" && l(1) == 3 && l(2) == 3 && l(3) == 4:
		return s[q.g[1].start] >= '2'
	case k == 2 && l(0) == 3 && l(1) == 4 && q.g[1].sep == '-':
		return g0[0] >= '2'
	case k == 4 && l(0) == 2 && l(1) == 2 && l(2) == 2 && l(3) == 2:
		return q.g[1].sep == ' ' && q.g[2].sep == ' ' && q.g[3].sep == ' '
	}
	return false
}

// isDate reports whether groups j, j+1, j+2 read as a date with a four-digit year 1900-2099: Y-M-D, D.M.Y or
// M/D/Y.
func (q *numSeq) isDate(s string, j int) bool {
	if j+3 > q.n {
		return false
	}
	var v [3]int
	var l [3]int
	for k := range 3 {
		g := q.g[j+k]
		if g.paren || g.end-g.start > 4 {
			return false
		}
		v[k], l[k] = atoi(s[g.start:g.end]), g.end-g.start
	}
	year := func(y int) bool { return y >= 1900 && y <= 2099 }
	md := func(m, d int) bool { return m >= 1 && m <= 12 && d >= 1 && d <= 31 }
	switch {
	case l[0] == 4 && l[1] <= 2 && l[2] <= 2:
		return year(v[0]) && md(v[1], v[2])
	case l[0] <= 2 && l[1] <= 2 && l[2] == 4:
		return year(v[2]) && (md(v[1], v[0]) || md(v[0], v[1]))
	}
	return false
}

// atoi parses a short run of ASCII digits; callers pass at most a few digits.
func atoi(d string) int {
	n := 0
	for i := 0; i < len(d); i++ {
		n = n*10 + int(d[i]-'0')
	}
	return n
}

// luhn reports whether the ASCII digits d pass the Luhn (mod 10) check.
func luhn(d string) bool {
	sum := 0
	double := false
	for i := len(d) - 1; i >= 0; i-- {
		n := int(d[i] - '0')
		if double {
			n *= 2
			if n > 9 {
				n -= 9
			}
		}
		sum += n
		double = !double
	}
	return sum%10 == 0
}
