package dev.turnpike.gateway.config;

import java.util.Locale;

/**
 * Every node setting: its key in {@code turnpike.yaml} (dotted for nested maps), its default, and what it means.
 * The environment variable is {@code TURNPIKE_} + the key in upper snake case ({@code limits.maxBodySize} ->
 * {@code TURNPIKE_LIMITS_MAX_BODY_SIZE}); the flag is {@code --set key=value}.
 */
public enum Setting {
    PUBLIC_HOST("public.host", "0.0.0.0", "Address the public (proxy) listener binds."),
    PUBLIC_PORT("public.port", "8080", "Port of the public listener; 0 picks a free port."),
    PUBLIC_H2C("public.h2c", "false", "Also serve h2c (cleartext HTTP/2, prior knowledge or Upgrade) on the plain public listener; costs about 4.6 KB of heap per open connection."),
    ADMIN_HOST("admin.host", "127.0.0.1", "Address the admin listener (admin API, health, metrics) binds."),
    ADMIN_PORT("admin.port", "9080", "Port of the admin listener; 0 picks a free port."),
    ADMIN_TOKENS("admin.tokens", "", "Admin API tokens, comma-separated name:role:sha256hex (role admin or read-only; the SHA-256 of the token's UTF-8 text in hex)."),
    DATA_DIR("dataDir", "./data", "Directory of the embedded catalog store and local state."),
    CATALOG("catalog", "", "Catalog files (comma-separated) applied to the store at start; empty serves what the store holds."),
    STORE_URL("store.url", "", "JDBC URL of a shared PostgreSQL catalog store (jdbc:postgresql://host/db); empty = embedded H2 in dataDir."),
    STORE_USER("store.user", "", "PostgreSQL user."),
    STORE_PASSWORD("store.password", "", "PostgreSQL password (never logged)."),
    STORE_POLL_INTERVAL("store.pollInterval", "1s", "How often the node checks the store's catalog version and loads a newer catalog."),
    MAX_REQUEST_LINE("limits.maxRequestLine", "8KB", "Longest request line; longer gets 414."),
    MAX_HEADER_SIZE("limits.maxHeaderSize", "16KB", "Largest header block; larger gets 431."),
    MAX_HEADERS("limits.maxHeaders", "100", "Most header fields in a request; more gets 431."),
    MAX_BODY_SIZE("limits.maxBodySize", "100MB", "Largest request body; larger gets 413 (streamed bodies are counted as they pass)."),
    MAX_SPEC_SIZE("limits.maxSpecSize", "16MB", "Largest OpenAPI document accepted (catalog files at start, admin uploads, apply)."),
    IDLE_TIMEOUT("limits.idleTimeout", "60s", "Idle client keep-alive connections are closed after this."),
    HEADER_TIMEOUT("limits.headerTimeout", "10s", "A request head must arrive whole within this from its first byte; else 408 and the connection closes."),
    MIN_BODY_RATE("limits.minBodyRate", "1KB", "Bytes per second a request body must keep up while the gateway reads it (0 = no minimum)."),
    BODY_RATE_WINDOW("limits.bodyRateWindow", "10s", "How long a request body may stay under limits.minBodyRate before it is cut off (408, or the connection closes)."),
    MAX_CONNECTIONS("limits.maxConnections", "10000", "Open connections on the public listener; more are closed at once."),
    MAX_CONNECTIONS_PER_CLIENT("limits.maxConnectionsPerClient", "1000", "Open connections from one client address on the public listener (0 = no cap; trusted proxies are exempt)."),
    TRUSTED_PROXIES("trustedProxies", "", "CIDRs (comma-separated) of load balancers whose X-Forwarded-For/Forwarded is read and appended to; empty = the TCP peer is the client."),
    TLS_CERTIFICATE("tls.certificate", "", "PEM certificate chain of the public listener; set with tls.key to serve HTTPS (TLS 1.2/1.3, HTTP/2 via ALPN)."),
    TLS_KEY("tls.key", "", "PEM private key (PKCS#8) of the public listener's certificate."),
    TLS_RELOAD_INTERVAL("tls.reloadInterval", "10s", "How often the certificate and key files of both listeners are checked and, when changed, reloaded."),
    ADMIN_TLS_CERTIFICATE("admin.tls.certificate", "", "PEM certificate chain of the admin listener; set with admin.tls.key to serve it over HTTPS."),
    ADMIN_TLS_KEY("admin.tls.key", "", "PEM private key (PKCS#8) of the admin listener's certificate."),
    ACCESS_LOG("accessLog", "true", "One line per request on logger turnpike.access."),
    IO_THREADS("ioThreads", "0", "Event-loop threads shared by listeners and upstream clients; 0 = one per core."),
    LOG_FORMAT("log.format", "text", "text or json."),
    SHUTDOWN_GRACE("shutdownGrace", "10s", "On shutdown, how long in-flight requests may finish."),
    BRUTE_FORCE_MAX_FAILURES("auth.bruteForce.maxFailures", "20", "Invalid API keys one client address may present per window; then 429 until the window ends."),
    BRUTE_FORCE_WINDOW("auth.bruteForce.window", "1m", "The window invalid API keys are counted in, per client address."),
    BRUTE_FORCE_MAX_CLIENTS("auth.bruteForce.maxClients", "100000", "Client addresses the brute-force guard tracks at once (bounded memory)."),
    QUOTA_ZONE("throttle.quotaZone", "UTC", "Zone whose calendar days daily quotas and usage days count (e.g. Asia/Tokyo)."),
    THROTTLE_MAX_KEYS("throttle.maxKeys", "100000", "Consumer x API rate limits held in memory on one node."),
    REDIS_URL("throttle.redis.url", "", "Redis shared by all nodes for cluster-wide limits (redis://host:port); empty = each node limits locally."),
    REDIS_TIMEOUT("throttle.redis.timeout", "100ms", "Longest wait for one Redis answer before the failure policy answers."),
    REDIS_FAILURE_POLICY("throttle.redis.failurePolicy", "fail-open", "While Redis is unavailable: fail-open (allow), fail-closed (503) or local-share (each node enforces limit / throttle.nodes)."),
    THROTTLE_NODES("throttle.nodes", "1", "Number of gateway nodes sharing the limits, for the local-share failure policy."),
    USAGE_FLUSH_INTERVAL("usage.flushInterval", "5s", "How often per-consumer usage counts are added to the store (and once on shutdown)."),
    STANDARD_CONCURRENCY("upstream.standardConcurrency", "2000", "Upstream calls of STANDARD APIs in flight at once (their bulkhead); more get 503 bulkhead-full."),
    CRITICAL_CONCURRENCY("upstream.criticalConcurrency", "2000", "Upstream calls of CRITICAL APIs in flight at once, a budget apart from STANDARD's; more get 503 bulkhead-full."),
    MAX_IN_FLIGHT("overload.maxInFlight", "4000", "Requests the node admits at once; more get 503 overloaded with Retry-After at once, without queueing."),
    POOL_LIMIT_INITIAL("overload.poolLimit.initial", "200", "Each upstream pool's adaptive concurrency limit (AIMD) starts here; calls over it get 503 overloaded."),
    POOL_LIMIT_MIN("overload.poolLimit.min", "10", "The lowest a pool's adaptive concurrency limit goes."),
    POOL_LIMIT_MAX("overload.poolLimit.max", "2000", "The highest a pool's adaptive concurrency limit goes."),
    FANOUT_BATCH_MAX_ITEMS("fanout.batchMaxItems", "20", "Most sub-requests one POST /_turnpike/batch may carry; more gets 400."),
    FANOUT_BATCH_CONCURRENCY("fanout.batchConcurrency", "8", "Items of one batch that run at once."),
    FANOUT_PART_BODY_LIMIT("fanout.partBodyLimit", "1MB", "Largest upstream body of one composite part or batch item; larger fails it with 502."),
    LOOKUP_MAX_AGE("lookup.maxAge", "5s", "Cache-Control max-age of route lookup answers (whole seconds)."),
    LOOKUP_MAX_WAIT("lookup.maxWait", "60s", "Longest ?wait= a route lookup watch may park for (at most 10m)."),
    LOOKUP_MAX_WATCHERS("lookup.maxWatchers", "10000", "Route lookup watches parked at once on this node; beyond it a watch is answered at once."),
    TRACING_OTLP_ENDPOINT("tracing.otlp.endpoint", "", "OTLP/HTTP traces URL (http://collector:4318/v1/traces) the request spans are exported to; empty = no export (trace context is still passed on)."),
    TRACING_SERVICE_NAME("tracing.serviceName", "turnpike", "service.name of the exported spans."),
    TRACING_SAMPLE_RATIO("tracing.sampleRatio", "1.0", "Fraction (0..1) of the traces the gateway starts whose spans are exported; a caller's sampled flag is followed."),
    UPSTREAMS_DENY("upstreams.deny", "", "More address ranges (CIDR, comma-separated) pool instances may not point at, besides link-local and cloud-metadata addresses."),
    UPSTREAMS_ALLOW("upstreams.allow", "", "Address ranges (CIDR, comma-separated) pool instances may point at although a denied range covers them."),
    UI_TRY_IT_OUT("ui.tryItOut", "false", "Whether the web catalog's Swagger UI offers Try it out, sending requests through the public listener."),
    UI_PUBLIC_URL("ui.publicUrl", "", "The public listener's URL as browsers reach it (https://api.example.com), for Try it out; empty = derived from public.host (or admin.host when that is loopback)."),
    CORS_ALLOWED_ORIGINS("cors.allowedOrigins", "", "Browser origins (comma-separated, e.g. https://portal.example.com) that may call the public listener cross-origin; empty = the gateway answers no CORS (besides the web catalog's origins with ui.tryItOut).");

    private final String key;
    private final String defaultValue;
    private final String description;

    Setting(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The key in {@code turnpike.yaml} and {@code --set}. */
    public String key() {
        return key;
    }

    /** The value used when nothing sets it. */
    public String defaultValue() {
        return defaultValue;
    }

    /** One sentence for docs and {@code --help}. */
    public String description() {
        return description;
    }

    /** The environment variable that overrides it. */
    public String envName() {
        StringBuilder b = new StringBuilder("TURNPIKE_");
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '.') {
                b.append('_');
            } else if (Character.isUpperCase(c)) {
                b.append('_').append(c);
            } else {
                b.append(Character.toUpperCase(c));
            }
        }
        return b.toString().toUpperCase(Locale.ROOT);
    }

    /** The setting with this key, or {@code null}. */
    public static Setting byKey(String key) {
        for (Setting s : values()) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        return null;
    }
}
