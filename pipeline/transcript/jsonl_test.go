package transcript

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const validTurns = `"turns":[{"role":"customer","text":"hi"}]`

func TestJSONLQuarantine(t *testing.T) {
	tests := []struct {
		name   string
		line   string
		id     string // ConversationID of the quarantine
		field  string
		reason string // a part of the reason
	}{
		{"not JSON", `{"id":"c-1",`, "c-1", "", "not valid JSON"},
		{"garbage", `hello`, "", "", "not valid JSON"},
		{"trailing data", `{"id":"c-1",` + validTurns + `} {}`, "c-1", "", "not valid JSON"},
		{"array", `[1,2]`, "", "", "line is a JSON array, want an object"},
		{"string", `"c-1"`, "", "", "line is a JSON string, want an object"},
		{"missing id", `{` + validTurns + `}`, "", "id", "missing id"},
		{"null id", `{"id":null,` + validTurns + `}`, "", "id", "missing id"},
		{"empty id", `{"id":"",` + validTurns + `}`, "", "id", "empty id"},
		{"blank id", `{"id":"  ",` + validTurns + `}`, "  ", "id", "only white space"},
		{"object id", `{"id":{"a":1},` + validTurns + `}`, "", "id", "id is a JSON object, want a string or a number"},
		{"bool id", `{"id":true,` + validTurns + `}`, "", "id", "id is a JSON boolean"},
		{"missing turns", `{"id":"c-1"}`, "c-1", "turns", "missing turns"},
		{"null turns", `{"id":"c-1","turns":null}`, "c-1", "turns", "missing turns"},
		{"empty turns", `{"id":"c-1","turns":[]}`, "c-1", "turns", "no turns"},
		{"turns not array", `{"id":"c-1","turns":{"role":"bot"}}`, "c-1", "turns", "turns is a JSON object, want an array of objects"},
		{"turn not object", `{"id":"c-1","turns":[{"role":"bot","text":"a"},"hello"]}`, "c-1", "turns[1]", "turn is a JSON string, want an object"},
		{"turn missing role", `{"id":"c-1","turns":[{"role":"bot","text":"a"},{"text":"b"}]}`, "c-1", "turns[1].role", "missing role"},
		{"turn null role", `{"id":"c-1","turns":[{"role":null,"text":"b"}]}`, "c-1", "turns[0].role", "missing role"},
		{"turn empty role", `{"id":"c-1","turns":[{"role":"","text":"b"}]}`, "c-1", "turns[0].role", "missing role"},
		{"turn number role", `{"id":"c-1","turns":[{"role":3,"text":"b"}]}`, "c-1", "turns[0].role", "turns[0].role is a JSON number, want a string"},
		{"turn missing text", `{"id":"c-1","turns":[{"role":"bot"}]}`, "c-1", "turns[0].text", "missing text"},
		{"turn null text", `{"id":"c-1","turns":[{"role":"bot","text":null}]}`, "c-1", "turns[0].text", "missing text"},
		{"turn array text", `{"id":"c-1","turns":[{"role":"bot","text":["a"]}]}`, "c-1", "turns[0].text", "JSON array, want a string"},
		{"turn bad author", `{"id":"c-1","turns":[{"role":"bot","text":"a","author":7}]}`, "c-1", "turns[0].author", "JSON number"},
		{
			"unknown role", `{"id":"c-1","turns":[{"role":"bot","text":"a"},{"role":"customer","text":"b"},{"role":"agent","text":"c"},{"role":"supervisor","text":"d"}]}`,
			"c-1", "turns[3].role", `unknown role "supervisor"; accepted roles: customer`,
		},
		{"bad channel", `{"id":"c-1","channel":"email",` + validTurns + `}`, "c-1", "channel", `unknown channel "email"; accepted: bot`},
		{"channel not string", `{"id":"c-1","channel":1,` + validTurns + `}`, "c-1", "channel", "channel is a JSON number, want a string"},
		{"language not string", `{"id":"c-1","language":["en"],` + validTurns + `}`, "c-1", "language", "JSON array"},
		{"topic not string", `{"id":"c-1","topic":false,` + validTurns + `}`, "c-1", "topic", "JSON boolean"},
		{"metadata not object", `{"id":"c-1","metadata":[1],` + validTurns + `}`, "c-1", "metadata", "metadata is a JSON array, want an object"},
		{"id after bad member", `{"metadata":"x","id":"c-9",` + validTurns + `}`, "c-9", "metadata", "want an object"},
		{"invalid UTF-8 in text", "{\"id\":\"c-1\",\"turns\":[{\"role\":\"bot\",\"text\":\"a\xffb\"}]}", "c-1", "", "not valid UTF-8 (first bad byte at offset 44)"},
		{"invalid UTF-8 in unknown member", "{\"id\":\"c-1\",\"x\":\"\xc3\"," + validTurns + "}", "c-1", "", "not valid UTF-8"},
		{"invalid UTF-8 outside strings", "{\"id\":\"c-1\",\xff" + validTurns + "}", "c-1", "", "not valid UTF-8"},
		{"lone surrogate escape", `{"id":"c-1","turns":[{"role":"bot","text":"\ud800"}]}`, "c-1", "", "not valid JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			input := "\n  \n" + tt.line + "\n" // blank lines before it are skipped but counted
			recs := readAll(t, NewJSONLReader(strings.NewReader(input), "in.jsonl"))
			require.Len(t, recs, 1)
			q := recs[0].Quarantine
			require.NotNil(t, q, "want a quarantine, got %+v", recs[0].Conversation)
			assert.Equal(t, Source{File: "in.jsonl", Line: 3}, q.Source)
			assert.Equal(t, tt.id, q.ConversationID)
			assert.Equal(t, tt.field, q.Field)
			assert.Contains(t, q.Reason, tt.reason)
			assert.Equal(t, strings.ToValidUTF8(tt.line, "\uFFFD"), q.Raw)
			slow := lineDecoder{noFast: true}
			assert.Equal(t, recs[0], slow.decode([]byte(tt.line), "in.jsonl", 3), "json.Unmarshal agrees")
		})
	}
}

