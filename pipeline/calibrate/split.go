package calibrate

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"

	"github.com/convqa/convqa/pipeline/store"
)

// Split selects part of the labelled conversations by a hash of their id, so the same conversation always
// falls on the same side, whatever else the file holds. The zero Split is SplitAll.
type Split string

// The splits.
const (
	SplitAll Split = "all"
	// SplitDev is the 70% of conversations to explore and fit on.
	SplitDev Split = "dev"
	// SplitHoldout is the 30% never tuned on: conversations whose id's SHA-256, read as a fraction of 2^64
	// from its first 8 bytes, is at least HoldoutFrom.
	SplitHoldout Split = "holdout"
)

// HoldoutFrom is where the holdout begins on the id-hash scale [0, 1).
const HoldoutFrom = 0.7

// ParseSplit checks a split name; empty means SplitAll.
func ParseSplit(s string) (Split, error) {
	switch Split(s) {
	case "", SplitAll:
		return SplitAll, nil
	case SplitDev, SplitHoldout:
		return Split(s), nil
	}
	return "", fmt.Errorf("split %q: want all, dev or holdout", s)
}

// InHoldout reports whether the conversation with this id belongs to the holdout.
func InHoldout(id string) bool {
	sum := sha256.Sum256([]byte(id))
	return float64(binary.BigEndian.Uint64(sum[:8]))/(1<<64) >= HoldoutFrom
}

// Contains reports whether the conversation with this id belongs to the split.
func (s Split) Contains(id string) bool {
	switch s {
	case SplitDev:
		return !InHoldout(id)
	case SplitHoldout:
		return InHoldout(id)
	}
	return true
}

// Filter returns the labels of the split's conversations.
func (s Split) Filter(labels []store.Label) []store.Label {
	if s == "" || s == SplitAll {
		return labels
	}
	var out []store.Label
	for _, l := range labels {
		if s.Contains(l.ConversationID) {
			out = append(out, l)
		}
	}
	return out
}
