package heuristics

import (
	"unicode"
	"unicode/utf8"
)

// Folded text is what phrases are matched against: lower case, Latin diacritics removed (é→e, ß→ss, ø→o),
// every run of characters that are not letters, digits or combining marks turned into one space, framed as
// "< word word >" so that " phrase " matches whole words and "< phrase >" a whole turn.
const (
	foldStart = '<'
	foldEnd   = '>'
)

// latinFold maps the Latin letters U+00C0..U+024F to their lower-case ASCII spelling ("" = keep as is).
var latinFold = func() (t [0x250 - 0xC0]string) {
	pairs := []string{
		"àáâãäåāăąǎǻ", "a", "æǽ", "ae", "çćĉċč", "c", "ďđ", "d", "èéêëēĕėęě", "e", "ĝğġģ", "g", "ĥħ", "h",
		"ìíîïĩīĭįıǐ", "i", "ĳ", "ij", "ĵ", "j", "ķ", "k", "ĺļľŀł", "l", "ñńņňŉ", "n", "òóôõöøōŏőǒǿ", "o", "œ", "oe",
		"ŕŗř", "r", "śŝşšș", "s", "ß", "ss", "ţťŧț", "t", "ùúûüũūŭůűųǔǖǘǚǜ", "u", "ŵ", "w", "ýÿŷ", "y", "źżž", "z",
		"ð", "d", "þ", "th",
	}
	for i := 0; i < len(pairs); i += 2 {
		for _, r := range pairs[i] {
			t[r-0xC0] = pairs[i+1]
			if u := unicode.ToUpper(r); u != r && u >= 0xC0 && u < 0x250 {
				t[u-0xC0] = pairs[i+1]
			}
		}
	}
	t['İ'-0xC0] = "i"
	return t
}()

// asciiFold maps each ASCII byte to its folded form: a lower-case letter or digit, or 0 for a separator.
var asciiFold = func() (t [128]byte) {
	for c := '0'; c <= '9'; c++ {
		t[c] = byte(c)
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = byte(c)
		t[c-'a'+'A'] = byte(c)
	}
	return t
}()

// textStats are the raw-text measurements taken while folding.
type textStats struct {
	upper, lower int  // cased letters
	bangRun      int  // longest run of '!' and '?' that holds a '!'
	words        int  // whitespace-separated tokens holding a letter
	wordLetters  int  // letters in those tokens
	sentences    int  // sentence ends (., !, ?, …, 。, ！, ？ or a line break after words)
	cjk          int  // Han, kana and Hangul letters
	angry        int  // angry-face emoji (see angryEmoji)
	question     bool // the text holds a question mark
	nonASCII     bool // the folded text holds non-ASCII bytes
}

// angryEmoji reports whether r is an emoji that customers use for anger or exasperation: pouting, angry,
// steaming and swearing faces, eye-roll, middle finger.
func angryEmoji(r rune) bool {
	switch r {
	case 0x1F620, 0x1F621, 0x1F624, 0x1F92C, 0x1F644, 0x1F595:
		return true
	}
	return false
}

// shoutWords is the run of consecutive all-caps words that shouts a sentence inside a mixed-case turn
// ("WHY IS THIS SO HARD?? I just want it fixed"). Shorter runs are mostly acronyms and codes ("DHL", "PIN"),
// and a run that starts inside a sentence is mostly a quoted status ("it says DELIVERED TO PARCEL LOCKER").
const shoutWords = 4

