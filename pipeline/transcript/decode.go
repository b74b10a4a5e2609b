package transcript

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// jsonOpts are the decoding options for JSONL lines. Duplicate member names are allowed (the last one wins, as
// with encoding/json): checking them costs time and rejecting them would quarantine data for no gain.
var jsonOpts = jsontext.AllowDuplicateNames(true)

// wireConversation is a JSONL line as decoded. Members that must have one JSON type are read into jsonScalar so
// a wrong type is reported with the field's name rather than failing the whole decode.
type wireConversation struct {
	ID        jsonScalar     `json:"id"`
	Channel   jsonScalar     `json:"channel"`
	Language  jsonScalar     `json:"language"`
	Topic     jsonScalar     `json:"topic"`
	StartedAt jsonTime       `json:"started_at"`
	Metadata  map[string]any `json:"metadata"`
	Turns     wireTurns      `json:"turns"`
	Unknown   map[string]any `json:",embed"` // members the contract does not name
}

// reset clears w for the next line, keeping the capacity of its turns.
func (w *wireConversation) reset() {
	turns := w.Turns.turns[:0]
	*w = wireConversation{}
	w.Turns.turns = turns
}

// wireTurns is the turns member; present tells a missing or null member from an empty array.
type wireTurns struct {
	turns   []wireTurn
	present bool
}

// UnmarshalJSONFrom implements json.UnmarshalerFrom.
func (w *wireTurns) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	if dec.PeekKind() == 'n' {
		w.present = false
		_, err := dec.ReadToken()
		return err
	}
	w.present = true
	return json.UnmarshalDecode(dec, &w.turns)
}

// wireTurn is one turn as decoded; unknown members are skipped.
type wireTurn struct {
	Role   jsonRole   `json:"role"`
	Text   jsonText   `json:"text"`
	At     jsonTime   `json:"at"`
	Author jsonScalar `json:"author"`
}

// wireID decodes only the id, to name the conversation in a quarantine when the full decode failed.
type wireID struct {
	ID jsonScalar `json:"id"`
}

// jsonScalar is a member expected to be a string (or, for the id, a number). It keeps the JSON kind found, so
// the caller can tell a missing member (kind 0), null ('n') and a wrong type apart.
type jsonScalar struct {
	s    string // the string, or the number's literal text
	kind jsontext.Kind
}

// UnmarshalJSONFrom implements json.UnmarshalerFrom.
func (j *jsonScalar) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	j.s, j.kind = "", dec.PeekKind()
	switch j.kind {
	case '"', '0':
		v, err := dec.ReadValue()
		if err != nil {
			return err
		}
		if j.kind == '0' {
			j.s = string(v)
		} else {
			j.s = unquote(v)
		}
		return nil
	case '{', '[':
		return dec.SkipValue()
	default:
		_, err := dec.ReadToken()
		return err
	}
}

// unquote returns the text of a JSON string the decoder has already validated, allocating once (the decoder's
// own Token.String allocates twice for a string with escapes).
func unquote(v []byte) string {
	if bytes.IndexByte(v, '\\') < 0 {
		return string(v[1 : len(v)-1])
	}
	var sb strings.Builder
	sb.Grow(len(v))
	unquoteTo(&sb, v)
	return sb.String()
}

// unquoteTo writes the text of a JSON string the decoder has already validated to w.
func unquoteTo[W interface {
	Write([]byte) (int, error)
	WriteByte(byte) error
	WriteRune(rune) (int, error)
}](w W, v []byte) {
	v = v[1 : len(v)-1]
	i := bytes.IndexByte(v, '\\')
	for i >= 0 {
		_, _ = w.Write(v[:i])
		v = v[i+1:] // v[0] is the escaped character; the decoder guarantees it exists
		switch c := v[0]; c {
		case 'b':
			_ = w.WriteByte('\b')
		case 'f':
			_ = w.WriteByte('\f')
		case 'n':
			_ = w.WriteByte('\n')
		case 'r':
			_ = w.WriteByte('\r')
		case 't':
			_ = w.WriteByte('\t')
		case 'u':
			r := rune(hex4(v[1:5]))
			v = v[4:]
			if utf16.IsSurrogate(r) && len(v) >= 7 && v[1] == '\\' && v[2] == 'u' {
				if r2 := utf16.DecodeRune(r, rune(hex4(v[3:7]))); r2 != utf8.RuneError {
					r = r2
					v = v[6:]
				}
			}
			_, _ = w.WriteRune(r)
		default: // '"', '\\' and '/' stand for themselves
			_ = w.WriteByte(c)
		}
		v = v[1:]
		i = bytes.IndexByte(v, '\\')
	}
	_, _ = w.Write(v)
}

