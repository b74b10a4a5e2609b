package datasets

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/convqa/convqa/pipeline/transcript"
)

// transferText is the system event between the bot and a human agent.
const transferText = "transferred to agent"

// convPlan is everything drawn for one conversation before its text is written.
type convPlan struct {
	ch                                  int
	topic                               *topic
	lang                                *language
	path                                path
	noTimestamps, injection, script     bool
	repeat, givesPII, exposes, mismatch bool
	internalTransfer                    bool
	resolved, abandoned, frustration    bool
}

func (g *generator) conversation(i int) (*transcript.Conversation, Truth) {
	r := newRNG(g.o.Seed, i)
	p := convPlan{ch: chHuman}
	if r.chance(g.o.BotShare) {
		p.ch = chBot
	}
	p.topic = &topics[r.weighted(g.topicW[p.ch])]
	li := r.weighted(g.langW[p.ch])
	p.lang = &languages[li]
	mk := &p.lang.markets[r.weighted(g.marketW[li])]
	plan := plans[r.weighted(g.planW[p.ch])].name

	rt := baseRates(p.ch, p.topic, p.lang.code)
	p.noTimestamps = r.chance(rt.noTimestamps)
	p.injection = r.chance(rt.injection)
	p.script = r.chance(1.0 / 500)
	if p.ch == chBot {
		p.path.asked = r.chance(rt.askHuman)
		if p.path.asked {
			p.path.handedOver = r.chance(rt.handover)
		} else {
			p.path.selfEscalated = r.chance(rt.selfEscalate)
		}
		p.path.loop = r.chance(rt.loop)
		p.path.fallback = r.chance(rt.fallback)
	}
	p.repeat = r.chance(rt.repeat)
	p.givesPII = r.chance(rt.givesPII)
	p.exposes = p.givesPII && r.chance(rt.exposes)
	p.mismatch = r.chance(rt.mismatch)
	p.internalTransfer = r.chance(rt.internalTransfer)
	res, ab, fr := outcomeRates(p.ch, p.topic, p.path)
	p.resolved = r.chance(res)
	p.abandoned = !p.resolved && r.chance(ab)
	p.frustration = r.chance(fr)

	started := g.startOf(i, r)
	side := p.lang.book
	if p.mismatch {
		side = &bookEN
	}
	b := &builder{
		r: r, p: &p, cust: p.lang.book, side: side, clock: started,
		bold: r.chance(0.3), br: r.chance(0.15),
	}
	b.e = makeEntities(r, p.lang.book, mk, plan, started)

	c := &transcript.Conversation{
		Language: p.lang.code, Topic: p.topic.name, StartedAt: started,
		Metadata: map[string]any{"market": mk.code, "plan": plan},
	}
	prefix := "desk"
	if p.ch == chBot {
		c.Channel = transcript.ChannelBot
		prefix = "bot"
		version := "v41"
		if started.Sub(g.o.Start) >= time.Duration(g.days)*12*time.Hour {
			version = "v42"
		}
		c.Metadata["bot_version"] = version
		b.botAuthor = "northbot-" + version
		b.botConversation()
	} else {
		c.Channel = transcript.ChannelHuman
		b.newAgent()
		b.humanConversation()
	}
	c.ID = prefix + "/" + mk.code + "#" + g.seedText + "-" + pad7(i)
	b.plantExtras()
	if p.noTimestamps {
		for k := range b.turns {
			b.turns[k].At = time.Time{}
		}
	}
	c.Turns = b.turns

	t := Truth{ID: c.ID, Channel: string(c.Channel), Topic: p.topic.name, Language: p.lang.code, Escalated: b.escalated && p.ch == chBot}
	add := func(ok bool, name string) {
		if ok {
			t.Defects = append(t.Defects, name)
		}
	}
	add(p.path.asked && p.path.handedOver, DefectAskedHumanGotHuman)
	add(p.path.asked && !p.path.handedOver, DefectAskedHumanRefused)
	add(p.path.loop, DefectBotLoop)
	add(p.path.fallback, DefectFallback)
	add(p.repeat, DefectCustomerRepeat)
	add(p.frustration, DefectFrustration)
	add(p.abandoned, DefectAbandoned)
	add(p.exposes, DefectPIIExposed)
	add(p.mismatch, DefectLanguageMismatch)
	add(p.resolved, DefectResolved)
	add(!p.resolved, DefectUnresolved)
	add(p.noTimestamps, DefectNoTimestamps)
	add(p.injection, DefectInjection)
	return c, t
}