func TestJSONLConversation(t *testing.T) {
	ts := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339Nano, s)
		require.NoError(t, err)
		return v.UTC()
	}
	tests := []struct {
		name string
		line string
		want Conversation // Source is filled in by the test
	}{
		{
			"contract example",
			`{"id":"c-1","channel":"bot","language":"en","topic":"refund","started_at":"2026-11-20T10:00:00Z","metadata":{"market":"SE"},` +
				`"turns":[{"role":"customer","text":"Where is my refund?","at":"2026-11-20T10:00:00Z"},{"role":"bot","text":"…","at":"2026-11-20T10:00:04Z"},` +
				`{"role":"system","text":"transferred to agent"},{"role":"agent","text":"…","author":"agent-17"}]}`,
			Conversation{
				ID: "c-1", Channel: ChannelBot, Language: "en", Topic: "refund", StartedAt: ts("2026-11-20T10:00:00Z"),
				Metadata: map[string]any{"market": "SE"},
				Turns: []Turn{
					{Role: RoleCustomer, Text: "Where is my refund?", At: ts("2026-11-20T10:00:00Z")},
					{Role: RoleBot, Text: "…", At: ts("2026-11-20T10:00:04Z")},
					{Role: RoleSystem, Text: "transferred to agent"},
					{Role: RoleAgent, Text: "…", Author: "agent-17"},
				},
			},
		},
		{
			"aliases and derived bot channel",
			`{"id":"c-2","turns":[{"role":" User ","text":"hi"},{"role":"ASSISTANT","text":"hello"},{"role":"human_agent","text":"hey"}]}`,
			Conversation{ID: "c-2", Channel: ChannelBot, Turns: []Turn{{Role: RoleCustomer, Text: "hi"}, {Role: RoleBot, Text: "hello"}, {Role: RoleAgent, Text: "hey"}}},
		},
		{
			"derived human channel",
			`{"id":"c-3","turns":[{"role":"client","text":"hi"},{"role":"rep","text":"hello"}]}`,
			Conversation{ID: "c-3", Channel: ChannelHuman, Turns: []Turn{{Role: RoleCustomer, Text: "hi"}, {Role: RoleAgent, Text: "hello"}}},
		},
		{
			"channel alias and null members",
			`{"id":"c-4","channel":"AI","language":null,"topic":null,"metadata":null,"started_at":null,"turns":[{"role":"customer","text":"","at":null,"author":null}]}`,
			Conversation{ID: "c-4", Channel: ChannelBot, Turns: []Turn{{Role: RoleCustomer, Text: ""}}},
		},
		{
			"explicit channel wins over turns",
			`{"id":"c-5","channel":"Agent","turns":[{"role":"bot","text":"hi"}]}`,
			Conversation{ID: "c-5", Channel: ChannelHuman, Turns: []Turn{{Role: RoleBot, Text: "hi"}}},
		},
		{"id with #", `{"id":"conv#12",` + validTurns + `}`, Conversation{ID: "conv#12", Channel: ChannelHuman, Turns: []Turn{{Role: RoleCustomer, Text: "hi"}}}},
		{"id with spaces", `{"id":" a b ",` + validTurns + `}`, Conversation{ID: " a b ", Channel: ChannelHuman, Turns: []Turn{{Role: RoleCustomer, Text: "hi"}}}},
		{"id with slashes", `{"id":"eu/se\/2026/1",` + validTurns + `}`, Conversation{ID: "eu/se/2026/1", Channel: ChannelHuman, Turns: []Turn{{Role: RoleCustomer, Text: "hi"}}}},
		{"id unicode", `{"id":"ärende-\u00e5-😀",` + validTurns + `}`, Conversation{ID: "ärende-å-😀", Channel: ChannelHuman, Turns: []Turn{{Role: RoleCustomer, Text: "hi"}}}},
		{"integer id", `{"id":12345678901234567890,` + validTurns + `}`, Conversation{ID: "12345678901234567890", Channel: ChannelHuman, Turns: []Turn{{Role: RoleCustomer, Text: "hi"}}}},
		{"negative id", `{"id":-7,` + validTurns + `}`, Conversation{ID: "-7", Channel: ChannelHuman, Turns: []Turn{{Role: RoleCustomer, Text: "hi"}}}},
		{"exponent id", `{"id":1.5e3,` + validTurns + `}`, Conversation{ID: "1500", Channel: ChannelHuman, Turns: []Turn{{Role: RoleCustomer, Text: "hi"}}}},
		{
			"unknown members to metadata, explicit metadata wins",
			`{"id":"c-6","market":"DE","score":4.5,"tags":["a"],"metadata":{"market":"SE","n":null},` + validTurns + `}`,
			Conversation{
				ID: "c-6", Channel: ChannelHuman, Turns: []Turn{{Role: RoleCustomer, Text: "hi"}},
				Metadata: map[string]any{"market": "SE", "score": 4.5, "tags": []any{"a"}, "n": nil},
			},
		},
		{
			"unknown turn members ignored, names are case-sensitive",
			`{"id":"c-7","Topic":"x","turns":[{"role":"bot","text":"a","sentiment":0.4,"Text":"ignored"}]}`,
			Conversation{ID: "c-7", Channel: ChannelBot, Metadata: map[string]any{"Topic": "x"}, Turns: []Turn{{Role: RoleBot, Text: "a"}}},
		},
		{
			"escapes in texts",
			`{"id":"c-8","turns":[{"role":"bot","text":"a\"b\\c\/d\n\t\r\b\f \u00e9 \ud83d\ude00 \u2028"},{"role":"customer","text":"plain"}]}`,
			Conversation{ID: "c-8", Channel: ChannelBot, Turns: []Turn{{Role: RoleBot, Text: "a\"b\\c/d\n\t\r\b\f é 😀 \u2028"}, {Role: RoleCustomer, Text: "plain"}}},
		},
		{
			"timestamp formats",
			`{"id":"c-9","started_at":1763632800,"turns":[` +
				`{"role":"bot","text":"a","at":"2026-11-20T10:00:00.123456789+02:00"},` +
				`{"role":"bot","text":"b","at":"2026-11-20 10:00:01"},` +
				`{"role":"bot","text":"c","at":"2026-11-20T10:00:02"},` +
				`{"role":"bot","text":"d","at":1763632803.5},` +
				`{"role":"bot","text":"e","at":"yesterday"},` +
				`{"role":"bot","text":"f","at":true},` +
				`{"role":"bot","text":"g","at":"2026-11-20 10:00:06.25"},` +
				`{"role":"bot","text":"h","at":"99999-01-01T00:00:00Z"}]}`,
			Conversation{ID: "c-9", Channel: ChannelBot, StartedAt: time.Unix(1763632800, 0).UTC(), Turns: []Turn{
				{Role: RoleBot, Text: "a", At: ts("2026-11-20T08:00:00.123456789Z")},
				{Role: RoleBot, Text: "b", At: ts("2026-11-20T10:00:01Z")},
				{Role: RoleBot, Text: "c", At: ts("2026-11-20T10:00:02Z")},
				{Role: RoleBot, Text: "d", At: time.Unix(1763632803, 5e8).UTC()},
				{Role: RoleBot, Text: "e"},
				{Role: RoleBot, Text: "f"},
				{Role: RoleBot, Text: "g", At: ts("2026-11-20T10:00:06.25Z")},
				{Role: RoleBot, Text: "h"},
			}},
		},
		{
			"escaped member names",
			`{"i\u0064":"c-11","t\u0075rns":[{"r\u006fle":"bot","text":"a"}],"\u00e5":1}`,
			Conversation{ID: "c-11", Channel: ChannelBot, Metadata: map[string]any{"å": 1.0}, Turns: []Turn{{Role: RoleBot, Text: "a"}}},
		},
		{
			"duplicate members, last wins",
			`{"id":"x","id":"c-10","language":" sv ",` + validTurns + `}`,
			Conversation{ID: "c-10", Channel: ChannelHuman, Language: "sv", Turns: []Turn{{Role: RoleCustomer, Text: "hi"}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs := readAll(t, NewJSONLReader(strings.NewReader(tt.line+"\r\n"), "in.jsonl"))
			require.Len(t, recs, 1)
			require.Nil(t, recs[0].Quarantine)
			want := tt.want
			want.Source = Source{File: "in.jsonl", Line: 1}
			assert.Equal(t, &want, recs[0].Conversation)
			slow := lineDecoder{noFast: true}
			assert.Equal(t, recs[0], slow.decode([]byte(tt.line), "in.jsonl", 1), "json.Unmarshal agrees")
		})
	}
}

