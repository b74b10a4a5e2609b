// Package rubrics defines the versioned quality rubrics that conversations are scored against, loads and
// validates them from YAML, and embeds the rubrics shipped with convqa.
package rubrics

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Kind says how a criterion is scored.
type Kind string

// The kinds of criteria.
const (
	KindJudge     Kind = "judge"     // scored by the LLM judge from a question and score anchors
	KindHeuristic Kind = "heuristic" // a deterministic signal mapped onto the scale
)

// Scale is the closed range of scores of a criterion; higher is better.
type Scale struct {
	Min float64 `yaml:"min" json:"min"`
	Max float64 `yaml:"max" json:"max"`
}

// AutoFail makes a criterion a gate: a score below Below sets the conversation's quality index to 0.
type AutoFail struct {
	Below float64 `yaml:"below" json:"below"`
}

// Criterion is one thing a conversation is scored on.
type Criterion struct {
	ID          string `yaml:"id" json:"id"`
	Title       string `yaml:"title,omitempty" json:"title,omitempty"`
	Kind        Kind   `yaml:"kind" json:"kind"`
	Description string `yaml:"description,omitempty" json:"description,omitempty"`
	// Weight is the criterion's share of the quality index; 0 keeps it out of the index (reported only).
	Weight float64 `yaml:"weight" json:"weight"`
	// Scale defaults to the rubric's scale.
	Scale *Scale `yaml:"scale,omitempty" json:"scale,omitempty"`
	// AppliesTo lists the channels the criterion applies to; empty means both.
	AppliesTo []string  `yaml:"applies_to,omitempty" json:"applies_to,omitempty"`
	AutoFail  *AutoFail `yaml:"auto_fail,omitempty" json:"auto_fail,omitempty"`
	// MinTurns makes the criterion n/a for conversations with fewer turns.
	MinTurns int `yaml:"min_turns,omitempty" json:"min_turns,omitempty"`

	// Judge criteria.
	Question string         `yaml:"question,omitempty" json:"question,omitempty"`
	Anchors  map[int]string `yaml:"anchors,omitempty" json:"anchors,omitempty"`
	NAWhen   string         `yaml:"na_when,omitempty" json:"na_when,omitempty"`

	// Heuristic criteria.
	Scorer string `yaml:"scorer,omitempty" json:"scorer,omitempty"`

	line int
}

// Rubric is a named, versioned set of criteria.
type Rubric struct {
	Name        string      `yaml:"name" json:"name"`
	Version     string      `yaml:"version" json:"version"`
	Description string      `yaml:"description,omitempty" json:"description,omitempty"`
	Scale       Scale       `yaml:"scale" json:"scale"`
	BotNames    []string    `yaml:"bot_names,omitempty" json:"bot_names,omitempty"`
	Criteria    []Criterion `yaml:"criteria" json:"criteria"`

	hash   string
	source string
}

// QualityIndex is the name of the combined 0-100 score stored beside the criteria.
const QualityIndex = "quality_index"

// Default is the name of the rubric used when none is given.
const Default = "support"

//go:embed *.yaml
var shipped embed.FS

// Names lists the rubrics shipped with convqa.
func Names() []string {
	entries, _ := shipped.ReadDir(".")
	var names []string
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	return names
}

// Options tunes validation.
type Options struct {
	// Scorers lists the heuristic scorers that exist; when nil, scorer names are not checked.
	Scorers []string
}

// Shipped returns the shipped rubric with the given name.
func Shipped(name string, o Options) (*Rubric, error) {
	data, err := shipped.ReadFile(name + ".yaml")
	if err != nil {
		return nil, fmt.Errorf("no shipped rubric %q (shipped: %s)", name, strings.Join(Names(), ", "))
	}
	return Parse(data, "shipped:"+name, o)
}

// Load returns the rubric in the file at p or, when no such file exists, the shipped rubric named p.
// An empty p means the default rubric.
func Load(p string, o Options) (*Rubric, error) {
	if p == "" {
		p = Default
	}
	data, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) && slices.Contains(Names(), p) {
		return Shipped(p, o)
	}
	if err != nil {
		return nil, fmt.Errorf("read rubric: %w (shipped rubrics: %s)", err, strings.Join(Names(), ", "))
	}
	return Parse(data, p, o)
}

