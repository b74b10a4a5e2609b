package report

import (
	"fmt"
	"io"
	"strings"
)

// Markdown writes the report as GitHub-flavoured Markdown: the same headline, tables instead of charts. Text
// from the store is escaped so that it renders as text (no HTML, no links, no table breaks).
func (r *Report) Markdown(w io.Writer) error {
	p := r.page()
	var b strings.Builder
	fmt.Fprintf(&b, "## Conversation quality: %s\n\n", mdText(p.RunLabel))
	fmt.Fprintf(&b, "%s\n\n", mdText(r.Headline()))
	if q := p.QI; q != nil {
		b.WriteString("| | quality index | interval | n |\n|---|---:|---|---:|\n")
		fmt.Fprintf(&b, "| bot | %s | %s | %d |\n", q.Bot, q.BotCI, q.BotN)
		fmt.Fprintf(&b, "| human agents | %s | %s | %d |\n", q.Human, q.HumanCI, q.HumanN)
		fmt.Fprintf(&b, "| bot − human | %s | %s | |\n", q.Diff, q.DiffCI)
		fmt.Fprintf(&b, "| case-mix adjusted | %s | %s | |\n\n", q.Adj, q.AdjCI)
	}

	b.WriteString("### Per criterion\n\n")
	b.WriteString("| criterion | bot mean [95% CI] | human mean [95% CI] | bot − human | adjusted | n bot / human | n/a bot / human |\n")
	b.WriteString("|---|---|---|---|---|---:|---:|\n")
	for _, c := range p.Criteria {
		flag := ""
		if c.Flip {
			flag = " !"
		}
		fmt.Fprintf(&b, "| %s%s | %s | %s | %s | %s | %d / %d | %d / %d |\n", mdText(c.Name), flag, c.Bot, c.Human, c.Diff,
			c.Adjusted, c.NBot, c.NHuman, c.NABot, c.NAHuman)
	}
	fmt.Fprintf(&b, "\n%s%s", p.CritScaleNote, p.CoverageNote)
	if p.Flips {
		b.WriteString(" `!`: raw and case-mix-adjusted differences disagree in sign.")
	}
	b.WriteString("\n\n### Access to a human\n\n")
	if len(p.Access) == 0 {
		b.WriteString("No customer asked for a person in this run.\n\n")
	} else {
		b.WriteString("| channel | asked for a person | got one | median turns until then | median minutes until then |\n|---|---:|---:|---:|---:|\n")
		for _, a := range p.Access {
			fmt.Fprintf(&b, "| %s | %d (%s) | %d (%s) | %s | %s |\n", mdText(a.Channel), a.Asked, a.AskedShare, a.Got, a.GotShare, a.Turns, a.Minutes)
		}
		b.WriteString("\n")
	}
	if f := r.Funnel; f.Total > 0 {
		b.WriteString("| bot conversations | n | share |\n|---|---:|---:|\n")
		fmt.Fprintf(&b, "| bot only | %d | %s |\n| escalated to a human | %d | %s |\n| abandoned | %d | %s |\n| all | %d | 100%% |\n\n",
			f.BotOnly, percent(f.BotOnly, f.Total), f.Escalated, percent(f.Escalated, f.Total), f.Abandoned, percent(f.Abandoned, f.Total), f.Total)
	}

	b.WriteString("### Trend\n\n| run | started | bot | human |\n|---|---|---|---|\n")
	for _, run := range r.TrendRuns() {
		cell := map[string]string{"bot": "–", "human": "–"}
		for _, t := range r.Trend {
			if t.RunID == run.RunID {
				cell[t.Channel] = fmt.Sprintf("%s (n %d)", meanCI(t.Mean, t.Lo, t.Hi, 1), t.N)
			}
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", mdText(runLabel(run.RunID, run.RunName)), run.StartedAt.UTC().Format("2006-01-02 15:04"),
			cell["bot"], cell["human"])
	}
	fmt.Fprintf(&b, "\n%s\n\n", p.TrendNote)

	for _, g := range p.Groups {
		fmt.Fprintf(&b, "### By %s\n\n", g.By)
		if len(g.Rows) == 0 {
			fmt.Fprintf(&b, "No %s recorded.\n\n", g.By)
			continue
		}
		fmt.Fprintf(&b, "| %s | bot [95%% CI] | human [95%% CI] | bot − human | n bot / human | |\n|---|---|---|---|---:|---|\n", g.By)
		for _, row := range g.Rows {
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %d / %d | %s |\n", mdText(row.Group), row.Bot, row.Human, row.Diff, row.NBot, row.NHuman, row.Verdict)
		}
		b.WriteString("\n")
	}

	b.WriteString("### Worst conversations\n\n")
	b.WriteString("| channel | conversation | quality index | failed | rationale | quote |\n|---|---|---:|---|---|---|\n")
	for i, c := range r.Worst {
		item := worstItemAt(p, i)
		quote := ""
		if len(c.Turns) > 0 {
			quote = fmt.Sprintf("%d · %s: %s", c.Turns[0].Number, c.Turns[0].Role, truncate(c.Turns[0].Text, 140))
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", mdText(c.Channel), mdText(c.ID), item.QI, mdText(item.Failed), mdText(c.Rationale), mdText(quote))
	}
	fmt.Fprintf(&b, "\n<sub>Rubric %s %s (sha256 %s) · %s · run %s · %d conversations, %d records quarantined · generated %s by convqa %s</sub>\n",
		mdText(r.Rubric.Name), mdText(r.Rubric.Version), r.Rubric.Hash, p.JudgeText, mdText(r.Run.ID), r.Run.Conversations,
		r.Run.Quarantined, p.GeneratedText, mdText(r.Version))
	_, err := io.WriteString(w, b.String())
	if err != nil {
		return fmt.Errorf("write markdown report: %w", err)
	}
	return nil
}

// worstItemAt returns the formatted i-th worst conversation, in Report.Worst order.
func worstItemAt(p *page, i int) worstItem {
	for _, g := range p.Worst {
		if i < len(g.Items) {
			return g.Items[i]
		}
		i -= len(g.Items)
	}
	return worstItem{}
}

// mdEscaper neutralises what Markdown or the HTML inside it would interpret: tags, entities, table pipes,
// emphasis, links and line breaks. Underscores stay: GitHub does not
// emphasise inside words, and criterion names read better without backslashes.
var mdEscaper = strings.NewReplacer(
	"&", "&amp;", "<", "&lt;", ">", "&gt;", "|", "\\|", "\\", "\\\\", "*", "\\*", "`", "\\`",
	"[", "\\[", "]", "\\]", "~", "\\~", "\r\n", " ", "\n", " ", "\r", " ",
)

// mdText escapes s for a Markdown paragraph or table cell.
func mdText(s string) string { return mdEscaper.Replace(s) }
