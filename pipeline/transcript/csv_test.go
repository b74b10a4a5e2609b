package transcript

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// want describes an expected record: a conversation (conv set) or a quarantine.
type want struct {
	line   int
	conv   *Conversation // Source is not compared
	id     string
	field  string
	reason string // a part of the quarantine's reason
}

func checkRecords(t *testing.T, file string, recs []Record, wants []want) {
	t.Helper()
	require.Len(t, recs, len(wants))
	for i, w := range wants {
		rec := recs[i]
		if w.conv != nil {
			require.NotNil(t, rec.Conversation, "record %d: %+v", i, rec.Quarantine)
			assert.Equal(t, Source{File: file, Line: w.line}, rec.Conversation.Source, "record %d", i)
			got := *rec.Conversation
			got.Source = Source{}
			assert.Equal(t, *w.conv, got, "record %d", i)
			continue
		}
		require.NotNil(t, rec.Quarantine, "record %d: %+v", i, rec.Conversation)
		q := rec.Quarantine
		assert.Equal(t, Source{File: file, Line: w.line}, q.Source, "record %d", i)
		assert.Equal(t, w.id, q.ConversationID, "record %d", i)
		assert.Equal(t, w.field, q.Field, "record %d", i)
		assert.Contains(t, q.Reason, w.reason, "record %d", i)
		assert.NotEmpty(t, q.Raw, "record %d", i)
	}
}

