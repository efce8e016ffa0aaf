package se.kvalitet.report.content.chapters;

import java.util.List;
import se.kvalitet.report.content.ChapterInput;
import se.kvalitet.report.content.ReportChapter;
import se.kvalitet.report.content.ReportContent.Chapter;
import se.kvalitet.report.content.ReportContent.Fact;
import se.kvalitet.report.content.Verdict;
import se.kvalitet.report.content.Verdict.Level;
import se.kvalitet.report.statistics.DeviationStatistics;

/** Klagomål och synpunkter (PSL 3 kap. 8 §; SOSFS 2011:9 5 kap. 3–5 §§): received and every report assessed. */
public final class Complaints implements ReportChapter {

    @Override
    public String key() {
        return "klagomal";
    }

    @Override
    public String title() {
        return "Klagomål och synpunkter";
    }

    @Override
    public String regulation() {
        return "PSL 3 kap. 8 §; SOSFS 2011:9 5 kap. 3–5 §§";
    }

    @Override
    public Chapter build(ChapterInput in) {
        List<String> req = List.of(
                "Enligt 3 kap. 8 § patientsäkerhetslagen och 5 kap. 3–5 §§ SOSFS 2011:9 ska klagomål och synpunkter från "
                        + "patienter, närstående och andra tas emot och utredas, och de ska användas i arbetet med att förbättra "
                        + "verksamheten.");
        DeviationStatistics s = in.basis().statistics();
        long complaints = DeviationTables.rootCounts(s).getOrDefault("COMPLAINT", 0L);
        Level level = complaints == 0 ? Level.PARTLY : s.triaged() == s.reports() ? Level.MEETS : Level.PARTLY;
        String rule = "Uppfyller när klagomål och synpunkter har tagits emot och varje rapport under året har bedömts; "
                + "uppfyller delvis när inga klagomål tagits emot (mottagandet behöver då följas upp) eller rapporter är obedömda.";
        String basis =
                complaints + " klagomål och synpunkter, " + s.triaged() + " av " + s.reports() + " rapporter bedömda";
        return chapter(
                in,
                req,
                List.of(new Fact("Klagomål och synpunkter", Long.toString(complaints))),
                List.of(),
                List.of(),
                Verdict.computed(level, rule, basis),
                List.of());
    }
}
