package se.kvalitet.orgcopy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * process-registry-service's org-unit read, as {@link OrgUnitLookup} uses it: every version of a unit
 * ({@code GET /registry/v1/org-units/{id}/history}, 404 for no such unit), asked with the caller's own
 * token. Base URL: {@code quarkus.rest-client.process-registry.url}.
 */
@RegisterRestClient(configKey = "process-registry")
@Path("/registry/v1/org-units")
public interface RegistryOrgUnitsClient {

    @GET
    @Path("{id}/history")
    @Produces(MediaType.APPLICATION_JSON)
    List<Version> history(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    /**
     * One version of a unit as the registry's {@code OrgUnitResponse} documents it: the same facts as the
     * {@code OrgUnitChangedV1} snapshot it published for that version ({@code changedAt} its recording time).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Version(
            UUID id,
            String code,
            String name,
            String type,
            UUID parentId,
            boolean active,
            LocalDate validFrom,
            String change,
            List<UUID> relatedOrgUnitIds,
            Instant changedAt) {}
}