// jsonText is a turn's text. Only its place in the line is recorded while decoding; the lineDecoder then
// unquotes all texts of the line into one string.
type jsonText struct {
	start, end int64 // the quoted string in the line
	n          int   // bytes of the unquoted text
	kind       jsontext.Kind
}

// UnmarshalJSONFrom implements json.UnmarshalerFrom.
func (j *jsonText) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	j.kind = dec.PeekKind()
	if j.kind != '"' {
		return dec.SkipValue()
	}
	v, err := dec.ReadValue()
	if err != nil {
		return err
	}
	j.end = dec.InputOffset()
	j.start = j.end - int64(len(v))
	j.n = len(v) - 2
	if bytes.IndexByte(v, '\\') >= 0 {
		j.n = unquotedLen(v)
	}
	return nil
}

// unquotedLen is the length of the text of a validated JSON string with escapes.
func unquotedLen(v []byte) int {
	var c countWriter
	unquoteTo(&c, v)
	return int(c)
}

// countWriter counts the bytes written to it.
type countWriter int

func (c *countWriter) Write(b []byte) (int, error) { *c += countWriter(len(b)); return len(b), nil }
func (c *countWriter) WriteByte(byte) error        { *c++; return nil }
func (c *countWriter) WriteRune(r rune) (int, error) {
	n := utf8.RuneLen(r)
	if n < 0 {
		n = 3 // written as U+FFFD
	}
	*c += countWriter(n)
	return n, nil
}

// hex4 reads four hexadecimal digits the decoder has already validated.
func hex4(b []byte) uint16 {
	var n uint16
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		default:
			c -= 'A' - 10
		}
		n = n<<4 | uint16(c)
	}
	return n
}

// str returns the string of a member that must be a string; ok is false when it is another JSON type.
// A missing member and null give "".
func (j *jsonScalar) str() (s string, ok bool) {
	switch j.kind {
	case 0, 'n', '"':
		return j.s, true
	}
	return "", false
}

// wrongType is the reason for a member of the wrong JSON type.
func wrongType(field string, j *jsonScalar) string {
	return fmt.Sprintf("%s is a JSON %s, want a string", field, kindName(j.kind))
}

// jsonRole is a role member. Canonical role names, by far the most common, are matched without allocating.
type jsonRole struct {
	jsonScalar
}

// UnmarshalJSONFrom implements json.UnmarshalerFrom.
func (j *jsonRole) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	if dec.PeekKind() != '"' {
		return j.jsonScalar.UnmarshalJSONFrom(dec)
	}
	v, err := dec.ReadValue()
	if err != nil {
		return err
	}
	j.kind = '"'
	if r, ok := roleAliases[string(v[1:len(v)-1])]; ok && string(r) == string(v[1:len(v)-1]) {
		j.s = string(r)
		return nil
	}
	j.s = unquote(v)
	return nil
}

// jsonTime is a timestamp member. A value that is not a timestamp of the contract leaves it zero: losing one
// timestamp is better than quarantining the conversation it belongs to.
type jsonTime struct {
	t time.Time
}

