package dev.turnpike.gateway.testing;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Throwaway certificates made by a test (netty-pkitesting, EC P-256, valid for an hour): a CA and leaves it issues. */
public final class TestCertificates {
    private TestCertificates() {
    }

    /** A self-signed CA named {@code name}. */
    public static X509Bundle ca(String name) throws Exception {
        return new CertificateBuilder().subject("CN=" + name).setIsCertificateAuthority(true).ecp256()
                .notBefore(Instant.now().minusSeconds(60)).notAfter(Instant.now().plusSeconds(3600))
                .buildSelfSigned();
    }

    /** A server certificate for {@code localhost} and {@code 127.0.0.1}, issued by {@code ca}. */
    public static X509Bundle localhost(X509Bundle ca, long serial) throws Exception {
        return new CertificateBuilder().subject("CN=localhost").addSanDnsName("localhost").addSanIpAddress("127.0.0.1")
                .serial(BigInteger.valueOf(serial)).ecp256().addExtendedKeyUsageServerAuth()
                .notBefore(Instant.now().minusSeconds(60)).notAfter(Instant.now().plusSeconds(3600))
                .buildIssuedBy(ca);
    }

    /** A server certificate naming only the DNS name {@code name} (no IP address), issued by {@code ca}. */
    public static X509Bundle server(X509Bundle ca, String name) throws Exception {
        return new CertificateBuilder().subject("CN=" + name).addSanDnsName(name).ecp256()
                .addExtendedKeyUsageServerAuth()
                .notBefore(Instant.now().minusSeconds(60)).notAfter(Instant.now().plusSeconds(3600))
                .buildIssuedBy(ca);
    }

    /** A client certificate with subject {@code CN=<name>}, issued by {@code ca}. */
    public static X509Bundle client(X509Bundle ca, String name) throws Exception {
        return new CertificateBuilder().subject("CN=" + name).ecp256().addExtendedKeyUsageClientAuth()
                .notBefore(Instant.now().minusSeconds(60)).notAfter(Instant.now().plusSeconds(3600))
                .buildIssuedBy(ca);
    }

    /** Writes the certificate chain (leaf first) and the PKCS#8 key as PEM files. */
    public static void writePem(X509Bundle bundle, Path cert, Path key) throws Exception {
        Files.writeString(cert, bundle.getCertificatePathPEM());
        Files.writeString(key, bundle.getPrivateKeyPEM());
    }

    /** Writes {@code ca}'s certificate as a PEM file and returns its path. */
    public static Path writeCa(X509Bundle ca, Path file) throws Exception {
        Files.writeString(file, ca.getCertificatePEM());
        return file;
    }
}
