package se.kvalitet.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import se.kvalitet.web.ProblemException;

/** The merged OpenAPI document of the suite (Swagger UI at /q/swagger-ui shows it), as JSON or YAML. */
@Path("/openapi")
public class SuiteOpenApiResource {

    static final String YAML = "application/yaml";
    private static final ObjectMapper YAML_MAPPER = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());

    @Inject
    SuiteOpenApi openApi;

    @GET
    @Produces({MediaType.APPLICATION_JSON, YAML, "application/x-yaml", "text/yaml"})
    @Operation(summary = "The OpenAPI document of the whole suite, merged from every service")
    public Response get(@QueryParam("format") String format, @jakarta.ws.rs.core.Context HttpHeaders headers)
            throws JsonProcessingException {
        boolean yaml;
        if (format != null) {
            yaml = switch (format.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "yaml", "yml" -> true;
                case "json" -> false;
                default -> throw ProblemException.invalidField("format", "must be json or yaml");
            };
        } else {
            List<MediaType> accepted = headers.getAcceptableMediaTypes();
            yaml = !accepted.isEmpty() && accepted.get(0).getSubtype().contains("yaml");
        }
        if (yaml) {
            return Response.ok(YAML_MAPPER.writeValueAsString(openApi.document()), YAML)
                    .build();
        }
        return Response.ok(openApi.document(), MediaType.APPLICATION_JSON).build();
    }
}
