package se.kvalitet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import se.kvalitet.localstack.LocalStack;
import se.kvalitet.localstack.Service;

/**
 * Issue 18 item 8, the recovery drill of deploy/README.md's runbook: report-service's database is
 * lost (dropped and created empty), report-service restarts (Flyway makes the schema, the demo
 * report definitions are put back), and the read models are rebuilt from Kafka with the admin
 * command. The statistics and the kvalitetsberättelse generated from them must be what they were
 * before, to the byte (same canonical JSON, same content hash).
 */
@Order(SharedStack.ORDER_RECOVERY_DRILL)
class RecoveryDrillIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The demo board's kvalitetsberättelse for this year (report-service's DemoReports). */
    static final String KVALITETSBERATTELSE = "00000000-0000-4000-8000-000000000601";

    @Test
    void reportServiceRebuildsItsLostDatabaseFromKafkaToTheSameFigures() throws Exception {
        LocalStack stack = SharedStack.get();
        int year = LocalDate.now(ZoneId.of("Europe/Stockholm")).getYear();
        String statisticsUrl = stack.gatewayUrl() + "/report/v1/deviation-statistics?year=" + year;
        String countsUrl = stack.gatewayUrl() + "/report/v1/deviation-counts?from=2000-01-01&to=2100-12-31";

        JsonNode statisticsBefore = settled(statisticsUrl, StackTokens.user(HTTP, stack, "karin"));
        JsonNode countsBefore = get(countsUrl, StackTokens.user(HTTP, stack, "karin"));
        JsonNode reportBefore = generate(stack, StackTokens.user(HTTP, stack, "karin"));
        // the version itself goes with the database: keep its content to compare with
        JsonNode contentBefore = content(stack, reportBefore, StackTokens.user(HTTP, stack, "karin"));
        long factsBefore = StackDb.count(stack, "report", "SELECT count(*) FROM deviation_fact");
        assertThat(factsBefore)
                .as("the demo year's deviations are in the read model")
                .isPositive();

        // the loss: report-service stops, its database is gone and comes back empty
        long t0 = System.nanoTime();
        stack.stopService(Service.REPORT);
        stack.recreateDatabase("report");
        stack.startService(Service.REPORT);
        long restarted = System.nanoTime();
        assertThat(StackDb.count(stack, "report", "SELECT count(*) FROM flyway_schema_history WHERE success"))
                .as("Flyway made the schema again")
                .isPositive();
        long factsAfterRestart = StackDb.count(stack, "report", "SELECT count(*) FROM deviation_fact");
        assertThat(factsAfterRestart)
                .as("the consumer group's offsets are in Kafka: live consumption does not replay")
                .isLessThan(factsBefore);

        // the rebuild: every read model replayed from the topics' beginning
        String admin = StackTokens.user(HTTP, stack, "admin");
        HttpResponse<String> started =
                send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/report/v1/admin/read-model-rebuilds"))
                        .header("Authorization", "Bearer " + admin)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"confirm\":true}")));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();
        String statusUrl = location.startsWith("http") ? location : stack.gatewayUrl() + location;
        JsonNode status = JSON.readTree(started.body());
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while ("RUNNING".equals(status.get("status").asText()) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            status = get(statusUrl, admin);
        }
        long rebuilt = System.nanoTime();
        assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("DONE");

        String karin = StackTokens.user(HTTP, stack, "karin");
        JsonNode statisticsAfter = get(statisticsUrl, karin);
        JsonNode countsAfter = get(countsUrl, karin);
        JsonNode reportAfter = generate(stack, karin);
        long factsAfter = StackDb.count(stack, "report", "SELECT count(*) FROM deviation_fact");
        System.out.printf(
                Locale.ROOT,
                "[drill] report-service database lost and rebuilt: restart %.1f s, rebuild %.1f s "
                        + "(%d events read), deviation facts %d -> %d -> %d, kvalitetsberättelse content hash %s -> %s%n",
                (restarted - t0) / 1e9,
                (rebuilt - restarted) / 1e9,
                status.get("eventsRead").asLong(),
                factsBefore,
                factsAfterRestart,
                factsAfter,
                reportBefore.get("contentHash").asText(),
                reportAfter.get("contentHash").asText());

        assertThat(factsAfter).isEqualTo(factsBefore);
        assertThat(statisticsAfter).as("deviation statistics after the rebuild").isEqualTo(statisticsBefore);
        assertThat(countsAfter).as("deviation counts after the rebuild").isEqualTo(countsBefore);
        assertThat(reportAfter.get("deviationCount")).isEqualTo(reportBefore.get("deviationCount"));
        assertThat(content(stack, reportAfter, karin))
                .as("the kvalitetsberättelse's content")
                .isEqualTo(contentBefore);
        assertThat(reportAfter.get("contentHash")).isEqualTo(reportBefore.get("contentHash"));
    }

    /** Generates a version of the demo kvalitetsberättelse and waits for it (Prefer: wait). */
    static JsonNode generate(LocalStack stack, String token) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(
                        URI.create(stack.gatewayUrl() + "/report/v1/reports/" + KVALITETSBERATTELSE + "/versions"))
                .timeout(Duration.ofSeconds(58))
                .header("Authorization", "Bearer " + token)
                .header("If-Match", "*")
                .header("Prefer", "wait=50")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode v = JSON.readTree(r.body());
        assertThat(v.get("status").asText()).as(r.body()).isEqualTo("DRAFT");
        return v;
    }

    static JsonNode content(LocalStack stack, JsonNode version, String token) throws Exception {
        return get(
                stack.gatewayUrl() + "/report/v1/reports/" + KVALITETSBERATTELSE + "/versions/"
                        + version.get("id").asText() + "/content",
                token);
    }

    /** The answer once it has not changed for three seconds (events of earlier tests may still arrive). */
    static JsonNode settled(String url, String token) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonNode last = null;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            JsonNode now = get(url, token);
            if (!now.equals(last)) {
                last = now;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince > Duration.ofSeconds(3).toNanos()) {
                return now;
            }
            Thread.sleep(300);
        }
        throw new AssertionError(url + " did not settle within 90 s");
    }

    static JsonNode get(String url, String token) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .GET());
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
