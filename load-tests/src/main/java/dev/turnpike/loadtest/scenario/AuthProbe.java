package dev.turnpike.loadtest.scenario;

import dev.turnpike.loadtest.target.KeyedCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * Checks, before the {@code auth} scenario measures, that each target does what its name claims: the public API
 * answers without a key and without RateLimit headers; the keyed API refuses a request without a key (401) and
 * answers the subscriber's key with 200 and the plan's RateLimit headers — which, on the Redis node under
 * {@code fail-closed}, also proves that Redis answered. A scenario that measured a misconfigured gateway would
 * report the cost of something else.
 */
final class AuthProbe {
    private AuthProbe() {
    }

    /** Requires 200 without a key and no {@code RateLimit-Limit}. */
    static void requirePublic(String url) throws IOException {
        Answer a = get(url, null);
        if (a.status != 200 || a.limit != null) {
            throw new IllegalStateException("public target " + url + ": expected 200 without RateLimit headers, got "
                    + a.status + (a.limit == null ? "" : " with RateLimit-Limit " + a.limit));
        }
    }

    /** Requires 401 without a key, and 200 with {@code key} carrying the plan's {@code RateLimit-Limit}. */
    static void requireChecked(String url, String key) throws IOException {
        Answer anonymous = get(url, null);
        if (anonymous.status != 401) {
            throw new IllegalStateException("keyed target " + url + ": expected 401 without a key, got "
                    + anonymous.status);
        }
        Answer keyed = get(url, key);
        String plan = Integer.toString(KeyedCatalog.PLAN_PER_SECOND);
        if (keyed.status != 200 || !plan.equals(keyed.limit) || keyed.remaining == null) {
            throw new IllegalStateException("keyed target " + url + ": expected 200 with RateLimit-Limit " + plan
                    + " and RateLimit-Remaining, got " + keyed.status + " with RateLimit-Limit " + keyed.limit
                    + ", RateLimit-Remaining " + keyed.remaining);
        }
    }

    private static Answer get(String url, String key) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setConnectTimeout(5000);
        c.setReadTimeout(5000);
        if (key != null) {
            c.setRequestProperty("X-Api-Key", key);
        }
        try {
            int status = c.getResponseCode();
            try (InputStream body = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                if (body != null) {
                    body.readAllBytes();
                }
            }
            return new Answer(status, c.getHeaderField("RateLimit-Limit"), c.getHeaderField("RateLimit-Remaining"));
        } finally {
            c.disconnect();
        }
    }

    private record Answer(int status, String limit, String remaining) {
    }
}
