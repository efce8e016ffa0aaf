package se.kvalitet.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import se.kvalitet.events.Topics;
import se.kvalitet.events.deviation.DeviationReportedV1;
import se.kvalitet.localstack.LocalStack;
import se.kvalitet.localstack.Service;

/**
 * Issue 18 item 6: case-management systems post reports with idempotent retries while the suite is
 * hurt on purpose: every service and the gateway SIGKILLed and restarted, Kafka and PostgreSQL
 * frozen (SIGSTOP/SIGCONT), a second replica of deviation- and report-service running (some
 * intakes and retries go straight to the deviation replica). Afterwards every layer is checked for
 * exactly once: the deviation store (one report per Idempotency-Key), the topic (one event id per
 * report; a record sent twice is counted as a duplicate the inboxes must absorb), every consumer's
 * inbox (each event id once), report-service's read model and counts and followup-service's
 * derived counts (each report counted once), no dead letters, no outbox backlog. Prints the table
 * the README shows (statuses the clients saw, retries, longest time to success, duplicates
 * absorbed, drain time), then asserts.
 *
 * <p>{@code ChaosIT} runs the short variant in the normal build; {@code ChaosBenchmark} the full one
 * on demand. Settings by system property: {@code chaos.intakes}, {@code chaos.rate} (new intakes per
 * second), {@code chaos.clients}, {@code chaos.kafka-pause}, {@code chaos.postgres-pause} (seconds),
 * {@code chaos.repeat-faults}.
 */
public final class Chaos {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String HEMTJANST = "00000000-0000-4000-8000-000000000011";
    static final String CATEGORY = "OTHER_DEVIATION";
    static final Duration GIVE_UP_AFTER = Duration.ofSeconds(240);
    static final Duration DRAIN_LIMIT = Duration.ofSeconds(180);

    /** What to run. */
    public record Settings(
            int intakes,
            double perSecond,
            int clients,
            Duration kafkaPause,
            Duration postgresPause,
            boolean repeatFaults) {

        /** A few hundred intakes over one round of faults: the normal test command. */
        public static Settings shortRun() {
            return new Settings(240, 4.0, 8, Duration.ofSeconds(10), Duration.ofSeconds(5), false).overridden();
        }

        /** 10 000 intakes, the round of faults repeated until all are sent, the pause lengths. */
        public static Settings fullRun() {
            return new Settings(10_000, 30.0, 24, Duration.ofSeconds(30), Duration.ofSeconds(10), true).overridden();
        }

        Settings overridden() {
            Properties p = System.getProperties();
            return new Settings(
                    Integer.parseInt(p.getProperty("chaos.intakes", Integer.toString(intakes))),
                    Double.parseDouble(p.getProperty("chaos.rate", Double.toString(perSecond))),
                    Integer.parseInt(p.getProperty("chaos.clients", Integer.toString(clients))),
                    Duration.ofSeconds(
                            Long.parseLong(p.getProperty("chaos.kafka-pause", Long.toString(kafkaPause.toSeconds())))),
                    Duration.ofSeconds(Long.parseLong(
                            p.getProperty("chaos.postgres-pause", Long.toString(postgresPause.toSeconds())))),
                    Boolean.parseBoolean(p.getProperty("chaos.repeat-faults", Boolean.toString(repeatFaults))));
        }
    }

    /** One intake as the client sees it. */
    static final class Intake {
        final int n;
        final String key = UUID.randomUUID().toString();
        final String summary;
        final String body;
        volatile String id;
        volatile int attempts;
        volatile long firstSentNanos;
        volatile long succeededNanos;
        volatile boolean replayed;
        volatile boolean viaReplica;
        volatile String failure;

        Intake(int n, String run, Instant occurredAt) {
            this.n = n;
            this.summary = "Kaos " + run + " nr " + n;
            this.body = """
                    {"summary":"%s","description":"Larmet besvarades efter fyrtio minuter.",
                     "occurredAt":"%s","orgUnitId":"%s","suggestedCategory":"%s"}""".formatted(summary, occurredAt, HEMTJANST, CATEGORY);
        }
    }

