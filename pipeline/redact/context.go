package redact

import (
	"bytes"
	"strings"
)

// windowSize is how far back, in bytes, the words that qualify a number are looked for.
const windowSize = 40

// window returns the lower-cased text before s[i], at most windowSize bytes, cut after the last digit,
// placeholder bracket, '@', line break or !?; — words before another number or sentence do not qualify this one.
func window(s string, i int, buf *[windowSize]byte) []byte {
	j := i
	for j > 0 && i-j < len(buf) {
		c := s[j-1]
		if isDigit(c) || c == ']' || c == '[' || c == '@' || c == '\n' || c == '!' || c == '?' || c == ';' {
			break
		}
		j--
	}
	w := buf[:i-j]
	for k := range w {
		c := s[j+k]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		w[k] = c
	}
	return w
}

// wordByte reports whether c belongs to a word in a window: an ASCII letter or a byte of a multi-byte character.
func wordByte(c byte) bool { return isLetter(c) || c >= 0x80 }

// keyword is a lower-case word or phrase; a prefix keyword also matches longer words ("mobil" in
// "mobilnummer"), a whole one only itself ("tel", not "tell").
type keyword struct {
	b     []byte
	whole bool
}

// keywordSet indexes keywords by their first and last byte, so that looking for any of a hundred of them in a
// window costs a few comparisons per word.
type keywordSet struct {
	byFirst, byLast [256][]keyword
}

func keywords(whole bool, ws ...string) []keyword {
	out := make([]keyword, len(ws))
	for i, w := range ws {
		out[i] = keyword{b: []byte(w), whole: whole}
	}
	return out
}

func newKeywordSet(kws ...[]keyword) *keywordSet {
	ks := &keywordSet{}
	for _, list := range kws {
		for _, kw := range list {
			ks.byFirst[kw.b[0]] = append(ks.byFirst[kw.b[0]], kw)
			ks.byLast[kw.b[len(kw.b)-1]] = append(ks.byLast[kw.b[len(kw.b)-1]], kw)
		}
	}
	return ks
}

// last returns the end of the keyword that starts last in w at a word start, or -1.
func (ks *keywordSet) last(w []byte) int {
	for j := len(w) - 1; j >= 0; j-- {
		if j > 0 && wordByte(w[j-1]) {
			continue
		}
		for _, kw := range ks.byFirst[w[j]] {
			if !bytes.HasPrefix(w[j:], kw.b) {
				continue
			}
			if e := j + len(kw.b); !kw.whole || e == len(w) || !wordByte(w[e]) {
				return e
			}
		}
	}
	return -1
}

// suffix returns the keyword that ends w at a word boundary.
func (ks *keywordSet) suffix(w []byte) (keyword, bool) {
	if len(w) == 0 {
		return keyword{}, false
	}
	for _, kw := range ks.byLast[w[len(w)-1]] {
		if hasWordSuffix(w, kw) {
			return kw, true
		}
	}
	return keyword{}, false
}

