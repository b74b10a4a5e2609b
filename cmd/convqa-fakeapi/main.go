// Command convqa-fakeapi serves the judge's OpenAI-compatible fake (pipeline/judge/fake) on a loopback
// address, for benchmarks and for trying convqa or another LLM-judging tool without an API account.
//
// It prints the API's base URL (ending in /v1) as the first line on stdout, then serves until SIGINT or
// SIGTERM, when it logs the request counters to stderr. GET /stats returns the counters as JSON while it
// runs, and POST /stats/reset zeroes them: requests and request body bytes by path, and for chat
// completions the bytes of message text, the peak of requests in flight, the replies by status, and the time
// from the first request's arrival to the last reply. --dump FILE keeps the chat completion request bodies.
//
//	convqa-fakeapi --latency 200ms --429 0.2 --500 0.05
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/convqa/convqa/pipeline/judge/fake"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "convqa-fakeapi:", err)
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		os.Exit(2)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("convqa-fakeapi", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o fake.Options
	addr := fs.String("addr", "127.0.0.1:0", "loopback address to listen on (port 0: any free port)")
	fs.DurationVar(&o.Latency, "latency", 200*time.Millisecond, "delay of every chat completion reply")
	fs.StringVar(&o.RetryAfter, "retry-after", "1", "Retry-After header of a 429, in seconds (fractions allowed)")
	fs.Float64Var(&o.TooMany, "429", 0, "share of chat completions answered 429 with Retry-After")
	fs.Float64Var(&o.ServerError, "500", 0, "share of chat completions answered 500")
	fs.Float64Var(&o.Hang, "hang", 0, "share of chat completions never answered (until the client gives up or --max-hang)")
	fs.Float64Var(&o.BrokenBody, "broken-body", 0, "share of chat completions answered with truncated JSON")
	fs.Float64Var(&o.BrokenContent, "broken-content", 0, "share of chat completions whose message content is not JSON")
	fs.Float64Var(&o.OutOfRange, "out-of-range", 0, "share of chat completions with a score above its scale")
	fs.DurationVar(&o.MaxHang, "max-hang", 30*time.Second, "longest hang")
	fs.StringVar(&o.APIKey, "api-key", "", "require this bearer token (default: accept any)")
	dump := fs.String("dump", "", "append every chat completion request body to this file, one per line")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if err := checkLoopback(*addr); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	api := fake.New(o)
	st := newStats(api)
	if *dump != "" {
		f, err := os.OpenFile(*dump, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			return fmt.Errorf("--dump: %w", err)
		}
		defer f.Close()
		st.dump = f
	}
	srv := &http.Server{Handler: st, ReadHeaderTimeout: 10 * time.Second}
	if _, err := fmt.Fprintf(stdout, "http://%s/v1\n", ln.Addr()); err != nil {
		return fmt.Errorf("print base URL: %w", err)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	api.Close() // releases hanging requests
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = srv.Shutdown(sctx)
	snap := st.snapshot()
	log := slog.New(slog.NewTextHandler(stderr, nil))
	for _, p := range snap.paths() {
		c := snap.ByPath[p]
		log.Info("requests", "path", p, "requests", c.Requests, "body_bytes", c.BodyBytes)
	}
	log.Info("chat completions", "requests", snap.Chat.Requests, "body_bytes", snap.Chat.BodyBytes,
		"message_bytes", snap.Chat.MessageBytes, "peak_in_flight", snap.Chat.PeakInFlight,
		"span_seconds", snap.Chat.SpanSeconds, "status", snap.Chat.Status)
	return nil
}

// checkLoopback refuses to listen anywhere but on a loopback address: the fake is for this machine only.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("--addr %q: %w", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("--addr %q: only loopback addresses (127.0.0.0/8, ::1, localhost) are allowed", addr)
	}
	return nil
}

// Counter counts requests and their body bytes.
type Counter struct {
	Requests  int64 `json:"requests"`
	BodyBytes int64 `json:"body_bytes"`
}

// ChatStats are the counters of chat completion requests.
type ChatStats struct {
	Counter
	// MessageBytes is the length of the messages' text (content strings and text parts), without the JSON
	// around it, the response format or other parameters.
	MessageBytes int64          `json:"message_bytes"`
	PeakInFlight int64          `json:"peak_in_flight"`
	Status       map[string]int `json:"status"`
	// First is when the first request arrived, Last when the last reply was written.
	First       time.Time `json:"first"`
	Last        time.Time `json:"last"`
	SpanSeconds float64   `json:"span_seconds"`
}

