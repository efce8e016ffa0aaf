package se.kvalitet.events;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A keyed pseudonym of a staff member's account for events, which carry no personal data: HMAC-SHA256 of the
 * account's username (Keycloak {@code preferred_username}, trimmed, lower case) under the suite's person-reference
 * key ({@code kvalitet.person-ref.key}, a secret shared by the services that name or recognise people). Without the
 * key the reference cannot be turned back into a username, not even by trying every username of the organisation;
 * with it a service can recognise a person it already knows (report-service: the people who saved notification
 * preferences) and nothing more.
 */
public final class PersonRef {

    public static final String PREFIX = "hmac-sha256:";
    /** What a reference looks like (the event schemas' pattern). */
    public static final String PATTERN = "^hmac-sha256:[0-9a-f]{64}$";
    /** The shortest key accepted: 32 characters (e.g. {@code openssl rand -base64 32} gives 44). */
    public static final int MIN_KEY_LENGTH = 32;

    private final SecretKeySpec key;

    private PersonRef(SecretKeySpec key) {
        this.key = key;
    }

    /** A reference maker for the key; refuses a key shorter than {@value #MIN_KEY_LENGTH} characters. */
    public static PersonRef withKey(String key) {
        if (key == null || key.strip().length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException(
                    "kvalitet.person-ref.key must be at least " + MIN_KEY_LENGTH + " characters (a random secret)");
        }
        return new PersonRef(new SecretKeySpec(key.strip().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    }

    /** The reference of an account's username. */
    public String of(String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest =
                    mac.doFinal(username.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
