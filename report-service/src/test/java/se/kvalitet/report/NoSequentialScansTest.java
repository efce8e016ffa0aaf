package se.kvalitet.report;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.deviation.Assessment;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.report.content.ReadModels;
import se.kvalitet.report.content.query.ReadModelQueries;
import se.kvalitet.testing.SequentialScans;
import se.kvalitet.testing.TestTokens;

/**
 * Issue 20 item 2: applying a batch of deviation events (reported, triaged, notified, track closed, a
 * redelivery) and serving the statistics and counts read every table that grows with history through an
 * index or a bounded range, never by a sequential scan ({@link SequentialScans}).
 */
@QuarkusTest
class NoSequentialScansTest {

    /** Tables that do not grow with reports (Flyway's, the organisation copy, the relay's lease). */
    static final Set<String> BOUNDED = SequentialScans.SHARED_BOUNDED;

    static final UUID BOARD = UUID.randomUUID();
    static final UUID DEPT = UUID.randomUUID();
    static final UUID UNIT = UUID.randomUUID();
    static final UUID OTHER = UUID.randomUUID();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ReadModelQueries readModels;

    @Test
    void applyingEventsAndServingStatisticsReadNoGrowingTableByASequentialScan() throws Exception {
        String quality = TestTokens.user("karin").roles("quality-team").bearer();
        organisation(quality);

        SequentialScans scans = SequentialScans.begin(() -> dataSource.flush(AgroalDataSource.FlushMode.ALL));
        for (int i = 0; i < 12; i++) {
            LocalDate on = LocalDate.of(2025, 1 + i, 10);
            UUID unit = i % 2 == 0 ? UNIT : OTHER;
            UUID report = Events.deviation(
                    unit,
                    i % 3 == 0 ? List.of(OTHER) : List.of(),
                    on,
                    i % 4 == 0 ? DeviationCategory.LEX_SARAH : DeviationCategory.OTHER_DEVIATION);
            if (i % 4 == 0) {
                Events.closedTrack(
                        report,
                        unit,
                        DeviationCategory.LEX_SARAH,
                        Assessment.MISSFORHALLANDE,
                        true,
                        true,
                        i % 8 == 0,
                        on);
            }
        }
        Events.deviation(UNIT, List.of(), LocalDate.of(2025, 12, 1), DeviationCategory.PERSONAL_DATA_BREACH);
        await().atMost(Duration.ofSeconds(30)).until(() -> total(quality) >= 13);

        for (Map<String, String> query : List.of(
                Map.of("orgUnit", BOARD.toString(), "year", "2025"),
                Map.of("orgUnit", DEPT.toString(), "year", "2025"),
                Map.of("orgUnit", UNIT.toString(), "from", "2025-03-01", "to", "2025-06-30"))) {
            given().header("Authorization", quality)
                    .queryParams(query)
                    .get("/report/v1/deviation-statistics")
                    .then()
                    .statusCode(200);
        }
        given().header("Authorization", quality)
                .queryParam("from", "2025-01-01")
                .queryParam("to", "2025-12-31")
                .get("/report/v1/deviation-counts")
                .then()
                .statusCode(200);

        scans.end(BOUNDED).assertNone();
    }

