package se.kvalitet.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The merged OpenAPI document of the suite (Swagger UI at /q/swagger-ui shows it). */
@Path("/openapi")
public class SuiteOpenApiResource {

    @Inject
    SuiteOpenApi openApi;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The OpenAPI document of the whole suite, merged from every service")
    public ObjectNode get() {
        return openApi.document();
    }
}
