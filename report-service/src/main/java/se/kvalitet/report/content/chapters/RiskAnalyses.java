package se.kvalitet.report.content.chapters;

import java.util.ArrayList;
import java.util.List;
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
import se.kvalitet.report.statistics.Share;

/** Riskanalyser (SOSFS 2011:9 5 kap. 1 §): assessments in the year covering enough of the units. */
public final class RiskAnalyses implements ReportChapter {

    private final String title;
    private final String regulation;

    public RiskAnalyses() {
        this("Riskanalyser", "SOSFS 2011:9 5 kap. 1 §");
    }

    public RiskAnalyses(String title, String regulation) {
        this.title = title;
        this.regulation = regulation;
    }

    @Override
    public String key() {
        return "riskanalyser";
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public String regulation() {
        return regulation;
    }

    @Override
    public Chapter build(ChapterInput in) {
        List<String> req = List.of(
                "Enligt 5 kap. 1 § SOSFS 2011:9 ska det fortlöpande bedömas om det finns risk för att händelser skulle kunna "
                        + "inträffa som kan medföra brister i verksamhetens kvalitet. För varje sådan händelse ska sannolikheten "
                        + "för att händelsen inträffar uppskattas och de negativa konsekvenser som skulle kunna bli följden bedömas.");
        ReadModels.Risks r = in.data().risks();
        int units = in.basis().leafUnits().size();
        Share coverage = Share.of(r.unitsCovered(), units);
        Level level = r.assessmentsInYear() == 0
                ? Level.DOES_NOT_MEET
                : ChapterInput.atLeast(coverage, in.policy().unitsCoveredMeets()) ? Level.MEETS : Level.PARTLY;
        String rule = "Uppfyller när riskbedömningar gjorts under året för minst "
                + ChapterInput.plain(in.policy().unitsCoveredMeets())
                + " % av enheterna (en analys för en avdelning täcker dess enheter); uppfyller delvis när riskbedömningar gjorts "
                + "men för färre enheter; uppfyller inte när inga riskbedömningar gjorts under året.";
        String basis = r.assessmentsInYear() + " riskbedömningar, " + r.unitsCovered() + " av " + units
                + " enheter täckta (" + coverage.text() + ")";
        List<TableRow> rows = new ArrayList<>();
        for (String c : List.of("LOW", "MEDIUM", "HIGH", "VERY_HIGH")) {
            rows.add(new TableRow(0, false, List.of(Labels.of(c), r.byClass().getOrDefault(c, 0L))));
        }
        rows.add(new TableRow(
                0,
                true,
                List.of(
                        "Totalt",
                        r.byClass().values().stream().mapToLong(Long::longValue).sum())));
        List<Fact> facts = List.of(
                new Fact("Riskbedömningar under året", Long.toString(r.assessmentsInYear())),
                new Fact("Bedömda risker", Long.toString(r.risksAssessed())),
                new Fact("Enheter som omfattas av riskanalys", r.unitsCovered() + " av " + units),
                new Fact("Öppna höga risker vid årets slut", Long.toString(r.openHighRisks())));
        return chapter(
                in,
                req,
                facts,
                List.of(new Table(
                        "riskmatris",
                        "Risker per riskklass vid årets slut",
                        Sources.REGISTRY,
                        List.of("Riskklass", "Antal"),
                        rows)),
                List.of(),
                Verdict.computed(level, rule, basis),
                List.of());
    }
}
