package heuristics

import (
	"math"
	"math/bits"
	"slices"
	"strings"
	"time"

	"github.com/convqa/convqa/pipeline/redact"
	"github.com/convqa/convqa/pipeline/transcript"
)

// Signals are the heuristic measurements of one conversation. Each field is the signal of the same name in
// snake case (AgentPIISevere is agent_pii_severe), documented in one line by Docs. Float fields hold
// math.NaN() when the signal is unknown or does not apply (no timestamps, no ask for a human, too little
// text). Turn indexes are 0-based positions in Conversation.Turns; the agent side is bot and human-agent turns.
type Signals struct {
	Turns, CustomerTurns, AgentTurns, BotTurns, HumanAgentTurns, SystemTurns int

	DurationS, FirstResponseS, MedianResponseS float64

	Escalated                                bool
	TurnsBeforeHandoff, SecondsBeforeHandoff float64

	AskedForHuman                                   bool
	AskedForHumanTurn, GotHuman                     float64
	TurnsToHuman, SecondsToHuman, HumanRefused      float64
	BotLoops, HumanAgentLoops, CustomerRepeats      int
	FallbackAnswers, BotFallbackAnswers             int
	Frustration                                     int
	CustomerPositive, CustomerRejections            int // see sentiment.go
	Resolved, Unresolved, Abandoned, CustomerThanks bool

	// CustomerLanguage and AgentLanguage are ISO 639-1 codes, "" when undetectable.
	CustomerLanguage, AgentLanguage string
	LanguageMatch                   float64

	AgentPII, AgentPIISevere, AgentPIIEchoed int

	Greeting, Closing bool

	Readability, AgentWordsPerSentence, AgentWordLength float64

	AgentSpecificShare float64 // see specific.go

	InjectionAttempt bool
}

// turnInfo is what the first pass learns about one turn.
type turnInfo struct {
	role  transcript.Role // the effective role (an agent turn signed by a bot is a bot turn)
	cats  catSet
	frust int       // frustration markers in a customer turn
	asks  bool      // the turn holds a question mark
	gives bool      // an agent-side turn that gives something specific: a number, a name, a quote, a link
	sig   [8]uint64 // 512-bit set of the turn's word hashes
	at    time.Time
}

func (t *turnInfo) agentSide() bool {
	return t.role == transcript.RoleBot || t.role == transcript.RoleAgent
}

// Thresholds of the signals (the scorers' thresholds are in score.go).
const (
	// loopSimilarity and repeatSimilarity are the word-set Jaccard similarities at which an agent-side turn
	// repeats an earlier one of the same role, and a customer turn repeats an earlier customer turn
	// (customers rephrase a little when they repeat themselves).
	loopSimilarity   = 0.8
	repeatSimilarity = 0.7
	// minRepeatWords is the number of distinct words a turn needs to count as a repeat ("yes" twice is not);
	// longRepeatWords the number from which a customer turn restates an issue rather than asks a routine question.
	minRepeatWords  = 3
	longRepeatWords = 7
	// repeatWindow bounds the earlier turns of a role compared with each turn, so long chats stay linear.
	repeatWindow = 24
	// shoutLetters and shoutShare: a customer turn shouts when it has this many upper-case letters and they
	// are this share of its cased letters, or when a run of shoutWords all-caps words holds this many.
	shoutLetters = 12
	shoutShare   = 0.7
	// bangRun is the run of '!' (or '!' and '?') that counts as a frustration marker.
	bangRun = 3
	// minReadabilityWords is the agent-side text below which readability is unknown.
	minReadabilityWords = 8
)

