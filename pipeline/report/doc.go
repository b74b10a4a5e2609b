// Package report turns one run of the store into the leadership report: a self-contained HTML page with
// inline SVG charts, or Markdown with tables, bot against human agents on the same yardstick.
package report
