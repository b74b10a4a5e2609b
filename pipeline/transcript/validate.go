package transcript

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// roleAliases maps lower-case role names seen in exports onto the roles of the contract.
var roleAliases = map[string]Role{
	"customer": RoleCustomer, "user": RoleCustomer, "end-user": RoleCustomer, "end_user": RoleCustomer,
	"client": RoleCustomer,
	"bot":    RoleBot, "assistant": RoleBot, "chatbot": RoleBot, "ai": RoleBot,
	"agent": RoleAgent, "operator": RoleAgent, "human_agent": RoleAgent, "human-agent": RoleAgent, "rep": RoleAgent,
	"system": RoleSystem,
}

// acceptedRoles is quoted by quarantine reasons for an unknown role.
const acceptedRoles = "customer (or user, end-user, end_user, client), bot (or assistant, chatbot, ai), " +
	"agent (or operator, human_agent, human-agent, rep), system"

// NormalizeRole maps s, case-insensitively and with surrounding space trimmed, onto a Role of the contract:
// user, end-user, end_user, customer and client are the customer; assistant, chatbot, bot and ai the bot;
// operator, human_agent, human-agent, agent and rep a human agent; system is system. ok is false for anything else.
func NormalizeRole(s string) (Role, bool) {
	if r, ok := roleAliases[s]; ok { // the common case: already canonical
		return r, true
	}
	r, ok := roleAliases[strings.ToLower(strings.TrimSpace(s))]
	return r, ok
}

// channelAliases maps lower-case channel names onto the two channels. It is kept small on purpose: a
// channel nobody foresaw is quarantined rather than guessed.
var channelAliases = map[string]Channel{
	"bot": ChannelBot, "ai": ChannelBot, "chatbot": ChannelBot,
	"human": ChannelHuman, "agent": ChannelHuman,
}

// normalizeChannel maps s, case-insensitively and trimmed, onto a Channel: bot, ai and chatbot are the bot;
// human and agent the human channel.
func normalizeChannel(s string) (Channel, bool) {
	if c, ok := channelAliases[s]; ok {
		return c, true
	}
	c, ok := channelAliases[strings.ToLower(strings.TrimSpace(s))]
	return c, ok
}

// Validate checks c against the data contract and normalises it in place. It returns nil when c is valid, else
// a Quarantine naming the field at fault (c.Source and c.ID are copied into it; Raw is left to the reader).
//
// The id must not be empty or only white space (other characters, spaces included, are kept as they are).
// There must be at least one turn; roles are mapped with NormalizeRole, and an empty role counts as missing.
// Text may be empty. Every string must be valid UTF-8. The channel is mapped with bot, ai and chatbot meaning
// the bot and human and agent meaning human; when it is empty it is derived: any bot turn makes the
// conversation a bot conversation (escalated ones included), else it is human. Language and topic are trimmed.
// Empty Metadata becomes nil.
func Validate(c *Conversation) *Quarantine {
	return validate(c, true)
}

// validate is Validate; checkUTF8 is false for callers whose decoder already rejected invalid UTF-8.
func validate(c *Conversation, checkUTF8 bool) *Quarantine {
	bad := func(field, reason string) *Quarantine {
		return &Quarantine{Source: c.Source, ConversationID: c.ID, Field: field, Reason: reason}
	}
	if checkUTF8 && !utf8.ValidString(c.ID) {
		return bad("id", "id is not valid UTF-8")
	}
	if strings.TrimSpace(c.ID) == "" {
		if c.ID == "" {
			return bad("id", "missing id")
		}
		return bad("id", "id is only white space")
	}
	if len(c.Turns) == 0 {
		return bad("turns", "conversation has no turns")
	}
	for _, f := range []struct {
		name string
		v    *string
	}{{"channel", (*string)(&c.Channel)}, {"language", &c.Language}, {"topic", &c.Topic}} {
		if checkUTF8 && !utf8.ValidString(*f.v) {
			return bad(f.name, f.name+" is not valid UTF-8")
		}
	}
	hasBot := false
	for i := range c.Turns {
		t := &c.Turns[i]
		if t.Role == "" {
			return bad(turnField(i, "role"), "missing role")
		}
		r, ok := NormalizeRole(string(t.Role))
		if !ok {
			return bad(turnField(i, "role"), fmt.Sprintf("unknown role %s; accepted roles: %s", quoteValue(string(t.Role)), acceptedRoles))
		}
		t.Role = r
		hasBot = hasBot || r == RoleBot
		if checkUTF8 && !utf8.ValidString(t.Text) {
			return bad(turnField(i, "text"), "text is not valid UTF-8")
		}
		if checkUTF8 && !utf8.ValidString(t.Author) {
			return bad(turnField(i, "author"), "author is not valid UTF-8")
		}
	}
	if strings.TrimSpace(string(c.Channel)) == "" {
		c.Channel = ChannelHuman
		if hasBot {
			c.Channel = ChannelBot
		}
	} else if ch, ok := normalizeChannel(string(c.Channel)); ok {
		c.Channel = ch
	} else {
		return bad("channel", fmt.Sprintf("unknown channel %s; accepted: bot (or ai, chatbot), human (or agent), or none to derive it from the turns", quoteValue(string(c.Channel))))
	}
	for k, v := range c.Metadata {
		if checkUTF8 && (!utf8.ValidString(k) || !validUTF8Value(v)) {
			return bad("metadata", fmt.Sprintf("metadata %s is not valid UTF-8", quoteValue(strings.ToValidUTF8(k, "\uFFFD"))))
		}
	}
	c.Language = strings.TrimSpace(c.Language)
	c.Topic = strings.TrimSpace(c.Topic)
	if len(c.Metadata) == 0 {
		c.Metadata = nil
	}
	return nil
}

// turnField names a field of the i-th turn (0-based), as in "turns[3].role".
func turnField(i int, name string) string {
	return "turns[" + strconv.Itoa(i) + "]." + name
}

// quoteValue quotes a value for a reason, shortened so a huge value cannot bloat the quarantine table.
func quoteValue(s string) string {
	const maxRunes = 80
	if utf8.RuneCountInString(s) > maxRunes {
		s = string([]rune(s)[:maxRunes]) + "…"
	}
	return strconv.Quote(s)
}

// validUTF8Value reports whether every string in a decoded JSON value is valid UTF-8.
func validUTF8Value(v any) bool {
	switch v := v.(type) {
	case string:
		return utf8.ValidString(v)
	case map[string]any:
		for k, e := range v {
			if !utf8.ValidString(k) || !validUTF8Value(e) {
				return false
			}
		}
	case []any:
		for _, e := range v {
			if !validUTF8Value(e) {
				return false
			}
		}
	}
	return true
}
