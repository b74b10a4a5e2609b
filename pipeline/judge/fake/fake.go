package fake

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Fault is what the server does with one chat completion request.
type Fault int

// The faults the server can inject.
const (
	OK            Fault = iota
	TooMany             // 429 with a Retry-After header
	ServerError         // 500
	Hang                // no reply until the client gives up (or MaxHang passes)
	BrokenBody          // 200 with a truncated JSON body
	BrokenContent       // 200, but the message content is not JSON
	OutOfRange          // 200, valid JSON, one score above its scale
)

func (f Fault) String() string {
	return [...]string{"ok", "429", "500", "hang", "broken-body", "broken-content", "out-of-range"}[f]
}

// Options configures a Server. The zero value answers every request at once and correctly.
type Options struct {
	// Latency delays every chat completion reply.
	Latency time.Duration
	// RetryAfter is the Retry-After header sent with a 429; default "1". Fractions of seconds ("0.05") are
	// sent as given.
	RetryAfter string
	// The shares of chat completion requests (after Script) that get each fault. They are spread evenly and
	// deterministically over the requests (a low-discrepancy sequence), not drawn at random.
	TooMany, ServerError, Hang, BrokenBody, BrokenContent, OutOfRange float64
	// Script gives the faults of the first requests, in order; after it the shares apply.
	Script []Fault
	// Answer, when set, answers a well-formed request in place of the hash-derived answers; criteria it leaves
	// out get the default answer.
	Answer func(Call) map[string]Answer
	// APIKey, when set, is required as a bearer token or api-key header (401 otherwise).
	APIKey string
	// EchoAuth makes error messages quote the request's credentials, as a careless proxy might, to prove
	// the client scrubs them.
	EchoAuth bool
	// MaxHang bounds a Hang; default 30s.
	MaxHang time.Duration
	// BatchPolls is how many retrievals a batch answers "in_progress" before it completes; default 1.
	BatchPolls int
	// BatchFault, when set, gives the fault of each batch line by custom_id: TooMany and ServerError become
	// lines of the error file, BrokenContent and OutOfRange bad replies in the output file.
	BatchFault func(customID string) Fault
}

// Criterion is a criterion as read from a request's schema.
type Criterion struct {
	ID     string
	Scores []int // the integer scores its schema allows
	// NA is set when the schema allows n/a.
	NA bool
}

// Call is a chat completion request as the server understood it.
type Call struct {
	N          int // 1-based number of the chat completion request
	Model      string
	System     string
	User       string
	Transcript string // the text between <transcript> and </transcript>
	Turns      int
	Seed       int
	Criteria   []Criterion // in the schema's property order
}

// Answer is one criterion's answer.
type Answer struct {
	Score *int
	// NA answers n/a: the score is sent as null whatever Score holds.
	NA        bool
	Evidence  []int
	Rationale string
}

// Logged is a request the server received.
type Logged struct {
	Method, Path string
	// Auth is the credential header (Authorization or api-key); it is kept apart so tests can assert it
	// never appears in bodies.
	Auth  string
	Body  []byte
	Fault Fault
	At    time.Time
}

// Server is the fake. It is an http.Handler; Start serves it on loopback for a test.
type Server struct {
	o       Options
	closing chan struct{}
	once    sync.Once

	mu      sync.Mutex
	chats   int
	log     []Logged
	files   map[string]*file
	batches map[string]*batch
	ids     int
}

type file struct {
	name, purpose string
	data          []byte
	created       int64
}

type batch struct {
	id, input, status string
	polls, total      int
	output, errors    string
	completed, failed int
	created           int64
}

// New returns a server.
func New(o Options) *Server {
	if o.RetryAfter == "" {
		o.RetryAfter = "1"
	}
	if o.MaxHang <= 0 {
		o.MaxHang = 30 * time.Second
	}
	if o.BatchPolls <= 0 {
		o.BatchPolls = 1
	}
	return &Server{o: o, closing: make(chan struct{}), files: map[string]*file{}, batches: map[string]*batch{}}
}

