package se.kvalitet.web.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;

/** The shared contract of an import run: format, Prefer: wait, row status filter, answers, row reading. */
class ImportContractTest {

    private static final Set<String> KNOWN = Set.of("sourceSystem", "sourceId", "startedOn", "count");

    @Test
    void formatFollowsContentType() {
        assertThat(ImportFormat.of("text/csv")).isEqualTo(ImportFormat.CSV);
        assertThat(ImportFormat.of("TEXT/CSV; charset=utf-8")).isEqualTo(ImportFormat.CSV);
        assertThat(ImportFormat.of("application/x-ndjson")).isEqualTo(ImportFormat.NDJSON);
        assertThat(ImportFormat.of(null)).isEqualTo(ImportFormat.NDJSON);
    }

    @Test
    void preferWaitIsSecondsWithinBoundsAndA400WhenNotANumber() {
        assertThat(PreferWait.seconds(null)).isEqualTo(20);
        assertThat(PreferWait.seconds("respond-async")).isEqualTo(20);
        assertThat(PreferWait.seconds("wait=0")).isZero();
        assertThat(PreferWait.seconds("respond-async, wait=7")).isEqualTo(7);
        assertThat(PreferWait.seconds("WAIT = 3")).isEqualTo(20); // "wait =" is not the wait preference
        assertThat(PreferWait.seconds("Wait=3")).isEqualTo(3);
        assertThat(PreferWait.seconds("wait=25")).isEqualTo(25);
        assertThat(PreferWait.seconds("wait=26")).isEqualTo(25);
        assertThat(PreferWait.seconds("wait=-4")).isZero();
        assertThat(PreferWait.of("wait=9").getSeconds()).isEqualTo(9);
        assertThatThrownBy(() -> PreferWait.seconds("wait=soon")).isInstanceOfSatisfying(ProblemException.class, p -> {
            assertThat(p.status()).isEqualTo(400);
            assertThat(p.errors()).extracting(Problem.FieldError::field).containsExactly("Prefer");
        });
        assertThatThrownBy(() -> PreferWait.seconds("wait=1.5")).isInstanceOf(ProblemException.class);
    }

