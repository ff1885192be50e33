package dev.turnpike.gateway.upstream;

import dev.turnpike.gateway.server.tls.PemKeyMaterial;
import dev.turnpike.registry.model.PoolTls;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import reactor.netty.http.client.HttpClient;

/**
 * The client side of one pool's {@link PoolTls} settings: a Netty {@link SslContext} (TLS 1.3 and 1.2 only; the
 * {@code ca} file's certificates as the only trust anchors when given, else the JDK's trust store; hostname
 * verification by the endpoint identification algorithm {@code HTTPS} unless {@code verifyHostname} is off; the client
 * certificate for mutual TLS), and the SNI name. Loading reads the files (blocking: never on an event loop); a pool
 * whose files do not load gets a context that says why ({@link #problem()}), and its calls fail with
 * {@link UpstreamTlsException}.
 *
 * <pre>{@code
 * UpstreamTls tls = UpstreamTls.load(pool.tls().get());
 * HttpClient https = tls.secure(HttpClient.create());
 * }</pre>
 *
 * <p>Immutable and thread-safe once loaded.
 */
public final class UpstreamTls {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    /** One unusable file of a pool's TLS settings: the {@link PoolTls} field naming it and what is wrong. */
    public record Problem(String field, String message) {
        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    private final PoolTls settings;
    private final SslContext context;
    private final Optional<String> problem;

    private UpstreamTls(PoolTls settings, SslContext context, Optional<String> problem) {
        this.settings = settings;
        this.context = context;
        this.problem = problem;
    }

    /** Loads the files of {@code settings}; never throws (a failure is kept as {@link #problem()}). */
    public static UpstreamTls load(PoolTls settings) {
        List<Problem> problems = new ArrayList<>();
        SslContext context = build(settings, problems);
        return new UpstreamTls(settings, context, problems.isEmpty() ? Optional.empty()
                : Optional.of(problems.stream().map(Problem::toString).reduce((a, b) -> a + "; " + b).orElseThrow()));
    }

    /**
     * What is wrong with the files of {@code settings} on this node (unreadable, not PEM, a key that does not match
     * its certificate); empty when they load. Blocking file I/O.
     */
    public static List<Problem> check(PoolTls settings) {
        List<Problem> problems = new ArrayList<>();
        build(settings, problems);
        return problems;
    }

    /** The settings this was loaded from. */
    public PoolTls settings() {
        return settings;
    }

    /** Why the settings cannot be used on this node; empty when they can. */
    public Optional<String> problem() {
        return problem;
    }

    /** {@code http} speaking TLS with these settings (unchanged if they could not be loaded: see {@link #problem}). */
    public HttpClient secure(HttpClient http) {
        if (context == null) {
            return http;
        }
        // The JDK keeps the previous algorithm when given null: "" is what turns the check off.
        String identification = settings.verifyHostname() ? "HTTPS" : "";
        return http.secure(spec -> {
            var builder = spec.sslContext(context)
                    // Runs after Reactor Netty's own HTTPS configurator, which always turns the hostname check on.
                    .handlerConfigurator(handler -> {
                        SSLEngine engine = handler.engine();
                        SSLParameters parameters = engine.getSSLParameters();
                        parameters.setEndpointIdentificationAlgorithm(identification);
                        engine.setSSLParameters(parameters);
                    });
            settings.serverName().ifPresent(name -> builder.serverNames(new SNIHostName(name)));
        });
    }

    private static SslContext build(PoolTls settings, List<Problem> problems) {
        X509Certificate[] trusted = settings.ca().map(ca -> certificates("ca", ca, problems)).orElse(null);
        PrivateKey key = null;
        X509Certificate[] chain = null;
        if (settings.clientCertificate().isPresent()) {
            chain = certificates("clientCertificate", settings.clientCertificate().get(), problems);
            key = privateKey(settings.clientKey().orElseThrow(), problems);
            if (chain != null && key != null && !matches(key, chain[0])) {
                problems.add(new Problem("clientKey", settings.clientKey().get()
                        + ": does not match clientCertificate (expected: the private key of its first certificate)"));
            }
        }
        if (!problems.isEmpty()) {
            return null;
        }
        try {
            SslContextBuilder builder = SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS)
                    .endpointIdentificationAlgorithm(settings.verifyHostname() ? "HTTPS" : null);
            if (trusted != null) {
                builder.trustManager(trusted);
            }
            if (chain != null) {
                builder.keyManager(key, chain);
            }
            return builder.build();
        } catch (SSLException | RuntimeException e) {
            problems.add(new Problem(settings.clientCertificate().isPresent() ? "clientCertificate" : "ca",
                    "cannot be used (" + e.getMessage() + ")"));
            return null;
        }
    }

    private static X509Certificate[] certificates(String field, String path, List<Problem> problems) {
        try {
            Certificate[] certificates = PemKeyMaterial.certificates(Path.of(path));
            return Arrays.stream(certificates).map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
        } catch (GeneralSecurityException | ClassCastException e) {
            problems.add(new Problem(field, message(e, path) + " (expected: a readable PEM file of certificates on"
                    + " this node)"));
            return null;
        }
    }

    private static PrivateKey privateKey(String path, List<Problem> problems) {
        try {
            return PemKeyMaterial.privateKey(Path.of(path));
        } catch (GeneralSecurityException e) {
            problems.add(new Problem("clientKey", message(e, path) + " (expected: a readable, unencrypted PKCS#8 PEM"
                    + " key on this node)"));
            return null;
        }
    }

    private static String message(Exception e, String path) {
        if (e.getCause() instanceof java.nio.file.NoSuchFileException) {
            return path + ": no such file";
        }
        if (e.getCause() instanceof java.nio.file.AccessDeniedException) {
            return path + ": not readable by the gateway";
        }
        String m = String.valueOf(e.getMessage());
        return m.startsWith(path) ? m : path + ": " + m;
    }

    /** Whether {@code key} signs what {@code certificate}'s public key verifies. */
    private static boolean matches(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        try {
            byte[] probe = "turnpike".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