// shoutedRun returns the upper-case letters of the longest run of at least shoutWords all-caps words that
// starts a sentence of s, or 0. Words and sentences are as fold counts them; words without cased letters
// (numbers) neither extend nor break a run. It is a separate pass because only customer turns with many
// capitals need it.
func shoutedRun(s string) int {
	best, runWords, runUpper := 0, 0, 0
	atStart, runAtStart := true, false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			atStart = atStart || r == '\n'
			i += n
			continue
		}
		upper, lower, last := 0, 0, r
		for i < len(s) {
			r, n = utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				break
			}
			if unicode.IsUpper(r) {
				upper++
			} else if unicode.IsLower(r) {
				lower++
			}
			last = r
			i += n
		}
		switch {
		case lower > 0:
			runWords, runUpper = 0, 0
		case upper > 0:
			if runWords == 0 {
				runAtStart = atStart
			}
			runWords++
			runUpper += upper
			if runAtStart && runWords >= shoutWords && runUpper > best {
				best = runUpper
			}
		}
		if upper+lower > 0 {
			atStart = false
		}
		switch last {
		case '.', '!', '?', '。', '！', '？', '…':
			atStart = true
		}
	}
	return best
}

// fold appends the folded form of s to dst and measures s on the way.
func fold(dst []byte, s string) ([]byte, textStats) {
	var st textStats
	dst = append(dst, foldStart, ' ')
	space := true // the last byte written is a space
	inWord, wordHasLetter, sentenceHasWord := false, false, false
	bang, bangHasExcl := 0, false
	endWord := func() {
		if inWord && wordHasLetter {
			st.words++
			sentenceHasWord = true
		}
		inWord, wordHasLetter = false, false
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c == '!' || c == '?' {
			st.question = st.question || c == '?'
			bang++
			bangHasExcl = bangHasExcl || c == '!'
			if bangHasExcl && bang > st.bangRun {
				st.bangRun = bang
			}
		} else {
			bang, bangHasExcl = 0, false
		}
		if c < utf8.RuneSelf {
			i++
			f := asciiFold[c]
			switch {
			case f != 0:
				if c >= 'A' && c <= 'Z' {
					st.upper++
				} else if c >= 'a' && c <= 'z' {
					st.lower++
				}
				if f > '9' {
					st.wordLetters++
					wordHasLetter = true
				}
				inWord = true
				dst = append(dst, f)
				space = false
				continue
			case c == ' ' || c == '\t' || c == '\r':
				endWord()
			case c == '\n':
				endWord()
				if sentenceHasWord {
					st.sentences++
					sentenceHasWord = false
				}
			case c == '.' || c == '!' || c == '?':
				if i >= len(s) || s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r' {
					endWord()
					if sentenceHasWord {
						st.sentences++
						sentenceHasWord = false
					}
				}
			}
			// Anything else separates words for matching; ' and - stay word-internal for readability
			// ("don't", "e-mail") because they do not end the word here.
			if !space {
				dst = append(dst, ' ')
				space = true
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case unicode.IsLetter(r):
			inWord, wordHasLetter = true, true
			st.wordLetters++
			if unicode.IsUpper(r) {
				st.upper++
			} else if unicode.IsLower(r) {
				st.lower++
			}
			if r >= 0xC0 && r < 0x250 {
				if f := latinFold[r-0xC0]; f != "" {
					dst = append(dst, f...)
					space = false
					continue
				}
			}
			if sc := scriptOf(r); sc >= scriptHangul {
				st.cjk++
			}
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
			st.nonASCII = true
			space = false
			continue
		case unicode.IsMark(r) || unicode.IsDigit(r):
			inWord = true
			dst = utf8.AppendRune(dst, r)
			st.nonASCII = true
			space = false
			continue
		case r == '。' || r == '！' || r == '？' || r == '…':
			st.question = st.question || r == '？'
			endWord()
			if sentenceHasWord || st.cjk > 0 {
				st.sentences++
				sentenceHasWord = false
			}
		case unicode.IsSpace(r):
			endWord()
		case r >= 0x1F595 && angryEmoji(r):
			st.angry++
		}
		if !space {
			dst = append(dst, ' ')
			space = true
		}
	}
	endWord()
	if sentenceHasWord {
		st.sentences++
	}
	if !space {
		dst = append(dst, ' ')
	}
	dst = append(dst, foldEnd)
	return dst, st
}
