-- Direct (end-to-end) calls: a consumer allowed `direct: true` calls the provider's instances itself and reports
-- its counts to the route lookup API's usage endpoint. They are counted in `calls`/`errors` like calls through the
-- gateway, and also here, so the admin API can tell them apart. Same rules as V1 and V2: plain SQL that runs
-- unchanged on H2 2.x and PostgreSQL 14.

ALTER TABLE api_usage ADD COLUMN direct_calls BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE api_usage ADD COLUMN direct_errors BIGINT DEFAULT 0 NOT NULL;