func TestJSONLLinesAndOrder(t *testing.T) {
	corpus := genCorpus(2000, 3)
	lines := strings.Split(strings.TrimSuffix(string(corpus), "\n"), "\n")
	// Sprinkle blank and bad lines; remember where each line lands.
	var in strings.Builder
	type want struct {
		line int
		bad  bool
	}
	var wants []want
	n := 0
	for i, l := range lines {
		switch i % 97 {
		case 5:
			in.WriteString("\n")
			n++
		case 11:
			in.WriteString("{broken\n")
			n++
			wants = append(wants, want{n, true})
		}
		in.WriteString(l + "\n")
		n++
		wants = append(wants, want{n, false})
	}
	in.WriteString("\uFEFF") // a stray BOM after line 1 is not white space
	n++
	wants = append(wants, want{n, true})

	var got [][]Record
	for _, workers := range []int{1, 2, 3} {
		t.Run(fmt.Sprint("workers=", workers), func(t *testing.T) {
			recs := readAll(t, newJSONLReader(strings.NewReader(in.String()), "c.jsonl", workers, nil))
			require.Len(t, recs, len(wants))
			for i, w := range wants {
				rec := recs[i]
				if w.bad {
					require.NotNil(t, rec.Quarantine, "record %d", i)
					assert.Equal(t, w.line, rec.Quarantine.Line)
					continue
				}
				require.NotNil(t, rec.Conversation, "record %d: %+v", i, rec.Quarantine)
				assert.Equal(t, w.line, rec.Conversation.Source.Line)
			}
			got = append(got, recs)
		})
	}
	require.Len(t, got, 3)
	assert.Equal(t, got[0], got[1])
	assert.Equal(t, got[0], got[2])
}

