package se.kvalitet.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.kvalitet.testing.KafkaBroker;

/** The consumer settings every channel gets, offset seeding for renamed groups, and leaving on a clean shutdown, against a real broker. */
class ConsumerMembershipTest {

    static KafkaBroker kafka;

    @BeforeAll
    static void start() {
        kafka = KafkaBroker.start(0, null);
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    private static ConsumerMembership membership(String instanceId) {
        ConsumerMembership m = new ConsumerMembership();
        m.instance = new MessagingInstance();
        m.instance.configured = Optional.of(instanceId);
        m.instance.init();
        m.staticMembership = true;
        m.sessionTimeout = Duration.parse(ConsumerSettings.DEFAULT_SESSION_TIMEOUT);
        m.heartbeatInterval = Duration.parse(ConsumerSettings.DEFAULT_HEARTBEAT_INTERVAL);
        m.adminTimeout = Duration.ofSeconds(5);
        return m;
    }

    private static Config channelConfig(Map<String, String> values) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(values, "channel", 100))
                .build();
    }

    private static Map<String, Object> consumerMap(String group) {
        Map<String, Object> map = new HashMap<>();
        map.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        map.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        map.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        map.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "10000"); // SmallRye's default
        return map;
    }

    @Test
    void everyConsumerChannelGetsAStaticMemberIdAndTheSuitesTimingWhileItsOwnSettingsWin() {
        ConsumerMembership m = membership("pod-7-8084");
        Map<String, Object> consumer = m.customize(
                "deviation-events",
                channelConfig(Map.of("topic", "kvalitet.deviation.events")),
                consumerMap("report-service.deviation-events"));
        assertThat(consumer)
                .containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "pod-7-8084.deviation-events")
                .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "20000")
                .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "3000")
                .containsEntry(
                        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName())
                .containsEntry(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "2000");
        assertThat(m.staticMembers()).containsKey("deviation-events");

        Map<String, Object> own = consumerMap("g");
        own.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "45000");
        own.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "5000");
        m.customize("other", channelConfig(Map.of(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "5000")), own);
        assertThat(own)
                .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "45000")
                .containsEntry(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "5000");

        Map<String, Object> producer = new HashMap<>(Map.of(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, "x"));
        assertThat(m.customize("out", channelConfig(Map.of()), producer))
                .isEqualTo(Map.of(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, "x"));

        ConsumerMembership dynamic = membership("pod-7-8084");
        dynamic.staticMembership = false;
        Map<String, Object> plain = dynamic.customize("deviation-events", channelConfig(Map.of()), consumerMap("g"));
        assertThat(plain).doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        assertThat(dynamic.staticMembers()).isEmpty();
    }

    @Test
    void aRenamedGroupStartsWhereThePreviousGroupStoodOnceAndTheAttributeNeverReachesKafka() throws Exception {
        String topic = "membership.seed." + UUID.randomUUID();
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        produce(topic, 12);
        String previous = "svc-" + UUID.randomUUID();
        Map<TopicPartition, OffsetAndMetadata> committed = consumeAndCommit(topic, previous, 12);
        assertThat(committed).hasSize(3);

        String renamed = previous + ".deviation-events";
        Map<String, Object> config = consumerMap(renamed);
        config.put(ConsumerMembership.PREVIOUS_GROUP_ATTRIBUTE, previous);
        membership("seed").customize("deviation-events", channelConfig(Map.of("topic", topic)), config);
        assertThat(config).doesNotContainKey(ConsumerMembership.PREVIOUS_GROUP_ATTRIBUTE);
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> seeded = admin.listConsumerGroupOffsets(renamed)
                    .partitionsToOffsetAndMetadata()
                    .get();
            assertThat(seeded.keySet()).isEqualTo(committed.keySet());
            committed.forEach((tp, o) ->
                    assertThat(seeded.get(tp).offset()).as(tp.toString()).isEqualTo(o.offset()));
        }
        // once the renamed group has offsets of its own, the previous group's are not copied again
        produce(topic, 3);
        consumeAndCommit(topic, previous, 3);
        assertThat(ConsumerMembership.seedOffsets(
                        ConsumerMembership.adminConfig(consumerMap(renamed), Duration.ofSeconds(5)),
                        renamed,
                        previous,
                        topic,
                        Duration.ofSeconds(5)))
                .isZero();
    }

    @Test
    void aStaticMemberThatClosedIsRemovedFromItsGroupSoItsPartitionsMoveAtOnce() throws Exception {
        String topic = "membership.leave." + UUID.randomUUID();
        String group = "leave-" + UUID.randomUUID();
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
        Map<String, Object> config = consumerMap(group);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        ConsumerSettings.applyDefaults(config, "replica-a.channel");
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(config)) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (c.assignment().isEmpty() && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(100));
            }
            assertThat(c.assignment()).hasSize(2);
            // closing as the connector does: a static member stays in the group
            c.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
        assertThat(members(group))
                .extracting(m -> m.groupInstanceId().orElse(null))
                .containsExactly("replica-a.channel");

        ConsumerMembership.removeStaticMember(
                ConsumerMembership.adminConfig(config, Duration.ofSeconds(5)),
                group,
                "replica-a.channel",
                Duration.ofSeconds(5));
        assertThat(members(group)).isEmpty();
        // removing a member that is gone already is harmless
        ConsumerMembership.removeStaticMember(
                ConsumerMembership.adminConfig(config, Duration.ofSeconds(5)),
                group,
                "replica-a.channel",
                Duration.ofSeconds(5));
    }

    private static List<MemberDescription> members(String group) throws Exception {
        try (Admin admin = admin()) {
            ConsumerGroupDescription d =
                    admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            return List.copyOf(d.members());
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    private static void produce(String topic, int n) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < n; i++) {
                producer.send(new ProducerRecord<>(topic, i % 3, "k" + i, "v"));
            }
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> consumeAndCommit(String topic, String group, int n)
            throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        int seen = 0;
        try (KafkaConsumer<String, String> c =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (seen < n && System.nanoTime() < deadline) {
                seen += c.poll(Duration.ofMillis(100)).count();
            }
            c.commitSync();
        }
        assertThat(seen).isEqualTo(n);
        try (Admin admin = admin()) {
            return admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get();
        }
    }
}
