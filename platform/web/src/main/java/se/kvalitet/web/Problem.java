package se.kvalitet.web;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem detail, served as {@code application/problem+json}. {@link #type()} is a
 * stable URI per kind of error; {@link #errors()} lists field-level violations.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "correlationId", "errors"})
@Schema(name = "Problem", description = "RFC 9457 problem details")
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);
    public static final String TYPE_BASE = "https://kvalitet.se/problems/";

    /** One invalid field: a JSON path into the request ({@code involvedOrgUnitIds[2]}) or a query parameter name. */
    @Schema(name = "FieldError")
    public record FieldError(String field, String message) {}

    private final URI type;
    private final String title;
    private final int status;
    private final String detail;
    private final String correlationId;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions;

    public Problem(
            String slug,
            String title,
            int status,
            String detail,
            String correlationId,
            List<FieldError> errors,
            Map<String, Object> extensions) {
        this.type = URI.create(TYPE_BASE + slug);
        this.title = title;
        this.status = status;
        this.detail = detail;
        this.correlationId = correlationId;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.extensions = extensions == null ? Map.of() : new LinkedHashMap<>(extensions);
    }

    public URI getType() {
        return type;
    }

    public String getTitle() {
        return title;
    }

    public int getStatus() {
        return status;
    }

    public String getDetail() {
        return detail;
    }

    public String getCorrelationId() {
        return correlationId;
    }

    public List<FieldError> getErrors() {
        return errors;
    }

    @JsonAnyGetter
    public Map<String, Object> getExtensions() {
        return extensions;
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA).entity(this).build();
    }
}
