// Package redact finds personal data (card numbers, IBANs, e-mail addresses, phone numbers, national ids, IP
// addresses, labelled account ids) in conversation text and masks it with placeholders that stay consistent within
// one conversation, so that no transcript text leaves the machine or reaches a report with PII in it.
package redact