    @Test
    void rowStatusFilter() {
        assertThat(ImportRowStatus.filter(null)).isNull();
        assertThat(ImportRowStatus.filter("REJECTED")).isEqualTo(ImportRowStatus.REJECTED);
        assertThat(ImportRowStatus.filter("ALREADY_IMPORTED")).isEqualTo(ImportRowStatus.ALREADY_IMPORTED);
        assertThatThrownBy(() -> ImportRowStatus.filter("rejected"))
                .isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.status()).isEqualTo(400);
                    assertThat(p.errors()).extracting(Problem.FieldError::field).containsExactly("status");
                });
    }

    @Test
    void answersAre201WhenDoneAnd202WithRetryAfterWhileRunning() {
        URI run = URI.create("/x/v1/imports/1");
        try (Response done = ImportRunAnswers.of(true, run, "body")) {
            assertThat(done.getStatus()).isEqualTo(201);
            assertThat(done.getLocation()).isEqualTo(run);
            assertThat(done.getEntity()).isEqualTo("body");
            assertThat(done.getHeaderString("Retry-After")).isNull();
        }
        try (Response running = ImportRunAnswers.of(false, run, "body")) {
            assertThat(running.getStatus()).isEqualTo(202);
            assertThat(running.getLocation()).isEqualTo(run);
            assertThat(running.getHeaderString("Retry-After")).isEqualTo("5");
        }
    }

    @Test
    void ndjsonRowsAreNumberedSkippingBlankLinesAndUnreadableRowsStandAlone() {
        String body = "{\"sourceSystem\":\"a\",\"sourceId\":\"1\",\"count\":3,\"startedOn\":null}\r\n"
                + "\n"
                + "[1,2]\n"
                + "{\"sourceId\":\"2\",\"colour\":\"red\",\"count\":{\"n\":1},\"198001012389x\":1}\n"
                + "not json\n";
        List<ImportFiles.Row> rows = ImportFiles.ndjson(body, KNOWN, 10);
        assertThat(rows).extracting(ImportFiles.Row::rowNumber).containsExactly(1, 2, 3, 4);
        assertThat(rows.get(0).fields())
                .containsExactly(Map.entry("sourceSystem", "a"), Map.entry("sourceId", "1"), Map.entry("count", "3"));
        assertThat(rows.get(0).unreadable()).isEmpty();
        assertThat(rows.get(1).unreadable()).containsExactly(new Problem.FieldError("row", "not a JSON object"));
        assertThat(rows.get(2).fields()).containsOnlyKeys("sourceId");
        assertThat(rows.get(2).unreadable())
                .containsExactly(
                        new Problem.FieldError("colour", "unknown field"),
                        new Problem.FieldError("count", "must be a string, number or boolean"),
                        new Problem.FieldError("(unnamed)", "unknown field"));
        assertThat(rows.get(3).unreadable()).containsExactly(new Problem.FieldError("row", "not a JSON object"));
    }

    @Test
    void csvRowsByHeaderWithQuotingAndEmptyCellsAbsent() {
        String body = "sourceSystem,sourceId,startedOn\n" + "a,1,2023-01-02\n" + "\n" + "a,\"2,\"\"x\"\"\",\n";
        List<ImportFiles.Row> rows = ImportFiles.read(ImportFormat.CSV, body, KNOWN, 10);
        assertThat(rows).extracting(ImportFiles.Row::rowNumber).containsExactly(1, 2);
        assertThat(rows.get(0).fields())
                .containsExactly(
                        Map.entry("sourceSystem", "a"),
                        Map.entry("sourceId", "1"),
                        Map.entry("startedOn", "2023-01-02"));
        assertThat(rows.get(1).fields())
                .containsExactly(Map.entry("sourceSystem", "a"), Map.entry("sourceId", "2,\"x\""));
    }

    @Test
    void csvUnknownColumnOrUnreadableFileIsA400ForTheFile() {
        assertThatThrownBy(() -> ImportFiles.csv("sourceId,colour\n1,red\n", KNOWN, 10))
                .isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.slug()).isEqualTo("import-unknown-columns");
                    assertThat(p.errors()).containsExactly(new Problem.FieldError("colour", "unknown column"));
                });
        assertThatThrownBy(() -> ImportFiles.csv("sourceId,count\n1,2,3\n", KNOWN, 10))
                .isInstanceOfSatisfying(
                        ProblemException.class, p -> assertThat(p.slug()).isEqualTo("import-unreadable"));
    }

    @Test
    void tooManyRowsIsA400() {
        assertThatThrownBy(() -> ImportFiles.ndjson("{}\n{}\n{}\n", KNOWN, 2))
                .isInstanceOfSatisfying(
                        ProblemException.class, p -> assertThat(p.slug()).isEqualTo("import-too-many-rows"));
        assertThatThrownBy(() -> ImportFiles.csv("sourceId\n1\n2\n3\n", KNOWN, 2))
                .isInstanceOfSatisfying(
                        ProblemException.class, p -> assertThat(p.slug()).isEqualTo("import-too-many-rows"));
        assertThat(ImportFiles.ndjson("{}\n{}\n", KNOWN, 2)).hasSize(2);
    }

    @Test
    void utf8IsStrict() {
        assertThat(ImportFiles.utf8("Kvällsdos".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("Kvällsdos");
        assertThat(ImportFiles.utf8(null)).isEmpty();
        assertThatThrownBy(() -> ImportFiles.utf8(new byte[] {'a', (byte) 0xC3, '(', 'b'}))
                .isInstanceOfSatisfying(
                        ProblemException.class, p -> assertThat(p.slug()).isEqualTo("not-utf8"));
    }
}
