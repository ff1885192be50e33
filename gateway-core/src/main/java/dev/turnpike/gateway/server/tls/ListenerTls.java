package dev.turnpike.gateway.server.tls;

import dev.turnpike.gateway.config.EdgeSettings;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLException;

/**
 * TLS of one listener: TLS 1.3 and 1.2 only, with the HTTP/2 cipher suites (forward-secret AEAD), the certificate
 * from a {@link ReloadingKeyManager}, and, on the public listener, ALPN offering {@code h2} and {@code http/1.1}.
 * Close it to stop watching the files.
 */
public final class ListenerTls implements AutoCloseable {
    /** The protocol versions a listener accepts. */
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final ReloadingKeyManager keys;
    private final SslContext context;

    private ListenerTls(ReloadingKeyManager keys, SslContext context) {
        this.keys = keys;
        this.context = context;
    }

    /**
     * Loads {@code files} and builds the context.
     *
     * @param alpn offer HTTP/2 and HTTP/1.1 by ALPN (the public listener); else HTTP/1.1 only
     * @throws IllegalStateException naming the file when the certificate or key does not load
     */
    public static ListenerTls load(EdgeSettings.TlsFiles files, String listener, boolean alpn) {
        ReloadingKeyManager keys;
        try {
            keys = new ReloadingKeyManager(files, listener);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(listener + " TLS: " + e.getMessage(), e);
        }
        try {
            SslContextBuilder builder = SslContextBuilder.forServer(keys.factory())
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS)
                    .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE);
            if (alpn) {
                builder.applicationProtocolConfig(new ApplicationProtocolConfig(
                        ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1));
            }
            return new ListenerTls(keys, builder.build());
        } catch (SSLException e) {
            keys.close();
            throw new IllegalStateException(listener + " TLS: " + e.getMessage(), e);
        }
    }

    /** The Netty context to hand to {@code HttpServer.secure}. */
    public SslContext context() {
        return context;
    }

    /** The reloading certificate source. */
    public ReloadingKeyManager keys() {
        return keys;
    }

    @Override
    public void close() {
        keys.close();
    }
}
