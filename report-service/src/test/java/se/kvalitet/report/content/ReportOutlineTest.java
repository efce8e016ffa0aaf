package se.kvalitet.report.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.report.ReportKind;
import se.kvalitet.report.content.ReportFixtures.Fixture;
import se.kvalitet.report.content.ReportFixtures.Node;
import se.kvalitet.report.content.Verdict.Level;
import se.kvalitet.report.statistics.DeviationStatistics;

/** The chapters' verdict rules, their numbering by the outline and the editorial overrides, on hand-made data (no Quarkus). */
class ReportOutlineTest {

    static DeviationStatistics stats(long reports, long triaged, long sarah, long sarahReportable, long sarahNotified) {
        long[][] authority = {{sarahReportable, sarahNotified, sarahNotified, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}};
        return ReportFixtures.statistics(
                2025,
                List.of(new Node("Nämnden", 0, reports, 0, sarah, 0, 0, 0, reports - sarah)),
                triaged,
                0,
                authority);
    }

    static final List<ReportData.Unit> UNITS = List.of(
            new ReportData.Unit(UUID.randomUUID(), "A", 3, 0),
            new ReportData.Unit(UUID.randomUUID(), "B", 1, 0),
            new ReportData.Unit(UUID.randomUUID(), "C", 0, 0),
            new ReportData.Unit(UUID.randomUUID(), "D", 0, 0));

    static Fixture data(DeviationStatistics s, ReadModels.Actions actions, ReadModels.Egenkontroll egenkontroll) {
        return Fixture.of(new ReportData(s.orgUnitId(), "Nämnden", 2025, s, stats(0, 0, 0, 0, 0), UNITS))
                .withActions(actions)
                .withEgenkontroll(egenkontroll);
    }

    static Verdict verdict(ReportContent c, String key) {
        return c.chapters().stream()
                .filter(ch -> ch.key().equals(key))
                .findFirst()
                .orElseThrow()
                .verdict();
    }

    static ReportContent kb(ReadModels data, Editorial e) {
        return ReportOutline.build(ReportKind.KVALITETSBERATTELSE, data, e, VerdictPolicy.defaults());
    }

    @Test
    void deviationChapterMeetsOnlyWhenTriagedNotifiedAndActedOnTime() {
        Fixture good = data(
                stats(10, 10, 2, 1, 1),
                new ReadModels.Actions(10, 9, 8, 5, 4),
                new ReadModels.Egenkontroll(10, 9, 0, 1, Map.of(), 0));
        assertThat(verdict(kb(good, Editorial.EMPTY), "avvikelser").computed()).isEqualTo(Level.MEETS);
        Fixture late = data(
                stats(10, 10, 2, 1, 0),
                new ReadModels.Actions(10, 9, 7, 5, 4),
                new ReadModels.Egenkontroll(10, 9, 0, 1, Map.of(), 0));
        Verdict v = verdict(kb(late, Editorial.EMPTY), "avvikelser");
        assertThat(v.computed()).isEqualTo(Level.PARTLY);
        assertThat(v.basis()).contains("10 av 10 rapporter bedömda", "Lex Sarah 0/1", "70,0 %");
        Fixture none = data(stats(0, 0, 0, 0, 0), ReadModels.Actions.NONE, ReadModels.Egenkontroll.NONE);
        assertThat(verdict(kb(none, Editorial.EMPTY), "avvikelser").computed()).isEqualTo(Level.DOES_NOT_MEET);
    }

    @Test
    void egenkontrollAndStaffThresholdsAndTheDerivedManagementVerdict() {
        Fixture d = data(
                stats(4, 4, 0, 0, 0),
                ReadModels.Actions.NONE,
                new ReadModels.Egenkontroll(10, 9, 1, 1, Map.of("APPROVED", 9L), 2));
        ReportContent c = kb(d, Editorial.EMPTY);
        assertThat(verdict(c, "egenkontroll").computed()).isEqualTo(Level.MEETS);
        assertThat(verdict(c, "personal").computed()).isEqualTo(Level.PARTLY); // 2 of 4 units reported: 50 %
        assertThat(verdict(c, "riskanalyser").computed()).isEqualTo(Level.DOES_NOT_MEET);
        assertThat(verdict(c, "processer").computed()).isEqualTo(Level.DOES_NOT_MEET);
        // 3 kap.: of six parts, three do not meet (processes, cooperation, risk): half or more → does not meet
        assertThat(verdict(c, "ledningssystem").computed()).isEqualTo(Level.DOES_NOT_MEET);
        Fixture half = data(
                stats(4, 4, 0, 0, 0), ReadModels.Actions.NONE, new ReadModels.Egenkontroll(10, 4, 0, 6, Map.of(), 0));
        assertThat(verdict(kb(half, Editorial.EMPTY), "egenkontroll").computed())
                .isEqualTo(Level.DOES_NOT_MEET);
        assertThat(c.chapters().get(0).verdict()).isNull();
    }

