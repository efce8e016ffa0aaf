package se.kvalitet.report.content.chapters;

import java.util.ArrayList;
import java.util.List;
import se.kvalitet.report.content.ChapterInput;
import se.kvalitet.report.content.Labels;
import se.kvalitet.report.content.ReportChapter;
import se.kvalitet.report.content.ReportContent.Chapter;
import se.kvalitet.report.content.ReportContent.Fact;
import se.kvalitet.report.content.ReportContent.Table;
import se.kvalitet.report.content.ReportContent.TableRow;
import se.kvalitet.report.content.ReportData;
import se.kvalitet.report.content.Verdict;
import se.kvalitet.report.content.Verdict.Level;
import se.kvalitet.report.statistics.DeviationStatistics;
import se.kvalitet.report.statistics.Share;

/** Personalens medverkan i kvalitetsarbetet (SOSFS 2011:9 6 kap.): reports from enough of the units. */
public final class StaffParticipation implements ReportChapter {

    @Override
    public String key() {
        return "personal";
    }

    @Override
    public String title() {
        return "Personalens medverkan i kvalitetsarbetet";
    }

    @Override
    public String regulation() {
        return "SOSFS 2011:9 6 kap.";
    }

    @Override
    public Chapter build(ChapterInput in) {
        List<String> req = List.of(
                "Enligt 6 kap. SOSFS 2011:9 ska personalen arbeta i enlighet med de processer och rutiner som ingår i "
                        + "ledningssystemet och medverka i kvalitetsarbetet. Var och en som fullgör uppgifter inom socialtjänsten "
                        + "är skyldig att medverka i verksamhetens kvalitetsarbete (14 kap. 2 § socialtjänstlagen, 24 a § LSS).");
        ReportData d = in.basis();
        long reporting = d.leafUnits().stream().filter(u -> u.reports() > 0).count();
        Share share = Share.of(reporting, d.leafUnits().size());
        Level level = ChapterInput.atLeast(share, in.policy().unitsCoveredMeets())
                ? Level.MEETS
                : ChapterInput.atLeast(share, in.policy().unitsCoveredPartly()) ? Level.PARTLY : Level.DOES_NOT_MEET;
        String rule = "Uppfyller när avvikelser har rapporterats från minst "
                + ChapterInput.plain(in.policy().unitsCoveredMeets())
                + " % av enheterna under året; uppfyller delvis vid minst "
                + ChapterInput.plain(in.policy().unitsCoveredPartly())
                + " %; annars uppfyller inte. (En enhet utan rapporter tyder oftare på att rapporteringen brister än på "
                + "att inget har hänt.)";
        String basis = reporting + " av " + d.leafUnits().size() + " enheter har rapporterat (" + share.text() + ")";
        DeviationStatistics s = d.statistics();
        List<Fact> facts = List.of(
                new Fact("Rapporter från medarbetare", Long.toString(s.staffReported())),
                new Fact("Rapporter från verksamhetssystem", Long.toString(s.reports() - s.staffReported())),
                new Fact(
                        "Enheter med minst en rapport",
                        reporting + " av " + d.leafUnits().size()));
        List<TableRow> rows = new ArrayList<>();
        for (ReportData.Unit u : d.leafUnits()) {
            rows.add(new TableRow(
                    0,
                    false,
                    List.of(
                            u.name() == null ? Labels.MISSING : u.name(),
                            u.reportsYearBefore(),
                            u.reports(),
                            u.reports() - u.reportsYearBefore())));
        }
        Table perUnit = new Table(
                "rapporter-per-enhet",
                "Rapporterade avvikelser per enhet " + d.year() + " och " + (d.year() - 1),
                Sources.DEVIATIONS,
                List.of("Enhet", Integer.toString(d.year() - 1), Integer.toString(d.year()), "Förändring"),
                rows);
        return chapter(in, req, facts, List.of(perUnit), List.of(), Verdict.computed(level, rule, basis), List.of());
    }
}
