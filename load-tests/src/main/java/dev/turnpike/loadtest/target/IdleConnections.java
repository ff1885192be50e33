package dev.turnpike.loadtest.target;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Keep-alive connections that each completed one request and then stay open and idle, to measure what an idle
 * client connection costs the server. Closing this closes them all.
 */
public final class IdleConnections implements AutoCloseable {
    private final List<Socket> sockets = new ArrayList<>();

    /**
     * Opens {@code count} more connections to 127.0.0.1:{@code port}, sends {@code GET path} on each and reads the
     * whole response, leaving the connection open.
     */
    public void open(int port, String path, int count) throws IOException {
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < count; i++) {
            Socket s = new Socket();
            sockets.add(s);
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request);
            s.getOutputStream().flush();
            readResponse(s.getInputStream());
        }
    }

    /** How many connections are open. */
    public int size() {
        return sockets.size();
    }

    static void readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed before the response headers ended");
            }
            head.append((char) c);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                length = Integer.parseInt(line.substring(colon + 1).trim());
            }
        }
        if (!head.toString().startsWith("HTTP/1.1 200")) {
            throw new IOException("expected 200, got: " + head.toString().lines().findFirst().orElse(""));
        }
        if (in.readNBytes(length).length != length) {
            throw new IOException("connection closed in the response body");
        }
    }

    @Override
    public void close() {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // closing an idle socket; nothing to do
            }
        }
        sockets.clear();
    }
}
