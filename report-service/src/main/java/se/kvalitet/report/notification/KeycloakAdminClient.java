package se.kvalitet.report.notification;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
 * The Keycloak admin call the directory sync makes (Quarkus REST client, built by {@link KeycloakDirectory} against
 * the Keycloak the service's tokens come from, with a token of the sync's own confidential client from
 * quarkus-oidc-client): the members of one realm role ({@code GET /admin/realms/{realm}/roles/{role}/users}, paged, full
 * representation: username, e-mail, enabled, attributes), and the groups the role is mapped to with their subgroups'
 * members (a role given through a group, as a federated AD's groups are usually mapped). Built with the address the directory works out
 * ({@code QuarkusRestClientBuilder}); the annotation keeps it out of the service's OpenAPI document, like every REST
 * client of the suite.
 */
@RegisterRestClient(configKey = "keycloak-directory")
@Path("/")
public interface KeycloakAdminClient {

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

    /** The groups a realm role is mapped to (their members, and their subgroups' members, hold the role). */
    @GET
    @Path("admin/realms/{realm}/roles/{role}/groups")
    @Produces(MediaType.APPLICATION_JSON)
    List<Group> roleGroups(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("realm") String realm,
            @PathParam("role") String role,
            @QueryParam("first") int first,
            @QueryParam("max") int max);

    /** A group's direct subgroups (Keycloak 23 and later). */
    @GET
    @Path("admin/realms/{realm}/groups/{group}/children")
    @Produces(MediaType.APPLICATION_JSON)
    List<Group> subGroups(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("realm") String realm,
            @PathParam("group") String group,
            @QueryParam("first") int first,
            @QueryParam("max") int max);

    /** A group's direct members, full representation. */
    @GET
    @Path("admin/realms/{realm}/groups/{group}/members")
    @Produces(MediaType.APPLICATION_JSON)
    List<User> groupMembers(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("realm") String realm,
            @PathParam("group") String group,
            @QueryParam("briefRepresentation") boolean briefRepresentation,
            @QueryParam("first") int first,
            @QueryParam("max") int max);

    /** A group as the admin API gives it (its id is all the sync needs). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Group(String id) {}

    /** A user as the admin API's full representation gives it (the fields the sync reads). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record User(String username, String email, Boolean enabled, Map<String, List<String>> attributes) {}
}
