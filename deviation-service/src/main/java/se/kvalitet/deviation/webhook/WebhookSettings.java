package se.kvalitet.deviation.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Webhooks (issue 19 item 2): who the suite says it is, what it may call, how it retries. */
@ConfigMapping(prefix = "kvalitet.webhooks")
public interface WebhookSettings {

    /**
     * The origin the suite names in the CloudEvents validation handshake ({@code WebHook-Request-Origin}) and on
     * every delivery: the host name of the installation, as receivers allow it.
     */
    @WithDefault("kvalitet.localhost")
    String origin();

    /** Where a delivery's {@code dataref} points: the gateway's public address. */
    @WithDefault("http://127.0.0.1:8080")
    String publicBaseUrl();

    /**
     * Hosts a subscription may name with plain {@code http} (a receiver on the same machine in the local stack and
     * the tests); every other target must be {@code https}.
     */
    @WithDefault("localhost,127.0.0.1")
    List<String> plainHttpHosts();

    /**
     * Hosts a subscription may name although they resolve to an address inside the installation's network (loopback,
     * private, link-local, unique-local, carrier-grade NAT): a case-management system on the municipality's own
     * network, or a receiver on the same machine in the local stack and the tests. Every other target that resolves
     * to such an address is refused ({@link WebhookTargets}). None by default.
     */
    Optional<List<String>> internalHosts();

    /** Attempts per delivery before it goes to the subscription's dead-letter list. */
    @WithDefault("10")
    int maxAttempts();

    /** Wait after the first failed attempt; doubled after each further one up to {@link #maxBackoff()}. */
    @WithDefault("PT10S")
    Duration firstBackoff();

    @WithDefault("PT1H")
    Duration maxBackoff();

    /** How long one attempt may take (connect, send, answer). */
    @WithDefault("PT10S")
    Duration timeout();

    /** A claimed delivery is left alone by other replicas this long (longer than {@link #timeout()}). */
    @WithDefault("PT60S")
    Duration lease();

    /** Deliveries sent per dispatcher pass. */
    @WithDefault("50")
    int batchSize();

    /**
     * How often the dispatcher looks for due retries (a new delivery is sent at once); read by its
     * {@code @Scheduled} expression.
     */
    @WithDefault("1s")
    String pollInterval();

    /**
     * How long a delivered delivery is kept (its row in the subscription's list of deliveries) before the hourly purge
     * removes it. Dead-lettered deliveries stay until the client replays them or deletes the subscription: they are
     * the client's to act on.
     */
    @WithDefault("P30D")
    Duration deliveredRetention();

    /** Rows the purge removes per statement (it repeats until none are left). */
    @WithDefault("1000")
    int purgeBatchSize();

    /** Active subscriptions per machine client. */
    @WithDefault("20")
    int maxSubscriptionsPerClient();
}
