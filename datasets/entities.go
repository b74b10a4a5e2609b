package datasets

import (
	"strconv"
	"strings"
	"time"
)

// moneyFormat writes an amount in cents the way a market writes it.
type moneyFormat func(cents int) string

func decimal(cents int, sep byte) string {
	return strconv.Itoa(cents/100) + string(sep) + twoDigits(cents%100)
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

var (
	moneyGBP   moneyFormat = func(c int) string { return "£" + decimal(c, '.') }
	moneyUSD   moneyFormat = func(c int) string { return "$" + decimal(c, '.') }
	moneyAUD   moneyFormat = func(c int) string { return "A$" + decimal(c, '.') }
	moneyEURen moneyFormat = func(c int) string { return "€" + decimal(c, '.') }
	moneyEUR   moneyFormat = func(c int) string { return decimal(c, ',') + " €" }
	moneyCHF   moneyFormat = func(c int) string { return "CHF " + decimal(c, '.') }
	moneySEK   moneyFormat = func(c int) string { return strconv.Itoa(c/10) + " kr" } // kronor: ten times the number
	moneyMXN   moneyFormat = func(c int) string { return "$" + decimal(c*18, '.') + " MXN" }
	moneyBRL   moneyFormat = func(c int) string { return "R$ " + decimal(c*5, ',') }
)

// ibanSpec describes how to make an IBAN of a country: one of the bank prefixes, then digits, then a suffix.
// Only the ISO 13616 mod-97 check digits are real; national check digits inside the BBAN are not.
type ibanSpec struct {
	country string
	banks   []string
	digits  int
	suffix  string
}

var (
	ibanGB = ibanSpec{"GB", []string{"NWBK", "BARC", "LOYD", "MIDL"}, 14, ""}
	ibanIE = ibanSpec{"IE", []string{"AIBK", "BOFI"}, 14, ""}
	ibanDE = ibanSpec{"DE", []string{""}, 18, ""}
	ibanAT = ibanSpec{"AT", []string{""}, 16, ""}
	ibanCH = ibanSpec{"CH", []string{""}, 17, ""}
	ibanSE = ibanSpec{"SE", []string{""}, 20, ""}
	ibanES = ibanSpec{"ES", []string{""}, 20, ""}
	ibanFR = ibanSpec{"FR", []string{""}, 23, ""}
	ibanBE = ibanSpec{"BE", []string{""}, 12, ""}
	ibanPT = ibanSpec{"PT", []string{""}, 21, ""}
	ibanBR = ibanSpec{"BR", []string{""}, 23, "C1"}
	ibanIT = ibanSpec{"IT", []string{"X", "K", "Y"}, 22, ""}
	ibanNL = ibanSpec{"NL", []string{"ABNA", "INGB", "RABO", "TRIO"}, 10, ""}
)

func randomDigits(r *rng, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + r.intn(10))
	}
	return string(b)
}

// makeIBAN returns an IBAN with valid mod-97 check digits, without spaces.
func makeIBAN(r *rng, s *ibanSpec) string {
	bban := s.banks[r.intn(len(s.banks))] + randomDigits(r, s.digits) + s.suffix
	return s.country + ibanCheck(s.country, bban) + bban
}

// ibanCheck computes the two check digits of ISO 13616 for a country and BBAN.
func ibanCheck(country, bban string) string {
	mod := 0
	for _, c := range bban + country + "00" {
		switch {
		case c >= '0' && c <= '9':
			mod = (mod*10 + int(c-'0')) % 97
		case c >= 'A' && c <= 'Z':
			mod = (mod*100 + int(c-'A') + 10) % 97
		}
	}
	return twoDigits(98 - mod)
}

// groupsOf4 writes s in groups of four characters separated by sep, the way cards and IBANs are printed.
func groupsOf4(s, sep string) string {
	var b strings.Builder
	for i := 0; i < len(s); i += 4 {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(s[i:min(i+4, len(s))])
	}
	return b.String()
}

// makeCard returns a 16-digit Visa or Mastercard number with a valid Luhn check digit, without separators.
func makeCard(r *rng) string {
	prefix := "4"
	if r.chance(0.4) {
		prefix = "5" + strconv.Itoa(r.between(1, 5))
	}
	body := prefix + randomDigits(r, 15-len(prefix))
	return body + strconv.Itoa(luhnCheckDigit(body))
}

// luhnCheckDigit returns the digit that makes body followed by it pass the Luhn check.
func luhnCheckDigit(body string) int {
	sum := 0
	double := true // the check digit will sit to the right, so the last body digit is doubled
	for i := len(body) - 1; i >= 0; i-- {
		d := int(body[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return (10 - sum%10) % 10
}

// entities are the values one conversation talks about; every slot of a template is filled from them, so a
// conversation mentions the same order, card and amount from start to end.
type entities struct {
	order, ref, invoice, amount, date, days, email, plan, address string
	card, last4, iban, ibanLast4                                  string
}

var surnames = []string{"berg", "rossi", "martin", "smith", "garcia", "jansen", "silva", "muller", "dubois", "lindqvist"}

func makeEntities(r *rng, b *phrasebook, m *market, plan string, started time.Time) entities {
	e := entities{
		ref:     "CS-" + strconv.Itoa(started.Year()) + "/" + randomDigits(r, 6),
		invoice: "INV-" + strconv.Itoa(started.Year()) + "/" + randomDigits(r, 6),
		amount:  m.money(r.between(9, 499)*100 + []int{0, 90, 99, 50}[r.intn(4)]),
		date:    started.AddDate(0, 0, -r.between(2, 20)).Format(b.dateLayout),
		days:    strconv.Itoa(r.between(2, 7)),
		plan:    strings.ToUpper(plan[:1]) + plan[1:],
		address: r.pick(b.streets),
	}
	if r.chance(0.5) {
		e.order = "#NP-" + randomDigits(r, 7)
	} else {
		e.order = "NP-" + strconv.Itoa(started.Year()) + "/" + randomDigits(r, 6)
	}
	first := strings.ToLower(r.pick(b.names))
	e.email = first + "." + r.pick(surnames) + strconv.Itoa(r.between(1, 99)) + "@" + r.pick([]string{"example.com", "example.org", "mail.example.net"})
	card := makeCard(r)
	e.last4 = card[12:]
	switch r.intn(10) {
	case 0:
		e.card = groupsOf4(card, "-")
	case 1, 2, 3:
		e.card = card
	default:
		e.card = groupsOf4(card, " ")
	}
	if m.iban != nil {
		iban := makeIBAN(r, m.iban)
		e.ibanLast4 = iban[len(iban)-4:]
		if r.chance(0.6) {
			e.iban = groupsOf4(iban, " ")
		} else {
			e.iban = iban
		}
	}
	return e
}
