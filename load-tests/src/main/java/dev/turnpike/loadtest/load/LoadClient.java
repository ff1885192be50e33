package dev.turnpike.loadtest.load;

import dev.turnpike.loadtest.process.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The harness's own HTTP/1.1 keep-alive load generator, one event-loop thread, run as its own (pinned) JVM.
 *
 * <ul>
 *   <li>Closed model ({@code --rate 0}): every connection sends its next request as soon as the previous answer
 *       arrived; measures the ceiling. Latency runs from the actual send.</li>
 *   <li>Open model ({@code --rate R}): requests are due on a fixed schedule whatever the server does; a due request
 *       waits for a free connection, and its latency runs from when it was due ({@link LatencyRecorder}).</li>
 * </ul>
 * Warm-up requests use the same schedule and are not recorded. Prints one {@link LoadResult#format()} line.
 *
 * <p>{@code LoadClient --url http://127.0.0.1:8080/x --connections 50 --warmup-ms 1000 --duration-ms 5000 --rate 0}
 * ({@code --header "Name: value"}, repeatable, adds a request header to every request).
 */
public final class LoadClient {
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final URI url;
    private final int connections;
    private final long warmupNanos;
    private final long durationNanos;
    private final double rate;
    private final ByteBuf request;
    private final LatencyRecorder recorder = new LatencyRecorder();
    private final ArrayDeque<Conn> idle = new ArrayDeque<>();
    private final ArrayDeque<Long> backlog = new ArrayDeque<>();
    private final CompletableFuture<LoadResult> result = new CompletableFuture<>();
    private EventLoop loop;
    private LatencyRecorder.Schedule schedule;
    private long measureFrom;
    private long measureUntil;
    private long nextIndex;
    private long busy;
    private long errors;
    private boolean stopping;

    LoadClient(URI url, int connections, long warmupNanos, long durationNanos, double rate) {
        this(url, List.of(), connections, warmupNanos, durationNanos, rate);
    }

    /** @param headers extra request header lines ({@code "Name: value"}) sent with every request */
    LoadClient(URI url, List<String> headers, int connections, long warmupNanos, long durationNanos, double rate) {
        for (String h : headers) {
            if (h.indexOf(':') < 1 || h.indexOf('\r') >= 0 || h.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("--header: \"" + h + "\" (expected: Name: value on one line)");
            }
        }
        this.url = url;
        this.connections = connections;
        this.warmupNanos = warmupNanos;
        this.durationNanos = durationNanos;
        this.rate = rate;
        // Encoded once; every send writes a duplicate of the same unreleasable bytes.
        StringBuilder head = new StringBuilder("GET " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost()
                + ":" + url.getPort() + "\r\n");
        headers.forEach(h -> head.append(h).append("\r\n"));
        byte[] bytes = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        this.request = Unpooled.unreleasableBuffer(Unpooled.directBuffer(bytes.length).writeBytes(bytes));
    }

    /** Entry point; options as in the class comment. */
    public static void main(String[] args) throws Exception {
        String url = null;
        int connections = 50;
        long warmupMs = 1000;
        long durationMs = 5000;
        double rate = 0;
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--warmup-ms" -> warmupMs = Long.parseLong(args[++i]);
                case "--duration-ms" -> durationMs = Long.parseLong(args[++i]);
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                case "--header" -> headers.add(args[++i]);
                default -> throw new IllegalArgumentException("unknown option: " + args[i]);
            }
        }
        if (url == null) {
            throw new IllegalArgumentException("--url: missing (expected: http://host:port/path)");
        }
        LoadClient client = new LoadClient(URI.create(url), headers, connections, TimeUnit.MILLISECONDS.toNanos(warmupMs),
                TimeUnit.MILLISECONDS.toNanos(durationMs), rate);
        System.out.println(client.run().format());
        System.out.flush();
        System.exit(0);
    }

    LoadResult run() throws Exception {
        Transport transport = Transport.best();
        EventLoopGroup group = transport.group(1);
        try {
            loop = group.next();
            Bootstrap bootstrap = new Bootstrap().group(loop).channel(transport.socket())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000);
            List<Conn> conns = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                Conn c = new Conn();
                c.channel = bootstrap.clone().handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(c);
                    }
                }).connect(url.getHost(), url.getPort()).sync().channel();
                conns.add(c);
            }
            loop.execute(() -> begin(conns));
            long waitMs = TimeUnit.NANOSECONDS.toMillis(warmupNanos + durationNanos + 2 * GRACE_NANOS);
            return result.get(waitMs, TimeUnit.MILLISECONDS);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    private void begin(List<Conn> conns) {
        long start = System.nanoTime();
        measureFrom = start + warmupNanos;
        measureUntil = measureFrom + durationNanos;
        loop.schedule(this::stop, measureUntil - start, TimeUnit.NANOSECONDS);
        if (rate > 0) {
            idle.addAll(conns);
            schedule = new LatencyRecorder.Schedule(start, rate);
            tick();
        } else {
            conns.forEach(c -> send(c, start));
        }
    }

    /** Sends every request that is due by now, then sleeps until the next one is due. */
    private void tick() {
        long now = System.nanoTime();
        long due = schedule.intendedNanos(nextIndex);
        while (due <= now && due < measureUntil) {
            Conn c = idle.poll();
            if (c == null) {
                backlog.add(due);
            } else {
                send(c, due);
            }
            due = schedule.intendedNanos(++nextIndex);
        }
        if (due < measureUntil) {
            loop.schedule(this::tick, due - now, TimeUnit.NANOSECONDS);
        }
    }

    private void send(Conn c, long stamp) {
        c.stamp = stamp;
        c.pending = true;
        busy++;
        c.channel.writeAndFlush(request.duplicate(), c.channel.voidPromise());
    }

    private void completed(Conn c, boolean ok) {
        long now = System.nanoTime();
        c.pending = false;
        busy--;
        boolean inWindow = c.stamp >= measureFrom && c.stamp < measureUntil;
        if (inWindow && ok) {
            recorder.record(c.stamp, now);
        } else if (inWindow) {
            errors++;
        }
        if (!c.channel.isActive()) {
            if (stopping && busy == 0) {
                finish();
            }
            return;
        }
        if (rate > 0) {
            Long next = backlog.poll();
            if (next != null) {
                send(c, next);
            } else {
                idle.add(c);
            }
        } else if (!stopping) {
            send(c, now);
        }
        if (stopping && busy == 0 && backlog.isEmpty()) {
            finish();
        }
    }

    private void stop() {
        stopping = true;
        if (busy == 0 && backlog.isEmpty()) {
            finish();
        } else {
            loop.schedule(this::finish, GRACE_NANOS, TimeUnit.NANOSECONDS);
        }
    }

    private void finish() {
        if (result.isDone()) {
            return;
        }
        double seconds = durationNanos / 1e9;
        result.complete(new LoadResult(recorder.count(), errors, busy + backlog.size(), seconds,
                micros(recorder.percentileNanos(50)), micros(recorder.percentileNanos(99)),
                micros(recorder.percentileNanos(99.9)), micros(recorder.maxNanos())));
    }

    private static long micros(long nanos) {
        return TimeUnit.NANOSECONDS.toMicros(nanos);
    }

    /** One keep-alive connection with at most one request in flight. */
    private final class Conn extends ChannelInboundHandlerAdapter {
        private final ResponseParser parser = new ResponseParser();
        Channel channel;
        long stamp;
        boolean pending;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                int done = parser.feed(buf);
                if (done > 1) {
                    throw new IllegalStateException(done + " responses to one request");
                }
                if (done == 1 && pending) {
                    completed(this, parser.lastStatus() < 400);
                }
            } finally {
                buf.release();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            idle.remove(this);
            if (pending) {
                completed(this, false);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
