package se.kvalitet.web.openapi;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Test-only: a small versioned API for the contract filter (list, get, create, action, update, a named operation). */
@Path("/contract/v1/quality-activities")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("reporter")
public class ContractTestResource {

    public record Thing(String id, String title, String closedAt) {}

    @GET
    public List<Thing> list(@QueryParam("updatedSince") String updatedSince) {
        return List.of(new Thing("1", "Ett", null));
    }

    @GET
    @Path("{id}")
    public Thing get(@PathParam("id") String id) {
        return new Thing(id, "Ett", null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(
            responseCode = "409",
            description = "Already there",
            content = @Content(mediaType = "application/json"))
    public Thing create(Thing thing) {
        return thing;
    }

    @POST
    @Path("{id}/close")
    public Thing close(@PathParam("id") String id) {
        return new Thing(id, "Ett", "2026-01-01T00:00:00Z");
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Thing update(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, Thing thing) {
        return thing;
    }

    @GET
    @Path("{id}/history")
    @Operation(operationId = "readThingHistory", summary = "A name the resource chose")
    public List<Thing> history(@PathParam("id") String id) {
        return List.of();
    }

    @GET
    @Path("{id}/log")
    @Operation(summary = "The old name of the history", deprecated = true)
    @DeprecatedOperation(
            since = "2026-12-05",
            sunset = "2027-06-30",
            successor = "/contract/v1/quality-activities/{id}/history")
    public List<Thing> log(@PathParam("id") String id) {
        return List.of();
    }
}
