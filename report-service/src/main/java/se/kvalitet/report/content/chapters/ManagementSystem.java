package se.kvalitet.report.content.chapters;

import java.util.ArrayList;
import java.util.List;
import se.kvalitet.report.content.ChapterInput;
import se.kvalitet.report.content.ReadModels;
import se.kvalitet.report.content.ReportChapter;
import se.kvalitet.report.content.ReportContent.Chapter;
import se.kvalitet.report.content.ReportContent.Fact;
import se.kvalitet.report.content.ReportContent.Table;
import se.kvalitet.report.content.ReportContent.TableRow;
import se.kvalitet.report.content.Verdict;
import se.kvalitet.report.content.Verdict.Level;

/**
 * Ansvar för och användning av ledningssystemet (SOSFS 2011:9 3 kap.): the management system is
 * used when its parts are, so the verdict follows the other chapters' verdicts (after overrides).
 */
public final class ManagementSystem implements ReportChapter {

    private final String title;
    private final String regulation;

    public ManagementSystem() {
        this("Ansvar för och användning av ledningssystemet", "SOSFS 2011:9 3 kap. 1–3 §§");
    }

    public ManagementSystem(String title, String regulation) {
        this.title = title;
        this.regulation = regulation;
    }

    @Override
    public String key() {
        return "ledningssystem";
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
    public boolean summarisesOthers() {
        return true;
    }

    @Override
    public Chapter build(ChapterInput in) {
        List<String> req = List.of(
                "Enligt 3 kap. 1–3 §§ SOSFS 2011:9 ska det finnas ett ledningssystem för verksamheten som används för att "
                        + "systematiskt och fortlöpande utveckla och säkra verksamhetens kvalitet.",
                "Med stöd av ledningssystemet ska verksamheten planeras, ledas, kontrolleras, följas upp, utvärderas och "
                        + "förbättras, och det ska framgå hur uppgifterna i kvalitetsarbetet är fördelade i verksamheten.");
        List<Chapter> parts = in.parts();
        long meets = parts.stream()
                .filter(c -> c.verdict().effective() == Level.MEETS)
                .count();
        long not = parts.stream()
                .filter(c -> c.verdict().effective() == Level.DOES_NOT_MEET)
                .count();
        Level level =
                meets == parts.size() ? Level.MEETS : not * 2 >= parts.size() ? Level.DOES_NOT_MEET : Level.PARTLY;
        String rule = "Uppfyller när samtliga övriga delar uppfyller kraven; uppfyller inte när hälften "
                + "eller fler delar inte uppfyller; annars uppfyller delvis. Bedömningarna efter kvalitetsteamets ändringar räknas.";
        String basis = meets + " av " + parts.size() + " delar uppfyller, " + not + " uppfyller inte";
        List<TableRow> rows = new ArrayList<>();
        for (Chapter c : parts) {
            rows.add(new TableRow(
                    0,
                    false,
                    List.of(
                            c.number() + " " + c.title(),
                            c.verdict().effective().label())));
        }
        Table verdicts = new Table(
                "bedomningar",
                "Bedömning per del av föreskrifterna",
                Sources.THIS_REPORT,
                List.of("Del", "Bedömning"),
                rows);
        ReadModels.Initiatives initiatives = in.data().initiatives();
        List<Fact> facts = List.of(
                new Fact("Kvalitetsinsatser genomförda under året", Long.toString(initiatives.done())),
                new Fact("Kvalitetsinsatser inte genomförda", Long.toString(initiatives.notDone())),
                new Fact("Kvalitetsinsatser försenade", Long.toString(initiatives.overdue())));
        return chapter(in, req, facts, List.of(verdicts), List.of(), Verdict.computed(level, rule, basis), List.of());
    }
}
