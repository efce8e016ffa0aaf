package se.kvalitet.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds the token attacks of issue 7 against the real realm: tokens signed with the demo realm's
 * pinned key (read from the realm file the stack imported, so a correctly formed one is
 * accepted, which proves the forgeries fail for the reason they are meant to), and the classic
 * forgeries: expired, not yet valid, wrong issuer, wrong audience, {@code alg: none}, HS256 with
 * the public key as the HMAC secret, tampered payload, unknown key id.
 */
final class ForgedTokens {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    final PrivateKey realmKey;
    final byte[] realmCertificateDer;
    final byte[] realmPublicKeyDer;
    final String kid;
    final String issuer;

    /**
     * @param realmFile the realm JSON with the pinned RSA key
     * @param kid       the key id Keycloak publishes for it (read from a real token's header)
     * @param issuer    the realm's issuer URL
     */
    ForgedTokens(Path realmFile, String kid, String issuer) throws Exception {
        JsonNode realm = JSON.readTree(Files.readString(realmFile));
        JsonNode config = null;
        for (JsonNode c : realm.path("components").path("org.keycloak.keys.KeyProvider")) {
            if (c.path("providerId").asText().equals("rsa")) {
                config = c.path("config");
            }
        }
        if (config == null) {
            throw new IllegalStateException("no pinned rsa key in " + realmFile);
        }
        realmKey = KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder()
                        .decode(config.path("privateKey").get(0).asText())));
        realmCertificateDer =
                Base64.getMimeDecoder().decode(config.path("certificate").get(0).asText());
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(realmCertificateDer));
        realmPublicKeyDer = cert.getPublicKey().getEncoded();
        this.kid = kid;
        this.issuer = issuer;
    }

    /** Claims of a quality-team member acting for the whole administration, valid for five minutes. */
    ObjectNode claims() {
        long now = Instant.now().getEpochSecond();
        ObjectNode c = JSON.createObjectNode();
        c.put("iss", issuer);
        c.putArray("aud").add("kvalitet-api");
        c.put("sub", UUID.randomUUID().toString());
        c.put("typ", "Bearer");
        c.put("azp", "kvalitet-intranet");
        c.put("preferred_username", "forged");
        c.put("iat", now - 5);
        c.put("exp", now + 300);
        c.putObject("realm_access").putArray("roles").add("quality-team").add("reporter");
        c.putArray("org_units").add("00000000-0000-4000-8000-000000000002");
        c.put("jti", UUID.randomUUID().toString());
        return c;
    }

    ObjectNode header(String alg, String keyId) {
        ObjectNode h = JSON.createObjectNode();
        h.put("alg", alg);
        h.put("typ", "JWT");
        if (keyId != null) {
            h.put("kid", keyId);
        }
        return h;
    }

    String rs256(ObjectNode header, ObjectNode claims, PrivateKey key) throws Exception {
        String signingInput = part(header) + "." + part(claims);
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(key);
        s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + B64.encodeToString(s.sign());
    }

    /** A token the realm itself could have issued: must be accepted. */
    String valid() throws Exception {
        return rs256(header("RS256", kid), claims(), realmKey);
    }

    record Attack(String name, String token) {}

    List<Attack> attacks() throws Exception {
        long now = Instant.now().getEpochSecond();
        ObjectNode expired = claims().put("iat", now - 3600).put("exp", now - 1800);
        ObjectNode notYet =
                claims().put("iat", now + 1800).put("nbf", now + 1800).put("exp", now + 3600);
        ObjectNode wrongIssuer = claims().put("iss", "http://127.0.0.1:1/realms/kvalitet");
        ObjectNode wrongAudience = claims();
        wrongAudience.putArray("aud").add("some-other-api");

        String none = part(header("none", null)) + "." + part(claims()) + ".";
        String hsInput = part(header("HS256", kid)) + "." + part(claims());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(realmPublicKeyDer, "HmacSHA256"));
        String hs256WithPublicKey =
                hsInput + "." + B64.encodeToString(mac.doFinal(hsInput.getBytes(StandardCharsets.US_ASCII)));

        String[] good = valid().split("\\.");
        ObjectNode escalated = claims();
        escalated.putObject("realm_access").putArray("roles").add("admin").add("quality-team");
        String tampered = good[0] + "." + part(escalated) + "." + good[2];

        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        String unknownKid = rs256(
                header("RS256", "unknown-" + UUID.randomUUID()),
                claims(),
                g.generateKeyPair().getPrivate());
        String otherKeySameKid =
                rs256(header("RS256", kid), claims(), g.generateKeyPair().getPrivate());

        return List.of(
                new Attack("expired", rs256(header("RS256", kid), expired, realmKey)),
                new Attack("not yet valid", rs256(header("RS256", kid), notYet, realmKey)),
                new Attack("wrong issuer", rs256(header("RS256", kid), wrongIssuer, realmKey)),
                new Attack("wrong audience", rs256(header("RS256", kid), wrongAudience, realmKey)),
                new Attack("alg none", none),
                new Attack("HS256 signed with the public key", hs256WithPublicKey),
                new Attack("tampered payload", tampered),
                new Attack("unknown key id", unknownKid),
                new Attack("another key under the realm's key id", otherKeySameKid),
                new Attack("garbage", "not.a.token"));
    }

    static String part(JsonNode json) throws Exception {
        return B64.encodeToString(JSON.writeValueAsBytes(json));
    }

    /** The {@code kid} of a real token's header. */
    static String kidOf(String token) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[0]))
                .path("kid")
                .asText();
    }
}
