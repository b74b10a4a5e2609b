package datasets

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/datasets/publicdata"
	"github.com/convqa/convqa/pipeline/transcript"
)

// readConversations decodes JSONL written by a converter with the transcript reader, validating every record.
func readConversations(t *testing.T, jsonl []byte) []*transcript.Conversation {
	t.Helper()
	r := transcript.NewJSONLReader(bytes.NewReader(jsonl), "converted.jsonl")
	defer r.Close()
	var out []*transcript.Conversation
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return out
		}
		require.NoError(t, err)
		require.Nil(t, rec.Quarantine, "quarantined: %+v", rec.Quarantine)
		require.Nil(t, transcript.Validate(rec.Conversation))
		out = append(out, rec.Conversation)
	}
}

func TestConvertABCDSample(t *testing.T) {
	path := publicdata.Path(t, "abcd", "abcd_sample.json")
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var buf bytes.Buffer
	n, err := ConvertABCD(f, transcript.NewJSONLWriter(&buf))
	require.NoError(t, err)
	assert.Equal(t, 3, n)

	convs := readConversations(t, buf.Bytes())
	require.Len(t, convs, 3)
	want := []struct {
		id, topic string
		turns     int
	}{
		{"abcd/3592", "product_defect/return_size", 29},
		{"abcd/9489", "product_defect/refund_status", 21},
		{"abcd/3695", "storewide_query/timing_4", 22},
	}
	for i, w := range want {
		c := convs[i]
		assert.Equal(t, w.id, c.ID)
		assert.Equal(t, w.topic, c.Topic)
		assert.Len(t, c.Turns, w.turns)
		assert.Equal(t, transcript.ChannelHuman, c.Channel)
		assert.Equal(t, "en", c.Language)
		assert.Equal(t, "abcd", c.Metadata["source"])
	}
	first := convs[0]
	assert.Equal(t, transcript.Turn{Role: transcript.RoleAgent, Text: "Hi!"}, first.Turns[0])
	assert.Equal(t, transcript.Turn{Role: transcript.RoleSystem, Text: "Account has been pulled up for Crystal Minh."}, first.Turns[6])
	assert.Equal(t, transcript.RoleCustomer, first.Turns[2].Role)

	// The scenario's customer data stays out of metadata; it appears only where the customer typed it.
	meta, err := json.Marshal(first.Metadata)
	require.NoError(t, err)
	for _, pii := range []string{"cminh730", "977", "crystal", "6821 1st ave", "3348917502"} {
		assert.NotContains(t, strings.ToLower(string(meta)), pii)
	}
	assert.Contains(t, buf.String(), "cminh730@email.com", "the e-mail the customer typed stays in the dialogue")
}

