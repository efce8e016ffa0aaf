package se.kvalitet.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** The gateway is ready when every service behind it is: each service's readiness, with its circuit's state. */
@Readiness
@ApplicationScoped
public class DownstreamHealth implements HealthCheck {

    @Inject
    ProxyRoutes routes;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b =
                HealthCheckResponse.named("downstream-services").up();
        for (ProxyRoutes.Downstream d : routes.downstreams().values()) {
            String state;
            try {
                HttpResponse<Void> r = http.send(
                        HttpRequest.newBuilder(
                                        URI.create(d.route().url() + d.route().healthPath()))
                                .timeout(Duration.ofSeconds(3))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                state = r.statusCode() == 200 ? "UP" : "DOWN (status " + r.statusCode() + ")";
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                state = "DOWN (" + e.getClass().getSimpleName() + ")";
            }
            if (!state.equals("UP")) {
                b.down();
            }
            b.withData(d.name(), state + ", circuit " + d.circuit().state());
        }
        return b.build();
    }
}
