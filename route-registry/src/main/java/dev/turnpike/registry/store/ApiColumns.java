package dev.turnpike.registry.store;

import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.ApiPolicies;
import dev.turnpike.registry.model.ApiSpec;
import dev.turnpike.registry.spec.OperationsJson;
import dev.turnpike.registry.model.CircuitBreakerPolicy;
import dev.turnpike.registry.model.Criticality;
import dev.turnpike.registry.model.EncodedSlashes;
import dev.turnpike.registry.model.RateLimit;
import dev.turnpike.registry.model.RetryPolicy;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The API columns migrations V2, V4, V6 and V12 added: lifecycle details, criticality, policies (one nullable column
 * per value), the OpenAPI document, the public-access flag, the operations read from the document and the
 * encoded-slash policy. Lists (retry statuses and methods) are comma-separated text.
 */
final class ApiColumns {
    static final String NAMES = "criticality, sunset, successor, timeout_ms, retry_attempts, retry_on, retry_methods,"
            + " breaker_failure_rate, breaker_window, breaker_open_for_ms, body_limit, rate_per_second, rate_burst,"
            + " spec_document, public_access, spec_operations, encoded_slashes";
    static final String PLACEHOLDERS = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";

    /** What {@link #get} read. */
    record Values(Criticality criticality, Optional<LocalDate> sunset, Optional<String> successor,
                  ApiPolicies policies, Optional<String> document, Optional<String> operations) {
    }

    private ApiColumns() {
    }

    /** Sets the 17 columns of {@link #NAMES} from parameter {@code i} on. */
    static void set(PreparedStatement s, int i, Api a) throws SQLException {
        ApiPolicies p = a.policies();
        s.setString(i, a.criticality().name());
        if (a.sunset().isPresent()) {
            s.setObject(i + 1, a.sunset().get());
        } else {
            s.setNull(i + 1, Types.DATE);
        }
        text(s, i + 2, a.successor().orElse(null));
        number(s, i + 3, p.timeout().map(Duration::toMillis).orElse(null));
        RetryPolicy r = p.retry().orElse(null);
        number(s, i + 4, r == null ? null : (long) r.attempts());
        text(s, i + 5, r == null ? null : retryOn(r));
        text(s, i + 6, r == null ? null : String.join(",", r.methods()));
        CircuitBreakerPolicy b = p.circuitBreaker().orElse(null);
        number(s, i + 7, b == null ? null : (long) b.failureRate());
        number(s, i + 8, b == null ? null : (long) b.window());
        number(s, i + 9, b == null ? null : b.openFor().toMillis());
        number(s, i + 10, p.bodyLimit().isPresent() ? p.bodyLimit().getAsLong() : null);
        number(s, i + 11, p.rateLimit().map(l -> (long) l.perSecond()).orElse(null));
        number(s, i + 12, p.rateLimit().map(l -> (long) l.burst()).orElse(null));
        text(s, i + 13, a.spec().map(ApiSpec::document).orElse(null));
        s.setBoolean(i + 14, p.publicAccess());
        text(s, i + 15, a.spec().map(OperationsJson::write).orElse(null));
        s.setString(i + 16, p.encodedSlashes().name());
    }

    /**
     * Reads the 17 columns of {@link #NAMES} from column {@code i} on; the document and its operations stay text
     * (made into a spec in bulk).
     */
    static Values get(ResultSet rs, int i) throws SQLException {
        Criticality criticality = Criticality.valueOf(rs.getString(i));
        Optional<LocalDate> sunset = Optional.ofNullable(rs.getObject(i + 1, LocalDate.class));
        Optional<String> successor = Optional.ofNullable(rs.getString(i + 2));
        ApiPolicies p = ApiPolicies.NONE;
        Long timeout = number(rs, i + 3);
        if (timeout != null) {
            p = p.withTimeout(Duration.ofMillis(timeout));
        }
        Long attempts = number(rs, i + 4);
        if (attempts != null) {
            List<Integer> statuses = new ArrayList<>();
            boolean connect = false;
            for (String on : split(rs.getString(i + 5))) {
                if (on.equals(RetryPolicy.CONNECT_FAILURE)) {
                    connect = true;
                } else {
                    statuses.add(Integer.valueOf(on));
                }
            }
            p = p.withRetry(new RetryPolicy(attempts.intValue(), connect, statuses, split(rs.getString(i + 6))));
        }
        Long failureRate = number(rs, i + 7);
        if (failureRate != null) {
            p = p.withCircuitBreaker(new CircuitBreakerPolicy(failureRate.intValue(), number(rs, i + 8).intValue(),
                    Duration.ofMillis(number(rs, i + 9))));
        }
        Long bodyLimit = number(rs, i + 10);
        Long perSecond = number(rs, i + 11);
        p = new ApiPolicies(p.timeout(), p.retry(), p.circuitBreaker(),
                bodyLimit == null ? OptionalLong.empty() : OptionalLong.of(bodyLimit),
                perSecond == null ? Optional.empty()
                        : Optional.of(new RateLimit(perSecond.intValue(), number(rs, i + 12).intValue())),
                rs.getBoolean(i + 14), EncodedSlashes.valueOf(rs.getString(i + 16)));
        String document = rs.getString(i + 13);
        return new Values(criticality, sunset, successor, p, Optional.ofNullable(document),
                Optional.ofNullable(rs.getString(i + 15)));
    }

    private static String retryOn(RetryPolicy r) {
        List<String> on = new ArrayList<>();
        if (r.onConnectFailure()) {
            on.add(RetryPolicy.CONNECT_FAILURE);
        }
        r.onStatus().forEach(status -> on.add(status.toString()));
        return String.join(",", on);
    }

    private static List<String> split(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split(","));
    }

    static void text(PreparedStatement s, int i, String value) throws SQLException {
        if (value == null) {
            s.setNull(i, Types.VARCHAR);
        } else {
            s.setString(i, value);
        }
    }

    static void number(PreparedStatement s, int i, Long value) throws SQLException {
        if (value == null) {
            s.setNull(i, Types.BIGINT);
        } else {
            s.setLong(i, value);
        }
    }

    static Long number(ResultSet rs, int i) throws SQLException {
        long value = rs.getLong(i);
        return rs.wasNull() ? null : value;
    }
}
