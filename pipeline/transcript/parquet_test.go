package transcript

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// turnsSchema is the schema of the golden Parquet file: the contract's columns plus two extra ones.
var turnsSchema = arrow.NewSchema([]arrow.Field{
	{Name: "conversation_id", Type: arrow.BinaryTypes.String},
	{Name: "turn_index", Type: arrow.PrimitiveTypes.Int32},
	{Name: "Role", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "text", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "at", Type: &arrow.TimestampType{Unit: arrow.Millisecond, TimeZone: "UTC"}, Nullable: true},
	{Name: "channel", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "language", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "priority", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
	{Name: "tags", Type: arrow.ListOf(arrow.BinaryTypes.String), Nullable: true},
}, nil)

// turnsRows are the rows of the golden Parquet file.
const turnsRows = `[
{"conversation_id":"p-1","turn_index":1,"Role":"assistant","text":"How can I help?","at":"2026-11-20T10:00:04.5Z","channel":null,"language":"en","priority":2,"tags":["vip"]},
{"conversation_id":"p-1","turn_index":0,"Role":"user","text":"Hi #1","at":"2026-11-20T10:00:00Z","channel":null,"language":null,"priority":null,"tags":null},
{"conversation_id":"p-1","turn_index":2,"Role":"agent","text":"","at":null,"channel":null,"language":null,"priority":7,"tags":null},
{"conversation_id":"p 2/x","turn_index":0,"Role":"customer","text":"hello","at":null,"channel":"Human","language":"sv","priority":null,"tags":null},
{"conversation_id":"p-3","turn_index":0,"Role":"customer","text":null,"at":null,"channel":null,"language":null,"priority":null,"tags":null},
{"conversation_id":"p-1","turn_index":3,"Role":"agent","text":"again","at":null,"channel":null,"language":null,"priority":null,"tags":null},
{"conversation_id":"p-4","turn_index":0,"Role":"wizard","text":"abracadabra","at":null,"channel":null,"language":null,"priority":null,"tags":null},
{"conversation_id":"p-5","turn_index":0,"Role":null,"text":"who am I","at":null,"channel":null,"language":null,"priority":null,"tags":null}
]`

// writeParquet writes rows (a JSON array) with schema as Parquet, rowGroup rows to a row group.
func writeParquet(t *testing.T, schema *arrow.Schema, rows string, rowGroup int64) []byte {
	t.Helper()
	rec, _, err := array.RecordFromJSON(memory.DefaultAllocator, schema, strings.NewReader(rows))
	require.NoError(t, err)
	defer rec.Release()
	tbl := array.NewTableFromRecords(schema, []arrow.RecordBatch{rec})
	defer tbl.Release()
	var buf bytes.Buffer
	props := parquet.NewWriterProperties(parquet.WithStats(false), parquet.WithCreatedBy("convqa transcript test"))
	require.NoError(t, pqarrow.WriteTable(tbl, &buf, rowGroup, props, pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema())))
	return buf.Bytes()
}

func TestParquetGolden(t *testing.T) {
	path := filepath.Join("testdata", "turns.parquet")
	if *update {
		require.NoError(t, os.WriteFile(path, writeParquet(t, turnsSchema, turnsRows, 3), 0o644))
	}
	r, err := Open(path)
	require.NoError(t, err)
	recs := readAll(t, r)
	at := func(sec, ms int) time.Time { return time.Date(2026, 11, 20, 10, 0, sec, ms*1e6, time.UTC) }
	checkRecords(t, path, recs, []want{
		{line: 1, conv: &Conversation{
			ID: "p-1", Channel: ChannelBot, Language: "en",
			Metadata: map[string]any{"priority": 2.0, "tags": []any{"vip"}},
			Turns: []Turn{
				{Role: RoleCustomer, Text: "Hi #1", At: at(0, 0)},
				{Role: RoleBot, Text: "How can I help?", At: at(4, 500)},
				{Role: RoleAgent, Text: ""},
			},
		}},
		{line: 4, conv: &Conversation{ID: "p 2/x", Channel: ChannelHuman, Language: "sv", Turns: []Turn{{Role: RoleCustomer, Text: "hello"}}}},
		{line: 5, id: "p-3", field: "turns[0].text", reason: "missing text (row 5)"},
		{line: 6, id: "p-1", field: "conversation_id", reason: `conversation_id "p-1" appears again at row 6 after rows of other conversations; rows must be grouped by conversation_id`},
		{line: 7, id: "p-4", field: "turns[0].role", reason: `unknown role "wizard"`},
		{line: 8, id: "p-5", field: "turns[0].role", reason: "missing role (row 8)"},
	})
	assert.Contains(t, recs[2].Quarantine.Raw, `"conversation_id":"p-3"`)
}

