package dev.turnpike.gateway.testing;

import dev.turnpike.registry.model.Balancer;
import dev.turnpike.registry.model.Instance;
import dev.turnpike.registry.model.PoolSettings;
import dev.turnpike.registry.model.UpstreamPool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An upstream on a plain server socket that records exactly the bytes each forwarded request arrived as (head and
 * body, framing included) and answers each with {@code 200 ok}. It parses only what it needs to find where a request
 * ends (Content-Length or chunked), so a gateway that forwards a malformed request, or desynchronises the
 * connection, shows up as an unexpected or mangled recording. Runs on its own plain threads, not an event loop.
 */
public final class RawEchoUpstream implements AutoCloseable {

    /** One forwarded request: its head (request line and fields, CRLFs included) and its raw body bytes. */
    public record Received(String head, byte[] rawBody) {
        /** The request line. */
        public String requestLine() {
            return head.substring(0, head.indexOf("\r\n"));
        }

        /** Every value of field {@code name} (case-insensitive), in order. */
        public List<String> header(String name) {
            List<String> values = new ArrayList<>();
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    values.add(line.substring(colon + 1).trim());
                }
            }
            return values;
        }

        /** The raw body as ISO-8859-1 text. */
        public String body() {
            return new String(rawBody, StandardCharsets.ISO_8859_1);
        }
    }

    private final ServerSocket server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final Thread acceptor;

    private RawEchoUpstream() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "raw-echo-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts the upstream on a free loopback port. */
    public static RawEchoUpstream start() {
        try {
            return new RawEchoUpstream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** A pool {@code id} whose one instance is this upstream, with the default balancer and settings. */
    public UpstreamPool pool(String id) {
        return new UpstreamPool(id, List.of(new Instance("127.0.0.1", port(), 1)), Balancer.LEAST_OUTSTANDING, false,
                PoolSettings.DEFAULTS);
    }

    /** Everything recorded so far, waiting {@code settle} for late arrivals; the recording is emptied. */
    public List<Received> drain(Duration settle) throws InterruptedException {
        List<Received> out = new ArrayList<>();
        Received first = received.poll(settle.toMillis(), TimeUnit.MILLISECONDS);
        if (first != null) {
            out.add(first);
            received.drainTo(out);
        }
        return out;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread t = new Thread(() -> serve(socket), "raw-echo-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                byte[] body = readBody(in, head);
                received.add(new Received(head, body));
                out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok"
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        } catch (IOException e) {
            // the gateway closed or reset the connection: nothing more to record on it
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        int c;
        while ((c = in.read()) >= 0) {
            b.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) ? state + 1
                    : (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            if (state == 4) {
                return b.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static byte[] readBody(InputStream in, String head) throws IOException {
        Received r = new Received(head, new byte[0]);
        List<String> te = r.header("transfer-encoding");
        if (!te.isEmpty() && te.get(te.size() - 1).toLowerCase(Locale.ROOT).endsWith("chunked")) {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = line(in, raw);
                int semi = sizeLine.indexOf(';');
                int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
                if (size == 0) {
                    while (!line(in, raw).isEmpty()) {
                        // trailer fields
                    }
                    return raw.toByteArray();
                }
                raw.write(in.readNBytes(size));
                line(in, raw);
            }
        }
        List<String> length = r.header("content-length");
        return length.isEmpty() ? new byte[0] : in.readNBytes(Integer.parseInt(length.get(0)));
    }

    private static String line(InputStream in, ByteArrayOutputStream raw) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            raw.write(c);
            if (c == '\n') {
                return b.toString().replace("\r", "");
            }
            b.append((char) c);
        }
        throw new IOException("connection closed inside a chunked body");
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