func pad7(i int) string {
	s := strconv.Itoa(i)
	if len(s) < 7 {
		s = strings.Repeat("0", 7-len(s)) + s
	}
	return s
}

// builder writes the turns of one conversation and keeps its clock.
type builder struct {
	r          *rng
	p          *convPlan
	cust, side *phrasebook
	e          entities
	turns      []transcript.Turn
	clock      time.Time
	extraWait  time.Duration

	botAuthor, agentAuthor, agentName string
	human, escalated, askedHuman      bool
	bold, br                          bool

	openText                        string
	openIdx, repeatIdx              int
	detailGiven                     bool
	piiGiven, piiEchoed             string // the number as the customer wrote it; the template kind used to echo it
	piiIsIBAN                       bool
	qaUsed                          uint16
	extraUsed, reasonUsed, noteUsed uint16
}

func (b *builder) newAgent() {
	n := b.r.between(1, 120)
	b.agentAuthor = "agent-" + strconv.Itoa(n)
	b.agentName = b.side.names[n%len(b.side.names)]
	b.human = true
}

func (b *builder) fill(tmpl string, bot bool) string {
	return fill(tmpl, &b.e, b.agentName, bot && b.bold)
}

// said reports whether text was already sent by the customer (customer true) or by the agent side. Customer
// messages are compared ignoring case and what was appended, because say adds such noise.
func (b *builder) said(text string, customer bool) bool {
	for _, t := range b.turns {
		if (t.Role == transcript.RoleCustomer) != customer {
			continue
		}
		if t.Text == text || customer && len(t.Text) >= len(text) && strings.EqualFold(t.Text[:len(text)], text) {
			return true
		}
	}
	return false
}

// fresh returns a filled variant of pool that the side (customer or agent side) has not sent yet, starting at a
// random variant. ok is false when every variant was sent already.
func (b *builder) fresh(pool []string, customer bool) (string, bool) {
	start := b.r.intn(len(pool))
	bot := !customer && !b.human
	for k := range pool {
		text := b.fill(pool[(start+k)%len(pool)], bot)
		if !b.said(text, customer) {
			return text, true
		}
	}
	return "", false
}

// advance moves the clock to when a turn of role with text is sent.
func (b *builder) advance(role transcript.Role, text string) {
	if len(b.turns) == 0 {
		return
	}
	prev := b.turns[len(b.turns)-1].Role
	r := b.r
	var d time.Duration
	switch role {
	case transcript.RoleCustomer:
		if prev == transcript.RoleCustomer {
			d = r.logUniform(4*time.Second, 40*time.Second)
		} else {
			// reading the answer, then typing at three to six characters a second
			typing := time.Duration(utf8.RuneCountInString(text)) * time.Second / time.Duration(r.between(3, 6))
			d = r.logUniform(4*time.Second, 50*time.Second) + typing
		}
	case transcript.RoleBot:
		d = time.Duration(r.between(1, 4)) * time.Second
		if prev == transcript.RoleBot {
			d = time.Second
		}
	case transcript.RoleAgent:
		switch prev {
		case transcript.RoleSystem:
			d = r.logUniform(30*time.Second, 12*time.Minute) // queue for a free agent
		case transcript.RoleAgent:
			d = r.logUniform(4*time.Second, 40*time.Second)
		default:
			typing := time.Duration(utf8.RuneCountInString(text)) * time.Second / time.Duration(r.between(5, 9))
			d = r.logUniform(10*time.Second, 90*time.Second) + typing
		}
	case transcript.RoleSystem:
		d = time.Duration(r.between(1, 3)) * time.Second
	}
	b.clock = b.clock.Add(d + b.extraWait).Truncate(time.Second)
	b.extraWait = 0
}

func (b *builder) add(role transcript.Role, text, author string) {
	b.advance(role, text)
	b.turns = append(b.turns, transcript.Turn{Role: role, Text: text, At: b.clock, Author: author})
}

// say sends a customer message, with the noise of real chats: sometimes all lower case, sometimes an emoji.
func (b *builder) say(text string, noise bool) {
	if noise {
		switch x := b.r.float(); {
		case x < 0.08:
			text = strings.ToLower(text)
		case x < 0.16:
			text += " " + b.r.pick(emojis)
		}
	}
	b.add(transcript.RoleCustomer, text, "")
}

// sayFresh sends an unsent variant of pool; it reports false (and sends nothing) when all were sent.
func (b *builder) sayFresh(pool []string) bool {
	text, ok := b.fresh(pool, true)
	if ok {
		b.say(text, true)
	}
	return ok
}