    /**
     * The counts of a year read that year's reports through an index range and each one's categories by key,
     * whatever the history holds: with 20 000 reports of 2003 seeded, serving the counts of 2025 reads (index
     * entries plus heap rows, {@code pg_stat_user_tables}) far fewer rows of {@code deviation_fact} and
     * {@code deviation_fact_category} than the history has. Joining the view {@code deviation_effective_category}
     * read all of them (issue 20: 0.23 at a million reports), through a whole index under
     * {@code enable_seqscan = off}, which the sequential-scan count alone does not see.
     */
    @Test
    void theCountsOfAYearReadOnlyThatYearsReports() throws Exception {
        String quality = TestTokens.user("karin").roles("quality-team").bearer();
        int history = 20_000;
        String seeded = "md5('scan-history-' || i)::uuid";
        Db.update("INSERT INTO deviation_fact (deviation_id, org_unit_id, category, channel, occurred_on, reported_at,"
                + " updated_at, category_mask, flags, multi_unit) SELECT " + seeded + ", '" + UNIT
                + "', NULL, 'STAFF', DATE '2003-01-01' + (i % 365)::int, TIMESTAMPTZ '2003-12-31 12:00+01',"
                + " TIMESTAMPTZ '2003-12-31 12:00+01', 2, 0, FALSE FROM generate_series(1, " + history + ") i");
        Db.update("INSERT INTO deviation_fact_category (deviation_id, category) SELECT " + seeded
                + ", 'OTHER_DEVIATION' FROM generate_series(1, " + history + ") i WHERE i % 2 = 0");
        try {
            Db.update("ANALYZE deviation_fact");
            Db.update("ANALYZE deviation_fact_category");
            SequentialScans scans = SequentialScans.begin(() -> dataSource.flush(AgroalDataSource.FlushMode.ALL));
            long before = rowsRead();
            long year = given().header("Authorization", quality)
                    .queryParam("from", "2025-01-01")
                    .queryParam("to", "2025-12-31")
                    .get("/report/v1/deviation-counts")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getLong("total");
            scans.end(BOUNDED).assertNone();
            long read = rowsRead() - before;
            long all = Db.count("SELECT count(*) FROM deviation_fact");
            if (read >= history / 2) {
                throw new AssertionError("the counts of 2025 (" + year + " reports) read " + read
                        + " rows of deviation_fact and deviation_fact_category, which hold " + all + " reports");
            }
        } finally {
            Db.update("DELETE FROM deviation_fact_category WHERE deviation_id IN (SELECT " + seeded
                    + " FROM generate_series(1, " + history + ") i)");
            Db.update("DELETE FROM deviation_fact WHERE deviation_id IN (SELECT " + seeded + " FROM generate_series(1, "
                    + history + ") i)");
        }
    }

    /**
     * The kvalitetsberättelse's indicator tables of a year read that year's measurements and missed målvärden (and the
     * three years before, for the four-year table) through a range of periods, whatever the history holds: with
     * 20 000 measurements and 20 000 missed targets of 2003 seeded, the indicators of 2025 touch a few blocks of
     * them ({@code pg_statio_user_tables}, heap and index blocks). Before V95 both were walked whole, through an
     * index led by the indicator whose non-leading period condition is checked inside the index (issue 20): no
     * sequential scan and no row returned, so neither the scan count nor the rows read see it, only the blocks.
     */
    @Test
    void theIndicatorsOfAReportYearReadOnlyThoseYearsPeriods() throws Exception {
        organisation(TestTokens.user("karin").roles("quality-team").bearer());
        int history = 20_000;
        Db.update("INSERT INTO followup_measurement (measurement_id, indicator_id, org_unit_id, period, gender, value,"
                + " revision) SELECT md5('scan-measurement-' || i)::uuid, md5('scan-indicator-' || (i % 50))::uuid, '"
                + UNIT + "', '2003', 'T', i % 100, 1 FROM generate_series(1, " + history + ") i");
        Db.update("INSERT INTO followup_target_missed (indicator_id, org_unit_id, period, gender, value, evaluated_at)"
                + " SELECT md5('scan-indicator-' || i)::uuid, '" + UNIT + "', '2003', 'T', 1,"
                + " TIMESTAMPTZ '2004-01-15 12:00+01' FROM generate_series(1, " + history + ") i");
        try {
            Db.update("ANALYZE followup_measurement");
            Db.update("ANALYZE followup_target_missed");
            SequentialScans scans = SequentialScans.begin(() -> dataSource.flush(AgroalDataSource.FlushMode.ALL));
            long before = blocksTouched("followup_measurement", "followup_target_missed");
            readModels.open(BOARD, 2025, LocalDate.of(2026, 1, 15)).indicators();
            Set<String> bounded = new java.util.HashSet<>(BOUNDED);
            bounded.addAll(READ_WHOLE);
            scans.end(bounded).assertNone();
            long touched = blocksTouched("followup_measurement", "followup_target_missed") - before;
            if (touched >= 40) {
                throw new AssertionError("the indicators of 2025 touched " + touched + " heap and index blocks of"
                        + " followup_measurement and followup_target_missed, which hold " + 2 * history
                        + " rows of 2003 (a range of periods touches a few)");
            }
        } finally {
            Db.update("DELETE FROM followup_measurement WHERE period = '2003'");
            Db.update("DELETE FROM followup_target_missed WHERE period = '2003'");
        }
    }

