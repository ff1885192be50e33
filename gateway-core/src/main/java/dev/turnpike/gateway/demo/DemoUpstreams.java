package dev.turnpike.gateway.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Small in-process JSON services for {@code turnpike demo}: two instances of a product API and one review API, on
 * free loopback ports. Data lives in memory and is shared by the product instances; each answer says which
 * instance served it ({@code servedBy}) so load balancing is visible.
 */
public final class DemoUpstreams implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Long, ObjectNode> products = new ConcurrentSkipListMap<>();
    private final Map<Long, List<ObjectNode>> reviews = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final List<DisposableServer> servers = new ArrayList<>();

    /** Starts the services with a few products and reviews. */
    public DemoUpstreams() {
        addProduct("Espresso cup", 9.5);
        addProduct("Moka pot", 34.0);
        addProduct("Burr grinder", 129.0);
        addReview(1, 5, "Holds heat well.");
        addReview(2, 4, "Classic, takes practice.");
        servers.add(start("products-1", this::products));
        servers.add(start("products-2", this::products));
        servers.add(start("reviews-1", this::reviews));
    }

    /** {@code host:port} of the product instances. */
    public List<String> productInstances() {
        return List.of(address(servers.get(0)), address(servers.get(1)));
    }

    /** {@code host:port} of the review instance. */
    public String reviewInstance() {
        return address(servers.get(2));
    }

    private static String address(DisposableServer s) {
        return "127.0.0.1:" + s.port();
    }

    private interface Handler {
        Mono<Void> handle(String instance, HttpServerRequest req, HttpServerResponse res, String body);
    }

    private static DisposableServer start(String instance, Handler handler) {
        return HttpServer.create().host("127.0.0.1").port(0)
                .handle((req, res) -> req.receive().aggregate().asString(StandardCharsets.UTF_8)
                        .defaultIfEmpty("")
                        .flatMap(body -> handler.handle(instance, req, res, body)))
                .bindNow();
    }

    private Mono<Void> products(String instance, HttpServerRequest req, HttpServerResponse res, String body) {
        String[] parts = req.fullPath().split("/");
        // paths: /items, /items/{id}
        if (parts.length == 2 && parts[1].equals("items")) {
            if (req.method().name().equals("GET")) {
                ArrayNode items = JSON.createArrayNode();
                products.values().forEach(items::add);
                return send(res, HttpResponseStatus.OK, JSON.createObjectNode().put("servedBy", instance)
                        .set("items", items));
            }
            if (req.method().name().equals("POST")) {
                try {
                    JsonNode in = JSON.readTree(body);
                    if (in == null || !in.path("name").isTextual() || !in.path("price").isNumber()) {
                        return send(res, HttpResponseStatus.BAD_REQUEST, JSON.createObjectNode()
                                .put("error", "expected {\"name\": string, \"price\": number}"));
                    }
                    ObjectNode created = addProduct(in.get("name").asText(), in.get("price").asDouble());
                    res.header(HttpHeaderNames.LOCATION, "/items/" + created.get("id").asLong());
                    return send(res, HttpResponseStatus.CREATED, created.deepCopy().put("servedBy", instance));
                } catch (IOException e) {
                    return send(res, HttpResponseStatus.BAD_REQUEST,
                            JSON.createObjectNode().put("error", "body is not JSON"));
                }
            }
        }
        if (parts.length == 3 && parts[1].equals("items")) {
            ObjectNode item = products.get(parseId(parts[2]));
            if (item != null && req.method().name().equals("GET")) {
                return send(res, HttpResponseStatus.OK, item.deepCopy().put("servedBy", instance));
            }
            if (item == null) {
                return send(res, HttpResponseStatus.NOT_FOUND, JSON.createObjectNode().put("error", "no such item"));
            }
        }
        return send(res, HttpResponseStatus.NOT_FOUND, JSON.createObjectNode().put("error", "no such resource"));
    }

    private Mono<Void> reviews(String instance, HttpServerRequest req, HttpServerResponse res, String body) {
        String[] parts = req.fullPath().split("/");
        // paths: /items/{id}/reviews
        if (parts.length == 4 && parts[1].equals("items") && parts[3].equals("reviews")) {
            long id = parseId(parts[2]);
            if (req.method().name().equals("GET")) {
                ArrayNode list = JSON.createArrayNode();
                reviews.getOrDefault(id, List.of()).forEach(list::add);
                return send(res, HttpResponseStatus.OK, JSON.createObjectNode().put("servedBy", instance)
                        .put("itemId", id).set("reviews", list));
            }
            if (req.method().name().equals("POST")) {
                try {
                    JsonNode in = JSON.readTree(body);
                    if (in == null || !in.path("stars").isInt() || !in.path("text").isTextual()) {
                        return send(res, HttpResponseStatus.BAD_REQUEST, JSON.createObjectNode()
                                .put("error", "expected {\"stars\": 1..5, \"text\": string}"));
                    }
                    return send(res, HttpResponseStatus.CREATED,
                            addReview(id, in.get("stars").asInt(), in.get("text").asText()));
                } catch (IOException e) {
                    return send(res, HttpResponseStatus.BAD_REQUEST,
                            JSON.createObjectNode().put("error", "body is not JSON"));
                }
            }
        }
        return send(res, HttpResponseStatus.NOT_FOUND, JSON.createObjectNode().put("error", "no such resource"));
    }

    private static long parseId(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private ObjectNode addProduct(String name, double price) {
        long id = nextId.getAndIncrement();
        ObjectNode node = JSON.createObjectNode().put("id", id).put("name", name).put("price", price);
        products.put(id, node);
        return node;
    }

    private ObjectNode addReview(long itemId, int stars, String text) {
        ObjectNode node = JSON.createObjectNode().put("itemId", itemId).put("stars", stars).put("text", text);
        reviews.computeIfAbsent(itemId, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(node);
        return node;
    }

    private static Mono<Void> send(HttpServerResponse res, HttpResponseStatus status, JsonNode body) {
        return res.status(status).header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .sendString(Mono.just(body.toString() + "\n"), StandardCharsets.UTF_8).then();
    }

    @Override
    public void close() {
        servers.forEach(DisposableServer::disposeNow);
    }
}
