package fake

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"
	"time"
)

func (s *Server) newID(prefix string) string {
	s.ids++
	return fmt.Sprintf("%s-fake-%d", prefix, s.ids)
}

func (f *file) json(id string) map[string]any {
	return map[string]any{"id": id, "object": "file", "bytes": len(f.data), "created_at": f.created,
		"filename": f.name, "purpose": f.purpose, "status": "processed"}
}

// upload stores a multipart upload (fields purpose and file), as POST /v1/files does.
func (s *Server) upload(w http.ResponseWriter, r *http.Request, body []byte) {
	_, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || params["boundary"] == "" {
		s.error(w, r, http.StatusBadRequest, "want multipart/form-data")
		return
	}
	mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
	f := &file{created: time.Now().Unix()}
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			s.error(w, r, http.StatusBadRequest, "multipart: "+err.Error())
			return
		}
		data, _ := io.ReadAll(p)
		switch p.FormName() {
		case "purpose":
			f.purpose = string(data)
		case "file":
			f.name, f.data = p.FileName(), data
		}
	}
	if f.data == nil || f.purpose == "" {
		s.error(w, r, http.StatusBadRequest, "want the fields purpose and file")
		return
	}
	s.mu.Lock()
	id := s.newID("file")
	s.files[id] = f
	s.mu.Unlock()
	writeJSON(w, f.json(id))
}

// getFile serves GET /v1/files/{id} and /v1/files/{id}/content.
func (s *Server) getFile(w http.ResponseWriter, r *http.Request) {
	rest := r.URL.Path[strings.Index(r.URL.Path, "/files/")+len("/files/"):]
	id, content := strings.CutSuffix(rest, "/content")
	s.mu.Lock()
	f, ok := s.files[id]
	s.mu.Unlock()
	if !ok {
		s.error(w, r, http.StatusNotFound, "no file "+id)
		return
	}
	if content {
		w.Header().Set("Content-Type", "application/octet-stream")
		_, _ = w.Write(f.data)
		return
	}
	writeJSON(w, f.json(id))
}

func (b *batch) json() map[string]any {
	m := map[string]any{"id": b.id, "object": "batch", "endpoint": "/v1/chat/completions",
		"input_file_id": b.input, "completion_window": "24h", "status": b.status, "created_at": b.created,
		"output_file_id": nil, "error_file_id": nil,
		"request_counts": map[string]int{"total": b.total, "completed": b.completed, "failed": b.failed}}
	if b.output != "" {
		m["output_file_id"] = b.output
	}
	if b.errors != "" {
		m["error_file_id"] = b.errors
	}
	return m
}

func (s *Server) createBatch(w http.ResponseWriter, r *http.Request, body []byte) {
	var req struct {
		InputFileID string `json:"input_file_id"`
		Endpoint    string `json:"endpoint"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		s.error(w, r, http.StatusBadRequest, "batch request: "+err.Error())
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.files[req.InputFileID]
	switch {
	case !ok:
		s.error(w, r, http.StatusBadRequest, "no file "+req.InputFileID)
		return
	case f.purpose != "batch":
		s.error(w, r, http.StatusBadRequest, "file purpose is "+f.purpose+", want batch")
		return
	case req.Endpoint != "/v1/chat/completions":
		s.error(w, r, http.StatusBadRequest, "this fake batches /v1/chat/completions only")
		return
	}
	b := &batch{id: s.newID("batch"), input: req.InputFileID, status: "validating", created: time.Now().Unix(),
		total: bytes.Count(bytes.TrimSpace(f.data), []byte("\n")) + 1}
	s.batches[b.id] = b
	writeJSON(w, b.json())
}

// retrieveBatch answers in_progress BatchPolls times, then runs the batch and answers completed.
func (s *Server) retrieveBatch(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Path[strings.Index(r.URL.Path, "/batches/")+len("/batches/"):]
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.batches[id]
	if !ok {
		s.error(w, r, http.StatusNotFound, "no batch "+id)
		return
	}
	b.polls++
	if b.status != "completed" {
		if b.polls <= s.o.BatchPolls {
			b.status = "in_progress"
		} else {
			s.run(b)
		}
	}
	writeJSON(w, b.json())
}

// run answers every line of the batch's input file into an output and an error file. Called with s.mu held.
func (s *Server) run(b *batch) {
	var out, errs bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(s.files[b.input].data))
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for n := 1; sc.Scan(); n++ {
		var line struct {
			CustomID string          `json:"custom_id"`
			Body     json.RawMessage `json:"body"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			continue
		}
		f := OK
		if s.o.BatchFault != nil {
			f = s.o.BatchFault(line.CustomID)
		}
		reqID := fmt.Sprintf("batch_req_%d", n)
		switch f {
		case TooMany:
			b.failed++
			_ = json.NewEncoder(&errs).Encode(map[string]any{"id": reqID, "custom_id": line.CustomID, "error": nil,
				"response": map[string]any{"status_code": 429, "body": map[string]any{"error": map[string]any{"message": "rate limited"}}}})
			continue
		case ServerError, Hang, BrokenBody:
			b.failed++
			_ = json.NewEncoder(&errs).Encode(map[string]any{"id": reqID, "custom_id": line.CustomID, "response": nil,
				"error": map[string]any{"code": "server_error", "message": "the line failed"}})
			continue
		}
		status, resp := s.complete(line.Body, 0, f)
		if status != http.StatusOK {
			b.failed++
			_ = json.NewEncoder(&errs).Encode(map[string]any{"id": reqID, "custom_id": line.CustomID, "error": nil,
				"response": map[string]any{"status_code": status, "body": map[string]any{"error": map[string]any{"message": resp}}}})
			continue
		}
		b.completed++
		_ = json.NewEncoder(&out).Encode(map[string]any{"id": reqID, "custom_id": line.CustomID, "error": nil,
			"response": map[string]any{"status_code": 200, "request_id": reqID, "body": resp}})
	}
	now := time.Now().Unix()
	if out.Len() > 0 {
		b.output = s.newID("file")
		s.files[b.output] = &file{name: b.id + "_output.jsonl", purpose: "batch_output", data: out.Bytes(), created: now}
	}
	if errs.Len() > 0 {
		b.errors = s.newID("file")
		s.files[b.errors] = &file{name: b.id + "_errors.jsonl", purpose: "batch_output", data: errs.Bytes(), created: now}
	}
	b.status = "completed"
}
