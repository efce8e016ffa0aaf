package se.kvalitet.report.notification;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The two Keycloak calls the directory sync makes (Quarkus REST client, built by {@link KeycloakDirectory} against
 * the Keycloak the service's tokens come from): a client-credentials token for the sync's own confidential client,
 * and the members of one realm role ({@code GET /admin/realms/{realm}/roles/{role}/users}, paged, full
 * representation: username, e-mail, enabled, attributes). Built with the address the directory works out
 * ({@code QuarkusRestClientBuilder}); the annotation keeps it out of the service's OpenAPI document, like every REST
 * client of the suite.
 */
@RegisterRestClient(configKey = "keycloak-directory")
@Path("/")
public interface KeycloakAdminClient {

    @POST
    @Path("realms/{realm}/protocol/openid-connect/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    Token token(
            @PathParam("realm") String realm,
            @FormParam("grant_type") String grantType,
            @FormParam("client_id") String clientId,
            @FormParam("client_secret") String clientSecret);

    @GET
    @Path("admin/realms/{realm}/roles/{role}/users")
    @Produces(MediaType.APPLICATION_JSON)
    List<User> roleMembers(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("realm") String realm,
            @PathParam("role") String role,
            @QueryParam("briefRepresentation") boolean briefRepresentation,
            @QueryParam("first") int first,
            @QueryParam("max") int max);

    /** The token answer (only the access token is used; one per run, it outlives the run). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Token(@JsonProperty("access_token") String accessToken) {}

    /** A user as the admin API's full representation gives it (the fields the sync reads). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record User(String username, String email, Boolean enabled, Map<String, List<String>> attributes) {}
}