    /** One injected fault: what, when (seconds after the start), how long until everything was back. */
    record Fault(String what, double atSeconds, double tookSeconds) {}

    /** The figures of a run; {@link #failures()} lists what broke exactly-once. */
    public record Result(String table, List<String> failures, int intakes) {}

    private final LocalStack stack;
    private final Settings settings;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .build();
    private final String run = randomLetters(8);
    private final Instant occurredAt =
            Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
    private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final List<Intake> intakes = new CopyOnWriteArrayList<>();
    private final AtomicBoolean faultsDone = new AtomicBoolean();
    private volatile boolean replicaReady;
    private volatile String caseToken;
    private volatile long tokenAt;
    /** The case system's webhook endpoint (issue 19 item 2): every report's reported event must reach it. */
    private WebhookReceiver hooks;

    private String hookSubscription;
    private long startNanos;

    public Chaos(LocalStack stack, Settings settings) {
        this.stack = stack;
        this.settings = settings;
    }

    public Result run() throws Exception {
        say("run " + run + ": " + settings);
        String karin = StackTokens.user(http, stack, "karin");
        Baseline before = settledBaseline(karin);
        say("baseline: report-service counts " + before.reportCount + ", followup-service counts "
                + before.followupCount + ", dead letters " + before.deadLetters);
        caseToken();
        hooks = WebhookReceiver.start();
        hookSubscription = hooks.subscribe(http, stack.gatewayUrl(), caseToken(), "se.kvalitet.deviation.reported.v1");

        startNanos = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(settings.clients());
        ExecutorService faultRunner = Executors.newSingleThreadExecutor();
        List<Future<?>> posted = new ArrayList<>();
        Future<?> schedule = faultRunner.submit(() -> {
            try {
                faults();
            } finally {
                faultsDone.set(true);
            }
            return null;
        });
        try {
            // new intakes at a steady rate until the faults are over and enough were sent
            for (int n = 0; ; n++) {
                // one round of faults: until it is over; repeated faults: they go on while intakes are sent
                if (n >= settings.intakes() && (settings.repeatFaults() || faultsDone.get())) {
                    break;
                }
                long due = startNanos + (long) (n * 1e9 / settings.perSecond());
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                Intake intake = new Intake(n, run, occurredAt);
                intakes.add(intake);
                posted.add(clients.submit(() -> post(intake)));
            }
            for (Future<?> f : posted) {
                f.get();
            }
            schedule.get();
        } finally {
            clients.shutdownNow();
            faultRunner.shutdownNow();
        }
        double sendingSeconds = seconds(System.nanoTime() - startNanos);
        long lastSuccess =
                intakes.stream().mapToLong(i -> i.succeededNanos).max().orElse(System.nanoTime());

        List<String> failures = new ArrayList<>();
        UUID[] ids = intakes.stream()
                .filter(i -> i.id != null)
                .map(i -> UUID.fromString(i.id))
                .toArray(UUID[]::new);
        long drainedAt = drain(ids, failures);
        double drainSeconds = seconds(drainedAt - Math.max(lastSuccess, startNanos));

        Checks checks = check(ids, before, failures);
        String table = table(sendingSeconds, drainSeconds, checks);
        return new Result(table, failures, intakes.size());
    }

    // ------------------------------------------------------------------ clients

