package se.kvalitet.gateway;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The gateway's configuration: {@code kvalitet.gateway.*} (see README). */
@ConfigMapping(prefix = "kvalitet.gateway")
public interface GatewayConfig {

    /** The route table: name → downstream service. */
    Map<String, Route> routes();

    RateLimit rateLimit();

    CircuitBreaker circuitBreaker();

    Connections connections();

    /**
     * Largest request body of a route that names no {@code max-body-size} of its own, and of the
     * gateway's own resources; larger bodies are a 413 problem.
     */
    @WithDefault("10485760")
    long maxBodyBytes();

    /**
     * The address clients use to reach the gateway, e.g. {@code https://kvalitet.example.se}; a
     * {@code Location} or {@code Content-Location} that points at a service is rewritten to it.
     * Unset: taken from each request ({@code X-Forwarded-Proto}/{@code X-Forwarded-Host} as they
     * reach the gateway, else its own scheme and {@code Host}).
     */
    Optional<String> publicBaseUrl();

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

        /** Longest wait for a connection to the service (including a wait for a free pooled one). */
        @WithDefault("PT2S")
        Duration connectTimeout();

        /**
         * Largest request body this route passes on (declared or chunked, counted while it streams);
         * set it to the service's own {@code quarkus.http.limits.max-body-size}. Unset: {@link #maxBodyBytes()}.
         */
        Optional<MemorySize> maxBodySize();

        @WithDefault("/q/openapi?format=json")
        String openapiPath();

        @WithDefault("/q/health/ready")
        String healthPath();
    }

    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /** Burst a caller (token client and subject) may send at once. */
        @WithDefault("200")
        int capacity();

        /** Sustained requests per second per caller. */
        @WithDefault("100")
        int refillPerSecond();

        /** Burst of requests without a valid token (none, or one that fails verification) per client address. */
        @WithDefault("20")
        int anonymousCapacity();

        /** Sustained requests per minute without a valid token per client address. */
        @WithDefault("300")
        int anonymousRefillPerMinute();
    }

    interface CircuitBreaker {
        /** Failures (no connection, timeout, 502/503/504 from the service) within 10 s that open the circuit. */
        @WithDefault("5")
        int failureThreshold();

        /** How long an open circuit answers 503 at once before the service's readiness is probed. */
        @WithDefault("PT2S")
        Duration openFor();

        /** While the readiness probe fails, how often it is repeated (the circuit closes on the first UP). */
        @WithDefault("PT0.5S")
        Duration probeInterval();
    }

    interface Connections {
        /**
         * A client connection must deliver a complete request head (request line and headers) within
         * this time of its first byte; otherwise it is closed (slow-header attacks).
         */
        @WithDefault("PT10S")
        Duration requestHeadTimeout();

        /** An idle client connection (between requests, or before the first byte) is closed after this. */
        @WithDefault("PT60S")
        Duration clientIdleTimeout();

        /**
         * How long the gateway keeps an idle pooled connection to a service; keep it shorter than the
         * services' own idle timeout ({@code quarkus.http.idle-timeout}, 30 min by default) so the
         * gateway, not the service, closes it and no request is sent on a connection being closed.
         */
        @WithDefault("PT20S")
        Duration serviceKeepAlive();

        /** Pooled connections per service. */
        @WithDefault("64")
        int maxPoolSize();
    }
}
