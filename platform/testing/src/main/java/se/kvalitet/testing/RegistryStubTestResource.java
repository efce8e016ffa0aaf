package se.kvalitet.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts the {@link RegistryStub} and points the service's REST client for process-registry-service
 * ({@code quarkus.rest-client.process-registry.url}, platform/orgcopy's look-up of a unit the copy does
 * not know yet) at it.
 */
public class RegistryStubTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.rest-client.process-registry.url", RegistryStub.start());
    }

    @Override
    public void stop() {
        RegistryStub.stop();
    }
}
