// Package transcript defines conversations and turns, and streams them from JSONL, CSV and Parquet files,
// sending records that break the data contract to quarantine instead of dropping them.
package transcript

import (
	"time"
)

// Role says who wrote a turn.
type Role string

// The roles of the data contract. Readers map common aliases onto them (see NormalizeRole).
const (
	RoleCustomer Role = "customer"
	RoleBot      Role = "bot"
	RoleAgent    Role = "agent"
	RoleSystem   Role = "system"
)

// Channel is who served the customer: the AI bot or human agents.
type Channel string

// The two channels compared by convqa.
const (
	ChannelBot   Channel = "bot"
	ChannelHuman Channel = "human"
)

// Turn is one message of a conversation.
type Turn struct {
	Role Role
	Text string
	// At is when the turn was sent; the zero time when the source had no timestamp.
	At time.Time
	// Author identifies the agent or bot that wrote the turn, when known.
	Author string
}

// Conversation is one support conversation, from either channel.
type Conversation struct {
	ID string
	// Channel is bot or human; when the source omits it, Validate derives it from the turns.
	Channel   Channel
	Language  string
	Topic     string
	StartedAt time.Time // zero when unknown
	// Metadata holds every field the contract does not name, as decoded from the source (JSON values).
	Metadata map[string]any
	Turns    []Turn
	// Source says where the conversation was read from.
	Source Source
}

// Source locates a record in an input file. Line is the JSONL line or the first CSV/Parquet row (1-based;
// the CSV header is line 1).
type Source struct {
	File string
	Line int
}

// Quarantine is a record that could not be accepted, with the reason. It is stored, never dropped silently.
type Quarantine struct {
	Source
	// ConversationID is the id when it could be read, else empty.
	ConversationID string
	// Field names the field at fault when there is one (e.g. "turns[3].role").
	Field  string
	Reason string
	// Raw is the start of the offending record (at most RawLimit bytes, valid UTF-8).
	Raw string
}

// RawLimit caps the bytes of a bad record kept in quarantine.
const RawLimit = 4096

// Record is one item read from a source: either a valid Conversation or a Quarantine, never both.
type Record struct {
	Conversation *Conversation
	Quarantine   *Quarantine
}
