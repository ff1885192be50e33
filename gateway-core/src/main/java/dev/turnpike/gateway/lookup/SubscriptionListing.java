package dev.turnpike.gateway.lookup;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.turnpike.gateway.consumers.ConsumerDirectory;
import dev.turnpike.registry.model.Api;
import dev.turnpike.registry.model.ApiSpec;
import dev.turnpike.registry.model.Catalog;
import dev.turnpike.registry.model.Lifecycle;
import dev.turnpike.registry.model.Subscription;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code GET /subscriptions}: every API the caller is subscribed to, direct or not, with what a code generator needs
 * to decide whether to fetch its document again (the document's ETag). Retired APIs are left out (their document is
 * no longer served); deprecated ones are listed with their sunset day and successor. Each API's entry is serialized
 * once per API version and kept with weak, identity-compared keys, as are the documents' hashes, so an answer costs
 * a hash per subscription plus copying bytes. No I/O; runs on the event loop. Thread-safe.
 */
final class SubscriptionListing {
    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] DIRECT = ",\"direct\":true}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOT_DIRECT = ",\"direct\":false}".getBytes(StandardCharsets.US_ASCII);

    private final Cache<Api, Entry> entries = Caffeine.newBuilder().weakKeys().build();
    private final Cache<ApiSpec, Long> specHashes = Caffeine.newBuilder().weakKeys().build();

    /** An API's entry without {@code direct} and its closing brace, and the entry's hash. */
    private record Entry(byte[] fragment, long hash) {
    }

    /** The caller's subscribed APIs (not retired), by id, with the listing's ETag. */
    LookupAnswers.Answer answer(Catalog catalog, ConsumerDirectory.Member member) {
        List<String> ids = new ArrayList<>(member.subscriptions().keySet());
        ids.sort(null);
        List<byte[]> parts = new ArrayList<>(ids.size() * 2);
        long h = Fnv64.mix(Fnv64.OFFSET, member.id());
        for (String id : ids) {
            Api api = catalog.api(id);
            Subscription s = catalog.subscription(member.id(), id);
            if (api == null || s == null || api.lifecycle() == Lifecycle.RETIRED) {
                continue;
            }
            Entry entry = entries.get(api, this::entry);
            byte[] direct = s.direct() ? DIRECT : NOT_DIRECT;
            h = Fnv64.mix(Fnv64.mix(h, entry.hash()), s.direct() ? 1 : 0);
            parts.add(entry.fragment());
            parts.add(direct);
        }
        String consumer = member.id();
        return new LookupAnswers.Answer(null, null, etag(h), "application/json",
                () -> LookupAnswers.list(consumer, "subscriptions", parts));
    }

    /** The ETag of {@code spec}'s document as {@code GET /apis/{id}/spec} answers it; hashed once per document. */
    String specEtag(ApiSpec spec) {
        return etag(specHashes.get(spec, s -> Fnv64.hash(s.document().getBytes(StandardCharsets.UTF_8))));
    }

    /** The media type {@code GET /apis/{id}/spec} answers {@code spec}'s document with. */
    static String specMediaType(ApiSpec spec) {
        return spec.document().stripLeading().startsWith("{") ? "application/json" : "application/yaml";
    }

    static String etag(long h) {
        return "\"" + Long.toHexString(h) + "\"";
    }

    private Entry entry(Api api) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("id", api.id());
            g.writeStringField("name", api.name());
            g.writeStringField("version", api.version());
            g.writeStringField("lifecycle", api.lifecycle().name());
            g.writeStringField("sunset", api.sunset().map(Object::toString).orElse(null));
            g.writeStringField("successor", api.successor().orElse(null));
            g.writeStringField("host", api.host().orElse(null));
            g.writeStringField("basePath", api.basePath());
            if (api.spec().isPresent()) {
                g.writeObjectFieldStart("spec");
                g.writeStringField("etag", specEtag(api.spec().get()));
                g.writeStringField("mediaType", specMediaType(api.spec().get()));
                g.writeEndObject();
            } else {
                g.writeNullField("spec");
            }
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] all = out.toByteArray();
        byte[] fragment = Arrays.copyOf(all, all.length - 1); // the generator closed the object on close(): drop it
        return new Entry(fragment, Fnv64.hash(fragment));
    }
}