    @Test
    void chaptersAreNumberedByTheirPlaceInTheOutlineAndTheEditorialKeysComeFromIt() {
        ReportContent c = kb(ReportFixtures.small(), Editorial.EMPTY);
        assertThat(c.chapters())
                .extracting(ReportContent.Chapter::number)
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
        assertThat(c.chapters())
                .extracting(ReportContent.Chapter::key)
                .containsExactlyElementsOf(ReportOutline.keys(ReportKind.KVALITETSBERATTELSE));
        assertThat(ReportOutline.chapter(ReportKind.KVALITETSBERATTELSE, "inledning")
                        .orElseThrow()
                        .hasVerdict())
                .isFalse();
        // the management system's table lists the other parts by their numbers
        assertThat(c.chapters().get(1).tables().get(0).rows())
                .extracting(r -> r.cells().get(0))
                .containsExactly(
                        "3 Ledningssystemets grundläggande uppbyggnad: processer och rutiner",
                        "4 Samverkan",
                        "5 Systematiskt förbättringsarbete: utredning av avvikelser, klagomål och synpunkter",
                        "6 Riskanalyser",
                        "7 Egenkontroller",
                        "8 Personalens medverkan i kvalitetsarbetet");
    }

    @Test
    void anOverrideStandsWithItsJustificationAndFeedsTheManagementVerdict() {
        Fixture d = data(
                stats(4, 4, 0, 0, 0), ReadModels.Actions.NONE, new ReadModels.Egenkontroll(10, 9, 1, 1, Map.of(), 0));
        Map<String, Editorial.ChapterText> texts = new LinkedHashMap<>();
        for (String key : List.of("processer", "samverkan", "riskanalyser", "avvikelser", "personal")) {
            texts.put(key, new Editorial.ChapterText("Text för " + key, Level.MEETS, "Granskat av nämnden."));
        }
        ReportContent c = kb(d, new Editorial("Egen titel", "Sammanfattning", texts, List.of("Fokus 1")));
        Verdict risk = verdict(c, "riskanalyser");
        assertThat(risk.computed()).isEqualTo(Level.DOES_NOT_MEET);
        assertThat(risk.override()).isEqualTo(Level.MEETS);
        assertThat(risk.effective()).isEqualTo(Level.MEETS);
        assertThat(risk.justification()).isEqualTo("Granskat av nämnden.");
        assertThat(verdict(c, "ledningssystem").effective()).isEqualTo(Level.MEETS);
        assertThat(c.title()).isEqualTo("Egen titel");
        assertThat(c.focusAreas()).containsExactly("Fokus 1");
        assertThat(c.chapters().get(2).narrative()).isEqualTo("Text för processer");
    }

    @Test
    void patientsakerhetsberattelseIsDueFirstOfMarch() {
        Fixture d = data(stats(2, 2, 0, 0, 0), ReadModels.Actions.NONE, ReadModels.Egenkontroll.NONE);
        ReportContent c = ReportOutline.build(
                ReportKind.PATIENTSAKERHETSBERATTELSE, d, Editorial.EMPTY, VerdictPolicy.defaults());
        assertThat(c.dueDate()).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(c.title()).isEqualTo("Patientsäkerhetsberättelse 2025");
        assertThat(c.chapters())
                .extracting(ReportContent.Chapter::key)
                .containsExactly(
                        "inledning",
                        "ledningssystem",
                        "vardskador",
                        "egenkontroll",
                        "riskanalyser",
                        "samverkan",
                        "klagomal");
        assertThat(c.chapters())
                .extracting(ReportContent.Chapter::number)
                .containsExactly("1", "2", "3", "4", "5", "6", "7");
        // no lex Maria report at all: only partly (the reporting needs following up)
        assertThat(verdict(c, "vardskador").computed()).isEqualTo(Level.PARTLY);
    }
}