// Signals computes the signals of c. It never fails: missing data gives NaN, not an error.
func (a *Analyzer) Signals(c *transcript.Conversation) Signals {
	s := Signals{
		DurationS: math.NaN(), FirstResponseS: math.NaN(), MedianResponseS: math.NaN(),
		TurnsBeforeHandoff: math.NaN(), SecondsBeforeHandoff: math.NaN(),
		AskedForHumanTurn: math.NaN(), GotHuman: math.NaN(), TurnsToHuman: math.NaN(), SecondsToHuman: math.NaN(),
		HumanRefused: math.NaN(), LanguageMatch: math.NaN(),
		Readability: math.NaN(), AgentWordsPerSentence: math.NaN(), AgentWordLength: math.NaN(),
		AgentSpecificShare: math.NaN(),
	}
	if c == nil {
		return s
	}
	sc := a.scratch.Get().(*scratch)
	defer func() {
		// The customer's data would otherwise outlive the call in the pool.
		clear(sc.custPII)
		clear(sc.custPlaceholders)
		sc.custPII, sc.custPlaceholders, sc.custUpTo = sc.custPII[:0], sc.custPlaceholders[:0], 0
		a.scratch.Put(sc)
	}()
	turns := sc.turns[:0]

	var custLang, agentLang langState
	var words, letters, sentences, cjk int
	var concrete, named int // agent-side turns carrying a concrete specific; a name but nothing concrete
	for i := range c.Turns {
		t := &c.Turns[i]
		ti := turnInfo{role: t.Role, at: t.At}
		var st textStats
		sc.folded, st = fold(sc.folded[:0], t.Text)
		var counts [numCategories]uint16
		ti.cats = a.latin.match(sc.folded, &counts)
		if st.nonASCII {
			ti.cats |= a.uni.match(sc.folded, &counts)
		}
		if ti.role == transcript.RoleAgent && (ti.cats.has(catBotName) || a.isBotAuthor(sc, t.Author)) {
			ti.role = transcript.RoleBot
		}
		signature(&ti.sig, sc.folded)
		ti.asks = st.question
		switch ti.role {
		case transcript.RoleCustomer:
			ti.frust = int(counts[catFrustration])
			// A shouted turn, or a shouted clause of shoutWords or more words, counts once.
			if st.upper >= shoutLetters && (float64(st.upper) >= shoutShare*float64(st.upper+st.lower) || shoutedRun(t.Text) >= shoutLetters) {
				ti.frust++
			}
			if st.angry > 0 {
				ti.frust++
			}
			if st.bangRun >= bangRun {
				ti.frust++
			}
			a.det.feed(&custLang, t.Text)
		case transcript.RoleBot, transcript.RoleAgent:
			a.det.feed(&agentLang, t.Text)
			words += st.words
			letters += st.wordLetters
			sentences += st.sentences
			cjk += st.cjk
			sc.countAgentPII(c.Turns, i, &s)
			sp := findSpecific(t.Text)
			if sp.concrete {
				concrete++
			} else if sp.named {
				named++
			}
			ti.gives = sp.concrete || sp.named
		}
		if ti.role != transcript.RoleSystem && ti.cats.has(catInjection) {
			s.InjectionAttempt = true
		}
		turns = append(turns, ti)
	}
	sc.turns = turns

	countTurns(&s, turns)
	timing(&s, turns, sc)
	handoff(&s, turns)
	humanAccess(&s, turns)
	repeats(&s, turns)
	resolution(&s, turns)
	customerReactions(&s, turns)
	greetingClosing(&s, turns)

	if cl, al := a.det.result(&custLang), a.det.result(&agentLang); cl >= 0 || al >= 0 {
		if cl >= 0 {
			s.CustomerLanguage = a.det.langs[cl]
		}
		if al >= 0 {
			s.AgentLanguage = a.det.langs[al]
		}
		if cl >= 0 && al >= 0 {
			s.LanguageMatch = 0
			if a.det.near(&agentLang, cl) {
				s.LanguageMatch = 1
			}
		}
	}
	if s.AgentTurns > 0 {
		if capitalisesNouns[s.AgentLanguage] {
			named = 0
		}
		s.AgentSpecificShare = float64(concrete+named) / float64(s.AgentTurns)
	}
	if words >= minReadabilityWords && 2*cjk < letters {
		s.AgentWordsPerSentence = float64(words) / float64(max(sentences, 1))
		s.AgentWordLength = float64(letters) / float64(words)
		s.Readability = readingEase(s.AgentWordsPerSentence, s.AgentWordLength)
	}
	return s
}

// isBotAuthor reports whether a turn's author is a bot name.
func (a *Analyzer) isBotAuthor(sc *scratch, author string) bool {
	if author == "" {
		return false
	}
	start := len(sc.folded)
	var f []byte
	f, _ = fold(sc.folded, author)
	sc.folded = f[:start]
	core := f[start+2 : len(f)-1]
	for len(core) > 0 && core[len(core)-1] == ' ' {
		core = core[:len(core)-1]
	}
	return a.botAuthors[string(core)]
}

