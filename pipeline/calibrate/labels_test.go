package calibrate

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/pipeline/store"
)

func TestReadLabels(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    []store.Label
		wantErr string
	}{
		{
			name: "the documented header",
			in:   "conversation_id,criterion,value,rater\nc1,overall,4,ann\nc1,overall,5,bob\n\"c#2, x\",empathy,2.5,\n",
			want: []store.Label{
				{ConversationID: "c1", Criterion: "overall", Value: 4, Rater: "ann", Line: 2},
				{ConversationID: "c1", Criterion: "overall", Value: 5, Rater: "bob", Line: 3},
				{ConversationID: "c#2, x", Criterion: "empathy", Value: 2.5, Line: 4},
			},
		},
		{
			name: "columns in any order, no rater, a BOM, extra columns, an empty value skipped",
			in:   "\ufeffValue,note,Criterion,conversation_id\n3,fine,overall,a\n,no grade,overall,b\n 1 ,,overall, c \n",
			want: []store.Label{
				{ConversationID: "a", Criterion: "overall", Value: 3, Line: 2},
				{ConversationID: "c", Criterion: "overall", Value: 1, Line: 4},
			},
		},
		{
			name: "anonymous graders may grade the same conversation several times",
			in:   "conversation_id,criterion,value\na,overall,3\na,overall,4\n",
			want: []store.Label{
				{ConversationID: "a", Criterion: "overall", Value: 3, Line: 2},
				{ConversationID: "a", Criterion: "overall", Value: 4, Line: 3},
			},
		},
		{name: "empty file", in: "", wantErr: "empty file"},
		{name: "header only", in: "conversation_id,criterion,value,rater\n", wantErr: "no grades"},
		{name: "no value column", in: "conversation_id,criterion,rater\na,overall,ann\n", wantErr: "line 1: the header has no value column"},
		{name: "not a number", in: "conversation_id,criterion,value\na,overall,good\n", wantErr: `line 2: value "good" is not a number`},
		{name: "NaN is not a grade", in: "conversation_id,criterion,value\na,overall,NaN\n", wantErr: "line 2"},
		{name: "empty id", in: "conversation_id,criterion,value\n,overall,3\n", wantErr: "line 2: empty conversation_id"},
		{name: "empty criterion", in: "conversation_id,criterion,value\na,,3\n", wantErr: "line 2: empty criterion"},
		{
			name:    "a named grader twice",
			in:      "conversation_id,criterion,value,rater\na,overall,3,ann\nb,overall,3,ann\na,overall,4,ann\n",
			wantErr: `line 4: rater "ann" already graded overall of conversation "a" at line 2`,
		},
		{name: "broken quoting", in: "conversation_id,criterion,value\n\"a,overall,3\n", wantErr: "read labels"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadLabels(strings.NewReader(tt.in))
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func FuzzReadLabels(f *testing.F) {
	f.Add("conversation_id,criterion,value,rater\nc1,overall,4,ann\n")
	f.Add("value,criterion,conversation_id\n3,overall,a\n,overall,b\n")
	f.Add("conversation_id,criterion,value\n\"a\nb\",x,1e308\n")
	f.Fuzz(func(t *testing.T, in string) {
		labels, err := ReadLabels(strings.NewReader(in))
		if err != nil {
			return
		}
		assert.NotEmpty(t, labels)
		for _, l := range labels {
			assert.NotEmpty(t, l.ConversationID)
			assert.NotEmpty(t, l.Criterion)
			assert.False(t, l.Value != l.Value, "NaN value")
		}
	})
}

func TestSplit(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Split
		err  bool
	}{{"", SplitAll, false}, {"all", SplitAll, false}, {"dev", SplitDev, false}, {"holdout", SplitHoldout, false}, {"test", "", true}} {
		got, err := ParseSplit(tt.in)
		if tt.err {
			assert.Error(t, err, tt.in)
			continue
		}
		require.NoError(t, err)
		assert.Equal(t, tt.want, got)
	}

	// The holdout is a stable 30% of ids, and dev is the rest.
	const n = 20000
	hold := 0
	var labels []store.Label
	for i := range n {
		id := "conv-" + string(rune('a'+i%26)) + strings.Repeat("x", i%7) + "-" + strconv.Itoa(i)
		if InHoldout(id) {
			hold++
		}
		assert.Equal(t, InHoldout(id), SplitHoldout.Contains(id))
		assert.NotEqual(t, SplitDev.Contains(id), SplitHoldout.Contains(id))
		assert.True(t, SplitAll.Contains(id))
		labels = append(labels, store.Label{ConversationID: id})
	}
	assert.InDelta(t, 0.3, float64(hold)/n, 0.015)
	assert.Len(t, SplitHoldout.Filter(labels), hold)
	assert.Len(t, SplitDev.Filter(labels), n-hold)
	assert.Len(t, SplitAll.Filter(labels), n)
	// Pinned, so that a change of the hash (which would leak the holdout into tuning) fails loudly.
	assert.True(t, InHoldout("ab-redial/KM"))
	assert.Equal(t, []bool{true, false, false}, []bool{InHoldout("a"), InHoldout("b"), InHoldout("c")})
}
