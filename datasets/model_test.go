package datasets

import "strings"

// expectedRates returns, per channel, the expected share of conversations carrying each defect.
func expectedRates() [2]map[string]float64 {
	var out [2]map[string]float64
	for ch := range 2 {
		m := map[string]float64{}
		var tw, lw float64
		for _, t := range topics {
			tw += t.weight[ch]
		}
		for _, l := range languages {
			lw += l.weight[ch]
		}
		for ti := range topics {
			t := &topics[ti]
			for _, l := range languages {
				w := t.weight[ch] / tw * l.weight[ch] / lw
				r := baseRates(ch, t, l.code)
				m[DefectNoTimestamps] += w * r.noTimestamps
				m[DefectInjection] += w * r.injection
				m[DefectFallback] += w * r.fallback
				m[DefectBotLoop] += w * r.loop
				m[DefectCustomerRepeat] += w * r.repeat
				m[DefectPIIExposed] += w * r.givesPII * r.exposes
				m[DefectLanguageMismatch] += w * r.mismatch
				m[DefectAskedHumanGotHuman] += w * r.askHuman * r.handover
				m[DefectAskedHumanRefused] += w * r.askHuman * (1 - r.handover)
				for _, p := range paths(ch, r) {
					res, ab, fr := outcomeRates(ch, t, p.path)
					m[DefectResolved] += w * p.prob * res
					m[DefectUnresolved] += w * p.prob * (1 - res)
					m[DefectAbandoned] += w * p.prob * (1 - res) * ab
					m[DefectFrustration] += w * p.prob * fr
				}
			}
		}
		out[ch] = m
	}
	return out
}

type weightedPath struct {
	path path
	prob float64
}

// paths enumerates the paths of a conversation with their probabilities.
func paths(ch int, r rates) []weightedPath {
	if ch == chHuman {
		return []weightedPath{{prob: 1}}
	}
	var out []weightedPath
	bern := func(v bool, p float64) float64 {
		if v {
			return p
		}
		return 1 - p
	}
	for _, asked := range []bool{false, true} {
		for _, hs := range []bool{false, true} { // handed over when asked, else self-escalated
			for _, loop := range []bool{false, true} {
				for _, fb := range []bool{false, true} {
					p := bern(asked, r.askHuman) * bern(loop, r.loop) * bern(fb, r.fallback)
					pt := path{asked: asked, loop: loop, fallback: fb}
					if asked {
						p *= bern(hs, r.handover)
						pt.handedOver = hs
					} else {
						p *= bern(hs, r.selfEscalate)
						pt.selfEscalated = hs
					}
					out = append(out, weightedPath{pt, p})
				}
			}
		}
	}
	return out
}

// ibanValid reports whether s (spaces allowed) passes the ISO 13616 mod-97 check.
func ibanValid(s string) bool {
	s = strings.ReplaceAll(s, " ", "")
	if len(s) < 15 {
		return false
	}
	mod := 0
	for _, c := range s[4:] + s[:4] {
		switch {
		case c >= '0' && c <= '9':
			mod = (mod*10 + int(c-'0')) % 97
		case c >= 'A' && c <= 'Z':
			mod = (mod*100 + int(c-'A') + 10) % 97
		default:
			return false
		}
	}
	return mod == 1
}

// luhnValid reports whether the digits of s (separators ignored) pass the Luhn check.
func luhnValid(s string) bool {
	var digits []byte
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			digits = append(digits, s[i])
		}
	}
	if len(digits) < 12 {
		return false
	}
	return luhnCheckDigit(string(digits[:len(digits)-1])) == int(digits[len(digits)-1]-'0')
}
