-- A pool's upstream TLS settings (tls stays the on/off flag): the CA bundle, the hostname check, the SNI name and the
-- client certificate for mutual TLS. Files are stored as paths on the gateway nodes, never their content. Rows written
-- before this migration keep tls as it was, with the defaults (JDK trust store, hostname check on, no SNI override,
-- no client certificate). Same rules as V1: plain SQL that runs unchanged on H2 2.x and PostgreSQL 14.
ALTER TABLE pools ADD COLUMN tls_ca VARCHAR(4096);
ALTER TABLE pools ADD COLUMN tls_verify_hostname BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE pools ADD COLUMN tls_server_name VARCHAR(253);
ALTER TABLE pools ADD COLUMN tls_client_certificate VARCHAR(4096);
ALTER TABLE pools ADD COLUMN tls_client_key VARCHAR(4096);
