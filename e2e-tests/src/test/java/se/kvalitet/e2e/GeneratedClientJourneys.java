package se.kvalitet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import se.kvalitet.client.ApiClient;
import se.kvalitet.client.ApiResponse;
import se.kvalitet.client.api.BiExportApi;
import se.kvalitet.client.api.DeviationStatisticsAvvikelsestatistikApi;
import se.kvalitet.client.api.DeviationsAvvikelserApi;
import se.kvalitet.client.api.EvaluationUtvrderingApi;
import se.kvalitet.client.model.Channel;
import se.kvalitet.client.model.Deviation;
import se.kvalitet.client.model.DeviationCategory;
import se.kvalitet.client.model.DeviationIndicators;
import se.kvalitet.client.model.DeviationStatistics;
import se.kvalitet.client.model.DeviationSummary;
import se.kvalitet.client.model.DeviationTrack;
import se.kvalitet.client.model.ExternalReference;
import se.kvalitet.client.model.ReportDeviationRequest;
import se.kvalitet.client.model.TriageRequest;

/**
 * Issue 14 item 3: the integrators' journeys through the Java client that the build generates from
 * the released snapshot (docs/openapi/kvalitet-v1.json; openapi-generator, library native), against
 * the running suite through the gateway. No hand-written JSON: every request and answer is a
 * generated model. Tokens come from the stack's Keycloak as in {@link SuiteEndToEndIT}.
 */
final class GeneratedClientJourneys {

    static final UUID HEMTJANST = UUID.fromString(SuiteEndToEndIT.HEMTJANST);

    private final String gatewayUrl;
    private final String caseSystemToken;
    private final String qualityTeamToken;
    private final String biToken;

    GeneratedClientJourneys(String gatewayUrl, String caseSystemToken, String qualityTeamToken, String biToken) {
        this.gatewayUrl = gatewayUrl;
        this.caseSystemToken = caseSystemToken;
        this.qualityTeamToken = qualityTeamToken;
        this.biToken = biToken;
    }

