package se.kvalitet.report.signing;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import se.kvalitet.report.render.Stamp;

/**
 * Signs approved versions (PAdES B-B) with the configured key: a PKCS#12 key store
 * ({@code kvalitet.report.signing.key-store}, {@code …key-store-password}, optional
 * {@code …key-alias}), mounted from a secret in production. Without one (tests, the local stack)
 * the service generates a key and a self-signed certificate when it starts, says so in its log, and
 * the signature verifies against the document it is in but is trusted by nobody else.
 */
@ApplicationScoped
public class ReportSigner {

    private static final Logger LOG = Logger.getLogger(ReportSigner.class);

    private final SigningKey key;

    ReportSigner() {
        this.key = null;
    }

    @jakarta.inject.Inject
    public ReportSigner(
            @ConfigProperty(name = "kvalitet.report.signing.key-store") Optional<String> keyStore,
            @ConfigProperty(name = "kvalitet.report.signing.key-store-password") Optional<String> password,
            @ConfigProperty(name = "kvalitet.report.signing.key-alias") Optional<String> alias,
            @ConfigProperty(
                            name = "kvalitet.report.signing.generated-subject",
                            defaultValue =
                                    "CN=Kvalitet rapporttjänst (genererad nyckel: endast test och lokal miljö),O=Kvalitet")
                    String generatedSubject,
            Clock clock) {
        if (keyStore.isPresent() && !keyStore.get().isBlank()) {
            this.key = SigningKey.fromKeyStore(
                    Path.of(keyStore.get()), password.orElse("").toCharArray(), alias.orElse(null));
            LOG.infof(
                    "approved reports are signed by %s (certificate SHA-256 %s)",
                    key.signer(), key.certificateSha256());
        } else {
            this.key = SigningKey.generate(generatedSubject, clock.instant());
            LOG.warnf(
                    "kvalitet.report.signing.key-store is not set: approved reports are signed with a key generated at "
                            + "start-up (%s), which nobody outside this process trusts; mount a key store in production",
                    key.certificateSha256());
        }
    }

    /** What the approval block of a version signed at {@code at} says about its signature. */
    public Stamp.Signature describe(Instant at) {
        return new Stamp.Signature(key.signer(), key.certificateSha256(), at);
    }

    /** The PDF signed at {@code at} (an incremental update of {@code pdf}). */
    public byte[] sign(byte[] pdf, Instant at, String reason) {
        return PadesSignatures.sign(pdf, key, at, reason);
    }

    SigningKey key() {
        return key;
    }
}
