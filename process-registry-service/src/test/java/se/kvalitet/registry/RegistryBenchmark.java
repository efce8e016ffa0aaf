package se.kvalitet.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import se.kvalitet.registry.search.SearchService;
import se.kvalitet.testing.TestTokens;

/**
 * Issue 4 item 13: search p50/p99 over 10 000 routines, and subtree and as-of queries over 5 000
 * units, each through the API and against baselines measured in the same run: the same SQL
 * executed directly (what the HTTP, security and JSON layers cost), and the naive alternative
 * (substring search without the index; the whole tree loaded and walked in memory).
 *
 * <p>Run on demand, never in CI: {@code ./mvnw -B -pl process-registry-service -am verify -Pbench
 * -Dtest=RegistryBenchmark -Dsurefire.failIfNoSpecifiedTests=false}. Settings:
 * {@code -Dbench.iterations=300 -Dbench.warmup=50}. The data is generated into the test database
 * (real PostgreSQL 17) before measuring; the client shares the machine with the service.
 */
@QuarkusTest
@Tag("bench")
class RegistryBenchmark {

    static final int ITERATIONS = Integer.getInteger("bench.iterations", 300);
    static final int WARMUP = Integer.getInteger("bench.warmup", 50);
    static final int UNITS = 5_000;
    static final int ROUTINES = 10_000;
    static final LocalDate REORGANISED = LocalDate.of(2023, 1, 1);

    static final String[] WORDS =
            ("läkemedel signering delegering sjuksköterska hemtjänst nyckel brukare genomförandeplan "
                            + "dokumentation journal avvikelse rapportering utredning orosanmälan förhandsbedömning familjehem placering "
                            + "ekonomiskt bistånd utbetalning samverkan region polis skola elevhälsa boende inflyttning trygghetslarm "
                            + "fallprevention nutrition munhälsa demens bemötande integritet självbestämmande sekretess samtycke "
                            + "hygien smitta basala hygienrutiner kvalitet egenkontroll riskanalys introduktion kompetens schema bemanning "
                            + "tvångsåtgärd skyddsbedömning våld relation missbruk beroende behandling uppföljning avslut")
                    .split(" ");
    /** Domain terms: each routine has some 17 of them, so one matches some 20 % of the routines (a pessimistic case). */
    static final String[] COMMON = {
        "läkemedel",
        "signering delegering",
        "orosanmälan",
        "\"basala hygienrutiner\"",
        "fallprevention nutrition",
        "samverkan region",
        "nyckel",
        "genomförandeplanen",
        "avvikelser",
        "skyddsbedömning"
    };
    /** Filler words of a 4 000-word lexicon: one matches some 3 % of the routines. */
    static final String[] LEXICON = lexicon(4000);

    @Inject
    DataSource dataSource;

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL base;

    /** A plain client that does not parse the body (so the figures are the service's, not a JSON path library's). */
    final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

    @Inject
    EntityManager em;

    record Figure(String what, String how, long[] nanos) {

        double percentile(double p) {
            long[] s = nanos.clone();
            Arrays.sort(s);
            return s[(int) Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] / 1e6;
        }

        double mean() {
            return Arrays.stream(nanos).average().orElse(0) / 1e6;
        }
    }

    final List<UUID> departments = new ArrayList<>();
    final List<UUID> leaves = new ArrayList<>();
    UUID root;

    @Test
    void searchSubtreeAndAsOf() throws Exception {
        long t0 = System.nanoTime();
        generateTree();
        generateRoutines();
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute("ANALYZE");
        }
        System.out.printf(
                "%n[bench] generated %d units and %d routines in %.1f s%n",
                UNITS, ROUTINES, (System.nanoTime() - t0) / 1e9);

        String token = TestTokens.user("anna")
                .roles("reporter")
                .orgUnits(Api.HEMTJANST_NORR)
                .bearer();
        Random random = new Random(7);
        List<Figure> figures = new ArrayList<>();

