package pipeline

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/zeebo/xxh3"
	"golang.org/x/sync/errgroup"

	"github.com/convqa/convqa/pipeline/heuristics"
	"github.com/convqa/convqa/pipeline/judge"
	"github.com/convqa/convqa/pipeline/score"
	"github.com/convqa/convqa/pipeline/store"
	"github.com/convqa/convqa/pipeline/transcript"
	"github.com/convqa/convqa/rubrics"
)

// Source is one input of a run: a file, or an already open reader (the embedded demo corpus).
type Source struct {
	// Path is the file to read; its extension picks the format (see transcript.Open).
	Path string
	// Open, when set, is used instead of opening Path; Path then only names the source.
	Open func() (transcript.Reader, error)
	// Fingerprint identifies the content of an Open source (Path's size and time are used otherwise).
	Fingerprint string
}

// Progress is told how a run advances. Implementations must be safe for use from one goroutine at a time.
type Progress interface {
	// Advance reports more records read (conversations and quarantined records).
	Advance(records int)
}

// Config configures one run. The zero value of every optional field means its default.
type Config struct {
	DB      string // database file; default convqa.duckdb
	Sources []Source
	Rubric  *rubrics.Rubric
	Name    string // optional run name, for gates and reports
	Version string // convqa version recorded with the run

	// Workers score conversations in parallel; default GOMAXPROCS.
	Workers int
	// BatchSize is how many conversations each transaction stores; default 2048. Larger batches write
	// faster; a crash loses at most one batch of work per writer, never consistency.
	BatchSize int
	// Writers commit batches in parallel, each over its own connection; default 2.
	Writers int

	// Judge turns the LLM judge on; its zero value leaves it off (heuristic criteria only).
	Judge JudgeConfig

	Progress Progress     // optional
	Logger   *slog.Logger // optional; default discards
	Now      func() time.Time
}

func (c Config) withDefaults() Config {
	if c.DB == "" {
		c.DB = "convqa.duckdb"
	}
	if c.Workers <= 0 {
		c.Workers = runtime.GOMAXPROCS(0)
	}
	judging := c.Judge.Client != nil && !c.Judge.Batch
	if c.Writers <= 0 {
		// Two writers keep DuckDB busy while the previous batch commits; more only add memory. With the
		// judge online, each writer first waits for its batch's calls: more of them keep the calls flowing
		// while a batch's slowest call finishes.
		c.Writers = 2
		if judging {
			c.Writers = 8
		}
	}
	if c.BatchSize <= 0 {
		// Big enough that per-transaction costs vanish, small enough that a batch of typical
		// conversations (~30 MB of turns) is no memory concern. With the judge online, small batches start
		// the calls at once, store each answer soon after it arrives and leave little to write at the end.
		c.BatchSize = 2048
		if judging {
			c.BatchSize = 32
		}
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return c
}

// Summary is what a run did. Its JSON form is printed by `convqa run --format json` and documented in README.
type Summary struct {
	RunID   string `json:"run_id"`
	Name    string `json:"name,omitempty"`
	Status  string `json:"status"`
	Resumed bool   `json:"resumed"`
	DB      string `json:"db"`
	// Conversations is the number of conversations the run has scored (including, when resumed, those
	// scored before the interruption).
	Conversations int64 `json:"conversations"`
	// ScoredNow is how many of them this process scored.
	ScoredNow   int64            `json:"scored_now"`
	Quarantined int64            `json:"quarantined"`
	Duplicates  int64            `json:"duplicates"`
	ByChannel   map[string]int64 `json:"by_channel"`
	Rubric      RubricInfo       `json:"rubric"`
	Judge       string           `json:"judge"`
	Inputs      []string         `json:"inputs"`
	JudgeInfo   JudgeSummary     `json:"judge_detail"`
	Seconds     float64          `json:"seconds"`
}

// RubricInfo identifies the rubric a run used.
type RubricInfo struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Hash    string `json:"hash"`
}

// work is one conversation on its way through the stages: read, then its signals and judge requests.
type work struct {
	conv *transcript.Conversation
	hash string
	sig  heuristics.Signals
	reqs []judge.Request
}

// result is what the batcher receives: an analysed conversation or a quarantined record.
type result struct {
	work       *work
	quarantine *transcript.Quarantine
}