func TestJSONLRoundTrip(t *testing.T) {
	corpus := genCorpus(300, 4)
	first := readAll(t, NewJSONLReader(bytes.NewReader(corpus), "a.jsonl"))
	var buf bytes.Buffer
	w := NewJSONLWriter(&buf)
	for _, c := range conversations(first) {
		require.NoError(t, w.Write(c))
	}
	require.NoError(t, w.Flush())
	assert.Equal(t, string(corpus), buf.String(), "the writer's output is canonical, so reading and writing it again changes nothing")
	second := readAll(t, NewJSONLReader(&buf, "b.jsonl"))
	assert.Equal(t, conversations(first), conversations(second))
	assert.Len(t, second, 300)
}

func TestJSONLTooLongLine(t *testing.T) {
	long := `{"id":"big","turns":[{"role":"bot","text":"` + strings.Repeat("é", 3000) + `"}]}`
	in := `{"id":"a",` + validTurns + "}\n" + long + "\n" + `{"id":"b",` + validTurns + "}"
	for _, workers := range []int{1, 2} {
		r := newJSONLReader(iotest.HalfReader(strings.NewReader(in)), "l.jsonl", workers, nil)
		r.maxLine = 1000
		recs := readAll(t, r)
		require.Len(t, recs, 3)
		assert.Equal(t, "a", recs[0].Conversation.ID)
		q := recs[1].Quarantine
		require.NotNil(t, q)
		assert.Equal(t, 2, q.Line)
		assert.Equal(t, fmt.Sprintf("line is %d bytes, longer than the limit of 1000 bytes", len(long)+1), q.Reason)
		assert.LessOrEqual(t, len(q.Raw), RawLimit)
		assert.True(t, strings.HasPrefix(long, q.Raw))
		assert.Equal(t, "b", recs[2].Conversation.ID)
		assert.Equal(t, 3, recs[2].Conversation.Source.Line)
	}
}