// countTurns counts turns by role, and the per-turn markers that are plain sums.
func countTurns(s *Signals, turns []turnInfo) {
	for i := range turns {
		switch turns[i].role {
		case transcript.RoleCustomer:
			s.CustomerTurns++
			s.Frustration += turns[i].frust
		case transcript.RoleBot:
			s.BotTurns++
			if turns[i].cats.has(catFallback) {
				s.BotFallbackAnswers++
				s.FallbackAnswers++
			}
		case transcript.RoleAgent:
			s.HumanAgentTurns++
			if turns[i].cats.has(catFallback) {
				s.FallbackAnswers++
			}
		default:
			s.SystemTurns++
		}
	}
	s.AgentTurns = s.BotTurns + s.HumanAgentTurns
	s.Turns = s.CustomerTurns + s.AgentTurns
}

// timing fills duration and response times from the turns' timestamps.
func timing(s *Signals, turns []turnInfo, sc *scratch) {
	var first, last time.Time
	for i := range turns {
		if at := turns[i].at; !at.IsZero() {
			if first.IsZero() || at.Before(first) {
				first = at
			}
			if at.After(last) {
				last = at
			}
		}
	}
	if countTimed(turns) >= 2 {
		s.DurationS = last.Sub(first).Seconds()
	}
	// A customer block starts at its first customer turn and is answered by the next agent-side turn.
	resp := sc.responses[:0]
	firstBlock := true
	pending, pendingAt := false, time.Time{}
	for i := range turns {
		t := &turns[i]
		switch {
		case t.role == transcript.RoleCustomer:
			if !pending {
				pending, pendingAt = true, t.at
			}
		case t.agentSide() && pending:
			if !pendingAt.IsZero() && !t.at.IsZero() && !t.at.Before(pendingAt) {
				d := t.at.Sub(pendingAt).Seconds()
				resp = append(resp, d)
				if firstBlock {
					s.FirstResponseS = d
				}
			}
			pending, firstBlock = false, false
		}
	}
	sc.responses = resp
	if len(resp) > 0 {
		slices.Sort(resp)
		n := len(resp)
		if n%2 == 1 {
			s.MedianResponseS = resp[n/2]
		} else {
			s.MedianResponseS = (resp[n/2-1] + resp[n/2]) / 2
		}
	}
}

func countTimed(turns []turnInfo) int {
	n := 0
	for i := range turns {
		if !turns[i].at.IsZero() {
			n++
		}
	}
	return n
}

// startTime is the earliest known timestamp, zero when none is known.
func startTime(turns []turnInfo) time.Time {
	var first time.Time
	for i := range turns {
		if at := turns[i].at; !at.IsZero() && (first.IsZero() || at.Before(first)) {
			first = at
		}
	}
	return first
}

// timeFrom returns the timestamp of turn i, or of the first later timestamped turn.
func timeFrom(turns []turnInfo, i int) time.Time {
	for ; i < len(turns); i++ {
		if !turns[i].at.IsZero() {
			return turns[i].at
		}
	}
	return time.Time{}
}

// handoff finds the first human-agent turn, or system transfer message, after the first bot turn.
func handoff(s *Signals, turns []turnInfo) {
	firstBot := slices.IndexFunc(turns, func(t turnInfo) bool { return t.role == transcript.RoleBot })
	if firstBot < 0 {
		return
	}
	h := -1
	for i := firstBot + 1; i < len(turns); i++ {
		if t := &turns[i]; t.role == transcript.RoleAgent || (t.role == transcript.RoleSystem && t.cats.has(catTransfer)) {
			h = i
			break
		}
	}
	if h < 0 {
		return
	}
	s.Escalated = true
	s.TurnsBeforeHandoff = float64(nonSystem(turns[:h]))
	if start, at := startTime(turns), timeFrom(turns, h); !start.IsZero() && !at.IsZero() {
		s.SecondsBeforeHandoff = at.Sub(start).Seconds()
	}
}

func nonSystem(turns []turnInfo) int {
	n := 0
	for i := range turns {
		if turns[i].role != transcript.RoleSystem {
			n++
		}
	}
	return n
}

// humanAccess follows the customer's first ask for a person to the first human-agent turn after it.
func humanAccess(s *Signals, turns []turnInfo) {
	ask := slices.IndexFunc(turns, func(t turnInfo) bool {
		return t.role == transcript.RoleCustomer && t.cats.has(catAskHuman) && !t.cats.has(catNoHuman)
	})
	if ask < 0 {
		return
	}
	s.AskedForHuman = true
	s.AskedForHumanTurn = float64(ask)
	s.GotHuman, s.HumanRefused = 0, 0
	botAfter := false
	for i := ask + 1; i < len(turns); i++ {
		switch turns[i].role {
		case transcript.RoleBot:
			botAfter = true
		case transcript.RoleAgent:
			s.GotHuman = 1
			s.TurnsToHuman = float64(nonSystem(turns[ask+1 : i+1]))
			if a, b := turns[ask].at, turns[i].at; !a.IsZero() && !b.IsZero() && !b.Before(a) {
				s.SecondsToHuman = b.Sub(a).Seconds()
			}
			return
		}
	}
	if botAfter {
		s.HumanRefused = 1
	}
}

