// Package notebooks holds the Jupyter notebooks for analysts and the test that runs their SQL against a
// database scored from the demo corpus, so the notebooks cannot drift from the schema.
package notebooks
