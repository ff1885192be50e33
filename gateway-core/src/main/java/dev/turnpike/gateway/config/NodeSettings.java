package dev.turnpike.gateway.config;

import dev.turnpike.registry.store.AdminToken;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything one gateway node needs to start, validated. Built by {@link SettingsLoader} from defaults, a YAML file,
 * {@code TURNPIKE_*} environment variables and flags; {@code docs/configuration.md} lists every setting.
 *
 * @param publicListener the proxy port
 * @param adminListener  admin API, health and metrics
 * @param dataDir        where the embedded store and local state live
 * @param catalogFiles   catalog files applied to the store at start; empty to serve what the store holds
 * @param store          where the catalog is stored and how often it is checked for changes
 * @param limits         request limits
 * @param accessLog      one log line per request on logger {@code turnpike.access}
 * @param ioThreads      event-loop threads; 0 = one per core
 * @param logFormat      text or JSON log lines
 * @param shutdownGrace  how long in-flight requests may finish on shutdown
 * @param access         API-key brute-force guard, rate limits and quotas, usage counting
 * @param adminTokens    admin API tokens (hashes) from the settings; empty lets the store's tokens decide (and a
 *                       first start generate one)
 * @param resilience     concurrency budgets of upstream calls and overload shedding
 * @param fanout         limits of composite endpoints and batch calls
 * @param lookup         the route lookup API: max-age of its answers, watch bounds
 * @param maxSpecSize    largest OpenAPI document accepted from catalog files and the admin API, in UTF-8 bytes
 * @param edge           slow-client deadlines, connection caps, trusted proxies and TLS of the listeners
 * @param tracing        span export over OTLP (off by default; trace context is always passed on)
 * @param upstreamRanges address ranges upstream instances may not, or may despite the built-in denials, point at
 * @param ui             the web catalog: "Try it out" and the public URL it calls
 * @param cors           browser origins allowed to call the public listener cross-origin
 */
