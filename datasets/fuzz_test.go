package datasets

import (
	"bytes"
	"encoding/csv"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/pipeline/transcript"
)

// checkConverted fails when a converter that reported success wrote a record the transcript reader rejects.
func checkConverted(t *testing.T, jsonl []byte, n int) {
	r := transcript.NewJSONLReader(bytes.NewReader(jsonl), "fuzz.jsonl")
	defer r.Close()
	got := 0
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		require.Nil(t, rec.Quarantine, "converter wrote a bad record: %+v", rec.Quarantine)
		got++
	}
	require.Equal(t, n, got)
}

func FuzzConvertABReDial(f *testing.F) {
	const header = "ConvId,utterance0,utterance1,understanding,task-completion,interest-arousal,efficiency,dialogue-overall\n"
	f.Add(header + "K1,SYSTEM\tHi!,USER\tHello,3.0,2.0,1.0,0.0,4.0\n")
	f.Add(header + "K1,\"SYSTEM \u2003 a \"\"b\"\", c\",USER  d,,,,,\nK1,USER\tx,,1,1,1,1,1\n")
	f.Add(header + "K2,BOT\thi,,1,1,1,1,1\n")
	f.Add("\ufeff" + header + "K3\n")
	f.Add("ConvId\n")
	const segments = "ConvId,utterance0,utterance1,relevance1,interestingness1,overall1,utterance2,relevance2,interestingness2,overall2\n"
	f.Add(segments + "K1,SYSTEM\tHi!,USER\tHello,4,2,4.0,SYSTEM\tbye,1,1,1\nK1,SYSTEM\tHi!,USER\tHello,3,,5,SYSTEM\tbye,,,\n")
	f.Add(segments + "K2,,,1,1,1,USER\tx,2,2,2\n")
	f.Add("ConvId,utterance0,relevance1,overall1\nK1,USER\tx,1,1\n")
	f.Fuzz(func(t *testing.T, in string) {
		var conv, lab bytes.Buffer
		n, rows, err := ConvertABReDial(strings.NewReader(in), transcript.NewJSONLWriter(&conv), &lab)
		if err != nil {
			return
		}
		checkConverted(t, conv.Bytes(), n)
		recs, err := csv.NewReader(&lab).ReadAll()
		require.NoError(t, err)
		require.Len(t, recs, rows+1)
	})
}

func FuzzConvertABCD(f *testing.F) {
	f.Add(`[{"convo_id": 1, "scenario": {"flow": "a", "subflow": "b"}, "original": [["agent", "hi"], ["action", "x"]]}]`)
	f.Add(`{"train": [{"convo_id": "7", "original": [["customer", "hello"]]}], "dev": []}`)
	f.Add(`[{"convo_id": {}, "original": [["agent", "hi"]]}]`)
	f.Add(`[]`)
	f.Add(`{`)
	f.Fuzz(func(t *testing.T, in string) {
		var conv bytes.Buffer
		n, err := ConvertABCD(strings.NewReader(in), transcript.NewJSONLWriter(&conv))
		if err != nil {
			return
		}
		checkConverted(t, conv.Bytes(), n)
	})
}
