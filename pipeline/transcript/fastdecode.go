package transcript

import (
	"bytes"
	"errors"
	"io"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// errSlow stops the fast path: the line goes to the general decoder.
var errSlow = errors.New("transcript: line needs the general decoder")

// Bits of the members the fast path has seen, to leave duplicates to the general decoder.
const (
	seenID = 1 << iota
	seenChannel
	seenLanguage
	seenTopic
	seenStartedAt
	seenMetadata
	seenTurns
)

// decodeFast decodes line into d.w in one pass over its tokens, without the reflection of json.Unmarshal, which
// makes it about a third faster. It handles the common case only and reports false for anything else: a line
// that is not one object, a member name with escapes, a known member twice, a known member of an unexpected
// kind, any syntax error. The caller then decodes the line again with json.Unmarshal, whose result and errors
// are the reference; FuzzJSONLReader checks that both paths agree.
func (d *lineDecoder) decodeFast(line []byte) bool {
	w := &d.w
	w.reset()
	d.br.Reset(line)
	dec := &d.dec
	dec.Reset(&d.br, jsonOpts)
	if dec.PeekKind() != '{' {
		return false
	}
	if _, err := dec.ReadToken(); err != nil {
		return false
	}
	var seen int
	for dec.PeekKind() != '}' {
		name, err := dec.ReadValue()
		if err != nil || bytes.IndexByte(name, '\\') >= 0 {
			return false
		}
		bit := 0
		switch string(name) {
		case `"id"`:
			bit, err = seenID, w.ID.UnmarshalJSONFrom(dec)
		case `"channel"`:
			bit, err = seenChannel, w.Channel.UnmarshalJSONFrom(dec)
		case `"language"`:
			bit, err = seenLanguage, w.Language.UnmarshalJSONFrom(dec)
		case `"topic"`:
			bit, err = seenTopic, w.Topic.UnmarshalJSONFrom(dec)
		case `"started_at"`:
			bit, err = seenStartedAt, w.StartedAt.UnmarshalJSONFrom(dec)
		case `"metadata"`:
			if k := dec.PeekKind(); k != '{' && k != 'n' {
				return false
			}
			bit, err = seenMetadata, json.UnmarshalDecode(dec, &w.Metadata)
		case `"turns"`:
			bit, err = seenTurns, d.turnsFast(dec)
		default:
			key := string(name[1 : len(name)-1])
			if _, dup := w.Unknown[key]; dup {
				return false
			}
			var v any
			if err := json.UnmarshalDecode(dec, &v); err != nil {
				return false
			}
			if w.Unknown == nil {
				w.Unknown = make(map[string]any)
			}
			w.Unknown[key] = v
		}
		if err != nil || seen&bit != 0 {
			return false
		}
		seen |= bit
	}
	if _, err := dec.ReadToken(); err != nil { // the closing brace
		return false
	}
	_, err := dec.ReadToken()
	return errors.Is(err, io.EOF) // nothing may follow the object
}

// turnsFast decodes the turns member, an array of objects, into d.w.
func (d *lineDecoder) turnsFast(dec *jsontext.Decoder) error {
	if dec.PeekKind() != '[' {
		return errSlow
	}
	if _, err := dec.ReadToken(); err != nil {
		return err
	}
	turns := d.w.Turns.turns[:0]
	for dec.PeekKind() != ']' {
		if dec.PeekKind() != '{' {
			return errSlow
		}
		if _, err := dec.ReadToken(); err != nil {
			return err
		}
		turns = append(turns, wireTurn{})
		t := &turns[len(turns)-1]
		var seen int
		for dec.PeekKind() != '}' {
			name, err := dec.ReadValue()
			if err != nil || bytes.IndexByte(name, '\\') >= 0 {
				return errSlow
			}
			bit := 0
			switch string(name) {
			case `"role"`:
				bit, err = 1, t.Role.UnmarshalJSONFrom(dec)
			case `"text"`:
				bit, err = 2, t.Text.UnmarshalJSONFrom(dec)
			case `"at"`:
				bit, err = 4, t.At.UnmarshalJSONFrom(dec)
			case `"author"`:
				bit, err = 8, t.Author.UnmarshalJSONFrom(dec)
			default:
				err = dec.SkipValue()
			}
			if err != nil || seen&bit != 0 {
				return errSlow
			}
			seen |= bit
		}
		if _, err := dec.ReadToken(); err != nil {
			return err
		}
	}
	if _, err := dec.ReadToken(); err != nil {
		return err
	}
	d.w.Turns = wireTurns{turns: turns, present: true}
	return nil
}
