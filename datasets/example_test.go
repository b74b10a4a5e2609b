package datasets_test

import (
	"fmt"

	"github.com/convqa/convqa/datasets"
	"github.com/convqa/convqa/pipeline/transcript"
)

// The truth of a generated corpus says what was planted in each conversation.
func ExampleGenerate() {
	err := datasets.Generate(datasets.GenOptions{N: 4, Seed: 42}, func(c *transcript.Conversation, t datasets.Truth) error {
		fmt.Println(c.ID, c.Language, c.Topic, len(c.Turns), t.Defects)
		return nil
	})
	if err != nil {
		fmt.Println(err)
	}
	// Output:
	// bot/PT#42-0000000 pt account_access 21 [pii_exposed resolved]
	// bot/IE#42-0000001 en account_access 8 [resolved]
	// bot/GB#42-0000002 en fraud_report 11 [fallback unresolved]
	// bot/DE#42-0000003 de change_plan 7 [frustration resolved]
}
