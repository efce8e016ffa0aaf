package se.kvalitet.report.content.chapters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import se.kvalitet.report.content.ChapterInput;
import se.kvalitet.report.content.Labels;
import se.kvalitet.report.content.ReadModels;
import se.kvalitet.report.content.ReportChapter;
import se.kvalitet.report.content.ReportContent.Chapter;
import se.kvalitet.report.content.ReportContent.Fact;
import se.kvalitet.report.content.ReportContent.Table;
import se.kvalitet.report.content.ReportContent.TableRow;
import se.kvalitet.report.content.Verdict;
import se.kvalitet.report.content.Verdict.Level;

/** Ledningssystemets grundläggande uppbyggnad: processer och rutiner (SOSFS 2011:9 4 kap. 2–4 §§). */
public final class Processes implements ReportChapter {

    @Override
    public String key() {
        return "processer";
    }

    @Override
    public String title() {
        return "Ledningssystemets grundläggande uppbyggnad: processer och rutiner";
    }

    @Override
    public String regulation() {
        return "SOSFS 2011:9 4 kap. 2–4 §§";
    }

    @Override
    public Chapter build(ChapterInput in) {
        List<String> req = List.of(
                "Enligt 4 kap. 2–4 §§ SOSFS 2011:9 ska de processer som behövs för att säkra verksamhetens kvalitet "
                        + "identifieras, beskrivas och fastställas. I varje process ska de aktiviteter som ingår identifieras och "
                        + "deras inbördes ordning bestämmas.",
                "För varje aktivitet ska de rutiner som behövs utarbetas och fastställas. Rutinerna ska beskriva ett bestämt "
                        + "tillvägagångssätt för hur aktiviteten ska utföras och ange hur ansvaret för utförandet är fördelat.");
        ReadModels.Documents docs = in.data().documents();
        List<ReadModels.CoverageRow> coverage = in.data().coverage();
        long processes = docs.inForce("PROCESS");
        long routines = docs.inForce("ROUTINE");
        long gaps = coverage.stream().mapToLong(c -> c.gaps().size()).sum();
        Level level = verdict(processes, routines, docs.reviewOverdue(), !coverage.isEmpty(), gaps);
        String rule = "Uppfyller när det finns fastställda processer och rutiner, ingen revidering är försenad och "
                + "kravtäckningen visar att inga tillämpliga krav saknar rutin; uppfyller delvis när det finns fastställda "
                + "processer eller rutiner men revideringar är försenade, krav saknar rutin eller kravtäckningen inte är "
                + "redovisad; annars uppfyller inte.";
        String basis = processes + " processer och " + routines + " rutiner gäller, " + docs.reviewOverdue()
                + " försenade revideringar, " + gaps + " krav utan rutin";
        List<Table> tables = new ArrayList<>();
        tables.add(documents(docs));
        if (!coverage.isEmpty()) {
            tables.add(coverage(coverage, gaps));
        }
        List<Fact> facts = List.of(
                new Fact("Fastställda eller reviderade under året", Long.toString(docs.approvedInYear())),
                new Fact("Upphävda under året", Long.toString(docs.withdrawnInYear())),
                new Fact("Försenade revideringar", Long.toString(docs.reviewOverdue())),
                new Fact("Krav utan rutin", Long.toString(gaps)));
        List<String> notes = coverage.isEmpty()
                ? List.of("Processregistret har inte redovisat någon kravtäckning för enheterna.")
                : List.of();
        return chapter(in, req, facts, tables, List.of(), Verdict.computed(level, rule, basis), notes);
    }

    static Level verdict(long processes, long routines, long reviewOverdue, boolean coverageReported, long gaps) {
        if (processes > 0 && routines > 0 && reviewOverdue == 0 && coverageReported && gaps == 0) {
            return Level.MEETS;
        }
        return processes > 0 || routines > 0 ? Level.PARTLY : Level.DOES_NOT_MEET;
    }

    private static Table documents(ReadModels.Documents docs) {
        List<TableRow> rows = new ArrayList<>();
        for (String type : List.of("PROCESS", "ROUTINE", "GUIDELINE", "CHECKLIST", "COOPERATION_AGREEMENT")) {
            rows.add(new TableRow(0, false, List.of(Labels.of(type), docs.inForce(type))));
        }
        for (Map.Entry<String, Long> c : docs.processesByCategory().entrySet()) {
            rows.add(new TableRow(1, false, List.of(Labels.of(c.getKey()), c.getValue())));
        }
        rows.add(new TableRow(0, true, List.of("Totalt", docs.inForce())));
        return new Table(
                "styrdokument",
                "Gällande styrdokument vid årets slut",
                Sources.REGISTRY,
                List.of("Typ", "Antal"),
                rows);
    }

    private static Table coverage(List<ReadModels.CoverageRow> coverage, long gaps) {
        List<TableRow> rows = new ArrayList<>();
        for (ReadModels.CoverageRow c : coverage) {
            rows.add(new TableRow(
                    0,
                    false,
                    List.of(
                            c.unitName() == null ? Labels.MISSING : c.unitName(),
                            c.applicable(),
                            c.covered(),
                            c.gaps().size(),
                            String.join(", ", c.gaps()))));
        }
        long applicable =
                coverage.stream().mapToLong(ReadModels.CoverageRow::applicable).sum();
        long covered =
                coverage.stream().mapToLong(ReadModels.CoverageRow::covered).sum();
        rows.add(new TableRow(0, true, List.of("Totalt", applicable, covered, gaps, "")));
        return new Table(
                "kravtackning",
                "Tillämpliga krav med och utan rutin per enhet",
                Sources.REGISTRY,
                List.of("Enhet", "Tillämpliga krav", "Med rutin", "Utan rutin", "Krav utan rutin"),
                rows);
    }
}