// Start serves s on a loopback port until the test ends and returns the API's base URL (ending in /v1).
func (s *Server) Start(tb testing.TB) string {
	tb.Helper()
	ts := httptest.NewServer(s)
	tb.Cleanup(func() {
		s.Close()
		ts.Close()
	})
	return ts.URL + "/v1"
}

// Close releases hanging requests.
func (s *Server) Close() { s.once.Do(func() { close(s.closing) }) }

// Requests returns a copy of the log of requests received.
func (s *Server) Requests() []Logged {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Logged(nil), s.log...)
}

// Chats is the number of chat completion requests received.
func (s *Server) Chats() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.chats
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 256<<20))
	if err != nil {
		s.error(w, r, http.StatusBadRequest, "read body: "+err.Error())
		return
	}
	auth := r.Header.Get("Authorization")
	if auth == "" {
		auth = r.Header.Get("api-key")
	}
	entry := Logged{Method: r.Method, Path: r.URL.Path, Auth: auth, Body: body, At: time.Now()}
	path := r.URL.Path
	chat := r.Method == http.MethodPost && strings.HasSuffix(path, "/chat/completions")
	s.mu.Lock()
	if chat {
		s.chats++
		entry.Fault = s.fault(s.chats)
	}
	n := s.chats
	s.log = append(s.log, entry)
	s.mu.Unlock()

	if s.o.APIKey != "" && auth != "Bearer "+s.o.APIKey && auth != s.o.APIKey {
		s.error(w, r, http.StatusUnauthorized, "Incorrect API key provided")
		return
	}
	switch {
	case chat:
		s.chat(w, r, body, n, entry.Fault)
	case r.Method == http.MethodPost && strings.HasSuffix(path, "/files"):
		s.upload(w, r, body)
	case r.Method == http.MethodGet && strings.Contains(path, "/files/"):
		s.getFile(w, r)
	case r.Method == http.MethodPost && strings.HasSuffix(path, "/batches"):
		s.createBatch(w, r, body)
	case r.Method == http.MethodGet && strings.Contains(path, "/batches/"):
		s.retrieveBatch(w, r)
	default:
		s.error(w, r, http.StatusNotFound, "no route "+r.Method+" "+path)
	}
}

// fault picks the fault of the n-th chat request: the script first, then the shares, spread by the golden
// ratio sequence so that any stretch of requests gets close to each share.
func (s *Server) fault(n int) Fault {
	if n <= len(s.o.Script) {
		return s.o.Script[n-1]
	}
	u := math.Mod(float64(n-len(s.o.Script))*0.6180339887498949, 1)
	for _, f := range []struct {
		share float64
		fault Fault
	}{{s.o.TooMany, TooMany}, {s.o.ServerError, ServerError}, {s.o.Hang, Hang}, {s.o.BrokenBody, BrokenBody},
		{s.o.BrokenContent, BrokenContent}, {s.o.OutOfRange, OutOfRange}} {
		if u < f.share {
			return f.fault
		}
		u -= f.share
	}
	return OK
}

func (s *Server) error(w http.ResponseWriter, r *http.Request, status int, msg string) {
	if s.o.EchoAuth {
		msg += " (credentials: " + r.Header.Get("Authorization") + r.Header.Get("api-key") + ")"
	}
	typ := "invalid_request_error"
	if status >= 500 {
		typ = "server_error"
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"message": msg, "type": typ, "code": nil}})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

// chatRequest is the part of a chat completion request the fake reads.
type chatRequest struct {
	Model    string `json:"model"`
	Messages []struct {
		Role    string `json:"role"`
		Content string `json:"content"`
	} `json:"messages"`
	Seed           *int `json:"seed"`
	ResponseFormat *struct {
		Type       string `json:"type"`
		JSONSchema *struct {
			Name   string          `json:"name"`
			Schema json.RawMessage `json:"schema"`
			Strict bool            `json:"strict"`
		} `json:"json_schema"`
	} `json:"response_format"`
}

