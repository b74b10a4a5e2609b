package calibrate_test

import (
	"bytes"
	"database/sql"
	"maps"
	"math"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/pipeline/calibrate"
	"github.com/convqa/convqa/pipeline/stats"
)

// TestSignalsOnABReDialDev prints, for AB-ReDial's dev parts only, the Spearman of every stored signal and every
// heuristic criterion of the default rubric with the mean overall rating: the table the default rubric's
// signals and weights were chosen from (README, "Measured on public ratings"). It checks the directions the rubric
// relies on: approval goes with better ratings, rejections with worse, and so does the criterion built on both.
func TestSignalsOnABReDialDev(t *testing.T) {
	for _, set := range []struct{ name, path string }{{"dialogues", abReDial}, {"segments", abReDialSegments}} {
		t.Run(set.name, func(t *testing.T) {
			st, data := abReDialFileRun(t, set.path)
			labels, err := calibrate.ReadLabels(bytes.NewReader(data))
			require.NoError(t, err)
			sum, n := map[string]float64{}, map[string]float64{}
			for _, l := range calibrate.SplitDev.Filter(labels) {
				if l.Criterion == "overall" {
					sum[l.ConversationID] += l.Value
					n[l.ConversationID]++
				}
			}
			overall := func(id string) (float64, bool) { return sum[id] / n[id], n[id] > 0 }

			// feature name -> paired (feature, overall) values over the dev conversations where both are known
			pairs := map[string][2][]float64{}
			add := func(name, id string, v sql.NullFloat64) {
				y, ok := overall(id)
				if !ok || !v.Valid {
					return
				}
				p := pairs[name]
				pairs[name] = [2][]float64{append(p[0], v.Float64), append(p[1], y)}
			}

			rows, err := st.DB().QueryContext(t.Context(),
				`SELECT * EXCLUDE (run_id, content_hash, customer_language, agent_language) FROM signals`)
			require.NoError(t, err)
			cols, err := rows.Columns()
			require.NoError(t, err)
			for rows.Next() {
				var id string
				vals := make([]sql.NullFloat64, len(cols))
				dest := []any{}
				for i, c := range cols {
					if c == "conversation_id" {
						dest = append(dest, &id)
					} else {
						dest = append(dest, &vals[i])
					}
				}
				require.NoError(t, rows.Scan(dest...))
				for i, c := range cols {
					if c != "conversation_id" {
						add("signal "+c, id, vals[i])
					}
				}
			}
			require.NoError(t, rows.Err())
			rows.Close()

			rows, err = st.DB().QueryContext(t.Context(), `SELECT conversation_id, criterion, value FROM scores WHERE NOT na`)
			require.NoError(t, err)
			for rows.Next() {
				var id, criterion string
				var v sql.NullFloat64
				require.NoError(t, rows.Scan(&id, &criterion, &v))
				add("criterion "+criterion, id, v)
			}
			require.NoError(t, rows.Err())
			rows.Close()

			rho := map[string]float64{}
			for name, p := range pairs {
				rho[name] = stats.Spearman(p[0], p[1])
			}
			for _, name := range slices.Sorted(maps.Keys(rho)) {
				if !math.IsNaN(rho[name]) {
					t.Logf("%s dev: %-34s n=%3d spearman=%+.3f", set.name, name, len(pairs[name][0]), rho[name])
				}
			}
			assert.Greater(t, rho["signal customer_positive"], 0.0)
			assert.Less(t, rho["signal customer_rejections"], 0.0)
			assert.Greater(t, rho["criterion customer_sentiment"], 0.0)
		})
	}
}
