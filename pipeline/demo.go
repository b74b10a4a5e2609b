package pipeline

import (
	"github.com/convqa/convqa/datasets"
	"github.com/convqa/convqa/pipeline/transcript"
)

// DemoSource is the embedded demo corpus as a source: what `convqa run` scores without --input.
func DemoSource() Source {
	name := "demo:" + datasets.DemoName
	return Source{Path: name, Fingerprint: datasets.DemoFingerprint(), Open: func() (transcript.Reader, error) {
		rc, err := datasets.Demo()
		if err != nil {
			return nil, err
		}
		return transcript.NewJSONLReader(rc, name), nil
	}}
}