var (
	// phoneWords introduce a phone number.
	phoneWords = newKeywordSet(
		keywords(false, "phone", "telephone", "cellphone", "mobile", "mobil", "mobiel", "cell", "call", "sms",
			"text me", "whatsapp", "reach me", "contact", "kontakt", "my number", "contact number", "telefon",
			"telefoon", "telfn", "handy", "mitt nummer", "min nummer", "meine nummer", "ruf", "téléphone",
			"portable", "joindre", "appel", "mon numéro", "teléfono", "móvil", "movil", "celular", "llam", "llám",
			"mi número", "cellulare", "chiam", "numero di telefono", "bel me", "zadzwo", "dzwoń", "fax"),
		keywords(true, "tel", "tél", "tlf", "ring", "ringa", "nr tel"))
	// notPhoneWords introduce numbers that are not phone numbers; the nearer of these and phoneWords wins.
	notPhoneWords = newKeywordSet(
		keywords(false, "order", "invoice", "faktura", "tracking", "track", "ticket", "reference", "referens",
			"booking", "bokning", "confirmation", "receipt", "kvitto", "serial", "isbn", "sku", "article", "artikel",
			"bestell", "auftrag", "rechnung", "sendung", "commande", "facture", "pedido", "factura", "ordine",
			"fattura", "postcode", "postal", "postnummer", "transaction", "transaktion", "account", "acct",
			"kundnummer", "kontonummer", "kundennummer", "medlemsnummer", "customer number", "customer id",
			"member id", "membership", "username", "user id", "parcel", "package", "paket", "shipment", "voucher",
			"coupon"),
		keywords(true, "ref", "case", "item", "zip", "plz", "code", "id", "#", "lot", "batch", "part", "model",
			"modell"))
	// versionWords introduce a version number, which may look like an IPv4 address.
	versionWords = newKeywordSet(keywords(true, "version", "ver", "v", "build", "release", "firmware", "update",
		"versión", "versjon", "app", "ios", "android"))
	// ipWords introduce an IP address.
	ipWords = newKeywordSet(keywords(true, "ip", "ip address", "ip-adress", "ip-adresse", "adresse ip",
		"dirección ip", "server", "router", "host", "gateway", "dns"))
	// accountLabels label an account id on their own, after connectorWords are stripped.
	accountLabels = newKeywordSet(keywords(true, "username", "user name", "userid", "login", "account", "acct", "kundnummer",
		"kundnr", "medlemsnummer", "användarnamn", "kontonummer", "kundennummer", "benutzername",
		"mitgliedsnummer", "identifiant", "klantnummer", "gebruikersnaam"))
	// accountNouns label an account id only together with an id noun: "customer number", "account id",
	// "número de cliente" — "Customer:" alone is a speaker label.
	accountNouns = newKeywordSet(keywords(true, "user", "customer", "client", "member",
		"membership", "usuario", "cliente", "benutzer", "användare", "loyalty"))
	// idNouns turn an accountNoun into a label, after it ("account number") or before it ("numéro client").
	idNouns = newKeywordSet(keywords(true, "no", "nr", "number", "nummer", "numéro", "número", "numero", "id",
		"nombre", "codice", "n°"))
	// connectorWords may stand between a label and its value: "my username is …".
	connectorWords = newKeywordSet(keywords(true, "is", "är", "ist", "lautet", "es", "est", "de", "du"))
	// ssnWords introduce a national id written without its dashes.
	ssnWords = newKeywordSet(keywords(false, "personnummer", "personnr", "pnr", "person number", "ssn",
		"social security", "samordningsnummer"))
	// currencyWords next to a number make it an amount.
	currencyWords = keywords(true, "kr", "sek", "nok", "dkk", "eur", "euro", "euros", "usd", "dollar", "dollars",
		"gbp", "chf", "pln", "kronor", "kroner")
)

// phoneContext returns 1 when a phone word is the nearest qualifier before s[i], -1 when a word for another
// kind of number is ("order", "invoice", "#"), 0 when neither occurs.
func phoneContext(s string, i int) int {
	var buf [windowSize]byte
	w := window(s, i, &buf)
	if len(w) == 0 {
		return 0
	}
	yes, no := phoneWords.last(w), notPhoneWords.last(w)
	switch {
	case yes > no:
		return 1
	case no > yes:
		return -1
	}
	return 0
}

// versionBefore reports whether a version word is nearer before s[i] than an IP-address word.
func versionBefore(s string, i int) bool {
	var buf [windowSize]byte
	w := window(s, i, &buf)
	return versionWords.last(w) > ipWords.last(w)
}

