package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/convqa/convqa/pipeline/store"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// Exit codes, documented in README.md.
const (
	exitOK          = 0
	exitFailure     = 1 // the command ran and found a failure (gate regression, error rate over the limit)
	exitUsage       = 2 // usage or configuration error
	exitPartial     = 3 // some inputs were quarantined and --strict was given
	exitInterrupted = 130
)

// exitError carries an exit code other than the default for an error.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// usageErrorf reports a usage or configuration error (exit status 2).
func usageErrorf(format string, args ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, args...)}
}

// exitCode maps the error of run onto the process exit status, printing it first.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	var ee *exitError
	switch {
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "convqa: interrupted")
		return exitInterrupted
	case errors.As(err, &ee):
		if ee.err != nil && ee.err.Error() != "" {
			fmt.Fprintln(stderr, "convqa:", ee.err)
		}
		return ee.code
	case errors.Is(err, store.ErrLocked):
		fmt.Fprintln(stderr, "convqa:", err)
		return exitFailure
	default:
		fmt.Fprintln(stderr, "convqa:", err)
		return exitFailure
	}
}

// env is what every command needs from its surroundings; tests supply their own.
type env struct {
	stdout, stderr io.Writer
	log            *slog.Logger
	// interactive is true when stderr is a terminal: progress bars are drawn only then.
	interactive bool
}

// run is the whole program, callable in-process by tests.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	e := &env{stdout: stdout, stderr: stderr}
	if f, ok := stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		e.interactive = true
	}
	root := newRoot(e)
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	cmd, err := root.ExecuteContextC(ctx)
	if err != nil && !isExitError(err) && !errors.Is(err, context.Canceled) && isUsage(err) {
		fmt.Fprintf(stderr, "Run '%s --help' for usage.\n", cmd.CommandPath())
		return &exitError{code: exitUsage, err: err}
	}
	return err
}

func isExitError(err error) bool {
	var ee *exitError
	return errors.As(err, &ee)
}

// isUsage recognises cobra's and pflag's own errors about the command line.
func isUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand", "flag needs an argument",
		"invalid argument", "accepts ", "requires at least", "required flag", "bad flag syntax"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}

func newRoot(e *env) *cobra.Command {
	var verbose, quiet bool
	root := &cobra.Command{
		Use:   "convqa",
		Short: "Score bot and human support conversations on the same yardstick",
		Long: `convqa scores customer-support conversations from both channels, the AI bot and human agents,
against a versioned quality rubric, stores every score in one DuckDB file, and compares the channels fairly
(confidence intervals, case-mix adjustment).

Start with the embedded demo corpus (no API key, no network):

  convqa run
  convqa compare

Then point it at your own transcripts (JSONL, CSV or Parquet):

  convqa run --input bot-2026-11-25.jsonl --input human-2026-11-25.csv
  convqa compare --by topic`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version,
		PersistentPreRun: func(cmd *cobra.Command, args []string) {
			level := slog.LevelWarn
			switch {
			case verbose:
				level = slog.LevelInfo
			case quiet:
				level = slog.LevelError
			}
			e.log = slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: level}))
		},
	}
	root.PersistentFlags().BoolVarP(&verbose, "verbose", "v", false, "log what happens (to stderr)")
	root.PersistentFlags().BoolVarP(&quiet, "quiet", "q", false, "no progress bar, errors only")
	root.AddCommand(newRunCmd(e, &quiet), newCompareCmd(e), newGenCmd(e), newConvertCmd(e), newRubricCmd(e), newReportCmd(e), newCalibrateCmd(e), newGateCmd(e), newExportCmd(e))
	return root
}

// addDBFlag adds --db, shared by every command that reads or writes the store.
func addDBFlag(cmd *cobra.Command, db *string) {
	cmd.Flags().StringVar(db, "db", "convqa.duckdb", "DuckDB file that holds runs, conversations and scores")
}

// checkFormat validates a --format value.
func checkFormat(format string, allowed ...string) error {
	for _, a := range allowed {
		if format == a {
			return nil
		}
	}
	return usageErrorf("--format %q: want one of %s", format, strings.Join(allowed, ", "))
}
