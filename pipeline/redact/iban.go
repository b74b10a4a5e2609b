package redact

// ibanLength is the IBAN length of each country in the SWIFT IBAN registry (2023 releases; countries added
// later are not recognised).
var ibanLength = map[string]int{
	"AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BI": 27,
	"BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27, "DK": 18, "DO": 28,
	"EE": 20, "EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
	"GL": 18, "GR": 27, "GT": 28, "HN": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
	"IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21,
	"LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28,
	"NL": 18, "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22,
	"RU": 33, "SA": 24, "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25,
	"SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}

// maxIBAN is the longest IBAN in ibanLength.
const maxIBAN = 34

// findIBAN accepts, at the word s[i], a country code with a registry length, two check digits and the rest
// of the account in letters and digits, compact or with single spaces after every fourth character, either
// case, passing the ISO 7064 mod-97 check.
func findIBAN(s string, i int) (Match, bool) {
	if i+4 > len(s) || !isLetter(s[i]) || !isLetter(s[i+1]) || !isDigit(s[i+2]) || !isDigit(s[i+3]) {
		return Match{}, false
	}
	var buf [maxIBAN]byte
	buf[0], buf[1] = upper(s[i]), upper(s[i+1])
	want := ibanLength[string(buf[:2])]
	if want == 0 {
		return Match{}, false
	}
	n, j := 0, i
	for j < len(s) && n < want {
		c := s[j]
		if isWord(c) {
			buf[n] = upper(c)
			n++
			j++
			continue
		}
		if c == ' ' && n%4 == 0 && j+1 < len(s) && isWord(s[j+1]) {
			j++
			continue
		}
		break
	}
	if n != want || j < len(s) && isWord(s[j]) || !mod97(buf[:n]) {
		return Match{}, false
	}
	return match(s, KindIBAN, i, j), true
}

func upper(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}

// mod97 reports whether the upper-case IBAN b has remainder 1 modulo 97 after moving its first four
// characters to the end and reading letters as 10-35.
func mod97(b []byte) bool {
	r := 0
	for k := range b {
		c := b[(k+4)%len(b)]
		if isDigit(c) {
			r = (r*10 + int(c-'0')) % 97
		} else {
			r = (r*100 + int(c-'A') + 10) % 97
		}
	}
	return r == 1
}
