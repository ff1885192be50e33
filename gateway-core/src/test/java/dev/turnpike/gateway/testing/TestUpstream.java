package dev.turnpike.gateway.testing;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A real HTTP upstream on a free loopback port that records what reached it. By default it answers 200 with a small
 * JSON body naming itself, the method and the URI it saw; tests can pass their own handler.
 */
public final class TestUpstream implements AutoCloseable {

    /** One request as the upstream saw it; {@code body} is the whole body (tests keep bodies small). */
    public record Seen(String method, String uri, HttpHeaders headers, String body) {
    }

    private final DisposableServer server;
    private final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
    private final String name;
    private final AtomicInteger connections = new AtomicInteger();
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

    private TestUpstream(String name, BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> handler) {
        this.name = name;
        this.server = HttpServer.create().host("127.0.0.1").port(0)
                .doOnChannelInit((observer, channel, remote) -> {
                    connections.incrementAndGet();
                    channels.add(channel);
                })
                .handle(handler).bindNow();
    }

    /** An upstream that records each request (with its body) and answers with the default JSON. */
    public static TestUpstream start(String name) {
        TestUpstream[] self = new TestUpstream[1];
        self[0] = new TestUpstream(name, (req, res) -> self[0].recordAndAnswer(req, res));
        return self[0];
    }

    /** An upstream with a custom handler; nothing is recorded unless the handler calls {@link #record}. */
    public static TestUpstream start(String name,
                                     BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> handler) {
        return new TestUpstream(name, handler);
    }

    private Mono<Void> recordAndAnswer(HttpServerRequest req, HttpServerResponse res) {
        return req.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                .flatMap(body -> {
                    record(req, body);
                    return res.header("content-type", "application/json")
                            .sendString(Mono.just("{\"upstream\":\"" + name + "\",\"method\":\"" + req.method()
                                    + "\",\"uri\":\"" + req.uri() + "\"}"))
                            .then();
                });
    }

    /** Records a request seen by a custom handler. */
    public void record(HttpServerRequest req, String body) {
        HttpHeaders copy = new DefaultHttpHeaders();
        copy.set(req.requestHeaders());
        seen.add(new Seen(req.method().name(), req.uri(), copy, body));
    }

    /** Sums the bytes of a body as they stream past, without keeping them. */
    public static Mono<Long> countBytes(HttpServerRequest req) {
        return req.receive().map(ByteBuf::readableBytes).reduce(0L, (a, b) -> a + b);
    }

    /** The next request this upstream saw, waiting up to 5 s. */
    public Seen take() {
        try {
            Seen s = seen.poll(5, TimeUnit.SECONDS);
            if (s == null) {
                throw new AssertionError("upstream " + name + " saw no request within 5 s");
            }
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next request if one arrives within {@code wait}, else {@code null}. */
    public Seen poll(Duration wait) throws InterruptedException {
        return seen.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How many recorded requests are waiting to be taken. */
    public int pending() {
        return seen.size();
    }

    /** How many TCP connections were opened to this upstream. */
    public int connections() {
        return connections.get();
    }

    public int port() {
        return server.port();
    }

    /** {@code 127.0.0.1:port}. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    public String name() {
        return name;
    }

    /**
     * Stops at once, as a killed process would: the port stops accepting and every open connection is closed, with
     * whatever requests were in flight on it.
     */
    public void kill() {
        server.dispose(); // no graceful wait (disposeNow(1ms) throws when the machine is busy)
        channels.close().awaitUninterruptibly(2000);
        server.onDispose().block(Duration.ofSeconds(2));
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(2));
    }
}
