package fake

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// schema has one criterion by reference into $defs, as the judge sends them, and one inline.
const schema = `{"type":"object","properties":{
	"resolution":{"$ref":"#/$defs/a"},
	"clarity":{"type":"object","properties":{"ev":{"type":"array","items":{"type":"integer"}},"why":{"type":"string"},"s":{"type":"integer","enum":[0,1,2]}},"required":["ev","why","s"],"additionalProperties":false}},
	"required":["resolution","clarity"],"additionalProperties":false,
	"$defs":{"a":{"type":"object","properties":{"ev":{"type":"array","items":{"type":"integer"}},"why":{"type":"string"},"s":{"type":["integer","null"],"enum":[1,2,3,4,5,null]}},"required":["ev","why","s"],"additionalProperties":false}}}`

func chatBody(user string, withSchema bool) []byte {
	return chatBodySchema(user, withSchema, schema)
}

func chatBodySchema(user string, withSchema bool, schema string) []byte {
	req := map[string]any{"model": "m", "seed": 1, "messages": []any{
		map[string]any{"role": "system", "content": "rubric"}, map[string]any{"role": "user", "content": user}}}
	if withSchema {
		req["response_format"] = map[string]any{"type": "json_schema",
			"json_schema": map[string]any{"name": "x", "strict": true, "schema": json.RawMessage(schema)}}
	}
	b, _ := json.Marshal(req)
	return b
}

type reply struct {
	Choices []struct {
		Message struct{ Content string }
	}
	Usage struct {
		PromptTokens int `json:"prompt_tokens"`
	}
}

func post(t *testing.T, url string, body []byte) (int, reply, http.Header) {
	t.Helper()
	resp, err := http.Post(url+"/chat/completions", "application/json", bytes.NewReader(body))
	require.NoError(t, err)
	defer resp.Body.Close()
	var r reply
	b, _ := io.ReadAll(resp.Body)
	_ = json.Unmarshal(b, &r)
	return resp.StatusCode, r, resp.Header
}

