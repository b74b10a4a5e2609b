package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/convqa/convqa/pipeline/judge/fake"
)

func TestCheckLoopback(t *testing.T) {
	for _, tc := range []struct {
		addr string
		ok   bool
	}{
		{"127.0.0.1:0", true},
		{"127.3.4.5:8080", true},
		{"[::1]:0", true},
		{"localhost:0", true},
		{"0.0.0.0:0", false},
		{":8080", false},
		{"10.0.0.1:80", false},
		{"example.com:80", false},
		{"127.0.0.1", false},
	} {
		t.Run(tc.addr, func(t *testing.T) {
			err := checkLoopback(tc.addr)
			if tc.ok {
				assert.NoError(t, err)
			} else {
				assert.Error(t, err)
			}
		})
	}
}

func TestStatsCountsWhatReachesTheFake(t *testing.T) {
	dump := filepath.Join(t.TempDir(), "requests.jsonl")
	f, err := os.Create(dump)
	require.NoError(t, err)
	defer f.Close()
	st := newStats(fake.New(fake.Options{}))
	st.dump = f
	srv := httptest.NewServer(st)
	defer srv.Close()

	chat := `{"model":"m","messages":[{"role":"system","content":"abc"},{"role":"user","content":"hello"}]}`
	for _, tc := range []struct {
		method, path, body string
		status             int
	}{
		{http.MethodPost, "/v1/chat/completions", chat, http.StatusOK},
		{http.MethodPost, "/v1/chat/completions", chat, http.StatusOK},
		{http.MethodGet, "/v1/nowhere", "", http.StatusNotFound},
	} {
		req, err := http.NewRequestWithContext(t.Context(), tc.method, srv.URL+tc.path, strings.NewReader(tc.body))
		require.NoError(t, err)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, tc.status, resp.StatusCode, tc.path)
	}

	var snap Snapshot
	resp, err := http.Get(srv.URL + "/stats")
	require.NoError(t, err)
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&snap))
	resp.Body.Close()
	assert.EqualValues(t, 3, snap.Requests)
	assert.EqualValues(t, 2*len(chat), snap.BodyBytes)
	assert.EqualValues(t, 2, snap.Chat.Requests)
	assert.EqualValues(t, 2*len(chat), snap.Chat.BodyBytes)
	assert.EqualValues(t, 2*len("abchello"), snap.Chat.MessageBytes, "the messages' text")
	assert.Equal(t, map[string]int{"200": 2}, snap.Chat.Status)
	assert.EqualValues(t, 1, snap.Chat.PeakInFlight)
	assert.Greater(t, snap.Chat.SpanSeconds, 0.0)
	assert.EqualValues(t, 1, snap.ByPath["/v1/nowhere"].Requests)

	data, err := os.ReadFile(dump)
	require.NoError(t, err)
	assert.Equal(t, chat+"\n"+chat+"\n", string(data), "one request body per line")

	resp, err = http.Post(srv.URL+"/stats/reset", "", nil)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)
	assert.Zero(t, st.snapshot().Requests)
}

func TestMessageBytes(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		want       int64
	}{
		{"strings", `{"messages":[{"content":"ab"},{"content":"cde"}]}`, 5},
		{"parts", `{"messages":[{"content":[{"type":"text","text":"ab"},{"type":"image_url"}]}]}`, 2},
		{"not json", `{"messages":`, 0},
		{"no messages", `{}`, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, messageBytes([]byte(tc.body)))
		})
	}
}