// Error is a validation problem at a line of a rubric file.
type Error struct {
	Source string
	Line   int
	Msg    string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Source, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Source, e.Msg)
}

// Parse decodes and validates a rubric. Every problem found is returned, joined, each naming its line.
func Parse(data []byte, source string, o Options) (*Rubric, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, &Error{Source: source, Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var r Rubric
	if err := dec.Decode(&r); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &Error{Source: source, Msg: "empty rubric"}
		}
		var te *yaml.TypeError
		if errors.As(err, &te) {
			var errs []error
			for _, m := range te.Errors {
				errs = append(errs, yamlError(source, m))
			}
			return nil, errors.Join(errs...)
		}
		return nil, yamlError(source, err.Error())
	}
	for i, line := range criterionLines(&doc) {
		if i < len(r.Criteria) {
			r.Criteria[i].line = line
		}
	}
	r.source = source
	if err := r.validate(o); err != nil {
		return nil, err
	}
	r.hash = r.computeHash()
	return &r, nil
}

// yamlError turns "line 12: field x not found in type rubrics.Criterion" into a line-tagged Error.
func yamlError(source, msg string) *Error {
	msg = strings.TrimPrefix(msg, "yaml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, after, ok := strings.Cut(rest, ": "); ok {
			if v, err := strconv.Atoi(n); err == nil {
				line, msg = v, after
			}
		}
	}
	msg = strings.ReplaceAll(msg, " in type rubrics.Criterion", " (criterion)")
	msg = strings.ReplaceAll(msg, " in type rubrics.Rubric", " (rubric)")
	return &Error{Source: source, Line: line, Msg: msg}
}

// criterionLines returns the line of each item of the top-level criteria sequence.
func criterionLines(doc *yaml.Node) []int {
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil
	}
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == "criteria" && m.Content[i+1].Kind == yaml.SequenceNode {
			var lines []int
			for _, item := range m.Content[i+1].Content {
				lines = append(lines, item.Line)
			}
			return lines
		}
	}
	return nil
}

