package se.kvalitet.web.security;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Answers a bearer-token authentication from {@link VerifiedTokenCache} when the same token was
 * verified before; otherwise returns no identity, so Quarkus asks the next provider (quarkus-oidc's,
 * which verifies the token and, through {@link TokenCacheAugmentor}, fills the cache).
 */
@ApplicationScoped
public class CachedTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    /** Marks an identity that came from the cache, so the augmentor does not store it again. */
    static final String FROM_CACHE = "se.kvalitet.token-cache.hit";

    @Inject
    VerifiedTokenCache cache;

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        // before quarkus-oidc's provider (IdentityProvider.SYSTEM_FIRST + 1), which fails rather than passes on
        return SYSTEM_FIRST + 100;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!(request.getToken() instanceof AccessTokenCredential credential)) {
            return Uni.createFrom().nullItem();
        }
        return cache.get(credential.getToken())
                .map(cached -> Uni.createFrom().item(forThisRequest(cached, request)))
                .orElseGet(() -> Uni.createFrom().nullItem());
    }

    /** The cached identity with this request's routing context instead of the one it was verified in. */
    private static SecurityIdentity forThisRequest(SecurityIdentity cached, TokenAuthenticationRequest request) {
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
        QuarkusSecurityIdentity.Builder b = QuarkusSecurityIdentity.builder(cached).addAttribute(FROM_CACHE, true);
        if (rc != null) {
            b.addAttribute(RoutingContext.class.getName(), rc);
            b.addAttribute(HttpSecurityUtils.ROUTING_CONTEXT_ATTRIBUTE, rc);
        }
        return b.build();
    }
}
