// Package export writes one run of the store as Parquet files for BI tools and data lakes.
package export
