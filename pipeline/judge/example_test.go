package judge_test

import (
	"context"
	"fmt"
	"net/http/httptest"

	"github.com/convqa/convqa/pipeline/judge"
	"github.com/convqa/convqa/pipeline/judge/fake"
	"github.com/convqa/convqa/pipeline/transcript"
	"github.com/convqa/convqa/rubrics"
)

// Example judges one conversation against the shipped rubric, through the fake server: build the requests,
// look their keys up in the cache (here: none cached), send the misses.
func Example() {
	srv := httptest.NewServer(fake.New(fake.Options{Script: []fake.Fault{fake.TooMany}, RetryAfter: "0.01"}))
	defer srv.Close()
	c, err := judge.New(judge.Options{BaseURL: srv.URL + "/v1", Model: "gpt-4o-mini", APIKey: "sk-example"})
	if err != nil {
		panic(err)
	}
	r, _ := rubrics.Shipped("support", rubrics.Options{})
	conv := &transcript.Conversation{ID: "c1", Channel: transcript.ChannelBot, Turns: []transcript.Turn{
		{Role: transcript.RoleCustomer, Text: "My card 4111 1111 1111 1111 was charged twice."},
		{Role: transcript.RoleBot, Text: "I'm Klara. I have refunded the second charge."},
	}}
	for _, req := range c.Requests(conv, r, 0) {
		res, err := c.Send(context.Background(), req)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(len(res.Verdicts), "verdicts after", res.Attempts, "attempts")
		fmt.Print(req.Prompt.Transcript)
	}
	// Output:
	// 4 verdicts after 2 attempts
	// [1] Customer: My card [CARD_1] was charged twice.
	// [2] Agent: I'm Agent. I have refunded the second charge.
}
