package dev.turnpike.client.internal;

import dev.turnpike.client.ApiRouting;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The routing the client calls with, from one lookup document: the APIs the caller may call directly, longest base
 * path first. Immutable; swapped whole when the lookup changes.
 *
 * @param known     whether a lookup answered at all (false: every call goes through the gateway for want of routing)
 * @param consumer  the caller's consumer id, or {@code null} when not known
 * @param etag      the document's {@code ETag}, or {@code null}
 * @param routes    the direct APIs
 */
public record RoutingTable(boolean known, String consumer, String etag, List<DirectRoute> routes) {
    /** Before the first lookup answered. */
    public static final RoutingTable UNKNOWN = new RoutingTable(false, null, null, List.of());

    public RoutingTable {
        List<DirectRoute> sorted = new ArrayList<>(routes);
        sorted.sort(Comparator.comparingInt((DirectRoute r) -> -r.api().basePath().length()));
        routes = List.copyOf(sorted);
    }

    /** A table of the APIs in a lookup document. */
    public static RoutingTable of(String consumer, String etag, List<ApiRouting> apis) {
        return new RoutingTable(true, consumer, etag, apis.stream().map(DirectRoute::new).toList());
    }

    /** A known table without direct APIs (the caller may call nothing directly, or its key was refused). */
    public static RoutingTable none() {
        return new RoutingTable(true, null, null, List.of());
    }

    /**
     * The API a request to the gateway for {@code host} and {@code path} goes to, or {@code null}: the longest base
     * path that covers the path, among APIs mounted on that host or on any host.
     */
    public DirectRoute match(String host, String path) {
        String h = host == null ? null : host.toLowerCase(Locale.ROOT);
        for (DirectRoute r : routes) {
            String apiHost = r.api().host();
            if ((apiHost == null || apiHost.equals(h)) && r.covers(path)) {
                return r;
            }
        }
        return null;
    }

    /** The direct API with this id, or {@code null}. */
    public DirectRoute api(String id) {
        for (DirectRoute r : routes) {
            if (r.api().id().equals(id)) {
                return r;
            }
        }
        return null;
    }
}
