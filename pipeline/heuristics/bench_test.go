package heuristics

import (
	"testing"
	"time"

	"github.com/convqa/convqa/pipeline/transcript"
)

// benchConversation is a typical escalated bot chat: 12 turns, about 2.5 KB of text.
func benchConversation() *transcript.Conversation {
	t0 := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	at := func(s int) time.Time { return t0.Add(time.Duration(s) * time.Second) }
	return &transcript.Conversation{ID: "bench", Turns: []transcript.Turn{
		{Role: transcript.RoleCustomer, At: at(0), Text: "Hi, I ordered a pair of running shoes two weeks ago (order 4471-2290) and I returned them last Monday because they were too small. The tracking says the parcel was delivered to your warehouse on Wednesday, but I still haven't received my refund. Where is my money?"},
		{Role: transcript.RoleBot, At: at(3), Text: "Hello and welcome! I'm the virtual assistant. I can help you with orders, returns, refunds and delivery questions. Refunds are usually issued within 5 business days after your return has been received and inspected at our warehouse. Is there anything else I can help you with?"},
		{Role: transcript.RoleCustomer, At: at(40), Text: "It has been more than 5 business days already. The return was delivered on Wednesday last week and I have the receipt from the post office with the tracking number. Can you check the status of my refund please? I paid with my credit card and nothing has come back yet."},
		{Role: transcript.RoleBot, At: at(43), Text: "I'm sorry, I didn't quite get that. Could you rephrase your question? You can ask me about orders, returns, refunds and delivery, for example \"Where is my order?\" or \"How do I return an item?\"."},
		{Role: transcript.RoleCustomer, At: at(70), Text: "Where is my refund for order 4471-2290?"},
		{Role: transcript.RoleBot, At: at(72), Text: "Refunds are usually issued within 5 business days after your return has been received and inspected at our warehouse. Is there anything else I can help you with?"},
		{Role: transcript.RoleCustomer, At: at(95), Text: "This is useless. I want to talk to a real person please."},
		{Role: transcript.RoleSystem, At: at(97), Text: "Transferring you to an agent. Expected wait time: 2 minutes."},
		{Role: transcript.RoleAgent, At: at(180), Author: "agent-17", Text: "Hi, this is Maria from customer support, thanks for waiting and sorry about the trouble. I can see your return for order 4471-2290 arrived at our warehouse on Wednesday, but the inspection step was never completed, so the refund did not start automatically. I have completed the inspection for you now and issued the refund of 89.95 EUR to your original payment method. I also checked whether the shipping costs for the return should be refunded: since the shoes were the wrong size and not faulty, the return label was free for you anyway, so there is nothing else to pay back."},
		{Role: transcript.RoleCustomer, At: at(230), Text: "Thank you! How long will it take until I see the money on my card?"},
		{Role: transcript.RoleAgent, At: at(260), Author: "agent-17", Text: "Card refunds usually show up within 3 to 5 business days, depending on your bank. You will also receive a confirmation e-mail in the next hour with the amount and the reference number, so you can show it to your bank if anything is unclear. I have also added a note to your account so that future returns are inspected on time. Is there anything else I can help you with today?"},
		{Role: transcript.RoleCustomer, At: at(300), Text: "No, that's all, perfect, thanks for your help Maria. Have a nice day!"},
	}}
}

func BenchmarkSignals(b *testing.B) {
	a := New(Options{})
	c := benchConversation()
	n := 0
	for _, t := range c.Turns {
		n += len(t.Text)
	}
	b.SetBytes(int64(n)) // about 2.5 KB
	b.ReportAllocs()
	for b.Loop() {
		a.Signals(c)
	}
}

func BenchmarkNew(b *testing.B) {
	embeddedProfiles() // parsed once per process
	b.ReportAllocs()
	for b.Loop() {
		New(Options{})
	}
}

// BenchmarkParts splits BenchmarkSignals into its main stages, for profiling.
func BenchmarkParts(b *testing.B) {
	a := New(Options{})
	c := benchConversation()
	var folded [][]byte
	for _, t := range c.Turns {
		f, _ := fold(nil, t.Text)
		folded = append(folded, f)
	}
	b.Run("fold", func(b *testing.B) {
		var buf []byte
		for b.Loop() {
			for _, t := range c.Turns {
				buf, _ = fold(buf[:0], t.Text)
			}
		}
	})
	b.Run("match", func(b *testing.B) {
		for b.Loop() {
			for _, f := range folded {
				var counts [numCategories]uint16
				a.latin.match(f, &counts)
			}
		}
	})
	b.Run("detect", func(b *testing.B) {
		for b.Loop() {
			var cs, as langState
			for _, t := range c.Turns {
				if t.Role == transcript.RoleCustomer {
					a.det.feed(&cs, t.Text)
				} else {
					a.det.feed(&as, t.Text)
				}
			}
			a.det.result(&cs)
			a.det.result(&as)
		}
	})
}