// currencyAround reports whether s[start:end] is an amount: a currency sign or code right before it or right
// after it, or a percent sign after it.
func currencyAround(s string, start, end int) bool {
	b := start
	if b > 0 && s[b-1] == ' ' {
		b--
	}
	if before := s[:b]; strings.HasSuffix(before, "$") || strings.HasSuffix(before, "€") ||
		strings.HasSuffix(before, "£") || strings.HasSuffix(before, "¥") {
		return true
	}
	w := b
	for w > 0 && isLetter(s[w-1]) {
		w--
	}
	if w < b && b-w <= 7 && isCurrencyWord(s[w:b]) {
		return true
	}
	a := end
	if a < len(s) && s[a] == ' ' {
		a++
	}
	if after := s[a:]; strings.HasPrefix(after, "%") || strings.HasPrefix(after, "$") ||
		strings.HasPrefix(after, "€") || strings.HasPrefix(after, "£") || strings.HasPrefix(after, "¥") {
		return true
	}
	w = a
	for w < len(s) && isLetter(s[w]) {
		w++
	}
	return w > a && w-a <= 7 && isCurrencyWord(s[a:w])
}

func isCurrencyWord(word string) bool {
	var buf [8]byte
	lw := buf[:len(word)]
	for i := range lw {
		c := word[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		lw[i] = c
	}
	for _, kw := range currencyWords {
		if bytes.Equal(lw, kw.b) {
			return true
		}
	}
	return false
}

// hasWordSuffix reports whether w ends with the keyword starting at a word boundary.
func hasWordSuffix(w []byte, kw keyword) bool {
	n := len(w) - len(kw.b)
	return n >= 0 && bytes.Equal(w[n:], kw.b) && (n == 0 || !wordByte(w[n-1]))
}

// accountLabelBefore reports whether the words right before s[i] label an account id: "username:",
// "customer number is", "kundnummer", "número de cliente".
func accountLabelBefore(s string, i int) bool {
	var buf [windowSize]byte
	w := window(s, i, &buf)
	noun := false
	for range 4 {
		t := bytes.TrimRight(w, " :=-.,(\t")
		t, hash := bytes.CutSuffix(t, []byte("#"))
		noun = noun || hash
		if kw, ok := connectorWords.suffix(t); ok {
			t = t[:len(t)-len(kw.b)]
		} else if kw, ok := idNouns.suffix(t); ok {
			t = t[:len(t)-len(kw.b)]
			noun = true
		}
		done := len(t) == len(w)
		w = t
		if done {
			break
		}
	}
	if _, ok := accountLabels.suffix(w); ok {
		return true
	}
	kw, ok := accountNouns.suffix(w)
	if !ok {
		return false
	}
	if noun {
		return true
	}
	before := bytes.TrimRight(w[:len(w)-len(kw.b)], " ")
	before = bytes.TrimSuffix(before, []byte(" de"))
	_, ok = idNouns.suffix(before)
	return ok
}

// ssnBefore reports whether a national-id word ("personnummer", "SSN") is in the words before s[i].
func ssnBefore(s string, i int) bool {
	var buf [windowSize]byte
	return ssnWords.last(window(s, i, &buf)) >= 0
}

// findAccount accepts the token at s[i] as an account id when the words before it label it as one. The token
// is letters and digits with inner '.', '_' or '-', 4-64 bytes, with a digit; an all-digit token needs five
// digits, and dates and amounts are never accounts.
func findAccount(s string, i int) (Match, bool) {
	j, digits, other := i, 0, 0
	for j < len(s) {
		c := s[j]
		if isWord(c) {
			if isDigit(c) {
				digits++
			} else {
				other++
			}
			j++
			continue
		}
		if (c == '.' || c == '_' || c == '-') && j+1 < len(s) && isWord(s[j+1]) {
			other++
			j++
			continue
		}
		break
	}
	if digits == 0 || j-i < 4 || j-i > 64 || other == 0 && digits < 5 || j < len(s) && s[j] == '@' {
		return Match{}, false
	}
	if isDigit(s[i]) {
		q := parseNum(s, i)
		if q.isDate(s, 0) || currencyAround(s, i, j) || continuesNumber(s, j) {
			return Match{}, false
		}
	}
	if !accountLabelBefore(s, i) {
		return Match{}, false
	}
	return match(s, KindAccount, i, j), true
}
