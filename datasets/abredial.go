package datasets

import (
	"crypto/sha256"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/convqa/convqa/pipeline/transcript"
)

// abReDialCriteria maps the dialogue-level rating columns of AB-ReDial's annotated_dialogues.csv onto label
// criteria.
var abReDialCriteria = []struct{ column, criterion string }{
	{"understanding", "understanding"},
	{"task-completion", "task_completion"},
	{"interest-arousal", "interest_arousal"},
	{"efficiency", "efficiency"},
	{"dialogue-overall", "overall"},
}

// abReDialSegmentCriteria are the rating columns of annotated_turns.csv, each followed by the segment's number
// (overall1 rates the first segment).
var abReDialSegmentCriteria = []string{"relevance", "interestingness", "overall"}

// ConvertABReDial reads one of AB-ReDial's two annotated files and writes its conversations to out, as
// human-channel transcripts in English (SYSTEM, the recommender, is the agent; USER is the customer), and one row
// per rater and criterion to labels as the human labels CSV (conversation_id,criterion,value,rater). It returns
// the number of conversations and of label rows written. labels may be nil. The header tells the files apart:
//
//   - annotated_dialogues.csv rates whole dialogues (understanding, task-completion, interest-arousal,
//     efficiency, dialogue-overall): each dialogue is one conversation "ab-redial/ID".
//   - annotated_turns.csv rates segments of the first twelve utterances (relevance1, interestingness1,
//     overall1 for the utterances before them, and so on): each segment is one conversation "ab-redial/ID/N",
//     labelled relevance, interestingness and overall.
//
// The files have one row per rater per dialogue. A few ConvIds are shared by two different dialogues; each gets
// its own conversation, the second with the id suffix "-2" ("ab-redial/J7-2", "ab-redial/J7-2/1"). Raters are
// anonymous: rater "r2" is the second row of a dialogue, not the same person across dialogues. Empty ratings
// are skipped; values are written as numbers ("3.0" becomes "3"). Utterances are "SYSTEM" or "USER", then a
// tab or other white space, then the text; empty cells are skipped. ConvertABReDial flushes out.
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
	// counts the rows seen per dialogue.
	dialogues := map[string][][32]byte{}
	raters := map[string]int{}
	turns := make([][]transcript.Turn, len(cols.units))
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
		some := false
		for u, unit := range cols.units {
			if turns[u], err = abReDialTurns(unit.utterances, cell); err != nil {
				return convs, labelRows, fmt.Errorf("convert ab-redial: line %d (ConvId %s): %w", line, convID, err)
			}
			some = some || len(turns[u]) > 0
		}
		if !some {
			return convs, labelRows, fmt.Errorf("convert ab-redial: line %d (ConvId %s): no utterances", line, convID)
		}
		h := hashTurns(slices.Concat(turns...))
		k := slices.Index(dialogues[convID], h)
		if k < 0 {
			dialogues[convID] = append(dialogues[convID], h)
			k = len(dialogues[convID]) - 1
		}
		base := "ab-redial/" + convID
		if k > 0 {
			base += "-" + strconv.Itoa(k+1)
		}
		raters[base]++
		rater := "r" + strconv.Itoa(raters[base])
		for u, unit := range cols.units {
			if len(turns[u]) == 0 {
				continue
			}
			id := base + unit.suffix
			if raters[base] == 1 {
				meta := map[string]any{"source": "ab-redial", "source_id": convID}
				if unit.segment > 0 {
					meta["segment"] = unit.segment
				}
				c := &transcript.Conversation{
					ID: id, Channel: transcript.ChannelHuman, Language: "en", Topic: "movie_recommendation",
					Metadata: meta, Turns: turns[u],
				}
				if err := out.Write(c); err != nil {
					return convs, labelRows, fmt.Errorf("convert ab-redial: %w", err)
				}
				convs++
			}
			if lw == nil {
				continue
			}
			for _, crit := range unit.criteria {
				raw := strings.TrimSpace(cell(crit.col))
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

// abReDialCols is the layout of one of the annotated files: the ConvId column and the rated units of a row.
type abReDialCols struct {
	id    int
	units []abReDialUnit
}

// abReDialUnit is the part of a row that becomes one conversation: the whole dialogue, or one rated segment.
type abReDialUnit struct {
	suffix     string // appended to the conversation id: "" for a dialogue, "/N" for segment N
	segment    int    // N, or 0 for a dialogue
	utterances []int  // column indexes in the order of the utterance numbers
	criteria   []abReDialRating
}

type abReDialRating struct {
	col               int
	column, criterion string
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

	if _, segmented := byName["overall1"]; segmented {
		// annotated_turns.csv: segment N holds the utterance columns after segment N-1's ratings and before its own.
		for n := 1; ; n++ {
			unit := abReDialUnit{suffix: "/" + strconv.Itoa(n), segment: n}
			first := len(header)
			var missing []string
			for _, c := range abReDialSegmentCriteria {
				name := c + strconv.Itoa(n)
				i, ok := byName[name]
				if !ok {
					missing = append(missing, name)
					continue
				}
				unit.criteria = append(unit.criteria, abReDialRating{i, name, c})
				first = min(first, i)
			}
			if n > 1 && len(unit.criteria) == 0 {
				break
			}
			if len(missing) > 0 {
				return cols, fmt.Errorf("header has no %s column", strings.Join(missing, ", "))
			}
			prev := -1 // the last rating column of the segment before
			if n > 1 {
				for _, c := range cols.units[n-2].criteria {
					prev = max(prev, c.col)
				}
			}
			for _, u := range utts {
				if u.col > prev && u.col < first {
					unit.utterances = append(unit.utterances, u.col)
				}
			}
			if len(unit.utterances) == 0 {
				return cols, fmt.Errorf("header has no utterance columns before %s", header[first])
			}
			cols.units = append(cols.units, unit)
		}
		return cols, nil
	}

	unit := abReDialUnit{}
	for _, u := range utts {
		unit.utterances = append(unit.utterances, u.col)
	}
	for _, c := range abReDialCriteria {
		i, ok := byName[c.column]
		if !ok {
			return cols, fmt.Errorf("header has no %s column", c.column)
		}
		unit.criteria = append(unit.criteria, abReDialRating{i, c.column, c.criterion})
	}
	cols.units = append(cols.units, unit)
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
