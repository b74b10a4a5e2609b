package heuristics

import (
	"slices"
	"strings"
)

// category is one kind of phrase; a matcher reports the categories found in a folded text as a bit set.
type category uint8

const (
	catAskHuman      category = iota // the customer asks for a person
	catNoHuman                       // the customer says they do not want one (cancels catAskHuman)
	catFallback                      // the agent side did not understand
	catFrustration                   // the customer is angry or fed up
	catResolved                      // the customer confirms the problem is solved
	catUnresolved                    // the customer says it is not solved
	catThanks                        // thanks or goodbye
	catGreeting                      // the agent side greets
	catClosing                       // the agent side closes politely
	catAgentResolved                 // the agent side reports the fix as done
	catTransfer                      // a system message reports a handoff
	catInjection                     // text addressed to an AI grader
	catBotName                       // one of Options.BotNames
	catPositive                      // the customer voices satisfaction or thanks (sentiment.go)
	catRejection                     // the customer turns down what the agent side offered (sentiment.go)
	numCategories
)

// catSet is a set of categories.
type catSet uint32

func (s catSet) has(c category) bool { return s&(1<<c) != 0 }

// matcher is an Aho-Corasick automaton over folded text. The states near the root, where a scan spends
// nearly all its time, have dense transition rows over byte classes (a DFA); deeper states, which a text
// enters only while it follows a phrase, keep their few children in a list and fall back along failure
// links. That keeps ten thousand expanded phrases in a few megabytes instead of tens.
type matcher struct {
	class  [256]uint8
	nclass int32
	ndense int32   // states [0, ndense) have dense rows
	dense  []int32 // row offset + class -> encoded target (see outBit)
	fail   []int32
	out    []catSet
	first  []int32 // children of state s: kids[first[s]:first[s+1]]
	kids   []kid
}

type kid struct {
	class uint8
	state int32
}

// Dense entries encode the target state for a branch-light scan: a dense target without outputs is its row
// offset (state*nclass) shifted left by 2; sparseBit marks a sparse target (its id shifted left by 2), and
// outBit a target with outputs.
const (
	outBit    = 1
	sparseBit = 2
)

// denseDepth is the depth up to which states get dense rows (" talk t"). Deeper, a scan is inside a
// phrase and rarely stays long; 8 measured a little faster than 4 or 12 and costs ~700 KB.
const denseDepth = 8

