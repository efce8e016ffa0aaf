package se.kvalitet.report.content;

import java.util.List;
import se.kvalitet.report.content.ReportContent.Chapter;
import se.kvalitet.report.content.ReportContent.Chart;
import se.kvalitet.report.content.ReportContent.Fact;
import se.kvalitet.report.content.ReportContent.Table;

/**
 * One chapter of a yearly report: what the rule requires, what was done (from {@link ReadModels}),
 * and the verdict by the rule it states. A chapter does not know its number: {@link ReportOutline}
 * lists the chapters of each kind of report in order and numbers them by their place. Adding a
 * chapter is one class implementing this, its test, and one line in {@link ReportOutline}.
 */
public interface ReportChapter {

    /** The key the editorial text names it by (stable, lowercase). */
    String key();

    String title();

    /** The paragraphs it answers, e.g. "SOSFS 2011:9 5 kap. 1 §". */
    String regulation();

    /** Whether it carries a verdict (the introduction does not). */
    default boolean hasVerdict() {
        return true;
    }

    /** Whether it sums up the other chapters' verdicts, and so is built after them ({@link ChapterInput#parts()}). */
    default boolean summarisesOthers() {
        return false;
    }

    /** The chapter without editorial text (the outline adds the narrative and any override). */
    Chapter build(ChapterInput in);

    /** A chapter with this one's key, title and regulation. */
    default Chapter chapter(
            ChapterInput in,
            List<String> requirement,
            List<Fact> facts,
            List<Table> tables,
            List<Chart> charts,
            Verdict verdict,
            List<String> notes) {
        return new Chapter(
                key(), in.number(), title(), regulation(), requirement, facts, tables, charts, verdict, null, notes);
    }
}
