package se.kvalitet.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway's merged OpenAPI document as the released snapshot stores it, and what swagger-parser
 * says about it. The live document is normalised the same way the snapshot was: the server is the
 * gateway's relative "/" (the stack's random port is not part of the contract) and the
 * {@code x-unavailable-services} list is dropped once it is known to be empty.
 */
final class MergedDocument {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The released snapshot of v1 (docs/openapi/README.md says how and when it is refreshed). */
    static final String SNAPSHOT = "docs/openapi/kvalitet-v1.json";
    /** Where each end-to-end run writes the live document, normalised: the file a release copies over the snapshot. */
    static final Path LIVE = Path.of("target", "openapi", "kvalitet-live.json");

    private MergedDocument() {}

    /** The live merged document, normalised, also written to {@link #LIVE}. */
    static String live(HttpClient http, String gatewayUrl) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(gatewayUrl + "/openapi"))
                        .header("Accept", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET /openapi: " + r.statusCode() + " " + r.body());
        }
        String normalised = normalise(r.body());
        Files.createDirectories(LIVE.getParent());
        Files.writeString(LIVE, normalised);
        return normalised;
    }

    static String normalise(String document) throws Exception {
        ObjectNode doc = (ObjectNode) JSON.readTree(document);
        JsonNode unavailable = doc.remove("x-unavailable-services");
        if (unavailable != null && !unavailable.isEmpty()) {
            throw new IllegalStateException("services missing from the merged document: " + unavailable);
        }
        doc.putArray("servers").addObject().put("url", "/").put("description", "The suite's gateway (this host)");
        return JSON.writeValueAsString(doc) + "\n";
    }

    /** The released snapshot. */
    static String snapshot() throws Exception {
        return Files.readString(repoRoot().resolve(SNAPSHOT));
    }

    static Path repoRoot() {
        String root = System.getProperty("kvalitet.repo-root");
        return root != null ? Path.of(root) : Path.of("..");
    }

    /** Every message swagger-parser has about the document, references resolved (none is the goal). */
    static List<String> parserMessages(String document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(document, null, options);
        List<String> messages = new ArrayList<>();
        if (result.getMessages() != null) {
            messages.addAll(result.getMessages());
        }
        if (result.getOpenAPI() == null) {
            messages.add("no document came out of the parser");
        }
        return messages;
    }
}