// Run scores every conversation of the sources and stores the results as one run.
func Run(ctx context.Context, cfg Config) (Summary, error) {
	cfg = cfg.withDefaults()
	start := cfg.Now()
	if cfg.Rubric == nil {
		return Summary{}, errors.New("pipeline: no rubric")
	}
	if len(cfg.Sources) == 0 {
		return Summary{}, errors.New("pipeline: no input")
	}
	inputs, fingerprint, err := fingerprintSources(cfg.Sources)
	if err != nil {
		return Summary{}, err
	}

	st, err := store.Open(ctx, cfg.DB, store.Options{})
	if err != nil {
		return Summary{}, err
	}
	defer st.Close()

	var jr *judgeRun
	judgeName := "off"
	if cfg.Judge.Client != nil {
		jr = newJudgeRun(cfg.Judge, st, cfg.Rubric, cfg.Now)
		judgeName = cfg.Judge.Client.Model()
	}

	an := heuristics.New(heuristics.Options{BotNames: cfg.Rubric.BotNames})
	var probe heuristics.Signals
	names := make([]string, 0, 32)
	for _, v := range probe.Values() {
		names = append(names, v.Name)
	}
	run, err := st.Begin(ctx, store.RunSpec{
		Name: cfg.Name, RubricName: cfg.Rubric.Name, RubricVersion: cfg.Rubric.Version, RubricHash: cfg.Rubric.Hash(),
		Judge: judgeName, PromptVersion: promptVersion(jr), Inputs: fingerprint, Version: cfg.Version, SignalNames: names,
		Criteria: criteriaInfo(cfg.Rubric),
	}, cfg.Now())
	if err != nil {
		return Summary{}, err
	}
	log := cfg.Logger.With("run_id", run.ID)
	if run.Resumed {
		log.Info("resuming interrupted run", "already_scored", len(run.Scored))
	} else {
		log.Info("run started", "inputs", inputs, "rubric", cfg.Rubric.Name, "rubric_version", cfg.Rubric.Version)
	}

	sum := Summary{RunID: run.ID, Name: cfg.Name, Resumed: run.Resumed, DB: cfg.DB, ByChannel: map[string]int64{},
		Rubric: RubricInfo{cfg.Rubric.Name, cfg.Rubric.Version, cfg.Rubric.Hash()}, Judge: judgeName, Inputs: inputs}
	var dups atomic.Int64
	var runErr error
	if jr != nil {
		jr.runID = run.ID
		if cfg.Judge.Batch {
			runErr = jr.planBatches(ctx, cfg, log)
		}
	}
	if runErr == nil {
		runErr = process(ctx, cfg, run, an, score.New(cfg.Rubric), jr, &sum, &dups)
	}
	if jr != nil {
		if runErr == nil {
			runErr = jr.errorRate()
		}
		sum.JudgeInfo = jr.summary()
	} else {
		sum.JudgeInfo = JudgeSummary{Mode: "off"}
	}
	counts, err := run.Finish(ctx, dups.Load(), runErr, cfg.Now())
	if err != nil {
		return sum, errors.Join(runErr, err)
	}
	sum.Conversations, sum.Quarantined, sum.Duplicates = counts.Conversations, counts.Quarantined, counts.Duplicates
	sum.Status = store.StatusFinished
	if runErr != nil {
		sum.Status = store.StatusFailed
		if errors.Is(runErr, context.Canceled) {
			sum.Status = store.StatusAborted
		}
	}
	sum.Seconds = cfg.Now().Sub(start).Seconds()
	log.Info("run ended", "status", sum.Status, "conversations", sum.Conversations, "quarantined", sum.Quarantined, "seconds", sum.Seconds)
	return sum, runErr
}

