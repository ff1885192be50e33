-- The catalog in normalized tables. Plain SQL that runs unchanged on H2 2.x and PostgreSQL 14:
-- no SERIAL/IDENTITY, no TEXT, no vendor functions. Durations are whole milliseconds (BIGINT);
-- list order (targets, routes, instances, and APIs and pools themselves) is kept in a seq column.

CREATE TABLE catalog_version (
    id      INTEGER NOT NULL,
    version BIGINT  NOT NULL,
    CONSTRAINT catalog_version_pk PRIMARY KEY (id),
    CONSTRAINT catalog_version_single_row CHECK (id = 1),
    CONSTRAINT catalog_version_not_negative CHECK (version >= 0)
);

INSERT INTO catalog_version (id, version) VALUES (1, 0);

CREATE TABLE pools (
    id                  VARCHAR(64) NOT NULL,
    seq                 INTEGER     NOT NULL,
    balancer            VARCHAR(32) NOT NULL,
    tls                 BOOLEAN     NOT NULL,
    max_connections     INTEGER     NOT NULL,
    pending_acquire_max INTEGER     NOT NULL,
    connect_timeout_ms  BIGINT      NOT NULL,
    response_timeout_ms BIGINT      NOT NULL,
    max_idle_time_ms    BIGINT      NOT NULL,
    eject_for_ms        BIGINT      NOT NULL,
    CONSTRAINT pools_pk PRIMARY KEY (id)
);

CREATE TABLE pool_instances (
    pool_id VARCHAR(64)  NOT NULL,
    seq     INTEGER      NOT NULL,
    host    VARCHAR(255) NOT NULL,
    port    INTEGER      NOT NULL,
    weight  INTEGER      NOT NULL,
    CONSTRAINT pool_instances_pk PRIMARY KEY (pool_id, seq),
    CONSTRAINT pool_instances_pool_fk FOREIGN KEY (pool_id) REFERENCES pools (id)
);

CREATE TABLE apis (
    id                 VARCHAR(64)   NOT NULL,
    seq                INTEGER       NOT NULL,
    name               VARCHAR(1000) NOT NULL,
    api_version        VARCHAR(1000) NOT NULL,
    owner_team         VARCHAR(64)   NOT NULL,
    description        VARCHAR(100000) NOT NULL,
    host               VARCHAR(255),
    base_path          VARCHAR(2048) NOT NULL,
    upstream_base_path VARCHAR(2048) NOT NULL,
    lifecycle          VARCHAR(32)   NOT NULL,
    CONSTRAINT apis_pk PRIMARY KEY (id)
);

CREATE TABLE api_targets (
    api_id  VARCHAR(64) NOT NULL,
    seq     INTEGER     NOT NULL,
    pool_id VARCHAR(64) NOT NULL,
    weight  INTEGER     NOT NULL,
    CONSTRAINT api_targets_pk PRIMARY KEY (api_id, seq),
    CONSTRAINT api_targets_api_fk FOREIGN KEY (api_id) REFERENCES apis (id),
    CONSTRAINT api_targets_pool_fk FOREIGN KEY (pool_id) REFERENCES pools (id)
);

CREATE TABLE api_routes (
    api_id VARCHAR(64)   NOT NULL,
    seq    INTEGER       NOT NULL,
    method VARCHAR(16)   NOT NULL,
    path   VARCHAR(2048) NOT NULL,
    CONSTRAINT api_routes_pk PRIMARY KEY (api_id, seq),
    CONSTRAINT api_routes_api_fk FOREIGN KEY (api_id) REFERENCES apis (id)
);