        // ---- search: a common domain term and a rarer word, each via the API, the same SQL, and a substring scan
        String sql = SearchService.sql("v.status = 'APPROVED' AND " + SearchService.MATCH, false);
        for (boolean common : new boolean[] {true, false}) {
            String what = common ? "search, domain term (~20% of routines match)" : "search, rarer word (~3% match)";
            Supplier<String> term =
                    () -> common ? COMMON[random.nextInt(COMMON.length)] : LEXICON[random.nextInt(LEXICON.length)];
            figures.add(measure(
                    what,
                    "API GET /search (20 hits, snippets)",
                    () -> get(token, "/registry/v1/search?q=" + enc(term.get()))));
            figures.add(measure(
                    what,
                    "same SQL, direct",
                    () -> QuarkusTransaction.requiringNew()
                            .call(() -> em.createNativeQuery(sql)
                                    .setParameter("text", term.get())
                                    .setParameter("limit", 20)
                                    .setParameter("offset", 0)
                                    .setParameter("candidates", SearchService.CANDIDATES + 1)
                                    .getResultList()
                                    .size())));
            figures.add(measure(what, "baseline: ILIKE scan, no ranking", () -> {
                String word = term.get().replace("\"", "").split(" ")[0];
                return QuarkusTransaction.requiringNew()
                        .call(() -> em.createNativeQuery("""
                        SELECT v.document_id, v.title FROM document_version v
                         WHERE v.status = 'APPROVED' AND (v.title ILIKE :p OR v.content ILIKE :p OR v.summary ILIKE :p)
                         ORDER BY v.title LIMIT 20""")
                                .setParameter("p", "%" + word + "%")
                                .getResultList()
                                .size());
            }));
        }

