package se.kvalitet.deviation.demo;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jose4j.jwt.JwtClaims;

/**
 * A demo user (invented; the demo realm's usernames) for replaying demo history through the
 * services, which read who acts from the token as always. Each {@link #run} gets a request context
 * of its own, as a real request would.
 */
record DemoIdentity(String subject, String username, Set<String> roles, List<UUID> orgUnits) {

    void run(Runnable work) {
        ManagedContext requestContext = Arc.container().requestContext();
        requestContext.activate();
        try {
            JwtClaims claims = new JwtClaims();
            claims.setSubject(subject);
            claims.setClaim("preferred_username", username);
            claims.setClaim("azp", "demo-data");
            claims.setStringListClaim(
                    "org_units", orgUnits.stream().map(UUID::toString).toList());
            QuarkusSecurityIdentity identity = QuarkusSecurityIdentity.builder()
                    .setPrincipal(new OidcJwtCallerPrincipal(claims, new AccessTokenCredential("demo-data")))
                    .addRoles(roles)
                    .build();
            Arc.container().instance(CurrentIdentityAssociation.class).get().setIdentity(identity);
            work.run();
        } finally {
            requestContext.terminate();
        }
    }
}
