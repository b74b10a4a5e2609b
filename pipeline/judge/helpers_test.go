package judge

import (
	"flag"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/pipeline/judge/fake"
	"github.com/convqa/convqa/pipeline/transcript"
	"github.com/convqa/convqa/rubrics"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// testKey is the API key of the tests; no error, log, result or request body may contain it.
const testKey = "sk-test-9f8e7d6c5b4a3f2e1d0c"

func supportRubric(t testing.TB) *rubrics.Rubric {
	t.Helper()
	r, err := rubrics.Shipped("support", rubrics.Options{})
	require.NoError(t, err)
	return r
}

// conv builds a conversation from alternating customer and agent texts; the agent side is the bot or a
// human according to channel.
func conv(id string, channel transcript.Channel, texts ...string) *transcript.Conversation {
	c := &transcript.Conversation{ID: id, Channel: channel}
	agent := transcript.RoleAgent
	if channel == transcript.ChannelBot {
		agent = transcript.RoleBot
	}
	for i, s := range texts {
		role := transcript.RoleCustomer
		if i%2 == 1 {
			role = agent
		}
		c.Turns = append(c.Turns, transcript.Turn{Role: role, Text: s})
	}
	return c
}

func sampleConv(i int) *transcript.Conversation {
	return conv(fmt.Sprintf("c%03d", i), transcript.ChannelBot,
		fmt.Sprintf("Hi, my order %d never arrived.", 1000+i),
		"Sorry to hear that. I have sent a replacement; it arrives on Friday.",
		"Thanks!")
}

// newClient starts a fake with o and returns a client for it with fast retries.
func newClient(t testing.TB, fo fake.Options, o Options) (*Client, *fake.Server) {
	t.Helper()
	srv := fake.New(fo)
	o.BaseURL = srv.Start(t)
	if o.Model == "" {
		o.Model = "gpt-4o-mini"
	}
	if o.APIKey == "" {
		o.APIKey = testKey
	}
	if o.BaseBackoff == 0 {
		o.BaseBackoff = time.Millisecond
	}
	if o.MaxWait == 0 {
		o.MaxWait = 2 * time.Second
	}
	if o.Timeout == 0 {
		o.Timeout = 5 * time.Second
	}
	c, err := New(o)
	require.NoError(t, err)
	return c, srv
}
