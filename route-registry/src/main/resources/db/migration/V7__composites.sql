-- Composite (fan-out) endpoints and their parts. Same rules as V1: plain SQL that runs unchanged on H2 2.x and
-- PostgreSQL 14; durations in whole milliseconds; order kept in seq. A part's query parameters and headers are
-- JSON objects of name -> template text (order kept), written and read only by the store.

CREATE TABLE composites (
    id          VARCHAR(64)     NOT NULL,
    seq         INTEGER         NOT NULL,
    owner_team  VARCHAR(64)     NOT NULL,
    description VARCHAR(100000) NOT NULL,
    lifecycle   VARCHAR(32)     NOT NULL,
    method      VARCHAR(16)     NOT NULL,
    path        VARCHAR(2048)   NOT NULL,
    timeout_ms  BIGINT          NOT NULL,
    CONSTRAINT composites_pk PRIMARY KEY (id)
);

CREATE INDEX composites_seq_idx ON composites (seq);

CREATE TABLE composite_parts (
    composite_id VARCHAR(64)     NOT NULL,
    seq          INTEGER         NOT NULL,
    name         VARCHAR(64)     NOT NULL,
    api_id       VARCHAR(64)     NOT NULL,
    method       VARCHAR(16)     NOT NULL,
    path         VARCHAR(2048)   NOT NULL,
    query_json   VARCHAR(100000) NOT NULL,
    headers_json VARCHAR(100000) NOT NULL,
    optional     BOOLEAN         NOT NULL,
    timeout_ms   BIGINT,
    CONSTRAINT composite_parts_pk PRIMARY KEY (composite_id, seq),
    CONSTRAINT composite_parts_composite_fk FOREIGN KEY (composite_id) REFERENCES composites (id),
    CONSTRAINT composite_parts_api_fk FOREIGN KEY (api_id) REFERENCES apis (id)
);
