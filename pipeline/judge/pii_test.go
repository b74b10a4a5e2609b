package judge

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/pipeline/judge/fake"
	"github.com/convqa/convqa/pipeline/redact"
	"github.com/convqa/convqa/pipeline/transcript"
)

type piiItem struct {
	kind, text, line string
}

// corpusPII reads the card numbers, IBANs, e-mail addresses and phone numbers of the redact package's corpus.
func corpusPII(t *testing.T) []piiItem {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "redact", "testdata", "pii_corpus.jsonl"))
	require.NoError(t, err)
	defer f.Close()
	var out []piiItem
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var l struct {
			Text string `json:"text"`
			PII  []struct{ Kind, Text string }
		}
		require.NoError(t, json.Unmarshal(sc.Bytes(), &l))
		for _, p := range l.PII {
			if slices.Contains([]string{"CARD", "IBAN", "EMAIL", "PHONE"}, p.Kind) {
				out = append(out, piiItem{p.Kind, p.Text, l.Text})
			}
		}
	}
	require.NoError(t, sc.Err())
	return out
}

// sentContents returns the message contents of every chat request the fake received, decoded from JSON (so
// an escaped character cannot hide a match).
func sentContents(t *testing.T, srv *fake.Server) string {
	t.Helper()
	var b strings.Builder
	for _, l := range srv.Requests() {
		var req struct {
			Messages []struct{ Content string } `json:"messages"`
		}
		require.NoError(t, json.Unmarshal(l.Body, &req))
		for _, m := range req.Messages {
			b.WriteString(m.Content)
			b.WriteByte('\n')
		}
		b.Write(l.Body)
	}
	return b.String()
}

// TestPIINeverReachesTheServer judges every corpus line with card numbers, IBANs, e-mail addresses and phone
// numbers, and looks for each value in what the server received. The redactor's one known miss (a bare
// national phone number with no context) is the only value allowed through, and only if the redactor itself
// misses it: the judge must not lose anything the redactor finds.
func TestPIINeverReachesTheServer(t *testing.T) {
	items := corpusPII(t)
	require.Greater(t, len(items), 140)
	r := supportRubric(t)
	c, srv := newClient(t, fake.Options{}, Options{Concurrency: 8})
	lines := map[string]bool{}
	for i, it := range items {
		if lines[it.line] {
			continue
		}
		lines[it.line] = true
		cv := conv(fmt.Sprintf("pii-%d", i), transcript.ChannelHuman, it.line, "Thanks, I have noted "+it.text+".", "ok")
		_, err := c.Judge(t.Context(), cv, r, 0)
		require.NoError(t, err)
	}
	sent := sentContents(t, srv)
	leaked := 0
	for _, it := range items {
		if !strings.Contains(sent, it.text) {
			continue
		}
		leaked++
		assert.Contains(t, redact.NewRedactor().Redact(it.line), it.text, "the judge leaked %s %q that the redactor finds", it.kind, it.text)
	}
	assert.LessOrEqual(t, leaked, 1, "values reaching the server")
	t.Logf("%d PII values in %d conversations; %d reached the server", len(items), len(lines), leaked)
}

func TestABCDPersonalDataNeverReachesTheServer(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "data", "abcd", "abcd_sample.json"))
	if os.IsNotExist(err) {
		t.Skip("ABCD sample not available")
	}
	require.NoError(t, err)
	var convs []struct {
		ConvoID  int `json:"convo_id"`
		Scenario struct {
			Personal map[string]string `json:"personal"`
		} `json:"scenario"`
		Original [][2]string `json:"original"`
	}
	require.NoError(t, json.Unmarshal(b, &convs))
	r := supportRubric(t)
	c, srv := newClient(t, fake.Options{}, Options{})
	for _, a := range convs {
		cv := &transcript.Conversation{ID: fmt.Sprint(a.ConvoID), Channel: transcript.ChannelHuman}
		for _, u := range a.Original {
			role := map[string]transcript.Role{"agent": transcript.RoleAgent, "customer": transcript.RoleCustomer}[u[0]]
			if role == "" {
				role = transcript.RoleSystem
			}
			cv.Turns = append(cv.Turns, transcript.Turn{Role: role, Text: u[1]})
		}
		_, err := c.Judge(t.Context(), cv, r, 0)
		require.NoError(t, err)
	}
	sent := sentContents(t, srv)
	for _, a := range convs {
		for _, k := range []string{"email", "phone"} {
			if v := a.Scenario.Personal[k]; v != "" {
				assert.NotContains(t, sent, v, "%d %s", a.ConvoID, k)
			}
		}
	}
}
