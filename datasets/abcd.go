package datasets

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/convqa/convqa/pipeline/transcript"
)

// abcdConvo is one conversation of ABCD (asappresearch/abcd). Only what the converter keeps is decoded: the
// scenario's personal data, order and product stay out of the output, except where the dialogue itself says them.
type abcdConvo struct {
	ConvoID  json.RawMessage `json:"convo_id"`
	Scenario struct {
		Flow    string `json:"flow"`
		Subflow string `json:"subflow"`
	} `json:"scenario"`
	Original [][]string `json:"original"`
}

// abcdRoles maps ABCD speakers onto roles: actions (what the agent did in the tools) become system turns.
var abcdRoles = map[string]transcript.Role{
	"agent":    transcript.RoleAgent,
	"customer": transcript.RoleCustomer,
	"action":   transcript.RoleSystem,
}

// ConvertABCD reads ABCD conversations and writes them to out as human-channel transcripts in English, returning
// how many it wrote. It accepts the JSON array of abcd_sample.json and the object of splits of abcd_v1.1.json
// ({"train": [...], "dev": [...], "test": [...]}), streaming either. Agent and customer turns keep their text;
// action turns become system turns with the action text. The topic is "flow/subflow"; metadata holds the source,
// the ABCD id, flow, subflow and split. Customer data of the scenario is not copied. ConvertABCD flushes out.
func ConvertABCD(r io.Reader, out *transcript.JSONLWriter) (int, error) {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	n := 0
	// write streams the conversations of an array whose '[' has been read.
	write := func(split string) error {
		for dec.More() {
			var ac abcdConvo
			if err := dec.Decode(&ac); err != nil {
				return fmt.Errorf("conversation %d: %w", n+1, err)
			}
			c, err := ac.conversation(split)
			if err != nil {
				return err
			}
			if err := out.Write(c); err != nil {
				return err
			}
			n++
		}
		return expectDelim(dec, ']')
	}

	tok, err := dec.Token()
	if err != nil {
		return 0, fmt.Errorf("convert abcd: %w", err)
	}
	switch tok {
	case json.Delim('['):
		if err := write(""); err != nil {
			return n, fmt.Errorf("convert abcd: %w", err)
		}
	case json.Delim('{'):
		for dec.More() {
			key, err := dec.Token()
			if err != nil {
				return n, fmt.Errorf("convert abcd: %w", err)
			}
			split, _ := key.(string)
			if err := expectDelim(dec, '['); err != nil {
				return n, fmt.Errorf("convert abcd: split %q: %w", split, err)
			}
			if err := write(split); err != nil {
				return n, fmt.Errorf("convert abcd: split %q: %w", split, err)
			}
		}
	default:
		return 0, errors.New("convert abcd: want a JSON array of conversations or an object of splits")
	}
	if err := out.Flush(); err != nil {
		return n, fmt.Errorf("convert abcd: %w", err)
	}
	return n, nil
}

// abcdID reads a convo_id, a number in ABCD, or a string.
func abcdID(raw json.RawMessage) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", errors.New("conversation without convo_id")
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		if strings.TrimSpace(s) == "" {
			return "", errors.New("conversation with an empty convo_id")
		}
		return s, nil
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err == nil {
		return n.String(), nil
	}
	return "", fmt.Errorf("convo_id %s is neither a number nor a string", abbreviate(string(raw), 40))
}

// expectDelim reads the next token and checks that it is the delimiter d.
func expectDelim(dec *json.Decoder, d json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok != d {
		return fmt.Errorf("want %q, got %v", d, tok)
	}
	return nil
}

func (ac *abcdConvo) conversation(split string) (*transcript.Conversation, error) {
	id, err := abcdID(ac.ConvoID)
	if err != nil {
		return nil, err
	}
	if len(ac.Original) == 0 {
		return nil, fmt.Errorf("conversation %s: no turns in \"original\"", id)
	}
	topic := ac.Scenario.Flow
	if ac.Scenario.Subflow != "" {
		topic += "/" + ac.Scenario.Subflow
	}
	c := &transcript.Conversation{
		ID: "abcd/" + id, Channel: transcript.ChannelHuman, Language: "en", Topic: topic,
		Metadata: map[string]any{"source": "abcd", "source_id": id, "flow": ac.Scenario.Flow, "subflow": ac.Scenario.Subflow},
		Turns:    make([]transcript.Turn, 0, len(ac.Original)),
	}
	if split != "" {
		c.Metadata["split"] = split
	}
	for i, t := range ac.Original {
		if len(t) != 2 {
			return nil, fmt.Errorf("conversation %s turn %d: want [speaker, text], got %d elements", id, i, len(t))
		}
		role, ok := abcdRoles[t[0]]
		if !ok {
			return nil, fmt.Errorf("conversation %s turn %d: unknown speaker %q", id, i, t[0])
		}
		c.Turns = append(c.Turns, transcript.Turn{Role: role, Text: t[1]})
	}
	return c, nil
}
