package datasets

import (
	"bytes"
	"encoding/csv"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/pipeline/transcript"
)

// ussSample is written in USS's format (the text is made up for the test).
const ussSample = "USER\tI need a table for two tonight.\tINFORM_INTENT\t3,3,4\n" +
	"SYSTEM\tWhich city, and what time?\tREQUEST\t\n" +
	"USER\tSan Jose at 7 pm.\tINFORM\t3,4,4\n" +
	"SYSTEM\tBooked: Lei Garden, 7 pm, 2 people.\tCONFIRM\t\n" +
	"USER\tThanks!\tTHANK_YOU\t4,4,5\n" +
	"USER\tOVERALL\t\t4,4,5\n" +
	"\n" +
	"system\tHi.\t\t\r\n" +
	"user\tDo you know a good thriller?\t\t3,3\r\n" +
	"system\t\t\t\r\n" +
	"USER\tOVERALL\t\t2,3\r\n" +
	"\n\n" +
	"SYSTEM\tHello\t\t\n" +
	"USER\tbye\t\t3\n"

func TestConvertUSSInline(t *testing.T) {
	var conv, lab bytes.Buffer
	n, rows, err := ConvertUSS(strings.NewReader(ussSample), USSOptions{Prefix: "uss-sgd", Channel: transcript.ChannelBot, Language: "en"},
		transcript.NewJSONLWriter(&conv), &lab)
	require.NoError(t, err)
	assert.Equal(t, 3, n)
	assert.Equal(t, 5, rows)
	convs := readConversations(t, conv.Bytes())
	require.Len(t, convs, 3)
	assert.Equal(t, []string{"uss-sgd/1", "uss-sgd/2", "uss-sgd/3"}, []string{convs[0].ID, convs[1].ID, convs[2].ID})
	assert.Equal(t, transcript.ChannelBot, convs[0].Channel)
	assert.Equal(t, "en", convs[0].Language)
	require.Len(t, convs[0].Turns, 5, "the OVERALL line is not a turn")
	assert.Equal(t, transcript.Turn{Role: transcript.RoleAgent, Text: "Booked: Lei Garden, 7 pm, 2 people."}, convs[0].Turns[3])
	assert.Equal(t, transcript.RoleCustomer, convs[0].Turns[4].Role)
	require.Len(t, convs[1].Turns, 2, "lower-case speakers, CRLF, an empty utterance skipped")
	assert.Equal(t, "Do you know a good thriller?", convs[1].Turns[1].Text)
	assert.EqualValues(t, 8, convs[1].Metadata["source_line"])
	assert.Equal(t, []labelRow{
		{"uss-sgd/1", "overall", "4", "r1"}, {"uss-sgd/1", "overall", "4", "r2"}, {"uss-sgd/1", "overall", "5", "r3"},
		{"uss-sgd/2", "overall", "2", "r1"}, {"uss-sgd/2", "overall", "3", "r2"},
	}, readLabels(t, lab.Bytes()), "the third dialogue has no OVERALL line, so no labels")

	n, rows, err = ConvertUSS(strings.NewReader(ussSample), USSOptions{}, transcript.NewJSONLWriter(io.Discard), nil)
	require.NoError(t, err)
	assert.Equal(t, 3, n)
	assert.Zero(t, rows, "nil labels")
}

func TestConvertUSSDefaults(t *testing.T) {
	var conv bytes.Buffer
	_, _, err := ConvertUSS(strings.NewReader("\ufeffUSER\thi\nSYSTEM\thello\n"), USSOptions{}, transcript.NewJSONLWriter(&conv), nil)
	require.NoError(t, err)
	convs := readConversations(t, conv.Bytes())
	require.Len(t, convs, 1)
	assert.Equal(t, "uss/1", convs[0].ID)
	assert.Equal(t, transcript.ChannelHuman, convs[0].Channel)
	assert.Empty(t, convs[0].Language)
	assert.Equal(t, "hi", convs[0].Turns[0].Text, "byte order mark dropped")
}

func TestConvertUSSErrors(t *testing.T) {
	for _, tt := range []struct{ name, in, wantErr string }{
		{"no tab", "USER\thi\t\t3\nSYSTEM hello\n", `line 2: want speaker and text separated by a tab, got "SYSTEM hello"`},
		{"unknown speaker", "AGENT\thi\n", `line 1 field 1 (speaker): want USER or SYSTEM, got "AGENT"`},
		{"rating not a number", "USER\thi\t\t3,x\n", `line 1 field 4 (satisfaction): rating 2 is "x", want a number from 1 to 5`},
		{"rating out of range", "USER\thi\t\t6\n", `rating 1 is "6"`},
		{"overall without ratings", "USER\thi\t\t3\nUSER\tOVERALL\t\t\n", "line 2 field 4 (satisfaction): OVERALL line without ratings"},
		{"utterance after overall", "USER\thi\t\t3\nUSER\tOVERALL\t\t3\nSYSTEM\tbye\n", "line 3: utterance after the dialogue's OVERALL line"},
		{"two overall lines", "USER\thi\t\t3\nUSER\tOVERALL\t\t3\nUSER\tOVERALL\t\t3\n", "line 3: second OVERALL line"},
		{"overall alone", "\nUSER\tOVERALL\t\t3\n", "line 2: OVERALL ratings without a dialogue before them"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := ConvertUSS(strings.NewReader(tt.in), USSOptions{}, transcript.NewJSONLWriter(io.Discard), io.Discard)
			require.ErrorContains(t, err, tt.wantErr)
		})
	}
}

func FuzzConvertUSS(f *testing.F) {
	f.Add(ussSample)
	f.Add("USER\tOVERALL\t\t3\n")
	f.Add("SYSTEM\t\t\t\nUSER\tOVERALL\t\t1,5\n\n")
	f.Add("USER\thi\t\t3,x\n")
	f.Fuzz(func(t *testing.T, in string) {
		var conv, lab bytes.Buffer
		n, rows, err := ConvertUSS(strings.NewReader(in), USSOptions{}, transcript.NewJSONLWriter(&conv), &lab)
		if err != nil {
			return
		}
		checkConverted(t, conv.Bytes(), n)
		recs, err := csv.NewReader(&lab).ReadAll()
		require.NoError(t, err)
		require.Len(t, recs, rows+1)
	})
}
