package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// apiKey is the key the tools send to the fake, which accepts any.
const apiKey = "sk-judgebench"

// bench runs the measurements.
type bench struct {
	c               config
	convqa, fakeapi string
}

// build compiles convqa and the fake into the work directory, from the module that holds this command.
func (b *bench) build(ctx context.Context) error {
	out, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil {
		return fmt.Errorf("go env GOMOD: %w", err)
	}
	root := filepath.Dir(strings.TrimSpace(string(out)))
	if strings.TrimSpace(string(out)) == "" || strings.TrimSpace(string(out)) == os.DevNull {
		return errors.New("run from inside the convqa module (go run ./cmd/convqa-judgebench)")
	}
	for bin, pkg := range map[string]string{b.convqa: "./cmd/convqa", b.fakeapi: "./cmd/convqa-fakeapi"} {
		cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, pkg)
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("go build %s: %w\n%s", pkg, err, out)
		}
	}
	return nil
}

// corpus generates n conversations with a fixed seed.
func (b *bench) corpus(ctx context.Context, n int) (string, error) {
	p := filepath.Join(b.c.dir, fmt.Sprintf("corpus-%d.jsonl", n))
	cmd := exec.CommandContext(ctx, b.convqa, "gen", "--n", fmt.Sprint(n), "--seed", "1", "--out", p)
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("convqa gen: %w\n%s", err, out)
	}
	return p, nil
}

// firstLines copies the first n lines of src to dst.
func firstLines(src, dst string, n int) error {
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("read corpus: %w", err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return fmt.Errorf("write corpus subset: %w", err)
	}
	r := bufio.NewReaderSize(in, 1<<20)
	w := bufio.NewWriter(out)
	for range n {
		line, err := r.ReadBytes('\n')
		w.Write(line)
		if errors.Is(err, io.EOF) {
			if len(line) > 0 {
				w.WriteByte('\n')
			}
			break
		}
		if err != nil {
			out.Close()
			return fmt.Errorf("read corpus: %w", err)
		}
	}
	if err := w.Flush(); err != nil {
		out.Close()
		return fmt.Errorf("write corpus subset: %w", err)
	}
	return out.Close()
}

// snapshot is the fake's GET /stats (see cmd/convqa-fakeapi).
type snapshot struct {
	Requests  int64 `json:"requests"`
	BodyBytes int64 `json:"body_bytes"`
	Chat      struct {
		Requests     int64          `json:"requests"`
		BodyBytes    int64          `json:"body_bytes"`
		MessageBytes int64          `json:"message_bytes"`
		PeakInFlight int64          `json:"peak_in_flight"`
		Status       map[string]int `json:"status"`
		First        time.Time      `json:"first"`
		Last         time.Time      `json:"last"`
		SpanSeconds  float64        `json:"span_seconds"`
	} `json:"chat"`
}

// fakeProc is a running convqa-fakeapi.
type fakeProc struct {
	cmd  *exec.Cmd
	url  string // the API's base URL, ending in /v1
	root string
}

// startFake starts a fake on a free loopback port; its log goes to logs/NAME.fake.log and, when dump is
// set, the chat completion request bodies to logs/NAME.requests.jsonl.
func (b *bench) startFake(name string, dump bool) (*fakeProc, error) {
	logf, err := b.logFile(name + ".fake.log")
	if err != nil {
		return nil, err
	}
	defer logf.Close()
	args := []string{"--addr", "127.0.0.1:0", "--latency", b.c.latency.String()}
	if dump {
		p := filepath.Join(b.c.dir, "logs", name+".requests.jsonl")
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
		args = append(args, "--dump", p)
	}
	cmd := exec.Command(b.fakeapi, args...)
	cmd.Stderr = logf
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start fake: %w", err)
	}
	f := &fakeProc{cmd: cmd}
	line := make(chan string, 1)
	go func() {
		s := bufio.NewScanner(stdout)
		if s.Scan() {
			line <- s.Text()
		}
		close(line)
		_, _ = io.Copy(io.Discard, stdout)
	}()
	select {
	case u, ok := <-line:
		if !ok || !strings.HasPrefix(u, "http://127.0.0.1:") {
			f.stop()
			return nil, fmt.Errorf("fake did not print its URL (see %s)", logf.Name())
		}
		f.url, f.root = u, strings.TrimSuffix(u, "/v1")
	case <-time.After(10 * time.Second):
		f.stop()
		return nil, errors.New("fake did not start within 10s")
	}
	return f, nil
}

