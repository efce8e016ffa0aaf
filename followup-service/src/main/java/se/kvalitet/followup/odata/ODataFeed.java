package se.kvalitet.followup.odata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.olingo.commons.api.http.HttpStatusCode;
import org.apache.olingo.server.api.OData;
import org.apache.olingo.server.api.ODataHandler;
import org.apache.olingo.server.api.ODataRequest;
import org.apache.olingo.server.api.ODataResponse;
import org.apache.olingo.server.api.ServiceMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import se.kvalitet.web.ProblemException;

/**
 * The OData v4 service: Apache Olingo's handler (URI parsing, {@code $metadata}, the service document,
 * content negotiation, OData errors) with this service's {@link FeedProcessor}. Read-only.
 */
@ApplicationScoped
public class ODataFeed {

    @Inject
    FeedReader reader;

    @Inject
    EvaluationFeed evaluations;

    @ConfigProperty(name = "kvalitet.odata.page-size", defaultValue = "5000")
    int pageSize;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OData odata = OData.newInstance();
    private final ServiceMetadata metadata = odata.createServiceMetadata(new FeedEdm(), List.of());

    /**
     * Answers one request. An error is a problem document like every error of the suite (status, the OData
     * error's message as {@code detail}, OData's {@code error} object as an extension member). Olingo answers
     * what no processor here reads (a single entity, a property) with 501: that is the client asking for what
     * this read-only feed does not offer, so it is a 400.
     */
    public ODataResponse handle(ODataRequest request) {
        return handle(request, true);
    }

    /**
     * {@link #handle(ODataRequest)}, with {@code streamed} false every page is serialised by Olingo (what {@link
     * FeedJson} must match byte for byte; {@code ODataFeedTest} compares the two).
     */
    ODataResponse handle(ODataRequest request, boolean streamed) {
        if (nesting(request.getRawQueryPath()) > MAX_NESTING) {
            throw problem(400, null, "an expression is nested more than " + MAX_NESTING + " levels deep (parentheses)");
        }
        ODataHandler handler = odata.createRawHandler(metadata);
        handler.register(new FeedProcessor(reader, evaluations, pageSize, streamed));
        ODataResponse response;
        try {
            response = handler.process(request);
        } catch (StackOverflowError e) {
            // Olingo's parser recurses per level of an expression; a client's input, not a failure of the feed
            throw problem(400, null, "an expression is nested too deeply to be read");
        }
        int status = response.getStatusCode();
        if (status < 400) {
            return response;
        }
        String message = "the OData request could not be answered";
        String code = null;
        if (response.getContent() != null) {
            try (InputStream in = response.getContent()) {
                JsonNode error = JSON.readTree(in).path("error");
                message = error.path("message").asText(message);
                code = error.path("code").isNull() ? null : error.path("code").asText(null);
            } catch (IOException | RuntimeException e) {
                // not an OData error document: keep the general message
            }
        }
        if (status == HttpStatusCode.NOT_IMPLEMENTED.getStatusCode()) {
            status = HttpStatusCode.BAD_REQUEST.getStatusCode();
            message = "not supported by this read-only feed (" + message + "): read entity sets with query options";
        }
        if (status >= 500) {
            throw new IllegalStateException("OData feed failed: " + message);
        }
        throw problem(status, code, message);
    }

    /**
     * The deepest nesting of parentheses in a raw query string, {@code %28}/{@code %29} counted too. Olingo's
     * parser recurses once per level (about 1 000 levels exhausted a request thread's stack: a 500), so a
     * deeper expression is refused before it is parsed; no real filter comes near {@value #MAX_NESTING}.
     */
    static int nesting(String rawQuery) {
        if (rawQuery == null) {
            return 0;
        }
        int depth = 0;
        int max = 0;
        for (int i = 0; i < rawQuery.length(); i++) {
            char c = rawQuery.charAt(i);
            boolean open = c == '(';
            boolean close = c == ')';
            if (c == '%' && i + 2 < rawQuery.length() && rawQuery.charAt(i + 1) == '2') {
                char d = Character.toUpperCase(rawQuery.charAt(i + 2));
                open = d == '8';
                close = d == '9';
            }
            if (open) {
                max = Math.max(max, ++depth);
            } else if (close && depth > 0) {
                depth--;
            }
        }
        return max;
    }

    static final int MAX_NESTING = 100;

    private static ProblemException problem(int status, String code, String message) {
        Map<String, Object> odataError = new LinkedHashMap<>();
        odataError.put("code", code == null ? Integer.toString(status) : code);
        odataError.put("message", message);
        return new ProblemException(status, "odata-request", "OData request not answered", message)
                .with("error", odataError);
    }
}
