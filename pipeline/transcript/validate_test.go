package transcript

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNormalizeRole(t *testing.T) {
	tests := []struct {
		in   string
		want Role
		ok   bool
	}{
		{"customer", RoleCustomer, true},
		{"user", RoleCustomer, true},
		{"End-User", RoleCustomer, true},
		{"end_user", RoleCustomer, true},
		{" CLIENT ", RoleCustomer, true},
		{"bot", RoleBot, true},
		{"Assistant", RoleBot, true},
		{"chatbot", RoleBot, true},
		{"AI", RoleBot, true},
		{"agent", RoleAgent, true},
		{"operator", RoleAgent, true},
		{"human_agent", RoleAgent, true},
		{"Human-Agent", RoleAgent, true},
		{"rep", RoleAgent, true},
		{"\tsystem\n", RoleSystem, true},
		{"", "", false},
		{"human", "", false},
		{"end user", "", false},
		{"supervisor", "", false},
	}
	for _, tt := range tests {
		got, ok := NormalizeRole(tt.in)
		assert.Equal(t, tt.ok, ok, "%q", tt.in)
		assert.Equal(t, tt.want, got, "%q", tt.in)
	}
}

func TestValidate(t *testing.T) {
	turns := func(roles ...Role) []Turn {
		var ts []Turn
		for _, r := range roles {
			ts = append(ts, Turn{Role: r, Text: "x"})
		}
		return ts
	}
	src := Source{File: "f", Line: 9}
	tests := []struct {
		name    string
		in      Conversation
		want    *Conversation // after normalisation, when valid
		field   string        // when quarantined
		reason  string
		channel Channel
	}{
		{name: "bot turn makes a bot conversation", in: Conversation{ID: "a", Turns: turns("user", "bot", "agent")},
			want: &Conversation{ID: "a", Channel: ChannelBot, Turns: turns(RoleCustomer, RoleBot, RoleAgent)}},
		{name: "no bot turn makes a human conversation", in: Conversation{ID: "a", Turns: turns("customer", "system", "Operator")},
			want: &Conversation{ID: "a", Channel: ChannelHuman, Turns: turns(RoleCustomer, RoleSystem, RoleAgent)}},
		{name: "blank channel is derived", in: Conversation{ID: "a", Channel: " ", Turns: turns("customer")},
			want: &Conversation{ID: "a", Channel: ChannelHuman, Turns: turns(RoleCustomer)}},
		{name: "channel aliases", in: Conversation{ID: "a", Channel: " ChatBot", Language: " en ", Topic: "\trefund", Metadata: map[string]any{}, Turns: turns("customer")},
			want: &Conversation{ID: "a", Channel: ChannelBot, Language: "en", Topic: "refund", Turns: turns(RoleCustomer)}},
		{name: "human alias", in: Conversation{ID: "a", Channel: "AGENT", Turns: turns("bot")},
			want: &Conversation{ID: "a", Channel: ChannelHuman, Turns: turns(RoleBot)}},
		{name: "ids keep their spaces", in: Conversation{ID: " a/b#c ", Turns: turns("customer")},
			want: &Conversation{ID: " a/b#c ", Channel: ChannelHuman, Turns: turns(RoleCustomer)}},
		{name: "empty id", in: Conversation{Turns: turns("customer")}, field: "id", reason: "missing id"},
		{name: "blank id", in: Conversation{ID: " \t", Turns: turns("customer")}, field: "id", reason: "id is only white space"},
		{name: "invalid id", in: Conversation{ID: "a\xff", Turns: turns("customer")}, field: "id", reason: "id is not valid UTF-8"},
		{name: "no turns", in: Conversation{ID: "a"}, field: "turns", reason: "conversation has no turns"},
		{name: "missing role", in: Conversation{ID: "a", Turns: turns("customer", "")}, field: "turns[1].role", reason: "missing role"},
		{name: "unknown role", in: Conversation{ID: "a", Turns: turns("customer", "bot", "Boss")}, field: "turns[2].role",
			reason: `unknown role "Boss"; accepted roles: customer (or user, end-user, end_user, client), bot (or assistant, chatbot, ai), agent (or operator, human_agent, human-agent, rep), system`},
		{name: "bad channel", in: Conversation{ID: "a", Channel: "phone", Turns: turns("customer")}, field: "channel",
			reason: `unknown channel "phone"; accepted: bot (or ai, chatbot), human (or agent), or none to derive it from the turns`},
		{name: "invalid text", in: Conversation{ID: "a", Turns: []Turn{{Role: RoleBot, Text: "\xc3("}}}, field: "turns[0].text", reason: "text is not valid UTF-8"},
		{name: "invalid author", in: Conversation{ID: "a", Turns: []Turn{{Role: RoleBot, Author: "\xc3("}}}, field: "turns[0].author", reason: "author is not valid UTF-8"},
		{name: "invalid language", in: Conversation{ID: "a", Language: "\xff", Turns: turns("bot")}, field: "language", reason: "language is not valid UTF-8"},
		{name: "invalid metadata", in: Conversation{ID: "a", Metadata: map[string]any{"k": []any{"\xff"}}, Turns: turns("bot")}, field: "metadata", reason: `metadata "k" is not valid UTF-8`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.in
			c.Source = src
			q := Validate(&c)
			if tt.want != nil {
				require.Nil(t, q)
				want := *tt.want
				want.Source = src
				assert.Equal(t, want, c)
				return
			}
			require.NotNil(t, q)
			assert.Equal(t, Quarantine{Source: src, ConversationID: tt.in.ID, Field: tt.field, Reason: tt.reason}, *q)
		})
	}
}

func TestParseTime(t *testing.T) {
	utc := func(y int, mo time.Month, d, h, mi, s, ns int) time.Time {
		return time.Date(y, mo, d, h, mi, s, ns, time.UTC)
	}
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2026-11-20T10:00:00Z", utc(2026, 11, 20, 10, 0, 0, 0), true},
		{" 2026-11-20T10:00:00.5+01:00 ", utc(2026, 11, 20, 9, 0, 0, 5e8), true},
		{"2026-11-20T10:00:00.123456789Z", utc(2026, 11, 20, 10, 0, 0, 123456789), true},
		{"2026-11-20 10:00:00", utc(2026, 11, 20, 10, 0, 0, 0), true},
		{"2026-11-20 10:00:00.25", utc(2026, 11, 20, 10, 0, 0, 25e7), true},
		{"2026-11-20 10:00:00-05:00", utc(2026, 11, 20, 15, 0, 0, 0), true},
		{"2026-11-20T10:00:00", utc(2026, 11, 20, 10, 0, 0, 0), true},
		{"1763632800", utc(2025, 11, 20, 10, 0, 0, 0), true},
		{"1763632800.000000001", utc(2025, 11, 20, 10, 0, 0, 1), true},
		{"-1.5", utc(1969, 12, 31, 23, 59, 58, 5e8), true},
		{"1.7636328e9", utc(2025, 11, 20, 10, 0, 0, 0), true},
		{"0", time.Unix(0, 0).UTC(), true},
		{"", time.Time{}, false},
		{"yesterday", time.Time{}, false},
		{"2026-13-01T00:00:00Z", time.Time{}, false},
		{"2026-11-20", time.Time{}, false},
		{"1e300", time.Time{}, false},
		{"NaN", time.Time{}, false},
		{"99999999999999", time.Time{}, false},
		{"1.2.3", time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := parseTime(tt.in)
		assert.Equal(t, tt.ok, ok, "%q", tt.in)
		assert.Equal(t, tt.want, got, "%q", tt.in)
	}
}