// UnmarshalJSONFrom implements json.UnmarshalerFrom.
func (j *jsonTime) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	j.t = time.Time{}
	k := dec.PeekKind()
	if k != '"' && k != '0' {
		return dec.SkipValue()
	}
	v, err := dec.ReadValue()
	if err != nil {
		return err
	}
	if k == '0' {
		j.t, _ = parseUnix(string(v))
		return nil
	}
	quoted := v
	v = v[1 : len(v)-1]
	// The common case, RFC 3339 without escapes, is parsed without allocating.
	if bytes.IndexByte(v, '\\') < 0 && j.t.UnmarshalText(v) == nil {
		var ok bool
		if j.t, ok = inJSONRange(j.t); ok {
			return nil
		}
	}
	unquoted, err := jsontext.AppendUnquote(nil, quoted)
	if err != nil {
		return err
	}
	j.t, _ = parseTime(string(unquoted))
	return nil
}

// kindName says what a JSON kind is in a reason.
func kindName(k jsontext.Kind) string {
	switch k {
	case '"':
		return "string"
	case '0':
		return "number"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	case '{':
		return "object"
	case '[':
		return "array"
	default:
		return "value"
	}
}

// lineDecoder decodes JSONL lines, reusing its buffers from one line to the next. It is not safe for
// concurrent use: each decoding goroutine has its own.
type lineDecoder struct {
	w     wireConversation
	texts bytes.Buffer // the texts of one conversation, unquoted, before they become one string

	dec    jsontext.Decoder // for decodeFast
	br     bytes.Reader
	noFast bool // tests compare the two paths
}

// decode turns one non-blank JSONL line into a Record. It never fails: what cannot be accepted becomes a
// Quarantine.
func (d *lineDecoder) decode(line []byte, file string, lineNo int) Record {
	src := Source{File: file, Line: lineNo}
	quarantine := func(id, field, reason string) Record {
		return Record{Quarantine: &Quarantine{
			Source: src, ConversationID: id, Field: field, Reason: reason, Raw: rawSnippet(line),
		}}
	}

	w := &d.w
	if d.noFast || !d.decodeFast(line) {
		w.reset()
		if err := json.Unmarshal(line, w, jsonOpts); err != nil {
			field, reason := describeDecodeError(line, err)
			id, _ := idText(&w.ID)
			if id == "" && field != "" { // the line is valid JSON, so the id may sit after the bad member
				var wi wireID
				if json.Unmarshal(line, &wi, jsonOpts) == nil {
					id, _ = idText(&wi.ID)
				}
			}
			return quarantine(id, field, reason)
		}
	}

	id, reason := idText(&w.ID)
	if reason != "" {
		return quarantine("", "id", reason)
	}
	if !w.Turns.present {
		return quarantine(id, "turns", "missing turns")
	}
	c := &Conversation{ID: id, StartedAt: w.StartedAt.t, Source: src, Turns: make([]Turn, len(w.Turns.turns))}
	for i := range w.Turns.turns {
		wt := &w.Turns.turns[i]
		t := &c.Turns[i]
		role, ok := wt.Role.str()
		if !ok {
			f := turnField(i, "role")
			return quarantine(id, f, wrongType(f, &wt.Role.jsonScalar))
		}
		t.Role = Role(role)
		switch wt.Text.kind {
		case '"':
		case 0, 'n':
			return quarantine(id, turnField(i, "text"), "missing text")
		default:
			f := turnField(i, "text")
			return quarantine(id, f, fmt.Sprintf("%s is a JSON %s, want a string", f, kindName(wt.Text.kind)))
		}
		if t.Author, ok = wt.Author.str(); !ok {
			f := turnField(i, "author")
			return quarantine(id, f, wrongType(f, &wt.Author))
		}
		t.At = wt.At.t
	}
	d.setTexts(c.Turns, line)
	for _, m := range []struct {
		field string
		j     *jsonScalar
		dst   *string
	}{{"channel", &w.Channel, (*string)(&c.Channel)}, {"language", &w.Language, &c.Language}, {"topic", &w.Topic, &c.Topic}} {
		var ok bool
		if *m.dst, ok = m.j.str(); !ok {
			return quarantine(id, m.field, wrongType(m.field, m.j))
		}
	}
	c.Metadata = w.Metadata
	for k, v := range w.Unknown {
		if _, ok := c.Metadata[k]; ok {
			continue // explicit metadata wins
		}
		if c.Metadata == nil {
			c.Metadata = make(map[string]any, len(w.Unknown))
		}
		c.Metadata[k] = v
	}
	if q := validate(c, false); q != nil { // the decoder has checked UTF-8
		q.Raw = rawSnippet(line)
		return Record{Quarantine: q}
	}
	return Record{Conversation: c}
}