// reply sends a message of the agent side: the bot until a transfer, then the agent.
func (b *builder) reply(text string) {
	if b.human {
		b.add(transcript.RoleAgent, text, b.agentAuthor)
		return
	}
	b.add(transcript.RoleBot, text, b.botAuthor)
}

func (b *builder) replyFresh(pool []string) bool {
	text, ok := b.fresh(pool, false)
	if ok {
		b.reply(text)
	}
	return ok
}

// join joins the sentences of one agent-side message; some bot widgets break lines with <br>.
func (b *builder) join(parts []string) string {
	sep := " "
	if !b.human && b.br {
		sep = "<br>"
	}
	return strings.Join(parts, sep)
}

func (b *builder) transfer() {
	b.add(transcript.RoleSystem, transferText, "")
	b.newAgent()
	b.escalated = true
}

// open sends the customer's first message; with detail, the customer gives the detail the agent would ask for.
func (b *builder) open(detail bool) {
	text, _ := b.fresh(b.cust.open[b.p.topic.name], true)
	if detail {
		d, _ := b.fresh(b.cust.detail[b.p.topic.kind], true)
		text += " " + d
		b.detailGiven = true
	}
	text = b.withReason(text, 0.4)
	b.say(text, true)
	b.openText = b.turns[len(b.turns)-1].Text
	b.openIdx = len(b.turns) - 1
}

// detail asks for the detail of the topic and sends the customer's answer, pasting a card number or IBAN when
// the plan says so.
func (b *builder) detail() {
	if b.detailGiven {
		return
	}
	k := b.p.topic.kind
	b.replyFresh(b.side.ask[k])
	text, _ := b.fresh(b.cust.detail[k], true)
	noise := true
	if b.p.givesPII {
		noise = false // keep the number exactly as a redactor would meet it
		if b.p.topic.pii == piiIBAN && b.e.iban != "" {
			b.piiIsIBAN = true
			b.piiGiven = b.e.iban
			give, _ := b.fresh(b.cust.giveIBAN, true)
			text += " " + give
		} else {
			b.piiGiven = b.e.card
			give, _ := b.fresh(b.cust.giveCard, true)
			text += " " + give
		}
	}
	if !b.p.givesPII {
		text = b.withReason(text, 0.3)
	}
	b.say(text, noise)
	b.detailGiven = true
}

// solution returns an unsent answer to the topic: an optional empathy sentence, the acknowledgement of a pasted
// number (written out in full when the plan exposes it, else masked), the answer, and an optional extra sentence.
func (b *builder) solution() (string, bool) {
	pool := b.side.solve[b.p.topic.name]
	bot := !b.human
	var pre string
	if b.r.chance(0.4) || b.human && b.r.chance(0.5) {
		pre = b.fill(b.r.pick(b.side.empathy), bot)
	}
	if b.piiGiven != "" && b.piiEchoed == "" {
		var echo []string
		switch {
		case b.p.exposes && b.piiIsIBAN:
			echo = b.side.echoIBAN
		case b.p.exposes:
			echo = b.side.echoCard
		case b.piiIsIBAN:
			echo = b.side.maskIBAN
		default:
			echo = b.side.maskCard
		}
		b.piiEchoed = b.fill(b.r.pick(echo), bot)
		pre = b.piiEchoed // the acknowledgement replaces the empathy sentence
	}
	post := b.withExtra(nil, 0.85)
	post = b.withExtra(post, 0.5)
	if bot && b.r.chance(0.5) {
		post = append(post, b.r.pick(b.side.helpful))
	}
	start := b.r.intn(len(pool))
	for k := range pool {
		parts := make([]string, 0, 5)
		if pre != "" {
			parts = append(parts, pre)
		}
		parts = append(parts, b.fill(pool[(start+k)%len(pool)], bot))
		parts = append(parts, post...)
		text := b.join(parts)
		if !b.said(text, false) {
			return text, true
		}
	}
	return "", false
}

// comfort answers a customer who repeated themselves: empathy and an extra sentence, never an earlier answer.
func (b *builder) comfort() {
	for range 6 {
		text := b.join([]string{b.fill(b.r.pick(b.side.empathy), !b.human), b.fill(b.r.pick(b.side.extra), !b.human)})
		if !b.said(text, false) {
			b.reply(text)
			return
		}
	}
}

