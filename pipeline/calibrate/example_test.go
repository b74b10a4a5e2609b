package calibrate_test

import (
	"fmt"

	"github.com/convqa/convqa/pipeline/calibrate"
)

// A quality index of 62.5 (0-100) on graders' 1-5 scale: 3.5, which QWK rounds to 4.
func ExampleToLabelScale() {
	fmt.Println(calibrate.ToLabelScale(62.5, 1, 5))
	fmt.Println(calibrate.ToLabelScale(0, 1, 5), calibrate.ToLabelScale(100, 1, 5))
	// Output:
	// 3.5
	// 1 5
}