public record NodeSettings(
        Listener publicListener,
        Listener adminListener,
        Path dataDir,
        List<Path> catalogFiles,
        Store store,
        Limits limits,
        boolean accessLog,
        int ioThreads,
        LogFormat logFormat,
        Duration shutdownGrace,
        AccessSettings access,
        List<AdminToken> adminTokens,
        ResilienceSettings resilience,
        FanoutSettings fanout,
        LookupSettings lookup,
        long maxSpecSize,
        EdgeSettings edge,
        TracingSettings tracing,
        UpstreamRanges upstreamRanges,
        UiSettings ui,
        CorsSettings cors) {
    /** The smallest and largest {@code limits.maxSpecSize}: the catalog reads no larger text. */
    public static final long MIN_SPEC_SIZE = 1024;
    public static final long MAX_SPEC_SIZE = 256L * 1024 * 1024;

    public NodeSettings {
        Objects.requireNonNull(publicListener, "publicListener");
        Objects.requireNonNull(adminListener, "adminListener");
        Objects.requireNonNull(dataDir, "dataDir");
        catalogFiles = List.copyOf(catalogFiles);
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(limits, "limits");
        if (ioThreads < 0 || ioThreads > 1024) {
            throw new IllegalArgumentException("ioThreads: " + ioThreads + " (expected: 0..1024, 0 = one per core)");
        }
        Objects.requireNonNull(logFormat, "logFormat");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(access, "access");
        adminTokens = List.copyOf(adminTokens);
        Objects.requireNonNull(resilience, "resilience");
        Objects.requireNonNull(fanout, "fanout");
        Objects.requireNonNull(lookup, "lookup");
        if (maxSpecSize < MIN_SPEC_SIZE || maxSpecSize > MAX_SPEC_SIZE) {
            throw new IllegalArgumentException("limits.maxSpecSize: " + maxSpecSize + " (expected: " + MIN_SPEC_SIZE
                    + ".." + MAX_SPEC_SIZE + ")");
        }
        Objects.requireNonNull(edge, "edge");
        Objects.requireNonNull(tracing, "tracing");
        Objects.requireNonNull(upstreamRanges, "upstreamRanges");
        Objects.requireNonNull(ui, "ui");
        if (ui.tryItOut() && ui.effectivePublicUrl(publicListener, adminListener, false, 1).isEmpty()) {
            throw new IllegalArgumentException("ui.publicUrl: empty (expected: the URL browsers reach the public"
                    + " listener at, since ui.tryItOut is on and the listeners' addresses do not tell it)");
        }
        Objects.requireNonNull(cors, "cors");
    }

    /** Event-loop threads to run, resolving 0 to the number of cores. */
    public int effectiveIoThreads() {
        return ioThreads > 0 ? ioThreads : Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** A copy that applies {@code files} at start instead. */
    public NodeSettings withCatalogFiles(List<Path> files) {
        return new NodeSettings(publicListener, adminListener, dataDir, files, store, limits, accessLog, ioThreads,
                logFormat, shutdownGrace, access, adminTokens, resilience, fanout, lookup, maxSpecSize, edge, tracing,
                upstreamRanges, ui, cors);
    }

    /**
     * The catalog store.
     *
     * @param url          JDBC URL of a shared PostgreSQL; empty for the embedded H2 file store in the data directory
     * @param user         PostgreSQL user
     * @param password     PostgreSQL password; never logged ({@link #toString()} masks it)
     * @param pollInterval how often the store's catalog version is checked
     */
    public record Store(String url, String user, String password, Duration pollInterval) {
        public Store {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            if (!url.isEmpty() && !url.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("store.url: \"" + url + "\" (expected: empty or jdbc:postgresql://...)");
            }
            Objects.requireNonNull(pollInterval, "pollInterval");
            if (pollInterval.toMillis() < 10) {
                throw new IllegalArgumentException("store.pollInterval: " + pollInterval + " (expected: >= 10ms)");
            }
        }

        /** Whether the store is the embedded H2 file. */
        public boolean embedded() {
            return url.isEmpty();
        }

        @Override
        public String toString() {
            return "Store[url=" + url + ", user=" + user + ", password=***, pollInterval=" + pollInterval + "]";
        }
    }

    /**
     * Where a listener binds.
     *
     * @param host address to bind, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
     * @param port 0..65535; 0 picks a free port
     */
    public record Listener(String host, int port) {
        public Listener {
            Objects.requireNonNull(host, "host");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
            }
        }
    }

    /**
     * Request limits of the public listener.
     *
     * @param maxRequestLine bytes of the request line; longer gets 414
     * @param maxHeaderSize  bytes of the header block; larger gets 431
     * @param maxHeaders     number of header fields; more gets 431
     * @param maxBodySize    bytes of request body; larger gets 413
     * @param idleTimeout    an idle keep-alive connection is closed after this
     */
    public record Limits(int maxRequestLine, int maxHeaderSize, int maxHeaders, long maxBodySize, Duration idleTimeout) {
        public Limits {
            if (maxRequestLine < 64) {
                throw new IllegalArgumentException("maxRequestLine: " + maxRequestLine + " (expected: >= 64)");
            }
            if (maxHeaderSize < 256) {
                throw new IllegalArgumentException("maxHeaderSize: " + maxHeaderSize + " (expected: >= 256)");
            }
            if (maxHeaders < 1) {
                throw new IllegalArgumentException("maxHeaders: " + maxHeaders + " (expected: > 0)");
            }
            if (maxBodySize < 0) {
                throw new IllegalArgumentException("maxBodySize: " + maxBodySize + " (expected: >= 0)");
            }
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            if (idleTimeout.isZero() || idleTimeout.isNegative()) {
                throw new IllegalArgumentException("idleTimeout: " + idleTimeout + " (expected: > 0)");
            }
        }
    }

    /** Shape of log lines. */
    public enum LogFormat {
        /** Human-readable lines. */
        TEXT,
        /** One JSON object per line, for log shippers. */
        JSON
    }
}
