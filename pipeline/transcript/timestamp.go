package transcript

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// zonelessLayouts are accepted timestamp layouts besides RFC 3339; those without a zone are read as UTC.
// Fractional seconds are accepted after the seconds by every layout.
var zonelessLayouts = []string{
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04:05",
}

// parseTime reads a timestamp: RFC 3339 (with or without fractional seconds), "2006-01-02 15:04:05" or
// "2006-01-02T15:04:05" without a zone (taken as UTC), or unix seconds (possibly fractional). The result is in
// UTC. ok is false when s is none of these or lies outside the years 0 to 9999, which JSON cannot carry.
func parseTime(s string) (t time.Time, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	if c := s[0]; c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9') && (len(s) < 5 || s[4] != '-') {
		return parseUnix(s)
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return inJSONRange(t)
	}
	for _, layout := range zonelessLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return inJSONRange(t)
		}
	}
	return time.Time{}, false
}

// parseUnix reads unix seconds written as a JSON number, keeping every nanosecond digit of a decimal fraction.
func parseUnix(s string) (time.Time, bool) {
	intPart, frac, hasFrac := strings.Cut(s, ".")
	if !strings.ContainsAny(s, "eE") && (intPart != "" && intPart != "-" && intPart != "+") {
		sec, err := strconv.ParseInt(intPart, 10, 64)
		if err != nil || !allDigits(frac) {
			return time.Time{}, false
		}
		var nsec int64
		if hasFrac {
			frac = (frac + "000000000")[:9]
			nsec, _ = strconv.ParseInt(frac, 10, 64)
			if strings.HasPrefix(intPart, "-") {
				nsec = -nsec
			}
		}
		if sec > maxUnix || sec < minUnix {
			return time.Time{}, false
		}
		return inJSONRange(time.Unix(sec, nsec))
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f > maxUnix || f < minUnix {
		return time.Time{}, false
	}
	sec, frac64 := math.Modf(f)
	return inJSONRange(time.Unix(int64(sec), int64(frac64*1e9)))
}

// minUnix and maxUnix bound the unix seconds of the years 0 to 9999, with a margin for the final range check.
const (
	minUnix = -62167219200 - 86400
	maxUnix = 253402300799 + 86400
)

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// inJSONRange converts t to UTC and reports whether its year can be written as RFC 3339.
func inJSONRange(t time.Time) (time.Time, bool) {
	t = t.UTC()
	if y := t.Year(); y < 0 || y > 9999 {
		return time.Time{}, false
	}
	return t, true
}
