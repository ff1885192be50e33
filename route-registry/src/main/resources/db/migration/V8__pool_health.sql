-- A pool's outlier detection (passive health checking) and active health check. Rows written before this migration
-- get the outlier-detection defaults and no health check (hc_path NULL). Same rules as V1: plain SQL that runs
-- unchanged on H2 2.x and PostgreSQL 14.
ALTER TABLE pools ADD COLUMN consecutive_failures INTEGER NOT NULL DEFAULT 5;
ALTER TABLE pools ADD COLUMN max_eject_for_ms BIGINT NOT NULL DEFAULT 300000;
ALTER TABLE pools ADD COLUMN max_ejected_percent INTEGER NOT NULL DEFAULT 50;
ALTER TABLE pools ADD COLUMN hc_path VARCHAR(2048);
ALTER TABLE pools ADD COLUMN hc_interval_ms BIGINT;
ALTER TABLE pools ADD COLUMN hc_timeout_ms BIGINT;
ALTER TABLE pools ADD COLUMN hc_healthy_threshold INTEGER;
ALTER TABLE pools ADD COLUMN hc_unhealthy_threshold INTEGER;
ALTER TABLE pools ADD COLUMN hc_expected_statuses VARCHAR(1024);
