package se.kvalitet.registry.document;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import se.kvalitet.web.ProblemException;

/**
 * The position of a keyset page of a document list sorted by title: the sort key of the last item of the page
 * before (the lower-cased title as the database sorts it, and the document id), plus the view it belongs to, so a
 * cursor of one view is refused by another. Opaque to clients (base64url); a malformed or foreign cursor is a 400
 * naming the parameter. (platform/web's {@code Cursor} carries an instant; this list's sort key is a text.)
 */
record TitleCursor(String view, String title, UUID documentId) {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAX_LENGTH = 1200;

    String encode() {
        String plain = "1|" + view + "|" + documentId + "|" + title;
        return ENCODER.encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor sent as {@code name}, or null when absent; it must belong to {@code view}. */
    static TitleCursor decode(String name, String value, String view) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String message = "is not a cursor of this list (send nextCursor of a page of the same list unchanged)";
        if (value.length() > MAX_LENGTH) {
            throw ProblemException.invalidField(name, message);
        }
        try {
            String[] parts = new String(DECODER.decode(value.strip()), StandardCharsets.UTF_8).split("\\|", 4);
            if (parts.length != 4 || !"1".equals(parts[0]) || !view.equals(parts[1])) {
                throw ProblemException.invalidField(name, message);
            }
            return new TitleCursor(view, parts[3], UUID.fromString(parts[2]));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(name, message);
        }
    }
}
