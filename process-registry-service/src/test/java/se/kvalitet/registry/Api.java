package se.kvalitet.registry;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import se.kvalitet.testing.TestTokens;

/** Helpers the registry's API tests share: tokens of the demo roles and builders of requests. */
public final class Api {

    public static final String DOCS = "/registry/v1/documents";
    public static final String BOARD = "00000000-0000-4000-8000-000000000001";
    public static final String ADMINISTRATION = "00000000-0000-4000-8000-000000000002";
    public static final String ELDERLY = "00000000-0000-4000-8000-000000000010";
    public static final String HEMTJANST_NORR = "00000000-0000-4000-8000-000000000011";
    public static final String IFO = "00000000-0000-4000-8000-000000000020";
    public static final String BARN_OCH_UNGA = "00000000-0000-4000-8000-000000000021";
    public static final String ROUTINES_4_4 = "00000000-0000-4000-b001-000000040004";
    public static final String PROCESSES_4_2 = "00000000-0000-4000-b001-000000040002";
    public static final String EGENKONTROLL_5_2 = "00000000-0000-4000-b001-000000050002";
    public static final String RISK_5_1 = "00000000-0000-4000-b001-000000050001";

    private Api() {}

    /** Today in the service's zone (what "today" means for decisions and reviews). */
    public static String today() {
        return java.time.LocalDate.now(java.time.ZoneId.of("Europe/Stockholm")).toString();
    }

    public static String karin() {
        return TestTokens.user("karin")
                .roles("quality-team")
                .orgUnits(ADMINISTRATION)
                .bearer();
    }

    public static String anna() {
        return TestTokens.user("anna")
                .roles("reporter")
                .orgUnits(HEMTJANST_NORR)
                .bearer();
    }

    /** A process owner for the units given (and everything under them). */
    public static String owner(String name, String... units) {
        return TestTokens.user(name)
                .roles("process-owner")
                .orgUnits((Object[]) units)
                .bearer();
    }

