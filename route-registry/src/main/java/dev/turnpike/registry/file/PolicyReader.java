package dev.turnpike.registry.file;

import dev.turnpike.registry.model.ApiPolicies;
import dev.turnpike.registry.model.CircuitBreakerPolicy;
import dev.turnpike.registry.model.EncodedSlashes;
import dev.turnpike.registry.model.RateLimit;
import dev.turnpike.registry.model.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads an API's {@code policies:} mapping. Returns {@code null} after reporting any problem. */
final class PolicyReader {
    static final List<String> POLICY_FIELDS = List.of("timeout", "retry", "circuitBreaker", "bodyLimit", "rateLimit",
            "publicAccess", "encodedSlashes");
    static final List<String> RETRY_FIELDS = List.of("attempts", "on", "methods");
    static final List<String> BREAKER_FIELDS = List.of("failureRate", "window", "openFor");
    static final List<String> RATE_FIELDS = List.of("perSecond", "burst");
    static final List<String> DEFAULT_RETRY_METHODS = List.of("GET", "HEAD");

    private PolicyReader() {
    }

    static ApiPolicies read(YamlFields api) {
        YamlFields f = api.mapping("policies", POLICY_FIELDS);
        if (f == null) {
            return api.has("policies") ? null : ApiPolicies.NONE;
        }
        int before = f.violationCount();
        Duration timeout = f.duration("timeout", null);
        RetryPolicy retry = retry(f);
        CircuitBreakerPolicy breaker = breaker(f);
        Long bodyLimit = f.parsed("bodyLimit", null, SizeText::parse);
        RateLimit rate = rate(f);
        Boolean publicAccess = f.bool("publicAccess", false);
        EncodedSlashes encodedSlashes = f.parsed("encodedSlashes", EncodedSlashes.REFUSE, PolicyReader::encodedSlashes);
        if (f.violationCount() > before) {
            return null;
        }
        try {
            return new ApiPolicies(Optional.ofNullable(timeout), Optional.ofNullable(retry),
                    Optional.ofNullable(breaker), bodyLimit == null ? OptionalLong.empty() : OptionalLong.of(bodyLimit),
                    Optional.ofNullable(rate), publicAccess, encodedSlashes);
        } catch (IllegalArgumentException e) {
            f.report(e);
            return null;
        }
    }

    /** {@code refuse} or {@code pass}, in any case. */
    static EncodedSlashes encodedSlashes(String text) {
        try {
            return EncodedSlashes.valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + text + "\" (expected: refuse or pass)", e);
        }
    }

    private static RetryPolicy retry(YamlFields policies) {
        YamlFields f = policies.mapping("retry", RETRY_FIELDS);
        if (f == null) {
            return null;
        }
        int before = f.violationCount();
        Integer attempts = f.requiredInteger("attempts");
        boolean onConnectFailure = true;
        List<Integer> statuses = new ArrayList<>();
        List<YamlNode> on = f.list("on", false);
        if (on != null) {
            onConnectFailure = false;
            for (int i = 0; i < on.size(); i++) {
                YamlNode item = on.get(i);
                if (item.kind() == YamlNode.Kind.SCALAR && RetryPolicy.CONNECT_FAILURE.equals(item.text())) {
                    onConnectFailure = true;
                } else if (item.kind() == YamlNode.Kind.SCALAR && item.type() == YamlNode.ScalarType.INTEGER
                        && item.text().matches("\\d{3}")) {
                    statuses.add(Integer.valueOf(item.text()));
                } else {
                    f.reportAt(f.path("on") + "[" + i + "]", item.line(), item.describe()
                            + " (expected: connect-failure or a status code 500..599)");
                }
            }
        }
        List<String> methods = DEFAULT_RETRY_METHODS;
        List<YamlNode> items = f.list("methods", false);
        if (items != null) {
            methods = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                YamlNode item = items.get(i);
                if (item.kind() == YamlNode.Kind.SCALAR && item.type() == YamlNode.ScalarType.STRING) {
                    methods.add(item.text());
                } else {
                    f.reportAt(f.path("methods") + "[" + i + "]", item.line(), item.describe()
                            + " (expected: an HTTP method such as GET)");
                }
            }
        }
        if (f.violationCount() > before) {
            return null;
        }
        try {
            return new RetryPolicy(attempts, onConnectFailure, statuses, methods);
        } catch (IllegalArgumentException e) {
            f.report(e);
            return null;
        }
    }

    private static CircuitBreakerPolicy breaker(YamlFields policies) {
        YamlFields f = policies.mapping("circuitBreaker", BREAKER_FIELDS);
        if (f == null) {
            return null;
        }
        int before = f.violationCount();
        Integer failureRate = f.integer("failureRate", 50);
        Integer window = f.integer("window", 100);
        Duration openFor = f.duration("openFor", Duration.ofSeconds(10));
        if (f.violationCount() > before) {
            return null;
        }
        try {
            return new CircuitBreakerPolicy(failureRate, window, openFor);
        } catch (IllegalArgumentException e) {
            f.report(e);
            return null;
        }
    }

    private static RateLimit rate(YamlFields policies) {
        YamlFields f = policies.mapping("rateLimit", RATE_FIELDS);
        if (f == null) {
            return null;
        }
        int before = f.violationCount();
        Integer perSecond = f.requiredInteger("perSecond");
        Integer burst = f.integer("burst", perSecond);
        if (f.violationCount() > before) {
            return null;
        }
        try {
            return new RateLimit(perSecond, burst);
        } catch (IllegalArgumentException e) {
            f.report(e);
            return null;
        }
    }
}
