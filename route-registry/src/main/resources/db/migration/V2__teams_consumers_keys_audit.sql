-- Teams, API details (lifecycle, criticality, policies, OpenAPI document), consumers, subscriptions, API keys
-- and the audit log. Same rules as V1: plain SQL that runs unchanged on H2 2.x and PostgreSQL 14, no SERIAL or
-- IDENTITY, no TEXT; durations and instants are whole milliseconds (BIGINT); an absent optional value is NULL.

CREATE TABLE teams (
    id          VARCHAR(64)   NOT NULL,
    seq         INTEGER       NOT NULL,
    name        VARCHAR(1000) NOT NULL,
    contact     VARCHAR(1000) NOT NULL,
    description VARCHAR(100000) NOT NULL,
    CONSTRAINT teams_pk PRIMARY KEY (id)
);

-- No foreign key from apis.owner_team to teams: teams are optional (a catalog without teams accepts any owner).
ALTER TABLE apis ADD COLUMN criticality VARCHAR(16) DEFAULT 'STANDARD' NOT NULL;
ALTER TABLE apis ADD COLUMN sunset DATE;
ALTER TABLE apis ADD COLUMN successor VARCHAR(64);
ALTER TABLE apis ADD COLUMN timeout_ms BIGINT;
ALTER TABLE apis ADD COLUMN retry_attempts INTEGER;
ALTER TABLE apis ADD COLUMN retry_on VARCHAR(1000);
ALTER TABLE apis ADD COLUMN retry_methods VARCHAR(200);
ALTER TABLE apis ADD COLUMN breaker_failure_rate INTEGER;
ALTER TABLE apis ADD COLUMN breaker_window INTEGER;
ALTER TABLE apis ADD COLUMN breaker_open_for_ms BIGINT;
ALTER TABLE apis ADD COLUMN body_limit BIGINT;
ALTER TABLE apis ADD COLUMN rate_per_second INTEGER;
ALTER TABLE apis ADD COLUMN rate_burst INTEGER;
-- 1 MiB of characters: ApiSpec.MAX_LENGTH, within both databases' VARCHAR limits.
ALTER TABLE apis ADD COLUMN spec_document VARCHAR(1048576);

CREATE TABLE consumers (
    id      VARCHAR(64)   NOT NULL,
    seq     INTEGER       NOT NULL,
    name    VARCHAR(1000) NOT NULL,
    team    VARCHAR(64)   NOT NULL,
    contact VARCHAR(1000) NOT NULL,
    state   VARCHAR(16)   NOT NULL,
    CONSTRAINT consumers_pk PRIMARY KEY (id)
);

CREATE TABLE subscriptions (
    consumer_id     VARCHAR(64) NOT NULL,
    api_id          VARCHAR(64) NOT NULL,
    seq             INTEGER     NOT NULL,
    plan_per_second INTEGER,
    plan_burst      INTEGER,
    plan_daily_quota BIGINT,
    direct          BOOLEAN     NOT NULL,
    CONSTRAINT subscriptions_pk PRIMARY KEY (consumer_id, api_id),
    CONSTRAINT subscriptions_consumer_fk FOREIGN KEY (consumer_id) REFERENCES consumers (id),
    CONSTRAINT subscriptions_api_fk FOREIGN KEY (api_id) REFERENCES apis (id)
);

-- Keys are not part of the catalog: a catalog replace keeps the keys of consumers that still exist and deletes
-- the others in the same transaction. There is no foreign key to consumers for that reason (replace deletes and
-- re-inserts every consumer row).
CREATE TABLE api_keys (
    id            VARCHAR(64) NOT NULL,
    consumer_id   VARCHAR(64) NOT NULL,
    prefix        VARCHAR(32) NOT NULL,
    hash          CHAR(64)    NOT NULL,
    created_at_ms BIGINT      NOT NULL,
    expires_at_ms BIGINT,
    revoked       BOOLEAN     NOT NULL,
    CONSTRAINT api_keys_pk PRIMARY KEY (id),
    CONSTRAINT api_keys_hash_unique UNIQUE (hash)
);

CREATE INDEX api_keys_prefix_idx ON api_keys (prefix);
CREATE INDEX api_keys_consumer_idx ON api_keys (consumer_id);

-- One row per change; version is the catalog version the change produced (each write bumps it once).
CREATE TABLE audit_log (
    version        BIGINT        NOT NULL,
    seq            INTEGER       NOT NULL,
    actor          VARCHAR(200)  NOT NULL,
    at_ms          BIGINT        NOT NULL,
    entity_type    VARCHAR(32)   NOT NULL,
    entity_id      VARCHAR(200)  NOT NULL,
    action         VARCHAR(32)   NOT NULL,
    before_summary VARCHAR(4000) NOT NULL,
    after_summary  VARCHAR(4000) NOT NULL,
    CONSTRAINT audit_log_pk PRIMARY KEY (version, seq)
);