    private void post(Intake intake) {
        intake.firstSentNanos = System.nanoTime();
        long giveUp = intake.firstSentNanos + GIVE_UP_AFTER.toNanos();
        long backoff = 100;
        for (int attempt = 0; ; attempt++) {
            boolean toReplica = replicaReady && (intake.n + attempt) % 4 == 3;
            String base = toReplica ? stack.replicaUrl(Service.DEVIATION) : stack.gatewayUrl();
            intake.attempts = attempt + 1;
            long retryAfterMillis = 0;
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/deviation/v1/deviations"))
                                .timeout(Duration.ofSeconds(20))
                                .header("Authorization", "Bearer " + caseToken())
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", intake.key)
                                .POST(HttpRequest.BodyPublishers.ofString(intake.body, StandardCharsets.UTF_8))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                int status = r.statusCode();
                boolean replayed = r.headers()
                        .firstValue("Idempotent-Replayed")
                        .map("true"::equals)
                        .orElse(false);
                count(status + (replayed ? " replayed" : "") + (toReplica ? " (replica)" : ""));
                if (status == 201) {
                    intake.id = JSON.readTree(r.body()).get("id").asText();
                    intake.replayed = replayed;
                    intake.viaReplica = toReplica;
                    intake.succeededNanos = System.nanoTime();
                    return;
                }
                if (status == 401) {
                    tokenAt = 0;
                } else if (!(status == 429 || status == 500 || status == 502 || status == 503 || status == 504)) {
                    intake.failure = status + " " + r.body();
                    return;
                }
                retryAfterMillis = r.headers()
                        .firstValue("Retry-After")
                        .map(v -> {
                            try {
                                return Math.min(5_000L, Long.parseLong(v.trim()) * 1000);
                            } catch (NumberFormatException e) {
                                return 0L;
                            }
                        })
                        .orElse(0L);
            } catch (HttpTimeoutException e) {
                count("no answer in 20 s");
            } catch (ConnectException e) {
                count("connection refused" + (toReplica ? " (replica)" : ""));
            } catch (IOException e) {
                count("connection lost" + (toReplica ? " (replica)" : ""));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                intake.failure = "interrupted";
                return;
            } catch (Exception e) {
                count(e.getClass().getSimpleName());
            }
            if (System.nanoTime() > giveUp) {
                intake.failure = "gave up after " + intake.attempts + " attempts";
                return;
            }
            try {
                Thread.sleep(Math.max(retryAfterMillis, backoff + (long) (Math.random() * backoff)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                intake.failure = "interrupted";
                return;
            }
            backoff = Math.min(2_000, backoff * 2);
        }
    }

    private String caseToken() throws Exception {
        // Keycloak's tokens live 5 minutes; a client fetches a new one well before that
        if (caseToken == null
                || System.nanoTime() - tokenAt > Duration.ofSeconds(120).toNanos()) {
            synchronized (this) {
                if (caseToken == null
                        || System.nanoTime() - tokenAt > Duration.ofSeconds(120).toNanos()) {
                    caseToken = StackTokens.client(http, stack, "case-system", "case-system-secret");
                    tokenAt = System.nanoTime();
                }
            }
        }
        return caseToken;
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
    }

    // ------------------------------------------------------------------ faults

    private void faults() throws Exception {
        int round = 0;
        do {
            round++;
            String r = settings.repeatFaults() ? " (round " + round + ")" : "";
            if (round == 1) {
                fault(
                        "second replica of deviation- and report-service started; SIGKILL + restart of followup- and "
                                + "process-registry-service",
                        () -> parallel(
                                () -> {
                                    stack.startReplica(Service.DEVIATION);
                                    replicaReady = true;
                                },
                                () -> stack.startReplica(Service.REPORT),
                                () -> killAndRestart(Service.FOLLOWUP),
                                () -> killAndRestart(Service.REGISTRY)));
            } else {
                fault(
                        "SIGKILL + restart of followup- and process-registry-service" + r,
                        () -> parallel(() -> killAndRestart(Service.FOLLOWUP), () -> killAndRestart(Service.REGISTRY)));
            }
            fault(
                    "SIGKILL + restart of deviation- and report-service (replicas keep running)" + r,
                    () -> parallel(() -> killAndRestart(Service.DEVIATION), () -> killAndRestart(Service.REPORT)));
            fault(
                    "SIGKILL + restart of the gateway while PostgreSQL is frozen (SIGSTOP) for "
                            + settings.postgresPause().toSeconds() + " s" + r,
                    () -> parallel(() -> killAndRestart(Service.GATEWAY), () -> {
                        stack.pausePostgres();
                        try {
                            Thread.sleep(settings.postgresPause().toMillis());
                        } finally {
                            stack.resumePostgres();
                        }
                    }));
            fault("Kafka frozen (SIGSTOP) for " + settings.kafkaPause().toSeconds() + " s" + r, () -> {
                stack.pauseKafka();
                try {
                    Thread.sleep(settings.kafkaPause().toMillis());
                } finally {
                    stack.resumeKafka();
                }
            });
        } while (settings.repeatFaults() && intakes.size() < settings.intakes());
    }

    interface Step {
        void run() throws Exception;
    }

    private void fault(String what, Step step) throws Exception {
        long t = System.nanoTime();
        say("fault: " + what);
        step.run();
        faults.add(new Fault(what, seconds(t - startNanos), seconds(System.nanoTime() - t)));
        say("fault over after " + String.format(Locale.ROOT, "%.1f s", seconds(System.nanoTime() - t)) + ": " + what);
    }

    private void killAndRestart(Service s) {
        stack.killService(s);
        stack.startService(s);
    }

    private static void parallel(Step... steps) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(steps.length);
        try {
            List<Future<Object>> fs = new ArrayList<>();
            for (Step s : steps) {
                fs.add(pool.submit(() -> {
                    s.run();
                    return null;
                }));
            }
            for (Future<Object> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ checks

    record Baseline(long reportCount, long followupCount, long deadLetters) {}

    /** Counts before the run, once they have not moved for three seconds (earlier tests' events may still arrive). */
    private Baseline settledBaseline(String karin) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Baseline last = null;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Baseline now = new Baseline(reportCount(karin), followupCount(karin), deadLetters());
            if (!now.equals(last)) {
                last = now;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince > Duration.ofSeconds(3).toNanos()) {
                return now;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("counts did not settle before the chaos run: " + last);
    }

    private long reportCount(String token) throws Exception {
        LocalDate day = occurredAt.atZone(ZoneId.of("Europe/Stockholm")).toLocalDate();
        JsonNode counts = getJson(stack.gatewayUrl() + "/report/v1/deviation-counts?from=" + day + "&to=" + day, token);
        long n = 0;
        for (JsonNode cell : counts.get("items")) {
            if (cell.get("orgUnitId").asText().equals(HEMTJANST)
                    && cell.get("category").asText().equals(CATEGORY)) {
                n += cell.get("count").asLong();
            }
        }
        return n;
    }

    private long followupCount(String token) throws Exception {
        int year = LocalDate.now(ZoneId.of("Europe/Stockholm")).getYear();
        JsonNode page = getJson(
                stack.gatewayUrl() + "/followup/v1/deviation-indicators?period=" + year + "&orgUnitId=" + HEMTJANST,
                token);
        for (JsonNode item : page.get("items")) {
            if (item.get("orgUnitId").asText().equals(HEMTJANST)) {
                return item.get("reports").asLong();
            }
        }
        return 0;
    }

    private long deadLetters() {
        long n = 0;
        for (String db : List.of("deviation", "registry", "followup", "report")) {
            n += StackDb.count(stack, db, "SELECT count(*) FROM dead_letter_event");
        }
        return n;
    }

    private JsonNode getJson(String url, String token) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(20))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError(url + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** Waits until the outbox is empty and both read models hold every report; returns when (System.nanoTime). */
    private long drain(UUID[] ids, List<String> failures) throws Exception {
        long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
        while (true) {
            long unsent = StackDb.count(stack, "deviation", "SELECT count(*) FROM outbox_event WHERE sent_at IS NULL");
            long inReport = StackDb.count(
                    stack, "report", "SELECT count(*) FROM deviation_fact WHERE deviation_id = ANY(?)", (Object) ids);
            long inFollowup = StackDb.count(
                    stack, "followup", "SELECT count(*) FROM deviation_fact WHERE deviation_id = ANY(?)", (Object) ids);
            if (unsent == 0 && inReport == ids.length && inFollowup == ids.length) {
                return System.nanoTime();
            }
            if (System.nanoTime() > deadline) {
                failures.add("not drained within " + DRAIN_LIMIT.toSeconds() + " s: outbox backlog " + unsent
                        + ", report-service has " + inReport + " and followup-service " + inFollowup + " of "
                        + ids.length);
                return System.nanoTime();
            }
            Thread.sleep(200);
        }
    }

    record Checks(
            long stored,
            long distinctSummaries,
            long keys,
            int distinctEvents,
            long records,
            long topicDuplicates,
            Map<String, Long> reportInbox,
            Map<String, Long> followupInbox,
            long reportFacts,
            long followupFacts,
            long reportCounted,
            long followupCounted,
            long newDeadLetters,
            long unsent) {}

    private Checks check(UUID[] ids, Baseline before, List<String> failures) throws Exception {
        int n = intakes.size();
        List<Intake> failed = intakes.stream().filter(i -> i.id == null).toList();
        if (!failed.isEmpty()) {
            failures.add(failed.size() + " of " + n + " intakes never succeeded, e.g. nr " + failed.get(0).n + ": "
                    + failed.get(0).failure);
        }
        Set<String> clientIds =
                intakes.stream().filter(i -> i.id != null).map(i -> i.id).collect(Collectors.toSet());
        if (clientIds.size() != ids.length) {
            failures.add("two keys were answered with the same report id");
        }

        // the store: one report per key, and the ones the clients were told about
        List<List<Object>> stored = StackDb.rows(
                stack, "deviation", "SELECT id, summary FROM deviation WHERE summary LIKE ?", "Kaos " + run + " nr %");
        Set<String> storedIds = stored.stream().map(r -> r.get(0).toString()).collect(Collectors.toSet());
        long distinctSummaries = stored.stream().map(r -> r.get(1)).distinct().count();
        if (stored.size() != n || distinctSummaries != n) {
            failures.add("deviation-service stored " + stored.size() + " reports (" + distinctSummaries
                    + " distinct) for " + n + " intakes");
        }
        if (!storedIds.equals(clientIds)) {
            failures.add("the stored reports are not the ones the clients were answered with");
        }
        String[] keys = intakes.stream().map(i -> i.key).toArray(String[]::new);
        long keyRows = StackDb.count(
                stack, "deviation", "SELECT count(*) FROM idempotency_key WHERE idempotency_key = ANY(?)", (Object)
                        keys);
        if (keyRows != n) {
            failures.add(keyRows + " idempotency-key rows for " + n + " keys");
        }

        // the topic: one reported event per report; records sent twice are duplicates for the inboxes
        Map<String, Set<String>> eventIdsPerReport = new HashMap<>();
        Map<String, Integer> recordsPerEvent = new HashMap<>();
        readReported(clientIds, eventIdsPerReport, recordsPerEvent);
        long records =
                recordsPerEvent.values().stream().mapToLong(Integer::longValue).sum();
        long topicDuplicates = records - recordsPerEvent.size();
        List<String> notOnce = clientIds.stream()
                .filter(id -> eventIdsPerReport.getOrDefault(id, Set.of()).size() != 1)
                .toList();
        if (!notOnce.isEmpty()) {
            failures.add(notOnce.size() + " reports do not have exactly one reported event id on the topic, e.g. "
                    + notOnce.get(0) + ": " + eventIdsPerReport.getOrDefault(notOnce.get(0), Set.of()));
        }
        String[] eventIds = recordsPerEvent.keySet().toArray(String[]::new);

        // every consumer's inbox: each event id once
        Map<String, Long> reportInbox = StackDb.counts(
                stack,
                "report",
                "SELECT consumer, count(*) FROM inbox_event WHERE event_id = ANY(?) GROUP BY consumer ORDER BY consumer",
                (Object) eventIds);
        Map<String, Long> followupInbox = StackDb.counts(
                stack,
                "followup",
                "SELECT consumer, count(*) FROM inbox_event WHERE event_id = ANY(?) GROUP BY consumer ORDER BY consumer",
                (Object) eventIds);
        for (Map.Entry<String, Map<String, Long>> db : Map.of(
                        "report-service", reportInbox, "followup-service", followupInbox)
                .entrySet()) {
            if (db.getValue().isEmpty()) {
                failures.add(db.getKey() + ": no inbox consumer applied the reported events");
            }
            db.getValue().forEach((consumer, count) -> {
                if (count != eventIds.length) {
                    failures.add(db.getKey() + " inbox " + consumer + " holds " + count + " of " + eventIds.length
                            + " event ids");
                }
            });
        }

        // the read models: each report once
        long reportFacts = StackDb.count(
                stack, "report", "SELECT count(*) FROM deviation_fact WHERE deviation_id = ANY(?)", (Object) ids);
        long followupFacts = StackDb.count(
                stack, "followup", "SELECT count(*) FROM deviation_fact WHERE deviation_id = ANY(?)", (Object) ids);
        String karin = StackTokens.user(http, stack, "karin");
        long reportCounted = reportCount(karin) - before.reportCount();
        long followupCounted = followupCount(karin) - before.followupCount();
        if (reportFacts != ids.length || reportCounted != ids.length) {
            failures.add("report-service: " + reportFacts + " facts, counts grew by " + reportCounted + ", for "
                    + ids.length + " reports");
        }
        if (followupFacts != ids.length || followupCounted != ids.length) {
            failures.add("followup-service: " + followupFacts + " facts, counts grew by " + followupCounted + ", for "
                    + ids.length + " reports");
        }
        long newDeadLetters = deadLetters() - before.deadLetters();
        if (newDeadLetters != 0) {
            failures.add(newDeadLetters + " new dead letters");
        }
        long unsent = StackDb.count(stack, "deviation", "SELECT count(*) FROM outbox_event WHERE sent_at IS NULL");
        webhooks(clientIds, failures);
        return new Checks(
                stored.size(),
                distinctSummaries,
                keyRows,
                recordsPerEvent.size(),
                records,
                topicDuplicates,
                reportInbox,
                followupInbox,
                reportFacts,
                followupFacts,
                reportCounted,
                followupCounted,
                newDeadLetters,
                unsent);
    }

    /**
     * Every report's reported event reached the case system's webhook at least once, signed; a delivery that came
     * twice (a sender that died before it recorded the answer) carries the same webhook-id, so the receiver can drop
     * it. Then the subscription ends.
     */
    private void webhooks(Set<String> reportIds, List<String> failures) throws Exception {
        long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
        Set<String> heard = Set.of();
        while (System.nanoTime() < deadline) {
            heard = hooks.deliveries().stream()
                    .map(WebhookReceiver.Delivery::subject)
                    .filter(reportIds::contains)
                    .collect(Collectors.toSet());
            if (heard.size() == reportIds.size()) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        List<WebhookReceiver.Delivery> got = hooks.deliveries();
        hookDeliveries = got.size();
        hookDistinct = hooks.timesPerId().size();
        hookReports = heard.size();
        if (heard.size() != reportIds.size()) {
            failures.add("the webhook heard of " + heard.size() + " of " + reportIds.size() + " reports");
        }
        long unsigned = got.stream().filter(d -> !d.signatureValid()).count();
        if (unsigned > 0) {
            failures.add(unsigned + " webhook deliveries without a valid signature");
        }
        Map<String, Set<String>> subjectsPerId = got.stream()
                .collect(Collectors.groupingBy(
                        WebhookReceiver.Delivery::id,
                        Collectors.mapping(WebhookReceiver.Delivery::subject, Collectors.toSet())));
        if (subjectsPerId.values().stream().anyMatch(v -> v.size() != 1) || subjectsPerId.size() != heard.size()) {
            failures.add("webhook deliveries: " + subjectsPerId.size() + " webhook-ids for " + heard.size()
                    + " reports (one id per event expected)");
        }
        try {
            http.send(
                    HttpRequest.newBuilder(URI.create(
                                    stack.gatewayUrl() + "/deviation/v1/webhook-subscriptions/" + hookSubscription))
                            .header("Authorization", "Bearer " + caseToken())
                            .DELETE()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
        } finally {
            hooks.close();
        }
    }

    private long hookDeliveries;
    private long hookDistinct;
    private long hookReports;

    /** Reads the deviation topic from its beginning to its current end: reported events of these reports. */
    private void readReported(
            Set<String> reportIds, Map<String, Set<String>> eventIdsPerReport, Map<String, Integer> recordsPerEvent) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DEVIATION, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + Topics.DEVIATION + " to its end within 60 s");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (!reportIds.contains(r.key()) || !DeviationReportedV1.TYPE.equals(header(r, "ce_type"))) {
                        continue;
                    }
                    String eventId = header(r, "ce_id");
                    eventIdsPerReport
                            .computeIfAbsent(r.key(), k -> new HashSet<>())
                            .add(eventId);
                    recordsPerEvent.merge(eventId, 1, Integer::sum);
                }
            }
        }
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ the table

    private String table(double sendingSeconds, double drainSeconds, Checks c) {
        List<Intake> ok = intakes.stream().filter(i -> i.id != null).toList();
        List<Double> toSuccess = ok.stream()
                .map(i -> seconds(i.succeededNanos - i.firstSentNanos))
                .sorted()
                .toList();
        long retries = intakes.stream().mapToLong(i -> i.attempts - 1L).sum();
        long retried = intakes.stream().filter(i -> i.attempts > 1).count();
        int maxAttempts = intakes.stream().mapToInt(i -> i.attempts).max().orElse(0);
        long replayed = ok.stream().filter(i -> i.replayed).count();
        long viaReplica = ok.stream().filter(i -> i.viaReplica).count();
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT,
                "%nChaos run %s: %d intakes by %d clients at %.1f/s over %.0f s (%d succeeded via the "
                        + "gateway, %d directly at the deviation replica)%n%n",
                run,
                intakes.size(),
                settings.clients(),
                settings.perSecond(),
                sendingSeconds,
                ok.size() - viaReplica,
                viaReplica));
        b.append("| fault | at (s) | took (s) |\n|---|---:|---:|\n");
        for (Fault f : faults) {
            b.append(String.format(Locale.ROOT, "| %s | %.0f | %.1f |%n", f.what(), f.atSeconds(), f.tookSeconds()));
        }
        b.append("\n| what the clients saw (every attempt) | count |\n|---|---:|\n");
        new TreeMap<>(outcomes)
                .forEach((k, v) ->
                        b.append("| ").append(k).append(" | ").append(v.get()).append(" |\n"));
        b.append("\n| figure | value |\n|---|---:|\n");
        row(b, "intakes / succeeded", intakes.size() + " / " + ok.size());
        row(b, "retries (intakes that needed one)", retries + " (" + retried + ")");
        row(b, "most attempts for one intake", Integer.toString(maxAttempts));
        row(
                b,
                "time to success p50 / p99 / longest",
                String.format(
                        Locale.ROOT,
                        "%.2f / %.2f / %.1f s",
                        pct(toSuccess, 0.5),
                        pct(toSuccess, 0.99),
                        toSuccess.isEmpty() ? 0 : toSuccess.get(toSuccess.size() - 1)));
        row(b, "duplicates absorbed at intake (same key answered from the first response)", Long.toString(replayed));
        row(b, "duplicates absorbed by the inboxes (an event on the topic twice)", Long.toString(c.topicDuplicates()));
        row(
                b,
                "drain time (last success → outbox empty, both read models complete)",
                String.format(Locale.ROOT, "%.1f s", drainSeconds));
        row(
                b,
                "reports stored (distinct) / idempotency keys",
                c.stored() + " (" + c.distinctSummaries() + ") / " + c.keys());
        row(b, "reported events on the topic: event ids / records", c.distinctEvents() + " / " + c.records());
        row(b, "report-service inbox per consumer", c.reportInbox().toString());
        row(b, "followup-service inbox per consumer", c.followupInbox().toString());
        row(b, "report-service: facts / counts grew by", c.reportFacts() + " / " + c.reportCounted());
        row(b, "followup-service: facts / counts grew by", c.followupFacts() + " / " + c.followupCounted());
        row(b, "new dead letters / outbox backlog", c.newDeadLetters() + " / " + c.unsent());
        row(
                b,
                "webhook (case system, reported): reports heard / deliveries / distinct webhook-ids",
                hookReports + " / " + hookDeliveries + " / " + hookDistinct);
        return b.toString();
    }

    private static void row(StringBuilder b, String what, String value) {
        b.append("| ").append(what).append(" | ").append(value).append(" |\n");
    }

    private static double pct(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String randomLetters(int n) {
        Random r = new Random();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append((char) ('a' + r.nextInt(26)));
        }
        return b.toString();
    }

    private static void say(String line) {
        System.out.println("[chaos] " + line);
    }
}
