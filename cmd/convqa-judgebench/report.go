package main

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"
)

// The targets of the issue.
const (
	targetShare     = 0.90 // of the latency × concurrency ceiling
	targetWallRatio = 0.25 // convqa wall / promptfoo wall
	targetByteRatio = 0.40 // convqa request bytes / promptfoo request bytes, per conversation
)

// report is what run measured.
type report struct {
	start, end   string
	throughput   []measure
	side         side
	promptfooErr error
}

func median(ms []measure, f func(measure) float64) float64 {
	v := make([]float64, len(ms))
	for i, m := range ms {
		v[i] = f(m)
	}
	slices.Sort(v)
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

func met(ok bool) string {
	if ok {
		return "met"
	}
	return "NOT met"
}

func (r report) print(c config, pf *promptfoo) {
	ceiling := float64(c.concurrency) / c.latency.Seconds()
	fmt.Printf("\n=== convqa-judgebench: medians of %d repetitions; fake latency %s; concurrency %d ===\n", c.reps, c.latency, c.concurrency)
	fmt.Printf("machine: %s\nload average (1/5/15 min): %s at start, %s at end\n", machine(), r.start, r.end)

	if len(r.throughput) > 0 {
		t := r.throughput
		judging := median(t, measure.callsPerSecond)
		wall := median(t, measure.callsPerWall)
		fmt.Printf("\nThroughput, convqa alone: %d conversations, one call each, fresh database (nothing cached)\n", c.throughputN)
		fmt.Printf("  ceiling (concurrency / latency):            %6.1f calls/s\n", ceiling)
		rounds := (c.throughputN + c.concurrency - 1) / c.concurrency
		fmt.Printf("  (%d calls take at least %d rounds of %s = %.2fs: at most %.1f calls/s, %.1f%% of the ceiling)\n",
			c.throughputN, rounds, c.latency, float64(rounds)*c.latency.Seconds(),
			float64(c.throughputN)/(float64(rounds)*c.latency.Seconds()), 100*float64(c.throughputN)/(float64(rounds)*c.latency.Seconds())/ceiling)
		fmt.Printf("  judging (fake: first request to last reply): %6.1f calls/s = %5.1f%% of the ceiling (%.2fs)\n",
			judging, 100*judging/ceiling, median(t, func(m measure) float64 { return m.fake.Chat.SpanSeconds }))
		fmt.Printf("  end to end (convqa process start to exit):   %6.1f calls/s = %5.1f%% of the ceiling (%.2fs)\n",
			wall, 100*wall/ceiling, median(t, func(m measure) float64 { return m.wall }))
		fmt.Printf("  of the wall time: %.2fs before the first call (start, read, heuristics, cache lookup), %.2fs after the last reply (scoring, DuckDB writes, exit)\n",
			median(t, func(m measure) float64 { return m.before }), median(t, func(m measure) float64 { return m.after }))
		fmt.Printf("  peak calls in flight at the fake: %.0f\n", median(t, func(m measure) float64 { return float64(m.fake.Chat.PeakInFlight) }))
		fmt.Printf("  target >= %.0f%% of the ceiling: %s while judging, %s end to end\n",
			100*targetShare, met(judging >= targetShare*ceiling), met(wall >= targetShare*ceiling))
	}

	s := r.side
	if len(s.convqa) == 0 {
		return
	}
	fmt.Printf("\nSide by side: the same %d conversations, %d judge criteria (default rubric)\n", c.n, len(judgeCriteria(pf)))
	fmt.Printf("  %-10s %7s %8s %10s %7s %7s %11s %15s %9s %6s\n", "tool", "wall s", "before s", "judging s", "after s", "calls", "bytes/conv", "msg bytes/conv", "peak inf", "CPU s")
	row := func(name string, ms []measure) {
		fmt.Printf("  %-10s %7.2f %8.2f %10.2f %7.2f %7.0f %11.0f %15.0f %9.0f %6.2f\n", name,
			median(ms, func(m measure) float64 { return m.wall }),
			median(ms, func(m measure) float64 { return m.before }),
			median(ms, func(m measure) float64 { return m.fake.Chat.SpanSeconds }),
			median(ms, func(m measure) float64 { return m.after }),
			median(ms, func(m measure) float64 { return float64(m.fake.Chat.Requests) }),
			median(ms, measure.bytesPerConv), median(ms, measure.messagePerConv),
			median(ms, func(m measure) float64 { return float64(m.fake.Chat.PeakInFlight) }),
			median(ms, func(m measure) float64 { return m.cpu }))
	}
	row("convqa", s.convqa)
	if len(s.promptfoo) == 0 {
		if r.promptfooErr != nil {
			fmt.Printf("  promptfoo: not measured: %v\n", r.promptfooErr)
		} else {
			fmt.Println("  promptfoo: skipped (-skip-promptfoo)")
		}
		return
	}
	row("promptfoo", s.promptfoo)
	wall := median(s.convqa, func(m measure) float64 { return m.wall }) / median(s.promptfoo, func(m measure) float64 { return m.wall })
	judging := median(s.convqa, func(m measure) float64 { return m.fake.Chat.SpanSeconds }) /
		median(s.promptfoo, func(m measure) float64 { return m.fake.Chat.SpanSeconds })
	bytes := median(s.convqa, measure.bytesPerConv) / median(s.promptfoo, measure.bytesPerConv)
	msg := median(s.convqa, measure.messagePerConv) / median(s.promptfoo, measure.messagePerConv)
	fmt.Printf("  convqa / promptfoo: wall time %.3f (target <= %.2f: %s); judging span %.3f\n", wall, targetWallRatio, met(wall <= targetWallRatio), judging)
	fmt.Printf("  convqa / promptfoo: request bytes per conversation %.3f (target <= %.2f: %s); message text only %.3f\n",
		bytes, targetByteRatio, met(bytes <= targetByteRatio), msg)
	fmt.Println("\n  bytes/conv: chat completion request bodies received by the fake / conversations; msg bytes/conv: the")
	fmt.Println("  messages' text only. wall: the tool's process from start to exit = before (start to the fake's first")
	fmt.Println("  request) + judging (first request to last reply) + after (last reply to exit). Request bodies: logs/side-*.requests.jsonl.")
	fmt.Printf("  promptfoo: %s, Node %s, installed with: %s\n", promptfooVersion, nodeVersion, pf.install)
	fmt.Printf("  promptfoo config: %s (tests: %s)\n", pf.config, pf.tests)
	fmt.Printf("  promptfoo command: node %s eval -c %s --no-cache -j %d --no-progress-bar --no-table\n", pf.entry, pf.config, c.concurrency)
	fmt.Printf("  promptfoo environment: %s; HTTP(S)_PROXY and ALL_PROXY = a loopback sink that refuses every request\n", strings.Join(promptfooEnv, " "))
	caught := map[string]int{}
	for _, m := range s.promptfoo {
		for t, n := range m.caught {
			caught[t] += n
		}
	}
	fmt.Printf("  requests bound off the machine, caught by the sink over %d promptfoo runs: %v\n", len(s.promptfoo), caught)
}

func judgeCriteria(pf *promptfoo) []string {
	if pf == nil {
		return []string{"resolution", "correctness", "empathy", "clarity"}
	}
	var ids []string
	for _, c := range pf.criteria {
		ids = append(ids, c.ID)
	}
	return ids
}

// loadavg is the 1, 5 and 15 minute load averages.
func loadavg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// machine describes the CPU the figures were measured on.
func machine() string {
	model := "unknown CPU"
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		s := bufio.NewScanner(f)
		for s.Scan() {
			if k, v, ok := strings.Cut(s.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
		f.Close()
	}
	return fmt.Sprintf("%d CPUs (%s), %s/%s, %s", runtime.NumCPU(), model, runtime.GOOS, runtime.GOARCH, time.Now().UTC().Format(time.RFC3339))
}
