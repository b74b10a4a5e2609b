package redact

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRedactor(t *testing.T) {
	tests := []struct {
		name  string
		turns []string
		want  []string
	}{
		{
			name:  "no personal data is returned unchanged",
			turns: []string{"Hi! How can I help?", "It arrived on 2026-11-20, 3 days late."},
			want:  []string{"Hi! How can I help?", "It arrived on 2026-11-20, 3 days late."},
		},
		{
			name:  "same card in another spacing keeps its placeholder",
			turns: []string{"card 4111 1111 1111 1111", "so 4111-1111-1111-1111 again", "and 5555555555554444 too"},
			want:  []string{"card [CARD_1]", "so [CARD_1] again", "and [CARD_2] too"},
		},
		{
			name:  "e-mail addresses compare case-insensitively",
			turns: []string{"Mail: Anna.Berg@Firma.se", "is it anna.berg@firma.se?", "or per@firma.se"},
			want:  []string{"Mail: [EMAIL_1]", "is it [EMAIL_1]?", "or [EMAIL_2]"},
		},
		{
			name:  "a phone number with and without country code",
			turns: []string{"ring +46 70 123 45 67", "alltså 070-123 45 67", "eller 0046 70 123 45 67", "inte 070-765 43 21"},
			want:  []string{"ring [PHONE_1]", "alltså [PHONE_1]", "eller [PHONE_1]", "inte [PHONE_2]"},
		},
		{
			name:  "a value seen once is masked where Find alone would miss it",
			turns: []string{"Username: aphoenix939", "aphoenix939", "I'm aphoenix939 here, not aphoenix9390"},
			want:  []string{"Username: [ACCOUNT_1]", "[ACCOUNT_1]", "I'm [ACCOUNT_1] here, not aphoenix9390"},
		},
		{
			name:  "a card glued to a word is masked once the card is known",
			turns: []string{"4111111111111111 and x4111111111111111"},
			want:  []string{"[CARD_1] and x[CARD_1]"},
		},
		{
			name:  "each kind numbers its own placeholders",
			turns: []string{"a@b.se (555) 123-4567 SE45 5000 0000 0583 9825 7466 c@d.se"},
			want:  []string{"[EMAIL_1] [PHONE_1] [IBAN_1] [EMAIL_2]"},
		},
		{
			name:  "placeholders in the input are left alone",
			turns: []string{"[CARD_1] was masked upstream; mine is 4242 4242 4242 4242"},
			want:  []string{"[CARD_1] was masked upstream; mine is [CARD_1]"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewRedactor()
			var got []string
			for _, turn := range tt.turns {
				out := r.Redact(turn)
				got = append(got, out)
				assert.Equal(t, out, r.Redact(out), "idempotent")
				assert.Empty(t, Find(out), "nothing left to find in %q", out)
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestRedactorsAreIndependent checks that numbering starts afresh for each conversation.
func TestRedactorsAreIndependent(t *testing.T) {
	a, b := NewRedactor(), NewRedactor()
	assert.Equal(t, "[EMAIL_1]", a.Redact("x@y.se"))
	assert.Equal(t, "[EMAIL_2]", a.Redact("z@y.se"))
	assert.Equal(t, "[EMAIL_1]", b.Redact("z@y.se"))
}

func TestRedactLongText(t *testing.T) {
	in := strings.Repeat("Call me at (555) 123-4567 or mail me at bob@example.com. ", 1000)
	out := NewRedactor().Redact(in)
	assert.Equal(t, strings.Repeat("Call me at [PHONE_1] or mail me at [EMAIL_1]. ", 1000), out)
}

func TestMatchSame(t *testing.T) {
	one := func(s string) Match {
		t.Helper()
		ms := Find(s)
		require.Len(t, ms, 1, s)
		return ms[0]
	}
	tests := []struct {
		a, b string
		same bool
	}{
		{"+1 (555) 123-4567", "call 555.123.4567", true},
		{"+44 (0)20 7946 0958", "020 7946 0958", true},
		{"Ann@Example.com", "ann@example.com", true},
		{"ann@example.com", "bob@example.com", false},
		{"555-123-4567", "555-123-4568", false},
		{"4111 1111 1111 1111", "4111-1111-1111-1111", true},
		{"SE45 5000 0000 0583 9825 7466", "se4550000000058398257466", true},
		{"call 555-123-4567", "SSN 123-45-6789", false},
	}
	for _, tt := range tests {
		t.Run(tt.a+"~"+tt.b, func(t *testing.T) {
			assert.Equal(t, tt.same, one(tt.a).Same(one(tt.b)))
			assert.Equal(t, tt.same, one(tt.b).Same(one(tt.a)), "symmetric")
		})
	}
}