func TestJSONLLongLine(t *testing.T) {
	text := strings.Repeat("a\\n", 2<<20) // 6 MB: longer than any buffer, shorter than the limit
	in := `{"id":"big","turns":[{"role":"bot","text":"` + text + `"}]}`
	recs := readAll(t, NewJSONLReader(strings.NewReader(in), "l.jsonl"))
	require.Len(t, recs, 1)
	require.NotNil(t, recs[0].Conversation)
	assert.Equal(t, strings.Repeat("a\n", 2<<20), recs[0].Conversation.Turns[0].Text)
}

func TestJSONLRawLimit(t *testing.T) {
	line := `{"id":"c-1","turns":[{"role":"pirate","text":"` + strings.Repeat("ö", RawLimit) + `"}]}`
	recs := readAll(t, NewJSONLReader(strings.NewReader(line), "r.jsonl"))
	q := recs[0].Quarantine
	require.NotNil(t, q)
	assert.LessOrEqual(t, len(q.Raw), RawLimit)
	assert.Greater(t, len(q.Raw), RawLimit-2, "cut at the last whole rune")
	assert.True(t, strings.HasPrefix(line, q.Raw))
}

func TestJSONLReadError(t *testing.T) {
	boom := errors.New("disk on fire")
	in := io.MultiReader(strings.NewReader(`{"id":"a",`+validTurns+"}\n"+`{"id":"b",`), iotest.ErrReader(boom))
	for _, workers := range []int{1, 2} {
		r := newJSONLReader(in, "e.jsonl", workers, nil)
		recs, err := readUntilError(r)
		require.ErrorIs(t, err, boom)
		assert.Contains(t, err.Error(), "read e.jsonl after line 1")
		require.Len(t, recs, 1, "the cut line is not a record")
		assert.Equal(t, "a", recs[0].Conversation.ID)
		_, err2 := r.Next()
		assert.Equal(t, err, err2, "the error sticks")
		require.NoError(t, r.Close())
		in = io.MultiReader(strings.NewReader(`{"id":"a",`+validTurns+"}\n"+`{"id":"b",`), iotest.ErrReader(boom))
	}
}

func TestJSONLCloseEndsWorkers(t *testing.T) {
	corpus := genCorpus(3000, 5)
	r := newJSONLReader(bytes.NewReader(corpus), "c.jsonl", 3, nil)
	for range 10 {
		_, err := r.Next()
		require.NoError(t, err)
	}
	assert.NotZero(t, decodeWorkers(), "workers run")
	require.NoError(t, r.Close())
	assert.Zero(t, decodeWorkers(), "Close ends them before it returns")
	_, err := r.Next()
	assert.ErrorIs(t, err, errClosed)
	require.NoError(t, r.Close(), "Close twice is fine")

	// Workers also end by themselves at the end of the input.
	r = newJSONLReader(bytes.NewReader(corpus), "c.jsonl", 3, nil)
	_, err = readUntilError(r)
	require.ErrorIs(t, err, io.EOF)
	assert.Zero(t, decodeWorkers())
	require.NoError(t, r.Close())
}

// decodeWorkers counts the goroutines running a JSONL reader's decode workers. Counting all goroutines
// instead is flaky: the runtime and the race detector start their own at any time.
func decodeWorkers() int {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	count := 0
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, "(*jsonlReader).startWorkers") {
			count++
		}
	}
	return count
}

func TestJSONLEmpty(t *testing.T) {
	for _, in := range []string{"", "\n\n", "  \r\n\t\n", "\uFEFF\n"} {
		assert.Empty(t, readAll(t, NewJSONLReader(strings.NewReader(in), "e.jsonl")), "%q", in)
	}
}
