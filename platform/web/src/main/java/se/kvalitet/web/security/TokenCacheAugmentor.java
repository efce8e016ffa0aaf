package se.kvalitet.web.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Stores the identity quarkus-oidc has just verified for a bearer token in {@link VerifiedTokenCache}.
 * Runs first among augmentors, so what is cached is the verified identity itself and other
 * augmentors run on every request, cached or not.
 */
@ApplicationScoped
public class TokenCacheAugmentor implements SecurityIdentityAugmentor {

    @Inject
    VerifiedTokenCache cache;

    @Override
    public int priority() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (cache.enabled()
                && !identity.isAnonymous()
                && identity.getAttribute(CachedBearerAuthenticationMechanism.FROM_CACHE) == null
                && identity.getPrincipal() instanceof JsonWebToken jwt
                && jwt.getRawToken() != null) {
            // the request that verified it must not be kept alive by the cache
            SecurityIdentity detached = QuarkusSecurityIdentity.builder(identity)
                    .addAttribute(RoutingContext.class.getName(), null)
                    .addAttribute(HttpSecurityUtils.ROUTING_CONTEXT_ATTRIBUTE, null)
                    .build();
            cache.put(jwt.getRawToken(), detached, jwt.getExpirationTime());
        }
        return Uni.createFrom().item(identity);
    }
}
