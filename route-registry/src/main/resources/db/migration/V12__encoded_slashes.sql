-- An API's encoded-slash policy: REFUSE (400 encoded-slash for a path with %2F or %5C, what every API did before this
-- migration) or PASS (forwarded untouched). Same rules as V1: plain SQL that runs unchanged on H2 2.x and PostgreSQL 14.
ALTER TABLE apis ADD COLUMN encoded_slashes VARCHAR(16) DEFAULT 'REFUSE' NOT NULL;
