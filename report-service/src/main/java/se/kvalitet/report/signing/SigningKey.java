package se.kvalitet.report.signing;

import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A private key with its certificate chain (the signer's certificate first): what approved versions are signed with. */
public record SigningKey(PrivateKey privateKey, List<X509Certificate> chain) {

    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** The signer as printed in the document: the certificate's subject. */
    public String signer() {
        return certificate().getSubjectX500Principal().getName(javax.security.auth.x500.X500Principal.RFC1779);
    }

    /** SHA-256 of the certificate (DER), hex. */
    public String certificateSha256() {
        return sha256(certificate());
    }

    static String sha256(X509Certificate c) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key entry {@code alias} (or the first key entry) of a PKCS#12 key store. */
    static SigningKey fromKeyStore(Path file, char[] password, String alias) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            String name = alias;
            if (name == null || name.isBlank()) {
                name = Collections.list(ks.aliases()).stream()
                        .filter(a -> isKey(ks, a))
                        .findFirst()
                        .orElseThrow(
                                () -> new IllegalStateException("the key store " + file + " holds no private key"));
            }
            PrivateKey key = (PrivateKey) ks.getKey(name, password);
            if (key == null) {
                throw new IllegalStateException("the key store " + file + " has no private key " + name);
            }
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : ks.getCertificateChain(name)) {
                chain.add((X509Certificate) c);
            }
            return new SigningKey(key, List.copyOf(chain));
        } catch (java.io.IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not read the signing key store " + file, e);
        }
    }

    private static boolean isKey(KeyStore ks, String alias) {
        try {
            return ks.isKeyEntry(alias);
        } catch (java.security.KeyStoreException e) {
            return false;
        }
    }

    /**
     * A fresh RSA key with a self-signed certificate (for tests and the local stack only: nobody
     * outside trusts it, and it lives as long as the process).
     */
    static SigningKey generate(String subject, Instant now) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(3072, new SecureRandom());
            KeyPair pair = g.generateKeyPair();
            // parsed as X.500 names are written (most significant last), so the subject prints back as configured
            X500Name name = X500Name.getInstance(new javax.security.auth.x500.X500Principal(subject).getEncoded());
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    name,
                    new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(3650))),
                    name,
                    pair.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
            return new SigningKey(pair.getPrivate(), List.of(cert));
        } catch (GeneralSecurityException
                | org.bouncycastle.operator.OperatorCreationException
                | org.bouncycastle.cert.CertIOException e) {
            throw new IllegalStateException("could not generate a signing key", e);
        }
    }
}
