package se.kvalitet.web.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;

/**
 * Answers a request whose bearer token this process verified before straight from
 * {@link VerifiedTokenCache}, ahead of quarkus-oidc's mechanism. That mechanism, even when a later
 * identity provider answers from a cache, first builds an {@code AccessTokenCredential}, which
 * base64-decodes and JSON-parses the token's payload to see whether it is opaque: the largest single
 * cost left per request at the gateway (issue 7's token-cost profile). Here a hit costs one SHA-256
 * of the header value and a map lookup; a miss (or no bearer token) returns no identity, so
 * quarkus-oidc's mechanism runs exactly as without this class, verifies the token and, through
 * {@link TokenCacheAugmentor}, fills the cache. The hit still goes through the identity provider
 * manager, so every other augmentor runs on each request, cached or not.
 */
@ApplicationScoped
public class CachedBearerAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** Marks an identity that came from the cache, so the augmentor does not store it again. */
    static final String FROM_CACHE = "se.kvalitet.token-cache.hit";

    private static final String BEARER = "bearer ";

    @Inject
    VerifiedTokenCache cache;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext rc, IdentityProviderManager identityProviderManager) {
        if (!cache.enabled()) {
            return Uni.createFrom().optional(Optional.empty());
        }
        String header = rc.request().getHeader("Authorization");
        if (header == null
                || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Uni.createFrom().optional(Optional.empty());
        }
        Optional<SecurityIdentity> cached =
                cache.get(header.substring(BEARER.length()).strip());
        if (cached.isEmpty()) {
            return Uni.createFrom().optional(Optional.empty());
        }
        return identityProviderManager.authenticate(
                HttpSecurityUtils.setRoutingContextAttribute(new CachedIdentityRequest(cached.get()), rc));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        // no challenge of its own: quarkus-oidc's mechanism answers with its Bearer challenge
        return Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(CachedIdentityRequest.class);
    }

    @Override
    public int getPriority() {
        // before quarkus-oidc's mechanism (DEFAULT_PRIORITY + 1)
        return DEFAULT_PRIORITY + 100;
    }

    /** An identity found in the cache for this request's token. */
    public static final class CachedIdentityRequest extends BaseAuthenticationRequest {
        final SecurityIdentity identity;

        CachedIdentityRequest(SecurityIdentity identity) {
            this.identity = identity;
        }
    }

    /** Turns a cache hit into this request's identity: the cached one bound to this request's routing context. */
    @ApplicationScoped
    public static class CachedIdentityProvider implements IdentityProvider<CachedIdentityRequest> {

        @Override
        public Class<CachedIdentityRequest> getRequestType() {
            return CachedIdentityRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(CachedIdentityRequest request, AuthenticationRequestContext context) {
            RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
            QuarkusSecurityIdentity.Builder b =
                    QuarkusSecurityIdentity.builder(request.identity).addAttribute(FROM_CACHE, true);
            if (rc != null) {
                b.addAttribute(RoutingContext.class.getName(), rc);
                b.addAttribute(HttpSecurityUtils.ROUTING_CONTEXT_ATTRIBUTE, rc);
            }
            return Uni.createFrom().item(b.build());
        }
    }
}
