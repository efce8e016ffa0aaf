package se.kvalitet.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** The gateway's configuration: {@code kvalitet.gateway.*} (see README). */
@ConfigMapping(prefix = "kvalitet.gateway")
public interface GatewayConfig {

    /** The route table: name → downstream service. */
    Map<String, Route> routes();

    RateLimit rateLimit();

    CircuitBreaker circuitBreaker();

    /** Largest request body passed on; larger ones are a 413 problem. */
    @WithDefault("10485760")
    long maxBodyBytes();

    /** How long the merged OpenAPI document is kept before the services are asked again. */
    @WithDefault("PT30S")
    Duration openapiCacheFor();

    interface Route {
        /** Path prefix, e.g. {@code /deviation/}; every path under it goes to {@link #url()}. */
        String prefix();

        /** The service's base URL, e.g. {@code http://127.0.0.1:8081}. */
        String url();

        /** Longest wait for the service's response to start (idle time while waiting) before a 504 problem. */
        @WithDefault("PT30S")
        Duration timeout();

        /** Longest wait for a connection to the service. */
        @WithDefault("PT2S")
        Duration connectTimeout();

        @WithDefault("/q/openapi?format=json")
        String openapiPath();

        @WithDefault("/q/health/ready")
        String healthPath();
    }

    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /** Burst a caller may send at once (token bucket size). */
        @WithDefault("200")
        int capacity();

        /** Sustained requests per second per caller. */
        @WithDefault("100")
        double refillPerSecond();
    }

    interface CircuitBreaker {
        /** Consecutive failures (connection refused, timeout, 5xx from the gateway's view) that open the circuit. */
        @WithDefault("5")
        int failureThreshold();

        /** How long an open circuit answers 503 at once before one trial request is let through. */
        @WithDefault("PT10S")
        Duration openFor();
    }
}
