package store

// The labels table: human graders' scores imported by `convqa calibrate`. README.md documents its columns beside
// the core tables'.
func init() {
	extraSchema = append(extraSchema,
		// labels holds every imported labels file as one label set, keyed by the SHA-256 of the file's bytes:
		// importing the same file again (under any name) adds nothing, and an edited file is a new set. Rows
		// are only ever added.
		`CREATE TABLE IF NOT EXISTS labels (
			label_set       VARCHAR NOT NULL,  -- SHA-256 of the labels file's bytes
			source          VARCHAR NOT NULL,  -- the file the set was first imported from
			line            BIGINT,            -- the row's line in that file
			conversation_id VARCHAR NOT NULL,
			criterion       VARCHAR NOT NULL,  -- the label criterion (overall is compared with quality_index)
			value           DOUBLE NOT NULL,   -- on the graders' own scale
			rater           VARCHAR NOT NULL,  -- '' when the file names no rater
			imported_at     TIMESTAMPTZ NOT NULL
		)`,
	)
}
