package gate

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"

	"go.yaml.in/yaml/v3"
)

// Policy says what counts as a regression. The zero Policy consists entirely of defaults (see Defaults).
type Policy struct {
	// Tolerance is how far below the baseline a criterion may fall before it counts as a regression, in the
	// criterion's own scale points (0-100 for quality_index). The key "default" applies to criteria not
	// listed; default 0.1 for criteria and 2 for the quality index.
	Tolerance map[string]float64 `yaml:"tolerance" json:"tolerance"`
	// MinN is the fewest scored conversations (pairs, when paired) a criterion needs in each run to be
	// judged at all; below it the criterion is skipped. Default 30.
	MinN int `yaml:"min_n" json:"min_n"`
	// Criteria lists the criteria that count; empty means every criterion both runs scored. A listed
	// criterion missing from either run is inconclusive.
	Criteria []string `yaml:"criteria" json:"criteria,omitempty"`
	// Channels lists the channels whose conversations count; default bot, since the gate judges a bot
	// release and human conversations in a suite only dilute the difference.
	Channels []string `yaml:"channels" json:"channels"`
	// PairedShare is the share of conversation ids both runs must have in common for the comparison to be
	// paired (the same suite scored twice); default 0.8.
	PairedShare float64 `yaml:"paired_share" json:"paired_share"`
}

// Default tolerances, in scale points.
const (
	DefaultTolerance             = 0.1
	DefaultQualityIndexTolerance = 2.0
	DefaultMinN                  = 30
	DefaultPairedShare           = 0.8
)

// Defaults returns p with every unset field at its default.
func (p Policy) Defaults() Policy {
	tol := map[string]float64{"default": DefaultTolerance, qualityIndex: DefaultQualityIndexTolerance}
	maps.Copy(tol, p.Tolerance)
	p.Tolerance = tol
	if p.MinN <= 0 {
		p.MinN = DefaultMinN
	}
	if len(p.Channels) == 0 {
		p.Channels = []string{"bot"}
	}
	if p.PairedShare <= 0 {
		p.PairedShare = DefaultPairedShare
	}
	return p
}

// ToleranceOf returns the tolerance of criterion c.
func (p Policy) ToleranceOf(c string) float64 {
	if t, ok := p.Tolerance[c]; ok {
		return t
	}
	if t, ok := p.Tolerance["default"]; ok {
		return t
	}
	if c == qualityIndex {
		return DefaultQualityIndexTolerance
	}
	return DefaultTolerance
}

// ErrPolicy is returned for a policy file that cannot be used.
var ErrPolicy = errors.New("gate: invalid policy")

// ParsePolicy reads a policy from YAML. Unknown keys are errors, so a typo cannot silently loosen the gate.
func ParsePolicy(data []byte, source string) (Policy, error) {
	var p Policy
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&p); err != nil && !errors.Is(err, io.EOF) {
		return Policy{}, fmt.Errorf("%w: %s: %v", ErrPolicy, source, err)
	}
	if err := p.validate(); err != nil {
		return Policy{}, fmt.Errorf("%w: %s: %v", ErrPolicy, source, err)
	}
	return p.Defaults(), nil
}

// LoadPolicy reads a policy file.
func LoadPolicy(path string) (Policy, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Policy{}, fmt.Errorf("%w: %v", ErrPolicy, err)
	}
	return ParsePolicy(data, path)
}

func (p Policy) validate() error {
	for _, k := range slices.Sorted(maps.Keys(p.Tolerance)) {
		if v := p.Tolerance[k]; v < 0 || v != v {
			return fmt.Errorf("tolerance.%s = %v: want a number >= 0", k, v)
		}
	}
	if p.MinN < 0 {
		return fmt.Errorf("min_n = %d: want a number >= 2", p.MinN)
	}
	if p.MinN == 1 {
		return errors.New("min_n = 1: an interval needs at least 2 conversations")
	}
	for _, c := range p.Channels {
		if c != "bot" && c != "human" {
			return fmt.Errorf("channels: %q: want bot or human", c)
		}
	}
	if p.PairedShare < 0 || p.PairedShare > 1 {
		return fmt.Errorf("paired_share = %v: want a share between 0 and 1", p.PairedShare)
	}
	return nil
}
