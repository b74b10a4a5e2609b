package store

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestImportLabelsIsIdempotent(t *testing.T) {
	ctx := t.Context()
	s, p := openTemp(t)
	data := []byte("conversation_id,criterion,value,rater\nc1,overall,4,ann\nc1,overall,5,bob\nc#2 x,empathy,2,\n")
	id := LabelSetID(data)
	labels := []Label{
		{ConversationID: "c1", Criterion: "overall", Value: 4, Rater: "ann", Line: 2},
		{ConversationID: "c1", Criterion: "overall", Value: 5, Rater: "bob", Line: 3},
		{ConversationID: "c#2 x", Criterion: "empathy", Value: 2, Line: 4},
	}

	_, err := s.LabelSet(ctx, id)
	require.ErrorIs(t, err, ErrNoLabelSet)

	set, err := s.ImportLabels(ctx, id, "labels.csv", labels, t0)
	require.NoError(t, err)
	assert.Equal(t, LabelSet{ID: id, Source: "labels.csv", Rows: 3, Added: true, ImportedAt: t0}, set)

	// The same bytes again, under another name and later: nothing changes.
	again, err := s.ImportLabels(ctx, id, "copy.csv", labels, t0.Add(time.Hour))
	require.NoError(t, err)
	assert.False(t, again.Added)
	assert.Equal(t, "labels.csv", again.Source)
	assert.Equal(t, 3, again.Rows)
	assert.True(t, t0.Equal(again.ImportedAt))
	assert.Equal(t, 3, count(t, s, `SELECT count(*) FROM labels`))

	got, err := s.Labels(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, labels, got)

	// An edited file is a set of its own.
	other := LabelSetID(append(data, "c3,overall,1,ann\n"...))
	set2, err := s.ImportLabels(ctx, other, "labels.csv", append(labels, Label{ConversationID: "c3", Criterion: "overall", Value: 1, Rater: "ann", Line: 5}), t0)
	require.NoError(t, err)
	assert.True(t, set2.Added)
	assert.Equal(t, 7, count(t, s, `SELECT count(*) FROM labels`))
	got, err = s.Labels(ctx, id)
	require.NoError(t, err)
	assert.Len(t, got, 3)

	// The table survives reopening, read-only as well.
	require.NoError(t, s.Close())
	ro, err := Open(ctx, p, Options{ReadOnly: true})
	require.NoError(t, err)
	defer ro.Close()
	got, err = ro.Labels(ctx, other)
	require.NoError(t, err)
	assert.Len(t, got, 4)
	_, err = ro.ImportLabels(ctx, LabelSetID([]byte("x")), "x.csv", labels, t0)
	assert.ErrorContains(t, err, "read-only")
}