// setTexts sets the text of every turn from the line. The texts share one allocation: fewer, larger
// allocations are what makes decoding fast. A text kept alive keeps those of its conversation alive too.
func (d *lineDecoder) setTexts(turns []Turn, line []byte) {
	d.texts.Reset()
	for i := range d.w.Turns.turns {
		t := &d.w.Turns.turns[i].Text
		unquoteTo(&d.texts, line[t.start:t.end])
	}
	all := d.texts.String()
	off := 0
	for i := range d.w.Turns.turns {
		n := d.w.Turns.turns[i].Text.n
		turns[i].Text = all[off : off+n]
		off += n
	}
	if d.texts.Cap() > 1<<20 {
		d.texts = bytes.Buffer{} // do not keep a huge buffer after a huge line
	}
}

// idText returns the conversation id: a string as it is, a number as its decimal text. reason is set when
// the id is missing, null, empty or of another type.
func idText(j *jsonScalar) (id, reason string) {
	switch j.kind {
	case '"':
		if j.s == "" {
			return "", "empty id"
		}
		return j.s, ""
	case '0':
		return numberText(j.s), ""
	case 0, 'n':
		return "", "missing id"
	default:
		return "", fmt.Sprintf("id is a JSON %s, want a string or a number", kindName(j.kind))
	}
}

// numberText writes a JSON number in decimal: integers keep their digits (however many), other numbers are
// written without an exponent ("1e3" becomes "1000").
func numberText(lit string) string {
	digits := strings.TrimPrefix(lit, "-")
	if allDigits(digits) {
		return lit
	}
	f, err := strconv.ParseFloat(lit, 64)
	if err != nil {
		return lit
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// describeDecodeError turns a decoding error into the field at fault (empty for the line as a whole) and a reason.
func describeDecodeError(line []byte, err error) (field, reason string) {
	if !utf8.Valid(line) {
		return "", fmt.Sprintf("line is not valid UTF-8 (first bad byte at offset %d)", invalidUTF8Offset(line))
	}
	var se *json.SemanticError
	if errors.As(err, &se) {
		field := pointerField(se.JSONPointer)
		switch field {
		case "":
			return "", fmt.Sprintf("line is a JSON %s, want an object", kindName(se.JSONKind))
		case "turns":
			return field, fmt.Sprintf("turns is a JSON %s, want an array of objects", kindName(se.JSONKind))
		case "metadata":
			return field, fmt.Sprintf("metadata is a JSON %s, want an object", kindName(se.JSONKind))
		}
		if strings.HasPrefix(field, "turns[") && !strings.Contains(field, ".") {
			return field, fmt.Sprintf("turn is a JSON %s, want an object", kindName(se.JSONKind))
		}
		return field, "cannot decode " + field + ": " + se.Error()
	}
	var syn *jsontext.SyntacticError
	if errors.As(err, &syn) {
		return "", fmt.Sprintf("not valid JSON at byte %d: %v", syn.ByteOffset, syn.Err)
	}
	return "", "not valid JSON: " + err.Error()
}

// pointerField writes a JSON pointer such as /turns/3/role as turns[3].role.
func pointerField(p jsontext.Pointer) string {
	var sb strings.Builder
	for tok := range p.Tokens() {
		if allDigits(tok) && tok != "" && sb.Len() > 0 {
			sb.WriteString("[" + tok + "]")
			continue
		}
		if sb.Len() > 0 {
			sb.WriteByte('.')
		}
		sb.WriteString(tok)
	}
	return sb.String()
}

func invalidUTF8Offset(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}
