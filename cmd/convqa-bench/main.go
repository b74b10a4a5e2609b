// Command convqa-bench measures convqa's throughput side by side with DuckDB loading the same file.
//
// It generates a synthetic corpus (convqa gen), then alternates, --reps times each: `convqa run` on it (judge
// off, fresh database) and DuckDB's own read_json loading the same file into a table (same DuckDB build,
// fresh database). It prints every timing, the medians, the ratio DuckDB/convqa (1 = as fast as DuckDB;
// 0.5 = twice DuckDB's time) and convqa's peak RSS.
//
//	go run ./cmd/convqa-bench -n 100000 -reps 3
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"syscall"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"
)

func main() {
	n := flag.Int("n", 100000, "conversations in the generated corpus")
	reps := flag.Int("reps", 3, "repetitions of each measurement")
	dir := flag.String("dir", "", "work directory (default: a temporary one, removed afterwards)")
	keep := flag.Bool("keep", false, "keep the work directory")
	flag.Parse()
	if err := run(*n, *reps, *dir, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "convqa-bench:", err)
		os.Exit(1)
	}
}

func run(n, reps int, dir string, keep bool) error {
	if dir == "" {
		d, err := os.MkdirTemp("", "convqa-bench")
		if err != nil {
			return err
		}
		dir = d
		if !keep {
			defer os.RemoveAll(dir)
		}
	}
	bin := filepath.Join(dir, "convqa")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/convqa").CombinedOutput(); err != nil {
		return fmt.Errorf("build convqa (run from the repository root): %v\n%s", err, out)
	}
	corpus := filepath.Join(dir, fmt.Sprintf("corpus-%d.jsonl", n))
	if _, err := os.Stat(corpus); err != nil {
		if out, err := exec.Command(bin, "gen", "--n", fmt.Sprint(n), "--seed", "1", "--out", corpus).CombinedOutput(); err != nil {
			return fmt.Errorf("gen: %v\n%s", err, out)
		}
	}
	fi, err := os.Stat(corpus)
	if err != nil {
		return err
	}
	fmt.Printf("corpus: %d conversations, %.1f MB; %d CPUs (%s/%s)\n", n, float64(fi.Size())/1e6, runtime.NumCPU(), runtime.GOOS, runtime.GOARCH)

	var convqaT, duckT, convqaCPU, duckCPU []float64
	var maxRSS int64
	for i := range reps {
		db := filepath.Join(dir, fmt.Sprintf("convqa-%d.duckdb", i))
		cmd := exec.Command(bin, "run", "--input", corpus, "--db", db, "-q")
		cmd.Stderr = os.Stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("convqa run: %w", err)
		}
		t := time.Since(start).Seconds()
		ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		rss := ru.Maxrss * 1024
		convqaCPU = append(convqaCPU, cpuSeconds(ru))
		maxRSS = max(maxRSS, rss)
		convqaT = append(convqaT, t)
		os.Remove(db)

		var before, after syscall.Rusage
		_ = syscall.Getrusage(syscall.RUSAGE_SELF, &before)
		d, err := readJSON(corpus, filepath.Join(dir, fmt.Sprintf("duck-%d.duckdb", i)))
		if err != nil {
			return err
		}
		_ = syscall.Getrusage(syscall.RUSAGE_SELF, &after)
		duckT = append(duckT, d)
		duckCPU = append(duckCPU, cpuSeconds(&after)-cpuSeconds(&before))
		fmt.Printf("rep %d: convqa run %.2fs wall, %.2fs CPU (peak RSS %.0f MiB)   duckdb read_json %.2fs wall, %.2fs CPU\n",
			i+1, t, convqaCPU[i], float64(rss)/(1<<20), d, duckCPU[i])
	}
	mc, md := median(convqaT), median(duckT)
	fmt.Printf("\nmedian  convqa run %.2fs (%.0f conversations/s)   duckdb read_json %.2fs\n", mc, float64(n)/mc, md)
	fmt.Printf("ratio   duckdb/convqa = %.2f wall (target >= 0.5: convqa at most twice DuckDB's time), %.2f CPU time\n", md/mc, median(duckCPU)/median(convqaCPU))
	fmt.Printf("peak RSS of convqa run: %.0f MiB\n", float64(maxRSS)/(1<<20))
	return nil
}

// readJSON times DuckDB loading the corpus with its own JSON reader into a table of a fresh file database.
func readJSON(corpus, dbPath string) (float64, error) {
	defer os.Remove(dbPath)
	db, err := sql.Open("duckdb", dbPath)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	start := time.Now()
	_, err = db.ExecContext(context.Background(),
		`CREATE TABLE conversations AS SELECT * FROM read_json(?, format = 'newline_delimited', maximum_object_size = 67108864)`, corpus)
	if err != nil {
		return 0, fmt.Errorf("duckdb read_json: %w", err)
	}
	if _, err := db.Exec(`CHECKPOINT`); err != nil {
		return 0, err
	}
	return time.Since(start).Seconds(), nil
}

func cpuSeconds(ru *syscall.Rusage) float64 {
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

func median(x []float64) float64 {
	s := slices.Clone(x)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