// newMatcher builds the automaton for the given byte patterns (already folded and padded).
func newMatcher(pats []string, cats []category) *matcher {
	m := &matcher{}
	used := [256]bool{}
	for _, p := range pats {
		for i := 0; i < len(p); i++ {
			used[p[i]] = true
		}
	}
	m.nclass = 1 // class 0: bytes no pattern uses
	for b := range 256 {
		if used[b] {
			m.class[b] = uint8(m.nclass)
			m.nclass++
		}
	}
	// The trie, states numbered in creation order. Inserted in sorted order, a pattern shares with the one
	// before it exactly the states of their common prefix (path holds that pattern's states), so no lookup
	// per byte is needed, and each state's children are created in ascending byte, hence class, order.
	type edge struct {
		parent int32
		class  uint8
		child  int32
	}
	sorted := make([]int, len(pats))
	for i := range sorted {
		sorted[i] = i
	}
	slices.SortStableFunc(sorted, func(a, b int) int { return strings.Compare(pats[a], pats[b]) })
	size := 1 // an upper bound of the states: one per pattern byte
	for _, p := range pats {
		size += len(p)
	}
	depth := append(make([]int32, 0, size), 0)
	outs := append(make([]catSet, 0, size), 0)
	created := make([]edge, 0, size)
	path := []int32{0}
	prev := ""
	for _, i := range sorted {
		p := pats[i]
		l := 0
		for l < len(p) && l < len(prev) && p[l] == prev[l] {
			l++
		}
		path = path[:l+1]
		for j := l; j < len(p); j++ {
			nx := int32(len(depth))
			depth = append(depth, int32(j+1))
			outs = append(outs, 0)
			created = append(created, edge{path[j], m.class[p[j]], nx})
			path = append(path, nx)
		}
		outs[path[len(p)]] |= 1 << cats[i]
		prev = p
	}
	n := len(depth)
	// Children lists per old state, sorted by class: a stable counting sort by parent keeps creation order.
	firstOld := make([]int32, n+1)
	for _, e := range created {
		firstOld[e.parent+1]++
	}
	for s := 1; s <= n; s++ {
		firstOld[s] += firstOld[s-1]
	}
	es := make([]edge, len(created))
	next := slices.Clone(firstOld[:n])
	for _, e := range created {
		es[next[e.parent]] = e
		next[e.parent]++
	}
	// Renumber breadth-first, so parents precede children and shallow states come first.
	order := make([]int32, 0, n)
	newID := make([]int32, n)
	order = append(order, 0)
	for q := 0; q < len(order); q++ {
		s := order[q]
		for _, e := range es[firstOld[s]:firstOld[s+1]] {
			newID[e.child] = int32(len(order))
			order = append(order, e.child)
		}
	}
	m.first = make([]int32, n+1)
	m.kids = make([]kid, 0, len(es))
	m.out = make([]catSet, n)
	m.fail = make([]int32, n)
	for ns, old := range order {
		m.first[ns] = int32(len(m.kids))
		for _, e := range es[firstOld[old]:firstOld[old+1]] {
			m.kids = append(m.kids, kid{e.class, newID[e.child]})
		}
		m.out[ns] = outs[old]
		if depth[old] <= denseDepth {
			m.ndense = int32(ns) + 1
		}
	}
	m.first[n] = int32(len(m.kids))
	// Failure links, breadth-first: fail(child of s by c) = goto(fail(s), c).
	for s := int32(0); s < int32(n); s++ {
		for _, k := range m.kids[m.first[s]:m.first[s+1]] {
			if s == 0 {
				m.fail[k.state] = 0
			} else {
				m.fail[k.state] = m.gotoSparse(m.fail[s], k.class)
			}
			m.out[k.state] |= m.out[m.fail[k.state]]
		}
	}
	// A dense row is its failure state's row with the state's own children written over it; failure states
	// are shallower, so with breadth-first ids their rows are ready first.
	m.dense = make([]int32, int(m.ndense)*int(m.nclass))
	for s := int32(0); s < m.ndense; s++ {
		row := m.dense[s*m.nclass : (s+1)*m.nclass]
		if s == 0 {
			for c := range row {
				row[c] = m.encode(0)
			}
		} else {
			copy(row, m.dense[m.fail[s]*m.nclass:(m.fail[s]+1)*m.nclass])
		}
		for _, k := range m.kids[m.first[s]:m.first[s+1]] {
			row[k.class] = m.encode(k.state)
		}
	}
	return m
}

// child returns the child of s by class c, or -1.
func (m *matcher) child(s int32, c uint8) int32 {
	for _, k := range m.kids[m.first[s]:m.first[s+1]] {
		if k.class == c {
			return k.state
		}
	}
	return -1
}

// gotoSparse is the automaton's transition computed from children and failure links alone.
func (m *matcher) gotoSparse(s int32, c uint8) int32 {
	for {
		if nx := m.child(s, c); nx >= 0 {
			return nx
		}
		if s == 0 {
			return 0
		}
		s = m.fail[s]
	}
}

// encode returns the dense-table entry for target state s.
func (m *matcher) encode(s int32) int32 {
	var e int32
	if s < m.ndense {
		e = s * m.nclass << 2
	} else {
		e = s<<2 | sparseBit
	}
	if m.out[s] != 0 {
		e |= outBit
	}
	return e
}

// decode returns the state an encoded entry points to.
func (m *matcher) decode(e int32) int32 {
	if e&sparseBit != 0 {
		return e >> 2
	}
	return e >> 2 / m.nclass
}

// step is the transition from any state, used off the fast path.
func (m *matcher) step(s int32, c uint8) int32 {
	for s >= m.ndense {
		if nx := m.child(s, c); nx >= 0 {
			return nx
		}
		s = m.fail[s]
	}
	return m.decode(m.dense[s*m.nclass+int32(c)])
}

