-- Public APIs (served without an API key) and usage counts. Same rules as V1 and V2: plain SQL that runs unchanged
-- on H2 2.x and PostgreSQL 14; instants are whole milliseconds (BIGINT).

ALTER TABLE apis ADD COLUMN public_access BOOLEAN DEFAULT FALSE NOT NULL;

-- Calls and errors per consumer, API and day (a calendar day in the quota zone of the gateway),
-- added to by the periodic flush of every node. Not part of the catalog: writing usage bumps no version and writes no audit entry. No foreign
-- keys: usage outlives the consumers and APIs it counts.
CREATE TABLE api_usage (
    consumer_id  VARCHAR(64) NOT NULL,
    api_id       VARCHAR(64) NOT NULL,
    usage_day    DATE        NOT NULL,
    calls        BIGINT      NOT NULL,
    errors       BIGINT      NOT NULL,
    last_seen_ms BIGINT      NOT NULL,
    CONSTRAINT api_usage_pk PRIMARY KEY (consumer_id, api_id, usage_day)
);

CREATE INDEX api_usage_api_idx ON api_usage (api_id, usage_day);
