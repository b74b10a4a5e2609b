// Command convqa scores customer-support conversations from the AI bot and from human agents on the same
// yardstick, stores every score in DuckDB, and compares, reports and gates on them.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

func main() {
	tuneGC()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// tuneGC trades memory for CPU where the user has not chosen: a batch job's heap is mostly short-lived
// conversations, so collecting a quarter as often saves about a fifth of the CPU; the soft limit keeps the Go
// heap bounded on huge inputs (DuckDB's own memory is capped separately, see store.Options).
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(448 << 20)
	}
}
