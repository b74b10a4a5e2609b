package report

import (
	"bytes"
	"context"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// chromium finds a Chromium binary: $CONVQA_CHROMIUM, else chromium on the PATH. Without one the test is
// skipped, except in CI (CI set), where a missing browser is a broken setup and fails the test.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CONVQA_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	const msg = "Chromium not found: install Debian's chromium package (apt-get install -y chromium) or set CONVQA_CHROMIUM"
	if os.Getenv("CI") != "" {
		t.Fatal(msg + "; in CI the browser test must run")
	}
	t.Skip(msg + " to run the browser test")
	return ""
}

// headless runs Chromium headless on a local file with a fresh profile and no network of its own, and
// returns its standard output and error. The whole process group is killed when the test's time is up.
func headless(t *testing.T, bin string, args ...string) (stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
		"--hide-scrollbars", "--user-data-dir=" + t.TempDir()}
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	var so, se bytes.Buffer
	cmd.Stdout, cmd.Stderr = &so, &se
	err := cmd.Run()
	require.NoError(t, err, "chromium %s\n%s", strings.Join(args, " "), se.String())
	return so.String(), se.String()
}

// consoleLine matches what Chromium logs for a console message, a script error or a blocked fetch (a
// Content-Security-Policy violation is one of those).
var consoleLine = regexp.MustCompile(`(?m)^.*:CONSOLE[:(].*$`)

// TestBrowser opens the report in headless Chromium: the page must load without a console message, draw
// its charts and show the transcripts as text. Screenshots (desktop and phone) and a PDF print land in the
// test's artifact directory (go test -artifacts keeps them); set CONVQA_REPORT_PNG to copy the desktop
// screenshot somewhere handy.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the browser test takes a few seconds")
	}
	bin := chromium(t)
	_, rep := sharedReport(t)
	dir := t.ArtifactDir()
	page := filepath.Join(dir, "report.html")
	f, err := os.Create(page)
	require.NoError(t, err)
	require.NoError(t, rep.HTML(f))
	require.NoError(t, f.Close())
	url := "file://" + page

	t.Run("dom", func(t *testing.T) {
		dom, logs := headless(t, bin, "--enable-logging=stderr", "--v=0", "--dump-dom", url)
		assert.Empty(t, consoleLine.FindAllString(logs, -1), "console messages")
		assert.NotContains(t, strings.ToLower(dom), "<script", "no script element reached the DOM")
		assert.NotContains(t, strings.ToLower(dom), "<img")
		assert.Contains(t, dom, "&lt;script&gt;alert(1)&lt;/script&gt;", "the transcript shows as text")
		assert.Equal(t, 11, strings.Count(dom, "<svg"), "five charts in two layouts, and the funnel")
		assert.Greater(t, strings.Count(dom, "<circle"), 20, "bot dots")
		assert.Greater(t, strings.Count(dom, "<rect class=\"dot human\""), 20, "human dots")
		assert.Greater(t, strings.Count(dom, "<line class=\"whisker"), 40, "whiskers")
		assert.Equal(t, 4, strings.Count(dom, "<polyline"), "a trend line per channel and layout")
		assert.Equal(t, 3, strings.Count(dom, "<rect class=\"seg"), "the funnel's three parts")
	})

	for _, shot := range []struct{ name, size string }{
		{"desktop", "1280,7200"},
		{"phone", "390,16000"},
	} {
		t.Run(shot.name, func(t *testing.T) {
			png := filepath.Join(dir, "report-"+shot.name+".png")
			headless(t, bin, "--screenshot="+png, "--window-size="+shot.size, url)
			checkPNG(t, png, shot.size)
			if p := os.Getenv("CONVQA_REPORT_PNG"); p != "" && shot.name == "desktop" {
				copyFile(t, png, p)
			}
			t.Logf("screenshot: %s", png)
		})
	}

	t.Run("print", func(t *testing.T) {
		pdf := filepath.Join(dir, "report.pdf")
		headless(t, bin, "--no-pdf-header-footer", "--print-to-pdf="+pdf, url)
		b, err := os.ReadFile(pdf)
		require.NoError(t, err)
		assert.True(t, bytes.HasPrefix(b, []byte("%PDF-")))
		assert.Greater(t, len(b), 20_000)
	})
}

// checkPNG checks that a screenshot has the window's size and is not blank.
func checkPNG(t *testing.T, path, size string) {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err)
	b := img.Bounds()
	assert.Equal(t, size, strconv.Itoa(b.Dx())+","+strconv.Itoa(b.Dy()))
	// Count distinct colours on a coarse grid: a blank or failed page has one or two.
	colours := map[uint32]bool{}
	for y := b.Min.Y; y < b.Max.Y; y += 7 {
		for x := b.Min.X; x < b.Max.X; x += 7 {
			r, g, bl, _ := img.At(x, y).RGBA()
			colours[(r>>8)<<16|(g>>8)<<8|bl>>8] = true
		}
	}
	assert.Greater(t, len(colours), 20, "the screenshot is not blank")
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	src, err := os.Open(from)
	require.NoError(t, err)
	defer src.Close()
	dst, err := os.Create(to)
	require.NoError(t, err)
	_, err = io.Copy(dst, src)
	require.NoError(t, err)
	require.NoError(t, dst.Close())
}
