// Package publicdata finds the workspace's public datasets (shared/data: ABCD, AB-ReDial, with their licences) for
// the tests that read them.
package publicdata

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Dir returns the folder of the public datasets, as an absolute path where it can: the one CONVQA_DATA names,
// else shared/data beside the repository (found from this file's place in it, so any package's tests agree).
func Dir() string {
	if dir := os.Getenv("CONVQA_DATA"); dir != "" {
		if abs, err := filepath.Abs(dir); err == nil {
			return abs
		}
		return dir
	}
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return filepath.Join("..", "shared", "data")
	}
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "data")
}

// Path returns the path of elem inside Dir, skipping t when it does not exist.
func Path(t testing.TB, elem ...string) string {
	t.Helper()
	p := filepath.Join(append([]string{Dir()}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("public dataset %s not found (set CONVQA_DATA to the workspace's shared/data): %v", p, err)
	}
	return p
}
