package redact

import (
	"strings"
	"testing"
)

// supportTurns is typical support-chat text: mostly prose, some numbers (dates, amounts, order ids), a little
// personal data.
var supportTurns = []string{
	"Hi! How can I help you today?",
	"Hi, I ordered a jacket on 2026-11-02 and it still hasn't arrived. Order 3348917502.",
	"I'm sorry to hear that. Could you give me your full name and the email on the account?",
	"Crystal Minh, cminh730@email.com",
	"Thanks Crystal. I can see the order: 1 item, $94.00, shipped 2026-11-04 with tracking 1Z999AA10123456784.",
	"It says delivered but there's nothing here. I've been waiting for over two weeks now!",
	"I understand how frustrating that is. Sometimes parcels are marked as delivered a day early.",
	"Can you just refund it? I paid with my card 4111 1111 1111 1111.",
	"Please don't share full card numbers here. I've started a refund of $94.00 to the original payment method.",
	"How long will it take?",
	"Usually 3-5 business days. You'll get a confirmation email within 24 hours.",
	"OK. Can someone call me? My number is (977) 625-2661.",
	"Of course, a colleague will call you between 10:00 and 16:00 tomorrow.",
	"Tack! Ring gärna på 070-123 45 67 istället, jag är i Sverige nästa vecka.",
	"Absolut, jag har noterat numret. Finns det något mer jag kan hjälpa till med?",
	"Nej, det var allt. Ha en bra dag!",
	"Hallo, meine Bestellung 30012345678 ist beschädigt angekommen. Preis 129,90 EUR.",
	"Das tut mir leid. Bitte senden Sie uns ein Foto an support@shop.example.de.",
	"Bonjour, je voudrais changer mon adresse de livraison pour le 12 rue de la Paix, 75002 Paris.",
	"C'est fait. Votre colis arrivera entre le 24/11 et le 26/11.",
	"Have a great day!",
}

func supportText() (turns []string, bytes int) {
	for range 50 {
		turns = append(turns, supportTurns...)
	}
	for _, t := range turns {
		bytes += len(t)
	}
	return turns, bytes
}

// BenchmarkFind calls Find once per turn, as the pipeline does.
func BenchmarkFind(b *testing.B) {
	turns, n := supportText()
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range turns {
			Find(t)
		}
	}
}

// BenchmarkFindProse measures the fast path: text without a digit or '@'.
func BenchmarkFindProse(b *testing.B) {
	s := strings.Repeat("I understand how frustrating that is, let me check that for you. ", 100)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Find(s)
	}
}

// BenchmarkRedact redacts every turn of a conversation with one Redactor.
func BenchmarkRedact(b *testing.B) {
	turns, n := supportText()
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		r := NewRedactor()
		for _, t := range turns {
			r.Redact(t)
		}
	}
}
