package se.kvalitet.report.content;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import se.kvalitet.events.followup.TargetComparison;
import se.kvalitet.report.statistics.DeviationStatistics;
import se.kvalitet.report.statistics.Share;
import se.kvalitet.report.statistics.StatisticsBits;

/**
 * Read models in memory for the document tests, in three sizes: a small report (one department, two
 * units), the demo report (seed 003's published Figur 5.1: 415 reports over 13 units in 3
 * departments, 37 personal data breaches of 391 deviations = 9,5 %, with followup's demo indicators
 * in every scale, women and men where split) and a wide one (every category, 40 units with long
 * names, many indicators).
 */
public final class ReportFixtures {

    static final int YEAR = 2025;

    private ReportFixtures() {}

    /** Read models handed over as they are; every part has a default. */
    public record Fixture(
            ReportData basis,
            Map<String, Long> rootCauses,
            Map<String, Map<String, Long>> assessments,
            ReadModels.Actions actions,
            Map<String, Long> overdueDeadlines,
            ReadModels.Documents documents,
            List<ReadModels.CoverageRow> coverage,
            ReadModels.Risks risks,
            ReadModels.Egenkontroll egenkontroll,
            List<ReadModels.Indicator> indicators,
            ReadModels.Initiatives initiatives)
            implements ReadModels {

        public static Fixture of(ReportData basis) {
            return new Fixture(
                    basis,
                    Map.of(),
                    Map.of(),
                    ReadModels.Actions.NONE,
                    Map.of(),
                    ReadModels.Documents.NONE,
                    List.of(),
                    ReadModels.Risks.NONE,
                    ReadModels.Egenkontroll.NONE,
                    List.of(),
                    ReadModels.Initiatives.NONE);
        }

        public Fixture withActions(ReadModels.Actions a) {
            return new Fixture(
                    basis,
                    rootCauses,
                    assessments,
                    a,
                    overdueDeadlines,
                    documents,
                    coverage,
                    risks,
                    egenkontroll,
                    indicators,
                    initiatives);
        }

        public Fixture withEgenkontroll(ReadModels.Egenkontroll k) {
            return new Fixture(
                    basis,
                    rootCauses,
                    assessments,
                    actions,
                    overdueDeadlines,
                    documents,
                    coverage,
                    risks,
                    k,
                    indicators,
                    initiatives);
        }

        public Fixture withDocuments(ReadModels.Documents d, List<ReadModels.CoverageRow> c) {
            return new Fixture(
                    basis,
                    rootCauses,
                    assessments,
                    actions,
                    overdueDeadlines,
                    d,
                    c,
                    risks,
                    egenkontroll,
                    indicators,
                    initiatives);
        }

        public Fixture withRisks(ReadModels.Risks r) {
            return new Fixture(
                    basis,
                    rootCauses,
                    assessments,
                    actions,
                    overdueDeadlines,
                    documents,
                    coverage,
                    r,
                    egenkontroll,
                    indicators,
                    initiatives);
        }

        public Fixture withIndicators(List<ReadModels.Indicator> i) {
            return new Fixture(
                    basis,
                    rootCauses,
                    assessments,
                    actions,
                    overdueDeadlines,
                    documents,
                    coverage,
                    risks,
                    egenkontroll,
                    i,
                    initiatives);
        }

        public Fixture withDeviationDetails(
                Map<String, Long> causes, Map<String, Map<String, Long>> assessed, Map<String, Long> overdue) {
            return new Fixture(
                    basis,
                    causes,
                    assessed,
                    actions,
                    overdue,
                    documents,
                    coverage,
                    risks,
                    egenkontroll,
                    indicators,
                    initiatives);
        }

        public Fixture withInitiatives(ReadModels.Initiatives i) {
            return new Fixture(
                    basis,
                    rootCauses,
                    assessments,
                    actions,
                    overdueDeadlines,
                    documents,
                    coverage,
                    risks,
                    egenkontroll,
                    indicators,
                    i);
        }
    }