// Snapshot is what GET /stats returns.
type Snapshot struct {
	Requests  int64               `json:"requests"`
	BodyBytes int64               `json:"body_bytes"`
	ByPath    map[string]*Counter `json:"by_path"`
	Chat      ChatStats           `json:"chat"`
}

func (s Snapshot) paths() []string {
	var ps []string
	for p := range s.ByPath {
		ps = append(ps, p)
	}
	sort.Strings(ps)
	return ps
}

// stats wraps the fake and counts what reaches it.
type stats struct {
	next http.Handler

	mu       sync.Mutex
	snap     Snapshot
	inFlight int64
	dump     io.Writer // chat completion request bodies, one per line; nil: none
}

func newStats(next http.Handler) *stats {
	s := &stats{next: next}
	s.reset()
	return s
}

func (s *stats) reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.snap = Snapshot{ByPath: map[string]*Counter{}, Chat: ChatStats{Status: map[string]int{}}}
}

func (s *stats) snapshot() Snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.snap
	out.ByPath = make(map[string]*Counter, len(s.snap.ByPath))
	for p, c := range s.snap.ByPath {
		cc := *c
		out.ByPath[p] = &cc
	}
	out.Chat.Status = make(map[string]int, len(s.snap.Chat.Status))
	for k, v := range s.snap.Chat.Status {
		out.Chat.Status[k] = v
	}
	if !out.Chat.First.IsZero() {
		out.Chat.SpanSeconds = out.Chat.Last.Sub(out.Chat.First).Seconds()
	}
	return out
}

func (s *stats) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/stats" && r.Method == http.MethodGet:
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(s.snapshot())
		return
	case r.URL.Path == "/stats/reset" && r.Method == http.MethodPost:
		s.reset()
		w.WriteHeader(http.StatusNoContent)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 256<<20))
	if err != nil {
		http.Error(w, "read body: "+err.Error(), http.StatusBadRequest)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	chat := r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/chat/completions")

	s.mu.Lock()
	s.snap.Requests++
	s.snap.BodyBytes += int64(len(body))
	c := s.snap.ByPath[r.URL.Path]
	if c == nil {
		c = &Counter{}
		s.snap.ByPath[r.URL.Path] = c
	}
	c.Requests++
	c.BodyBytes += int64(len(body))
	if chat {
		s.snap.Chat.Requests++
		s.snap.Chat.BodyBytes += int64(len(body))
		s.snap.Chat.MessageBytes += messageBytes(body)
		if s.snap.Chat.First.IsZero() {
			s.snap.Chat.First = time.Now()
		}
		s.inFlight++
		s.snap.Chat.PeakInFlight = max(s.snap.Chat.PeakInFlight, s.inFlight)
		if s.dump != nil {
			// A JSON body without raw newlines is one line; other bodies are written as they came.
			_, _ = s.dump.Write(append(bytes.TrimSpace(body), '\n'))
		}
	}
	s.mu.Unlock()

	if !chat {
		s.next.ServeHTTP(w, r)
		return
	}
	sw := &statusWriter{ResponseWriter: w}
	s.next.ServeHTTP(sw, r)
	s.mu.Lock()
	s.inFlight--
	code := "none" // a hang: the handler gave up without a reply
	if sw.status != 0 {
		code = strconv.Itoa(sw.status)
	}
	s.snap.Chat.Status[code]++
	s.snap.Chat.Last = time.Now()
	s.mu.Unlock()
}

// messageBytes is the length of the text of a chat completion request's messages; 0 when the body is not
// a chat completion request.
func messageBytes(body []byte) int64 {
	var req struct {
		Messages []struct {
			Content json.RawMessage `json:"content"`
		} `json:"messages"`
	}
	if json.Unmarshal(body, &req) != nil {
		return 0
	}
	var n int64
	for _, m := range req.Messages {
		var text string
		if json.Unmarshal(m.Content, &text) == nil {
			n += int64(len(text))
			continue
		}
		var parts []struct {
			Text string `json:"text"`
		}
		if json.Unmarshal(m.Content, &parts) == nil {
			for _, p := range parts {
				n += int64(len(p.Text))
			}
		}
	}
	return n
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}
