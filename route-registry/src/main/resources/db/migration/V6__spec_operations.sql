-- The operations read from each API's OpenAPI document, as JSON, next to the document: a node loading the catalog
-- builds the API's spec from them instead of running swagger-parser over every document again (seconds per thousand
-- documents). NULL when not known (rows written before this migration, or too long to keep): then the document is
-- parsed on load, as before. Same rules as V1: plain SQL that runs unchanged on H2 2.x and PostgreSQL 14.
ALTER TABLE apis ADD COLUMN spec_operations VARCHAR(4194304);
