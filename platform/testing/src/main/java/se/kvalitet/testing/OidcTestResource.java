package se.kvalitet.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts the {@link OidcServer} and points quarkus-oidc at it; sign tokens with {@link TestTokens}. */
public class OidcTestResource implements QuarkusTestResourceLifecycleManager {

    private static OidcServer server;

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            server = OidcServer.start();
            TestTokens.publish(server);
        }
        return Map.of("quarkus.oidc.auth-server-url", server.issuer());
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
