package dev.turnpike.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.turnpike.registry.file.DurationText;
import dev.turnpike.registry.file.SizeText;
import dev.turnpike.registry.store.AdminToken;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.turnpike.throttling.RedisFailurePolicy;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds {@link NodeSettings} from, in rising precedence: defaults, a YAML file, {@code TURNPIKE_*} environment
 * variables and {@code --set key=value} overrides. Every bad value is reported (all of them at once) with its key,
 * the value, where it came from and what was expected. Relative paths from the file resolve against the file's
 * directory; others against the working directory.
 *
 * <pre>{@code
 * NodeSettings s = SettingsLoader.load(Optional.of(Path.of("turnpike.yaml")), System.getenv(),
 *         Map.of("public.port", "8081"));
 * }</pre>
 */
public final class SettingsLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<Setting, Value> values = new EnumMap<>(Setting.class);
    private final List<String> problems = new ArrayList<>();

    private record Value(String text, String source, Path baseDir) {
    }

    private SettingsLoader() {
        for (Setting s : Setting.values()) {
            values.put(s, new Value(s.defaultValue(), "default", Path.of("")));
        }
    }

    /**
     * Loads settings.
     *
     * @param file      optional {@code turnpike.yaml}
     * @param env       the environment (only {@code TURNPIKE_*} names of known settings are read)
     * @param overrides {@code key -> value} from flags
     * @throws SettingsException listing every problem
     */
    public static NodeSettings load(Optional<Path> file, Map<String, String> env, Map<String, String> overrides)
            throws SettingsException {
        SettingsLoader loader = new SettingsLoader();
        file.ifPresent(loader::readFile);
        for (Setting s : Setting.values()) {
            String v = env.get(s.envName());
            if (v != null) {
                loader.values.put(s, new Value(v, "env " + s.envName(), Path.of("")));
            }
        }
        overrides.forEach((key, v) -> {
            Setting s = Setting.byKey(key);
            if (s == null) {
                loader.problems.add(key + ": unknown setting from flag (expected one of: " + knownKeys() + ")");
            } else {
                loader.values.put(s, new Value(v, "flag", Path.of("")));
            }
        });
        return loader.build();
    }

    private static String knownKeys() {
        return String.join(", ", Arrays.stream(Setting.values()).map(Setting::key).toList());
    }

    private void readFile(Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            problems.add(file + ": cannot be read as YAML (" + e.getMessage().lines().findFirst().orElse("") + ")");
            return;
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return;
        }
        if (!root.isObject()) {
            problems.add(file + ": expected a map of settings at the top level");
            return;
        }
        Path base = file.toAbsolutePath().getParent();
        flatten("", root, file, base);
    }

    private void flatten(String prefix, JsonNode node, Path file, Path base) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            JsonNode v = e.getValue();
            Setting s = Setting.byKey(key);
            if (s == null && v.isObject()) {
                flatten(key, v, file, base);
            } else if (s == null) {
                problems.add(key + ": unknown setting in " + file + " (expected one of: " + knownKeys() + ")");
            } else if (v.isArray()) {
                List<String> items = new ArrayList<>();
                v.forEach(item -> items.add(item.asText()));
                values.put(s, new Value(String.join(",", items), file.toString(), base));
            } else if (v.isContainerNode()) {
                problems.add(key + ": a map in " + file + " (expected: a single value)");
            } else {
                values.put(s, new Value(v.isNull() ? "" : v.asText(), file.toString(), base));
            }
        }
    }

    private NodeSettings build() throws SettingsException {
        NodeSettings.Listener pub = listener(Setting.PUBLIC_HOST, Setting.PUBLIC_PORT);
        NodeSettings.Listener admin = listener(Setting.ADMIN_HOST, Setting.ADMIN_PORT);
        Path dataDir = path(Setting.DATA_DIR);
        List<Path> catalog = new ArrayList<>();
        Value c = values.get(Setting.CATALOG);
        for (String p : c.text().split(",")) {
            if (!p.isBlank()) {
                catalog.add(c.baseDir().resolve(p.trim()).normalize());
            }
        }
        Duration poll = parse(Setting.STORE_POLL_INTERVAL, DurationText::parse);
        NodeSettings.Store store = null;
        if (poll != null) {
            try {
                store = new NodeSettings.Store(values.get(Setting.STORE_URL).text().trim(),
                        values.get(Setting.STORE_USER).text(), values.get(Setting.STORE_PASSWORD).text(), poll);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage() + " from " + values.get(Setting.STORE_URL).source());
            }
        }
        Integer line = parse(Setting.MAX_REQUEST_LINE, t -> Math.toIntExact(SizeText.parse(t)));
        Integer headerSize = parse(Setting.MAX_HEADER_SIZE, t -> Math.toIntExact(SizeText.parse(t)));
        Integer headers = parse(Setting.MAX_HEADERS, SettingsLoader::integer);
        Long body = parse(Setting.MAX_BODY_SIZE, SizeText::parse);
        Long specSize = parse(Setting.MAX_SPEC_SIZE, SizeText::parse);
        Duration idle = parse(Setting.IDLE_TIMEOUT, DurationText::parse);
        Boolean accessLog = parse(Setting.ACCESS_LOG, SettingsLoader::bool);
        Integer ioThreads = parse(Setting.IO_THREADS, SettingsLoader::integer);
        NodeSettings.LogFormat format = parse(Setting.LOG_FORMAT, SettingsLoader::logFormat);
        Duration grace = parse(Setting.SHUTDOWN_GRACE, DurationText::parse);
        AccessSettings access = access();
        FanoutSettings fanout = fanout();
        List<AdminToken> tokens = parse(Setting.ADMIN_TOKENS, SettingsLoader::adminTokens);
        ResilienceSettings resilience = resilience();
        LookupSettings lookup = lookup();
        EdgeSettings edge = edge();
        TracingSettings tracing = tracing();
        List<String> deny = parse(Setting.UPSTREAMS_DENY, UpstreamRanges::parse);
        List<String> allow = parse(Setting.UPSTREAMS_ALLOW, UpstreamRanges::parse);
        UiSettings ui = ui(pub, admin);
        List<WebOrigin> corsOrigins = parse(Setting.CORS_ALLOWED_ORIGINS, CorsSettings::parseOrigins);
        NodeSettings.Limits limits = null;
        if (line != null && headerSize != null && headers != null && body != null && idle != null) {
            try {
                limits = new NodeSettings.Limits(line, headerSize, headers, body, idle);
            } catch (IllegalArgumentException e) {
                problems.add("limits." + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        try {
            return new NodeSettings(pub, admin, dataDir, catalog, store, limits, accessLog, ioThreads, format, grace,
                    access, tokens, resilience, fanout, lookup, specSize, edge, tracing,
                    new UpstreamRanges(deny, allow), ui, new CorsSettings(corsOrigins));
        } catch (IllegalArgumentException e) {
            throw new SettingsException(List.of(e.getMessage()));
        }
    }

    /** With "Try it out" on, a public URL that cannot be derived from the listeners must be set. */
    private UiSettings ui(NodeSettings.Listener pub, NodeSettings.Listener admin) {
        Boolean tryItOut = parse(Setting.UI_TRY_IT_OUT, SettingsLoader::bool);
        Optional<URI> publicUrl = parse(Setting.UI_PUBLIC_URL, UiSettings::parsePublicUrl);
        if (tryItOut == null || publicUrl == null) {
            return null;
        }
        UiSettings ui = new UiSettings(tryItOut, publicUrl);
        if (tryItOut && pub != null && admin != null
                && ui.effectivePublicUrl(pub, admin, false, pub.port()).isEmpty()) {
            problem(Setting.UI_PUBLIC_URL, "the URL browsers reach the public listener at, such as"
                    + " https://api.example.com, since ui.tryItOut is on and neither public.host " + pub.host()
                    + " nor admin.host " + admin.host() + " tells it");
        }
        return ui;
    }

    private ResilienceSettings resilience() {
        Integer standard = parse(Setting.STANDARD_CONCURRENCY, SettingsLoader::integer);
        Integer critical = parse(Setting.CRITICAL_CONCURRENCY, SettingsLoader::integer);
        Integer inFlight = parse(Setting.MAX_IN_FLIGHT, SettingsLoader::integer);
        Integer initial = parse(Setting.POOL_LIMIT_INITIAL, SettingsLoader::integer);
        Integer min = parse(Setting.POOL_LIMIT_MIN, SettingsLoader::integer);
        Integer max = parse(Setting.POOL_LIMIT_MAX, SettingsLoader::integer);
        if (standard == null || critical == null || inFlight == null || initial == null || min == null || max == null) {
            return null;
        }
        try {
            return new ResilienceSettings(standard, critical, inFlight, initial, min, max);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private TracingSettings tracing() {
        Double ratio = parse(Setting.TRACING_SAMPLE_RATIO, t -> {
            try {
                return Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected: a number from 0 to 1", e);
            }
        });
        if (ratio == null) {
            return null;
        }
        try {
            return new TracingSettings(values.get(Setting.TRACING_OTLP_ENDPOINT).text().trim(),
                    values.get(Setting.TRACING_SERVICE_NAME).text().trim(), ratio);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private LookupSettings lookup() {
        Duration maxAge = parse(Setting.LOOKUP_MAX_AGE, DurationText::parse);
        Duration maxWait = parse(Setting.LOOKUP_MAX_WAIT, DurationText::parse);
        Integer maxWatchers = parse(Setting.LOOKUP_MAX_WATCHERS, SettingsLoader::integer);
        if (maxAge == null || maxWait == null || maxWatchers == null) {
            return null;
        }
        try {
            return new LookupSettings(maxAge, maxWait, maxWatchers);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private FanoutSettings fanout() {
        Integer items = parse(Setting.FANOUT_BATCH_MAX_ITEMS, SettingsLoader::integer);
        Integer concurrency = parse(Setting.FANOUT_BATCH_CONCURRENCY, SettingsLoader::integer);
        Long body = parse(Setting.FANOUT_PART_BODY_LIMIT, SizeText::parse);
        if (items == null || concurrency == null || body == null) {
            return null;
        }
        try {
            return new FanoutSettings(items, concurrency, body);
        } catch (IllegalArgumentException e) {
            problems.add("fanout." + e.getMessage());
            return null;
        }
    }

    private AccessSettings access() {
        Integer maxFailures = parse(Setting.BRUTE_FORCE_MAX_FAILURES, SettingsLoader::integer);
        Duration window = parse(Setting.BRUTE_FORCE_WINDOW, DurationText::parse);
        Long maxClients = parse(Setting.BRUTE_FORCE_MAX_CLIENTS, SettingsLoader::longValue);
        ZoneId zone = parse(Setting.QUOTA_ZONE, SettingsLoader::zone);
        Long maxKeys = parse(Setting.THROTTLE_MAX_KEYS, SettingsLoader::longValue);
        String redisUrl = values.get(Setting.REDIS_URL).text().trim();
        Duration redisTimeout = parse(Setting.REDIS_TIMEOUT, DurationText::parse);
        RedisFailurePolicy policy = parse(Setting.REDIS_FAILURE_POLICY, SettingsLoader::failurePolicy);
        Integer nodes = parse(Setting.THROTTLE_NODES, SettingsLoader::integer);
        Duration flush = parse(Setting.USAGE_FLUSH_INTERVAL, DurationText::parse);
        if (maxFailures == null || window == null || maxClients == null || zone == null || maxKeys == null
                || redisTimeout == null || policy == null || nodes == null || flush == null) {
            return null;
        }
        try {
            return new AccessSettings(maxFailures, window, maxClients, zone, maxKeys, redisUrl, redisTimeout, policy,
                    nodes, flush);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private EdgeSettings edge() {
        Duration headerTimeout = parse(Setting.HEADER_TIMEOUT, DurationText::parse);
        Long minBodyRate = parse(Setting.MIN_BODY_RATE, SizeText::parse);
        Duration window = parse(Setting.BODY_RATE_WINDOW, DurationText::parse);
        Integer maxConnections = parse(Setting.MAX_CONNECTIONS, SettingsLoader::integer);
        Integer perClient = parse(Setting.MAX_CONNECTIONS_PER_CLIENT, SettingsLoader::integer);
        List<Cidr> trusted = parse(Setting.TRUSTED_PROXIES, SettingsLoader::cidrs);
        Optional<EdgeSettings.TlsFiles> publicTls = tls(Setting.TLS_CERTIFICATE, Setting.TLS_KEY);
        Optional<EdgeSettings.TlsFiles> adminTls = tls(Setting.ADMIN_TLS_CERTIFICATE, Setting.ADMIN_TLS_KEY);
        Boolean h2c = parse(Setting.PUBLIC_H2C, SettingsLoader::bool);
        if (headerTimeout == null || minBodyRate == null || window == null || maxConnections == null
                || perClient == null || trusted == null || publicTls == null || adminTls == null || h2c == null) {
            return null;
        }
        try {
            return new EdgeSettings(headerTimeout, minBodyRate, window, maxConnections, perClient, trusted, publicTls,
                    adminTls, h2c);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    /** Both files or neither; {@code null} after reporting a problem. */
    private Optional<EdgeSettings.TlsFiles> tls(Setting certificate, Setting key) {
        Duration reload = parse(Setting.TLS_RELOAD_INTERVAL, DurationText::parse);
        Value c = values.get(certificate);
        Value k = values.get(key);
        if (c.text().isBlank() && k.text().isBlank()) {
            return Optional.empty();
        }
        if (c.text().isBlank() || k.text().isBlank()) {
            problem(c.text().isBlank() ? certificate : key, "a PEM file path, since " + (c.text().isBlank()
                    ? key.key() : certificate.key()) + " is set");
            return null;
        }
        if (reload == null) {
            return null;
        }
        try {
            return Optional.of(new EdgeSettings.TlsFiles(c.baseDir().resolve(c.text().trim()).normalize(),
                    k.baseDir().resolve(k.text().trim()).normalize(), reload));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private static List<Cidr> cidrs(String t) {
        List<Cidr> out = new ArrayList<>();
        for (String item : t.split(",")) {
            if (!item.isBlank()) {
                out.add(Cidr.parse(item));
            }
        }
        return out;
    }

    private NodeSettings.Listener listener(Setting host, Setting port) {
        String h = values.get(host).text().trim();
        if (h.isEmpty()) {
            problem(host, "an address such as 0.0.0.0 or 127.0.0.1");
        }
        Integer p = parse(port, t -> {
            int n = integer(t);
            if (n < 0 || n > 65535) {
                throw new IllegalArgumentException("expected: 0..65535");
            }
            return n;
        });
        return p == null || h.isEmpty() ? null : new NodeSettings.Listener(h, p);
    }

    private Path path(Setting s) {
        Value v = values.get(s);
        if (v.text().isBlank()) {
            problem(s, "a directory path");
            return Path.of(".");
        }
        return v.baseDir().resolve(v.text().trim()).normalize();
    }

    private <T> T parse(Setting s, Function<String, T> parser) {
        try {
            return parser.apply(values.get(s).text().trim());
        } catch (RuntimeException e) {
            String expected = e.getMessage() == null ? "a valid value" : e.getMessage();
            int i = expected.indexOf("(expected: ");
            problem(s, i >= 0 ? expected.substring(i + 11, expected.length() - 1)
                    : expected.replaceFirst("^expected: ", ""));
            return null;
        }
    }

    private void problem(Setting s, String expected) {
        Value v = values.get(s);
        problems.add(s.key() + ": \"" + v.text() + "\" from " + v.source() + " (expected: " + expected + ")");
    }

    private static int integer(String t) {
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected: a whole number", e);
        }
    }

    private static long longValue(String t) {
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected: a whole number", e);
        }
    }

    private static ZoneId zone(String t) {
        try {
            return ZoneId.of(t);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("expected: a zone id such as UTC or Asia/Tokyo", e);
        }
    }

    private static RedisFailurePolicy failurePolicy(String t) {
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "fail-open" -> RedisFailurePolicy.FAIL_OPEN;
            case "fail-closed" -> RedisFailurePolicy.FAIL_CLOSED;
            case "local-share" -> RedisFailurePolicy.LOCAL_SHARE;
            default -> throw new IllegalArgumentException("expected: fail-open, fail-closed or local-share");
        };
    }

    /** {@code name:role:sha256hex}, comma-separated; names unique. */
    private static List<AdminToken> adminTokens(String t) {
        List<AdminToken> tokens = new ArrayList<>();
        for (String item : t.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            String[] parts = item.trim().split(":", -1);
            if (parts.length != 3) {
                throw new IllegalArgumentException("expected: name:role:sha256hex, comma-separated; \""
                        + item.trim() + "\" has " + parts.length + " part(s)");
            }
            AdminToken token;
            try {
                token = new AdminToken(parts[0], AdminToken.Role.parse(parts[1]), parts[2].toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("expected: name:role:sha256hex; in \"" + parts[0] + "\": "
                        + e.getMessage().replace("(expected: ", "(want: "), e);
            }
            if (tokens.stream().anyMatch(o -> o.name().equals(token.name()) || o.hash().equals(token.hash()))) {
                throw new IllegalArgumentException("expected: each token name and hash once; \"" + token.name()
                        + "\" repeats one");
            }
            tokens.add(token);
        }
        return tokens;
    }

    private static boolean bool(String t) {
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("expected: true or false");
        };
    }

    private static NodeSettings.LogFormat logFormat(String t) {
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "text" -> NodeSettings.LogFormat.TEXT;
            case "json" -> NodeSettings.LogFormat.JSON;
            default -> throw new IllegalArgumentException("expected: text or json");
        };
    }
}
