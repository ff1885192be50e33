package dev.turnpike.gateway.testing;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.pkitesting.X509Bundle;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A real HTTPS upstream (HTTP/1.1, TLS 1.2/1.3) on a free loopback port that presents a test certificate and records,
 * per request, the SNI name the client sent and the subject of the client certificate it presented. It can require a
 * client certificate issued by a given CA (mutual TLS).
 */
public final class TlsUpstream implements AutoCloseable {

    /** One request: its path, the SNI name ({@code ""} if none) and the client certificate's subject ({@code ""}). */
    public record Seen(String uri, String sni, String clientSubject) {
    }

    private final DisposableServer server;
    private final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();

    private TlsUpstream(X509Bundle certificate, X509Bundle clientCa) throws Exception {
        SslContextBuilder builder = SslContextBuilder.forServer(certificate.toKeyManagerFactory())
                .protocols("TLSv1.3", "TLSv1.2");
        if (clientCa != null) {
            builder.clientAuth(ClientAuth.REQUIRE).trustManager(clientCa.toTrustManagerFactory());
        }
        SslContext context = builder.build();
        this.server = HttpServer.create().host("127.0.0.1").port(0)
                .secure(spec -> spec.sslContext(context))
                .handle((req, res) -> {
                    req.withConnection(c -> {
                        SSLSession session = c.channel().pipeline().get(SslHandler.class).engine().getSession();
                        seen.add(new Seen(req.uri(), sni(session), clientSubject(session)));
                    });
                    return res.header("content-type", "text/plain").sendString(Mono.just("secure")).then();
                })
                .bindNow();
    }

    /** An upstream presenting {@code certificate}; no client certificate asked for. */
    public static TlsUpstream start(X509Bundle certificate) throws Exception {
        return new TlsUpstream(certificate, null);
    }

    /** An upstream presenting {@code certificate} that requires a client certificate issued by {@code clientCa}. */
    public static TlsUpstream requiringClientCertificate(X509Bundle certificate, X509Bundle clientCa)
            throws Exception {
        return new TlsUpstream(certificate, clientCa);
    }

    public int port() {
        return server.port();
    }

    /** The next request that reached the handler, waiting up to 10 s; fails if none did. */
    public Seen take() throws InterruptedException {
        Seen next = seen.poll(10, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("no request reached the upstream within 10 s");
        }
        return next;
    }

    /** Whether no request reached the handler so far. */
    public boolean sawNothing() {
        return seen.isEmpty();
    }

    private static String sni(SSLSession session) {
        if (session instanceof ExtendedSSLSession extended) {
            return extended.getRequestedServerNames().stream().filter(SNIHostName.class::isInstance)
                    .map(n -> ((SNIHostName) n).getAsciiName()).findFirst().orElse("");
        }
        return "";
    }

    private static String clientSubject(SSLSession session) {
        try {
            return session.getPeerPrincipal().getName();
        } catch (SSLPeerUnverifiedException e) {
            return "";
        }
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
    }
}
