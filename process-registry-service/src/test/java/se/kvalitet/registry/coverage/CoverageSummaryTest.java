package se.kvalitet.registry.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static se.kvalitet.registry.Api.DOCS;
import static se.kvalitet.registry.Api.EGENKONTROLL_5_2;
import static se.kvalitet.registry.Api.ROUTINES_4_4;
import static se.kvalitet.registry.Api.approve;
import static se.kvalitet.registry.Api.body;
import static se.kvalitet.registry.Api.etag;
import static se.kvalitet.registry.Api.karin;
import static se.kvalitet.registry.Api.post;
import static se.kvalitet.registry.Api.requirement;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.kvalitet.registry.Api;
import se.kvalitet.registry.sql.InForce;

/**
 * The per-unit coverage summary (V90, issue 20) says what the documents in force say, read from scratch: after
 * approvals (one naming a unit and the unit above it, counted once for the units under both), a withdrawal, and for a
 * version that comes into force on a later day.
 */
@QuarkusTest
class CoverageSummaryTest {

    @Inject
    CoverageSummary summary;

    @Inject
    EntityManager em;

    @Test
    void theSummaryAgreesWithTheDocumentsInForce() {
        String root = Api.root(Api.unique("Nämnd"));
        String department = Api.unit(root, Api.unique("Avdelning"));
        String a = Api.unit(department, "Enhet A");
        String b = Api.unit(department, "Enhet B");
        List<Set<UUID>> chains = List.of(
                ids(root, department, a), ids(root, department, b), ids(root, department), ids(root, a), ids(b));
        LocalDate today = LocalDate.parse(Api.today());

        String both = Api.routineDraft(
                karin(),
                null,
                null,
                department,
                List.of(department, a),
                Api.unique("Rutin för avdelningen och A"),
                "Gör så här.",
                List.of(requirement(ROUTINES_4_4, "EGENKONTROLL", "Enhetschef")));
        approve(karin(), both, Api.today()).then().statusCode(200);
        String onlyB = Api.routineDraft(
                karin(),
                null,
                null,
                b,
                List.of(b),
                Api.unique("Rutin för B"),
                "Gör så här.",
                List.of(
                        requirement(EGENKONTROLL_5_2, "EGENKONTROLL", "Enhetschef"),
                        requirement(ROUTINES_4_4, "DOCUMENT_REVIEW", "Enhetschef")));
        approve(karin(), onlyB, Api.today()).then().statusCode(200);
        CoverageSummary.DocumentFacts forA = agrees(today, chains).get(0);
        assertThat(forA.documents()).isEqualTo(1);
        assertThat(forA.linkedItems()).extracting(UUID::toString).containsExactly(ROUTINES_4_4);

        post(karin(), DOCS + "/" + onlyB + "/withdraw", body("reason", "OBSOLETE"), etag(onlyB))
                .then()
                .statusCode(200);
        CoverageSummary.DocumentFacts forB = agrees(today, chains).get(1);
        assertThat(forB.documents()).isEqualTo(1);
        assertThat(forB.linkedItems()).extracting(UUID::toString).containsExactly(ROUTINES_4_4);

        // in force from tomorrow: not counted today, counted on the day (the summary of another day is a rebuild)
        String later = Api.routineDraft(
                karin(),
                null,
                null,
                b,
                List.of(b),
                Api.unique("Rutin för B från i morgon"),
                "Gör så här.",
                List.of(requirement(EGENKONTROLL_5_2, "EGENKONTROLL", "Enhetschef")));
        post(karin(), DOCS + "/" + later + "/submit", "{}", etag(later)).then().statusCode(200);
        post(
                        karin(),
                        DOCS + "/" + later + "/approve",
                        body(
                                "decidedBy",
                                "BOARD",
                                "decisionOrgUnitId",
                                Api.BOARD,
                                "decidedOn",
                                Api.today(),
                                "validFrom",
                                today.plusDays(1).toString(),
                                "diarienummer",
                                "SN 2026/18"),
                        etag(later))
                .then()
                .statusCode(200);
        assertThat(agrees(today, chains).get(1).documents()).isEqualTo(1);
        try {
            assertThat(agrees(today.plusDays(1), chains).get(1).documents()).isEqualTo(2);
        } finally {
            QuarkusTransaction.requiringNew().run(() -> summary.bringUpToDate(today));
        }
    }

    /** Brings the summary to {@code day} and checks each chain's facts against the documents in force that day. */
    List<CoverageSummary.DocumentFacts> agrees(LocalDate day, List<Set<UUID>> chains) {
        return QuarkusTransaction.requiringNew().call(() -> {
            summary.bringUpToDate(day);
            return chains.stream()
                    .map(chain -> {
                        CoverageSummary.DocumentFacts facts = summary.facts(chain);
                        assertThat(facts).as("chain %s on %s", chain, day).isEqualTo(fromScratch(day, chain));
                        return facts;
                    })
                    .toList();
        });
    }

    @SuppressWarnings("unchecked")
    CoverageSummary.DocumentFacts fromScratch(LocalDate day, Set<UUID> chain) {
        String inForce =
                "SELECT DISTINCT v.id FROM document_version_org_unit x JOIN document_version v ON v.id = x.version_id"
                        + " WHERE x.org_unit_id IN (:chain) AND " + InForce.VERSION_ON_DAY;
        long documents = ((Number) em.createNativeQuery("SELECT count(*) FROM (" + inForce + ") f")
                        .setParameter("chain", chain)
                        .setParameter("day", day)
                        .getSingleResult())
                .longValue();
        List<UUID> items = em.createNativeQuery(
                        "SELECT DISTINCT r.requirement_item_id FROM document_version_requirement r WHERE r.version_id IN ("
                                + inForce + ")",
                        UUID.class)
                .setParameter("chain", chain)
                .setParameter("day", day)
                .getResultList();
        return new CoverageSummary.DocumentFacts(new HashSet<>(items), Math.toIntExact(documents));
    }

    static Set<UUID> ids(String... ids) {
        Set<UUID> out = new HashSet<>();
        for (String id : ids) {
            out.add(UUID.fromString(id));
        }
        return out;
    }
}
