package se.kvalitet.messaging;

import io.smallrye.reactive.messaging.ClientCustomizer;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Gives every Kafka consumer channel of a service the suite's group settings
 * ({@link ConsumerSettings}): a static member id {@code <instance-id>.<channel>} from
 * {@link MessagingInstance}, the session and heartbeat timing and cooperative assignment. A
 * channel's own settings win ({@code mp.messaging.incoming.<channel>.session.timeout.ms=...}).
 *
 * <p>A static member does not leave its group when it closes; on a clean shutdown this bean
 * removes the replica's members after the connector closed them, so the other replicas take the
 * partitions over at once (rolling updates, scale-in). A replica that is killed leaves nothing:
 * started again under the same id it takes its partitions straight back.
 *
 * <p>{@code mp.messaging.incoming.<channel>.kvalitet.previous-group-id=<group>} seeds a channel's
 * new consumer group with the committed offsets another group holds for the channel's topic, once,
 * while the new group has none: renaming a group (one group per topic) then resumes where the old
 * group stood instead of replaying the topic from {@code auto.offset.reset}.
 */
@ApplicationScoped
public class ConsumerMembership implements ClientCustomizer<Map<String, Object>> {

    /** Channel attribute naming the group whose offsets a new group starts from. */
    public static final String PREVIOUS_GROUP_ATTRIBUTE = "kvalitet.previous-group-id";

    private static final Logger LOG = Logger.getLogger(ConsumerMembership.class);

    /** A static member this replica runs, to remove from its group on a clean shutdown. */
    record StaticMember(String group, String instanceId, Map<String, Object> adminConfig) {}

    @Inject
    MessagingInstance instance;

    @ConfigProperty(name = "kvalitet.messaging.consumer.static-membership", defaultValue = "true")
    boolean staticMembership;

    @ConfigProperty(
            name = "kvalitet.messaging.consumer.session-timeout",
            defaultValue = ConsumerSettings.DEFAULT_SESSION_TIMEOUT)
    Duration sessionTimeout;

    @ConfigProperty(
            name = "kvalitet.messaging.consumer.heartbeat-interval",
            defaultValue = ConsumerSettings.DEFAULT_HEARTBEAT_INTERVAL)
    Duration heartbeatInterval;

    @ConfigProperty(name = "kvalitet.messaging.consumer.admin-timeout", defaultValue = "PT5S")
    Duration adminTimeout;

    private final Map<String, StaticMember> members = new ConcurrentHashMap<>();

    @Override
    public Map<String, Object> customize(String channel, Config channelConfig, Map<String, Object> config) {
        if (!config.containsKey(ConsumerConfig.GROUP_ID_CONFIG)
                || !config.containsKey(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG)) {
            return config; // a producer
        }
        Object previousGroup = config.remove(PREVIOUS_GROUP_ATTRIBUTE);
        ConsumerSettings.apply(
                config, staticMembership ? instance.id() + "." + channel : null, sessionTimeout, heartbeatInterval);
        if (channelConfig
                .getOptionalValue(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, String.class)
                .isEmpty()) {
            config.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, ConsumerSettings.RECONNECT_BACKOFF_MAX);
        }
        String group = config.get(ConsumerConfig.GROUP_ID_CONFIG).toString();
        Map<String, Object> admin = adminConfig(config, adminTimeout);
        if (previousGroup != null
                && !previousGroup.toString().isBlank()
                && !previousGroup.toString().equals(group)) {
            String topic = channelConfig.getOptionalValue("topic", String.class).orElse(channel);
            seedOffsets(admin, group, previousGroup.toString(), topic, adminTimeout);
        }
        Object member = config.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        if (member != null) {
            members.put(channel, new StaticMember(group, member.toString(), admin));
        }
        LOG.debugf("channel %s: group %s, member %s", channel, group, member == null ? "(dynamic)" : member);
        return config;
    }

    /** The static members this replica runs, by channel. */
    public Map<String, StaticMember> staticMembers() {
        return Map.copyOf(members);
    }

    /**
     * After the Kafka connector closed its consumers (its observer runs at priority 50): removes this
     * replica's static members from their groups, so their partitions move to the other replicas now
     * rather than after the session timeout.
     */
    void leaveGroups(
            @Observes(notifyObserver = Reception.IF_EXISTS) @Priority(100) @BeforeDestroyed(ApplicationScoped.class)
                    Object event) {
        for (StaticMember m : members.values()) {
            removeStaticMember(m.adminConfig(), m.group(), m.instanceId(), adminTimeout);
        }
        members.clear();
    }

    /** Removes a static member from its group; a member that is already gone is fine. */
    static void removeStaticMember(Map<String, Object> adminConfig, String group, String instanceId, Duration timeout) {
        try (Admin admin = Admin.create(adminConfig)) {
            admin.removeMembersFromConsumerGroup(
                            group, new RemoveMembersFromConsumerGroupOptions(List.of(new MemberToRemove(instanceId))))
                    .all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.infof("Left consumer group %s (member %s)", group, instanceId);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownMemberIdException) {
                LOG.debugf("member %s was not in group %s", instanceId, group);
            } else {
                LOG.warnf(
                        "Could not remove member %s from group %s (its partitions move after the session timeout): %s",
                        instanceId, group, e.getCause().toString());
            }
        } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
            LOG.warnf(
                    "Could not remove member %s from group %s (its partitions move after the session timeout): %s",
                    instanceId, group, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Copies the offsets {@code previousGroup} committed for {@code topic} to {@code group}, if
     * {@code group} has none for it yet; returns how many partitions were seeded. Failures are
     * logged: the group then starts from {@code auto.offset.reset}, and the inbox absorbs the replay.
     */
    static int seedOffsets(
            Map<String, Object> adminConfig, String group, String previousGroup, String topic, Duration timeout) {
        try (Admin admin = Admin.create(adminConfig)) {
            Map<TopicPartition, OffsetAndMetadata> current = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (current.keySet().stream().anyMatch(tp -> tp.topic().equals(topic))) {
                return 0;
            }
            Map<TopicPartition, OffsetAndMetadata> previous = admin
                    .listConsumerGroupOffsets(previousGroup)
                    .partitionsToOffsetAndMetadata()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .entrySet()
                    .stream()
                    .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .collect(Collectors.toMap(
                            Map.Entry::getKey,
                            e -> new OffsetAndMetadata(e.getValue().offset())));
            if (previous.isEmpty()) {
                return 0;
            }
            admin.alterConsumerGroupOffsets(group, previous).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.infof(
                    "Consumer group %s starts %s where group %s stood (%d partitions)",
                    group, topic, previousGroup, previous.size());
            return previous.size();
        } catch (ExecutionException e) {
            LOG.warnf(
                    "Could not seed group %s from %s for %s (it starts from auto.offset.reset): %s",
                    group, previousGroup, topic, e.getCause().toString());
        } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
            LOG.warnf(
                    "Could not seed group %s from %s for %s (it starts from auto.offset.reset): %s",
                    group, previousGroup, topic, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** The admin client's share of a consumer's settings (servers, security), with short timeouts. */
    static Map<String, Object> adminConfig(Map<String, Object> consumerConfig, Duration timeout) {
        Map<String, Object> admin = new HashMap<>();
        consumerConfig.forEach((k, v) -> {
            if (v != null
                    && (AdminClientConfig.configNames().contains(k) || k.startsWith("sasl.") || k.startsWith("ssl."))) {
                admin.put(k, v.toString());
            }
        });
        admin.remove(AdminClientConfig.CLIENT_ID_CONFIG);
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        return admin;
    }
}