    /** A client as an integrator configures one: the gateway's base URL and its bearer token on every request. */
    ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(gatewayUrl);
        client.setHttpClientBuilder(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)));
        client.setReadTimeout(Duration.ofSeconds(20));
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    void run() throws Exception {
        DeviationStatisticsAvvikelsestatistikApi statistics =
                new DeviationStatisticsAvvikelsestatistikApi(client(biToken));
        long reportsBefore =
                statistics.getDeviationStatistics(null, null, null, "2026").getReports();

        UUID id = aCaseSystemReportsRetriesAndReadsBack();
        theQualityTeamTriages(id);
        aBiClientPullsStatisticsAndAnIncrementalExport(statistics, reportsBefore);
    }

    /** Reports with an Idempotency-Key, sends the same request again (a lost answer), reads it back. */
    UUID aCaseSystemReportsRetriesAndReadsBack() throws Exception {
        DeviationsAvvikelserApi deviations = new DeviationsAvvikelserApi(client(caseSystemToken));
        String source = "journey-" + UUID.randomUUID();
        ReportDeviationRequest report = new ReportDeviationRequest()
                .summary("Brukaren fick fel dos")
                .description("Kvällsdosen gavs två timmar för sent.")
                .occurredAt(OffsetDateTime.parse("2026-11-20T18:30:00Z"))
                .noticedAt(OffsetDateTime.parse("2026-11-20T20:45:00Z"))
                .orgUnitId(HEMTJANST)
                .suggestedCategory(DeviationCategory.LEX_MARIA)
                .immediateActions("Sjuksköterska kontaktad.")
                .externalReference(new ExternalReference().source(source).id("AV-2026-00123"));
        String key = UUID.randomUUID().toString();

        ApiResponse<Deviation> first = deviations.createDeviationWithHttpInfo(report, key);
        assertThat(first.getStatusCode()).isEqualTo(201);
        Deviation created = first.getData();
        assertThat(created.getChannel()).isEqualTo(Channel.CASE_SYSTEM);
        assertThat(created.getSummary()).isEqualTo("Brukaren fick fel dos");

        ApiResponse<Deviation> retry = deviations.createDeviationWithHttpInfo(report, key);
        assertThat(retry.getStatusCode()).isEqualTo(201);
        assertThat(retry.getData().getId())
                .as("the retry's answer is the first one")
                .isEqualTo(created.getId());
        assertThat(retry.getHeaders().get("Idempotent-Replayed")).containsExactly("true");

        List<DeviationSummary> fromThisSource = deviations
                .listDeviations(null, null, 100, null, null, null, null, null, null, null, source, null, null)
                .getItems();
        assertThat(fromThisSource).as("one report for the request sent twice").hasSize(1);
        assertThat(fromThisSource.get(0).getId()).isEqualTo(created.getId());

        Deviation read = deviations.getDeviation(created.getId());
        assertThat(read.getSummary()).isEqualTo("Brukaren fick fel dos");
        assertThat(read.getOccurredAt()).isEqualTo(OffsetDateTime.parse("2026-11-20T18:30:00Z"));
        assertThat(read.getExternalReference().getSource()).isEqualTo(source);
        assertThat(read.getExternalReference().getId()).isEqualTo("AV-2026-00123");
        return created.getId();
    }

    /** The quality team reads the report (and its ETag) and triages it as lex Maria with If-Match. */
    void theQualityTeamTriages(UUID id) throws Exception {
        DeviationsAvvikelserApi deviations = new DeviationsAvvikelserApi(client(qualityTeamToken));
        ApiResponse<Deviation> current = deviations.getDeviationWithHttpInfo(id);
        String etag = current.getHeaders().get("ETag").get(0);

        Deviation triaged = deviations.triageDeviation(
                id, new TriageRequest().categories(List.of(DeviationCategory.LEX_MARIA)), etag);
        assertThat(triaged.getCategories()).containsExactly(DeviationCategory.LEX_MARIA);
        assertThat(triaged.getTracks())
                .extracting(DeviationTrack::getCategory)
                .containsExactly(DeviationCategory.LEX_MARIA);
        assertThat(deviations.getDeviation(id).getCategories()).containsExactly(DeviationCategory.LEX_MARIA);
    }

    /**
     * The BI client: the statistics count the new report (from the events, a moment later), the
     * handling indicators answer under their own name, and the measurement export is pulled in two
     * increments with the cursor.
     */
    void aBiClientPullsStatisticsAndAnIncrementalExport(
            DeviationStatisticsAvvikelsestatistikApi statistics, long reportsBefore) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        DeviationStatistics year = statistics.getDeviationStatistics(null, null, null, "2026");
        while (year.getReports() <= reportsBefore && System.nanoTime() < deadline) {
            Thread.sleep(200);
            year = statistics.getDeviationStatistics(null, null, null, "2026");
        }
        assertThat(year.getReports())
                .as("reports that happened in 2026, the new one included")
                .isGreaterThan(reportsBefore);
        assertThat(year.getRows()).isNotEmpty();

        EvaluationUtvrderingApi evaluation = new EvaluationUtvrderingApi(client(biToken));
        List<DeviationIndicators> handling = evaluation
                .getDeviationIndicators("2026", null, null, null, null)
                .getItems();
        assertThat(handling).isNotEmpty();
        assertThat(handling.get(0).getReports()).isPositive();

        BiExportApi export = new BiExportApi(client(biToken));
        ApiResponse<List<Object>> firstPull =
                export.getExportMeasurementsWithHttpInfo(null, null, null, null, "json", 5, null);
        assertThat(firstPull.getData()).hasSize(5);
        assertThat(firstPull.getHeaders().get("X-Has-More")).containsExactly("true");
        String cursor = firstPull.getHeaders().get("X-Next-Cursor").get(0);
        Set<Object> firstIds = measurementIds(firstPull.getData());
        assertThat(firstIds).hasSize(5);

        ApiResponse<List<Object>> nextPull =
                export.getExportMeasurementsWithHttpInfo(null, cursor, null, null, "json", 5, null);
        assertThat(nextPull.getData()).isNotEmpty();
        assertThat(measurementIds(nextPull.getData()))
                .as("the next increment holds only rows not pulled yet")
                .doesNotContainAnyElementsOf(firstIds);
        assertThat(nextPull.getHeaders().get("X-Next-Cursor").get(0)).isNotEqualTo(cursor);
    }

    static Set<Object> measurementIds(List<Object> rows) {
        return rows.stream().map(row -> ((Map<?, ?>) row).get("measurementId")).collect(Collectors.toSet());
    }
}
