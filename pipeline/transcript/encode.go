package transcript

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// jsonConversation is the canonical JSONL shape of a conversation (see README, "Transcript JSONL").
type jsonConversation struct {
	ID        string         `json:"id"`
	Channel   Channel        `json:"channel,omitempty"`
	Language  string         `json:"language,omitempty"`
	Topic     string         `json:"topic,omitempty"`
	StartedAt *time.Time     `json:"started_at,omitempty"`
	Metadata  map[string]any `json:"metadata,omitempty"`
	Turns     []jsonTurn     `json:"turns"`
}

type jsonTurn struct {
	Role   Role       `json:"role"`
	Text   string     `json:"text"`
	At     *time.Time `json:"at,omitempty"`
	Author string     `json:"author,omitempty"`
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	t = t.UTC()
	return &t
}

// JSONLWriter writes conversations as canonical JSONL, one per line.
type JSONLWriter struct {
	w   *bufio.Writer
	enc *json.Encoder
}

// NewJSONLWriter returns a writer that buffers; call Flush when done.
func NewJSONLWriter(w io.Writer) *JSONLWriter {
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &JSONLWriter{w: bw, enc: enc}
}

// Write encodes one conversation as a line.
func (jw *JSONLWriter) Write(c *Conversation) error {
	jc := jsonConversation{
		ID: c.ID, Channel: c.Channel, Language: c.Language, Topic: c.Topic,
		StartedAt: timePtr(c.StartedAt), Metadata: c.Metadata,
		Turns: make([]jsonTurn, len(c.Turns)),
	}
	for i, t := range c.Turns {
		jc.Turns[i] = jsonTurn{Role: t.Role, Text: t.Text, At: timePtr(t.At), Author: t.Author}
	}
	if err := jw.enc.Encode(jc); err != nil {
		return fmt.Errorf("encode conversation %q: %w", c.ID, err)
	}
	return nil
}

// Flush writes any buffered data to the underlying writer.
func (jw *JSONLWriter) Flush() error { return jw.w.Flush() }
