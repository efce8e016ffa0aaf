package se.kvalitet.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only once the issuer's signing keys are known not to include the demo key (or the check is off). */
@Readiness
@ApplicationScoped
public class SigningKeyReadiness implements HealthCheck {

    public static final String NAME = "issuer-signing-keys";

    @Inject
    DemoSigningKeyGuard guard;

    @Override
    public HealthCheckResponse call() {
        DemoSigningKeyGuard.State state = guard.state();
        HealthCheckResponseBuilder b = HealthCheckResponse.named(NAME)
                .status(state == DemoSigningKeyGuard.State.VERIFIED || state == DemoSigningKeyGuard.State.DISABLED)
                .withData("state", state.name());
        guard.issuer().ifPresent(i -> b.withData("issuer", i));
        guard.lastProblem().ifPresent(p -> b.withData("problem", p));
        return b.build();
    }
}
