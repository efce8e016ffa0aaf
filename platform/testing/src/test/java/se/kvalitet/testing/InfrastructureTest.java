package se.kvalitet.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class InfrastructureTest {

    @Test
    void postgresServesOneDatabasePerServiceWithSwedishTextSearch() throws Exception {
        try (PostgresServer pg = PostgresServer.start(0, null, true)) {
            pg.createDatabase("deviation");
            pg.createDatabase("deviation"); // idempotent
            try (Connection c = DriverManager.getConnection(
                            pg.jdbcUrl("deviation"), PostgresServer.USER, PostgresServer.PASSWORD);
                    ResultSet rs = c.createStatement()
                            .executeQuery(
                                    "SELECT current_database(), to_tsvector('swedish', 'avvikelserna rapporterades')::text")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("deviation");
                assertThat(rs.getString(2)).contains("avvik");
            }
        }
    }

    @Test
    void kafkaBrokerAcceptsAndDeliversRecordsAndSurvivesARestart() throws Exception {
        try (KafkaBroker kafka = KafkaBroker.start(0, null)) {
            Properties p = new Properties();
            p.put("bootstrap.servers", kafka.bootstrapServers());
            p.put("acks", "all");
            try (KafkaProducer<String, byte[]> producer =
                    new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>("t1", "k", "one".getBytes(StandardCharsets.UTF_8)))
                        .get();
            }
            kafka.restart();
            try (KafkaProducer<String, byte[]> producer =
                    new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>("t1", "k", "two".getBytes(StandardCharsets.UTF_8)))
                        .get();
            }
            try (TopicReader reader = TopicReader.open(kafka.bootstrapServers(), "t1")) {
                assertThat(reader.await(r -> true, 2, Duration.ofSeconds(30)))
                        .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                        .containsExactly("one", "two");
            }
        }
    }

    @Test
    void oidcServerPublishesDiscoveryAndKeysForTheTokensItSigns() throws Exception {
        try (OidcServer oidc = OidcServer.start()) {
            TestTokens.publish(oidc);
            HttpClient http = HttpClient.newHttpClient();
            String discovery = http.send(
                            HttpRequest.newBuilder(URI.create(oidc.issuer() + "/.well-known/openid-configuration"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(discovery)
                    .contains("\"issuer\":\"" + oidc.issuer() + "\"")
                    .contains("/protocol/openid-connect/certs");
            String token =
                    TestTokens.user("anna").roles("reporter").orgUnits("u1").sign();
            String[] parts = token.split("\\.");
            assertThat(parts).hasSize(3);
            String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            assertThat(payload)
                    .contains("\"realm_access\":{\"roles\":[\"reporter\"]}")
                    .contains("\"org_units\":[\"u1\"]")
                    .contains("\"aud\":\"kvalitet-api\"");
        }
    }
}
