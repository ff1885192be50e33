package dev.turnpike.gateway.lookup;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.turnpike.gateway.balance.Endpoint;
import dev.turnpike.gateway.routing.PoolRuntime;
import dev.turnpike.registry.model.PoolTls;
import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.ApiPolicies;
import dev.turnpike.registry.model.Route;
import dev.turnpike.registry.model.Target;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * One API's part of a lookup answer, serialized once per API version and pool set: everything but the caller's
 * plan, as JSON without its closing brace ({@link #fragment()}), so an answer appends {@code ,"plan":...}} per
 * caller. Its instances are written as not ejected; {@link #withEjections(long)} writes the rare answer in which
 * some are. Immutable.
 *
 * @param api       the API it describes
 * @param pools     the pool runtimes of the API's targets, in target order (compared by identity to tell a stale
 *                  document)
 * @param fragment  the JSON object without its closing brace
 * @param hash      a 64-bit hash of the fragment (part of every ETag that includes this API)
 */
record ApiDocument(Api api, List<PoolRuntime> pools, byte[] fragment, long hash) {
    private static final JsonFactory JSON = new JsonFactory();

    /** The document of {@code api} with its pools as they are now; CPU only. */
    static ApiDocument of(Api api, List<PoolRuntime> pools) {
        byte[] bytes = write(api, pools, Long.MIN_VALUE);
        return new ApiDocument(api, List.copyOf(pools), bytes, Fnv64.hash(bytes));
    }

    /** Whether an instance of the API's pools is out of rotation at {@code nowNanos}. */
    boolean anyEjected(long nowNanos) {
        for (PoolRuntime p : pools) {
            for (Endpoint e : p.endpoints()) {
                if (!e.isAvailable(nowNanos)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The fragment with each instance's ejection at {@code nowNanos}. */
    byte[] withEjections(long nowNanos) {
        return write(api, pools, nowNanos);
    }

    /** Whether this document still describes {@code current} with these pool runtimes. */
    boolean isFor(Api current, List<PoolRuntime> currentPools) {
        if (api != current || pools.size() != currentPools.size()) {
            return false;
        }
        for (int i = 0; i < pools.size(); i++) {
            if (pools.get(i) != currentPools.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** The JSON object without its closing brace; with {@code nowNanos == Long.MIN_VALUE} no instance is ejected. */
    private static byte[] write(Api api, List<PoolRuntime> pools, long nowNanos) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("id", api.id());
            g.writeStringField("name", api.name());
            g.writeStringField("version", api.version());
            g.writeStringField("lifecycle", api.lifecycle().name());
            g.writeStringField("host", api.host().orElse(null));
            g.writeStringField("basePath", api.basePath());
            g.writeStringField("upstreamBasePath", api.upstreamBasePath());
            g.writeArrayFieldStart("routes");
            for (Route r : api.routes()) {
                g.writeStartObject();
                g.writeStringField("method", r.method());
                g.writeStringField("path", r.path());
                g.writeEndObject();
            }
            g.writeEndArray();
            writePolicies(g, api.policies());
            g.writeArrayFieldStart("pools");
            for (int i = 0; i < pools.size(); i++) {
                writePool(g, pools.get(i), api.targets().get(i), nowNanos);
            }
            g.writeEndArray();
            // The caller's plan and the closing brace are appended per answer.
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory cannot fail", e);
        }
        byte[] all = out.toByteArray();
        // The generator closed the object on close(); drop that brace.
        return java.util.Arrays.copyOf(all, all.length - 1);
    }

    private static void writePolicies(JsonGenerator g, ApiPolicies p) throws IOException {
        if (p.timeout().isPresent()) {
            g.writeNumberField("timeoutMillis", p.timeout().get().toMillis());
        } else {
            g.writeNullField("timeoutMillis");
        }
        if (p.retry().isPresent()) {
            var r = p.retry().get();
            g.writeObjectFieldStart("retry");
            g.writeNumberField("attempts", r.attempts());
            g.writeBooleanField("onConnectFailure", r.onConnectFailure());
            g.writeArrayFieldStart("onStatus");
            for (int s : r.onStatus()) {
                g.writeNumber(s);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("methods");
            for (String m : r.methods()) {
                g.writeString(m);
            }
            g.writeEndArray();
            g.writeEndObject();
        } else {
            g.writeNullField("retry");
        }
        if (p.circuitBreaker().isPresent()) {
            var cb = p.circuitBreaker().get();
            g.writeObjectFieldStart("circuitBreaker");
            g.writeNumberField("failureRate", cb.failureRate());
            g.writeNumberField("window", cb.window());
            g.writeNumberField("openForMillis", cb.openFor().toMillis());
            g.writeEndObject();
        } else {
            g.writeNullField("circuitBreaker");
        }
    }

    private static void writePool(JsonGenerator g, PoolRuntime pool, Target target, long nowNanos)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("id", pool.id());
        g.writeNumberField("weight", target.weight());
        g.writeStringField("balancer", pool.pool().balancer().name());
        g.writeBooleanField("tls", pool.pool().secure());
        // What a direct caller needs to check the same identity; never the gateway's CA or client-key file paths.
        if (pool.pool().secure()) {
            PoolTls tls = pool.pool().tls().get();
            g.writeStringField("tlsServerName", tls.serverName().orElse(null));
            g.writeBooleanField("tlsVerifyHostname", tls.verifyHostname());
        }
        g.writeArrayFieldStart("instances");
        for (Endpoint e : pool.endpoints()) {
            g.writeStartObject();
            g.writeStringField("host", e.instance().host());
            g.writeNumberField("port", e.instance().port());
            g.writeNumberField("weight", e.weight());
            // Passive ejection today; when active health checks land, "unhealthy" instances belong here too.
            g.writeBooleanField("ejected", nowNanos != Long.MIN_VALUE && !e.isAvailable(nowNanos));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