func TestParquetBatches(t *testing.T) {
	// A corpus read through small batches and row groups gives what its JSONL form gives.
	corpus := genCorpus(60, 6)
	want := conversations(readAll(t, NewJSONLReader(bytes.NewReader(corpus), "c.jsonl")))
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "conversation_id", Type: arrow.BinaryTypes.LargeString},
		{Name: "turn_index", Type: arrow.PrimitiveTypes.Int64},
		{Name: "role", Type: &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int8, ValueType: arrow.BinaryTypes.String}},
		{Name: "text", Type: arrow.BinaryTypes.String},
		{Name: "at", Type: &arrow.TimestampType{Unit: arrow.Nanosecond}, Nullable: true},
		{Name: "channel", Type: arrow.BinaryTypes.String},
		{Name: "language", Type: arrow.BinaryTypes.String},
		{Name: "topic", Type: arrow.BinaryTypes.String},
		{Name: "author", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "started_at", Type: arrow.BinaryTypes.String},
		{Name: "market", Type: arrow.BinaryTypes.String},
	}, nil)
	b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	defer b.Release()
	for _, c := range want {
		for i, turn := range c.Turns {
			b.Field(0).(*array.LargeStringBuilder).Append(c.ID)
			b.Field(1).(*array.Int64Builder).Append(int64(i))
			require.NoError(t, b.Field(2).(*array.BinaryDictionaryBuilder).AppendString(string(turn.Role)))
			b.Field(3).(*array.StringBuilder).Append(turn.Text)
			b.Field(4).(*array.TimestampBuilder).Append(arrow.Timestamp(turn.At.UnixNano()))
			b.Field(5).(*array.StringBuilder).Append(string(c.Channel))
			b.Field(6).(*array.StringBuilder).Append(c.Language)
			b.Field(7).(*array.StringBuilder).Append(c.Topic)
			if turn.Author == "" {
				b.Field(8).AppendNull()
			} else {
				b.Field(8).(*array.StringBuilder).Append(turn.Author)
			}
			b.Field(9).(*array.StringBuilder).Append(c.StartedAt.Format(time.RFC3339Nano))
			b.Field(10).(*array.StringBuilder).Append(c.Metadata["market"].(string))
		}
	}
	rec := b.NewRecordBatch()
	defer rec.Release()
	tbl := array.NewTableFromRecords(schema, []arrow.RecordBatch{rec})
	defer tbl.Release()
	var buf bytes.Buffer
	require.NoError(t, pqarrow.WriteTable(tbl, &buf, 100, parquet.NewWriterProperties(), pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema())))

	for _, batch := range []int64{7, 4096} {
		r, err := newParquetReader(bytes.NewReader(buf.Bytes()), "c.parquet", batch, nil)
		require.NoError(t, err)
		got := conversations(readAll(t, r))
		require.Len(t, got, len(want))
		for i := range want {
			w := *want[i]
			w.Metadata = map[string]any{"market": w.Metadata["market"]} // only that extra column was written
			assert.Equal(t, &w, got[i], "conversation %d", i)
		}
	}
}

func TestParquetSchemaErrors(t *testing.T) {
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "conversation_id", Type: arrow.PrimitiveTypes.Int64},
		{Name: "text", Type: arrow.BinaryTypes.String},
	}, nil)
	data := writeParquet(t, schema, `[{"conversation_id":1,"text":"a"}]`, 10)
	_, err := NewParquetReader(bytes.NewReader(data), "s.parquet")
	require.EqualError(t, err, `read s.parquet: missing required column "role" (columns are matched case-insensitively)`)

	_, err = NewParquetReader(bytes.NewReader([]byte("not parquet at all")), "s.parquet")
	require.ErrorContains(t, err, "read s.parquet: ")
}

func TestParquetIntegerIDs(t *testing.T) {
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "conversation_id", Type: arrow.PrimitiveTypes.Int64},
		{Name: "role", Type: arrow.BinaryTypes.String},
		{Name: "text", Type: arrow.BinaryTypes.String},
		{Name: "at", Type: arrow.PrimitiveTypes.Int64},
		{Name: "turn_index", Type: arrow.BinaryTypes.String},
	}, nil)
	data := writeParquet(t, schema, `[{"conversation_id":42,"role":"bot","text":"a","at":1763632800,"turn_index":"1"},
		{"conversation_id":42,"role":"user","text":"b","at":0,"turn_index":"0"},
		{"conversation_id":7,"role":"user","text":"c","at":1,"turn_index":"first"}]`, 10)
	r, err := NewParquetReader(bytes.NewReader(data), "i.parquet")
	require.NoError(t, err)
	checkRecords(t, "i.parquet", readAll(t, r), []want{
		{line: 1, conv: &Conversation{ID: "42", Channel: ChannelBot, Turns: []Turn{
			{Role: RoleCustomer, Text: "b", At: time.Unix(0, 0).UTC()},
			{Role: RoleBot, Text: "a", At: time.Unix(1763632800, 0).UTC()},
		}}},
		{line: 3, id: "7", field: "turn_index", reason: `turn_index at row 3: "first" is not an integer`},
	})
}

func TestParquetEmpty(t *testing.T) {
	data := writeParquet(t, turnsSchema, `[]`, 10)
	r, err := NewParquetReader(bytes.NewReader(data), "e.parquet")
	require.NoError(t, err)
	assert.Empty(t, readAll(t, r))
}
