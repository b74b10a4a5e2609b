//go:build duckdb_arrow

package store

import (
	"context"
	"database/sql/driver"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	duckdb "github.com/duckdb/duckdb-go/v2"
)

// arrowBatchRows is the number of rows per Arrow record batch; DuckDB's row group size, so the scan can hand
// whole row groups to the insert.
const arrowBatchRows = 122_880

var (
	turnsSchema = arrow.NewSchema([]arrow.Field{
		{Name: "conversation_id", Type: arrow.BinaryTypes.String},
		{Name: "turn_index", Type: arrow.PrimitiveTypes.Int32},
		{Name: "role", Type: arrow.BinaryTypes.String},
		{Name: "text", Type: arrow.BinaryTypes.String},
		{Name: "sent_at", Type: arrow.FixedWidthTypes.Timestamp_us, Nullable: true}, // TIMESTAMPTZ
		{Name: "author", Type: arrow.BinaryTypes.String, Nullable: true},
	}, nil)
	scoresSchema = arrow.NewSchema([]arrow.Field{
		{Name: "run_id", Type: arrow.BinaryTypes.String},
		{Name: "conversation_id", Type: arrow.BinaryTypes.String},
		{Name: "criterion", Type: arrow.BinaryTypes.String},
		{Name: "judged", Type: arrow.FixedWidthTypes.Boolean},
		{Name: "value", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
		{Name: "na", Type: arrow.FixedWidthTypes.Boolean},
		{Name: "normalized", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
		{Name: "auto_failed", Type: arrow.FixedWidthTypes.Boolean},
		{Name: "built_from", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "rationale", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "evidence", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "spread", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
	}, nil)
)

func appendNullString(b *array.StringBuilder, s string) {
	if s == "" {
		b.AppendNull()
		return
	}
	b.Append(s)
}

func appendNullFloat(b *array.Float64Builder, f float64) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		b.AppendNull()
		return
	}
	b.Append(f)
}

// buildTurns converts the turns of items into record batches of at most arrowBatchRows rows.
func buildTurns(mem memory.Allocator, items []Item) ([]arrow.RecordBatch, error) {
	rb := array.NewRecordBuilder(mem, turnsSchema)
	defer rb.Release()
	id := rb.Field(0).(*array.StringBuilder)
	idx := rb.Field(1).(*array.Int32Builder)
	role := rb.Field(2).(*array.StringBuilder)
	text := rb.Field(3).(*array.StringBuilder)
	at := rb.Field(4).(*array.TimestampBuilder)
	author := rb.Field(5).(*array.StringBuilder)
	var recs []arrow.RecordBatch
	n := 0
	for _, it := range items {
		for i, t := range it.Conversation.Turns {
			if n == 0 {
				rb.Reserve(arrowBatchRows)
			}
			id.Append(it.Conversation.ID)
			idx.Append(int32(i))
			role.Append(string(t.Role))
			text.Append(t.Text)
			if t.At.IsZero() {
				at.AppendNull()
			} else {
				ts, err := arrow.TimestampFromTime(t.At, arrow.Microsecond)
				if err != nil {
					releaseAll(recs)
					return nil, fmt.Errorf("conversation %q turn %d: %w", it.Conversation.ID, i, err)
				}
				at.Append(ts)
			}
			appendNullString(author, t.Author)
			if n++; n == arrowBatchRows {
				recs, n = append(recs, rb.NewRecordBatch()), 0
			}
		}
	}
	if n > 0 {
		recs = append(recs, rb.NewRecordBatch())
	}
	return recs, nil
}

// buildScores converts the scores of items into record batches of at most arrowBatchRows rows.
func buildScores(mem memory.Allocator, runID string, items []Item) []arrow.RecordBatch {
	rb := array.NewRecordBuilder(mem, scoresSchema)
	defer rb.Release()
	str := func(i int) *array.StringBuilder { return rb.Field(i).(*array.StringBuilder) }
	f64 := func(i int) *array.Float64Builder { return rb.Field(i).(*array.Float64Builder) }
	boolean := func(i int) *array.BooleanBuilder { return rb.Field(i).(*array.BooleanBuilder) }
	run, id, crit, judged := str(0), str(1), str(2), boolean(3)
	value, na, norm, fail := f64(4), boolean(5), f64(6), boolean(7)
	built, rationale, evidence, spread := str(8), str(9), str(10), f64(11)
	var recs []arrow.RecordBatch
	n := 0
	for _, it := range items {
		for _, s := range it.Scores {
			if n == 0 {
				rb.Reserve(arrowBatchRows)
			}
			run.Append(runID)
			id.Append(it.Conversation.ID)
			crit.Append(s.Criterion)
			judged.Append(s.Kind == "judge")
			appendNullFloat(value, s.Value)
			na.Append(s.NA)
			appendNullFloat(norm, s.Normalized)
			fail.Append(s.AutoFailed)
			appendNullString(built, s.BuiltFrom)
			appendNullString(rationale, s.Rationale)
			appendNullString(evidence, s.Evidence)
			spread.AppendNull()
			if n++; n == arrowBatchRows {
				recs, n = append(recs, rb.NewRecordBatch()), 0
			}
		}
	}
	if n > 0 {
		recs = append(recs, rb.NewRecordBatch())
	}
	return recs
}

func releaseAll(recs []arrow.RecordBatch) {
	for _, r := range recs {
		r.Release()
	}
}

// insertArrow inserts recs into table of the run's open transaction through a DuckDB Arrow scan view. The view
// is read once, with SELECT * in schema order: a query that projects only some columns of a RegisterView view
// reads the wrong arrays or crashes (duckdb/duckdb-go#24, #28; seen here with DuckDB 1.5 and arrow-go v18.8).
func insertArrow(ctx context.Context, r *Run, table string, schema *arrow.Schema, recs []arrow.RecordBatch) error {
	rdr, err := array.NewRecordReader(schema, recs)
	if err != nil {
		return fmt.Errorf("insert into %s: %w", table, err)
	}
	defer rdr.Release()
	view := "convqa_arrow_" + table
	var release func()
	// The view is registered on the driver connection; the INSERT runs outside Raw, which holds the
	// connection's lock.
	err = r.conn.Raw(func(dc any) error {
		ar, err := duckdb.NewArrowFromConn(dc.(driver.Conn))
		if err != nil {
			return err
		}
		release, err = ar.RegisterView(rdr, view)
		return err
	})
	if err != nil {
		return fmt.Errorf("insert into %s: register arrow view: %w", table, err)
	}
	defer release()
	if _, err := r.conn.ExecContext(ctx, `INSERT INTO `+table+` SELECT * FROM `+view); err != nil {
		return fmt.Errorf("insert into %s: %w", table, err)
	}
	if _, err := r.conn.ExecContext(ctx, `DROP VIEW `+view); err != nil {
		return fmt.Errorf("insert into %s: drop arrow view: %w", table, err)
	}
	return nil
}

// arrowTiming accumulates the time spent building records and inserting them.
type arrowTiming struct{ build, insert time.Duration }

func (tm *arrowTiming) turns(mem memory.Allocator) tableWriter {
	return func(ctx context.Context, r *Run, items []Item) error {
		start := time.Now()
		recs, err := buildTurns(mem, items)
		if err != nil {
			return err
		}
		defer releaseAll(recs)
		built := time.Now()
		tm.build += built.Sub(start)
		err = insertArrow(ctx, r, "turns", turnsSchema, recs)
		tm.insert += time.Since(built)
		return err
	}
}

func (tm *arrowTiming) scores(mem memory.Allocator) tableWriter {
	return func(ctx context.Context, r *Run, items []Item) error {
		start := time.Now()
		recs := buildScores(mem, r.ID, items)
		defer releaseAll(recs)
		built := time.Now()
		tm.build += built.Sub(start)
		err := insertArrow(ctx, r, "score_values", scoresSchema, recs)
		tm.insert += time.Since(built)
		return err
	}
}

// BenchmarkWriteArrow times the Arrow path end to end: building the records from items, the Arrow scan
// insert and COMMIT (and CHECKPOINT). build-ns/op and insert-ns/op split the op; insert-ns/op leaves out
// BEGIN, COMMIT and CHECKPOINT.
func BenchmarkWriteArrow(b *testing.B) {
	benchPaths(b, func(b *testing.B, table string, items []Item, rows int, checkpoint bool) {
		var tm arrowTiming
		w := map[string]tableWriter{
			"turns":  tm.turns(memory.NewGoAllocator()),
			"scores": tm.scores(memory.NewGoAllocator()),
		}[table]
		benchWrite(b, w, items, rows, checkpoint)
		b.ReportMetric(float64(tm.build.Nanoseconds())/float64(b.N), "build-ns/op")
		b.ReportMetric(float64(tm.insert.Nanoseconds())/float64(b.N), "insert-ns/op")
	})
}

func TestArrowRoundTrip(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	var tm arrowTiming
	testRoundTrip(t, tm.turns(mem), tm.scores(mem))
	mem.AssertSize(t, 0)
}
