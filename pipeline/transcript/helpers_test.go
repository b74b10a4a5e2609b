package transcript

import (
	"errors"
	"io"
	"testing"

	"github.com/stretchr/testify/require"
)

// readAll reads r to the end and closes it; any error but io.EOF fails the test.
func readAll(t testing.TB, r Reader) []Record {
	t.Helper()
	recs, err := readUntilError(r)
	require.ErrorIs(t, err, io.EOF)
	require.NoError(t, r.Close())
	return recs
}

// readUntilError reads r until Next fails and returns the records and the error.
func readUntilError(r Reader) ([]Record, error) {
	var recs []Record
	for {
		rec, err := r.Next()
		if err != nil {
			return recs, err
		}
		if (rec.Conversation == nil) == (rec.Quarantine == nil) {
			return recs, errors.New("record is neither a conversation nor a quarantine, or both")
		}
		recs = append(recs, rec)
	}
}

// conversations returns the conversations of recs with Source cleared, for comparisons across formats.
func conversations(recs []Record) []*Conversation {
	var out []*Conversation
	for _, r := range recs {
		if r.Conversation != nil {
			c := *r.Conversation
			c.Source = Source{}
			out = append(out, &c)
		}
	}
	return out
}
