package se.kvalitet.deviation.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.kvalitet.deviation.DeviationDb;
import se.kvalitet.events.registry.OrgUnitChangedV1;
import se.kvalitet.orgcopy.OrgCopy;
import se.kvalitet.orgcopy.OrgUnit;
import se.kvalitet.testing.RegistryStub;
import se.kvalitet.testing.TestTokens;

/**
 * A unit created in the registry a moment ago, whose org-unit.changed event has not arrived yet, is usable at
 * once (issue 16 item 5): intake asks process-registry-service's org-unit read with the caller's token
 * ({@link RegistryStub} plays the registry, which is outside this module, with its documented response),
 * stores the unit in the copy as the event would, and the event that follows changes nothing. A registry that
 * does not answer is a 503 with Retry-After; one that has no such unit leaves the 422.
 */
@QuarkusTest
class NewOrgUnitTest {

    static final UUID AEO = UUID.fromString("00000000-0000-4000-8000-000000000010");

    @Inject
    OrgCopy orgUnits;

    final String caseSystem =
            TestTokens.client("case-system").roles("case-system").bearer();

    static String history(UUID id) {
        return "/registry/v1/org-units/" + id + "/history";
    }

    /** The registry's documented answer (OrgUnitResponse): one version, created from {@code from}. */
    static String created(UUID id, LocalDate from, Instant changedAt) {
        return """
                [{"id":"%s","code":"K-77","name":"Korttidsboendet Ängen","type":"UNIT","parentId":"%s","active":true,
                  "validFrom":"%s","validTo":null,"change":"CREATED","relatedOrgUnitIds":[],"changedAt":"%s"}]""".formatted(id, AEO, from, changedAt);
    }

    static String report(UUID unit) {
        return """
                {"summary":"Fallolycka i ny enhet","description":"Brukaren föll i korridoren.","occurredAt":"2026-10-01T02:00:00Z",
                 "orgUnitId":"%s"}""".formatted(unit);
    }

    @Test
    void aUnitCreatedAMomentAgoIsUsableAtOnceAndItsEventChangesNothing() {
        UUID unit = UUID.randomUUID();
        Instant changedAt = Instant.parse("2026-11-30T08:15:30.123Z");
        LocalDate from = LocalDate.of(2026, 11, 30);
        RegistryStub.answer(history(unit), 200, created(unit, from, changedAt));

        given().header("Authorization", caseSystem)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON)
                .body(report(unit))
                .post("/deviation/v1/deviations")
                .then()
                .statusCode(201)
                .body("orgUnitId", equalTo(unit.toString()));

        // the registry was asked with the caller's own token, and the copy holds the unit as the event would
        assertThat(RegistryStub.authorization(history(unit))).isEqualTo(caseSystem);
        assertThat(orgUnits.versions(unit))
                .containsExactly(new OrgUnit(unit, AEO, "K-77", "Korttidsboendet Ängen", "UNIT", true, from, null));
        assertThat(DeviationDb.count("SELECT count(*) FROM orgcopy_version WHERE org_unit_id = '" + unit
                        + "' AND changed_at = '2026-11-30T08:15:30.123Z'"))
                .isEqualTo(1);

        // the event arrives: the same snapshot is a stale repeat; a later rename the same day still wins
        OrgUnitChangedV1 event = new OrgUnitChangedV1(
                unit, "K-77", "Korttidsboendet Ängen", "UNIT", AEO, from, true, "CREATED", List.of(), changedAt);
        assertThat(orgUnits.apply(event)).isEqualTo(OrgCopy.Applied.STALE);
        OrgUnitChangedV1 renamed = new OrgUnitChangedV1(
                unit,
                "K-77",
                "Ängens korttidsboende",
                "UNIT",
                AEO,
                from,
                true,
                "RENAMED",
                List.of(),
                changedAt.plusSeconds(60));
        assertThat(orgUnits.apply(renamed)).isEqualTo(OrgCopy.Applied.STORED);
        assertThat(orgUnits.name(unit)).contains("Ängens korttidsboende");

        // known now: a second report does not ask the registry again
        int calls = RegistryStub.calls(history(unit));
        given().header("Authorization", caseSystem)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON)
                .body(report(unit))
                .post("/deviation/v1/deviations")
                .then()
                .statusCode(201);
        assertThat(RegistryStub.calls(history(unit))).isEqualTo(calls);
    }

    @Test
    void aRegistryThatDoesNotAnswerIsA503WithRetryAfterAndNothingIsStored() {
        UUID unit = UUID.randomUUID();
        RegistryStub.answer(history(unit), 503, "{\"title\":\"Service unavailable\",\"status\":503}");
        String reporter = TestTokens.user("rep-" + UUID.randomUUID())
                .roles("reporter")
                .orgUnits(AEO)
                .bearer();

        given().header("Authorization", reporter)
                .contentType(ContentType.JSON)
                .body(report(unit))
                .post("/deviation/v1/deviations")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("5"))
                .body("type", equalTo("https://kvalitet.se/problems/dependency-unavailable"))
                .body("detail", containsString("the process registry"));
        assertThat(RegistryStub.authorization(history(unit))).isEqualTo(reporter);
        assertThat(DeviationDb.count("SELECT count(*) FROM deviation WHERE org_unit_id = '" + unit + "'"))
                .isZero();
        assertThat(orgUnits.knows(unit)).isFalse();
    }

    @Test
    void aUnitTheRegistryDoesNotHaveIsStillA422() {
        UUID unit = UUID.randomUUID(); // the registry answers 404 for it
        given().header("Authorization", caseSystem)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON)
                .body(report(unit))
                .post("/deviation/v1/deviations")
                .then()
                .statusCode(422)
                .body("type", equalTo("https://kvalitet.se/problems/unknown-reference"))
                .body("errors[0].field", equalTo("orgUnitId"));
        assertThat(RegistryStub.calls(history(unit))).isEqualTo(1);
        assertThat(orgUnits.knows(unit)).isFalse();
    }
}
