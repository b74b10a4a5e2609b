package publicdata

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDir(t *testing.T) {
	t.Setenv("CONVQA_DATA", "/data/here")
	assert.Equal(t, "/data/here", Dir())

	t.Setenv("CONVQA_DATA", "")
	assert.Equal(t, "data", filepath.Base(Dir()))
	assert.Equal(t, "shared", filepath.Base(filepath.Dir(Dir())))
}

func TestPathSkipsWhenMissing(t *testing.T) {
	t.Setenv("CONVQA_DATA", t.TempDir())
	ok := t.Run("missing", func(t *testing.T) {
		Path(t, "no-such-dataset")
		t.Error("Path returned for a missing dataset")
	})
	assert.True(t, ok, "a skipped subtest passes")
}
