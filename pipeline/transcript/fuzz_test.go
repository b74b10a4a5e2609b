package transcript

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// roundTrip writes the conversations of recs as JSONL, reads them back and checks nothing changed.
func roundTrip(t *testing.T, recs []Record) {
	t.Helper()
	convs := conversations(recs)
	if len(convs) == 0 {
		return
	}
	var buf bytes.Buffer
	w := NewJSONLWriter(&buf)
	for _, c := range convs {
		require.NoError(t, w.Write(c))
	}
	require.NoError(t, w.Flush())
	again := readAll(t, NewJSONLReader(&buf, "again.jsonl"))
	for _, r := range again {
		require.Nil(t, r.Quarantine, "a valid conversation, written again, is quarantined: %+v", r.Quarantine)
	}
	require.Equal(t, convs, conversations(again))
}

func FuzzJSONLReader(f *testing.F) {
	f.Add([]byte(`{"id":"c-1","channel":"bot","language":"en","topic":"refund","started_at":"2026-11-20T10:00:00Z","metadata":{"market":"SE"},"turns":[{"role":"customer","text":"Where is my refund?","at":"2026-11-20T10:00:00Z"},{"role":"bot","text":"…"},{"role":"system","text":"transferred to agent"},{"role":"agent","text":"…","author":"agent-17"}]}`))
	f.Add([]byte("\n\n{\"id\":7,\"x\":{\"y\":[1,2.5e3,null]},\"turns\":[{\"role\":\"User\",\"text\":\"a\\u00e9\\ud83d\\ude00\\n\",\"at\":1.5}]}\r\n{bad\n\xff\n"))
	f.Add([]byte(`{"id":"a","turns":[{"role":"bot","text":"x","at":"2026-11-20 10:00:00"}],"metadata":{"k":{}},"k":1}`))
	f.Add([]byte("\uFEFF{\"id\":\" \",\"turns\":[]}\n[1]\n\"s\"\n{\"id\":{},\"turns\":{}}"))
	f.Add([]byte(`{"i\u0064":"a","metadata":{"m":1},"metadata":{"n":2},"turns":[{"role":"bot","text":"x","te\u0078t":"y"}]}
{"id":"a","id":"b","turns":[],"turns":[{"role":"bot","text":"x","text":"y","at":"2026-01-01T00:00:00Z","at":5}]}
{"id":"a","x":1,"x":{"y":2},"turns":[{"role":"bot","text":"x"}],"turns":null}`))
	f.Add(genCorpus(3, 9))
	f.Fuzz(func(t *testing.T, data []byte) {
		var lines []int // numbers of the non-blank lines
		for i, l := range bytes.Split(data, []byte("\n")) {
			if i == 0 {
				l = bytes.TrimPrefix(l, []byte("\uFEFF"))
			}
			if !isBlank(l) {
				lines = append(lines, i+1)
			}
		}
		seq := readAll(t, newJSONLReader(bytes.NewReader(data), "f.jsonl", 1, nil))
		par := readAll(t, newJSONLReader(bytes.NewReader(data), "f.jsonl", 3, nil))
		require.Equal(t, seq, par, "parallel decoding changes nothing")
		require.Len(t, seq, len(lines), "one record per non-blank line")
		raw := bytes.Split(data, []byte("\n"))
		for i, rec := range seq {
			if q := rec.Quarantine; q != nil {
				assert.Equal(t, lines[i], q.Line)
				assert.True(t, utf8.ValidString(q.Raw))
				assert.LessOrEqual(t, len(q.Raw), RawLimit)
				assert.NotEmpty(t, q.Reason)
				continue
			}
			assert.Equal(t, lines[i], rec.Conversation.Source.Line)
			assert.True(t, utf8.Valid(raw[lines[i]-1]), "a line with invalid UTF-8 is accepted")
		}
		// The fast path and json.Unmarshal agree on every line.
		fast, slow := lineDecoder{}, lineDecoder{noFast: true}
		for _, n := range lines {
			l := raw[n-1]
			if n == 1 {
				l = bytes.TrimPrefix(l, []byte("\uFEFF"))
			}
			l = bytes.TrimRight(l, "\r")
			require.Equal(t, slow.decode(l, "f", n), fast.decode(l, "f", n), "line %d", n)
		}
		roundTrip(t, seq)
	})
}

func FuzzCSVReader(f *testing.F) {
	f.Add([]byte("conversation_id,turn_index,role,text,at,channel,language,topic,market\n" +
		"c-1,1,bot,\"hi, there\",2026-11-20T10:00:00Z,,en,refund,SE\nc-1,0,user,hello,,,,,\nc 2,0,agent,\"multi\nline\",,human,,,\n"))
	f.Add([]byte("Text,ROLE,conversation_id\n1,customer,a\n2,bot,b\n3,bot,a\n\"x\"y,bot,c\nshort\n"))
	f.Add([]byte("conversation_id,role,text,turn_index\na,customer,x,zero\n,customer,y,0\nb,pirate,z,1\nc,bot,\"open\n"))
	f.Add([]byte("conversation_id,role\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewCSVReader(bytes.NewReader(data), "f.csv")
		recs, err := readUntilError(r)
		require.NoError(t, r.Close())
		if !errors.Is(err, io.EOF) {
			// Only the header can stop an in-memory file.
			require.Empty(t, recs)
			require.True(t, strings.HasPrefix(err.Error(), "read f.csv: "), err.Error())
			return
		}
		lines := bytes.Count(data, []byte("\n")) + 1
		prev := 1
		for _, rec := range recs {
			src := recordSource(rec)
			assert.Greater(t, src.Line, prev, "records follow the file's order, after the header")
			assert.LessOrEqual(t, src.Line, lines)
			prev = src.Line
			if q := rec.Quarantine; q != nil {
				assert.True(t, utf8.ValidString(q.Raw))
				assert.LessOrEqual(t, len(q.Raw), RawLimit)
				assert.NotEmpty(t, q.Reason)
			}
		}
		roundTrip(t, recs)
	})
}

// recordSource returns where rec was read.
func recordSource(rec Record) Source {
	if rec.Quarantine != nil {
		return rec.Quarantine.Source
	}
	return rec.Conversation.Source
}