func (b *builder) repeatOpen() {
	text := b.openText
	if b.r.chance(0.5) {
		text = b.r.pick(b.cust.repeatPrefix) + text
	}
	b.say(text, false)
	b.repeatIdx = len(b.turns) - 1
}

func (b *builder) frustrate() {
	if b.sayFresh(b.cust.frustration) {
		b.replyFresh(b.side.calm)
	}
}

// askForHuman plays the customer asking for a person: a handover (perhaps after one deflection) or, when the
// plan refuses, two or three deflections and no transfer.
func (b *builder) askForHuman() {
	b.askedHuman = true
	b.sayFresh(b.cust.askHuman)
	if b.p.path.handedOver {
		if b.r.chance(0.3) {
			b.replyFresh(b.side.deflect)
			b.sayFresh(b.cust.askHuman)
		}
		b.replyFresh(b.side.handover)
		b.transfer()
		return
	}
	b.replyFresh(b.side.deflect)
	b.sayFresh(b.cust.askHuman)
	b.replyFresh(b.side.deflect)
	if b.r.chance(0.4) && b.sayFresh(b.cust.askHuman) {
		b.replyFresh(b.side.deflect)
	}
}

// takeover is the agent's part after a transfer from the bot.
func (b *builder) takeover() {
	b.replyFresh(b.side.takeover)
	if !b.detailGiven && (b.p.givesPII || b.r.chance(0.7)) {
		b.detail()
	}
	if b.r.chance(0.5) {
		b.replyFresh(b.side.wait)
		b.extraWait = b.r.logUniform(30*time.Second, 4*time.Minute)
	}
	if text, ok := b.solution(); ok {
		b.reply(text)
	}
}

func (b *builder) botConversation() {
	p := b.p
	if b.r.chance(0.8) {
		greet := []string{b.fill(b.r.pick(b.side.greetBot), true)}
		if b.r.chance(0.8) {
			greet = append(greet, b.r.pick(b.side.privacy))
		}
		b.reply(b.join(greet))
	}
	needDetail := p.givesPII || b.r.chance(0.7)
	b.open(!needDetail && !p.path.asked && b.r.chance(0.6))
	if p.path.fallback {
		b.replyFresh(b.side.fallback)
		b.sayFresh(b.cust.open[p.topic.name]) // the customer rephrases
	}
	if p.path.asked && !p.path.loop && b.r.chance(0.4) { // asks for a person straight away
		b.askForHuman()
	}
	if b.escalated {
		b.takeover()
	} else {
		if needDetail {
			b.detail()
		}
		answer, _ := b.solution()
		b.reply(answer)
		if p.path.loop {
			for range 2 {
				b.sayFresh(b.cust.notAnswered)
				b.reply(answer)
			}
		}
	}
	if p.repeat {
		b.repeatOpen()
		b.comfort()
	}
	if p.frustration {
		b.frustrate()
	}
	switch {
	case p.path.asked && !b.askedHuman:
		b.askForHuman()
		if p.path.handedOver {
			b.takeover()
		}
	case p.path.selfEscalated:
		b.replyFresh(b.side.selfEscalate)
		b.transfer()
		b.takeover()
	}
	b.tail()
}

func (b *builder) humanConversation() {
	p := b.p
	custFirst := b.r.chance(0.3)
	if !custFirst {
		b.replyFresh(b.side.greetAgent)
	}
	needDetail := p.givesPII || b.r.chance(0.75)
	b.open(!needDetail && b.r.chance(0.6))
	if needDetail {
		b.detail()
	} else if custFirst {
		b.replyFresh(b.side.empathy)
	}
	repeated := false
	if b.r.chance(0.5) {
		b.replyFresh(b.side.wait)
		b.extraWait = b.r.logUniform(30*time.Second, 5*time.Minute)
		if p.repeat && b.r.chance(0.5) { // the customer grows impatient while the agent checks
			b.repeatOpen()
			repeated = true
		}
	}
	if text, ok := b.solution(); ok {
		b.reply(text)
	}
	if p.internalTransfer {
		b.replyFresh(b.side.passOn)
		b.transfer()
		b.replyFresh(b.side.greetAgent)
		if text, ok := b.solution(); ok {
			b.reply(text)
		}
	}
	if p.repeat && !repeated {
		b.repeatOpen()
		b.comfort()
	}
	if p.frustration {
		b.frustrate()
	}
	b.tail()
}

// followUps is the distribution of the number of follow-up questions, which sets the length of conversations.
var followUps = []float64{0.15, 0.21, 0.21, 0.15, 0.1, 0.07, 0.05, 0.03, 0.02, 0.01}