func (f *fakeProc) stats(ctx context.Context) (snapshot, error) {
	var s snapshot
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, f.root+"/stats", nil)
	if err != nil {
		return s, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return s, fmt.Errorf("fake stats: %w", err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(&s); err != nil {
		return s, fmt.Errorf("fake stats: %w", err)
	}
	return s, nil
}

// stop ends the fake (SIGTERM, then SIGKILL after 5s) and waits for it.
func (f *fakeProc) stop() {
	_ = f.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = f.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = f.cmd.Process.Kill()
		<-done
	}
}

func (b *bench) logFile(name string) (*os.File, error) {
	dir := filepath.Join(b.c.dir, "logs")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("logs: %w", err)
	}
	return os.Create(filepath.Join(dir, name))
}

// measure is one run of one tool against a fresh fake.
type measure struct {
	wall, cpu float64 // seconds: the tool's process, start to exit; its user+system CPU time
	// before and after are the seconds from the tool's start to the fake's first chat request, and from the
	// fake's last reply to the tool's exit.
	before, after float64
	convs         int
	fake          snapshot
	// caught counts the requests the proxy sink caught, by target (promptfoo only).
	caught map[string]int
}

func (m measure) callsPerSecond() float64 {
	return float64(m.fake.Chat.Requests) / m.fake.Chat.SpanSeconds
}
func (m measure) callsPerWall() float64 { return float64(m.fake.Chat.Requests) / m.wall }
func (m measure) bytesPerConv() float64 { return float64(m.fake.Chat.BodyBytes) / float64(m.convs) }
func (m measure) messagePerConv() float64 {
	return float64(m.fake.Chat.MessageBytes) / float64(m.convs)
}

// runTool runs cmd (in its own process group, so that everything it starts is ended with it) against a
// fresh fake whose URL setup receives, and measures it. Output goes to logs/NAME.log.
func (b *bench) runTool(ctx context.Context, name string, convs int, setup func(url string) (*exec.Cmd, error)) (measure, error) {
	m := measure{convs: convs}
	f, err := b.startFake(name, strings.HasPrefix(name, "side-"))
	if err != nil {
		return m, err
	}
	defer f.stop()
	cmd, err := setup(f.url)
	if err != nil {
		return m, err
	}
	logf, err := b.logFile(name + ".log")
	if err != nil {
		return m, err
	}
	defer logf.Close()
	fmt.Fprintf(logf, "$ %s\n", strings.Join(cmd.Args, " "))
	if cmd.Stdout == nil {
		cmd.Stdout = logf
	}
	cmd.Stderr = logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return m, fmt.Errorf("%s: start: %w", name, err)
	}
	pgid := cmd.Process.Pid
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var werr error
	select {
	case werr = <-done:
	case <-ctx.Done():
		_ = syscall.Kill(-pgid, syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = syscall.Kill(-pgid, syscall.SIGKILL)
			<-done
		}
		return m, ctx.Err()
	}
	end := time.Now()
	m.wall = end.Sub(start).Seconds()
	_ = syscall.Kill(-pgid, syscall.SIGKILL) // anything the tool left behind in its group
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		m.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
	}
	if werr != nil {
		return m, fmt.Errorf("%s: %w (see %s)", name, werr, logf.Name())
	}
	if m.fake, err = f.stats(ctx); err != nil {
		return m, err
	}
	if !m.fake.Chat.First.IsZero() {
		m.before, m.after = m.fake.Chat.First.Sub(start).Seconds(), end.Sub(m.fake.Chat.Last).Seconds()
	}
	return m, nil
}

