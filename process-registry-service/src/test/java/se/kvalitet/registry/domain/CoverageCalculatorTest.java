package se.kvalitet.registry.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.registry.DocumentType;
import se.kvalitet.events.registry.FollowUpMethod;
import se.kvalitet.registry.codelist.LegalBasis;
import se.kvalitet.registry.codelist.VerksamhetKind;
import se.kvalitet.registry.domain.CoverageCalculator.Area;
import se.kvalitet.registry.domain.CoverageCalculator.Doc;
import se.kvalitet.registry.domain.CoverageCalculator.Link;
import se.kvalitet.registry.domain.CoverageCalculator.Requirement;
import se.kvalitet.registry.domain.CoverageCalculator.Row;
import se.kvalitet.registry.domain.CoverageCalculator.State;
import se.kvalitet.registry.domain.CoverageCalculator.Unit;

/** Seed 002's matrix rules, without a database. */
class CoverageCalculatorTest {

    final UUID board = UUID.randomUUID();
    final UUID department = UUID.randomUUID();
    final UUID homeCare = UUID.randomUUID();
    final UUID nursingHome = UUID.randomUUID();
    final UUID group = UUID.randomUUID();
    final List<Unit> tree = List.of(
            new Unit(board, null),
            new Unit(department, board),
            new Unit(homeCare, department),
            new Unit(nursingHome, department),
            new Unit(group, homeCare));
    final Area hemtjanst =
            new Area(UUID.randomUUID(), Set.of(homeCare), Set.of(LegalBasis.SOL), Set.of(VerksamhetKind.HOME_CARE));
    final Area sabo = new Area(
            UUID.randomUUID(),
            Set.of(nursingHome),
            Set.of(LegalBasis.SOL, LegalBasis.HSL),
            Set.of(VerksamhetKind.ELDERLY_CARE));
    final Requirement routines =
            new Requirement(UUID.randomUUID(), "SOSFS 2011:9", "4 kap. 4 §", 404, Set.of(), Set.of());
    final Requirement egenkontroll =
            new Requirement(UUID.randomUUID(), "SOSFS 2011:9", "5 kap. 2 §", 502, Set.of(), Set.of());
    final Requirement lexMaria =
            new Requirement(UUID.randomUUID(), "SFS 2010:659", "3 kap. 5 §", 305, Set.of(LegalBasis.HSL), Set.of());
    final Requirement lss =
            new Requirement(UUID.randomUUID(), "SOSFS 2011:9", "9 kap. 9 §", 909, Set.of(LegalBasis.LSS), Set.of());

    Doc doc(Set<UUID> units, Requirement... covers) {
        return new Doc(
                UUID.randomUUID(),
                UUID.randomUUID(),
                DocumentType.ROUTINE,
                1,
                units,
                java.util.Arrays.stream(covers)
                        .map(r -> new Link(r.id(), FollowUpMethod.EGENKONTROLL, "Enhetschef"))
                        .toList());
    }

    static Row row(CoverageCalculator.Result r, Requirement req) {
        return r.rows().stream()
                .filter(x -> x.requirement().equals(req))
                .findFirst()
                .orElse(null);
    }

    @Test
    void aDocumentForADepartmentCoversEveryUnitUnderIt() {
        Doc departmentWide = doc(Set.of(department), routines);
        Doc homeCareOnly = doc(Set.of(homeCare), egenkontroll);
        var calc = new CoverageCalculator(
                tree,
                List.of(hemtjanst, sabo),
                List.of(routines, egenkontroll, lexMaria, lss),
                List.of(departmentWide, homeCareOnly));

        var result = calc.forUnit(department, null);
        assertThat(result.operatingUnits()).containsOnlyKeys(homeCare, nursingHome);
        assertThat(row(result, routines).state()).isEqualTo(State.COVERED);
        assertThat(row(result, routines).satisfiers())
                .extracting(s -> s.document())
                .containsExactly(departmentWide);
        Row ek = row(result, egenkontroll);
        assertThat(ek.state()).isEqualTo(State.PARTIAL);
        assertThat(ek.uncoveredUnits()).containsExactly(nursingHome);
        // lex Maria applies only where HSL applies (särskilt boende), and nothing satisfies it
        Row maria = row(result, lexMaria);
        assertThat(maria.state()).isEqualTo(State.GAP);
        assertThat(maria.applicableUnits()).containsExactly(nursingHome);
        // LSS items do not apply here at all
        assertThat(row(result, lss)).isNull();
        assertThat(result.count(State.GAP)).isEqualTo(1);
        // sorted by regulation code, then order
        assertThat(result.rows())
                .extracting(r -> r.requirement().reference())
                .containsExactly("3 kap. 5 §", "4 kap. 4 §", "5 kap. 2 §");
    }

    @Test
    void aUnitRunsTheVerksamheterAboveItAndOneVerksamhetCanBeAskedFor() {
        var calc = new CoverageCalculator(
                tree, List.of(hemtjanst, sabo), List.of(routines, lexMaria), List.of(doc(Set.of(group), routines)));
        // the group under Hemtjänst runs Hemtjänst; a routine for the group covers it
        var g = calc.forUnit(group, null);
        assertThat(g.operatingUnits()).containsOnlyKeys(group);
        assertThat(row(g, routines).state()).isEqualTo(State.COVERED);
        // but not Hemtjänst itself: a routine for a unit below does not apply above it
        assertThat(row(calc.forUnit(homeCare, null), routines).state()).isEqualTo(State.GAP);
        // only Särskilt boende's verksamhet
        var onlySabo = calc.forUnit(department, sabo.id());
        assertThat(onlySabo.operatingUnits()).containsOnlyKeys(nursingHome);
        assertThat(row(onlySabo, lexMaria)).isNotNull();
        // a unit that runs nothing has nothing to cover
        assertThat(calc.forUnit(board, hemtjanst.id()).operatingUnits()).containsOnlyKeys(homeCare);
    }

    @Test
    void eachOperatingUnitHasItsOwnSnapshot() {
        var calc = new CoverageCalculator(
                tree,
                List.of(hemtjanst, sabo),
                List.of(routines, egenkontroll, lexMaria),
                List.of(doc(Set.of(department), routines), doc(Set.of(nursingHome), lexMaria, egenkontroll)));
        assertThat(calc.operatingUnits()).containsExactlyInAnyOrder(homeCare, nursingHome);
        var home = calc.ofUnit(homeCare);
        assertThat(home.applicable()).containsExactly(routines, egenkontroll);
        assertThat(home.covered()).containsExactly(routines);
        assertThat(home.gaps()).containsExactly(egenkontroll);
        assertThat(home.documentsInForce()).isEqualTo(1);
        var sab = calc.ofUnit(nursingHome);
        assertThat(sab.gaps()).isEmpty();
        assertThat(sab.documentsInForce()).isEqualTo(2);
        assertThat(sab.verksamhetIds()).containsExactly(sabo.id());
    }
}
