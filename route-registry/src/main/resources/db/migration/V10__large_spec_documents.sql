-- OpenAPI documents of several megabytes (big public APIs publish them): the document and its operations lose their
-- length bound (the node's limits.maxSpecSize decides what is accepted). VARCHAR without a length is unbounded on
-- PostgreSQL and H2's largest VARCHAR on H2. Same rules as V1: plain SQL that runs unchanged on H2 2.x and PostgreSQL 14.
ALTER TABLE apis ALTER COLUMN spec_document SET DATA TYPE VARCHAR;
ALTER TABLE apis ALTER COLUMN spec_operations SET DATA TYPE VARCHAR;
