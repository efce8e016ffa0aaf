package se.kvalitet.gateway;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** DIGG's REST API profile: {@code /api-info} tells what the API is, its version, status and documentation. */
@Path("/api-info")
public class ApiInfoResource {

    @ConfigProperty(name = "kvalitet.api-info.released", defaultValue = "2026-11-24")
    String released;

    @ConfigProperty(name = "kvalitet.api-info.status", defaultValue = "active")
    String status;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "What this API is (DIGG REST API profile, api-info)")
    public Map<String, Object> info() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("apiName", "kvalitet");
        info.put("apiVersion", "1.0.0");
        info.put("apiReleased", released);
        info.put("apiDocumentation", "/openapi");
        info.put("apiStatus", status);
        info.put(
                "description",
                "Systematic quality work in social services under SOSFS 2011:9: deviations, "
                        + "process registry, follow-up and reports.");
        return info;
    }
}