// tail plays the follow-up questions and the outcome.
func (b *builder) tail() {
	p := b.p
	k := b.r.weighted(followUps)
	for range k {
		if len(b.turns) >= 34 {
			break
		}
		q, a, ok := b.nextQA()
		if !ok {
			break
		}
		if b.r.chance(0.4) {
			q = b.r.pick(b.cust.acks) + " " + q
		}
		q = b.withReason(q, 0.45)
		b.say(q, true)
		parts := []string{a}
		if b.r.chance(0.5) {
			if note, ok := b.unused(b.side.notes, &b.noteUsed, !b.human); ok {
				parts = append(parts, note)
			}
		}
		b.reply(b.join(b.withExtra(parts, 0.8)))
	}
	switch {
	case p.resolved:
		b.sayFresh(b.cust.thanks)
		if text, ok := b.fresh(b.side.welcome, false); ok {
			b.reply(b.signed(text))
		}
	case p.abandoned:
		if q, _, ok := b.nextQA(); ok && b.r.chance(0.75) {
			b.say(q, true)
		} else {
			b.sayFresh(b.cust.stillThere)
		}
	default:
		if b.r.chance(0.65) {
			b.sayFresh(b.cust.giveUp)
			if text, ok := b.fresh(b.side.sorryClose, false); ok {
				b.reply(b.signed(text))
			}
		}
		// else the customer leaves without a word after the last answer
	}
}

// nextQA draws a follow-up question not asked yet in this conversation, and its answer.
func (b *builder) nextQA() (q, a string, ok bool) {
	n := len(b.cust.qa)
	start := b.r.intn(n)
	for k := range n {
		i := (start + k) % n
		if b.qaUsed&(1<<i) != 0 {
			continue
		}
		b.qaUsed |= 1 << i
		// The answer comes from the agent side's book; both books list the same questions in the same order.
		return b.fill(b.cust.qa[i][0], false), b.fill(b.side.qa[i][1], !b.human), true
	}
	return "", "", false
}

// unused returns a filled sentence of pool not used yet by this conversation (tracked in the bitmask used).
func (b *builder) unused(pool []string, used *uint16, bot bool) (string, bool) {
	n := len(pool)
	start := b.r.intn(n)
	for k := range n {
		i := (start + k) % n
		if *used&(1<<i) == 0 {
			*used |= 1 << i
			return b.fill(pool[i], bot), true
		}
	}
	return "", false
}

// withReason adds a sentence of context to a customer message, with probability p.
func (b *builder) withReason(text string, p float64) string {
	if b.r.chance(p) {
		if reason, ok := b.unused(b.cust.reasons, &b.reasonUsed, false); ok {
			return text + " " + reason
		}
	}
	return text
}

// withExtra adds an extra sentence to an agent-side message, with probability p.
func (b *builder) withExtra(parts []string, p float64) []string {
	if b.r.chance(p) {
		if extra, ok := b.unused(b.side.extra, &b.extraUsed, !b.human); ok {
			return append(parts, extra)
		}
	}
	return parts
}

// signed adds an agent's signature to a closing message, as many agents do.
func (b *builder) signed(text string) string {
	if b.human && b.r.chance(0.5) {
		return text + " – " + b.agentName + ", " + brand + " Support"
	}
	return text
}

// plantExtras appends the planted injection and, rarely, a script tag to customer messages that are not part of
// a planted repeat, so the repeat stays verbatim.
func (b *builder) plantExtras() {
	for _, extra := range []struct {
		on   bool
		text string
	}{{b.p.injection, b.r.pick(injections)}, {b.p.script, scriptTag}} {
		if !extra.on {
			continue
		}
		var idx []int
		for i, t := range b.turns {
			if t.Role == transcript.RoleCustomer && !(b.p.repeat && (i == b.openIdx || i == b.repeatIdx)) {
				idx = append(idx, i)
			}
		}
		if len(idx) > 0 {
			i := idx[b.r.intn(len(idx))]
			b.turns[i].Text += " " + extra.text
			continue
		}
		// Only the repeated pair exists: a second message right after the first keeps the pair intact and the
		// conversation's last turn where it was.
		t := b.turns[b.openIdx]
		t.Text = extra.text
		b.turns = append(b.turns[:b.openIdx+1], append([]transcript.Turn{t}, b.turns[b.openIdx+1:]...)...)
		if b.repeatIdx > b.openIdx {
			b.repeatIdx++
		}
	}
}
