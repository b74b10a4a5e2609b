package store

// schemaVersion is bumped with every change to the tables below; migrate brings older files forward.
const schemaVersion = 3

// extraSchema holds the tables of later stages (the judge, labels), each declared in its own schema_*.go
// file of this package with an init function that appends to it. Statements must be idempotent.
var extraSchema []string

// schema is the public interface analysts, notebooks and scripts query. README.md documents every column;
// change both together.
var schema = []string{
	`CREATE TABLE IF NOT EXISTS meta (
		key   VARCHAR PRIMARY KEY,
		value VARCHAR
	)`,
	`CREATE TABLE IF NOT EXISTS runs (
		run_id         VARCHAR PRIMARY KEY,
		name           VARCHAR,
		started_at     TIMESTAMPTZ NOT NULL,
		finished_at    TIMESTAMPTZ,
		status         VARCHAR NOT NULL,  -- running | finished | aborted | failed
		rubric_name    VARCHAR NOT NULL,
		rubric_version VARCHAR NOT NULL,
		rubric_hash    VARCHAR NOT NULL,
		judge          VARCHAR NOT NULL,  -- off, or the judge model
		prompt_version VARCHAR,
		inputs         JSON,              -- the input files (or "demo")
		conversations  BIGINT DEFAULT 0,  -- conversations scored in this run
		quarantined    BIGINT DEFAULT 0,
		duplicates     BIGINT DEFAULT 0,  -- records skipped because the same conversation was already in the run
		error          VARCHAR,
		convqa_version VARCHAR,
		resumes        INTEGER DEFAULT 0  -- how often an interrupted run was picked up again
	)`,
	`CREATE TABLE IF NOT EXISTS conversations (
		conversation_id VARCHAR PRIMARY KEY,
		channel         VARCHAR NOT NULL,  -- bot | human
		language        VARCHAR,           -- as given in the input (see signals for the detected languages)
		topic           VARCHAR,
		started_at      TIMESTAMPTZ,
		metadata        JSON,
		n_turns         INTEGER NOT NULL,
		escalated       BOOLEAN,           -- a bot conversation that reached a human agent
		content_hash    VARCHAR NOT NULL,  -- SHA-256 of the canonical conversation
		source_file     VARCHAR,
		source_line     BIGINT,
		first_run_id    VARCHAR,
		last_run_id     VARCHAR,
		revisions       INTEGER DEFAULT 1, -- 1 + how often the content under this id changed
		updated_at      TIMESTAMPTZ
	)`,
	`CREATE TABLE IF NOT EXISTS turns (
		conversation_id VARCHAR NOT NULL,
		turn_index      INTEGER NOT NULL,  -- 0-based position in the conversation
		role            VARCHAR NOT NULL,  -- customer | bot | agent | system
		text            VARCHAR NOT NULL,
		sent_at         TIMESTAMPTZ,       -- NULL when the source had no timestamp
		author          VARCHAR
	)`,
	// score_values holds the scores as written: what varies per conversation. The scores view adds what is
	// the same for a whole run (kind, scale from criteria) or a whole conversation (content_hash from
	// signals): 1.5 M rows a night append a third faster without them.
	`CREATE TABLE IF NOT EXISTS score_values (
		run_id          VARCHAR NOT NULL,
		conversation_id VARCHAR NOT NULL,
		criterion       VARCHAR NOT NULL,
		judged          BOOLEAN NOT NULL,  -- a judge score, or a quality_index that includes one
		value           DOUBLE,            -- on the criterion's scale; NULL when n/a
		na              BOOLEAN NOT NULL,
		normalized      DOUBLE,            -- value mapped onto 0-100
		auto_failed     BOOLEAN NOT NULL,
		built_from      VARCHAR,           -- quality_index: the criteria it combines, comma-separated
		rationale       VARCHAR,
		evidence        VARCHAR,           -- judge: the turn numbers cited, JSON array
		spread          DOUBLE             -- judge with several samples: max - min of their scores
	)`,
	`CREATE TABLE IF NOT EXISTS quarantine (
		run_id          VARCHAR NOT NULL,
		file            VARCHAR NOT NULL,
		line            BIGINT,
		conversation_id VARCHAR,
		field           VARCHAR,
		reason          VARCHAR NOT NULL,
		raw             VARCHAR,
		quarantined_at  TIMESTAMPTZ NOT NULL
	)`,
	`CREATE TABLE IF NOT EXISTS criteria (
		run_id          VARCHAR NOT NULL,
		criterion       VARCHAR NOT NULL,
		position        INTEGER NOT NULL,  -- rubric order; quality_index first (0)
		kind            VARCHAR NOT NULL,  -- heuristic | judge | index
		title           VARCHAR,
		weight          DOUBLE,
		scale_min       DOUBLE NOT NULL,
		scale_max       DOUBLE NOT NULL,
		auto_fail_below DOUBLE,
		applies_to      VARCHAR,           -- bot, human, or NULL for both
		scorer          VARCHAR,           -- heuristic criteria
		question        VARCHAR            -- judge criteria
	)`,
	// signals gets one DOUBLE column per heuristic signal, added by ensureSignalColumns.
	`CREATE TABLE IF NOT EXISTS signals (
		run_id            VARCHAR NOT NULL,
		conversation_id   VARCHAR NOT NULL,
		content_hash      VARCHAR,         -- the conversation content scored in the run
		customer_language VARCHAR,
		agent_language    VARCHAR
	)`,
	`ALTER TABLE signals ADD COLUMN IF NOT EXISTS content_hash VARCHAR`,
	`CREATE OR REPLACE VIEW scores AS
		SELECT v.run_id, v.conversation_id, v.criterion,
		       CASE WHEN v.judged THEN 'judge' ELSE 'heuristic' END AS kind,
		       v.value, v.na, c.scale_min, c.scale_max, v.normalized, v.auto_failed, v.built_from,
		       g.content_hash, v.rationale, v.evidence, v.spread
		FROM score_values v
		LEFT JOIN criteria c USING (run_id, criterion)
		LEFT JOIN signals g USING (run_id, conversation_id)`,
	`CREATE OR REPLACE VIEW finished_runs AS
		SELECT * FROM runs WHERE status = 'finished'`,
	`CREATE OR REPLACE VIEW scored AS
		SELECT s.*, c.channel, c.language, c.topic, c.escalated, c.metadata, r.started_at AS run_started_at, r.name AS run_name
		FROM scores s
		JOIN conversations c USING (conversation_id)
		JOIN runs r USING (run_id)`,
}
