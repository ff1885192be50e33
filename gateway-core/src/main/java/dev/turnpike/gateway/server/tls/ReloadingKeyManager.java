package dev.turnpike.gateway.server.tls;

import dev.turnpike.gateway.config.EdgeSettings;
import io.netty.handler.ssl.util.SimpleKeyManagerFactory;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A key manager over PEM files that re-reads them when they change: every {@code reloadInterval} a daemon thread
 * (never an event loop) compares the files' modification times and sizes, and on a change loads both and swaps them
 * in; handshakes after the swap present the new certificate, connections already open keep theirs. A change that
 * does not load (a key that does not match, a half-written file) is logged and the previous pair stays in use, so a
 * bad deploy never takes the listener down. Thread-safe.
 */
public final class ReloadingKeyManager extends X509ExtendedKeyManager implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReloadingKeyManager.class);

    private final EdgeSettings.TlsFiles files;
    private final AtomicReference<X509ExtendedKeyManager> current = new AtomicReference<>();
    private final ScheduledExecutorService watcher;
    private volatile String stamp;

    /**
     * Loads the files once and starts watching them.
     *
     * @throws GeneralSecurityException if they do not load now (the node does not start)
     */
    public ReloadingKeyManager(EdgeSettings.TlsFiles files, String listener) throws GeneralSecurityException {
        this.files = files;
        this.stamp = stamp();
        current.set(PemKeyMaterial.read(files.certificate(), files.key()));
        this.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "turnpike-tls-reload-" + listener);
            t.setDaemon(true);
            return t;
        });
        long every = files.reloadInterval().toMillis();
        watcher.scheduleWithFixedDelay(this::reloadIfChanged, every, every, TimeUnit.MILLISECONDS);
    }

    /** Checks the files now and reloads them if they changed; returns whether a new pair is in use. */
    public boolean reloadIfChanged() {
        String now = stamp();
        if (now.equals(stamp)) {
            return false;
        }
        try {
            current.set(PemKeyMaterial.read(files.certificate(), files.key()));
            stamp = now;
            log.info("Reloaded TLS certificate {} and key {}", files.certificate(), files.key());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            log.error("TLS files {} / {} changed but do not load; still serving the previous certificate: {}",
                    files.certificate(), files.key(), e.getMessage());
            return false;
        }
    }

    private String stamp() {
        return stampOf(files.certificate()) + "|" + stampOf(files.key());
    }

    private static String stampOf(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis() + ":" + Files.size(p);
        } catch (java.io.IOException e) {
            return "missing";
        }
    }

    /** A factory handing out this key manager, for {@code SslContextBuilder.forServer(KeyManagerFactory)}. */
    public KeyManagerFactory factory() {
        KeyManager[] managers = {this};
        return new SimpleKeyManagerFactory() {
            @Override
            protected void engineInit(KeyStore keyStore, char[] password) {
            }

            @Override
            protected void engineInit(ManagerFactoryParameters params) {
            }

            @Override
            protected KeyManager[] engineGetKeyManagers() {
                return managers;
            }
        };
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return current.get().getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return current.get().chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return current.get().getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return current.get().chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return current.get().chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return current.get().chooseEngineClientAlias(keyType, issuers, engine);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return current.get().getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return current.get().getPrivateKey(alias);
    }

    @Override
    public void close() {
        watcher.shutdownNow();
    }
}
