package dev.turnpike.gateway.routing;

import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Lifecycle;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

/**
 * What a response of a {@link Lifecycle#DEPRECATED} API tells its caller, computed once per snapshot:
 * {@code Deprecation: true}, {@code Sunset} (RFC 8594, the planned retirement day at 00:00 UTC) when one is set, and
 * {@code Link: <successor base path>; rel="successor-version"} when a successor is named.
 *
 * @param sunset    the Sunset value, or {@code null}
 * @param successor the Link value, or {@code null}
 */
public record LifecycleHeaders(String sunset, String successor) {
    /** Nothing to add: the API is not deprecated. */
    public static final LifecycleHeaders NONE = new LifecycleHeaders(null, null);

    /** The headers for {@code api}, resolving its successor's base path in {@code catalog}. */
    public static LifecycleHeaders of(Api api, Catalog catalog) {
        return of(api, catalog::api);
    }

    /** The headers for {@code api}, resolving its successor's base path with {@code apisById} (null if unknown). */
    public static LifecycleHeaders of(Api api, Function<String, Api> apisById) {
        if (api.lifecycle() != Lifecycle.DEPRECATED) {
            return NONE;
        }
        String sunset = api.sunset()
                .map(day -> DateTimeFormatter.RFC_1123_DATE_TIME.format(day.atStartOfDay(ZoneOffset.UTC)))
                .orElse(null);
        String successor = api.successor()
                .map(apisById)
                .map(next -> "<" + next.basePath() + ">; rel=\"successor-version\"")
                .orElse(null);
        return new LifecycleHeaders(sunset, successor);
    }

    /** Whether the API is deprecated (anything to add at all). */
    public boolean deprecated() {
        return this != NONE;
    }

    /** Adds the headers to a response. */
    public void addTo(HttpHeaders headers) {
        headers.set("deprecation", "true");
        if (sunset != null) {
            headers.set("sunset", sunset);
        }
        if (successor != null) {
            headers.add("link", successor);
        }
    }
}