func TestAnswersFromSchema(t *testing.T) {
	s := New(Options{})
	url := s.Start(t)
	user := "Score it.\n\n<transcript>\n[1] Customer: hi\n[2] Agent: hello\n    [9] not a turn\n</transcript>\n"
	status, r, _ := post(t, url, chatBody(user, true))
	require.Equal(t, http.StatusOK, status)
	var got map[string]struct {
		Evidence []int  `json:"ev"`
		Why      string `json:"why"`
		Score    *int   `json:"s"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.Choices[0].Message.Content), &got))
	require.Len(t, got, 2)
	assert.Contains(t, []int{1, 2, 3, 4, 5}, *got["resolution"].Score)
	assert.Contains(t, []int{0, 1, 2}, *got["clarity"].Score)
	assert.Equal(t, []int{1}, got["clarity"].Evidence)
	assert.Equal(t, "Fake verdict for clarity.", got["clarity"].Why)
	assert.Positive(t, r.Usage.PromptTokens)

	_, again, _ := post(t, url, chatBody(user, true))
	assert.Equal(t, r.Choices[0].Message.Content, again.Choices[0].Message.Content, "deterministic")

	_, plain, _ := post(t, url, chatBody("grade this", false))
	assert.JSONEq(t, `{"reason":"The output meets the rubric.","pass":true,"score":1}`, plain.Choices[0].Message.Content)
	assert.Equal(t, 3, s.Chats())
	assert.Len(t, s.Requests(), 3)
}

func TestCallSeenByHook(t *testing.T) {
	var seen Call
	s := New(Options{Answer: func(c Call) map[string]Answer {
		seen = c
		return map[string]Answer{"resolution": {NA: true, Rationale: "no issue"}}
	}})
	url := s.Start(t)
	_, r, _ := post(t, url, chatBody("<transcript>\n[1] Customer: hi\n[2] Agent: yo\n</transcript>\n", true))
	assert.Equal(t, 2, seen.Turns)
	assert.Equal(t, 1, seen.Seed)
	assert.Equal(t, []Criterion{{ID: "resolution", Scores: []int{1, 2, 3, 4, 5}, NA: true}, {ID: "clarity", Scores: []int{0, 1, 2}}}, seen.Criteria)
	assert.Contains(t, r.Choices[0].Message.Content, `"resolution":{"ev":[],"why":"no issue","s":null}`)
}

func TestFaultShares(t *testing.T) {
	s := New(Options{Script: []Fault{Hang}, TooMany: 0.2, ServerError: 0.1, OutOfRange: 0.05})
	counts := map[Fault]int{}
	for n := 2; n <= 1001; n++ {
		counts[s.fault(n)]++
	}
	assert.Equal(t, Hang, s.fault(1))
	assert.InDelta(t, 200, counts[TooMany], 3)
	assert.InDelta(t, 100, counts[ServerError], 3)
	assert.InDelta(t, 50, counts[OutOfRange], 3)
	// In any 20 consecutive requests, the 429s stay close to their share.
	for start := 2; start < 900; start += 20 {
		n := 0
		for i := start; i < start+20; i++ {
			if s.fault(i) == TooMany {
				n++
			}
		}
		assert.InDelta(t, 4, n, 2, start)
	}
}

func TestFaultReplies(t *testing.T) {
	s := New(Options{Script: []Fault{TooMany, ServerError, BrokenBody, BrokenContent, OutOfRange}, RetryAfter: "0.5", EchoAuth: true})
	url := s.Start(t)
	body := chatBody("<transcript>\n[1] Customer: hi\n</transcript>\n", true)
	status, _, h := post(t, url, body)
	assert.Equal(t, 429, status)
	assert.Equal(t, "0.5", h.Get("Retry-After"))
	status, _, _ = post(t, url, body)
	assert.Equal(t, 500, status)
	resp, err := http.Post(url+"/chat/completions", "application/json", bytes.NewReader(body))
	require.NoError(t, err)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.False(t, json.Valid(b), "broken body")
	_, r, _ := post(t, url, body)
	assert.False(t, json.Valid([]byte(r.Choices[0].Message.Content)), "broken content")
	_, r, _ = post(t, url, body)
	assert.Contains(t, r.Choices[0].Message.Content, `"s":6`, "out of range")
}

func TestBadSchema(t *testing.T) {
	url := New(Options{}).Start(t)
	for name, sc := range map[string]string{
		"dangling $ref": `{"type":"object","properties":{"x":{"$ref":"#/$defs/zz"}},"required":["x"]}`,
		"foreign $ref":  `{"type":"object","properties":{"x":{"$ref":"https://example.com/s"}},"required":["x"]}`,
		"no scores":     `{"type":"object","properties":{"x":{"type":"object","properties":{"s":{"enum":[null]}}}},"required":["x"]}`,
		"missing":       `{"type":"object","properties":{},"required":["x"]}`,
	} {
		t.Run(name, func(t *testing.T) {
			status, _, _ := post(t, url, chatBodySchema("<transcript>\n[1] Customer: hi\n</transcript>", true, sc))
			assert.Equal(t, http.StatusBadRequest, status)
		})
	}
}

func TestHangEndsWhenTheClientGivesUp(t *testing.T) {
	s := New(Options{Hang: 1})
	url := s.Start(t)
	c := &http.Client{Timeout: 100 * time.Millisecond}
	start := time.Now()
	_, err := c.Post(url+"/chat/completions", "application/json", bytes.NewReader(chatBody("x", true)))
	require.Error(t, err)
	assert.Less(t, time.Since(start), 2*time.Second)
}

func TestAuth(t *testing.T) {
	s := New(Options{APIKey: "sk-right", EchoAuth: true})
	url := s.Start(t)
	req, _ := http.NewRequest(http.MethodPost, url+"/chat/completions", bytes.NewReader(chatBody("x", true)))
	req.Header.Set("Authorization", "Bearer sk-wrong")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, 401, resp.StatusCode)
	assert.True(t, strings.Contains(string(b), "sk-wrong"), "echoes the credentials it got")
	assert.Equal(t, "Bearer sk-wrong", s.Requests()[0].Auth)
}
