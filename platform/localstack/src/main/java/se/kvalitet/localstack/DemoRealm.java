package se.kvalitet.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo realm the local stack and the end-to-end suite import: the production realm
 * ({@code deploy/keycloak/kvalitet-realm.json}: no signing key, no users but the machine clients'
 * service accounts, no password grant, client secrets as placeholders) with the demo overlay
 * ({@value #OVERLAY_FILE}: a pinned demo signing key, the demo users, demo client secrets, password
 * grant and loopback redirect URIs for the intranet client, the second case-management client)
 * laid over it. Production never sees the overlay; the demo never differs from production in
 * anything but the overlay (checked by {@code DemoRealmTest}).
 *
 * <p>Merge rules: objects merge field by field; an array of objects merges element by element,
 * matched by {@code clientId}, {@code username} or {@code name} when every element of the
 * overlay's array has one (an overlay element with no match is appended); any other value (a
 * string, a number, an array of strings, a user's credentials) is replaced by the overlay's.
 */
public final class DemoRealm {

    public static final String OVERLAY_FILE = "kvalitet-realm-demo-overlay.json";

    /** What identifies an element of an array of objects (clients, users, key providers, mappers). */
    static final List<String> IDENTITY_KEYS = List.of("clientId", "username", "name");

    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoRealm() {}

    /** The production realm, from the repository when present, else the copy inside this jar. */
    public static JsonNode production(Path repoRoot) {
        return read(
                repoRoot == null ? null : repoRoot.resolve("deploy/keycloak").resolve(LocalStack.REALM_FILE),
                LocalStack.REALM_FILE);
    }

    /** The demo overlay, from the repository when present, else the copy inside this jar. */
    public static JsonNode overlay(Path repoRoot) {
        return read(
                repoRoot == null
                        ? null
                        : repoRoot.resolve("platform/localstack/src/main/resources/se/kvalitet/localstack")
                                .resolve(OVERLAY_FILE),
                OVERLAY_FILE);
    }

    /** Production + overlay, read from the repository (or this jar). */
    public static ObjectNode build(Path repoRoot) {
        return merge(production(repoRoot), overlay(repoRoot));
    }

    /** A new realm: {@code production} with {@code overlay} laid over it; neither argument changes. */
    public static ObjectNode merge(JsonNode production, JsonNode overlay) {
        if (!production.isObject() || !overlay.isObject()) {
            throw new IllegalArgumentException("a realm and its overlay are JSON objects");
        }
        return (ObjectNode) mergeValue(production, overlay, "");
    }

    private static JsonNode mergeValue(JsonNode base, JsonNode over, String path) {
        if (base == null || base.isNull()) {
            return over.deepCopy();
        }
        if (base.isObject() && over.isObject()) {
            ObjectNode out = ((ObjectNode) base).deepCopy();
            for (Iterator<Map.Entry<String, JsonNode>> it = over.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                out.set(f.getKey(), mergeValue(base.get(f.getKey()), f.getValue(), path + "/" + f.getKey()));
            }
            return out;
        }
        if (base.isArray() && over.isArray() && isArrayOfIdentifiedObjects(over)) {
            ArrayNode out = ((ArrayNode) base).deepCopy();
            for (JsonNode element : over) {
                String key = identityKey(element).orElseThrow();
                int match = indexOf(out, key, element.get(key).asText());
                if (match < 0) {
                    out.add(element.deepCopy());
                } else {
                    out.set(
                            match,
                            mergeValue(
                                    out.get(match),
                                    element,
                                    path + "[" + key + "=" + element.get(key).asText() + "]"));
                }
            }
            return out;
        }
        return over.deepCopy();
    }

    /** Clients, users, key providers, mappers: a non-empty array whose every element names itself. */
    public static boolean isArrayOfIdentifiedObjects(JsonNode array) {
        if (!array.isArray() || array.isEmpty()) {
            return false;
        }
        for (JsonNode e : array) {
            if (!e.isObject() || identityKey(e).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** The first of {@link #IDENTITY_KEYS} an object has. */
    public static Optional<String> identityKey(JsonNode object) {
        return IDENTITY_KEYS.stream().filter(k -> object.path(k).isTextual()).findFirst();
    }

    private static int indexOf(ArrayNode array, String key, String value) {
        for (int i = 0; i < array.size(); i++) {
            if (value.equals(array.get(i).path(key).asText(null))) {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode read(Path file, String resource) {
        try {
            if (file != null && Files.isRegularFile(file)) {
                return JSON.readTree(file.toFile());
            }
            try (InputStream in = LocalStack.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(
                            "no " + resource + ": neither " + file + " nor the copy inside this jar");
                }
                return JSON.readTree(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + resource, e);
        }
    }
}
