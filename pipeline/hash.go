package pipeline

import (
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"math"
	"time"

	"github.com/zeebo/xxh3"

	"github.com/convqa/convqa/pipeline/transcript"
)

// contentHash is contentSum in hex, as stored.
func contentHash(c *transcript.Conversation) string {
	h := contentSum(c)
	return hex.EncodeToString(h[:])
}

// contentSum fingerprints everything a conversation says (not where it was read from), so re-reading the
// same conversation from another file or format gives the same hash and a changed one a new hash. It is
// xxh3-128: collision-resistant enough to detect changes, and cheap enough to run on every record.
func contentSum(c *transcript.Conversation) [16]byte {
	h := xxh3.New()
	var num [8]byte
	str := func(s string) {
		binary.LittleEndian.PutUint64(num[:], uint64(len(s)))
		h.Write(num[:])
		h.WriteString(s)
	}
	tm := func(t time.Time) {
		v := int64(math.MinInt64)
		if !t.IsZero() {
			v = t.UnixNano()
		}
		binary.LittleEndian.PutUint64(num[:], uint64(v))
		h.Write(num[:])
	}
	str(c.ID)
	str(string(c.Channel))
	str(c.Language)
	str(c.Topic)
	tm(c.StartedAt)
	if len(c.Metadata) > 0 {
		b, _ := json.Marshal(c.Metadata) // map keys are sorted
		str(string(b))
	} else {
		str("")
	}
	for _, t := range c.Turns {
		str(string(t.Role))
		str(t.Text)
		tm(t.At)
		str(t.Author)
	}
	return h.Sum128().Bytes()
}