func (s *Server) chat(w http.ResponseWriter, r *http.Request, body []byte, n int, f Fault) {
	if s.o.Latency > 0 {
		t := time.NewTimer(s.o.Latency)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		case <-s.closing:
			t.Stop()
			return
		}
	}
	switch f {
	case TooMany:
		w.Header().Set("Retry-After", s.o.RetryAfter)
		s.error(w, r, http.StatusTooManyRequests, "Rate limit reached; try again later")
		return
	case ServerError:
		s.error(w, r, http.StatusInternalServerError, "The server had an error while processing your request")
		return
	case Hang:
		select {
		case <-r.Context().Done():
		case <-s.closing:
		case <-time.After(s.o.MaxHang):
		}
		return
	}
	status, resp := s.complete(body, n, f)
	if status != http.StatusOK {
		s.error(w, r, status, resp.(string))
		return
	}
	if f == BrokenBody {
		b, _ := json.Marshal(resp)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(b[:len(b)/2])
		return
	}
	writeJSON(w, resp)
}

// complete answers a chat completion request body: the status and, for 200, the response object (else the
// error message).
func (s *Server) complete(body []byte, n int, f Fault) (int, any) {
	var req chatRequest
	if err := json.Unmarshal(body, &req); err != nil {
		return http.StatusBadRequest, "request is not valid JSON: " + err.Error()
	}
	call := Call{N: n, Model: req.Model}
	var prompt int
	for _, m := range req.Messages {
		prompt += len(m.Content)
		switch m.Role {
		case "system":
			call.System = m.Content
		case "user":
			call.User = m.Content
		}
	}
	if req.Seed != nil {
		call.Seed = *req.Seed
	}
	call.Transcript, call.Turns = transcriptOf(call.User)
	var content string
	if rf := req.ResponseFormat; rf != nil && rf.Type == "json_schema" && rf.JSONSchema != nil {
		if !rf.JSONSchema.Strict {
			return http.StatusBadRequest, "this fake wants strict json_schema"
		}
		prompt += len(rf.JSONSchema.Schema)
		crit, err := criteriaOf(rf.JSONSchema.Schema)
		if err != nil {
			return http.StatusBadRequest, "response_format.json_schema: " + err.Error()
		}
		call.Criteria = crit
		content = s.reply(call, f)
	} else {
		// No schema: the shape promptfoo's llm-rubric grader asks for.
		content = `{"reason":"The output meets the rubric.","pass":true,"score":1}`
		if f == BrokenContent {
			content = content[:len(content)/2]
		}
	}
	return http.StatusOK, map[string]any{
		"id": fmt.Sprintf("chatcmpl-fake-%d", n), "object": "chat.completion", "created": time.Now().Unix(),
		"model": req.Model,
		"choices": []any{map[string]any{"index": 0, "finish_reason": "stop",
			"message": map[string]any{"role": "assistant", "content": content}}},
		"usage": map[string]any{"prompt_tokens": prompt/4 + 1, "completion_tokens": len(content)/4 + 1,
			"total_tokens": prompt/4 + len(content)/4 + 2, "prompt_tokens_details": map[string]any{"cached_tokens": 0}},
	}
}

var turnLine = regexp.MustCompile(`(?m)^\[(\d+)\] `)

// transcriptOf extracts the fenced transcript and its number of turns from the user message.
func transcriptOf(user string) (string, int) {
	t := user
	if i := strings.Index(t, "<transcript>"); i >= 0 {
		t = t[i+len("<transcript>"):]
	}
	if i := strings.LastIndex(t, "</transcript>"); i >= 0 {
		t = t[:i]
	}
	turns := 0
	for _, m := range turnLine.FindAllStringSubmatch(t, -1) {
		if v, _ := strconv.Atoi(m[1]); v > turns {
			turns = v
		}
	}
	return t, turns
}

