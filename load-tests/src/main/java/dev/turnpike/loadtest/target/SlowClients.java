package dev.turnpike.loadtest.target;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Slow, abusive clients for the {@code slowloris} scenario: half of the connections send a request head one byte a
 * second and never finish it (slow headers), the other half send a whole head announcing a 10 MB body and then one
 * body byte a second (slow body). One plain thread drives them all; a connection the server closes is opened again at
 * the next tick, so the attack keeps its size for as long as it runs. Closing it closes every connection.
 */
public final class SlowClients implements AutoCloseable {
    private static final byte[] SLOW_HEAD = ("GET /bench/hello HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
            + "a".repeat(4000)).getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SLOW_BODY_HEAD = ("POST /bench/hello HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Length: 10485760\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    private final int port;
    private final Socket[] sockets;
    private final int[] sent;
    private final AtomicLong reopened = new AtomicLong();
    private final Thread driver;
    private volatile boolean running = true;

    private SlowClients(int port, int count) {
        this.port = port;
        this.sockets = new Socket[count];
        this.sent = new int[count];
        this.driver = new Thread(this::drive, "slowloris");
        driver.setDaemon(true);
    }

    /** Opens {@code count} slow connections to 127.0.0.1:{@code port} and keeps them going. */
    public static SlowClients start(int port, int count) {
        SlowClients c = new SlowClients(port, count);
        for (int i = 0; i < count; i++) {
            c.open(i);
        }
        c.driver.start();
        return c;
    }

    /** How many times a connection closed by the server was opened again. */
    public long reopened() {
        return reopened.get();
    }

    /** How many slow connections are open right now. */
    public int open() {
        int n = 0;
        for (Socket s : sockets) {
            n += s != null && !s.isClosed() ? 1 : 0;
        }
        return n;
    }

    private void open(int i) {
        try {
            Socket s = new Socket();
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setTcpNoDelay(true);
            if (i % 2 == 1) {
                s.getOutputStream().write(SLOW_BODY_HEAD);
            }
            sockets[i] = s;
            sent[i] = 0;
        } catch (IOException e) {
            sockets[i] = null;
        }
    }

    private void drive() {
        while (running) {
            for (int i = 0; i < sockets.length && running; i++) {
                Socket s = sockets[i];
                try {
                    if (s == null || s.isClosed() || s.getInputStream().available() > 0) {
                        throw new IOException("answered or closed");
                    }
                    byte b = i % 2 == 0 ? SLOW_HEAD[sent[i] % SLOW_HEAD.length] : (byte) 'b';
                    s.getOutputStream().write(b);
                    sent[i]++;
                } catch (IOException e) {
                    closeQuietly(s);
                    reopened.incrementAndGet();
                    open(i);
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }

    @Override
    public void close() {
        running = false;
        driver.interrupt();
        for (Socket s : sockets) {
            closeQuietly(s);
        }
    }

    /** For the report: how the attack is made. */
    public static List<String> description(int count) {
        List<String> d = new ArrayList<>();
        d.add(count / 2 + " slow-header connections (1 byte/s of a never-ending head) and " + (count - count / 2)
                + " slow-body connections (10 MB announced, 1 byte/s), reopened when the server closes them");
        return d;
    }
}
