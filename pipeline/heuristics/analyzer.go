package heuristics

import (
	"strings"
	"sync"

	"github.com/convqa/convqa/pipeline/redact"
)

// Options configures an Analyzer. The zero value is ready to use.
type Options struct {
	// BotNames are names or signatures of bots ("Ava", "Ava, virtual assistant"). A turn with role agent
	// counts as a bot turn when its Author is one of them or one of the defaults ("bot", "chatbot",
	// "virtual assistant", "virtual agent"), or when its text starts or ends with one of BotNames (case,
	// accents and punctuation ignored).
	BotNames []string
	// Languages are the ISO 639-1 codes the language detector chooses from. Zero means DefaultLanguages.
	// Codes the detector has no model for are ignored; see Analyzer.Languages.
	Languages []string
}

// DefaultLanguages are the common support languages the detector considers when Options.Languages is empty.
var DefaultLanguages = []string{
	"en", "de", "sv", "es", "fr", "pt", "it", "nl", "da", "nb", "fi", "pl", "tr", "ru", "ar", "ja", "zh", "ko", "hi", "id", "cs",
}

var defaultBotNames = []string{"bot", "chatbot", "virtual assistant", "virtual agent"}

// Analyzer computes Signals. It is immutable after New and safe for concurrent use by many goroutines.
type Analyzer struct {
	latin      *matcher // phrases whose folded form is ASCII
	uni        *matcher // phrases in other scripts, run only on text that holds such characters
	det        *detector
	botAuthors map[string]bool
	scratch    sync.Pool
}

// New builds an Analyzer; everything a conversation needs (phrase automata, language model) is built here.
func New(o Options) *Analyzer {
	a := &Analyzer{botAuthors: map[string]bool{}}
	langs := o.Languages
	if len(langs) == 0 {
		langs = DefaultLanguages
	}
	norm := make([]string, 0, len(langs))
	for _, l := range langs {
		norm = append(norm, strings.ToLower(strings.TrimSpace(l)))
	}
	profiles, err := embeddedProfiles()
	if err != nil {
		// The profiles are embedded at build time; a broken file is caught by the tests. Detect nothing
		// rather than fail a run.
		profiles = nil
	}
	a.det = newDetector(profiles, norm)

	var latinPats, uniPats []string
	var latinCats, uniCats []category
	add := func(cat category, pats ...string) {
		for _, p := range pats {
			if isASCII(p) {
				latinPats, latinCats = append(latinPats, p), append(latinCats, cat)
			} else {
				uniPats, uniCats = append(uniPats, p), append(uniCats, cat)
			}
		}
	}
	for _, pl := range phraseLists {
		for _, p := range pl.phrases {
			add(pl.cat, expand(p)...)
		}
	}
	for i, name := range append(append([]string(nil), o.BotNames...), defaultBotNames...) {
		f, _ := fold(nil, name)
		core := strings.TrimSpace(string(f[1 : len(f)-1]))
		if core == "" {
			continue
		}
		a.botAuthors[core] = true
		if i < len(o.BotNames) {
			// Only configured names sign texts: a human agent may well end with "I'm not a bot".
			add(catBotName, string(foldStart)+" "+core+" ", " "+core+" "+string(foldEnd))
		}
	}
	a.latin = newMatcher(latinPats, latinCats)
	a.uni = newMatcher(uniPats, uniCats)
	a.scratch.New = func() any { return &scratch{} }
	return a
}

// Languages returns the ISO 639-1 codes the detector chooses from, in the order given to New.
func (a *Analyzer) Languages() []string { return append([]string(nil), a.det.langs...) }

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// scratch is the per-call working memory, pooled so that Signals allocates almost nothing.
type scratch struct {
	folded    []byte
	turns     []turnInfo
	responses []float64
	// custPII and custPlaceholders are the personal data and redaction placeholders of the customer turns
	// before custUpTo (see customerPIIBefore).
	custPII          []redact.Match
	custPlaceholders []string
	custUpTo         int
}
