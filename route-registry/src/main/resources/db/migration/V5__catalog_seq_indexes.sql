-- Indexes on the seq column of the catalog's entity tables: an entity-level write that appends an entity reads
-- MAX(seq), which without an index scans the table (hundreds of milliseconds at 10,000 APIs with their documents).
CREATE INDEX teams_seq_idx ON teams (seq);
CREATE INDEX pools_seq_idx ON pools (seq);
CREATE INDEX apis_seq_idx ON apis (seq);
CREATE INDEX consumers_seq_idx ON consumers (seq);
CREATE INDEX subscriptions_seq_idx ON subscriptions (seq);
