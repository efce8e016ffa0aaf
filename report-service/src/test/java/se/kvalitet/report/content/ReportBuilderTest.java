package se.kvalitet.report.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.kvalitet.events.report.ReportKind;
import se.kvalitet.report.content.Verdict.Level;
import se.kvalitet.report.statistics.DeviationStatistics;
import se.kvalitet.report.statistics.Share;
import se.kvalitet.report.statistics.StatisticsBits;

/** The chapters' verdict rules and the editorial overrides, on hand-made data (no Quarkus, no database). */
class ReportBuilderTest {

    static final UUID ROOT = UUID.randomUUID();

    static DeviationStatistics stats(long reports, long triaged, long sarah, long sarahReportable, long sarahNotified) {
        Map<String, Long> counts = new LinkedHashMap<>();
        StatisticsBits.CATEGORIES.forEach(c -> counts.put(c, 0L));
        counts.put("LEX_SARAH", sarah);
        counts.put("OTHER_DEVIATION", reports - sarah);
        Map<String, Share> shares = new LinkedHashMap<>();
        StatisticsBits.CATEGORIES.forEach(c -> shares.put(c, Share.of(counts.get(c), reports)));
        List<DeviationStatistics.Authority> authority = List.of(
                new DeviationStatistics.Authority("LEX_SARAH", "IVO", sarah, sarahReportable, sarahNotified, sarahNotified, 0,
                        Share.of(sarahNotified, sarah), Share.of(sarahNotified, sarahNotified)),
                new DeviationStatistics.Authority("LEX_MARIA", "IVO", 0, 0, 0, 0, 0, Share.of(0, 0), Share.of(0, 0)),
                new DeviationStatistics.Authority("PERSONAL_DATA_BREACH", "IMY", 0, 0, 0, 0, 0, Share.of(0, 0), Share.of(0, 0)));
        return new DeviationStatistics(ROOT, "Nämnden", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31), List.of(),
                List.of(new DeviationStatistics.Row(ROOT, null, "Nämnden", "BOARD", 0, counts, reports)), reports, reports,
                reports, triaged, 0, reports, 0, shares, authority, List.of(), List.of());
    }

    static ReportData data(DeviationStatistics s, ReportData.Actions actions, ReportData.Egenkontroll egenkontroll,
            List<ReportData.Unit> units) {
        return new ReportData(ROOT, "Nämnden", 2025, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31), s, stats(0, 0, 0, 0, 0),
                units, Map.of(), Map.of("LEX_MARIA", Map.of()), actions, Map.of(),
                new ReportData.Documents(Map.of(), Map.of(), 0, 0, 0, 0, 0), List.of(),
                new ReportData.Risks(0, 0, Map.of(), 0, 0), egenkontroll, List.of(), new ReportData.Initiatives(0, 0, 0));
    }

    static final List<ReportData.Unit> UNITS = List.of(new ReportData.Unit(UUID.randomUUID(), "A", 3),
            new ReportData.Unit(UUID.randomUUID(), "B", 1), new ReportData.Unit(UUID.randomUUID(), "C", 0),
            new ReportData.Unit(UUID.randomUUID(), "D", 0));

    static Verdict verdict(ReportContent c, String key) {
        return c.chapters().stream().filter(ch -> ch.key().equals(key)).findFirst().orElseThrow().verdict();
    }

    final ReportBuilder builder = new ReportBuilder(VerdictPolicy.defaults());

    @Test
    void deviationChapterMeetsOnlyWhenTriagedNotifiedAndActedOnTime() {
        ReportData good = data(stats(10, 10, 2, 1, 1), new ReportData.Actions(10, 9, 8, 5, 4),
                new ReportData.Egenkontroll(10, 9, 0, 1, Map.of(), 0), UNITS);
        assertThat(verdict(builder.kvalitetsberattelse(good, Editorial.EMPTY), "avvikelser").computed()).isEqualTo(Level.MEETS);
        ReportData late = data(stats(10, 10, 2, 1, 0), new ReportData.Actions(10, 9, 7, 5, 4),
                new ReportData.Egenkontroll(10, 9, 0, 1, Map.of(), 0), UNITS);
        Verdict v = verdict(builder.kvalitetsberattelse(late, Editorial.EMPTY), "avvikelser");
        assertThat(v.computed()).isEqualTo(Level.PARTLY);
        assertThat(v.basis()).contains("10 av 10 rapporter bedömda", "Lex Sarah 0/1", "70 %");
        ReportData none = data(stats(0, 0, 0, 0, 0), new ReportData.Actions(0, 0, 0, 0, 0),
                new ReportData.Egenkontroll(0, 0, 0, 0, Map.of(), 0), UNITS);
        assertThat(verdict(builder.kvalitetsberattelse(none, Editorial.EMPTY), "avvikelser").computed())
                .isEqualTo(Level.DOES_NOT_MEET);
    }

    @Test
    void egenkontrollAndStaffThresholdsAndTheDerivedManagementVerdict() {
        ReportData d = data(stats(4, 4, 0, 0, 0), new ReportData.Actions(0, 0, 0, 0, 0),
                new ReportData.Egenkontroll(10, 9, 1, 1, Map.of("APPROVED", 9L), 2), UNITS);
        ReportContent c = builder.kvalitetsberattelse(d, Editorial.EMPTY);
        assertThat(verdict(c, "egenkontroll").computed()).isEqualTo(Level.MEETS);
        assertThat(verdict(c, "personal").computed()).isEqualTo(Level.PARTLY); // 2 of 4 units reported: 50 %
        assertThat(verdict(c, "riskanalyser").computed()).isEqualTo(Level.DOES_NOT_MEET);
        assertThat(verdict(c, "processer").computed()).isEqualTo(Level.DOES_NOT_MEET);
        // 3 kap.: of six parts, three do not meet (processes, cooperation, risk): half or more → does not meet
        assertThat(verdict(c, "ledningssystem").computed()).isEqualTo(Level.DOES_NOT_MEET);
        ReportData half = data(stats(4, 4, 0, 0, 0), new ReportData.Actions(0, 0, 0, 0, 0),
                new ReportData.Egenkontroll(10, 4, 0, 6, Map.of(), 0), UNITS);
        assertThat(verdict(builder.kvalitetsberattelse(half, Editorial.EMPTY), "egenkontroll").computed())
                .isEqualTo(Level.DOES_NOT_MEET);
        assertThat(c.chapters()).extracting(ReportContent.Chapter::number)
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
        assertThat(c.chapters().get(0).verdict()).isNull();
    }

    @Test
    void anOverrideStandsWithItsJustificationAndFeedsTheManagementVerdict() {
        ReportData d = data(stats(4, 4, 0, 0, 0), new ReportData.Actions(0, 0, 0, 0, 0),
                new ReportData.Egenkontroll(10, 9, 1, 1, Map.of(), 0), UNITS);
        Map<String, Editorial.ChapterText> texts = new LinkedHashMap<>();
        for (String key : List.of("processer", "samverkan", "riskanalyser", "avvikelser", "personal")) {
            texts.put(key, new Editorial.ChapterText("Text för " + key, Level.MEETS, "Granskat av nämnden."));
        }
        ReportContent c = builder.kvalitetsberattelse(d, new Editorial("Egen titel", "Sammanfattning", texts,
                List.of("Fokus 1")));
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
        ReportData d = data(stats(2, 2, 0, 0, 0), new ReportData.Actions(0, 0, 0, 0, 0),
                new ReportData.Egenkontroll(0, 0, 0, 0, Map.of(), 0), UNITS);
        ReportContent c = builder.build(ReportKind.PATIENTSAKERHETSBERATTELSE, d, Editorial.EMPTY);
        assertThat(c.dueDate()).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(c.title()).isEqualTo("Patientsäkerhetsberättelse 2025");
        assertThat(c.chapters()).extracting(ReportContent.Chapter::key).containsExactly("inledning", "ledningssystem",
                "vardskador", "egenkontroll", "riskanalyser", "samverkan", "klagomal");
        // no lex Maria report at all: only partly (the reporting needs following up)
        assertThat(verdict(c, "vardskador").computed()).isEqualTo(Level.PARTLY);
    }
}
