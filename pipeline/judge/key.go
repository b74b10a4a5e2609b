package judge

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"strings"
)

// CacheKey derives the cache key of one request: the hex SHA-256 of the model, the rubric hash, the prompt
// version, the criteria asked about (empty for all the rubric's judge criteria, the default granularity), the
// redacted transcript as sent and the sample index. Fields are length-prefixed, so no two inputs collide by
// concatenation.
func CacheKey(model, rubricHash, promptVersion, scope, redactedTranscript string, sample int) string {
	h := sha256.New()
	var n [8]byte
	for _, s := range []string{"convqa-judge", model, rubricHash, promptVersion, scope, redactedTranscript} {
		binary.BigEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	binary.BigEndian.PutUint64(n[:], uint64(sample))
	h.Write(n[:])
	return hex.EncodeToString(h.Sum(nil))
}

func scopeOf(ids []string, all bool) string {
	if all {
		return ""
	}
	return strings.Join(ids, ",")
}
