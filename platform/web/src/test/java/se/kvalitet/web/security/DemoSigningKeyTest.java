package se.kvalitet.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The demo key the guard knows is the one the demo realm overlay (platform/localstack) pins. */
class DemoSigningKeyTest {

    static final Path OVERLAY = Path.of(System.getProperty("kvalitet.repo-root", "../.."))
            .resolve("platform/localstack/src/main/resources/se/kvalitet/localstack/kvalitet-realm-demo-overlay.json");

    @Test
    void theConstantsAreThoseOfTheOverlaysPinnedKey() throws Exception {
        JsonNode overlay = new ObjectMapper().readTree(Files.readString(OVERLAY));
        JsonNode config = overlay.at("/components/org.keycloak.keys.KeyProvider/0/config");
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getMimeDecoder()
                        .decode(config.at("/certificate/0").asText())));
        RSAPublicKey key = (RSAPublicKey) cert.getPublicKey();

        assertThat(config.at("/kid/0").asText()).isEqualTo(DemoSigningKey.KID);
        // Keycloak's KeyUtils.createKeyId: base64url(SHA-256(the encoded public key))
        assertThat(Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(MessageDigest.getInstance("SHA-256").digest(key.getEncoded())))
                .isEqualTo(DemoSigningKey.DERIVED_KID);
        byte[] n = key.getModulus().toByteArray();
        if (n[0] == 0) {
            n = Arrays.copyOfRange(n, 1, n.length);
        }
        assertThat(Base64.getUrlEncoder().withoutPadding().encodeToString(n)).isEqualTo(DemoSigningKey.MODULUS);
    }

    @Test
    void aKeySetWithoutTheDemoKeyIsNotMistakenForOne() throws Exception {
        JsonNode jwks = new ObjectMapper()
                .readTree("{\"keys\":[{\"kid\":\"k1\",\"n\":\"abc\"},{\"kid\":\"demo\",\"n\":\"def\"}]}");
        assertThat(DemoSigningKey.findIn(jwks)).isEmpty();
        assertThat(DemoSigningKey.findIn(new ObjectMapper().readTree("{}"))).isEmpty();
    }
}
