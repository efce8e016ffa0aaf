package se.kvalitet.registry.migration;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.util.List;
import java.util.Set;
import org.jose4j.jwt.JwtClaims;
import se.kvalitet.registry.access.Roles;

/**
 * Who a migrated document version's steps are done as: the importer (subject, username and client of the token
 * that posted the file, so {@code createdBy}/{@code approvedBy} name who moved the history in), with the
 * powers the steps need (the quality team's) for the replay only. The importer's token itself grants nothing but
 * the import. Each {@link #run} gets a request context of its
 * own, as a request would.
 */
record ImportIdentity(String subject, String username, String clientId) {

    private static final Set<String> REPLAY_ROLES = Set.of(Roles.QUALITY_TEAM);

    void run(Runnable work) {
        ManagedContext requestContext = Arc.container().requestContext();
        requestContext.activate();
        try {
            JwtClaims claims = new JwtClaims();
            claims.setSubject(subject);
            claims.setClaim("preferred_username", username);
            if (clientId != null) {
                claims.setClaim("azp", clientId);
            }
            claims.setStringListClaim("org_units", List.of());
            QuarkusSecurityIdentity identity = QuarkusSecurityIdentity.builder()
                    .setPrincipal(new OidcJwtCallerPrincipal(claims, new AccessTokenCredential("migration-import")))
                    .addRoles(REPLAY_ROLES)
                    .build();
            Arc.container().instance(CurrentIdentityAssociation.class).get().setIdentity(identity);
            work.run();
        } finally {
            requestContext.terminate();
        }
    }
}
