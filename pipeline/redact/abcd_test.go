package redact

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/datasets/publicdata"
)

type abcdConversation struct {
	ConvoID  int `json:"convo_id"`
	Scenario struct {
		Personal map[string]string `json:"personal"`
		Order    map[string]string `json:"order"`
	} `json:"scenario"`
	Original [][2]string `json:"original"` // speaker, text
}

func readABCD(t *testing.T) []abcdConversation {
	t.Helper()
	b, err := os.ReadFile(publicdata.Path(t, "abcd", "abcd_sample.json"))
	require.NoError(t, err)
	var cs []abcdConversation
	require.NoError(t, json.Unmarshal(b, &cs))
	require.NotEmpty(t, cs)
	return cs
}

// TestABCDScenarioValues embeds the personal data of each ABCD scenario in sentences and checks that Find
// reports exactly that value with the right kind, and that the order data (order ids, zip codes, addresses,
// purchase dates) in the same sentences is reported as nothing.
func TestABCDScenarioValues(t *testing.T) {
	templates := map[Kind][]string{
		KindEmail: {"my email is %s", "%s", "Sure, it's %s.", "you can reach me at %s", "Email: %s", "Agent: I have %s on file"},
		KindPhone: {"my phone number is %s", "%s", "call me at %s", "Details of %s have been entered.", "it's %s, thanks"},
		// A bare user name ("aphoenix939") is not detectable on its own; only labelled ones are expected.
		KindAccount: {"Username: %s", "my username is %s", "account id: %s"},
	}
	negatives := []string{"Order ID: %s", "%s", "my order number is %s", "order %s", "zip code %s", "I live at %s",
		"I bought it on %s"}
	tl := newTally()
	for _, c := range readABCD(t) {
		values := map[Kind]string{
			KindEmail:   c.Scenario.Personal["email"],
			KindPhone:   c.Scenario.Personal["phone"],
			KindAccount: c.Scenario.Personal["username"],
		}
		for kind, v := range values {
			if v == "" {
				continue
			}
			for _, tpl := range templates[kind] {
				text := fmt.Sprintf(tpl, v)
				tl.add(text, []Match{{Kind: kind, Text: v}}, Find(text))
			}
		}
		for _, field := range []string{"order_id", "zip_code", "full_address", "street_address", "purchase_date"} {
			v := c.Scenario.Order[field]
			if v == "" {
				continue
			}
			for _, tpl := range negatives {
				text := fmt.Sprintf(tpl, v)
				tl.add(text, nil, Find(text))
			}
		}
	}
	t.Log("\n" + tl.report())
	for _, k := range []Kind{KindEmail, KindPhone, KindAccount} {
		assert.Equal(t, 1.0, tl.recall(k), "recall %s", k)
		assert.Equal(t, 1.0, tl.precision(k), "precision %s", k)
	}
	assert.Empty(t, tl.fp[KindCard]+tl.fp[KindIBAN]+tl.fp[KindSSN]+tl.fp[KindIP], "order data reported as PII")
}

// TestABCDTranscripts runs Find on every turn of the real ABCD chats: every match must be one of the
// scenario's personal values, and every e-mail address and phone number of the scenario that a turn contains
// must be found there.
func TestABCDTranscripts(t *testing.T) {
	total := 0
	for _, c := range readABCD(t) {
		personal := map[string]Kind{}
		for field, kind := range map[string]Kind{"email": KindEmail, "phone": KindPhone, "username": KindAccount} {
			if v := c.Scenario.Personal[field]; v != "" {
				personal[v] = kind
			}
		}
		for i, turn := range c.Original {
			text := turn[1]
			ms := Find(text)
			total += len(ms)
			for _, m := range ms {
				kind, ok := personal[m.Text]
				assert.True(t, ok && kind == m.Kind, "convo %d turn %d: unexpected %s %q in %q", c.ConvoID, i, m.Kind, m.Text, text)
			}
			for v, kind := range personal {
				if kind == KindAccount || !strings.Contains(text, v) {
					continue
				}
				assert.Contains(t, found(ms), string(kind)+":"+v, "convo %d turn %d: %q", c.ConvoID, i, text)
			}
		}
	}
	assert.Equal(t, 5, total, "the sample chats hold e-mail addresses, phone numbers and user names")
}

// TestABCDPolicyText runs Find on every string of the ABCD knowledge base and agent guidelines: policy text
// full of amounts, day counts, options and example addresses, with no personal data in it.
func TestABCDPolicyText(t *testing.T) {
	for _, name := range []string{"kb.json", "guidelines.json"} {
		b, err := os.ReadFile(publicdata.Path(t, "abcd", name))
		require.NoError(t, err)
		var v any
		require.NoError(t, json.Unmarshal(b, &v))
		n := 0
		walkStrings(v, func(s string) {
			n++
			assert.Empty(t, found(Find(s)), "%s: %q", name, s)
		})
		assert.Greater(t, n, 100, name)
	}
}

func walkStrings(v any, f func(string)) {
	switch v := v.(type) {
	case string:
		f(v)
	case []any:
		for _, e := range v {
			walkStrings(e, f)
		}
	case map[string]any:
		for k, e := range v {
			f(k)
			walkStrings(e, f)
		}
	}
}
