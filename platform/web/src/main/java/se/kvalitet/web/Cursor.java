package se.kvalitet.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * The position of a keyset ("seek") page: the sort key of the last item of the page before, an instant and
 * an id, plus the name of the sort order it belongs to, so a cursor taken from one order is refused by
 * another. Opaque to clients (base64url); a malformed or foreign cursor is a 400 problem naming the
 * parameter.
 */
public record Cursor(String order, Instant at, UUID id) {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAX_LENGTH = 200;

    public String encode() {
        String plain = "1|" + order + "|" + at.getEpochSecond() + "." + at.getNano() + "|" + id;
        return ENCODER.encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor sent as {@code name}, or null when absent; it must belong to {@code order}. */
    public static Cursor decode(String name, String value, String order) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String message = "is not a cursor of this list (send nextCursor of a page of the same list unchanged)";
        if (value.length() > MAX_LENGTH) {
            throw ProblemException.invalidField(name, message);
        }
        try {
            String[] parts = new String(DECODER.decode(value.strip()), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 4 || !"1".equals(parts[0]) || !order.equals(parts[1])) {
                throw ProblemException.invalidField(name, message);
            }
            String[] instant = parts[2].split("\\.", -1);
            if (instant.length != 2) {
                throw ProblemException.invalidField(name, message);
            }
            Instant at = Instant.ofEpochSecond(Long.parseLong(instant[0]), Long.parseLong(instant[1]));
            return new Cursor(order, at, UUID.fromString(parts[3]));
        } catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException e) {
            throw ProblemException.invalidField(name, message);
        }
    }
}
