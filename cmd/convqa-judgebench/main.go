// Command convqa-judgebench measures the LLM judge's speed and prompt size against the fake OpenAI-compatible
// server (cmd/convqa-fakeapi), alone and side by side with promptfoo.
//
// It builds convqa and the fake, generates a corpus (convqa gen --seed 1), and then, --reps times each:
//
//   - throughput: convqa judges -throughput-n conversations (fresh database, so nothing is cached) against
//     the fake at -latency with -concurrency calls in flight; it reports calls per second and their share of
//     the concurrency/latency ceiling;
//   - side by side: convqa and promptfoo judge the same first -n conversations with the same criteria (the
//     default rubric's judge criteria; promptfoo: one llm-rubric assertion per criterion with the rubric's
//     question) against the same fake latency and concurrency; it reports wall time and the chat completion
//     request bytes the fake received per conversation.
//
// Every measurement gets a fresh fake process on a loopback port; nothing else is contacted but the npm
// registry, once, to install promptfoo and Node 22 under the work directory. It prints every measurement,
// the medians, the ratios and the machine's load.
//
//	go run ./cmd/convqa-judgebench [-n 100] [-reps 3] [-skip-promptfoo]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"
)

// config is what the flags set.
type config struct {
	n, throughputN, reps, concurrency         int
	latency                                   time.Duration
	model, dir                                string
	skipPromptfoo, skipThroughput, fullRubric bool
}

func main() {
	var c config
	flag.IntVar(&c.n, "n", 100, "conversations judged by both convqa and promptfoo")
	flag.IntVar(&c.throughputN, "throughput-n", 400, "conversations judged by convqa alone for the throughput figure")
	flag.IntVar(&c.reps, "reps", 3, "repetitions of each measurement (medians are reported)")
	flag.IntVar(&c.concurrency, "concurrency", 32, "judge calls in flight (convqa --concurrency, promptfoo -j)")
	flag.DurationVar(&c.latency, "latency", 200*time.Millisecond, "the fake's delay of every chat completion")
	flag.StringVar(&c.model, "model", "gpt-4.1-mini", "model name sent to the fake")
	flag.StringVar(&c.dir, "dir", "", "work directory; keeps the npm install between runs (default: the user cache directory's convqa-judgebench)")
	flag.BoolVar(&c.skipPromptfoo, "skip-promptfoo", false, "measure convqa only")
	flag.BoolVar(&c.skipThroughput, "skip-throughput", false, "skip the throughput measurement")
	flag.BoolVar(&c.fullRubric, "promptfoo-full-rubric", false, "give promptfoo's llm-rubric assertions the score anchors and n/a rule too, as convqa's judge gets them (default: the question only)")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, c); err != nil {
		fmt.Fprintln(os.Stderr, "convqa-judgebench:", err)
		if errors.Is(err, context.Canceled) {
			os.Exit(130)
		}
		os.Exit(1)
	}
}

func run(ctx context.Context, c config) error {
	if c.n < 1 || c.throughputN < 1 || c.reps < 1 || c.concurrency < 1 || c.latency <= 0 {
		return errors.New("-n, -throughput-n, -reps, -concurrency and -latency must be positive")
	}
	if c.dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			base = os.TempDir()
		}
		c.dir = filepath.Join(base, "convqa-judgebench")
	}
	abs, err := filepath.Abs(c.dir)
	if err != nil {
		return fmt.Errorf("work directory: %w", err)
	}
	c.dir = abs
	if err := os.MkdirAll(filepath.Join(c.dir, "bin"), 0o755); err != nil {
		return fmt.Errorf("work directory: %w", err)
	}
	b := &bench{c: c, convqa: filepath.Join(c.dir, "bin", "convqa"), fakeapi: filepath.Join(c.dir, "bin", "convqa-fakeapi")}
	fmt.Printf("work directory: %s\n", c.dir)
	if err := b.build(ctx); err != nil {
		return err
	}
	corpus, err := b.corpus(ctx, max(c.n, c.throughputN))
	if err != nil {
		return err
	}
	fmt.Printf("machine: %s\n", machine())

	var rep report
	rep.start = loadavg()
	if !c.skipThroughput {
		if rep.throughput, err = b.throughput(ctx, corpus); err != nil {
			return err
		}
	}
	sub := filepath.Join(c.dir, fmt.Sprintf("corpus-first-%d.jsonl", c.n))
	if err := firstLines(corpus, sub, c.n); err != nil {
		return err
	}
	var pf *promptfoo
	if !c.skipPromptfoo {
		pf, rep.promptfooErr = b.setupPromptfoo(ctx, sub)
		if pf != nil && pf.sink != nil {
			defer pf.sink.close()
		}
		if rep.promptfooErr != nil {
			fmt.Printf("\npromptfoo: not measured: %v\n", rep.promptfooErr)
		}
	}
	if rep.side, err = b.sideBySide(ctx, sub, pf); err != nil {
		return err
	}
	rep.end = loadavg()
	rep.print(c, pf)
	return nil
}
