package transcript

import (
	"bytes"
	"flag"
	"os"
	"testing"

	"fmt"
	"github.com/stretchr/testify/require"
	"math/rand/v2"
	"strings"
	"time"
)

// corpusPhrases are the sentences generated conversations are made of: plain text, non-ASCII letters, quotes and
// line breaks, so decoding meets escapes and multi-byte runes as in real exports.
var corpusPhrases = []string{
	"Hi, I ordered a jacket two weeks ago and it still hasn't arrived.",
	"Could you give me the order number so I can look it up?",
	"Sure, it's 4471-2290-18. I paid with my card ending 4242.",
	"Thanks! I can see the parcel left our warehouse in Malmö on Tuesday.",
	"The tracking page just says \"in transit\" since Wednesday.",
	"I'm sorry for the wait. Deliveries to Göteborg are taking 2–3 extra days right now.",
	"That's not great, I need it for a trip on Friday 😕",
	"I understand. I can upgrade the shipping to express at no cost.\nIt would arrive tomorrow before 18:00.",
	"Yes please, that would be perfect!",
	"Done: you'll get a new tracking link by e-mail within the hour.",
	"Can I talk to a human please?",
	"Of course, I'm transferring you to a colleague now.",
	"Hej! Jag heter Sara och tar över ärendet härifrån.",
	"Is there anything else I can help you with today?",
	"No, that's all. Thanks for your help ✨",
	"Your refund of 499 SEK was issued on 2026-11-18 and should show within 5 banking days.",
}

// genConversation returns a realistic conversation: about 12 turns, about 2.5 KB as JSONL.
func genConversation(rng *rand.Rand, i int) *Conversation {
	start := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC).Add(time.Duration(i) * 37 * time.Second)
	c := &Conversation{
		ID:        fmt.Sprintf("conv-%07d#%d", i, rng.IntN(100)),
		Language:  []string{"en", "sv", "de"}[rng.IntN(3)],
		Topic:     []string{"refund", "delivery", "billing", "account"}[rng.IntN(4)],
		StartedAt: start,
		Metadata:  map[string]any{"market": []string{"SE", "DE", "UK"}[rng.IntN(3)], "priority": float64(rng.IntN(3)), "tags": []any{"vip", "web"}},
	}
	bot := rng.IntN(3) > 0
	n := 9 + rng.IntN(7)
	at := start
	for t := range n {
		role := RoleCustomer
		if t%2 == 1 {
			role = RoleAgent
			if bot && t < n/2 {
				role = RoleBot
			}
		}
		var sb strings.Builder
		for range 1 + rng.IntN(3) {
			if sb.Len() > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteString(corpusPhrases[rng.IntN(len(corpusPhrases))])
		}
		at = at.Add(time.Duration(5+rng.IntN(90)) * time.Second)
		turn := Turn{Role: role, Text: sb.String(), At: at}
		if role == RoleAgent {
			turn.Author = fmt.Sprintf("agent-%d", rng.IntN(50))
		}
		c.Turns = append(c.Turns, turn)
	}
	c.Channel = ChannelHuman
	if bot {
		c.Channel = ChannelBot
	}
	return c
}

// genCorpus returns n generated conversations as JSONL.
func genCorpus(n int, seed uint64) []byte {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var buf bytes.Buffer
	w := NewJSONLWriter(&buf)
	for i := range n {
		if err := w.Write(genConversation(rng, i)); err != nil {
			panic(err) // generated data always encodes
		}
	}
	if err := w.Flush(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// writeCorpus, when set, makes TestWriteCorpus write a generated JSONL corpus of about corpusMB megabytes there,
// for benchmarks outside Go (DuckDB's read_json, say): go test -run TestWriteCorpus -write-corpus=/tmp/c.jsonl
var (
	writeCorpus = flag.String("write-corpus", "", "write a generated JSONL corpus to this file")
	corpusMB    = flag.Int("corpus-mb", 250, "size of the corpus written by -write-corpus, in MB")
)

func TestWriteCorpus(t *testing.T) {
	if *writeCorpus == "" {
		t.Skip("no -write-corpus")
	}
	f, err := os.Create(*writeCorpus)
	require.NoError(t, err)
	defer f.Close()
	chunk := genCorpus(10000, 7)
	for written := 0; written < *corpusMB<<20; written += len(chunk) {
		_, err := f.Write(chunk)
		require.NoError(t, err)
	}
	require.NoError(t, f.Close())
}
