package redact

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// found renders matches as "KIND:text" for readable table tests.
func found(ms []Match) []string {
	var out []string
	for _, m := range ms {
		out = append(out, fmt.Sprintf("%s:%s", m.Kind, m.Text))
	}
	return out
}

func TestFind(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"no digits", "Hello, how can I help you today?", nil},
		{"empty", "", nil},
		{"card spaced", "my card is 4111 1111 1111 1111, exp 12/27", []string{"CARD:4111 1111 1111 1111"}},
		{"card dashed", "5555-5555-5555-4444.", []string{"CARD:5555-5555-5555-4444"}},
		{"card plain", "kort 4012888888881881 tack", []string{"CARD:4012888888881881"}},
		{"card amex 4-6-5", "Amex 3782 822463 10005", []string{"CARD:3782 822463 10005"}},
		{"card then count", "4111 1111 1111 1111 2 times", []string{"CARD:4111 1111 1111 1111"}},
		{"card failing luhn", "4111 1111 1111 1112", nil},
		{"card inside longer run", "ref 41111111111111111111", nil},
		{"card mixed separators", "4111 1111-1111 1111", nil},
		{"card glued to letters", "x4111111111111111", nil},
		{"card with decimals", "4111111111111111.50", nil},
		{"card starting with 9", "9400111202555842761023", nil},
		{"iban spaced", "IBAN: SE45 5000 0000 0583 9825 7466.", []string{"IBAN:SE45 5000 0000 0583 9825 7466"}},
		{"iban compact lower", "gb82west12345698765432 ok", []string{"IBAN:gb82west12345698765432"}},
		{"iban bad checksum", "SE46 5000 0000 0583 9825 7466", nil},
		{"iban wrong length", "SE45 5000 0000 0583 9825 746", nil},
		{"iban glued", "SE4550000000058398257466X", nil},
		{"email", "write to Anna.Berg+kund@firma.example.se.", []string{"EMAIL:Anna.Berg+kund@firma.example.se"}},
		{"email quoted", "'bob@x.io'", []string{"EMAIL:bob@x.io"}},
		{"email no tld", "user@localhost", nil},
		{"email numeric tld", "a@b.123", nil},
		{"email handle", "@support please help", nil},
		{"email digits local", "12345678@example.com", []string{"EMAIL:12345678@example.com"}},
		{"phone intl se", "ring +46 70 123 45 67 i morgon", []string{"PHONE:+46 70 123 45 67"}},
		{"phone intl us", "+1 (555) 123-4567", []string{"PHONE:+1 (555) 123-4567"}},
		{"phone 00", "0046 70 123 45 67", []string{"PHONE:0046 70 123 45 67"}},
		{"phone trunk in parens", "+44 (0)20 7946 0958", []string{"PHONE:+44 (0)20 7946 0958"}},
		{"phone se local", "070-123 45 67", []string{"PHONE:070-123 45 67"}},
		{"phone us parens", "(555) 123-4567", []string{"PHONE:(555) 123-4567"}},
		{"phone us dashes", "555-123-4567", []string{"PHONE:555-123-4567"}},
		{"phone us dots", "555.123.4567", []string{"PHONE:555.123.4567"}},
		{"phone fr", "06 12 34 56 78", []string{"PHONE:06 12 34 56 78"}},
		{"phone fr dots", "06.12.34.56.78", []string{"PHONE:06.12.34.56.78"}},
		{"phone us 1-800", "1-800-555-0199", []string{"PHONE:1-800-555-0199"}},
		{"phone us local", "dial 555-1234", []string{"PHONE:555-1234"}},
		{"phone plain plus", "+46701234567", []string{"PHONE:+46701234567"}},
		{"phone plain with keyword", "Tel: 0701234567", []string{"PHONE:0701234567"}},
		{"phone glued cjk", "电话070-123 45 67", []string{"PHONE:070-123 45 67"}},
		{"phone then list", "call 070-123 45 67 2 times", []string{"PHONE:070-123 45 67"}},
		{"plain order number", "order 123456789", nil},
		{"title with a year", `"Blade Runner 2049 (2017)" or "Fahrenheit 9/11 (2004)" or "50/50 (2011)"`, nil},
		{"number then a year", "call 070-123 45 67 (2017)", []string{"PHONE:070-123 45 67"}},
		{"plain digits", "123456789", nil},
		{"order with dashes", "order #555-123-4567", nil},
		{"date iso", "2026-11-20", nil},
		{"date iso time", "2026-11-20 10:00", nil},
		{"date dotted", "20.11.2026", nil},
		{"date trunk", "01.02.2026", nil},
		{"date us", "11/20/2026", nil},
		{"opening hours", "08.30-17.00", nil},
		{"amount", "1 234 567 kr", nil},
		{"amount dollar", "$555-1234", nil},
		{"zip+4", "75227-1234", nil},
		{"version", "10.0.19045.2364", nil},
		{"plus short", "+3 points", nil},
		{"ssn us", "SSN 123-45-6789", []string{"SSN:123-45-6789"}},
		{"ssn us invalid area", "666-45-6789", nil},
		{"personnummer", "pnr 811218-9876", []string{"SSN:811218-9876"}},
		{"personnummer long", "19811218-9876", []string{"SSN:19811218-9876"}},
		{"personnummer bad luhn", "811218-9875", nil},
		{"ip", "my IP is 192.168.1.20", []string{"IP:192.168.1.20"}},
		{"ip version", "version 10.2.0.1", nil},
		{"ip octet too big", "300.1.1.1", nil},
		{"account username", "Username: cminh730", []string{"ACCOUNT:cminh730"}},
		{"account customer number", "my customer number is 55501234", []string{"ACCOUNT:55501234"}},
		{"account no digit", "username: crystal", nil},
		{"account short", "account 1234", nil},
		{"account date", "account since 2019-11-06", nil},
		{"account speaker label", "Customer: 0701234567", nil},
		{"account label alone", "Account: 12345678", []string{"ACCOUNT:12345678"}},
		{"placeholder", "[CARD_1] and [PHONE_12]", nil},
		{"long placeholder hides nothing", "[CARD_4111111111111111]", []string{"CARD:4111111111111111"}},
		{"isbn without the word", "0-306-40615-2", nil},
		{"plain card after a number", "12 4111111111111111", []string{"CARD:4111111111111111"}},
		{"grouped number after a number", "SE45 5000 0000 0583 9825 746", nil},
		{"phone after a number", "12 555 123 4567", nil},
		{"phone after a match", "4111111111111111 555-123-4567", []string{"CARD:4111111111111111", "PHONE:555-123-4567"}},
		{"several", "mail a@b.se or call (555) 123-4567", []string{"EMAIL:a@b.se", "PHONE:(555) 123-4567"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms := Find(tt.in)
			assert.Equal(t, tt.want, found(ms))
			for _, m := range ms {
				require.Equal(t, tt.in[m.Start:m.End], m.Text)
			}
		})
	}
}

func TestFindOrderedNonOverlapping(t *testing.T) {
	in := strings.Repeat("x 4111 1111 1111 1111 bob@x.se +46 70 123 45 67 SE45 5000 0000 0583 9825 7466 ", 3)
	ms := Find(in)
	require.Len(t, ms, 12)
	for i := 1; i < len(ms); i++ {
		assert.LessOrEqual(t, ms[i-1].End, ms[i].Start)
	}
}
