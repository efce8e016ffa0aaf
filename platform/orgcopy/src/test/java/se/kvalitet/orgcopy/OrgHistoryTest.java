package se.kvalitet.orgcopy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The organisation over time, without a database. */
class OrgHistoryTest {

    static final UUID BOARD = UUID.randomUUID();
    static final UUID A = UUID.randomUUID();
    static final UUID B = UUID.randomUUID();
    static final UUID UNIT = UUID.randomUUID();
    static final LocalDate START = LocalDate.of(2024, 1, 1);
    static final LocalDate MOVE = LocalDate.of(2025, 7, 1);

    static OrgHistory history() {
        return new OrgHistory(List.of(
                new OrgHistory.Version(BOARD, START, null, "Nämnden", "BOARD", true),
                new OrgHistory.Version(A, START, BOARD, "Äldreomsorg", "DEPARTMENT", true),
                new OrgHistory.Version(B, START, BOARD, "Funktionsstöd", "DEPARTMENT", true),
                new OrgHistory.Version(UNIT, START, A, "Hemtjänst", "UNIT", true),
                new OrgHistory.Version(UNIT, MOVE, B, "Hemtjänst och boendestöd", "UNIT", true)));
    }

    @Test
    void aUnitIsPlacedWhereItSatOnTheDay() {
        OrgHistory h = history();
        assertThat(h.ancestorsOn(UNIT, LocalDate.of(2025, 6, 30))).containsExactly(UNIT, A, BOARD);
        assertThat(h.ancestorsOn(UNIT, MOVE)).containsExactly(UNIT, B, BOARD);
        assertThat(h.nameOn(UNIT, LocalDate.of(2025, 3, 1))).isEqualTo("Hemtjänst");
        assertThat(h.nameOn(UNIT, LocalDate.of(2025, 12, 31))).isEqualTo("Hemtjänst och boendestöd");
        // before the first snapshot: the first one (registries are often loaded after the fact)
        assertThat(h.ancestorsOn(UNIT, LocalDate.of(2020, 1, 1))).containsExactly(UNIT, A, BOARD);
        assertThat(h.ancestorsOn(UUID.randomUUID(), MOVE)).isEmpty();
        assertThat(h.roots()).containsExactly(BOARD);
    }

    @Test
    void changeDatesSplitThePeriodAndTheTreeIsDrawnAsAtTheEnd() {
        OrgHistory h = history();
        assertThat(h.changeDates(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31)))
                .containsExactly(MOVE);
        assertThat(h.changeDates(LocalDate.of(2025, 8, 1), LocalDate.of(2025, 12, 31)))
                .isEmpty();
        List<OrgHistory.Node> tree = h.tree(BOARD, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31));
        assertThat(tree)
                .extracting(OrgHistory.Node::name)
                .containsExactly("Nämnden", "Funktionsstöd", "Hemtjänst och boendestöd", "Äldreomsorg");
        assertThat(tree).extracting(OrgHistory.Node::depth).containsExactly(0, 1, 2, 1);
        // a subtree the unit left mid-year still lists it for the first half
        assertThat(h.tree(A, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31)))
                .extracting(OrgHistory.Node::unitId)
                .containsExactly(A, UNIT);
        assertThat(h.tree(A, LocalDate.of(2025, 8, 1), LocalDate.of(2025, 12, 31)))
                .extracting(OrgHistory.Node::unitId)
                .containsExactly(A);
    }
}
