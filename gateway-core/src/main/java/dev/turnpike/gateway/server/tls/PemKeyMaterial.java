package dev.turnpike.gateway.server.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A certificate chain and private key read from PEM files, as a JDK key manager. The key is PKCS#8
 * ({@code BEGIN PRIVATE KEY}), RSA, EC or Ed25519, unencrypted.
 */
public final class PemKeyMaterial {
    private PemKeyMaterial() {
    }

    /**
     * Reads both files (blocking file I/O: never on an event loop).
     *
     * @throws GeneralSecurityException naming the file that is not usable
     */
    public static X509ExtendedKeyManager read(Path certificate, Path key) throws GeneralSecurityException {
        Certificate[] chain = certificates(certificate);
        PrivateKey privateKey = privateKey(key);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = new char[0];
            store.setKeyEntry("key", privateKey, password, chain);
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            for (KeyManager km : factory.getKeyManagers()) {
                if (km instanceof X509ExtendedKeyManager x509) {
                    return x509;
                }
            }
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        throw new GeneralSecurityException("no X.509 key manager for " + certificate);
    }

    /** Every certificate in a PEM file, in order. */
    public static Certificate[] certificates(Path file) throws GeneralSecurityException {
        try {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file)));
            if (certs.isEmpty()) {
                throw new GeneralSecurityException(file + ": no PEM certificate (expected: BEGIN CERTIFICATE blocks)");
            }
            return certs.toArray(new Certificate[0]);
        } catch (IOException e) {
            throw new GeneralSecurityException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** The PKCS#8 private key in a PEM file. */
    public static PrivateKey privateKey(Path file) throws GeneralSecurityException {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new GeneralSecurityException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new GeneralSecurityException(file + ": no PKCS#8 key (expected: a BEGIN PRIVATE KEY block)");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new GeneralSecurityException(file + ": not an RSA, EC or Ed25519 PKCS#8 key");
    }
}
