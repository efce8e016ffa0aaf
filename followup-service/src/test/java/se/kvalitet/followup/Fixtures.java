package se.kvalitet.followup;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import se.kvalitet.events.DomainEvent;
import se.kvalitet.events.EventCodec;
import se.kvalitet.events.EventEnvelope;
import se.kvalitet.events.Topics;
import se.kvalitet.events.registry.OrgUnitChangedV1;
import se.kvalitet.testing.TestTokens;

/** Tokens, a fresh organisation per test (through the registry's real events), events in and SQL, shared by the tests. */
public final class Fixtures {

    private Fixtures() {}

    public static String karin() {
        return TestTokens.user("karin").roles("quality-team", "reporter").bearer();
    }

    public static String anna() {
        return TestTokens.user("anna").roles("reporter").bearer();
    }

    public static String viewer() {
        return TestTokens.user("bo").roles("viewer").bearer();
    }

    public static String bi() {
        return TestTokens.client("bi-reader").roles("bi-reader").bearer();
    }

    public static String manager(UUID unit) {
        return TestTokens.user("erik")
                .roles("unit-manager", "reporter")
                .orgUnits(unit)
                .bearer();
    }

    /** An organisation: board → department A (units A1, A2) and department B (unit B1). */
    public record Org(UUID board, UUID deptA, UUID a1, UUID a2, UUID deptB, UUID b1) {}

    public static Org org() {
        Org o = new Org(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID());
        String tag = o.board().toString().substring(0, 8);
        LocalDate from = LocalDate.of(2020, 1, 1);
        sendAll(
                Topics.REGISTRY,
                List.of(
                        unit(o.board(), null, "Nämnd " + tag, "BOARD", from),
                                unit(o.deptA(), o.board(), "Avdelning A " + tag, "DEPARTMENT", from),
                        unit(o.a1(), o.deptA(), "Enhet A1 " + tag, "UNIT", from),
                                unit(o.a2(), o.deptA(), "Enhet A2 " + tag, "UNIT", from),
                        unit(o.deptB(), o.board(), "Avdelning B " + tag, "DEPARTMENT", from),
                                unit(o.b1(), o.deptB(), "Enhet B1 " + tag, "UNIT", from)));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> count("SELECT count(DISTINCT org_unit_id) FROM orgcopy_version WHERE org_unit_id IN ('"
                                + o.board() + "','" + o.deptA() + "','" + o.a1() + "','" + o.a2() + "','" + o.deptB()
                                + "','" + o.b1() + "')")
                        == 6);
        return o;
    }

    static OrgUnitChangedV1 unit(UUID id, UUID parent, String name, String type, LocalDate from) {
        return new OrgUnitChangedV1(id, null, name, type, parent, from, true, "CREATED", List.of(), Instant.now());
    }

    public static EventEnvelope envelope(DomainEvent e) {
        return EventCodec.envelope(e, URI.create("/kvalitet/test"), Instant.now(), null);
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", System.getProperty("kvalitet.test.kafka.bootstrap-servers"));
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** Publishes each event as its producer would (CloudEvents binary mode, key = aggregate id); returns the envelopes. */
    public static List<EventEnvelope> sendAll(String topic, List<? extends DomainEvent> events) {
        List<EventEnvelope> envs = events.stream().map(Fixtures::envelope).toList();
        sendEnvelopes(topic, envs);
        return envs;
    }

    public static void sendEnvelopes(String topic, List<EventEnvelope> envs) {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (EventEnvelope env : envs) {
                producer.send(new ProducerRecord<>(topic, null, env.subject(), env.data(), EventCodec.headers(env)))
                        .get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Connection db() throws SQLException {
        return DriverManager.getConnection(System.getProperty("kvalitet.test.jdbc-url"), "postgres", "postgres");
    }

    public static long count(String sql, Object... params) {
        try (Connection c = db();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long inboxed(String consumer, List<EventEnvelope> envs) {
        String ids = String.join("','", envs.stream().map(EventEnvelope::id).toList());
        return count(
                "SELECT count(*) FROM inbox_event WHERE consumer = '" + consumer + "' AND event_id IN ('" + ids + "')");
    }

    /** Creates an indicator and returns its id. */
    public static String indicator(
            String code, String unit, String frequency, boolean genderSplit, String targets, String extra) {
        Response r = given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body("""
                {"code":"%s","name":"Testindikator %s","criterionCode":"SAFETY","unitOfMeasure":"%s","method":"SURVEY",
                 "frequency":"%s","decimals":1,"genderSplit":%s,"targets":%s%s}""".formatted(
                                code, code, unit, frequency, genderSplit, targets, extra == null ? "" : "," + extra))
                .post("/followup/v1/indicators");
        r.then().statusCode(201);
        return r.path("id");
    }

    public static String code(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
    }

    /** Records a measurement as the quality team; returns the response. */
    public static Response measure(String indicatorId, UUID unit, String period, String gender, String values) {
        return given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body("{\"indicatorId\":\"%s\",\"orgUnitId\":\"%s\",\"period\":\"%s\",\"gender\":\"%s\"%s}"
                        .formatted(indicatorId, unit, period, gender, values.isEmpty() ? "" : "," + values))
                .post("/followup/v1/measurements");
    }

    /** Matches a record on the followup topic with this key (the indicator) and event type. */
    public static java.util.function.Predicate<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>>
            eventOf(String key, String type) {
        return r -> r.key().equals(key)
                && EventCodec.fromKafka(r.headers(), r.value()).type().equals(type);
    }
}