    public static String erik() {
        return TestTokens.user("erik").roles("unit-manager").orgUnits(ELDERLY).bearer();
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A new unit under {@code parent}, valid from 2024-01-01. */
    public static String unit(String parent, String name) {
        return given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body("""
                        {"name":"%s","type":"UNIT","parentId":"%s","validFrom":"2024-01-01"}""".formatted(name, parent))
                .post("/registry/v1/org-units")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** A new root (a board of its own) valid from 2024-01-01: a tree no demo document applies to. */
    public static String root(String name) {
        return given().header("Authorization", karin())
                .contentType(ContentType.JSON)
                .body("""
                        {"name":"%s","type":"BOARD","validFrom":"2024-01-01"}""".formatted(name))
                .post("/registry/v1/org-units")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    public static String json(Object o) {
        if (o == null) {
            return "null";
        }
        if (o instanceof String s) {
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
        }
        if (o instanceof List<?> l) {
            return l.stream().map(Api::json).collect(Collectors.joining(",", "[", "]"));
        }
        if (o instanceof Map<?, ?> m) {
            return m.entrySet().stream()
                    .map(e -> json(e.getKey().toString()) + ":" + json(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        return o.toString();
    }

    /** The first {@code n} valid events of {@code type} keyed {@code key} (the topic is read from its beginning). */
    public static List<se.kvalitet.events.EventEnvelope> events(
            se.kvalitet.testing.TopicReader reader, String key, String type, int n) {
        var records = reader.await(
                r -> key.equals(r.key())
                        && r.headers().lastHeader("ce_type") != null
                        && type.equals(new String(
                                r.headers().lastHeader("ce_type").value(), java.nio.charset.StandardCharsets.UTF_8)),
                n,
                java.time.Duration.ofSeconds(20));
        org.assertj.core.api.Assertions.assertThat(records)
                .as(n + " events " + type + " of " + key)
                .hasSizeGreaterThanOrEqualTo(n);
        return records.stream()
                .map(se.kvalitet.testing.EventContract::assertValid)
                .toList();
    }

    public static <T extends se.kvalitet.events.DomainEvent> T event(
            se.kvalitet.testing.TopicReader reader, String key, Class<T> type, int nth) {
        var envs = events(reader, key, se.kvalitet.events.EventCatalog.typeOf(type), nth);
        return se.kvalitet.events.EventCodec.data(envs.get(nth - 1), type);
    }

    /** A request body: fields given as name, value, name, value... */
    public static String body(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return json(m);
    }

    public static Response post(String token, String path, String body, String ifMatch) {
        var r = given().header("Authorization", token)
                .contentType(ContentType.JSON)
                .body(body);
        if (ifMatch != null) {
            r = r.header("If-Match", ifMatch);
        }
        return r.post(path);
    }

    public static Response put(String token, String path, String body, String ifMatch) {
        var r = given().header("Authorization", token)
                .contentType(ContentType.JSON)
                .body(body);
        if (ifMatch != null) {
            r = r.header("If-Match", ifMatch);
        }
        return r.put(path);
    }

    public static String etag(String id) {
        return given().header("Authorization", karin())
                .get(DOCS + "/" + id)
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
    }

    public static Map<String, Object> requirement(String id, String method, String responsible) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("requirementItemId", id);
        m.put("followUpMethod", method);
        m.put("responsible", responsible);
        return m;
    }

    public static Map<String, Object> responsibility(String task, String role) {
        return Map.of("task", task, "responsibleRole", role);
    }

    /** A process draft with the given activities; returns its id. */
    public static String processDraft(
            String token, String owner, List<String> units, String title, String... activities) {
        Response r = post(
                token,
                DOCS,
                body(
                        "type",
                        "PROCESS",
                        "title",
                        title,
                        "summary",
                        "Syftet är att brukaren får rätt stöd.",
                        "processCategory",
                        "CORE",
                        "startPoint",
                        "Ansökan inkommer",
                        "endPoint",
                        "Ärendet avslutas",
                        "ownerOrgUnitId",
                        owner,
                        "ownerRole",
                        "Avdelningschef",
                        "orgUnitIds",
                        units,
                        "reviewInterval",
                        "YEARLY"),
                null);
        r.then().statusCode(201);
        String id = r.path("id");
        for (String a : activities) {
            post(
                            token,
                            DOCS + "/" + id + "/activities",
                            body("name", a, "description", "Beskrivning av " + a),
                            etag(id))
                    .then()
                    .statusCode(200);
        }
        return id;
    }

    /** Submits and approves the draft by the board; returns the response. */
    public static Response approve(String token, String id, String decidedOn) {
        post(token, DOCS + "/" + id + "/submit", "{}", etag(id)).then().statusCode(200);
        return post(
                token,
                DOCS + "/" + id + "/approve",
                body(
                        "decidedBy",
                        "BOARD",
                        "decisionOrgUnitId",
                        BOARD,
                        "decidedOn",
                        decidedOn,
                        "diarienummer",
                        "SN 2026/17"),
                etag(id));
    }

    /** A routine draft for an activity of a process, satisfying the given requirement links; returns its id. */
    public static String routineDraft(
            String token,
            String processId,
            String activityId,
            String owner,
            List<String> units,
            String title,
            String content,
            List<Map<String, Object>> requirements) {
        Response r = post(
                token,
                DOCS,
                body(
                        "type",
                        "ROUTINE",
                        "title",
                        title,
                        "summary",
                        "Rutinen beskriver hur arbetet görs.",
                        "content",
                        content,
                        "processId",
                        processId,
                        "activityId",
                        activityId,
                        "ownerOrgUnitId",
                        owner,
                        "orgUnitIds",
                        units,
                        "requirements",
                        requirements,
                        "responsibilities",
                        List.of(
                                responsibility("Dokumenterar i journalen samma dag", "Handläggare"),
                                responsibility("Följer upp att rutinen följs", "Enhetschef")),
                        "reviewInterval",
                        "EVERY_SECOND_YEAR"),
                null);
        r.then().statusCode(201);
        return r.path("id");
    }
}