// process is the stage graph: one reader, cfg.Workers scorers, one batcher and one committer, connected by
// bounded channels. The first error cancels everything; every goroutine ends when its input closes.
func process(ctx context.Context, cfg Config, run *store.Run, an *heuristics.Analyzer, sc *score.Scorer, jr *judgeRun, sum *Summary, dups *atomic.Int64) error {
	g, ctx := errgroup.WithContext(ctx)
	todo := make(chan *work, 4*cfg.Workers)
	results := make(chan result, 4*cfg.Workers)
	batches := make(chan batch) // a batch is built while the writers commit earlier ones

	// Read: validated conversations go to the scorers, quarantined records straight to the writer.
	g.Go(func() error {
		defer close(todo)
		seen := newSeen(run.Scored)
		run.Scored = nil // seen holds it, more compactly
		for _, src := range cfg.Sources {
			if err := readSource(ctx, src, seen, todo, results, dups, cfg.Progress); err != nil {
				return err
			}
		}
		return nil
	})

	// Score.
	var scorers errgroup.Group
	for range cfg.Workers {
		scorers.Go(func() error {
			for w := range todo {
				w.sig = an.Signals(w.conv)
				if jr != nil {
					w.reqs = jr.requests(w)
				}
				select {
				case results <- result{work: w}:
				case <-ctx.Done():
					return ctx.Err()
				}
			}
			return nil
		})
	}
	g.Go(func() error {
		err := scorers.Wait()
		close(results)
		return err
	})

	// Batch.
	g.Go(func() error {
		defer close(batches)
		b := batch{}
		for r := range results {
			if r.quarantine != nil {
				b.quarantined = append(b.quarantined, *r.quarantine)
			} else {
				b.items = append(b.items, r.work)
			}
			if len(b.items)+len(b.quarantined) >= cfg.BatchSize {
				select {
				case batches <- b:
				case <-ctx.Done():
					return ctx.Err()
				}
				b = batch{}
			}
		}
		if len(b.items)+len(b.quarantined) > 0 {
			select {
			case batches <- b:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		return nil
	})

	// Commit: batches are independent transactions, so Writers commit them in parallel over their own
	// connections (DuckDB's appends are mostly single-threaded per connection).
	var mu sync.Mutex
	for range cfg.Writers {
		g.Go(func() error {
			w, err := run.NewWriter(ctx)
			if err != nil {
				return err
			}
			defer w.Close()
			for b := range batches {
				var verdicts map[string]judged
				if jr != nil {
					if verdicts, err = jr.judge(ctx, b.items); err != nil {
						return err
					}
				}
				items := make([]store.Item, len(b.items))
				for i, wk := range b.items {
					items[i] = scoreOne(sc, wk, verdicts[wk.conv.ID])
				}
				if err := w.Write(ctx, items, b.quarantined, cfg.Now()); err != nil {
					return err
				}
				mu.Lock()
				for _, wk := range b.items {
					sum.ByChannel[string(wk.conv.Channel)]++
				}
				sum.ScoredNow += int64(len(b.items))
				mu.Unlock()
			}
			return nil
		})
	}
	return g.Wait()
}

type batch struct {
	items       []*work
	quarantined []transcript.Quarantine
}

// scoreOne turns a conversation's signals and judge verdicts into the rows to store.
func scoreOne(sc *score.Scorer, w *work, j judged) store.Item {
	c, sig := w.conv, &w.sig
	values := sig.Values()
	it := store.Item{Conversation: c, Hash: w.hash, Escalated: sig.Escalated,
		CustomerLanguage: sig.CustomerLanguage, AgentLanguage: sig.AgentLanguage,
		Signals: make([]float64, len(values))}
	for i, v := range values {
		it.Signals[i] = v.Value
	}
	vals := sc.Conversation(string(c.Channel), len(c.Turns), func(scorer string) (float64, bool) {
		return heuristics.Score(scorer, sig)
	}, j.verdicts)
	it.Scores = make([]store.Score, len(vals))
	for i, v := range vals {
		s := store.Score{Criterion: v.Criterion, Kind: string(v.Kind), Value: v.Value, NA: v.NA,
			Normalized: v.Normalized, AutoFailed: v.AutoFailed,
			Rationale: v.Rationale}
		if len(v.BuiltFrom) > 0 {
			s.BuiltFrom = joinComma(v.BuiltFrom)
		}
		if len(v.Evidence) > 0 {
			b, _ := json.Marshal(v.Evidence)
			s.Evidence = string(b)
		}
		if sp, ok := j.spread[v.Criterion]; ok {
			s.Samples, s.Spread = sp.Samples, sp.Spread
		}
		it.Scores[i] = s
	}
	return it
}

func joinComma(s []string) string {
	n := len(s) - 1
	for _, x := range s {
		n += len(x)
	}
	b := make([]byte, 0, n)
	for i, x := range s {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, x...)
	}
	return string(b)
}

// seen remembers the conversations of this run, so a conversation is scored once per run however often the
// inputs repeat it, and a resumed run skips what it scored before the interruption. Entries are kept small (a
// 128-bit hash of the id, the content hash as bytes, where it was first read): a million conversations take
// about 80 MB.
type seen struct {
	before map[sum128]sum128 // id -> content, scored before an interruption
	now    map[sum128]firstSeen
	files  []string
}

type sum128 = [16]byte

type firstSeen struct {
	content sum128
	file    int32
	line    int64
}

func newSeen(before map[string]string) *seen {
	s := &seen{before: make(map[sum128]sum128, len(before)), now: make(map[sum128]firstSeen)}
	for id, h := range before {
		var c sum128
		if b, err := hex.DecodeString(h); err == nil && len(b) == len(c) {
			copy(c[:], b)
		}
		s.before[idSum(id)] = c
	}
	return s
}

func idSum(id string) sum128 { return xxh3.HashString128(id).Bytes() }

func (s *seen) fileIndex(name string) int32 {
	if n := len(s.files); n > 0 && s.files[n-1] == name {
		return int32(n - 1)
	}
	s.files = append(s.files, name)
	return int32(len(s.files) - 1)
}

// readSource streams one source into the scorers.
func readSource(ctx context.Context, src Source, seen *seen, todo chan<- *work, results chan<- result, dups *atomic.Int64, progress Progress) error {
	r, err := openSource(src)
	if err != nil {
		return err
	}
	defer r.Close()
	for n := 1; ; n++ {
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", src.Path, err)
		}
		if progress != nil && n%256 == 0 {
			progress.Advance(256)
		}
		if q := rec.Quarantine; q != nil {
			select {
			case results <- result{quarantine: q}:
			case <-ctx.Done():
				return ctx.Err()
			}
			continue
		}
		c := rec.Conversation
		h := contentSum(c)
		id := idSum(c.ID)
		if first, ok := seen.now[id]; ok {
			if first.content == h {
				dups.Add(1)
				continue
			}
			q := &transcript.Quarantine{Source: c.Source, ConversationID: c.ID, Field: "id",
				Reason: fmt.Sprintf("conversation id appears again with different content (first at %s:%d, which is scored); give each conversation its own id",
					seen.files[first.file], first.line)}
			select {
			case results <- result{quarantine: q}:
			case <-ctx.Done():
				return ctx.Err()
			}
			continue
		}
		seen.now[id] = firstSeen{content: h, file: seen.fileIndex(c.Source.File), line: int64(c.Source.Line)}
		if prev, ok := seen.before[id]; ok && prev == h {
			continue // scored before the interruption this run resumes
		}
		select {
		case todo <- &work{conv: c, hash: hex.EncodeToString(h[:])}:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// criteriaInfo describes the rubric's criteria for the criteria table, the quality index first.
func criteriaInfo(r *rubrics.Rubric) []store.CriterionInfo {
	out := []store.CriterionInfo{{Criterion: rubrics.QualityIndex, Kind: "index", Title: "Quality index",
		ScaleMin: 0, ScaleMax: 100, AutoFailBelow: math.NaN()}}
	for _, c := range r.Criteria {
		info := store.CriterionInfo{Criterion: c.ID, Kind: string(c.Kind), Title: c.Title, Weight: c.Weight,
			ScaleMin: c.Scale.Min, ScaleMax: c.Scale.Max, AutoFailBelow: math.NaN(), Scorer: c.Scorer,
			Question: c.Question, AppliesTo: strings.Join(c.AppliesTo, ",")}
		if c.AutoFail != nil {
			info.AutoFailBelow = c.AutoFail.Below
		}
		out = append(out, info)
	}
	return out
}

func promptVersion(jr *judgeRun) string {
	if jr == nil {
		return ""
	}
	return judge.PromptVersion
}

func openSource(src Source) (transcript.Reader, error) {
	if src.Open != nil {
		return src.Open()
	}
	return transcript.Open(src.Path)
}

// fingerprintSources describes the inputs for the run record and for matching an interrupted run.
func fingerprintSources(srcs []Source) (names []string, fingerprint string, err error) {
	type fp struct {
		Path  string `json:"path"`
		Size  int64  `json:"size,omitempty"`
		MTime string `json:"mtime,omitempty"`
		Print string `json:"fingerprint,omitempty"`
	}
	var fps []fp
	for _, s := range srcs {
		if s.Open != nil {
			fps = append(fps, fp{Path: s.Path, Print: s.Fingerprint})
			names = append(names, s.Path)
			continue
		}
		abs, err := filepath.Abs(s.Path)
		if err != nil {
			return nil, "", fmt.Errorf("input %s: %w", s.Path, err)
		}
		fi, err := os.Stat(s.Path)
		if err != nil {
			return nil, "", fmt.Errorf("input: %w", err)
		}
		if fi.IsDir() {
			return nil, "", fmt.Errorf("input %s is a directory; pass its files (e.g. --input '%s/*.jsonl')", s.Path, s.Path)
		}
		fps = append(fps, fp{Path: abs, Size: fi.Size(), MTime: fi.ModTime().UTC().Format(time.RFC3339Nano)})
		names = append(names, s.Path)
	}
	b, err := json.Marshal(fps)
	return names, string(b), err
}