func TestCSVReader(t *testing.T) {
	at := func(s string) time.Time {
		return time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC).Add(mustDuration(t, s))
	}
	tests := []struct {
		name  string
		in    string
		wants []want
	}{
		{
			name: "columns in any order and case, extras to metadata, turns sorted",
			in: "\uFEFFText, Role ,Conversation_ID,TURN_INDEX,at,channel,language,topic,author,started_at,Market,Empty\r\n" +
				"\"Hello, I need help\",customer,c-1,0,2026-11-20T10:00:00Z,,en,refund,,2026-11-20 10:00:00,SE,\r\n" +
				"transferred,system,c-1,2,2026-11-20T10:00:09Z,,,,,,DE,\r\n" +
				"How can I help?,assistant,c-1,1,2026-11-20 10:00:04,,,,bot-1,,,\r\n" +
				"\"multi\nline\",user,c 2/#,0,,HUMAN,sv,,,,,\r\n" +
				"ok,agent,c 2/#,1,1763632800,,,,agent-17,,,x\r\n",
			wants: []want{
				{line: 2, conv: &Conversation{
					ID: "c-1", Channel: ChannelBot, Language: "en", Topic: "refund", StartedAt: at("0s"),
					Metadata: map[string]any{"Market": "SE"},
					Turns: []Turn{
						{Role: RoleCustomer, Text: "Hello, I need help", At: at("0s")},
						{Role: RoleBot, Text: "How can I help?", At: at("4s"), Author: "bot-1"},
						{Role: RoleSystem, Text: "transferred", At: at("9s")},
					},
				}},
				{line: 5, conv: &Conversation{
					ID: "c 2/#", Channel: ChannelHuman, Language: "sv",
					Turns: []Turn{
						{Role: RoleCustomer, Text: "multi\nline"},
						{Role: RoleAgent, Text: "ok", At: time.Unix(1763632800, 0).UTC(), Author: "agent-17"},
					},
				}},
			},
		},
		{
			name: "only required columns, row order kept",
			in:   "conversation_id,role,text\na,customer,hi\na,bot,\nb,customer,yo\n",
			wants: []want{
				{line: 2, conv: &Conversation{ID: "a", Channel: ChannelBot, Turns: []Turn{{Role: RoleCustomer, Text: "hi"}, {Role: RoleBot, Text: ""}}}},
				{line: 4, conv: &Conversation{ID: "b", Channel: ChannelHuman, Turns: []Turn{{Role: RoleCustomer, Text: "yo"}}}},
			},
		},
		{
			name: "rows not grouped",
			in:   "conversation_id,role,text\na,customer,1\nb,customer,2\na,bot,3\na,bot,4\nc,customer,5\n",
			wants: []want{
				{line: 2, conv: &Conversation{ID: "a", Channel: ChannelHuman, Turns: []Turn{{Role: RoleCustomer, Text: "1"}}}},
				{line: 3, conv: &Conversation{ID: "b", Channel: ChannelHuman, Turns: []Turn{{Role: RoleCustomer, Text: "2"}}}},
				{line: 4, id: "a", field: "conversation_id", reason: `conversation_id "a" appears again at line 4 after rows of other conversations; rows must be grouped by conversation_id`},
				{line: 6, conv: &Conversation{ID: "c", Channel: ChannelHuman, Turns: []Turn{{Role: RoleCustomer, Text: "5"}}}},
			},
		},
		{
			name: "wrong number of fields quarantines the conversation, reading goes on",
			in:   "conversation_id,role,text\na,customer,1\na,bot,2,extra\na,bot,3\nb,customer,4\nc,customer\nd,bot,6\n",
			wants: []want{
				{line: 2, id: "a", reason: "line 3 has 4 fields, the header has 3"},
				{line: 5, conv: &Conversation{ID: "b", Channel: ChannelHuman, Turns: []Turn{{Role: RoleCustomer, Text: "4"}}}},
				{line: 6, id: "c", reason: "line 6 has 2 fields, the header has 3"},
				{line: 7, conv: &Conversation{ID: "d", Channel: ChannelBot, Turns: []Turn{{Role: RoleBot, Text: "6"}}}},
			},
		},
		{
			name: "bad quoting quarantines the conversation, reading goes on",
			in:   "conversation_id,role,text\na,customer,1\na,bot,say \"hi\"\nb,customer,\"x\"y\nc,customer,ok\n",
			wants: []want{
				{line: 2, id: "a", reason: `bad CSV at line 3, column 11: bare " in non-quoted-field`},
				{line: 4, id: "b", reason: `bad CSV at line 4, column 14: extraneous or missing " in quoted-field`},
				{line: 5, conv: &Conversation{ID: "c", Channel: ChannelHuman, Turns: []Turn{{Role: RoleCustomer, Text: "ok"}}}},
			},
		},
		{
			name: "broken row without an id joins the conversation being read",
			in:   "text,conversation_id,role\n1,a,customer\n\"x\"y,a,bot\n3,b,bot\n",
			wants: []want{
				{line: 2, id: "a", reason: "bad CSV at line 3"},
				{line: 4, conv: &Conversation{ID: "b", Channel: ChannelBot, Turns: []Turn{{Role: RoleBot, Text: "3"}}}},
			},
		},
		{
			name: "unterminated quote swallows the rest of the file",
			in:   "conversation_id,role,text\na,customer,1\nb,customer,\"open\nc,bot,2\n",
			wants: []want{
				{line: 2, conv: &Conversation{ID: "a", Channel: ChannelHuman, Turns: []Turn{{Role: RoleCustomer, Text: "1"}}}},
				{line: 3, id: "b", reason: "bad CSV in the row from line 3 to line 4"},
			},
		},
		{
			name: "contract violations",
			in: "conversation_id,turn_index,role,text,channel\n" +
				"a,0,customer,hi,\na,1,bot,yo,\na,2,manager,hey,\n" +
				"b,0,customer,hi,email\n" +
				"c,zero,customer,hi,\n" +
				",0,customer,hi,\n" +
				"e,0,customer,\"a\xffb\",\n",
			wants: []want{
				{line: 2, id: "a", field: "turns[2].role", reason: `unknown role "manager"; accepted roles: customer (or user, end-user, end_user, client), bot (or assistant, chatbot, ai), agent (or operator, human_agent, human-agent, rep), system (line 4)`},
				{line: 5, id: "b", field: "channel", reason: `unknown channel "email"`},
				{line: 6, id: "c", field: "turn_index", reason: `turn_index "zero" at line 6 is not an integer`},
				{line: 7, id: "", field: "id", reason: "missing id"},
				{line: 8, id: "e", field: "turns[0].text", reason: "text is not valid UTF-8 (line 8)"},
			},
		},
		{
			name:  "header only",
			in:    "conversation_id,role,text\n",
			wants: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs := readAll(t, NewCSVReader(strings.NewReader(tt.in), "t.csv"))
			checkRecords(t, "t.csv", recs, tt.wants)
		})
	}
}

func mustDuration(t *testing.T, s string) time.Duration {
	d, err := time.ParseDuration(s)
	require.NoError(t, err)
	return d
}

func TestCSVHeaderErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		err  string
	}{
		{"missing role", "conversation_id,text\na,b\n", `read h.csv: missing required column "role" (columns are matched case-insensitively)`},
		{"missing two", "id,role\n", `read h.csv: missing required column "conversation_id", "text"`},
		{"duplicate", "conversation_id,role,text,Role\n", `read h.csv: header: column "role" appears twice`},
		{"empty", "", "read h.csv: no header: the file is empty"},
		{"bad header", "conversation_id,\"role,text\n", "read h.csv: header: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewCSVReader(strings.NewReader(tt.in), "h.csv")
			_, err := r.Next()
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.err)
			_, err2 := r.Next()
			assert.Equal(t, err, err2, "the error sticks")
			require.NoError(t, r.Close())
		})
	}
}
