package sifr.tls.internal;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import sifr.tls.CertificateError;

/**
 * Certificate PEM loading with Sifr's messages: {@code failed to parse <what>: ...} and
 * {@code <what, singular> PEM contains no certificates}. Only {@code CERTIFICATE} blocks count;
 * other blocks (a key pasted into the same file) are ignored, as rustls-pemfile does.
 */
public final class Certificates {
    /** Bound on certificates per PEM: a trust bundle has a few hundred, a chain a handful. */
    static final int MAX_CERTIFICATES = 4096;

    private Certificates() {
    }

    /**
     * Parses every certificate in {@code pem}.
     *
     * @param plural   for parse errors, e.g. {@code client root certificates}
     * @param singular for the empty case, e.g. {@code client root certificate}
     */
    public static List<X509Certificate> parse(byte[] pem, String plural, String singular) throws CertificateError {
        if (pem == null) {
            throw new CertificateError("failed to parse " + plural + ": PEM is null");
        }
        List<Pem.Block> blocks;
        try {
            blocks = Pem.parse(pem);
        } catch (Pem.PemException e) {
            throw new CertificateError("failed to parse " + plural + ": " + e.getMessage(), e);
        }
        List<X509Certificate> certificates = new ArrayList<>();
        CertificateFactory factory = factory();
        for (Pem.Block block : blocks) {
            if (!block.label().equals("CERTIFICATE")) {
                continue;
            }
            if (certificates.size() == MAX_CERTIFICATES) {
                throw new CertificateError("failed to parse " + plural + ": more than " + MAX_CERTIFICATES
                        + " certificates");
            }
            try {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
            } catch (CertificateException | RuntimeException e) {
                throw new CertificateError("failed to parse " + plural + ": certificate " + (certificates.size() + 1)
                        + " is not valid DER X.509 (" + e.getMessage() + ")", e);
            }
        }
        if (certificates.isEmpty()) {
            throw new CertificateError(singular + " PEM contains no certificates");
        }
        return List.copyOf(certificates);
    }

    static CertificateFactory factory() {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
        }
    }
}