// repeats counts turns that nearly repeat an earlier turn of the same role. A customer turn counts only when it
// asks again: not an acknowledgement ("yes, that works" after every step of a booking), and not a short
// question after an agent-side turn in between gave something specific (the same "How much will it cost?"
// about the next item is a new question). A long turn restating the issue counts even after a specific answer:
// the answer missed.
func repeats(s *Signals, turns []turnInfo) {
	for i := range turns {
		t := &turns[i]
		threshold := loopSimilarity
		if t.role == transcript.RoleCustomer {
			if t.cats.has(catPositive) || t.cats.has(catThanks) || t.cats.has(catResolved) {
				continue
			}
			threshold = repeatSimilarity
		} else if !t.agentSide() {
			continue
		}
		if popcount(&t.sig) < minRepeatWords {
			continue
		}
		seen, given := 0, false
		for j := i - 1; j >= 0 && seen < repeatWindow; j-- {
			if turns[j].role != t.role {
				given = given || turns[j].gives
				continue
			}
			seen++
			if jaccard(&t.sig, &turns[j].sig) >= threshold && popcount(&turns[j].sig) >= minRepeatWords {
				switch t.role {
				case transcript.RoleCustomer:
					if !given || popcount(&t.sig) >= longRepeatWords {
						s.CustomerRepeats++
					}
				case transcript.RoleBot:
					s.BotLoops++
				default:
					s.HumanAgentLoops++
				}
				break
			}
		}
	}
}

// resolution applies the last resolution statement: the customer's "that worked" or "still not working", or
// the agent side's "I've processed your refund". A customer turn that says both counts as unresolved. The agent
// side's word alone does not resolve a conversation that ends on the customer's unanswered question ("Can I
// see it in the app?", "Hello? Anyone there?"): nobody confirmed the fix and the customer was left waiting.
func resolution(s *Signals, turns []turnInfo) {
	state := 0 // 1 resolved, -1 unresolved
	byAgent := false
	lastNonSystem, lastCustomer := -1, -1
	for i := range turns {
		t := &turns[i]
		switch {
		case t.role == transcript.RoleCustomer:
			lastNonSystem, lastCustomer = i, i
			if t.cats.has(catUnresolved) {
				state = -1
			} else if t.cats.has(catResolved) {
				state, byAgent = 1, false
			}
		case t.agentSide():
			lastNonSystem = i
			if t.cats.has(catAgentResolved) {
				state, byAgent = 1, true
			}
		}
	}
	if lastCustomer >= 0 {
		lc := &turns[lastCustomer]
		s.CustomerThanks = lc.cats.has(catThanks)
		confirms := lc.cats.has(catResolved) && !lc.cats.has(catUnresolved)
		s.Abandoned = lastNonSystem == lastCustomer && !lc.cats.has(catThanks) && !confirms
	}
	if state == 1 && byAgent && s.Abandoned && turns[lastCustomer].asks {
		state = 0
	}
	s.Resolved, s.Unresolved = state == 1, state == -1
}

// greetingClosing looks for a greeting in the first two agent-side turns and a closing in the last two.
func greetingClosing(s *Signals, turns []turnInfo) {
	n := 0
	for i := range turns {
		if turns[i].agentSide() {
			if n < 2 && turns[i].cats.has(catGreeting) {
				s.Greeting = true
			}
			n++
		}
	}
	m := 0
	for i := len(turns) - 1; i >= 0 && m < 2; i-- {
		if turns[i].agentSide() {
			if turns[i].cats.has(catClosing) {
				s.Closing = true
			}
			m++
		}
	}
}

// readingEase maps the mean words per sentence (W) and mean letters per word (L) of a text onto 0-100,
// higher being easier: 100 - 2.5*max(0, W-8) - 25*max(0, L-4), clamped. Short plain sentences (W<=8, L<=4)
// score 100; typical support prose (W≈12, L≈4.7) about 72; long sentences of long words (W=25, L=6) under 10.
func readingEase(w, l float64) float64 {
	return clamp(100-2.5*max(0, w-8)-25*max(0, l-4), 0, 100)
}

