package store

// The judge's tables. README.md documents their columns beside the core tables'.
func init() {
	extraSchema = append(extraSchema,
		// judge_cache holds every verdict the judge gave, one row per criterion, under the request's cache key
		// (model, rubric hash, prompt version, redacted transcript, sample): a key found here is never sent
		// again. Rows are only ever added; a key judged twice keeps its latest rows.
		`CREATE TABLE IF NOT EXISTS judge_cache (
			cache_key       VARCHAR NOT NULL,
			criterion       VARCHAR NOT NULL,
			conversation_id VARCHAR NOT NULL,  -- the conversation judged when the row was made
			sample          INTEGER NOT NULL,
			model           VARCHAR NOT NULL,
			prompt_version  VARCHAR NOT NULL,
			rubric_hash     VARCHAR NOT NULL,
			value           DOUBLE,            -- on the criterion's scale; NULL when n/a
			na              BOOLEAN NOT NULL,
			rationale       VARCHAR,
			evidence        VARCHAR,           -- JSON array of the 1-based turn numbers cited
			created_at      TIMESTAMPTZ NOT NULL
		)`,
		// judge_calls records every request sent (or collected from a batch): tokens, cost, latency, and the
		// error of those that failed. It never holds the API key or transcript text.
		`CREATE TABLE IF NOT EXISTS judge_calls (
			run_id            VARCHAR,
			cache_key         VARCHAR NOT NULL,
			conversation_id   VARCHAR NOT NULL,
			sample            INTEGER NOT NULL,
			model             VARCHAR NOT NULL,
			mode              VARCHAR NOT NULL,  -- online | batch
			status            VARCHAR NOT NULL,  -- ok | error
			attempts          INTEGER NOT NULL,
			prompt_tokens     BIGINT NOT NULL,
			completion_tokens BIGINT NOT NULL,
			cached_tokens     BIGINT NOT NULL,
			cost_usd          DOUBLE NOT NULL,
			latency_ms        DOUBLE,
			error             VARCHAR,
			reply             VARCHAR,           -- the last reply's content, kept to audit bad replies
			batch_id          VARCHAR,
			called_at         TIMESTAMPTZ NOT NULL
		)`,
		// judge_batches tracks the Batch API jobs a run submitted until a later run collects them.
		`CREATE TABLE IF NOT EXISTS judge_batches (
			batch_id       VARCHAR PRIMARY KEY,
			run_id         VARCHAR,
			model          VARCHAR NOT NULL,
			prompt_version VARCHAR NOT NULL,
			rubric_hash    VARCHAR NOT NULL,
			state          VARCHAR NOT NULL,   -- the provider's: validating, in_progress, …, completed, failed, expired, cancelled
			requests       INTEGER NOT NULL,
			cache_keys     VARCHAR[] NOT NULL, -- the custom_ids of its requests
			submitted_at   TIMESTAMPTZ NOT NULL,
			updated_at     TIMESTAMPTZ NOT NULL,
			collected_at   TIMESTAMPTZ         -- when its results were read into judge_cache; NULL while open
		)`,
	)
}
