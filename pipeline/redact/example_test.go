package redact_test

import (
	"fmt"

	"github.com/convqa/convqa/pipeline/redact"
)

func ExampleRedactor() {
	r := redact.NewRedactor()
	fmt.Println(r.Redact("Hi, I'm anna@example.se, call me on +46 70 123 45 67."))
	fmt.Println(r.Redact("Order 3348917502 of 2026-11-20: refund to ANNA@example.se or ring 070-123 45 67."))
	// Output:
	// Hi, I'm [EMAIL_1], call me on [PHONE_1].
	// Order 3348917502 of 2026-11-20: refund to [EMAIL_1] or ring [PHONE_1].
}

func ExampleFind() {
	for _, m := range redact.Find("card 4111 1111 1111 1111, IBAN SE45 5000 0000 0583 9825 7466") {
		fmt.Println(m.Kind, m.Start, m.End, m.Text)
	}
	// Output:
	// CARD 5 24 4111 1111 1111 1111
	// IBAN 31 60 SE45 5000 0000 0583 9825 7466
}
