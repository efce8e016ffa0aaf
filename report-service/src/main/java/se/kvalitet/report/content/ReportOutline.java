package se.kvalitet.report.content;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.kvalitet.events.report.ReportKind;
import se.kvalitet.report.content.ReportContent.Chapter;
import se.kvalitet.report.content.chapters.CareInjuries;
import se.kvalitet.report.content.chapters.Complaints;
import se.kvalitet.report.content.chapters.Cooperation;
import se.kvalitet.report.content.chapters.Deviations;
import se.kvalitet.report.content.chapters.EgenkontrollChapter;
import se.kvalitet.report.content.chapters.Introduction;
import se.kvalitet.report.content.chapters.ManagementSystem;
import se.kvalitet.report.content.chapters.Processes;
import se.kvalitet.report.content.chapters.PslIntroduction;
import se.kvalitet.report.content.chapters.RiskAnalyses;
import se.kvalitet.report.content.chapters.StaffParticipation;

/**
 * The chapters of each kind of report, in order: the one list of chapters. A chapter's number is
 * its place here; the editorial validation and every output take the chapters from here.
 */
public final class ReportOutline {

    /** The kvalitetsberättelse after SOSFS 2011:9 (and seed 003's chapters). */
    static final List<ReportChapter> KVALITETSBERATTELSE = List.of(
            new Introduction(),
            new ManagementSystem(),
            new Processes(),
            new Cooperation(),
            new Deviations(),
            new RiskAnalyses(),
            new EgenkontrollChapter(),
            new StaffParticipation());

    /** The patientsäkerhetsberättelse after patientsäkerhetslagen 3 kap. 10 §. */
    static final List<ReportChapter> PATIENTSAKERHETSBERATTELSE = List.of(
            new PslIntroduction(),
            new ManagementSystem(
                    "Organisatoriskt ansvar för patientsäkerhetsarbetet",
                    "PSL 3 kap. 1 och 9–10 §§; SOSFS 2011:9 3 kap."),
            new CareInjuries(),
            new EgenkontrollChapter("Uppföljning genom egenkontroll", "PSL 3 kap. 10 §; HSLF-FS 2017:40 3 kap. 1 §"),
            new RiskAnalyses("Riskanalys", "PSL 3 kap. 10 §; SOSFS 2011:9 5 kap. 1 §"),
            new Cooperation("Samverkan för att förebygga vårdskador", "HSLF-FS 2017:40 3 kap. 1 §"),
            new Complaints());

    private ReportOutline() {}

    public static List<ReportChapter> chapters(ReportKind kind) {
        return kind == ReportKind.KVALITETSBERATTELSE ? KVALITETSBERATTELSE : PATIENTSAKERHETSBERATTELSE;
    }

    public static List<String> keys(ReportKind kind) {
        return chapters(kind).stream().map(ReportChapter::key).toList();
    }

    public static Optional<ReportChapter> chapter(ReportKind kind, String key) {
        return chapters(kind).stream().filter(c -> c.key().equals(key)).findFirst();
    }

    public static String defaultTitle(ReportKind kind, int year) {
        return (kind == ReportKind.KVALITETSBERATTELSE ? "Kvalitetsberättelse " : "Patientsäkerhetsberättelse ") + year;
    }

    /** A patientsäkerhetsberättelse is due 1 March the year after (PSL 3 kap. 10 §); a kvalitetsberättelse has no date. */
    public static LocalDate dueDate(ReportKind kind, int year) {
        return kind == ReportKind.PATIENTSAKERHETSBERATTELSE ? LocalDate.of(year + 1, 3, 1) : null;
    }

    /**
     * The report: every chapter built in outline order (those summing up the others last, from the
     * others as overridden), numbered by its place, with the quality team's narrative and override.
     */
    public static ReportContent build(ReportKind kind, ReadModels data, Editorial editorial, VerdictPolicy policy) {
        List<ReportChapter> outline = chapters(kind);
        Chapter[] built = new Chapter[outline.size()];
        for (int i = 0; i < outline.size(); i++) {
            if (!outline.get(i).summarisesOthers()) {
                built[i] = withEditorial(
                        outline.get(i).build(new ChapterInput(number(i), data, policy, List.of())), editorial);
            }
        }
        for (int i = 0; i < outline.size(); i++) {
            if (outline.get(i).summarisesOthers()) {
                List<Chapter> parts = new ArrayList<>();
                for (int j = 0; j < outline.size(); j++) {
                    if (j != i && built[j] != null && built[j].verdict() != null) {
                        parts.add(built[j]);
                    }
                }
                built[i] = withEditorial(
                        outline.get(i).build(new ChapterInput(number(i), data, policy, parts)), editorial);
            }
        }
        for (int i = 0; i < built.length; i++) {
            built[i] = withMissingNotes(built[i]);
        }
        ReportData d = data.basis();
        String title = editorial.title() != null ? editorial.title() : defaultTitle(kind, d.year());
        String regulation = kind == ReportKind.KVALITETSBERATTELSE
                ? "SOSFS 2011:9"
                : "Patientsäkerhetslagen (2010:659) 3 kap. 10 §";
        return new ReportContent(
                kind,
                title,
                d.year(),
                d.orgUnitId(),
                d.orgUnitName(),
                d.from(),
                d.to(),
                regulation,
                dueDate(kind, d.year()),
                editorial.summary(),
                List.of(built),
                editorial.focusAreas(),
                d.statistics());
    }

    private static String number(int index) {
        return Integer.toString(index + 1);
    }

    /** Every table with a ".." gets the note saying what it means, printed with the table (on its pages). */
    static Chapter withMissingNotes(Chapter c) {
        List<ReportContent.Table> tables = c.tables().stream()
                .map(t -> t.rows().stream().anyMatch(r -> r.cells().contains(Labels.MISSING))
                                && !t.notes().contains(Labels.MISSING_NOTE)
                        ? t.withNote(Labels.MISSING_NOTE)
                        : t)
                .toList();
        return new Chapter(
                c.key(),
                c.number(),
                c.title(),
                c.regulation(),
                c.requirement(),
                c.facts(),
                tables,
                c.charts(),
                c.verdict(),
                c.narrative(),
                c.notes());
    }

    /** The chapter with the editorial narrative and verdict override (with its justification) applied. */
    static Chapter withEditorial(Chapter c, Editorial e) {
        Map<String, Editorial.ChapterText> texts = e.chapters();
        Editorial.ChapterText text = texts.get(c.key());
        if (text == null) {
            return c;
        }
        Verdict v = c.verdict();
        if (v != null && text.verdictOverride() != null) {
            v = v.overriddenBy(text.verdictOverride(), text.justification());
        }
        return new Chapter(
                c.key(),
                c.number(),
                c.title(),
                c.regulation(),
                c.requirement(),
                c.facts(),
                c.tables(),
                c.charts(),
                v,
                text.narrative(),
                c.notes());
    }
}
