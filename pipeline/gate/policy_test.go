package gate

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParsePolicy(t *testing.T) {
	for _, tc := range []struct {
		name, yaml string
		check      func(t *testing.T, p Policy)
		err        string
	}{
		{name: "empty is all defaults", yaml: "", check: func(t *testing.T, p Policy) {
			assert.Equal(t, 30, p.MinN)
			assert.Equal(t, []string{"bot"}, p.Channels)
			assert.Equal(t, 0.8, p.PairedShare)
			assert.Equal(t, 2.0, p.ToleranceOf("quality_index"))
			assert.Equal(t, 0.1, p.ToleranceOf("efficiency"))
			assert.Empty(t, p.Criteria)
		}},
		{name: "overrides", yaml: "min_n: 50\nchannels: [bot, human]\ntolerance:\n  default: 0.25\n  safety_pii: 0\ncriteria: [quality_index, safety_pii]\n",
			check: func(t *testing.T, p Policy) {
				assert.Equal(t, 50, p.MinN)
				assert.Equal(t, 0.25, p.ToleranceOf("efficiency"))
				assert.Equal(t, 0.0, p.ToleranceOf("safety_pii"), "an explicit zero is kept")
				assert.Equal(t, 2.0, p.ToleranceOf("quality_index"))
				assert.Equal(t, []string{"quality_index", "safety_pii"}, p.Criteria)
			}},
		{name: "typo", yaml: "tolerence:\n  default: 1\n", err: "field tolerence not found"},
		{name: "negative tolerance", yaml: "tolerance: {efficiency: -1}\n", err: "tolerance.efficiency"},
		{name: "bad channel", yaml: "channels: [robot]\n", err: `"robot"`},
		{name: "min_n one", yaml: "min_n: 1\n", err: "at least 2"},
		{name: "share", yaml: "paired_share: 2\n", err: "paired_share"},
		{name: "not yaml", yaml: "{[", err: "policy.yaml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := ParsePolicy([]byte(tc.yaml), "policy.yaml")
			if tc.err != "" {
				require.ErrorIs(t, err, ErrPolicy)
				assert.Contains(t, err.Error(), tc.err)
				return
			}
			require.NoError(t, err)
			tc.check(t, p)
		})
	}
}

func TestLoadPolicyMissing(t *testing.T) {
	_, err := LoadPolicy("testdata/no-such-policy.yaml")
	require.ErrorIs(t, err, ErrPolicy)
}

// FuzzParsePolicy checks that no input makes the policy parser panic, and that what it accepts is usable.
func FuzzParsePolicy(f *testing.F) {
	for _, s := range []string{"", "min_n: 5\n", "tolerance: {default: .nan}\n", "channels: [bot]\npaired_share: 0.5\n", "criteria: [a, a]\n", "- 1\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePolicy([]byte(s), "fuzz")
		if err != nil {
			return
		}
		if p.MinN < 2 || len(p.Channels) == 0 || p.PairedShare <= 0 || p.ToleranceOf("x") < 0 {
			t.Fatalf("accepted an unusable policy %+v from %q", p, s)
		}
	})
}
