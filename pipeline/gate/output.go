package gate

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"github.com/convqa/convqa/pipeline/compare"
)

func runName(id, name string) string {
	if name != "" {
		return name + " (" + id + ")"
	}
	return id
}

func num(v compare.Float) string {
	if math.IsNaN(float64(v)) {
		return "-"
	}
	return fmt.Sprintf("%.2f", float64(v))
}

func diffText(d compare.Diff) string {
	if math.IsNaN(float64(d.Estimate)) {
		return "-"
	}
	if math.IsNaN(float64(d.Lo)) {
		return signed(float64(d.Estimate))
	}
	return fmt.Sprintf("%s [%s, %s]", signed(float64(d.Estimate)), signed(float64(d.Lo)), signed(float64(d.Hi)))
}

func (r *Result) pairing() string {
	if r.Paired {
		return fmt.Sprintf("paired over %d shared conversations (%.0f%% of ids)", r.Shared, 100*r.SharedShare)
	}
	return fmt.Sprintf("unpaired: the runs share %.0f%% of their conversation ids (paired from %.0f%%)", 100*r.SharedShare, 100*r.Policy.PairedShare)
}

// Summary is one line that says what the gate decided.
func (r *Result) Summary() string {
	switch r.Verdict {
	case Fail:
		return fmt.Sprintf("FAIL: %d confident regression(s): %s", r.Count(Fail), strings.Join(r.Names(Fail), ", "))
	case Inconclusive:
		if n := r.Count(Inconclusive); n > 0 {
			return fmt.Sprintf("INCONCLUSIVE: %d criterion(s) could be worse than the tolerance allows: %s", n, strings.Join(r.Names(Inconclusive), ", "))
		}
		return "INCONCLUSIVE: no criterion had enough conversations to judge (see min_n)"
	}
	return fmt.Sprintf("PASS: no regression beyond tolerance in %d criteria", r.Count(Pass))
}

// WriteText writes the decision as a table for people.
func (r *Result) WriteText(w io.Writer) error {
	fmt.Fprintf(w, "baseline  %s\ncandidate %s\n", runName(r.Baseline.ID, r.Baseline.Name), runName(r.Candidate.ID, r.Candidate.Name))
	fmt.Fprintf(w, "channels %s; %s; diff = candidate - baseline with 95%% bootstrap CI\n\n", strings.Join(r.Policy.Channels, ", "), r.pairing())
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "criterion\tverdict\tbaseline\tcandidate\tdiff [95% CI]\ttolerance\tn\t")
	for _, c := range r.Checks {
		n := fmt.Sprintf("%d/%d", c.Baseline.N, c.Candidate.N)
		if c.Paired {
			n = fmt.Sprintf("%d pairs", c.Pairs)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t-%s\t%s\t\n", c.Criterion, c.Verdict, num(c.Baseline.Mean), num(c.Candidate.Mean),
			diffText(c.Diff), fmt.Sprintf("%.2f", c.Tolerance), n)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\n%s\n", r.Summary())
	return err
}

// WriteJSON writes the Result as indented JSON (its shape is documented in README.md).
func (r *Result) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

var mdCell = strings.NewReplacer("|", "\\|", "<", "&lt;", ">", "&gt;", "\n", " ")

var verdictMark = map[Verdict]string{Pass: "✅ pass", Fail: "❌ fail", Inconclusive: "⚠️ inconclusive", Skipped: "➖ skipped"}

// WriteMarkdown writes the decision as GitHub-flavoured Markdown, for a CI step summary or a pull request.
func (r *Result) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "### convqa gate: %s\n\n", verdictMark[r.Verdict])
	fmt.Fprintf(&b, "Candidate **%s** against baseline **%s**, channels %s, %s.\n\n", mdCell.Replace(runName(r.Candidate.ID, r.Candidate.Name)),
		mdCell.Replace(runName(r.Baseline.ID, r.Baseline.Name)), strings.Join(r.Policy.Channels, ", "), r.pairing())
	b.WriteString("| criterion | verdict | baseline | candidate | candidate − baseline [95% CI] | tolerance | n |\n|---|---|---:|---:|---|---:|---:|\n")
	for _, c := range r.Checks {
		n := fmt.Sprintf("%d / %d", c.Baseline.N, c.Candidate.N)
		if c.Paired {
			n = fmt.Sprintf("%d pairs", c.Pairs)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | −%.2f | %s |\n", mdCell.Replace(c.Criterion), verdictMark[c.Verdict],
			num(c.Baseline.Mean), num(c.Candidate.Mean), diffText(c.Diff), c.Tolerance, n)
	}
	fmt.Fprintf(&b, "\n%s\n", mdCell.Replace(r.Summary()))
	_, err := io.WriteString(w, b.String())
	return err
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Properties []junitProperty `xml:"properties>property"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitMessage `xml:"failure,omitempty"`
	Skipped   *junitMessage `xml:"skipped,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitMessage struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Text    string `xml:",chardata"`
}

// WriteJUnit writes one JUnit test case per criterion: a failure element for a regression (and, when strict,
// for an inconclusive criterion), a skipped element for an inconclusive or skipped one.
func (r *Result) WriteJUnit(w io.Writer, strict bool) error {
	s := junitSuite{Name: fmt.Sprintf("convqa gate: %s vs %s", runName(r.Candidate.ID, r.Candidate.Name), runName(r.Baseline.ID, r.Baseline.Name)),
		Properties: []junitProperty{
			{"baseline", r.Baseline.ID}, {"candidate", r.Candidate.ID}, {"paired", fmt.Sprint(r.Paired)},
			{"channels", strings.Join(r.Policy.Channels, ",")}, {"verdict", string(r.Verdict)},
		}}
	for _, c := range r.Checks {
		tc := junitCase{Name: c.Criterion, Classname: "convqa.gate", Time: "0",
			SystemOut: fmt.Sprintf("baseline %s, candidate %s, difference %s, tolerance -%.2f: %s", num(c.Baseline.Mean),
				num(c.Candidate.Mean), diffText(c.Diff), c.Tolerance, c.Reason)}
		msg := &junitMessage{Message: fmt.Sprintf("%s: %s", c.Criterion, c.Reason), Text: tc.SystemOut}
		switch {
		case c.Verdict == Fail:
			msg.Type = "regression"
			tc.Failure = msg
		case c.Verdict == Inconclusive && strict:
			msg.Type = "inconclusive"
			tc.Failure = msg
		case c.Verdict == Inconclusive || c.Verdict == Skipped:
			msg.Message = string(c.Verdict) + ": " + msg.Message
			msg.Text = ""
			tc.Skipped = msg
		}
		if tc.Failure != nil {
			s.Failures++
		}
		if tc.Skipped != nil {
			s.Skipped++
		}
		s.Cases = append(s.Cases, tc)
	}
	s.Tests = len(s.Cases)
	doc := junitSuites{Name: "convqa gate", Tests: s.Tests, Failures: s.Failures, Skipped: s.Skipped, Suites: []junitSuite{s}}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write junit: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}
