package se.kvalitet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import se.kvalitet.localstack.LocalStack;

/**
 * Issue 16 item 1, "Done when": the same past year (2025) worked once live through the API, every step back-dated,
 * in one department, and once moved in through the migration import in a twin department, gives the same deviation
 * statistics and the same kvalitetsberättelse for 2025 (report-service, through the gateway), on-time and late IVO /
 * IMY notifications included: those come from the original dates in both; lex Maria (the MAS's assessment and IVO
 * notification) and a named complaint (registered, answered and completed at their dates) too. The twins differ only
 * in their ids and names, which are replaced before comparing.
 */
class MigrationImportIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String ADMINISTRATION = "00000000-0000-4000-8000-000000000002";

    /** One case of 2025: its category and each step's date (null: the step did not happen). */
    record Case(
            String key,
            String category,
            String occurredAt,
            String triagedAt,
            String assessment,
            Boolean serious,
            String assessedAt,
            String awareAt,
            String sentAt,
            String completedAt,
            String closedAt,
            String answeredAt) {}

    static final List<Case> YEAR = List.of(
            // lex Sarah, serious, IVO told within the 7 days of the assessment: on time
            new Case(
                    "sarah-on-time",
                    "LEX_SARAH",
                    "2025-02-10T08:00:00Z",
                    "2025-02-13T09:00:00Z",
                    "MISSFORHALLANDE",
                    true,
                    "2025-02-15T09:00:00Z",
                    null,
                    "2025-02-20T09:00:00Z",
                    "2025-03-10T09:00:00Z",
                    "2025-03-12T09:00:00Z",
                    null),
            // lex Sarah, serious, IVO told after 15 days: late
            new Case(
                    "sarah-late",
                    "LEX_SARAH",
                    "2025-05-03T08:00:00Z",
                    "2025-05-04T09:00:00Z",
                    "PATAGLIG_RISK_FOR_MISSFORHALLANDE",
                    true,
                    "2025-05-05T09:00:00Z",
                    null,
                    "2025-05-20T09:00:00Z",
                    "2025-06-01T09:00:00Z",
                    "2025-06-02T09:00:00Z",
                    null),
            // lex Sarah, not serious: no notification
            new Case(
                    "sarah-not-serious",
                    "LEX_SARAH",
                    "2025-06-12T08:00:00Z",
                    "2025-06-13T09:00:00Z",
                    "INGET_MISSFORHALLANDE",
                    false,
                    "2025-06-20T09:00:00Z",
                    null,
                    null,
                    "2025-07-01T09:00:00Z",
                    "2025-07-03T09:00:00Z",
                    null),
            // a personal data breach with risk: IMY told 74 hours after awareness, late (72 h)
            new Case(
                    "breach-late",
                    "PERSONAL_DATA_BREACH",
                    "2025-08-01T06:00:00Z",
                    "2025-08-01T12:00:00Z",
                    "RISK",
                    null,
                    "2025-08-02T09:00:00Z",
                    "2025-08-01T10:00:00Z",
                    "2025-08-04T12:00:00Z",
                    "2025-08-20T09:00:00Z",
                    "2025-08-21T09:00:00Z",
                    null),
            new Case(
                    "other",
                    "OTHER_DEVIATION",
                    "2025-10-10T08:00:00Z",
                    "2025-10-11T09:00:00Z",
                    null,
                    null,
                    null,
                    null,
                    null,
                    "2025-10-30T09:00:00Z",
                    "2025-11-01T09:00:00Z",
                    null),
            // still open at the end of the year (triaged, not completed)
            new Case(
                    "other-open",
                    "OTHER_DEVIATION",
                    "2025-12-01T08:00:00Z",
                    "2025-12-04T09:00:00Z",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null),
            new Case(
                    "not-a-deviation",
                    "NOT_A_DEVIATION",
                    "2025-11-15T08:00:00Z",
                    "2025-11-16T09:00:00Z",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    "2025-11-20T09:00:00Z",
                    null),
            // lex Maria (the MAS's): a serious injury, IVO told within the 7 days of the assessment
            new Case(
                    "maria-on-time",
                    "LEX_MARIA",
                    "2025-03-03T08:00:00Z",
                    "2025-03-04T09:00:00Z",
                    "ALLVARLIG_VARDSKADA",
                    null,
                    "2025-03-05T09:00:00Z",
                    null,
                    "2025-03-10T09:00:00Z",
                    "2025-04-01T09:00:00Z",
                    "2025-04-02T09:00:00Z",
                    null),
            // a named complaint (received when it happened), answered, completed without a deviation, closed
            new Case(
                    "complaint",
                    "COMPLAINT",
                    "2025-09-01T08:00:00Z",
                    "2025-09-02T09:00:00Z",
                    null,
                    null,
                    null,
                    null,
                    null,
                    "2025-09-25T09:00:00Z",
                    "2025-09-26T09:00:00Z",
                    "2025-09-19T09:00:00Z"));

    /** The complaint of the year as registered live (the import row's complaint columns say the same). */
    static final String COMPLAINT =
            "\"kind\":\"COMPLAINT\",\"source\":\"CLIENT_OR_RELATIVE\",\"channel\":\"LETTER\",\"anonymous\":false";

    LocalStack stack;
    String admin;

    @Test
    void aPastYearImportedGivesTheSameStatisticsAndKvalitetsberattelseAsTheSameYearWorkedLive() throws Exception {
        stack = SharedStack.get();
        String karin = StackTokens.user(HTTP, stack, "karin");
        String anna = StackTokens.user(HTTP, stack, "anna");
        String maria = StackTokens.user(HTTP, stack, "maria");
        admin = StackTokens.user(HTTP, stack, "admin");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String[] live = twin(karin, "Flytt live " + tag);
        String[] imported = twin(karin, "Flytt import " + tag);
        String[] empty = twin(karin, "Flytt utan historik " + tag);

        // the year worked live: every step through the API with the date it happened
        for (Case c : YEAR) {
            // lex Maria is the MAS's work (assessment, notification, position); the rest the quality team's
            workLive(c, live[1], anna, karin, c.category().equals("LEX_MARIA") ? maria : karin);
        }

        // the same year moved in: one NDJSON row per case, the import role's token
        String file = YEAR.stream().map(c -> row(c, imported[1], tag)).collect(Collectors.joining("\n"));
        JsonNode run = importUntilTheUnitIsKnown(file);
        assertThat(run.get("accepted").asInt()).as(run.toString()).isEqualTo(YEAR.size());

        // the rest of the year's quality work: a routine approved in 2024, withdrawn and approved again in 2025; two
        // quality initiatives closed in 2025 (one on time, one late); an egenkontroll carried out on time. Live
        // through the registry's and followup-service's APIs with the dates it happened, and moved in through their
        // migration imports
        historyLive(live[1], karin);
        historyImported(imported[1], karin, tag);

        // statistics of 2025 for each twin, once report-service has every event
        Map<String, String> names = Map.of(
                live[0],
                "DEPARTMENT",
                live[1],
                "UNIT",
                imported[0],
                "DEPARTMENT",
                imported[1],
                "UNIT",
                "Flytt live " + tag,
                "DEPARTMENT NAME",
                "Flytt import " + tag,
                "DEPARTMENT NAME",
                "Enhet Flytt live " + tag,
                "UNIT NAME",
                "Enhet Flytt import " + tag,
                "UNIT NAME");
        JsonNode liveStatistics = settled("/report/v1/deviation-statistics?year=2025&orgUnit=" + live[0], karin);
        JsonNode importedStatistics =
                settled("/report/v1/deviation-statistics?year=2025&orgUnit=" + imported[0], karin);
        String liveText = liveStatistics.toString();
        assertThat(liveText)
                .as("on time and late were counted, lex Maria and the complaint included")
                .contains("LEX_SARAH", "LEX_MARIA", "COMPLAINT");
        assertThat(neutral(importedStatistics, names))
                .as("deviation statistics 2025, imported vs live")
                .isEqualTo(neutral(liveStatistics, names));
        System.out.println("[migration] statistics 2025 (live = imported): " + neutral(liveStatistics, names));

        // the kvalitetsberättelse 2025 of each twin, once report-service has the registry's and followup-service's
        // events too (the live twin's figures show them)
        JsonNode baseline = generated(karin, report(karin, empty[0]));
        Map<String, Integer> expected = new java.util.TreeMap<>();
        HISTORY_FIGURES.forEach((label, added) -> expected.put(label, figure(baseline, label) + added));
        String liveDefinition = report(karin, live[0]);
        String importedDefinition = report(karin, imported[0]);
        JsonNode liveReport = null;
        JsonNode importedReport = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            JsonNode l = generated(karin, liveDefinition);
            JsonNode i = generated(karin, importedDefinition);
            liveReport = l;
            importedReport = i;
            if (expected.entrySet().stream().allMatch(f -> f.getValue() == figure(l, f.getKey()))
                    && neutral(i, names).equals(neutral(l, names))) {
                break;
            }
            Thread.sleep(2000);
        }
        for (Map.Entry<String, Integer> f : expected.entrySet()) {
            assertThat(figure(liveReport, f.getKey()))
                    .as("live kvalitetsberättelse 2025: " + f.getKey() + " (a department without the history: "
                            + fact(baseline, f.getKey()) + ")")
                    .isEqualTo(f.getValue());
        }
        assertThat(neutral(importedReport, names))
                .as("kvalitetsberättelse 2025 content, imported vs live")
                .isEqualTo(neutral(liveReport, names));
    }

    /**
     * What the history below adds to figures of the kvalitetsberättelse 2025 (over a department without it: documents
     * of the units above count in every department), so the comparison is not of figures the history left alone.
     */
    static final Map<String, Integer> HISTORY_FIGURES = Map.of(
            "Kvalitetsinsatser genomförda under året", 2,
            "Upphävda under året", 1,
            "Fastställda eller reviderade under året", 1,
            "Planerade egenkontroller", 1,
            "Genomförda", 1);

    /** A fact's leading whole number ("1 (100 %)" is 1), or -1. */
    static int figure(JsonNode content, String label) {
        String v = fact(content, label);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\d+").matcher(v == null ? "" : v.strip());
        return m.find() ? Integer.parseInt(m.group()) : -1;
    }

    static final String ROUTINE = "\"type\":\"ROUTINE\",\"title\":\"Rutin för flytten\",\"content\":\"Gör så här.\"";

    /** The initiatives of 2025: key, deadline, started, closed. */
    static final List<String[]> INITIATIVES = List.of(
            new String[] {"ki-on-time", "2025-06-30", "2025-02-01", "2025-06-20"},
            new String[] {"ki-late", "2025-04-30", "2025-02-01", "2025-05-20"});

    void historyLive(String unit, String karin) throws Exception {
        String doc = created(
                karin,
                "/registry/v1/documents",
                "{" + ROUTINE + ",\"ownerOrgUnitId\":\"" + unit
                        + "\",\"orgUnitIds\":[\"" + unit + "\"],\"responsibilities\":[{\"task\":\"Utför\","
                        + "\"responsibleRole\":\"Enhetschef\"}],\"reviewInterval\":\"YEARLY\"}");
        String d = "/registry/v1/documents/" + doc;
        String approve = "{\"decidedBy\":\"UNIT_HEAD\",\"decisionOrgUnitId\":\"" + unit + "\",\"decidedOn\":\"";
        ok(send("POST", d + "/submit", karin, "{}"));
        ok(send("POST", d + "/approve", karin, approve + "2024-03-01\"}"));
        ok(send("POST", d + "/withdraw", karin, "{\"reason\":\"OBSOLETE\",\"withdrawnOn\":\"2025-05-01\"}"));
        ok(send("POST", d + "/revisions", karin, "{}"));
        ok(send("POST", d + "/submit", karin, "{}"));
        ok(send("POST", d + "/approve", karin, approve + "2025-09-01\"}"));

        for (String[] i : INITIATIVES) {
            String id = created(
                    karin,
                    "/followup/v1/quality-initiatives",
                    "{\"orgUnitId\":\"" + unit + "\",\"title\":\"Insats " + i[0]
                            + "\",\"responsible\":\"Enhetschef\",\"origin\":\"OTHER\",\"deadline\":\"" + i[1]
                            + "\"}");
            String q = "/followup/v1/quality-initiatives/" + id;
            ok(send("POST", q + "/start?startedOn=" + i[2], karin, "{}"));
            ok(send(
                    "POST",
                    q + "/complete",
                    karin,
                    "{\"outcome\":\"DONE\",\"closedOn\":\"" + i[3] + "\",\"effect\":\"Genomförd.\"}"));
        }

        String plan = plan(karin, unit);
        String occurrence = created(
                karin, "/followup/v1/egenkontroll-plans/" + plan + "/occurrences", "{\"dueOn\":\"2025-03-31\"}");
        ok(send(
                "POST",
                "/followup/v1/egenkontroll-occurrences/" + occurrence + "/execution",
                karin,
                "{\"executedOn\":\"2025-03-25\",\"result\":\"APPROVED\",\"deviationsFound\":0}"));
    }

    void historyImported(String unit, String karin, String tag) throws Exception {
        String common = "\"sourceSystem\":\"e2e-gamla-systemet\",\"documentRef\":\"" + tag + "-rutin\"," + ROUTINE
                + ",\"ownerOrgUnitId\":\"" + unit + "\",\"orgUnitIds\":\"" + unit
                + "\",\"responsibilities\":\"Utför=Enhetschef\",\"reviewInterval\":\"YEARLY\","
                + "\"decidedBy\":\"UNIT_HEAD\",\"decisionOrgUnitId\":\"" + unit + "\"";
        // the later version first: the import replays a document's versions in the order they were decided
        imported(
                "/registry/v1/imports",
                "{" + common + ",\"sourceId\":\"" + tag + "-rutin-2\",\"decidedOn\":\"2025-09-01\"}\n" + "{"
                        + common + ",\"sourceId\":\"" + tag + "-rutin-1\",\"decidedOn\":\"2024-03-01\","
                        + "\"withdrawnOn\":\"2025-05-01\",\"withdrawalReason\":\"OBSOLETE\"}",
                2);
        imported(
                "/followup/v1/imports/quality-initiatives",
                INITIATIVES.stream()
                        .map(i -> "{\"sourceSystem\":\"e2e-gamla-systemet\",\"sourceId\":\"" + tag + "-" + i[0]
                                + "\",\"orgUnitId\":\"" + unit + "\",\"title\":\"Insats " + i[0]
                                + "\",\"responsible\":\"Enhetschef\",\"origin\":\"OTHER\",\"deadline\":\"" + i[1]
                                + "\",\"status\":\"DONE\",\"startedOn\":\"" + i[2] + "\",\"closedOn\":\"" + i[3]
                                + "\",\"effect\":\"Genomförd.\"}")
                        .collect(Collectors.joining("\n")),
                INITIATIVES.size());
        String plan = plan(karin, unit);
        imported(
                "/followup/v1/imports/egenkontroll-occurrences",
                "{\"sourceSystem\":\"e2e-gamla-systemet\",\"sourceId\":\"" + tag + "-ek\",\"planId\":\"" + plan
                        + "\",\"dueOn\":\"2025-03-31\",\"executedOn\":\"2025-03-25\",\"result\":\"APPROVED\","
                        + "\"deviationsFound\":0}",
                1);
    }

    /** A quarterly egenkontroll plan of the unit whose first occurrence lies ahead (the past ones are added). */
    String plan(String karin, String unit) throws Exception {
        HttpResponse<String> r = send(
                "POST",
                "/followup/v1/egenkontroll-plans",
                karin,
                "{\"orgUnitId\":\"" + unit + "\",\"title\":\"Kontroll av genomförandeplaner\","
                        + "\"method\":\"SAMPLE_CHECK\",\"frequency\":\"QUARTERLY\",\"firstDueOn\":\""
                        + java.time.LocalDate.now().plusDays(30) + "\",\"responsibleRole\":\"Enhetschef\"}");
        // the plan with its upcoming occurrences (PlanDetail)
        return JSON.readTree(ok(r)).get("plan").get("id").asText();
    }

    /** Posts an NDJSON file to a migration import with the import role; every row must be accepted. */
    void imported(String path, String file, int rows) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(file, StandardCharsets.UTF_8)));
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(201);
        JsonNode run = JSON.readTree(r.body());
        int accepted = 0;
        for (JsonNode row : run.path("rows").path("items")) {
            accepted += row.path("status").asText().equals("ACCEPTED") ? 1 : 0;
        }
        assertThat(accepted).as(path + ": " + r.body()).isEqualTo(rows);
    }

    /** The value of a fact (label and value) anywhere in a report's content, or null. */
    static String fact(JsonNode content, String label) {
        if (content == null) {
            return null;
        }
        if (content.isObject() && label.equals(content.path("label").asText(null)) && content.has("value")) {
            return content.get("value").asText();
        }
        for (JsonNode child : content) {
            String found = fact(child, label);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** A department under the administration and one unit in it, both from 2024; returns their ids. */
    String[] twin(String karin, String name) throws Exception {
        String department = created(
                karin,
                "/registry/v1/org-units",
                "{\"name\":\"" + name + "\",\"type\":\"DEPARTMENT\",\"parentId\":\"" + ADMINISTRATION
                        + "\",\"validFrom\":\"2024-01-01\"}");
        String unit = created(
                karin,
                "/registry/v1/org-units",
                "{\"name\":\"Enhet " + name + "\",\"type\":\"UNIT\",\"parentId\":\"" + department
                        + "\",\"validFrom\":\"2024-01-01\"}");
        return new String[] {department, unit};
    }

    void workLive(Case c, String unit, String anna, String karin, String worker) throws Exception {
        String id = created(
                anna,
                "/deviation/v1/deviations",
                "{\"summary\":\"Händelse " + c.key() + "\",\"description\":\"Se källsystemet.\",\"occurredAt\":\""
                        + c.occurredAt() + "\",\"orgUnitId\":\"" + unit + "\"}");
        String base = "/deviation/v1/deviations/" + id;
        ok(send(
                "POST",
                base + "/triage",
                karin,
                "{\"categories\":[\"" + c.category() + "\"],\"decidedAt\":\""
                        + c.triagedAt() + "\""
                        + (c.category().equals("NOT_A_DEVIATION") ? ",\"reason\":\"Annan huvudman\"" : "") + "}"));
        String track = base + "/tracks/"
                + JSON.readTree(ok(send("GET", base, karin, null)))
                        .get("tracks")
                        .get(0)
                        .get("id")
                        .asText();
        if (c.awareAt() != null) {
            ok(send("POST", track + "/breach", karin, "{\"awareAt\":\"" + c.awareAt() + "\"}"));
        }
        if (c.category().equals("COMPLAINT")) {
            ok(send(
                    "POST",
                    track + "/complaint",
                    karin,
                    "{" + COMPLAINT + ",\"receivedAt\":\"" + c.occurredAt() + "\"}"));
            ok(send(
                    "POST",
                    track + "/answer",
                    karin,
                    "{\"answeredAt\":\"" + c.answeredAt() + "\",\"answer\":\"Svar sänt.\"}"));
            ok(send(
                    "POST",
                    track + "/outcome",
                    karin,
                    "{\"deviationOccurred\":false,\"outcome\":\"Ingen avvikelse.\",\"completedAt\":\"" + c.completedAt()
                            + "\"}"));
        }
        if (c.assessment() != null) {
            ok(send(
                    "POST",
                    track + "/assessment",
                    worker,
                    "{\"assessment\":\"" + c.assessment() + "\""
                            + (c.serious() != null ? ",\"serious\":" + c.serious() : "") + ",\"assessedAt\":\""
                            + c.assessedAt() + "\"}"));
        }
        if (c.sentAt() != null) {
            ok(send(
                    "POST",
                    track + "/notifications",
                    worker,
                    "{\"kind\":\"INITIAL\",\"sentAt\":\"" + c.sentAt()
                            + "\",\"lateReason\":\"Utredningen drog ut på tiden\",\"content\":\"Anmälan.\"}"));
        }
        if (c.completedAt() != null && !c.category().equals("COMPLAINT")) {
            String complete = "{\"position\":\"Utredd.\",\"completedAt\":\"" + c.completedAt() + "\"}";
            HttpResponse<String> r = send("POST", track + "/complete", worker, complete);
            if (r.statusCode() == 422) {
                // the sections the policy requires, written as a live investigator would
                for (JsonNode e : JSON.readTree(r.body()).get("errors")) {
                    String field = e.get("field").asText();
                    if (field.startsWith("entries.")) {
                        ok(send(
                                "POST",
                                track + "/entries",
                                worker,
                                "{\"section\":\"" + field.substring(8)
                                        + "\",\"kind\":\"FACT\",\"entryDate\":\""
                                        + c.triagedAt().substring(0, 10)
                                        + "\",\"source\":\"Utredning\",\"text\":\"Uppgift.\"}"));
                    }
                }
                r = send("POST", track + "/complete", worker, complete);
            }
            ok(r);
        }
        if (c.closedAt() != null) {
            ok(send(
                    "POST",
                    base + "/close",
                    karin,
                    "{\"feedbackToReporter\":\"Tack.\",\"closedAt\":\"" + c.closedAt() + "\"}"));
        }
    }

    static String row(Case c, String unit, String tag) {
        ObjectNode r = JSON.createObjectNode();
        r.put("sourceSystem", "e2e-gamla-systemet");
        r.put("sourceId", tag + "-" + c.key());
        // received when it happened (live, receipt is the time of the API call; neither figure compared uses it)
        r.put("receivedAt", c.occurredAt());
        r.put("occurredAt", c.occurredAt());
        r.put("orgUnitId", unit);
        r.put("category", c.category());
        r.put("summary", "Händelse " + c.key());
        r.put("triagedAt", c.triagedAt());
        if (c.category().equals("NOT_A_DEVIATION")) {
            r.put("triageReason", "Annan huvudman");
        }
        put(r, "assessment", c.assessment());
        if (c.serious() != null) {
            r.put("serious", c.serious());
        }
        put(r, "assessedAt", c.assessedAt());
        put(r, "breachAwareAt", c.awareAt());
        put(r, "notificationSentAt", c.sentAt());
        if (c.sentAt() != null) {
            r.put("notificationLateReason", "Utredningen drog ut på tiden");
        }
        put(r, "completedAt", c.completedAt());
        put(r, "closedAt", c.closedAt());
        if (c.category().equals("COMPLAINT")) {
            r.put("complaintKind", "COMPLAINT");
            r.put("complaintSource", "CLIENT_OR_RELATIVE");
            r.put("complaintChannel", "LETTER");
            r.put("complaintAnonymous", false);
            r.put("complaintAnsweredAt", c.answeredAt());
            r.put("complaintAnswer", "Svar sänt.");
            r.put("deviationOccurred", false);
            r.put("position", "Ingen avvikelse.");
        }
        return r.toString();
    }

    static void put(ObjectNode r, String field, String value) {
        if (value != null) {
            r.put(field, value);
        }
    }

    /** Posts the file; rows refused only because the new unit's event has not reached deviation-service yet are posted again. */
    JsonNode importUntilTheUnitIsKnown(String file) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            HttpResponse<String> r =
                    send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/deviation/v1/imports"))
                            .timeout(Duration.ofSeconds(60))
                            .header("Authorization", "Bearer " + admin)
                            .header("Content-Type", "application/x-ndjson")
                            .POST(HttpRequest.BodyPublishers.ofString(file, StandardCharsets.UTF_8)));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            JsonNode run = JSON.readTree(r.body());
            if (run.get("rejected").asInt() == 0 || System.nanoTime() > deadline) {
                int accepted = 0;
                for (JsonNode row : run.get("rows").get("items")) {
                    accepted += row.get("status").asText().equals("REJECTED") ? 0 : 1;
                }
                ((ObjectNode) run).put("accepted", accepted);
                return run;
            }
            assertThat(run.toString()).as("only the unit is unknown so far").contains("orgUnitId");
            Thread.sleep(1000);
        }
    }

    /** The kvalitetsberättelse 2025 of the department (its definition). */
    String report(String karin, String department) throws Exception {
        return created(
                karin,
                "/report/v1/reports",
                "{\"kind\":\"KVALITETSBERATTELSE\",\"year\":2025,\"orgUnitId\":\"" + department + "\"}");
    }

    /** A new version of the report, generated from the read models as they are now; its content. */
    JsonNode generated(String karin, String report) throws Exception {
        HttpResponse<String> r = send(
                HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/report/v1/reports/" + report + "/versions"))
                        .timeout(Duration.ofSeconds(58))
                        .header("Authorization", "Bearer " + karin)
                        .header("If-Match", "*")
                        .header("Prefer", "wait=50")
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String version = JSON.readTree(r.body()).get("id").asText();
        return JSON.readTree(
                ok(send("GET", "/report/v1/reports/" + report + "/versions/" + version + "/content", karin, null)));
    }

    /** The tree with the twins' ids and names replaced by what they stand for. */
    static JsonNode neutral(JsonNode node, Map<String, String> names) throws Exception {
        String text = node.toString();
        List<Map.Entry<String, String>> longestFirst = new ArrayList<>(names.entrySet());
        longestFirst.sort((a, b) -> b.getKey().length() - a.getKey().length());
        for (Map.Entry<String, String> e : longestFirst) {
            text = text.replace(e.getKey(), e.getValue());
        }
        return JSON.readTree(text);
    }

    /** The answer once it has not changed for three seconds (the events are still arriving before that). */
    JsonNode settled(String path, String token) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonNode last = null;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            JsonNode now = JSON.readTree(ok(send("GET", path, token, null)));
            if (!now.equals(last)) {
                last = now;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince > Duration.ofSeconds(3).toNanos()) {
                return now;
            }
            Thread.sleep(300);
        }
        throw new AssertionError(path + " did not settle within 90 s");
    }

    String created(String token, String path, String json) throws Exception {
        HttpResponse<String> r = send("POST", path, token, json);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isBetween(200, 201);
        return JSON.readTree(r.body()).get("id").asText();
    }

    static String ok(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.request().uri() + ": " + r.body()).isBetween(200, 299);
        return r.body();
    }

    HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (json != null) {
            b.header("Content-Type", "application/json")
                    .header("If-Match", "*")
                    .header("Idempotency-Key", UUID.randomUUID().toString());
        }
        b.method(
                method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return send(b);
    }

    static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