    /**
     * The kvalitetsberättelse's read-model queries of a year (every part a chapter asks for, without rendering) read
     * the tables that grow with history through an index or a bounded range. The registry's documents, coverage
     * and risk register and the indicator definitions are read whole: they hold the organisation's documents, units,
     * risks and indicators, not its history of reports, occurrences or measurements ({@link #READ_WHOLE}).
     */
    @Test
    void theReadModelsOfAReportYearReadNoGrowingTableByASequentialScan() throws Exception {
        organisation(TestTokens.user("karin").roles("quality-team").bearer());
        SequentialScans scans = SequentialScans.begin(() -> dataSource.flush(AgroalDataSource.FlushMode.ALL));
        ReadModels year = readModels.open(BOARD, 2025, LocalDate.of(2026, 1, 15));
        year.basis();
        year.rootCauses();
        year.assessments();
        year.actions();
        year.overdueDeadlines();
        year.documents();
        year.coverage();
        year.risks();
        year.egenkontroll();
        year.indicators();
        year.initiatives();
        readModels.open(BOARD, 2026, LocalDate.of(2026, 6, 15)).initiatives();
        Set<String> bounded = new java.util.HashSet<>(BOUNDED);
        bounded.addAll(READ_WHOLE);
        scans.end(bounded).assertNone();
    }

    /** Read whole by a report: the organisation's documents, coverage, risk register and indicator definitions. */
    static final Set<String> READ_WHOLE = Set.of(
            "registry_document",
            "registry_document_unit",
            "registry_unit_coverage",
            "registry_unit_coverage_gap",
            "registry_risk",
            "followup_indicator",
            "followup_indicator_target");

    /** Index entries and heap rows read from the report tables the counts join, by every session so far. */
    static long rowsRead() throws Exception {
        return rowsRead("deviation_fact", "deviation_fact_category");
    }

    /** Heap and index blocks of the given tables read or found in the buffer cache, by every session so far. */
    static long blocksTouched(String... tables) throws Exception {
        String names = java.util.Arrays.stream(tables)
                .map(t -> "'" + t + "'")
                .collect(java.util.stream.Collectors.joining(", "));
        try (java.sql.Connection c = Db.connect();
                java.sql.Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_clear_snapshot()");
            try (java.sql.ResultSet rs = s.executeQuery("SELECT coalesce(sum(coalesce(heap_blks_read, 0)"
                    + " + coalesce(heap_blks_hit, 0) + coalesce(idx_blks_read, 0) + coalesce(idx_blks_hit, 0)), 0)"
                    + " FROM pg_statio_user_tables WHERE relname IN (" + names + ")")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Index entries and heap rows read from the given tables, by every session so far. */
    static long rowsRead(String... tables) throws Exception {
        String names = java.util.Arrays.stream(tables)
                .map(t -> "'" + t + "'")
                .collect(java.util.stream.Collectors.joining(", "));
        try (java.sql.Connection c = Db.connect();
                java.sql.Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_clear_snapshot()");
            try (java.sql.ResultSet rs = s.executeQuery("SELECT (SELECT coalesce(sum(seq_tup_read), 0) FROM"
                    + " pg_stat_user_tables WHERE relname IN (" + names + ")) + (SELECT coalesce(sum(idx_tup_read), 0)"
                    + " FROM pg_stat_user_indexes WHERE relname IN (" + names + "))")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The test's organisation, known to the service (the same snapshots again change nothing). */
    static void organisation(String quality) {
        LocalDate start = LocalDate.of(2024, 1, 1);
        Events.unit(BOARD, null, "Socialnämnden skanning", "BOARD", start);
        Events.unit(DEPT, BOARD, "Äldreomsorg skanning", "DEPARTMENT", start);
        Events.unit(UNIT, DEPT, "Hemtjänst skanning", "UNIT", start);
        Events.unit(OTHER, DEPT, "Särskilt boende skanning", "UNIT", start);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().header("Authorization", quality)
                                .queryParam("orgUnit", BOARD.toString())
                                .queryParam("year", "2025")
                                .get("/report/v1/deviation-statistics")
                                .statusCode()
                        == 200);
    }

    static long total(String quality) {
        Object total = given().header("Authorization", quality)
                .queryParam("orgUnit", BOARD.toString())
                .queryParam("year", "2025")
                .get("/report/v1/deviation-statistics")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .get("rows.find { it.orgUnitId == '" + BOARD + "' }.total");
        return total == null ? 0 : ((Number) total).longValue();
    }
}
