package se.kvalitet.web;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, from the validated access token: subject, username, realm roles and the org
 * units the person may act for (claim {@value #ORG_UNITS_CLAIM}, from a Keycloak user attribute).
 */
@RequestScoped
public class Caller {

    public static final String ORG_UNITS_CLAIM = "org_units";

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken jwt;

    public boolean isAuthenticated() {
        return !identity.isAnonymous();
    }

    /** Stable id of the person or machine client (the token's {@code sub}). */
    public String subject() {
        return jwt.getSubject();
    }

    public String username() {
        String name = jwt.getClaim("preferred_username");
        return name != null ? name : jwt.getSubject();
    }

    /** The client the token was issued to ({@code azp}). */
    public String clientId() {
        Object azp = jwt.getClaim("azp");
        return azp == null ? null : azp.toString();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    public boolean hasAnyRole(String... roles) {
        for (String r : roles) {
            if (identity.hasRole(r)) {
                return true;
            }
        }
        return false;
    }

    public Set<String> roles() {
        return identity.getRoles();
    }

    /** The org units in the token; entries that are not UUIDs are ignored. */
    public Set<UUID> orgUnits() {
        Object claim = jwt.getClaim(ORG_UNITS_CLAIM);
        Set<UUID> units = new LinkedHashSet<>();
        if (claim instanceof JsonArray array) {
            for (var v : array) {
                if (v instanceof JsonString s) {
                    parse(s.getString(), units);
                }
            }
        } else if (claim instanceof Collection<?> c) {
            c.forEach(v -> parse(String.valueOf(v), units));
        } else if (claim instanceof JsonString s) {
            parse(s.getString(), units);
        } else if (claim instanceof String s) {
            parse(s, units);
        }
        return units;
    }

    private static void parse(String value, Set<UUID> into) {
        try {
            into.add(UUID.fromString(value.strip()));
        } catch (IllegalArgumentException ignored) {
            // not an org unit id; a misconfigured attribute must not widen access
        }
    }
}
