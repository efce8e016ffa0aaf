package se.kvalitet.web.security;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** A test-only resource that shows which identity a request got and whether it came from the cache. */
@Path("/test/whoami")
public class WhoAmIResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken jwt;

    @GET
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> whoami() {
        return Map.of(
                "name",
                identity.getPrincipal().getName(),
                "subject",
                jwt.getSubject(),
                "roles",
                new TreeSet<>(identity.getRoles()),
                "cached",
                identity.getAttribute(CachedBearerAuthenticationMechanism.FROM_CACHE) != null);
    }

    @GET
    @Path("quality")
    @RolesAllowed("quality-team")
    @Produces(MediaType.TEXT_PLAIN)
    public String qualityOnly() {
        return "ok";
    }
}