func (r *Rubric) validate(o Options) error {
	var errs []error
	fail := func(line int, format string, args ...any) {
		errs = append(errs, &Error{Source: r.source, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	if r.Name == "" {
		fail(0, "name is required")
	}
	if r.Version == "" {
		fail(0, "version is required (bump it whenever the rubric changes)")
	}
	if r.Scale == (Scale{}) {
		r.Scale = Scale{Min: 1, Max: 5}
	}
	if !(r.Scale.Max > r.Scale.Min) {
		fail(0, "scale: max (%g) must be greater than min (%g)", r.Scale.Max, r.Scale.Min)
	}
	if len(r.Criteria) == 0 {
		fail(0, "criteria: at least one criterion is required")
	}
	seen := map[string]int{}
	for i := range r.Criteria {
		c := &r.Criteria[i]
		at := func(format string, args ...any) {
			fail(c.line, "criterion %q: "+format, append([]any{c.ID}, args...)...)
		}
		switch {
		case c.ID == "":
			fail(c.line, "criterion %d: id is required", i+1)
		case !validID(c.ID):
			at("id must be lower-case letters, digits and underscores")
		case c.ID == QualityIndex:
			at("id %q is reserved for the combined score", QualityIndex)
		}
		if prev, dup := seen[c.ID]; dup && c.ID != "" {
			at("duplicate id (first defined at line %d)", prev)
		}
		seen[c.ID] = c.line
		if c.Scale == nil {
			s := r.Scale
			c.Scale = &s
		} else if !(c.Scale.Max > c.Scale.Min) {
			at("scale: max (%g) must be greater than min (%g)", c.Scale.Max, c.Scale.Min)
		}
		if c.Weight < 0 || math.IsNaN(c.Weight) || math.IsInf(c.Weight, 0) {
			at("weight must be a finite number >= 0, got %g", c.Weight)
		}
		for _, ch := range c.AppliesTo {
			if ch != "bot" && ch != "human" {
				at("applies_to: unknown channel %q (want bot or human)", ch)
			}
		}
		if c.AutoFail != nil && (c.AutoFail.Below <= c.Scale.Min || c.AutoFail.Below > c.Scale.Max) {
			at("auto_fail.below (%g) must lie in (%g, %g]", c.AutoFail.Below, c.Scale.Min, c.Scale.Max)
		}
		if c.MinTurns < 0 {
			at("min_turns must be >= 0")
		}
		switch c.Kind {
		case KindJudge:
			if c.Question == "" {
				at("a judge criterion needs a question")
			}
			if c.Scorer != "" {
				at("scorer is for heuristic criteria; a judge criterion has a question and anchors")
			}
			for k := range c.Anchors {
				if float64(k) < c.Scale.Min || float64(k) > c.Scale.Max {
					at("anchor %d lies outside the scale %g-%g", k, c.Scale.Min, c.Scale.Max)
				}
			}
		case KindHeuristic:
			if c.Scorer == "" {
				at("a heuristic criterion needs a scorer")
			} else if o.Scorers != nil && !slices.Contains(o.Scorers, c.Scorer) {
				at("unknown scorer %q (known: %s)", c.Scorer, strings.Join(o.Scorers, ", "))
			}
			if c.Question != "" || len(c.Anchors) > 0 {
				at("question and anchors are for judge criteria")
			}
		case "":
			at("kind is required (judge or heuristic)")
		default:
			at("unknown kind %q (want judge or heuristic)", c.Kind)
		}
	}
	return errors.Join(errs...)
}

func validID(s string) bool {
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r == '_', r >= '0' && r <= '9' && i > 0:
		default:
			return false
		}
	}
	return s != ""
}

// computeHash hashes the rubric's meaning (not its comments or layout), so reformatting keeps the hash.
func (r *Rubric) computeHash() string {
	b, _ := json.Marshal(r) // map keys are sorted by encoding/json
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Hash is the SHA-256 of the rubric's content, recorded with every run.
func (r *Rubric) Hash() string { return r.hash }

// Source is where the rubric was loaded from.
func (r *Rubric) Source() string { return r.source }

// Criterion returns the criterion with the given id.
func (r *Rubric) Criterion(id string) (*Criterion, bool) {
	for i := range r.Criteria {
		if r.Criteria[i].ID == id {
			return &r.Criteria[i], true
		}
	}
	return nil, false
}

// Kinds returns the criteria of one kind, in rubric order.
func (r *Rubric) Kinds(k Kind) []*Criterion {
	var out []*Criterion
	for i := range r.Criteria {
		if r.Criteria[i].Kind == k {
			out = append(out, &r.Criteria[i])
		}
	}
	return out
}

// Applies reports whether the criterion applies to a conversation of the channel with n turns.
func (c *Criterion) Applies(channel string, turns int) bool {
	if len(c.AppliesTo) > 0 && !slices.Contains(c.AppliesTo, channel) {
		return false
	}
	return turns >= c.MinTurns
}

// Rescale maps x in [0,1] onto the criterion's scale.
func (c *Criterion) Rescale(x float64) float64 { return c.Scale.Min + x*(c.Scale.Max-c.Scale.Min) }

// Normalize maps a score on the criterion's scale onto 0-100.
func (c *Criterion) Normalize(v float64) float64 {
	return 100 * (v - c.Scale.Min) / (c.Scale.Max - c.Scale.Min)
}

// Line is the line of the criterion in its rubric file (0 when unknown).
func (c *Criterion) Line() int { return c.line }

// AnchorKeys returns the anchor scores in ascending order.
func (c *Criterion) AnchorKeys() []int {
	keys := make([]int, 0, len(c.Anchors))
	for k := range c.Anchors {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	return keys
}

// Marshal writes the rubric as YAML.
func (r *Rubric) Marshal() ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(r); err != nil {
		return nil, err
	}
	return buf.Bytes(), enc.Close()
}