// runConvqa judges the corpus with convqa into a fresh database and checks that every conversation was
// judged by exactly one call.
func (b *bench) runConvqa(ctx context.Context, name, corpus string, convs int) (measure, error) {
	var out strings.Builder
	db := filepath.Join(b.c.dir, name+".duckdb")
	m, err := b.runTool(ctx, name, convs, func(url string) (*exec.Cmd, error) {
		for _, p := range []string{db, db + ".wal"} {
			if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
				return nil, fmt.Errorf("fresh database: %w", err)
			}
		}
		cmd := exec.Command(b.convqa, "run", "--input", corpus, "--base-url", url, "--model", b.c.model,
			"--concurrency", fmt.Sprint(b.c.concurrency), "--db", db, "-q", "--format", "json")
		cmd.Env = append(os.Environ(), "OPENAI_API_KEY="+apiKey, "OPENAI_BASE_URL=")
		cmd.Stdout = &out
		return cmd, nil
	})
	if err != nil {
		return m, err
	}
	var sum struct {
		Judge struct {
			Calls, Errors, Cached int64
		} `json:"judge_detail"`
	}
	if err := json.Unmarshal([]byte(out.String()), &sum); err != nil {
		return m, fmt.Errorf("%s: read summary: %w\n%s", name, err, out.String())
	}
	if sum.Judge.Calls != int64(convs) || sum.Judge.Errors != 0 || sum.Judge.Cached != 0 {
		return m, fmt.Errorf("%s: want %d calls, no errors, nothing cached; got %+v", name, convs, sum.Judge)
	}
	return m, nil
}

// throughput measures convqa alone.
func (b *bench) throughput(ctx context.Context, corpus string) ([]measure, error) {
	sub := filepath.Join(b.c.dir, fmt.Sprintf("corpus-first-%d.jsonl", b.c.throughputN))
	if err := firstLines(corpus, sub, b.c.throughputN); err != nil {
		return nil, err
	}
	fmt.Printf("\nthroughput: convqa judges %d conversations, fake latency %s, --concurrency %d\n",
		b.c.throughputN, b.c.latency, b.c.concurrency)
	var ms []measure
	for i := range b.c.reps {
		m, err := b.runConvqa(ctx, fmt.Sprintf("throughput-%d", i+1), sub, b.c.throughputN)
		if err != nil {
			return nil, err
		}
		fmt.Printf("  rep %d: wall %.2fs = %.2fs before the first call + judging %.2fs + %.2fs after the last reply; %d calls, %.1f calls/s judging, %.1f calls/s wall, peak %d in flight; load %s\n",
			i+1, m.wall, m.before, m.fake.Chat.SpanSeconds, m.after, m.fake.Chat.Requests, m.callsPerSecond(), m.callsPerWall(),
			m.fake.Chat.PeakInFlight, loadavg())
		ms = append(ms, m)
	}
	return ms, nil
}

// side is the side-by-side measurements.
type side struct {
	convqa, promptfoo []measure
}

// sideBySide measures convqa and promptfoo (when pf is set) on the same corpus, alternating.
func (b *bench) sideBySide(ctx context.Context, corpus string, pf *promptfoo) (side, error) {
	var s side
	fmt.Printf("\nside by side: %d conversations, fake latency %s, concurrency %d\n", b.c.n, b.c.latency, b.c.concurrency)
	for i := range b.c.reps {
		m, err := b.runConvqa(ctx, fmt.Sprintf("side-convqa-%d", i+1), corpus, b.c.n)
		if err != nil {
			return s, err
		}
		fmt.Printf("  rep %d convqa:    wall %.2fs, judging %.2fs, %d calls, %.0f request bytes/conversation, peak %d in flight; load %s\n",
			i+1, m.wall, m.fake.Chat.SpanSeconds, m.fake.Chat.Requests, m.bytesPerConv(), m.fake.Chat.PeakInFlight, loadavg())
		s.convqa = append(s.convqa, m)
		if pf == nil {
			continue
		}
		m, err = b.runPromptfoo(ctx, fmt.Sprintf("side-promptfoo-%d", i+1), pf)
		if err != nil {
			return s, err
		}
		fmt.Printf("  rep %d promptfoo: wall %.2fs, judging %.2fs, %d calls, %.0f request bytes/conversation, peak %d in flight; load %s; off-machine requests caught by the proxy sink: %v\n",
			i+1, m.wall, m.fake.Chat.SpanSeconds, m.fake.Chat.Requests, m.bytesPerConv(), m.fake.Chat.PeakInFlight, loadavg(), m.caught)
		s.promptfoo = append(s.promptfoo, m)
	}
	return s, nil
}
