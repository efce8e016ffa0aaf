package se.kvalitet.web.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;

/**
 * The public half of the demo realm's pinned signing key (platform/localstack's demo overlay). Its
 * private half is in the public repository, so anyone can sign tokens with it: an issuer that
 * publishes this key cannot be trusted, and a production service refuses it
 * ({@link DemoSigningKeyGuard}). Recognised by key id (the configured one and the one Keycloak
 * derives from the key) and by modulus, so a copy of the key under another id is caught too.
 * {@code DemoSigningKeyTest} checks these values against the overlay.
 */
public final class DemoSigningKey {

    /** The {@code kid} the demo overlay configures for the key. */
    public static final String KID = "kvalitet-demo-signing-key";

    /** The {@code kid} Keycloak derives from the same key when none is configured: base64url(SHA-256(public key)). */
    public static final String DERIVED_KID = "0RPWCUWlH6FTBu-EExme3TUB97oio6DN9CYv-bkLdFo";

    /** The RSA modulus {@code n}, base64url as in a JWK. */
    public static final String MODULUS =
            "wlLz_2DnOG0ZTwxhwfzVxdY_URFvIm4vSEC0drs2a1gMJrnOk7MdRDxZjH-zlYFHFB-1JCy_bWp2vU2iMYyp9sq7"
                    + "XIK1G924LDTKelCBNSPzCae_mzcwcyDHNV-oYEA44oO-ESemp3gR28L8LiC2MprHMFLS7F1qxwpjs8RifqM7BnzHlq9Te-nvy7DCrS_isr-KTS60"
                    + "4o4tfSxtlzvWXIrRopDvnHL76gbaUInkAZ3lxmypOviC4DrbUx7LR8FV_tFCDqAPHJXCz7C31Xp1yqHWNdIrzjiY-kcvCmKk7RFIicfBzu4InuFVp"
                    + "xnyRcjj3B98KJ54culBj7rq8X0UoQ";

    private static final Set<String> KIDS = Set.of(KID, DERIVED_KID);

    private DemoSigningKey() {}

    /** The key id under which a JWK Set ({@code {"keys":[...]}}) publishes the demo key, if it does. */
    public static Optional<String> findIn(JsonNode jwks) {
        for (JsonNode key : jwks.path("keys")) {
            String kid = key.path("kid").asText("");
            if (KIDS.contains(kid) || MODULUS.equals(key.path("n").asText(""))) {
                return Optional.of(kid);
            }
        }
        return Optional.empty();
    }
}
