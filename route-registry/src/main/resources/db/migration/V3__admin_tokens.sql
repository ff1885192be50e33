-- Admin API tokens kept by the store (tokens configured in turnpike.yaml are not stored). Only the SHA-256 of a
-- token is kept, never the token. Same rules as V1: plain SQL for H2 2.x and PostgreSQL 14.
CREATE TABLE admin_tokens (
    name          VARCHAR(200) NOT NULL,
    role          VARCHAR(16)  NOT NULL,
    hash          CHAR(64)     NOT NULL,
    created_at_ms BIGINT       NOT NULL,
    CONSTRAINT admin_tokens_pk PRIMARY KEY (name),
    CONSTRAINT admin_tokens_hash_unique UNIQUE (hash)
);
