package heuristics

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestREADMEListsEverySignal keeps the README's signal and scorer tables (a public interface: they document the
// signals table's columns) equal to the code's own documentation, which `convqa rubric show` prints.
func TestREADMEListsEverySignal(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	readme := string(b)
	start := strings.Index(readme, "\n## Heuristic signals\n")
	require.GreaterOrEqual(t, start, 0, "README has no Heuristic signals section")
	section := readme[start+1:]
	section = section[:strings.Index(section, "\n## ")+1]
	split := strings.Index(section, "The **scorers**")
	require.Greater(t, split, 0, "the section has no scorers table")
	row := regexp.MustCompile("(?m)^\\| `([a-z0-9_]+)` \\| (.*) \\|$")
	inREADME := map[string]map[string]string{"signal": {}, "scorer": {}}
	for kind, text := range map[string]string{"signal": section[:split], "scorer": section[split:]} {
		for _, m := range row.FindAllStringSubmatch(text, -1) {
			inREADME[kind][m[1]] = m[2]
		}
	}
	for _, d := range Docs() {
		if assert.Contains(t, inREADME[d.Kind], d.Name, "README lists no %s %s", d.Kind, d.Name) {
			assert.Equal(t, d.Text, inREADME[d.Kind][d.Name], "README's line for %s %s", d.Kind, d.Name)
		}
		delete(inREADME[d.Kind], d.Name)
	}
	assert.Empty(t, inREADME["signal"], "README lists signals the code does not have")
	assert.Empty(t, inREADME["scorer"], "README lists scorers the code does not have")
}
