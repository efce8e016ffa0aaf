package se.kvalitet.report.content.chapters;

import java.util.List;
import se.kvalitet.report.content.ChapterInput;
import se.kvalitet.report.content.ReadModels;
import se.kvalitet.report.content.ReportChapter;
import se.kvalitet.report.content.ReportContent.Chapter;
import se.kvalitet.report.content.ReportContent.Fact;
import se.kvalitet.report.content.Verdict;
import se.kvalitet.report.content.Verdict.Level;

/** Samverkan (SOSFS 2011:9 4 kap. 5 §): documented cooperation, none overdue for review. */
public final class Cooperation implements ReportChapter {

    private final String title;
    private final String regulation;

    public Cooperation() {
        this("Samverkan", "SOSFS 2011:9 4 kap. 5 §");
    }

    public Cooperation(String title, String regulation) {
        this.title = title;
        this.regulation = regulation;
    }

    @Override
    public String key() {
        return "samverkan";
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
                "Enligt 4 kap. 5 § SOSFS 2011:9 ska de processer identifieras där det behövs samverkan för att säkra "
                        + "kvaliteten. Det ska framgå av processerna och rutinerna hur samverkan ska bedrivas i den egna "
                        + "verksamheten och säkerställas att samverkan möjliggörs med andra verksamheter inom socialtjänsten, "
                        + "vårdgivare, myndigheter, föreningar och andra organisationer.");
        ReadModels.Documents docs = in.data().documents();
        Level level = docs.cooperationInForce() > 0 && docs.cooperationReviewOverdue() == 0
                ? Level.MEETS
                : docs.cooperationInForce() > 0 ? Level.PARTLY : Level.DOES_NOT_MEET;
        String rule =
                "Uppfyller när det finns gällande samverkansöverenskommelser eller processer och rutiner som anger "
                        + "samverkan och ingen av dem har försenad revidering; uppfyller delvis när någon revidering är försenad; "
                        + "uppfyller inte när samverkan inte är dokumenterad.";
        String basis = docs.cooperationInForce() + " gällande styrdokument anger samverkan, "
                + docs.cooperationReviewOverdue() + " med försenad revidering";
        List<Fact> facts = List.of(
                new Fact("Gällande samverkansöverenskommelser", Long.toString(docs.inForce("COOPERATION_AGREEMENT"))),
                new Fact("Styrdokument som anger samverkan", Long.toString(docs.cooperationInForce())),
                new Fact("Varav med försenad revidering", Long.toString(docs.cooperationReviewOverdue())));
        return chapter(in, req, facts, List.of(), List.of(), Verdict.computed(level, rule, basis), List.of());
    }
}
