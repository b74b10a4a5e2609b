package redact

import (
	"strings"
	"testing"
)

// FuzzRedact checks that Find and Redact never panic, that Find's matches are ordered, non-overlapping and
// true to their offsets, that no card, IBAN or e-mail address Find reports survives redaction, and that
// redaction is idempotent on its own output.
func FuzzRedact(f *testing.F) {
	for _, s := range []string{
		"", "hello", "4111 1111 1111 1111", "x4111111111111111 4111111111111111", "bob@x.se and BOB@X.SE",
		"+46 70 123 45 67 0701234567", "Username: cminh730 cminh730@email.com",
		"SE45 5000 0000 0583 9825 7466", "[CARD_1] [EMAIL_2", "(555) 123-4567+1 (555) 123-4567",
		"2026-11-20 10:00 070-123 45 67 2", "a@b.se@c.se", "jürgen@müller.de", "电话070–123 45 67",
		"kundnummer 4471203 4471203x", "811218-9876 123-45-6789 192.168.1.1", "[CARD_4111111111111111] 4111111111111111",
	} {
		f.Add(s)
	}
	for _, name := range []string{"pii_corpus.jsonl", "pii_holdout.jsonl"} {
		for _, l := range readCorpus(f, name) {
			f.Add(l.Text)
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		ms := Find(s)
		last := 0
		for _, m := range ms {
			if m.Start < last || m.End <= m.Start || m.End > len(s) || s[m.Start:m.End] != m.Text {
				t.Fatalf("bad match %+v after offset %d in %q", m, last, s)
			}
			last = m.End
		}
		r := NewRedactor()
		out := r.Redact(s)
		for _, m := range ms {
			if (m.Kind == KindCard || m.Kind == KindIBAN || m.Kind == KindEmail) && strings.Contains(out, m.Text) {
				t.Fatalf("%s %q survives in %q (input %q)", m.Kind, m.Text, out, s)
			}
		}
		if again := r.Redact(out); again != out {
			t.Fatalf("not idempotent with the same redactor: %q -> %q -> %q", s, out, again)
		}
		if again := NewRedactor().Redact(out); again != out {
			t.Fatalf("not idempotent with a new redactor: %q -> %q -> %q", s, out, again)
		}
	})
}
