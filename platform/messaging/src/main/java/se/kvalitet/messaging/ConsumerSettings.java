package se.kvalitet.messaging;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;

/**
 * The group settings every consumer of the suite runs with, in one place for the services (through
 * {@link ConsumerMembership}) and the restart benchmark.
 *
 * <ul>
 * <li><b>Static membership</b> ({@code group.instance.id}): a replica that restarts (SIGKILL,
 * OOM, container restart) rejoins under the same id and gets its partitions back at once, without
 * a rebalance and without waiting for its old session to expire. Without it the group waits for
 * the dead member's session timeout before anyone gets its partitions (the 45 s stall of issue 18).
 * <li><b>Session timeout 20 s, heartbeat every 3 s</b>: how long the partitions of a replica that
 * died and does not come back stay unassigned (Kafka's default is 45 s). Shorter would hand them on
 * sooner but risks expelling a live replica that stalls (GC, a frozen broker) and the rebalance
 * that follows.
 * <li><b>Cooperative sticky assignment</b>: in a rebalance the other replicas keep consuming the
 * partitions they keep; only moved partitions pause.
 * <li><b>Reconnect backoff at most 2 s</b> (SmallRye's default is 10 s): consumers are back soon
 * after a broker restart.
 * </ul>
 */
public final class ConsumerSettings {

    public static final String DEFAULT_SESSION_TIMEOUT = "PT20S";
    public static final String DEFAULT_HEARTBEAT_INTERVAL = "PT3S";
    public static final String RECONNECT_BACKOFF_MAX = "2000";

    private ConsumerSettings() {}

    /**
     * Adds the suite's group settings to a consumer configuration, keeping whatever it sets itself.
     *
     * @param instanceId the static member id, or null for dynamic membership
     */
    public static void apply(
            Map<String, Object> config, String instanceId, Duration sessionTimeout, Duration heartbeatInterval) {
        if (instanceId != null) {
            config.putIfAbsent(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
        }
        config.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(sessionTimeout.toMillis()));
        config.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Long.toString(heartbeatInterval.toMillis()));
        config.putIfAbsent(
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
    }

    /** The settings with the defaults above, as the benchmark applies them to a plain consumer. */
    public static void applyDefaults(Map<String, Object> config, String instanceId) {
        apply(config, instanceId, Duration.parse(DEFAULT_SESSION_TIMEOUT), Duration.parse(DEFAULT_HEARTBEAT_INTERVAL));
        config.putIfAbsent(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, RECONNECT_BACKOFF_MAX);
    }
}
