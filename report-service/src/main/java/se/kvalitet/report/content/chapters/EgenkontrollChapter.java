package se.kvalitet.report.content.chapters;

import java.util.ArrayList;
import java.util.List;
import se.kvalitet.report.content.ChapterInput;
import se.kvalitet.report.content.Labels;
import se.kvalitet.report.content.ReadModels;
import se.kvalitet.report.content.ReportChapter;
import se.kvalitet.report.content.ReportContent.Chapter;
import se.kvalitet.report.content.ReportContent.Chart;
import se.kvalitet.report.content.ReportContent.Fact;
import se.kvalitet.report.content.ReportContent.Table;
import se.kvalitet.report.content.ReportContent.TableRow;
import se.kvalitet.report.content.Verdict;
import se.kvalitet.report.content.Verdict.Level;
import se.kvalitet.report.statistics.Share;

/**
 * Egenkontroller (SOSFS 2011:9 5 kap. 2 §): planned checks carried out, and the indicators
 * (nyckeltal) with their målvärden and outcomes as followup-service evaluated them.
 */
public final class EgenkontrollChapter implements ReportChapter {

    private final String title;
    private final String regulation;

    public EgenkontrollChapter() {
        this("Egenkontroller", "SOSFS 2011:9 5 kap. 2 §");
    }

    public EgenkontrollChapter(String title, String regulation) {
        this.title = title;
        this.regulation = regulation;
    }

    @Override
    public String key() {
        return "egenkontroll";
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
                "Enligt 5 kap. 2 § SOSFS 2011:9 ska egenkontroll utövas med den frekvens och i den omfattning som krävs för "
                        + "att kunna säkra verksamhetens kvalitet.",
                "Egenkontrollen kan innefatta jämförelser av verksamhetens resultat med uppgifter i öppna jämförelser och med "
                        + "tidigare resultat, brukarundersökningar, granskning av journaler och akter och annan dokumentation.");
        ReadModels.Egenkontroll k = in.data().egenkontroll();
        List<ReadModels.Indicator> indicators = in.data().indicators();
        Share done = Share.of(k.executed(), k.planned());
        List<Table> tables = new ArrayList<>();
        tables.add(results(k, in.year()));
        List<Chart> charts = new ArrayList<>();
        if (!indicators.isEmpty()) {
            tables.add(IndicatorTables.overview(indicators, in.year()));
            Table perUnit = IndicatorTables.perUnit(indicators, in.year());
            if (!perUnit.rows().isEmpty()) {
                tables.add(perUnit);
            }
            charts.addAll(IndicatorTables.charts(indicators, in.year()));
        }
        List<String> notes = indicators.isEmpty()
                ? List.of()
                : List.of(
                        "Nyckeltalen, deras målvärden och utfall är uppföljningstjänstens: ett värde jämförs avrundat till "
                                + "nyckeltalets decimaler, och en avdelnings värde räknas från enheternas täljare och nämnare (andelar) "
                                + "eller antal svar (skalor), aldrig som medelvärde av andelar. Kvinnor och män visas där uppgifterna "
                                + "finns uppdelade. Ett nyckeltal vars namn ännu inte publicerats visas med sin identitet.");
        return chapter(in, req, facts(k, done, indicators), tables, charts, verdict(in, k, done), notes);
    }

    private static Verdict verdict(ChapterInput in, ReadModels.Egenkontroll k, Share done) {
        Level level = k.planned() == 0
                ? Level.DOES_NOT_MEET
                : ChapterInput.atLeast(done, in.policy().egenkontrollMeets())
                        ? Level.MEETS
                        : ChapterInput.atLeast(done, in.policy().egenkontrollPartly())
                                ? Level.PARTLY
                                : Level.DOES_NOT_MEET;
        String rule = "Uppfyller när minst " + ChapterInput.plain(in.policy().egenkontrollMeets())
                + " % av de egenkontroller "
                + "som planerats under året har genomförts; uppfyller delvis vid minst "
                + ChapterInput.plain(in.policy().egenkontrollPartly()) + " %; uppfyller inte vid färre eller när inga "
                + "egenkontroller planerats.";
        String basis =
                k.executed() + " av " + k.planned() + " planerade egenkontroller genomförda (" + done.text() + ")";
        return Verdict.computed(level, rule, basis);
    }

    private static Table results(ReadModels.Egenkontroll k, int year) {
        List<TableRow> rows = new ArrayList<>();
        for (String r : List.of("APPROVED", "PARTLY_APPROVED", "NOT_APPROVED")) {
            rows.add(new TableRow(0, false, List.of(Labels.of(r), k.byResult().getOrDefault(r, 0L))));
        }
        rows.add(new TableRow(0, false, List.of("Inte genomförda", k.notExecuted())));
        rows.add(new TableRow(0, true, List.of("Planerade totalt", k.planned())));
        return new Table(
                "egenkontroller",
                "Egenkontroller " + year + " efter resultat",
                Sources.FOLLOWUP,
                List.of("Resultat", "Antal"),
                rows);
    }

    private static List<Fact> facts(ReadModels.Egenkontroll k, Share done, List<ReadModels.Indicator> indicators) {
        long missed =
                indicators.stream().filter(ReadModels.Indicator::targetMissed).count();
        long met = indicators.stream().filter(i -> "MET".equals(i.outcome())).count();
        return List.of(
                new Fact("Planerade egenkontroller", Long.toString(k.planned())),
                new Fact("Genomförda", k.executed() + " (" + done.text() + ")"),
                new Fact("Genomförda efter planerad tidpunkt", Long.toString(k.executedLate())),
                new Fact("Avvikelser funna vid egenkontroll", Long.toString(k.deviationsFound())),
                new Fact("Nyckeltal som följts upp", Long.toString(indicators.size())),
                new Fact("Nyckeltal som nådde målvärdet", Long.toString(met)),
                new Fact("Nyckeltal som inte nådde målvärdet", Long.toString(missed)));
    }
}
