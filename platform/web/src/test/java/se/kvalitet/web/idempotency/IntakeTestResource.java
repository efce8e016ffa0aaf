package se.kvalitet.web.idempotency;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Test-only endpoints: a create that machine clients may call, and one that is not marked. */
@Path("/test/intake")
public class IntakeTestResource {

    static final AtomicInteger CREATED = new AtomicInteger();

    @POST
    @IdempotentCreate
    @RolesAllowed({"case-system", "reporter", "other-system"})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(@HeaderParam("Idempotency-Key") String key, Map<String, Object> body) {
        int n = CREATED.incrementAndGet();
        return Response.status(201)
                .entity(Map.of("n", n, "key", key == null ? "" : key))
                .build();
    }

    @POST
    @Path("unmarked")
    @RolesAllowed({"case-system", "reporter"})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response unmarked(Map<String, Object> body) {
        return Response.status(201)
                .entity(Map.of("n", CREATED.incrementAndGet()))
                .build();
    }
}
