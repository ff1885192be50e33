package dev.turnpike.gateway.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A deliberately dumb HTTP/1.1 client over a plain socket, for requests a real client refuses to send (conflicting
 * lengths, hop-by-hop headers, bad chunking) and for reading responses byte for byte.
 */
public final class RawHttp {

    /** A parsed response; header names lower-case. */
    public record Response(int status, Map<String, List<String>> headers, String body, boolean closed) {
        /** The first value of header {@code name}, or {@code null}. */
        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    private RawHttp() {
    }

    /** Sends {@code request} (CRLFs included) to 127.0.0.1:port and reads one response. */
    public static Response exchange(int port, String request) throws IOException {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends {@code request} bytes and reads one response. */
    public static Response exchange(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            Response r = read(socket.getInputStream());
            socket.setSoTimeout(1000);
            boolean closed;
            try {
                closed = socket.getInputStream().read() < 0;
            } catch (SocketTimeoutException e) {
                closed = false;
            } catch (java.net.SocketException e) {
                closed = true;
            }
            return new Response(r.status(), r.headers(), r.body(), closed);
        }
    }

    /** Reads one response: headers, then a Content-Length or chunked body, or up to the close; closed=false. */
    public static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
            int colon = l.indexOf(':');
            headers.computeIfAbsent(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(l.substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<String> length = headers.get("content-length");
        List<String> te = headers.get("transfer-encoding");
        if (length != null) {
            byte[] b = in.readNBytes(Integer.parseInt(length.get(0)));
            body.write(b);
        } else if (te != null && te.get(0).contains("chunked")) {
            for (String size = line(in); size != null; size = line(in)) {
                int n = Integer.parseInt(size.trim(), 16);
                if (n == 0) {
                    line(in);
                    break;
                }
                body.write(in.readNBytes(n));
                line(in);
            }
        } else if (status >= 200 && status != 204 && status != 304) {
            body.write(in.readAllBytes());
        }
        return new Response(status, headers, body.toString(StandardCharsets.UTF_8), false);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int len = b.length();
                return len > 0 && b.charAt(len - 1) == '\r' ? b.substring(0, len - 1) : b.toString();
            }
            b.append((char) c);
        }
        return b.length() == 0 ? null : b.toString();
    }
}