        // ---- subtree as of a day (a department with its ~110 units), and one unit as of a day
        figures.add(measure(
                "subtree of a department as of a day",
                "API GET /org-units?under=",
                () -> get(
                        token,
                        "/registry/v1/org-units?asOf=2024-06-01&limit=500&under="
                                + departments.get(random.nextInt(departments.size())))));
        figures.add(measure(
                "subtree of a department as of a day",
                "same SQL, direct",
                () -> QuarkusTransaction.requiringNew()
                        .call(() -> em.createNativeQuery("""
                        WITH RECURSIVE sub AS (
                            SELECT CAST(:root AS uuid) AS org_unit_id
                            UNION
                            SELECT c.org_unit_id FROM org_unit_version c JOIN sub s ON c.parent_id = s.org_unit_id
                             WHERE c.valid_from <= :day AND (c.valid_to IS NULL OR c.valid_to > :day))
                        SELECT v.* FROM org_unit_version v WHERE v.valid_from <= :day AND (v.valid_to IS NULL OR v.valid_to > :day)
                           AND v.active AND v.org_unit_id IN (SELECT org_unit_id FROM sub) ORDER BY v.name, v.org_unit_id LIMIT 500""")
                                .setParameter("root", departments.get(random.nextInt(departments.size())))
                                .setParameter("day", LocalDate.of(2024, 6, 1))
                                .getResultList()
                                .size())));
        figures.add(measure("subtree of a department as of a day", "baseline: whole tree in memory", () -> {
            UUID d = departments.get(random.nextInt(departments.size()));
            return QuarkusTransaction.requiringNew()
                    .call(() -> subtreeInMemory(d, LocalDate.of(2024, 6, 1)).size());
        }));
        figures.add(measure(
                "one unit as of a day (before its reorganisation)",
                "API GET /org-units/{id}?asOf=",
                () -> get(
                        token,
                        "/registry/v1/org-units/" + leaves.get(random.nextInt(leaves.size())) + "?asOf=2022-06-01")));
        figures.add(measure(
                "one unit as of a day (before its reorganisation)",
                "same SQL, direct",
                () -> QuarkusTransaction.requiringNew()
                        .call(() -> em.createNativeQuery("""
                        SELECT v.* FROM org_unit_version v WHERE v.org_unit_id = :u
                           AND v.valid_from <= :day AND (v.valid_to IS NULL OR v.valid_to > :day)""")
                                .setParameter("u", leaves.get(random.nextInt(leaves.size())))
                                .setParameter("day", LocalDate.of(2022, 6, 1))
                                .getResultList()
                                .size())));
        figures.add(measure(
                "the whole tree as of a day, first page of 500",
                "API GET /org-units?asOf=",
                () -> get(token, "/registry/v1/org-units?asOf=2022-06-01&limit=500")));

        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                "%n=== process-registry-service: %d routines, %d units, %d iterations after %d warm-up ===%n",
                ROUTINES, UNITS, ITERATIONS, WARMUP));
        sb.append(String.format("%-50s %-34s %9s %9s %9s%n", "query", "how", "p50 ms", "p99 ms", "mean ms"));
        for (Figure f : figures) {
            sb.append(String.format(
                    "%-50s %-34s %9.2f %9.2f %9.2f%n",
                    f.what(), f.how(), f.percentile(0.50), f.percentile(0.99), f.mean()));
        }
        System.out.print(sb);
        assertThat(figures).allSatisfy(f -> assertThat(f.nanos()).hasSize(ITERATIONS));
    }

    /** GET through the service's HTTP port; the body is read (as the client would) but not parsed; a non-200 fails. */
    Object get(String token, String path) {
        try {
            var response = http.send(
                    java.net.http.HttpRequest.newBuilder(base.toURI().resolve(path))
                            .header("Authorization", token)
                            .GET()
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            return response.body().length;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    Figure measure(String what, String how, Supplier<Object> call) {
        for (int i = 0; i < WARMUP; i++) {
            assertThat(call.get()).isNotNull();
        }
        long[] nanos = new long[ITERATIONS];
        for (int i = 0; i < ITERATIONS; i++) {
            long s = System.nanoTime();
            Object r = call.get();
            nanos[i] = System.nanoTime() - s;
            assertThat(r).isNotNull();
        }
        return new Figure(what, how, nanos);
    }

    /** The previous implementation: every version valid on the day loaded, the subtree walked in Java. */
    @SuppressWarnings("unchecked")
    Set<UUID> subtreeInMemory(UUID rootId, LocalDate day) {
        List<Object[]> rows = em.createNativeQuery("SELECT org_unit_id, parent_id FROM org_unit_version "
                        + "WHERE valid_from <= :day AND (valid_to IS NULL OR valid_to > :day) ORDER BY name")
                .setParameter("day", day)
                .getResultList();
        Map<UUID, List<UUID>> children = new HashMap<>();
        rows.forEach(r -> {
            if (r[1] != null) {
                children.computeIfAbsent((UUID) r[1], k -> new ArrayList<>()).add((UUID) r[0]);
            }
        });
        Set<UUID> out = new LinkedHashSet<>();
        List<UUID> todo = new ArrayList<>(List.of(rootId));
        while (!todo.isEmpty()) {
            UUID u = todo.remove(todo.size() - 1);
            if (out.add(u)) {
                todo.addAll(children.getOrDefault(u, List.of()));
            }
        }
        return out;
    }

    /**
     * 1 board, 4 administrations, 40 departments, 400 units and 4 555 groups; every fifth unit is
     * renamed on 2023-01-01 and every tenth department moved to another administration then, so
     * as-of questions meet two versions.
     */
    void generateTree() throws Exception {
        Random r = new Random(42);
        Instant now = Instant.now();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement unit =
                            c.prepareStatement("INSERT INTO org_unit (id, version, created_at) VALUES (?, 0, ?)");
                    PreparedStatement version = c.prepareStatement("""
                            INSERT INTO org_unit_version (id, org_unit_id, valid_from, valid_to, code, name, type, parent_id, active, change,
                                                          related_ids, recorded_at, recorded_by)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, true, ?, '', ?, 'bench')""")) {
                List<UUID> administrations = new ArrayList<>();
                List<UUID> units = new ArrayList<>();
                root = add(unit, version, null, "BOARD", "Bänknämnden", now, false, null);
                for (int a = 0; a < 4; a++) {
                    administrations.add(
                            add(unit, version, root, "ADMINISTRATION", "Förvaltning " + a, now, false, null));
                }
                for (int d = 0; d < 40; d++) {
                    UUID parent = administrations.get(d % 4);
                    UUID movedTo = d % 10 == 0 ? administrations.get((d + 1) % 4) : null;
                    departments.add(add(unit, version, parent, "DEPARTMENT", "Avdelning " + d, now, false, movedTo));
                }
                for (int u = 0; u < 400; u++) {
                    units.add(add(unit, version, departments.get(u % 40), "UNIT", "Enhet " + u, now, u % 5 == 0, null));
                }
                for (int g = 0; UNITS - 445 - g > 0; g++) {
                    leaves.add(add(
                            unit,
                            version,
                            units.get(r.nextInt(units.size())),
                            "GROUP",
                            "Grupp " + g,
                            now,
                            g % 5 == 0,
                            null));
                }
                unit.executeBatch();
                version.executeBatch();
            }
            c.commit();
        }
    }

    private UUID add(
            PreparedStatement unit,
            PreparedStatement version,
            UUID parent,
            String type,
            String name,
            Instant now,
            boolean renamed,
            UUID movedTo)
            throws Exception {
        UUID id = UUID.randomUUID();
        unit.setObject(1, id);
        unit.setTimestamp(2, Timestamp.from(now));
        unit.addBatch();
        boolean second = renamed || movedTo != null;
        versionRow(
                version, id, LocalDate.of(2020, 1, 1), second ? REORGANISED : null, name, type, parent, "CREATED", now);
        if (second) {
            versionRow(
                    version,
                    id,
                    REORGANISED,
                    null,
                    renamed ? name + " (ny)" : name,
                    type,
                    movedTo != null ? movedTo : parent,
                    renamed ? "RENAMED" : "MOVED",
                    now);
        }
        return id;
    }

    private static void versionRow(
            PreparedStatement v,
            UUID unit,
            LocalDate from,
            LocalDate to,
            String name,
            String type,
            UUID parent,
            String change,
            Instant now)
            throws Exception {
        v.setObject(1, UUID.randomUUID());
        v.setObject(2, unit);
        v.setDate(3, Date.valueOf(from));
        v.setDate(4, to == null ? null : Date.valueOf(to));
        v.setString(5, null);
        v.setString(6, name);
        v.setString(7, type);
        v.setObject(8, parent);
        v.setString(9, change);
        v.setTimestamp(10, Timestamp.from(now));
        v.addBatch();
    }

    /** 10 000 approved routines of 50-150 words drawn from the vocabulary, each for one unit. */
    void generateRoutines() throws Exception {
        Random r = new Random(4711);
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement doc = c.prepareStatement("""
                            INSERT INTO document (id, version, type, status, in_force_version, latest_version, owner_org_unit_id,
                                                  next_review_date, created_at, updated_at)
                            VALUES (?, 0, 'ROUTINE', 'IN_FORCE', 1, 1, ?, ?, ?, ?)""");
                    PreparedStatement ver = c.prepareStatement("""
                            INSERT INTO document_version (id, document_id, number, status, title, summary, content, requires_cooperation,
                                                          owner_org_unit_id, review_interval, decided_by, decided_on, valid_from,
                                                          next_review_date, approved_at, created_at, updated_at, created_by)
                            VALUES (?, ?, 1, 'IN_REVIEW', ?, ?, ?, false, ?, 'YEARLY', 'UNIT_HEAD', ?, ?, ?, ?, ?, ?, 'bench')""");
                    PreparedStatement unit = c.prepareStatement(
                            "INSERT INTO document_version_org_unit (version_id, org_unit_id) VALUES (?, ?)");
                    ResultSet rs = c.createStatement().executeQuery("SELECT id FROM org_unit")) {
                List<UUID> units = new ArrayList<>();
                while (rs.next()) {
                    units.add(rs.getObject(1, UUID.class));
                }
                for (int i = 0; i < ROUTINES; i++) {
                    UUID d = UUID.randomUUID();
                    UUID v = UUID.randomUUID();
                    UUID u = units.get(r.nextInt(units.size()));
                    LocalDate decided = LocalDate.of(2024, 1, 1).plusDays(r.nextInt(700));
                    doc.setObject(1, d);
                    doc.setObject(2, u);
                    doc.setDate(3, Date.valueOf(decided.plusYears(1)));
                    doc.setTimestamp(4, now);
                    doc.setTimestamp(5, now);
                    doc.addBatch();
                    ver.setObject(1, v);
                    ver.setObject(2, d);
                    ver.setString(3, "Rutin för " + words(r, 2));
                    ver.setString(4, "Rutinen beskriver " + words(r, 1) + " " + lexiconWords(r, 8) + ".");
                    ver.setString(5, text(r));
                    ver.setObject(6, u);
                    ver.setDate(7, Date.valueOf(decided));
                    ver.setDate(8, Date.valueOf(decided));
                    ver.setDate(9, Date.valueOf(decided.plusYears(1)));
                    ver.setTimestamp(10, now);
                    ver.setTimestamp(11, now);
                    ver.setTimestamp(12, now);
                    ver.addBatch();
                    unit.setObject(1, v);
                    unit.setObject(2, u);
                    unit.addBatch();
                    if (i % 1000 == 999) {
                        doc.executeBatch();
                        ver.executeBatch();
                        unit.executeBatch();
                    }
                }
                doc.executeBatch();
                ver.executeBatch();
                unit.executeBatch();
            }
            // approved once their parts are in: the database refuses new parts of a decided version
            c.createStatement()
                    .executeUpdate("UPDATE document_version SET status = 'APPROVED' WHERE created_by = 'bench'");
            c.commit();
        }
    }

    static String words(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
        }
        return sb.toString();
    }

    static String lexiconWords(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : " ").append(LEXICON[r.nextInt(LEXICON.length)]);
        }
        return sb.toString();
    }

    /** Every sentence: one domain term among lexicon words. */
    static String text(Random r) {
        StringBuilder sb = new StringBuilder("## Så här gör du\n\n");
        int sentences = 8 + r.nextInt(12);
        for (int i = 0; i < sentences; i++) {
            sb.append(i + 1).append(". Personalen ska ").append(WORDS[r.nextInt(WORDS.length)]);
            for (int w = 6 + r.nextInt(6); w > 0; w--) {
                sb.append(' ').append(LEXICON[r.nextInt(LEXICON.length)]);
            }
            sb.append(".\n");
        }
        return sb.toString();
    }

    /** Swedish-looking words made of syllables (not real words, so stemming leaves them apart). */
    static String[] lexicon(int n) {
        String[] a = {
            "bra", "fal", "kor", "lin", "mes", "nor", "pil", "ros", "sil", "tor", "val", "ber", "dal", "gran", "hol",
            "kva"
        };
        String[] b = {"ka", "de", "ti", "lo", "mu", "ne", "ri", "sa", "vo", "gi"};
        String[] c = {
            "ng", "rt", "ll", "st", "nd", "mp", "kt", "rn", "sk", "ft", "lm", "rp", "tt", "ss", "gg", "nk", "rk", "ld",
            "rm", "lv", "ns", "mb", "rv", "lk", "nt"
        };
        Set<String> out = new LinkedHashSet<>();
        Random r = new Random(99);
        while (out.size() < n) {
            out.add(a[r.nextInt(a.length)] + b[r.nextInt(b.length)] + c[r.nextInt(c.length)]);
        }
        return out.toArray(String[]::new);
    }
}