// match scans a folded text and adds to counts, per category, the number of words in which a pattern of
// that category ends (so "ridicul*" and "ridiculous" in one word count once). It returns the categories seen.
func (m *matcher) match(text []byte, counts *[numCategories]uint16) catSet {
	var seen catSet
	var lastWord [numCategories]int32
	word := int32(1) // words start after a space; 0 means "not counted yet"
	row := int32(0)  // the current state while it is dense: its row offset
	dense, class := m.dense, &m.class
	for i := 0; i < len(text); i++ {
		b := text[i]
		e := dense[row+int32(class[b])]
		if b == ' ' {
			word++
		}
		if e&(outBit|sparseBit) == 0 {
			row = e >> 2
			continue
		}
		s := m.decode(e)
		for {
			if o := m.out[s]; o != 0 {
				seen |= o
				// A pattern ending on a space ends the word before it.
				w := word
				if text[i] == ' ' {
					w--
				}
				for c := category(0); c < numCategories; c++ {
					if o.has(c) && lastWord[c] != w {
						lastWord[c] = w
						counts[c]++
					}
				}
			}
			if s < m.ndense || i+1 >= len(text) {
				break
			}
			// Sparse states: step byte by byte until the scan is back in the dense part.
			i++
			if text[i] == ' ' {
				word++
			}
			s = m.step(s, class[text[i]])
		}
		row = s * m.nclass
	}
	return seen
}

// expand turns one phrase in the phrase syntax into the folded byte patterns it stands for:
//   - "{a|b|}" alternatives multiply out ("{talk|speak} to" -> "talk to", "speak to"; an empty branch drops the word);
//   - the phrase matches whole words: " talk to a human " (a leading or trailing "*" lifts that edge:
//     "frustrat*" matches "frustrated");
//   - a leading "=" makes it match a whole turn only ("=agent" matches the turn "Agent!" but not "my agent");
//   - phrases in Han, kana, Hangul or Thai script match anywhere, since those scripts do not space words;
//   - an apostrophe also matches its omission ("didn't" matches "didnt" and "didn t").
func expand(p string) []string {
	var out []string
	for _, alt := range alternatives(p) {
		variants := []string{alt}
		if strings.ContainsAny(alt, "'’") {
			variants = append(variants, strings.NewReplacer("'", "", "’", "").Replace(alt))
		}
		for _, v := range variants {
			if f := foldPattern(v); f != "" {
				out = append(out, f)
			}
		}
	}
	// Alternatives may fold alike ("didn't" and "didnt"); a phrase can have thousands, so sort to dedupe.
	slices.Sort(out)
	return slices.Compact(out)
}

// alternatives multiplies out the "{a|b}" groups of p.
func alternatives(p string) []string {
	i := strings.IndexByte(p, '{')
	if i < 0 {
		return []string{p}
	}
	j := strings.IndexByte(p[i:], '}')
	if j < 0 {
		return []string{p}
	}
	j += i
	var out []string
	for _, rest := range alternatives(p[j+1:]) {
		for _, a := range strings.Split(p[i+1:j], "|") {
			out = append(out, p[:i]+a+rest)
		}
	}
	return out
}

// foldPattern folds one alternative-free phrase into its byte pattern.
func foldPattern(p string) string {
	p = strings.TrimSpace(p)
	whole := strings.HasPrefix(p, "=")
	p = strings.TrimPrefix(p, "=")
	openStart, openEnd := strings.HasPrefix(p, "*"), strings.HasSuffix(p, "*")
	p = strings.Trim(p, "*")
	f, st := fold(nil, p)
	core := strings.TrimSpace(string(f[1 : len(f)-1]))
	if core == "" {
		return ""
	}
	if st.cjk > 0 || hasThai(p) {
		openStart, openEnd = true, true
	}
	switch {
	case whole:
		return string(foldStart) + " " + core + " " + string(foldEnd)
	case openStart && openEnd:
		return core
	case openStart:
		return core + " "
	case openEnd:
		return " " + core
	}
	return " " + core + " "
}

func hasThai(s string) bool {
	for _, r := range s {
		if r >= 0xE00 && r < 0xE80 {
			return true
		}
	}
	return false
}
