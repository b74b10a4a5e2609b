package datasets

import (
	"crypto/sha256"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/convqa/convqa/pipeline/transcript"
)

// abReDialCriteria maps the dialogue-level rating columns of AB-ReDial onto label criteria.
var abReDialCriteria = []struct{ column, criterion string }{
	{"understanding", "understanding"},
	{"task-completion", "task_completion"},
	{"interest-arousal", "interest_arousal"},
	{"efficiency", "efficiency"},
	{"dialogue-overall", "overall"},
}

// ConvertABReDial reads AB-ReDial's annotated_dialogues.csv and writes each dialogue once to out, as a
// human-channel transcript in English (SYSTEM, the recommender, is the agent; USER is the customer), and one row
// per rater and criterion to labels as the human labels CSV (conversation_id,criterion,value,rater). It returns
// the number of conversations and of label rows written. labels may be nil.
//
// The file has one row per rater per dialogue. A few ConvIds are shared by two different dialogues; each gets
// its own conversation, the second with the id suffix "-2". Raters are anonymous: rater "r2" is the second row
// of a dialogue, not the same person across dialogues. Empty ratings are skipped; values are written as
// numbers ("3.0" becomes "3"). Utterances are "SYSTEM" or "USER", then a tab or other white space, then the text;
// empty cells end the dialogue. ConvertABReDial flushes out.
func ConvertABReDial(r io.Reader, out *transcript.JSONLWriter, labels io.Writer) (convs int, labelRows int, err error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return 0, 0, fmt.Errorf("convert ab-redial: read header: %w", err)
	}
	cols, err := abReDialColumns(header)
	if err != nil {
		return 0, 0, fmt.Errorf("convert ab-redial: %w", err)
	}

	var lw *csv.Writer
	if labels != nil {
		lw = csv.NewWriter(labels)
		if err := lw.Write([]string{"conversation_id", "criterion", "value", "rater"}); err != nil {
			return 0, 0, fmt.Errorf("convert ab-redial: write labels: %w", err)
		}
	}
	// dialogues maps a ConvId to the content hashes of its distinct dialogues, in order of appearance; raters
	// counts the rows seen per conversation id.
	dialogues := map[string][][32]byte{}
	raters := map[string]int{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return convs, labelRows, fmt.Errorf("convert ab-redial: %w", err)
		}
		line, _ := cr.FieldPos(0)
		cell := func(i int) string {
			if i < len(rec) {
				return rec[i]
			}
			return ""
		}
		convID := strings.TrimSpace(cell(cols.id))
		if convID == "" {
			return convs, labelRows, fmt.Errorf("convert ab-redial: line %d: empty ConvId", line)
		}
		turns, err := abReDialTurns(cols.utterances, cell)
		if err != nil {
			return convs, labelRows, fmt.Errorf("convert ab-redial: line %d (ConvId %s): %w", line, convID, err)
		}
		h := hashTurns(turns)
		k := -1
		for i, seen := range dialogues[convID] {
			if seen == h {
				k = i
			}
		}
		if k < 0 {
			dialogues[convID] = append(dialogues[convID], h)
			k = len(dialogues[convID]) - 1
		}
		id := "ab-redial/" + convID
		if k > 0 {
			id += "-" + strconv.Itoa(k+1)
		}
		raters[id]++
		if raters[id] == 1 {
			c := &transcript.Conversation{
				ID: id, Channel: transcript.ChannelHuman, Language: "en", Topic: "movie_recommendation",
				Metadata: map[string]any{"source": "ab-redial", "source_id": convID},
				Turns:    turns,
			}
			if err := out.Write(c); err != nil {
				return convs, labelRows, fmt.Errorf("convert ab-redial: %w", err)
			}
			convs++
		}
		if lw == nil {
			continue
		}
		rater := "r" + strconv.Itoa(raters[id])
		for i, crit := range abReDialCriteria {
			raw := strings.TrimSpace(cell(cols.criteria[i]))
			if raw == "" {
				continue
			}
			v, err := strconv.ParseFloat(raw, 64)
			if err != nil {
				return convs, labelRows, fmt.Errorf("convert ab-redial: line %d column %s: %q is not a number", line, crit.column, raw)
			}
			if err := lw.Write([]string{id, crit.criterion, strconv.FormatFloat(v, 'f', -1, 64), rater}); err != nil {
				return convs, labelRows, fmt.Errorf("convert ab-redial: write labels: %w", err)
			}
			labelRows++
		}
	}
	if lw != nil {
		lw.Flush()
		if err := lw.Error(); err != nil {
			return convs, labelRows, fmt.Errorf("convert ab-redial: write labels: %w", err)
		}
	}
	if err := out.Flush(); err != nil {
		return convs, labelRows, fmt.Errorf("convert ab-redial: %w", err)
	}
	return convs, labelRows, nil
}

type abReDialCols struct {
	id         int
	utterances []int // column indexes in the order of the utterance numbers
	criteria   []int // indexes of abReDialCriteria's columns
}

func abReDialColumns(header []string) (abReDialCols, error) {
	cols := abReDialCols{id: -1}
	byName := map[string]int{}
	type utt struct{ n, col int }
	var utts []utt
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		byName[h] = i
		if rest, ok := strings.CutPrefix(h, "utterance"); ok {
			if n, err := strconv.Atoi(rest); err == nil {
				utts = append(utts, utt{n, i})
			}
		}
	}
	id, ok := byName["ConvId"]
	if !ok {
		return cols, errors.New("header has no ConvId column")
	}
	cols.id = id
	if len(utts) == 0 {
		return cols, errors.New("header has no utterance columns (utterance0, utterance1, ...)")
	}
	sort.Slice(utts, func(a, b int) bool { return utts[a].n < utts[b].n })
	for _, u := range utts {
		cols.utterances = append(cols.utterances, u.col)
	}
	for _, c := range abReDialCriteria {
		i, ok := byName[c.column]
		if !ok {
			return cols, fmt.Errorf("header has no %s column", c.column)
		}
		cols.criteria = append(cols.criteria, i)
	}
	return cols, nil
}

// abReDialTurns reads the utterance cells of one row: "SYSTEM" or "USER", white space (a tab in most rows, spaces
// or an em space in some), then the text.
func abReDialTurns(utterances []int, cell func(int) string) ([]transcript.Turn, error) {
	var turns []transcript.Turn
	for k, col := range utterances {
		u := strings.TrimSpace(cell(col))
		if u == "" {
			continue
		}
		end := strings.IndexFunc(u, unicode.IsSpace)
		speaker, text := u, ""
		if end >= 0 {
			speaker, text = u[:end], strings.TrimSpace(u[end:])
		}
		var role transcript.Role
		switch strings.ToUpper(speaker) {
		case "SYSTEM":
			role = transcript.RoleAgent
		case "USER":
			role = transcript.RoleCustomer
		default:
			return nil, fmt.Errorf("utterance%d: want SYSTEM or USER before the text, got %q", k, abbreviate(u, 40))
		}
		turns = append(turns, transcript.Turn{Role: role, Text: text})
	}
	if len(turns) == 0 {
		return nil, errors.New("no utterances")
	}
	return turns, nil
}

func hashTurns(turns []transcript.Turn) [32]byte {
	h := sha256.New()
	for _, t := range turns {
		h.Write([]byte(t.Role))
		h.Write([]byte{0})
		h.Write([]byte(t.Text))
		h.Write([]byte{0})
	}
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}

func abbreviate(s string, n int) string {
	if len([]rune(s)) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