func TestConvertABCDInline(t *testing.T) {
	convo := func(id string) string {
		return `{"convo_id": ` + id + `, "scenario": {"personal": {"email": "x@example.com"}, "flow": "account_access", "subflow": "recover_password"},
			"original": [["customer", "I forgot my password"], ["action", "Password reset link sent."], ["agent", "Done!"]], "delexed": []}`
	}
	tests := []struct {
		name    string
		in      string
		n       int
		ids     []string
		split   string
		wantErr string
	}{
		{name: "array", in: "[" + convo("1") + "," + convo(`"2"`) + "]", n: 2, ids: []string{"abcd/1", "abcd/2"}},
		{name: "splits", in: `{"train": [` + convo("7") + `], "test": [` + convo("8") + `]}`, n: 2, ids: []string{"abcd/7", "abcd/8"}, split: "train"},
		{name: "empty array", in: "[]", n: 0},
		{name: "not a list", in: `"abcd"`, wantErr: "want a JSON array"},
		{name: "unknown speaker", in: `[{"convo_id": 1, "original": [["robot", "hi"]]}]`, wantErr: `unknown speaker "robot"`},
		{name: "bad pair", in: `[{"convo_id": 1, "original": [["agent"]]}]`, wantErr: "want [speaker, text]"},
		{name: "no turns", in: `[{"convo_id": 1, "original": []}]`, wantErr: "no turns"},
		{name: "no id", in: `[{"original": [["agent", "hi"]]}]`, wantErr: "without convo_id"},
		{name: "truncated", in: "[" + convo("1"), wantErr: "convert abcd"},
		{name: "split not a list", in: `{"train": {}}`, wantErr: `split "train"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			n, err := ConvertABCD(strings.NewReader(tt.in), transcript.NewJSONLWriter(&buf))
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.n, n)
			convs := readConversations(t, buf.Bytes())
			require.Len(t, convs, tt.n)
			for i, c := range convs {
				assert.Equal(t, tt.ids[i], c.ID)
				assert.Equal(t, "account_access/recover_password", c.Topic)
				assert.Equal(t, []transcript.Role{transcript.RoleCustomer, transcript.RoleSystem, transcript.RoleAgent},
					[]transcript.Role{c.Turns[0].Role, c.Turns[1].Role, c.Turns[2].Role})
				assert.NotContains(t, buf.String(), "x@example.com")
			}
			if tt.split != "" {
				assert.Equal(t, tt.split, convs[0].Metadata["split"])
			}
		})
	}
}

// labelRow is one row of the human labels CSV.
type labelRow struct{ id, criterion, value, rater string }

func readLabels(t *testing.T, b []byte) []labelRow {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	require.NoError(t, err)
	require.NotEmpty(t, recs)
	require.Equal(t, []string{"conversation_id", "criterion", "value", "rater"}, recs[0])
	var out []labelRow
	for _, r := range recs[1:] {
		out = append(out, labelRow{r[0], r[1], r[2], r[3]})
	}
	return out
}

// convertABReDialFile converts one of AB-ReDial's shared files, returning ConvertABReDial's counts and output.
func convertABReDialFile(t *testing.T, name string) (n, rows int, conv, lab *bytes.Buffer) {
	t.Helper()
	f, err := os.Open(publicdata.Path(t, "ab-redial", name))
	require.NoError(t, err)
	defer f.Close()
	conv, lab = new(bytes.Buffer), new(bytes.Buffer)
	n, rows, err = ConvertABReDial(f, transcript.NewJSONLWriter(conv), lab)
	require.NoError(t, err)
	return n, rows, conv, lab
}

func TestConvertABReDialAnnotatedDialogues(t *testing.T) {
	n, rows, conv, lab := convertABReDialFile(t, "annotated_dialogues.csv")

	// 640 rating rows over 195 ConvIds; five ConvIds (J7, G0, F1, AT, BO) each name two different dialogues,
	// so there are 200 dialogues. Four rows have no ratings at all: 636 rows per criterion.
	assert.Equal(t, 200, n)
	assert.Equal(t, 5*636, rows)

	convs := readConversations(t, conv.Bytes())
	require.Len(t, convs, 200)
	sources := map[string]bool{}
	ids := map[string]bool{}
	for _, c := range convs {
		assert.False(t, ids[c.ID], "duplicate id %s", c.ID)
		ids[c.ID] = true
		sources[c.Metadata["source_id"].(string)] = true
		assert.Equal(t, "movie_recommendation", c.Topic)
		assert.GreaterOrEqual(t, len(c.Turns), 4, c.ID)
		for _, tu := range c.Turns {
			assert.Contains(t, []transcript.Role{transcript.RoleAgent, transcript.RoleCustomer}, tu.Role)
			assert.NotEmpty(t, tu.Text, c.ID)
			assert.Equal(t, strings.TrimSpace(tu.Text), tu.Text, "%s: text not trimmed", c.ID)
			assert.False(t, strings.HasPrefix(tu.Text, "SYSTEM") || strings.HasPrefix(tu.Text, "USER"), "%s: speaker left in %q", c.ID, tu.Text)
		}
	}
	assert.Len(t, sources, 195)
	for _, id := range []string{"J7", "G0", "F1", "AT", "BO"} {
		assert.True(t, ids["ab-redial/"+id] && ids["ab-redial/"+id+"-2"], "%s should give two conversations", id)
	}
	// A row whose speaker is followed by an em space instead of a tab.
	assert.Contains(t, conv.String(), `"text":"What sort of movies a`)

	labels := readLabels(t, lab.Bytes())
	require.Len(t, labels, rows)
	perCriterion := map[string]int{}
	ranges := map[string][2]float64{"understanding": {1, 3}, "task_completion": {1, 3}, "interest_arousal": {0, 3}, "efficiency": {0, 1}, "overall": {1, 5}}
	ratersPer := map[string]map[string]bool{}
	for _, l := range labels {
		perCriterion[l.criterion]++
		assert.True(t, ids[l.id], "label for unknown conversation %s", l.id)
		v, err := strconv.ParseFloat(l.value, 64)
		require.NoError(t, err)
		r := ranges[l.criterion]
		assert.True(t, v >= r[0] && v <= r[1], "%s %s = %v out of range", l.id, l.criterion, v)
		assert.NotContains(t, l.value, ".")
		if ratersPer[l.id] == nil {
			ratersPer[l.id] = map[string]bool{}
		}
		ratersPer[l.id][l.rater] = true
	}
	for _, c := range abReDialCriteria {
		assert.Equal(t, 636, perCriterion[c.criterion], c.criterion)
	}
	for id, rs := range ratersPer {
		// 3 to 7 raters a dialogue, less the four rows without ratings
		assert.True(t, len(rs) >= 2 && len(rs) <= 7, "%s has %d raters", id, len(rs))
	}
}

func TestConvertABReDialAnnotatedTurns(t *testing.T) {
	n, rows, conv, lab := convertABReDialFile(t, "annotated_turns.csv")

	// The same 200 dialogues as annotated_dialogues.csv, each cut into three rated segments of four utterances.
	convs := readConversations(t, conv.Bytes())
	require.Len(t, convs, n)
	perDialogue := map[string]int{}
	for _, c := range convs {
		i := strings.LastIndexByte(c.ID, '/')
		base, seg := c.ID[:i], c.ID[i+1:]
		require.Contains(t, []string{"1", "2", "3"}, seg, "segment id %s", c.ID)
		assert.Equal(t, seg, strconv.Itoa(int(c.Metadata["segment"].(float64))), c.ID)
		perDialogue[base]++
		assert.LessOrEqual(t, len(c.Turns), 4, c.ID)
	}
	assert.Len(t, perDialogue, 200)
	assert.Equal(t, 600, n)
	for _, id := range []string{"J7", "G0", "F1", "AT", "BO"} {
		assert.Contains(t, perDialogue, "ab-redial/"+id+"-2")
	}
	assert.Equal(t, transcript.Turn{Role: transcript.RoleAgent, Text: "Hi Any genre you love?"}, firstTurn(t, convs, "ab-redial/86/1"))

	labels := readLabels(t, lab.Bytes())
	require.Len(t, labels, rows)
	perCriterion := map[string]int{}
	ranges := map[string][2]float64{"relevance": {0, 4}, "interestingness": {1, 3}, "overall": {1, 5}}
	for _, l := range labels {
		perCriterion[l.criterion]++
		v, err := strconv.ParseFloat(l.value, 64)
		require.NoError(t, err)
		r := ranges[l.criterion]
		assert.True(t, v >= r[0] && v <= r[1], "%s %s = %v out of range", l.id, l.criterion, v)
	}
	assert.Equal(t, []string{"interestingness", "overall", "relevance"}, slices.Sorted(maps.Keys(perCriterion)))
	assert.Greater(t, perCriterion["overall"], 3*len(perDialogue), "three or more raters a segment")
}

func firstTurn(t *testing.T, convs []*transcript.Conversation, id string) transcript.Turn {
	t.Helper()
	for _, c := range convs {
		if c.ID == id {
			return c.Turns[0]
		}
	}
	t.Fatalf("no conversation %s", id)
	return transcript.Turn{}
}

func TestConvertABReDialSegmentsInline(t *testing.T) {
	const header = "ConvId,utterance0,utterance1,relevance1,interestingness1,overall1,utterance2,utterance3,relevance2,interestingness2,overall2\n"
	var conv, lab bytes.Buffer
	in := header + "K1,SYSTEM\tHi!,USER\tHello,4,2,4.0,SYSTEM\tseen Alien?,USER\tno,1,,2\n" +
		"K1,SYSTEM\tHi!,USER\tHello,3,3,5,SYSTEM\tseen Alien?,USER\tno,2,2,2\n" +
		"K2,USER\thi,SYSTEM\they,5,5,5,,,,,\n"
	n, rows, err := ConvertABReDial(strings.NewReader(in), transcript.NewJSONLWriter(&conv), &lab)
	require.NoError(t, err)
	assert.Equal(t, 3, n, "K1 has two segments, K2 one: its second is empty")
	convs := readConversations(t, conv.Bytes())
	require.Len(t, convs, 3)
	assert.Equal(t, []string{"ab-redial/K1/1", "ab-redial/K1/2", "ab-redial/K2/1"}, []string{convs[0].ID, convs[1].ID, convs[2].ID})
	assert.Equal(t, "seen Alien?", convs[1].Turns[0].Text)
	assert.Equal(t, transcript.RoleCustomer, convs[1].Turns[1].Role)
	labels := readLabels(t, lab.Bytes())
	assert.Equal(t, 3+2+3+3+3, rows)
	assert.Equal(t, []labelRow{
		{"ab-redial/K1/1", "relevance", "4", "r1"}, {"ab-redial/K1/1", "interestingness", "2", "r1"}, {"ab-redial/K1/1", "overall", "4", "r1"},
		{"ab-redial/K1/2", "relevance", "1", "r1"}, {"ab-redial/K1/2", "overall", "2", "r1"},
		{"ab-redial/K1/1", "relevance", "3", "r2"},
	}, labels[:6])

	for _, tt := range []struct{ name, in, wantErr string }{
		{"a rating missing", "ConvId,utterance0,relevance1,overall1\nK1,USER\tx,1,1\n", "no interestingness1 column"},
		{"no utterances before a segment", "ConvId,relevance1,interestingness1,overall1,utterance0\nK1,1,1,1,USER\tx\n", "no utterance columns before relevance1"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := ConvertABReDial(strings.NewReader(tt.in), transcript.NewJSONLWriter(io.Discard), nil)
			require.ErrorContains(t, err, tt.wantErr)
		})
	}
}

func TestConvertABReDialInline(t *testing.T) {
	const header = "ConvId,utterance0,utterance1,utterance2,understanding,task-completion,interest-arousal,efficiency,dialogue-overall,justification-text\n"
	tests := []struct {
		name      string
		in        string
		nilLabels bool
		convs     int
		rows      int
		ids       []string
		texts     []string // texts of the first conversation
		labels    []labelRow
		wantErr   string
	}{
		{
			name:  "one dialogue two raters",
			in:    header + "K1,SYSTEM\tHi!,USER\tHello,,3.0,2.0,1.0,0.0,4.0,ok\nK1,SYSTEM\tHi!,USER\tHello,,2.0,2.0,1.0,1.0,3.0,meh\n",
			convs: 1, rows: 10, ids: []string{"ab-redial/K1"}, texts: []string{"Hi!", "Hello"},
			labels: []labelRow{{"ab-redial/K1", "understanding", "3", "r1"}, {"ab-redial/K1", "task_completion", "2", "r1"}},
		},
		{
			name:  "quoted cells and odd white space",
			in:    header + "\"K2\",\"SYSTEM \u2003 Have you seen \"\"Alien (1979)\"\", then?\",\"USER     no, never\",USER  ok,1,1,1,1,1,\"a, b\"\n",
			convs: 1, rows: 5, ids: []string{"ab-redial/K2"}, texts: []string{`Have you seen "Alien (1979)", then?`, "no, never", "ok"},
		},
		{
			name:  "empty ratings skipped",
			in:    header + "K3,USER\thi,SYSTEM\they,,,,,,,just text\n",
			convs: 1, rows: 0, ids: []string{"ab-redial/K3"},
		},
		{
			name:  "same ConvId for two dialogues",
			in:    header + "K4,USER\thi,,,3,3,3,1,5,\nK4,SYSTEM\thello,,,2,2,2,0,2,\nK4,USER\thi,,,1,1,1,0,1,\n",
			convs: 2, rows: 15, ids: []string{"ab-redial/K4", "ab-redial/K4-2"},
			labels: []labelRow{
				{"ab-redial/K4", "understanding", "3", "r1"}, {"ab-redial/K4", "task_completion", "3", "r1"},
				{"ab-redial/K4", "interest_arousal", "3", "r1"}, {"ab-redial/K4", "efficiency", "1", "r1"},
				{"ab-redial/K4", "overall", "5", "r1"},
				{"ab-redial/K4-2", "understanding", "2", "r1"}, {"ab-redial/K4-2", "task_completion", "2", "r1"},
				{"ab-redial/K4-2", "interest_arousal", "2", "r1"}, {"ab-redial/K4-2", "efficiency", "0", "r1"},
				{"ab-redial/K4-2", "overall", "2", "r1"},
				{"ab-redial/K4", "understanding", "1", "r2"}, {"ab-redial/K4", "task_completion", "1", "r2"},
				{"ab-redial/K4", "interest_arousal", "1", "r2"}, {"ab-redial/K4", "efficiency", "0", "r2"},
				{"ab-redial/K4", "overall", "1", "r2"},
			},
		},
		{
			name:  "byte order mark and short row",
			in:    "\ufeff" + header + "K5,USER\thi\n",
			convs: 1, rows: 0, ids: []string{"ab-redial/K5"},
		},
		{name: "nil labels", in: header + "K6,USER\thi,,,3,3,3,1,5,\n", nilLabels: true, convs: 1, rows: 0, ids: []string{"ab-redial/K6"}},
		{name: "unknown speaker", in: header + "K7,BOT\thi,,,3,3,3,1,5,\n", wantErr: `line 2 (ConvId K7): utterance0: want SYSTEM or USER`},
		{name: "no utterances", in: header + "K8,,,,3,3,3,1,5,\n", wantErr: "no utterances"},
		{name: "bad rating", in: header + "K9,USER\thi,,,three,3,3,1,5,\n", wantErr: `column understanding: "three" is not a number`},
		{name: "missing column", in: "ConvId,utterance0,understanding\nK1,USER\thi,3\n", wantErr: "no task-completion column"},
		{name: "no ConvId", in: "Id,utterance0\n", wantErr: "no ConvId column"},
		{name: "empty input", in: "", wantErr: "read header"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var conv, lab bytes.Buffer
			var lw io.Writer = &lab
			if tt.nilLabels {
				lw = nil
			}
			n, rows, err := ConvertABReDial(strings.NewReader(tt.in), transcript.NewJSONLWriter(&conv), lw)
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.convs, n)
			assert.Equal(t, tt.rows, rows)
			convs := readConversations(t, conv.Bytes())
			require.Len(t, convs, tt.convs)
			for i, id := range tt.ids {
				assert.Equal(t, id, convs[i].ID)
			}
			for i, text := range tt.texts {
				assert.Equal(t, text, convs[0].Turns[i].Text)
			}
			if tt.nilLabels {
				assert.Zero(t, lab.Len())
				return
			}
			labels := readLabels(t, lab.Bytes())
			assert.Len(t, labels, tt.rows)
			if tt.labels != nil {
				assert.Equal(t, tt.labels, labels[:len(tt.labels)])
			}
		})
	}
}