    // ------------------------------------------------------------------ statistics

    /** A unit (or department, or the organisation) with its counts per category (in StatisticsBits order) and total. */
    record Node(String name, int depth, long total, long... counts) {}

    /** Statistics from explicit rows (the first is the organisation); shares and authority from the root's counts. */
    public static DeviationStatistics statistics(
            int year, List<Node> nodes, long triaged, long closed, long[][] authority) {
        UUID root = UUID.nameUUIDFromBytes(("org-" + nodes.get(0).name()).getBytes());
        List<DeviationStatistics.Row> rows = new ArrayList<>();
        UUID[] parents = new UUID[8];
        for (Node n : nodes) {
            UUID id = n.depth() == 0 ? root : UUID.nameUUIDFromBytes((n.name() + n.depth()).getBytes());
            parents[n.depth()] = id;
            rows.add(new DeviationStatistics.Row(
                    id,
                    n.depth() == 0 ? null : parents[n.depth() - 1],
                    n.name(),
                    n.depth() == 0 ? "BOARD" : "UNIT",
                    n.depth(),
                    counts(n.counts()),
                    n.total()));
        }
        Map<String, Long> all = rows.get(0).counts();
        long reports = rows.get(0).total();
        long notADeviation = all.get("NOT_A_DEVIATION");
        long deviations = reports - notADeviation;
        Map<String, Share> shares = new LinkedHashMap<>();
        StatisticsBits.CATEGORIES.forEach(
                c -> shares.put(c, Share.of(all.get(c), c.equals("NOT_A_DEVIATION") ? reports : deviations)));
        List<DeviationStatistics.Authority> auth = new ArrayList<>();
        for (int t = 0; t < StatisticsBits.AUTHORITY_TRACKS.size(); t++) {
            StatisticsBits.AuthorityTrack track = StatisticsBits.AUTHORITY_TRACKS.get(t);
            long[] a = authority[t];
            long inCategory = all.get(track.trackType());
            auth.add(new DeviationStatistics.Authority(
                    track.trackType(),
                    track.authority(),
                    inCategory,
                    a[0],
                    a[1],
                    a[2],
                    a[3],
                    Share.of(a[1], inCategory),
                    Share.of(a[2], a[1])));
        }
        long assignments = all.values().stream().mapToLong(Long::longValue).sum();
        List<DeviationStatistics.Period> months = new ArrayList<>();
        Map<String, long[]> tertials = new TreeMap<>();
        for (int m = 1; m <= 12; m++) {
            Map<String, Long> counts = new LinkedHashMap<>();
            long total = 0;
            for (String c : StatisticsBits.CATEGORIES) {
                long share = all.get(c) / 12 + (m <= all.get(c) % 12 ? 1 : 0);
                counts.put(c, share);
            }
            total = reports / 12 + (m <= reports % 12 ? 1 : 0);
            months.add(new DeviationStatistics.Period(year + "-" + (m < 10 ? "0" : "") + m, total, counts));
            long[] t = tertials.computeIfAbsent(
                    year + "-T" + ((m - 1) / 4 + 1), k -> new long[StatisticsBits.CATEGORIES.size() + 1]);
            t[0] += total;
            for (int k = 0; k < StatisticsBits.CATEGORIES.size(); k++) {
                t[k + 1] += counts.get(StatisticsBits.CATEGORIES.get(k));
            }
        }
        List<DeviationStatistics.Period> byTertial = new ArrayList<>();
        tertials.forEach((k, t) -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (int i = 0; i < StatisticsBits.CATEGORIES.size(); i++) {
                counts.put(StatisticsBits.CATEGORIES.get(i), t[i + 1]);
            }
            byTertial.add(new DeviationStatistics.Period(k, t[0], counts));
        });
        List<DeviationStatistics.Column> columns = StatisticsBits.CATEGORIES.stream()
                .map(c -> new DeviationStatistics.Column(c, StatisticsBits.label(c)))
                .toList();
        return new DeviationStatistics(
                root,
                nodes.get(0).name(),
                LocalDate.of(year, 1, 1),
                LocalDate.of(year, 12, 31),
                columns,
                rows,
                reports,
                deviations,
                assignments,
                triaged,
                closed,
                reports * 9 / 10,
                0,
                shares,
                auth,
                months,
                byTertial);
    }

    private static Map<String, Long> counts(long... values) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < StatisticsBits.CATEGORIES.size(); i++) {
            m.put(StatisticsBits.CATEGORIES.get(i), i < values.length ? values[i] : 0L);
        }
        return m;
    }

    static ReportData basis(DeviationStatistics now, DeviationStatistics before) {
        java.util.Set<UUID> parents = new java.util.HashSet<>();
        now.rows().forEach(r -> {
            if (r.parentId() != null) {
                parents.add(r.parentId());
            }
        });
        Map<UUID, Long> previous = new java.util.HashMap<>();
        before.rows().forEach(r -> previous.put(r.orgUnitId(), r.total()));
        List<ReportData.Unit> leaves = now.rows().stream()
                .filter(r -> r.depth() > 0 && !parents.contains(r.orgUnitId()))
                .map(r -> new ReportData.Unit(
                        r.orgUnitId(), r.name(), r.total(), previous.getOrDefault(r.orgUnitId(), 0L)))
                .toList();
        return new ReportData(now.orgUnitId(), now.orgUnitName(), YEAR, now, before, leaves);
    }

    // ------------------------------------------------------------------ the three reports

    /** One department, two units, six reports. */
    public static Fixture small() {
        // NOT_A_DEVIATION, OTHER? no: order is NOT_A_DEVIATION, LEX_SARAH, LEX_MARIA, PERSONAL_DATA_BREACH, COMPLAINT,
        // OTHER_DEVIATION, UNCLASSIFIED
        List<Node> now = List.of(
                new Node("Omsorgsnämnden Liten", 0, 6, 1, 1, 0, 0, 1, 3, 0),
                new Node("Äldreomsorg", 1, 6, 1, 1, 0, 0, 1, 3, 0),
                new Node("Hemtjänst Söder", 2, 4, 1, 1, 0, 0, 0, 2, 0),
                new Node("Ekbackens särskilda boende", 2, 2, 0, 0, 0, 0, 1, 1, 0));
        List<Node> before = List.of(
                new Node("Omsorgsnämnden Liten", 0, 4, 0, 1, 0, 0, 0, 3, 0),
                new Node("Äldreomsorg", 1, 4, 0, 1, 0, 0, 0, 3, 0),
                new Node("Hemtjänst Söder", 2, 3, 0, 1, 0, 0, 0, 2, 0),
                new Node("Ekbackens särskilda boende", 2, 1, 0, 0, 0, 0, 0, 1, 0));
        long[][] authority = {{1, 1, 1, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}};
        DeviationStatistics s = statistics(YEAR, now, 6, 4, authority);
        DeviationStatistics p = statistics(YEAR - 1, before, 4, 4, authority);
        return Fixture.of(basis(s, p))
                .withActions(new ReadModels.Actions(4, 3, 3, 2, 2))
                .withEgenkontroll(new ReadModels.Egenkontroll(2, 1, 0, 1, Map.of("APPROVED", 1L), 1))
                .withIndicators(List.of(indicator(
                        "BRUKARE-NOJDA",
                        "Andel brukare som är nöjda med bemötandet",
                        "PERCENT",
                        values("80", null, "82", "93.3"),
                        target("AT_LEAST", "90"),
                        "MET",
                        List.of())));
    }

    /** Seed 003's Figur 5.1 (Norrtälje's kvalitetsberättelse 2023), with the demo's indicators, documents and risks. */
    public static Fixture demo() {
        List<Node> now = List.of(
                new Node("Socialnämnden", 0, 415, 24, 109, 0, 37, 29, 228),
                new Node("Stöd och utveckling", 1, 63, 1, 9, 0, 9, 1, 44),
                new Node("Team för kvalitet och utveckling", 2, 5, 0, 2, 0, 0, 0, 3),
                new Node("Enhet för säkerhet och systemförvaltning", 2, 6, 0, 3, 0, 0, 0, 3),
                new Node("Administrativa enheten", 2, 52, 1, 4, 0, 9, 1, 38),
                new Node("Försörjning och arbete", 1, 127, 8, 25, 0, 8, 8, 82),
                new Node("Enhet för skadligt bruk och beroende", 2, 30, 5, 9, 0, 1, 4, 12),
                new Node("Enhet för mottagning och ekonomiskt bistånd", 2, 65, 2, 10, 0, 4, 3, 48),
                new Node("Enhet för förändring och integration", 2, 29, 1, 2, 0, 3, 1, 23),
                new Node("Bostadsenhet", 2, 2, 0, 2, 0, 0, 0, 0),
                new Node("Arbetsmarknadscenter", 2, 4, 0, 3, 0, 0, 0, 1),
                new Node("Barn och vuxna", 1, 237, 17, 79, 0, 21, 20, 108),
                new Node("Öppenvårdsenhet", 2, 24, 6, 11, 0, 1, 0, 6),
                new Node("Utredningsenhet barn och unga", 2, 99, 4, 35, 0, 4, 16, 41),
                new Node("Familjerättsenhet", 2, 30, 1, 7, 0, 1, 1, 21),
                new Node("Familjehems- och insatsenhet", 2, 41, 3, 12, 0, 5, 0, 22),
                new Node("Enhet för mottagning barn och unga", 2, 64, 4, 26, 0, 10, 3, 26));
        List<Node> before = new ArrayList<>();
        for (Node n : now) {
            long[] c = n.counts().clone();
            for (int i = 0; i < c.length; i++) {
                c[i] = c[i] * 9 / 10;
            }
            before.add(new Node(n.name(), n.depth(), n.total() * 9 / 10, c));
        }
        // lex Sarah 109 (21 serious, all notified: 19 %), PUI 37 (7 reportable, 7 notified: 18,9 %)
        long[][] authority = {{21, 21, 19, 2}, {0, 0, 0, 0}, {7, 7, 6, 1}};
        DeviationStatistics s = statistics(YEAR, now, 415, 380, authority);
        DeviationStatistics p = statistics(YEAR - 1, before, 373, 360, authority);
        ReportData basis = basis(s, p);
        Map<String, Long> causes = new LinkedHashMap<>();
        causes.put("MISSING_ROUTINE", 61L);
        causes.put("DEFICIENT_ROUTINE", 44L);
        causes.put("ROUTINE_NOT_KNOWN_OR_NOT_FOLLOWED", 38L);
        causes.put("STAFFING_AND_RESOURCES", 21L);
        causes.put("COMMUNICATION_AND_INFORMATION_TRANSFER", 17L);
        Map<String, Map<String, Long>> assessed = Map.of(
                "LEX_SARAH",
                Map.of(
                        "MISSFORHALLANDE",
                        21L,
                        "PATAGLIG_RISK_FOR_MISSFORHALLANDE",
                        30L,
                        "INGET_MISSFORHALLANDE",
                        52L,
                        "NOT_ASSESSED",
                        6L));
        List<ReadModels.CoverageRow> coverage = List.of(
                new ReadModels.CoverageRow(
                        UUID.randomUUID(), "Administrativa enheten", 12, 11, List.of("SOSFS 2011:9 4 kap. 4 §")),
                new ReadModels.CoverageRow(UUID.randomUUID(), "Utredningsenhet barn och unga", 18, 18, List.of()));
        return Fixture.of(basis)
                .withActions(new ReadModels.Actions(120, 104, 91, 60, 51))
                .withDeviationDetails(causes, assessed, Map.of("TRIAGE", 9L, "LEX_SARAH_INVESTIGATION", 3L))
                .withDocuments(
                        new ReadModels.Documents(
                                Map.of("PROCESS", 14L, "ROUTINE", 86L, "GUIDELINE", 6L, "COOPERATION_AGREEMENT", 9L),
                                Map.of("CORE", 8L, "SUPPORT", 4L, "MANAGEMENT", 2L),
                                23,
                                5,
                                12,
                                2,
                                3),
                        coverage)
                .withRisks(new ReadModels.Risks(
                        17, 31, Map.of("LOW", 9L, "MEDIUM", 14L, "HIGH", 6L, "VERY_HIGH", 2L), 9, 3))
                .withEgenkontroll(new ReadModels.Egenkontroll(
                        40, 33, 5, 7, Map.of("APPROVED", 25L, "PARTLY_APPROVED", 6L, "NOT_APPROVED", 2L), 11))
                .withInitiatives(new ReadModels.Initiatives(8, 2, 3))
                .withIndicators(demoIndicators());
    }

    static List<ReadModels.Indicator> demoIndicators() {
        List<ReadModels.Indicator> list = new ArrayList<>();
        list.add(indicator(
                "BARN-TRAFFAT",
                "Andel ärenden där handläggaren har träffat barnet",
                "PERCENT",
                values("88", "91", "94", "97"),
                target("AT_LEAST", "100"),
                "NOT_MET",
                List.of()));
        list.add(indicator(
                "BRUKARE-PAVERKA",
                "Andel brukare som upplever att de kan påverka insatsens utförande",
                "PERCENT",
                values("78", "81", "79", "84"),
                target("AT_LEAST", "85"),
                "NOT_MET",
                List.of(
                        gender("K", values("80", "83", "81", "86"), "MET"),
                        gender("M", values("75", "78", "76", "81"), "NOT_MET"))));
        list.add(indicator(
                "GENOMFORANDEPLANER",
                "Andel genomförandeplaner som uppfyller Socialstyrelsens föreskrifter och " + "allmänna råd",
                "PERCENT",
                values("71", "75", "82", "90"),
                target("AT_LEAST", "90"),
                "MET",
                List.of()));
        list.add(indicator(
                "IFO-SVARSFREKVENS",
                "Brukarbedömning individ- och familjeomsorg totalt, svarsfrekvens",
                "PERCENT",
                values("27", null, "22", "41"),
                target("AT_LEAST", "40"),
                "MET",
                List.of()));
        list.add(indicator(
                "MEDARBETARINDEX",
                "Sammantaget medarbetarindex",
                "INDEX",
                values("66", "68", "64", "67"),
                target("AT_LEAST", "65"),
                "MET",
                List.of(
                        gender("K", values("67", "69", "65", "68"), "MET"),
                        gender("M", values("63", "64", "61", "63"), "NOT_MET"))));
        list.add(indicator(
                "MYN-BEMOTANDE",
                "Upplevelse av att ha blivit bemött med respekt i kontakten med myndigheten",
                "SCALE_1_5",
                values("4.1", "4.2", "4.0", "4.3"),
                target("AT_LEAST", "4"),
                "MET",
                List.of(
                        gender("K", values("4.2", "4.3", "4.1", "4.4"), "MET"),
                        gender("M", values("3.9", "4.0", "3.8", "4.1"), "MET"))));
        list.add(indicator(
                "MYN-DELAKTIGHET",
                "Upplevelse av att kunna påverka handläggningen av sitt ärende",
                "SCALE_1_5",
                values("3.6", "3.8", "3.7", "3.9"),
                target("AT_LEAST", "4"),
                "NOT_MET",
                List.of()));
        list.add(indicator(
                "OVERKLAGANDEN-EMOT",
                "Andel överklaganden och ändringar som gått oss emot",
                "PERCENT",
                values("12.5", "9.8", "11.2", "8.7"),
                target("AT_MOST", "10"),
                "MET",
                List.of()));
        list.add(indicator(
                "UTREDNING-DAGAR",
                "Handläggningstid för utredning av barn och unga, dagar",
                "DAYS",
                values("131", "124", "118", "109"),
                target("AT_MOST", "120"),
                "MET",
                List.of()));
        list.add(indicator(
                "UPPFOLJNINGSMETODER",
                "Metoder för att följa upp resultat för insatser, per grupp",
                "COUNT",
                values("1", "2", "2", "3"),
                target("AT_LEAST_PER_GROUP", "1"),
                "MET",
                List.of()));
        list.add(new ReadModels.Indicator(
                UUID.nameUUIDFromBytes("unnamed".getBytes()), values(null, null, null, "3"), true, 1));
        return list;
    }

    /** Every category (lex Maria and unclassified too), five departments of eight units with long names, many indicators. */
    public static Fixture wide() {
        String[] departments = {
            "Avdelningen för vård och omsorg om äldre och personer med funktionsnedsättning",
            "Individ- och familjeomsorgen, myndighetsutövning och öppna insatser",
            "Arbetsmarknad, försörjningsstöd och etablering",
            "Socialpsykiatri och beroendevård",
            "Stab, kvalitet och systematiskt förbättringsarbete"
        };
        String[] kinds = {
            "Hemtjänstområde",
            "Särskilt boende för äldre med demensinriktning",
            "Gruppbostad enligt LSS",
            "Daglig verksamhet",
            "Mottagningsenhet för ekonomiskt bistånd och rådgivning",
            "Familjebehandlingsenheten",
            "Utredningsenheten för barn, unga och deras familjer",
            "Korttidsboende och växelvård"
        };
        List<Node> now = new ArrayList<>();
        List<Node> before = new ArrayList<>();
        long[] rootCounts = new long[7];
        List<Node> units = new ArrayList<>();
        for (int d = 0; d < departments.length; d++) {
            long[] deptCounts = new long[7];
            List<Node> mine = new ArrayList<>();
            for (int u = 0; u < kinds.length; u++) {
                long[] c = new long[7];
                for (int k = 0; k < 7; k++) {
                    c[k] = (d * 7 + u * 3 + k * 5) % 11 + (k == 5 ? 20 : 0) + (k == 6 ? 0 : 1);
                }
                long total = 0;
                for (int k = 0; k < 7; k++) {
                    total += c[k];
                    deptCounts[k] += c[k];
                }
                mine.add(new Node(
                        kinds[u] + " " + (char) ('A' + d) + (u + 1) + ", " + departments[d].split(",")[0].toLowerCase(),
                        2,
                        total,
                        c));
            }
            long deptTotal = 0;
            for (int k = 0; k < 7; k++) {
                deptTotal += deptCounts[k];
                rootCounts[k] += deptCounts[k];
            }
            units.add(new Node(departments[d], 1, deptTotal, deptCounts));
            units.addAll(mine);
        }
        long rootTotal = 0;
        for (long c : rootCounts) {
            rootTotal += c;
        }
        now.add(new Node("Socialnämnden i Storstad med ett mycket långt namn", 0, rootTotal, rootCounts));
        now.addAll(units);
        for (Node n : now) {
            long[] c = n.counts().clone();
            for (int i = 0; i < c.length; i++) {
                c[i] = c[i] * 11 / 10;
            }
            before.add(new Node(n.name(), n.depth(), n.total() * 11 / 10, c));
        }
        long[][] authority = {{40, 37, 30, 7}, {12, 12, 11, 1}, {25, 20, 20, 0}};
        DeviationStatistics s = statistics(YEAR, now, rootTotal - rootCounts[6], rootTotal / 2, authority);
        DeviationStatistics p = statistics(YEAR - 1, before, rootTotal, rootTotal, authority);
        List<ReadModels.Indicator> indicators = new ArrayList<>(demoIndicators());
        for (int i = 1; i <= 9; i++) {
            indicators.add(indicator(
                    "EXTRA-NYCKELTAL-MED-LANG-KOD-" + i,
                    "Andel av något som mäts i uppföljningen, mått nummer " + i
                            + " med ett långt namn som måste radbrytas i tabellen",
                    "PERCENT",
                    values(String.valueOf(40 + i), String.valueOf(45 + i), null, String.valueOf(50 + i * 3)),
                    target("BETWEEN", "50"),
                    i % 2 == 0 ? "MET" : "NOT_MET",
                    List.of()));
        }
        List<ReadModels.CoverageRow> coverage = new ArrayList<>();
        for (Node n : units) {
            if (n.depth() == 2) {
                coverage.add(new ReadModels.CoverageRow(
                        UUID.randomUUID(),
                        n.name(),
                        14,
                        12,
                        List.of("SOSFS 2011:9 4 kap. 4 §", "SOSFS 2014:5 4 kap. 1 §")));
            }
        }
        return Fixture.of(basis(s, p))
                .withActions(new ReadModels.Actions(300, 250, 200, 120, 100))
                .withDeviationDetails(
                        Map.of("MISSING_ROUTINE", 120L, "TECHNOLOGY", 14L, "OTHER", 3L),
                        Map.of("LEX_MARIA", Map.of("ALLVARLIG_VARDSKADA", 12L, "VARDSKADA", 30L, "NOT_ASSESSED", 4L)),
                        Map.of("IMY_NOTIFICATION", 2L, "ACTION_DUE", 40L))
                .withDocuments(
                        new ReadModels.Documents(
                                Map.of("PROCESS", 30L, "ROUTINE", 250L), Map.of("CORE", 20L), 40, 0, 10, 0, 1),
                        coverage)
                .withRisks(new ReadModels.Risks(60, 80, Map.of("LOW", 30L, "HIGH", 10L), 38, 4))
                .withEgenkontroll(new ReadModels.Egenkontroll(
                        200, 185, 20, 15, Map.of("APPROVED", 160L, "NOT_APPROVED", 25L), 40))
                .withIndicators(indicators);
    }

    // ------------------------------------------------------------------ indicator helpers

    static Map<Integer, BigDecimal> values(String... v) {
        Map<Integer, BigDecimal> m = new TreeMap<>();
        for (int i = 0; i < v.length; i++) {
            if (v[i] != null) {
                m.put(YEAR - 3 + i, new BigDecimal(v[i]));
            }
        }
        return m;
    }

    static ReadModels.Target target(String comparator, String value) {
        return new ReadModels.Target(
                TargetComparison.valueOf(comparator),
                new BigDecimal(value),
                "BETWEEN".equals(comparator) ? new BigDecimal("60") : null);
    }

    static ReadModels.GenderValues gender(String g, Map<Integer, BigDecimal> values, String outcome) {
        return new ReadModels.GenderValues(g, values, outcome);
    }

    static ReadModels.Indicator indicator(
            String code,
            String name,
            String unit,
            Map<Integer, BigDecimal> values,
            ReadModels.Target target,
            String outcome,
            List<ReadModels.GenderValues> genders) {
        UUID id = UUID.nameUUIDFromBytes(code.getBytes());
        List<ReadModels.UnitOutcome> units = List.of(new ReadModels.UnitOutcome(
                UUID.randomUUID(), "Hemtjänst Söder", 2, Integer.toString(YEAR), values.get(YEAR), target, outcome));
        return new ReadModels.Indicator(
                id,
                values,
                "NOT_MET".equals(outcome),
                "NOT_MET".equals(outcome) ? 1 : 0,
                code,
                name,
                null,
                unit,
                target,
                outcome,
                units,
                genders);
    }
}