func clamp(x, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, x)) }

// signature sets, for each word of a folded text, one bit of a 512-bit set chosen by the word's FNV-1a hash.
func signature(sig *[8]uint64, folded []byte) {
	*sig = [8]uint64{}
	h := uint64(14695981039346656037)
	inWord := false
	for _, b := range folded {
		if b == ' ' || b == foldStart || b == foldEnd {
			if inWord {
				sig[(h>>6)&7] |= 1 << (h & 63)
				h, inWord = 14695981039346656037, false
			}
			continue
		}
		h = (h ^ uint64(b)) * 1099511628211
		inWord = true
	}
}

func popcount(a *[8]uint64) int {
	n := 0
	for _, w := range a {
		n += bits.OnesCount64(w)
	}
	return n
}

func jaccard(a, b *[8]uint64) float64 {
	inter, union := 0, 0
	for i := range a {
		inter += bits.OnesCount64(a[i] & b[i])
		union += bits.OnesCount64(a[i] | b[i])
	}
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

// severeKind reports whether a PII kind is serious when the agent side writes it out: payment cards, bank
// accounts and national identity numbers.
func severeKind(k string) bool {
	return k == string(redact.KindCard) || k == string(redact.KindIBAN) || k == string(redact.KindSSN)
}

// nextPlaceholder finds the first redaction placeholder ("[CARD_1]") in text at or after from: its span and its
// kind ("CARD"); start is -1 when there is none.
func nextPlaceholder(text string, from int) (start, end int, kind string) {
	for i := from; i < len(text); i++ {
		next := strings.IndexByte(text[i:], '[')
		if next < 0 {
			break
		}
		i += next
		j := i + 1
		for j < len(text) && text[j] >= 'A' && text[j] <= 'Z' {
			j++
		}
		if j == i+1 || j+1 >= len(text) || text[j] != '_' {
			continue
		}
		k := j + 1
		for k < len(text) && text[k] >= '0' && text[k] <= '9' {
			k++
		}
		if k > j+1 && k < len(text) && text[k] == ']' {
			return i, k + 1, text[i+1 : j]
		}
	}
	return -1, -1, ""
}

// maxCustomerPII bounds the customer's personal data remembered to tell echoes, so long chats stay linear.
const maxCustomerPII = 64

// customerPIIBefore records the personal data (and redaction placeholders) of the customer turns before turn
// i not recorded yet. It runs only when an agent-side turn writes contact data, so most conversations never pay
// for it.
func (sc *scratch) customerPIIBefore(turns []transcript.Turn, i int) {
	for ; sc.custUpTo < i; sc.custUpTo++ {
		t := &turns[sc.custUpTo]
		if t.Role != transcript.RoleCustomer {
			continue
		}
		for _, m := range redact.Find(t.Text) {
			if len(sc.custPII) < maxCustomerPII {
				sc.custPII = append(sc.custPII, m)
			}
		}
		for a, b, _ := nextPlaceholder(t.Text, 0); a >= 0; a, b, _ = nextPlaceholder(t.Text, b) {
			if len(sc.custPlaceholders) < maxCustomerPII {
				sc.custPlaceholders = append(sc.custPlaceholders, t.Text[a:b])
			}
		}
	}
}

// countAgentPII counts the personal data agent-side turn i writes out: redact.Find matches and redaction
// placeholders (so the signal survives redaction), the severe kinds, and the contact data that echoes what the
// customer wrote earlier.
func (sc *scratch) countAgentPII(turns []transcript.Turn, i int, s *Signals) {
	text := turns[i].Text
	for _, m := range redact.Find(text) {
		s.AgentPII++
		if severeKind(string(m.Kind)) {
			s.AgentPIISevere++
			continue
		}
		sc.customerPIIBefore(turns, i)
		if slices.ContainsFunc(sc.custPII, m.Same) {
			s.AgentPIIEchoed++
		}
	}
	for a, b, kind := nextPlaceholder(text, 0); a >= 0; a, b, kind = nextPlaceholder(text, b) {
		s.AgentPII++
		if severeKind(kind) {
			s.AgentPIISevere++
			continue
		}
		sc.customerPIIBefore(turns, i)
		if slices.Contains(sc.custPlaceholders, text[a:b]) {
			s.AgentPIIEchoed++
		}
	}
}