// criteriaOf reads the criteria from the reply schema the judge sends: an object with one property per
// criterion, inline or a "$ref" into "$defs", whose "s" lists the allowed scores in an enum; n/a is allowed
// when that enum holds null.
func criteriaOf(schema json.RawMessage) ([]Criterion, error) {
	type verdict struct {
		Ref        string `json:"$ref"`
		Properties struct {
			S struct {
				Enum []*int `json:"enum"`
			} `json:"s"`
		} `json:"properties"`
	}
	var sc struct {
		Properties map[string]verdict  `json:"properties"`
		Required   []string            `json:"required"`
		Defs       map[string]*verdict `json:"$defs"`
	}
	if err := json.Unmarshal(schema, &sc); err != nil {
		return nil, err
	}
	order := sc.Required
	if len(order) == 0 {
		for id := range sc.Properties {
			order = append(order, id)
		}
		sort.Strings(order)
	}
	var out []Criterion
	for _, id := range order {
		p, ok := sc.Properties[id]
		if !ok {
			return nil, fmt.Errorf("required %q is not a property", id)
		}
		if p.Ref != "" {
			d := sc.Defs[strings.TrimPrefix(p.Ref, "#/$defs/")]
			if d == nil || !strings.HasPrefix(p.Ref, "#/$defs/") {
				return nil, fmt.Errorf("criterion %s: $ref %q is not a definition", id, p.Ref)
			}
			p = *d
		}
		c := Criterion{ID: id}
		for _, v := range p.Properties.S.Enum {
			if v != nil {
				c.Scores = append(c.Scores, *v)
			} else {
				c.NA = true
			}
		}
		if len(c.Scores) == 0 {
			return nil, fmt.Errorf("criterion %s: no integer scores in the score enum", id)
		}
		out = append(out, c)
	}
	return out, nil
}

// Default is the answer the fake gives a criterion: a score derived from a hash of the transcript, the
// criterion and the seed, with the first turn as evidence.
func Default(c Call, cr Criterion) Answer {
	h := fnv.New64a()
	h.Write([]byte(c.Transcript))
	h.Write([]byte{0})
	h.Write([]byte(cr.ID))
	fmt.Fprintf(h, "\x00%d", c.Seed)
	v := cr.Scores[h.Sum64()%uint64(len(cr.Scores))]
	a := Answer{Score: &v, Rationale: "Fake verdict for " + cr.ID + "."}
	if c.Turns > 0 {
		a.Evidence = []int{1}
	}
	return a
}

func (s *Server) reply(c Call, f Fault) string {
	var custom map[string]Answer
	if s.o.Answer != nil {
		custom = s.o.Answer(c)
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for i, cr := range c.Criteria {
		a, ok := custom[cr.ID]
		if !ok {
			a = Default(c, cr)
		}
		if f == OutOfRange && i == 0 {
			v := cr.Scores[len(cr.Scores)-1] + 1
			a.Score, a.NA = &v, false
		}
		if i > 0 {
			b.WriteByte(',')
		}
		ev := a.Evidence
		if ev == nil {
			ev = []int{}
		}
		k, _ := json.Marshal(cr.ID)
		e, _ := json.Marshal(ev)
		r, _ := json.Marshal(a.Rationale)
		sc := "null"
		if a.Score != nil && !a.NA {
			sc = strconv.Itoa(*a.Score)
		}
		fmt.Fprintf(&b, `%s:{"ev":%s,"why":%s,"s":%s}`, k, e, r, sc)
	}
	b.WriteByte('}')
	out := b.String()
	if f == BrokenContent {
		out = "Sure! Here are the scores: " + out[:len(out)/2]
	}
	return out
}
