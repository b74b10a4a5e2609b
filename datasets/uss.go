package datasets

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/convqa/convqa/pipeline/transcript"
)

// USSOptions says how ConvertUSS names and files the conversations of one USS file.
type USSOptions struct {
	// Prefix starts every conversation id: "uss-sgd" gives "uss-sgd/1", "uss-sgd/2", ... in file order.
	Prefix string
	// Channel is the channel of every conversation; empty means human.
	Channel transcript.Channel
	// Language is the language of every conversation (BCP 47, "en", "zh"); empty leaves it to detection.
	Language string
}

// ConvertUSS reads one file of User Satisfaction Simulation (USS; Sun et al., SIGIR 2021: SGD.txt, MWOZ.txt,
// ReDial.txt, CCPE.txt, JDDC.txt) and writes its dialogues to out, and each rater's dialogue-level satisfaction
// (1 to 5) to labels as the human labels CSV (conversation_id,criterion,value,rater), criterion "overall". It
// returns the number of conversations and label rows written; labels may be nil.
//
// A USS file has one utterance a line, its fields separated by tabs: the speaker (USER or SYSTEM, in any case),
// the text, the action, and for user utterances the raters' satisfaction, comma-separated ("3,4,3"); JDDC adds
// the raters' explanations. Blank lines end a dialogue. A last line "USER<tab>OVERALL<tab><tab>3,4,3" holds the
// dialogue-level ratings; it is not a turn. SYSTEM is the agent, USER the customer; actions, per-utterance
// ratings and explanations are not kept. Raters are anonymous: "r2" is the second rating of a dialogue, not the
// same person across dialogues. A dialogue without an OVERALL line is written without labels. Errors name the
// line and field at fault. ConvertUSS flushes out.
func ConvertUSS(r io.Reader, opt USSOptions, out *transcript.JSONLWriter, labels io.Writer) (convs, labelRows int, err error) {
	prefix := opt.Prefix
	if prefix == "" {
		prefix = "uss"
	}
	channel := opt.Channel
	if channel == "" {
		channel = transcript.ChannelHuman
	}
	var lw *csv.Writer
	if labels != nil {
		lw = csv.NewWriter(labels)
		if err := lw.Write([]string{"conversation_id", "criterion", "value", "rater"}); err != nil {
			return 0, 0, fmt.Errorf("convert uss: write labels: %w", err)
		}
	}

	var (
		turns   []transcript.Turn
		overall []string // the dialogue's OVERALL ratings, already checked
		first   int      // the line the dialogue starts on
	)
	flush := func() error {
		if len(turns) == 0 {
			if overall != nil {
				return fmt.Errorf("line %d: OVERALL ratings without a dialogue before them", first)
			}
			return nil
		}
		convs++
		id := prefix + "/" + strconv.Itoa(convs)
		c := &transcript.Conversation{
			ID: id, Channel: channel, Language: opt.Language, Turns: turns,
			Metadata: map[string]any{"source": prefix, "source_line": first},
		}
		if err := out.Write(c); err != nil {
			return err
		}
		if lw != nil {
			for i, v := range overall {
				if err := lw.Write([]string{id, "overall", v, "r" + strconv.Itoa(i+1)}); err != nil {
					return fmt.Errorf("write labels: %w", err)
				}
				labelRows++
			}
		}
		turns, overall = nil, nil
		return nil
	}

	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSuffix(sc.Text(), "\r")
		if line == 1 {
			text = strings.TrimPrefix(text, "\ufeff")
		}
		if strings.TrimSpace(text) == "" {
			if err := flush(); err != nil {
				return convs, labelRows, fmt.Errorf("convert uss: %w", err)
			}
			continue
		}
		if len(turns) == 0 && overall == nil {
			first = line
		}
		fields := strings.Split(text, "\t")
		if len(fields) < 2 {
			return convs, labelRows, fmt.Errorf("convert uss: line %d: want speaker and text separated by a tab, got %q", line, abbreviate(text, 40))
		}
		speaker := strings.ToUpper(strings.TrimSpace(fields[0]))
		utterance := strings.TrimSpace(fields[1])
		var ratings []string
		if len(fields) > 3 {
			if ratings, err = ussRatings(fields[3]); err != nil {
				return convs, labelRows, fmt.Errorf("convert uss: line %d field 4 (satisfaction): %w", line, err)
			}
		}
		if speaker == "USER" && utterance == "OVERALL" {
			if len(ratings) == 0 {
				return convs, labelRows, fmt.Errorf("convert uss: line %d field 4 (satisfaction): OVERALL line without ratings", line)
			}
			if overall != nil {
				return convs, labelRows, fmt.Errorf("convert uss: line %d: second OVERALL line in one dialogue (a blank line missing?)", line)
			}
			overall = ratings
			continue
		}
		if overall != nil {
			return convs, labelRows, fmt.Errorf("convert uss: line %d: utterance after the dialogue's OVERALL line (a blank line missing?)", line)
		}
		var role transcript.Role
		switch speaker {
		case "USER":
			role = transcript.RoleCustomer
		case "SYSTEM":
			role = transcript.RoleAgent
		default:
			return convs, labelRows, fmt.Errorf("convert uss: line %d field 1 (speaker): want USER or SYSTEM, got %q", line, abbreviate(fields[0], 20))
		}
		if utterance == "" {
			continue
		}
		turns = append(turns, transcript.Turn{Role: role, Text: utterance})
	}
	if err := sc.Err(); err != nil {
		return convs, labelRows, fmt.Errorf("convert uss: after line %d: %w", line, err)
	}
	if err := flush(); err != nil {
		return convs, labelRows, fmt.Errorf("convert uss: %w", err)
	}
	if lw != nil {
		lw.Flush()
		if err := lw.Error(); err != nil {
			return convs, labelRows, fmt.Errorf("convert uss: write labels: %w", err)
		}
	}
	if err := out.Flush(); err != nil {
		return convs, labelRows, fmt.Errorf("convert uss: %w", err)
	}
	return convs, labelRows, nil
}

// ussRatings parses a comma-separated list of satisfaction ratings, each 1 to 5; an empty field has none.
func ussRatings(field string) ([]string, error) {
	field = strings.TrimSpace(field)
	if field == "" {
		return nil, nil
	}
	parts := strings.Split(field, ",")
	for i, p := range parts {
		p = strings.TrimSpace(p)
		v, err := strconv.ParseFloat(p, 64)
		if err != nil || v < 1 || v > 5 {
			return nil, fmt.Errorf("rating %d is %q, want a number from 1 to 5", i+1, p)
		}
		parts[i] = strconv.FormatFloat(v, 'f', -1, 64)
	}
	return parts, nil
}
