package se.kvalitet.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.jboss.logmanager.LogContext;
import se.kvalitet.testing.FreePorts;
import se.kvalitet.testing.KafkaBroker;
import se.kvalitet.testing.PostgresServer;

/**
 * The whole suite on one machine without Docker: PostgreSQL (one database per service) and a
 * Kafka broker inside this JVM, Keycloak with the {@value #REALM} demo realm ({@link DemoRealm}) as
 * a child process, then the four services and the gateway as child processes running their
 * packaged Quarkus jars.
 *
 * <p>Used by {@code run-local.sh} through {@link #main(String[])}, and as a library by
 * end-to-end tests:
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.builder().temporary().randomPorts().build().start()) {
 *     String gateway = stack.gatewayUrl();
 * }
 * }</pre>
 */
public final class LocalStack implements AutoCloseable {

    public static final String REALM = "kvalitet";
    public static final String REALM_FILE = "kvalitet-realm.json";
    public static final String KEYCLOAK_ADMIN_USER = "admin";
    public static final String KEYCLOAK_ADMIN_PASSWORD = "admin";
    public static final List<String> DATABASES = List.of("deviation", "registry", "followup", "report");

    private static final String LOCALSTACK_PID = "localstack";
    private static final String KEYCLOAK = "keycloak";
    private static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(20);
    private static final Duration KEYCLOAK_STOP_GRACE = Duration.ofSeconds(30);
    private static final String KAFKA = "kafka";

    /** Loggers of the in-JVM infrastructure kept at WARN; held here so their levels are not collected. */
    private static final List<java.util.logging.Logger> QUIETED = new ArrayList<>();

    private final Builder options;
    private final Path stateDir;
    private final Path logDir;
    private final Map<Service, Integer> servicePorts;
    private final int postgresPort;
    private final int kafkaPort;
    private final int keycloakPort;
    private final int keycloakManagementPort;
    private final int smtpPort;
    private final int imapPort;

    private final Object lock = new Object();
    private final Object closeLock = new Object();
    private volatile boolean started;
    private volatile boolean closing;
    private boolean closed;
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private ChildProcess kafkaChild;
    private MailServer mail;
    private ChildProcess keycloak;
    private Path keycloakInstanceHome;
    private final Map<Service, ChildProcess> running = new EnumMap<>(Service.class);
    private final Map<Service, ChildProcess> replicas = new EnumMap<>(Service.class);
    private final Map<Service, Integer> replicaPorts = new EnumMap<>(Service.class);
    private final Map<String, Duration> readyAfter = Collections.synchronizedMap(new LinkedHashMap<>());
    private Thread shutdownHook;

    private LocalStack(Builder b, Path stateDir) {
        this.options = b;
        this.stateDir = stateDir;
        this.logDir = b.logDir != null ? b.logDir : stateDir.resolve("logs");
        this.postgresPort = FreePorts.orPick(b.postgresPort);
        this.kafkaPort = FreePorts.orPick(b.kafkaPort);
        this.keycloakPort = FreePorts.orPick(b.keycloakPort);
        this.keycloakManagementPort = FreePorts.orPick(b.keycloakManagementPort);
        this.smtpPort = FreePorts.orPick(b.smtpPort);
        this.imapPort = FreePorts.orPick(b.imapPort);
        EnumMap<Service, Integer> ports = new EnumMap<>(Service.class);
        for (Service s : Service.values()) {
            ports.put(s, FreePorts.orPick(b.servicePorts.getOrDefault(s, s.defaultPort())));
        }
        this.servicePorts = Collections.unmodifiableMap(ports);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static void main(String[] args) {
        System.exit(Cli.run(args));
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Starts everything that is switched on, in order, waiting for each piece to be ready. On
     * failure everything started so far is stopped again and the exception says what failed, with
     * the tail of the failing process's log.
     */
    public LocalStack start() {
        synchronized (lock) {
            if (started) {
                throw new IllegalStateException("already started");
            }
            started = true;
        }
        if (options.shutdownHook) {
            shutdownHook = new Thread(this::close, "localstack-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        try {
            Map<Service, Path> jars = locateJars();
            prepareStateDir();
            checkPortsFree(jars);
            quietInfrastructureLogs();

            long keycloakLaunched = 0;
            if (options.keycloak) {
                long t = System.nanoTime();
                prepareKeycloak();
                readyAfter.put("keycloak-prepare", since(t));
                keycloakLaunched = System.nanoTime();
                register(launchKeycloak());
                say("Keycloak starting on " + keycloakUrl() + " (Java " + Jdks.describeHome(keycloakJavaHome())
                        + ", log " + logFile(KEYCLOAK) + ")");
            }
            if (options.postgres) {
                long t = System.nanoTime();
                PostgresServer pg = startPostgres();
                register(pg);
                for (String db : DATABASES) {
                    pg.createDatabase(db);
                }
                readyAfter.put("postgres", since(t));
                say("PostgreSQL ready on port " + postgresPort + " with databases " + String.join(", ", DATABASES));
            }
            if (options.kafka) {
                long t = System.nanoTime();
                if (options.kafkaProcess) {
                    launchKafkaProcess();
                } else {
                    register(KafkaBroker.start(kafkaPort, stateDir.resolve(KAFKA)));
                }
                readyAfter.put(KAFKA, since(t));
                say("Kafka ready at " + kafkaBootstrapServers());
            }
            if (options.mail) {
                MailServer m =
                        MailServer.start(smtpPort, imapPort, logDir.resolve("mail.log"), stateDir.resolve("mail"));
                synchronized (lock) {
                    mail = m;
                }
                say("Mail server (GreenMail) on SMTP " + smtpPort + " / IMAP " + imapPort + ", sent mail in "
                        + logDir.resolve("mail.log"));
            }
            Map<Service, Long> launched = launchServices(jars);
            if (options.keycloak) {
                keycloak.awaitHttpOk(
                        keycloakManagementUrl() + "/health/ready", options.keycloakTimeout, this::isClosing);
                keycloak.awaitHttpOk(
                        issuer() + "/.well-known/openid-configuration", Duration.ofSeconds(30), this::isClosing);
                readyAfter.put(KEYCLOAK, since(keycloakLaunched));
                say("Keycloak ready after " + seconds(readyAfter.get(KEYCLOAK)) + " s");
            }
            awaitServices(launched);
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Kills a service or the gateway with SIGKILL (no shutdown, as a crash or the OOM killer would)
     * and waits until the process is gone; {@link #startService} brings it back.
     */
    public void killService(Service service) {
        ChildProcess p;
        synchronized (lock) {
            p = running.remove(service);
        }
        if (p == null) {
            throw new IllegalStateException(service.module() + " is not running");
        }
        p.kill();
    }

    /**
     * Starts a second instance of a domain service on a free port, with the same database, Kafka
     * and realm (consumers in one group share the partitions, relays and clocks compete), and waits
     * until it is ready. The gateway keeps routing to the first; call the replica at {@link #replicaUrl}.
     */
    public String startReplica(Service service) {
        if (service.isGateway()) {
            throw new IllegalArgumentException("the gateway has no replica here");
        }
        Path jar = locateJar(service).orElseThrow(() -> notBuilt(List.of(service)));
        int port = replicaPorts.computeIfAbsent(service, s -> FreePorts.pick());
        long t = System.nanoTime();
        Map<String, String> env = environment(service);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        ChildProcess p = launch(service.module() + "-2", jar, env);
        synchronized (lock) {
            if (closing || replicas.containsKey(service)) {
                p.stop(SERVICE_STOP_GRACE);
                throw new IllegalStateException(
                        closing ? "shutting down" : service.module() + " already has a replica");
            }
            replicas.put(service, p);
        }
        watch(service.module() + "-2", p, () -> replicas.get(service) == p);
        p.awaitHttpOk(replicaUrl(service) + "/q/health/ready", options.serviceTimeout, this::isClosing);
        readyAfter.put(service.module() + "-2", since(t));
        say(service.module() + " replica ready on " + replicaUrl(service) + " after "
                + seconds(readyAfter.get(service.module() + "-2")) + " s");
        return replicaUrl(service);
    }

    /** The base URL of a service's replica (see {@link #startReplica}). */
    public String replicaUrl(Service service) {
        Integer port = replicaPorts.get(service);
        if (port == null) {
            throw new IllegalStateException(service.module() + " has no replica");
        }
        return "http://127.0.0.1:" + port;
    }

    /** Stops a replica (SIGTERM, then SIGKILL after the grace period); a no-op without one. */
    public void stopReplica(Service service) {
        ChildProcess p;
        synchronized (lock) {
            p = replicas.remove(service);
        }
        if (p != null) {
            p.stop(SERVICE_STOP_GRACE);
        }
    }

    /** Kills a replica with SIGKILL. */
    public void killReplica(Service service) {
        ChildProcess p;
        synchronized (lock) {
            p = replicas.remove(service);
        }
        if (p == null) {
            throw new IllegalStateException(service.module() + " has no running replica");
        }
        p.kill();
    }

    /**
     * Freezes Kafka (SIGSTOP to its process): connections stay open and nothing answers, as with a
     * broker host that hangs. Needs {@link Builder#kafkaProcess(boolean)}. {@link #resumeKafka()} undoes it.
     */
    public void pauseKafka() {
        requireKafkaProcess().signal("STOP");
    }

    public void resumeKafka() {
        requireKafkaProcess().signal("CONT");
    }

    private ChildProcess requireKafkaProcess() {
        ChildProcess k = kafkaChild;
        if (k == null) {
            throw new IllegalStateException(
                    options.kafkaProcess
                            ? "Kafka is not running"
                            : "Kafka runs inside this JVM: build the stack with kafkaProcess(true) to pause it");
        }
        return k;
    }

    /**
     * Freezes PostgreSQL (SIGSTOP to the postmaster and every backend): connections stay open and
     * no query answers, as with a database host that hangs. {@link #resumePostgres()} undoes it.
     */
    public void pausePostgres() {
        ChildProcess.signal("STOP", postgresProcesses());
    }

    public void resumePostgres() {
        List<ProcessHandle> all = new ArrayList<>(postgresProcesses());
        Collections.reverse(all);
        ChildProcess.signal("CONT", all);
    }

    /** The postmaster (first) and its children, from {@code postmaster.pid} of this stack's data directory. */
    private List<ProcessHandle> postgresProcesses() {
        if (postgres == null) {
            throw new IllegalStateException("PostgreSQL is not running");
        }
        Path pidFile = stateDir.resolve("postgres").resolve("postmaster.pid");
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            ProcessHandle postmaster = ProcessHandle.of(pid)
                    .orElseThrow(() -> new IllegalStateException("PostgreSQL (pid " + pid + ") is not running"));
            List<ProcessHandle> all = new ArrayList<>();
            all.add(postmaster);
            postmaster.descendants().forEach(all::add);
            return all;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot find PostgreSQL's processes through " + pidFile, e);
        }
    }

    /**
     * Drops a service's database (closing its connections) and creates it empty, as a lost disk
     * with no backup would leave it. Stop the service first; its Flyway recreates the schema on the
     * next start.
     */
    public void recreateDatabase(String database) {
        if (!DATABASES.contains(database)) {
            throw new IllegalArgumentException("not a database of the suite: " + database);
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                        jdbcUrl("postgres"), PostgresServer.USER, PostgresServer.PASSWORD);
                java.sql.Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + database);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not recreate database " + database, e);
        }
    }

    /** Stops a running service or the gateway (the rest keeps running), e.g. to test how others cope. */
    public void stopService(Service service) {
        ChildProcess p;
        synchronized (lock) {
            p = running.remove(service);
        }
        if (p != null) {
            p.stop(SERVICE_STOP_GRACE);
        }
    }

    /** Starts a service or the gateway (again) and waits until it is ready. */
    public void startService(Service service) {
        Path jar = locateJar(service).orElseThrow(() -> notBuilt(List.of(service)));
        long t = System.nanoTime();
        ChildProcess p = launchService(service, jar);
        synchronized (lock) {
            if (closing || running.containsKey(service)) {
                p.stop(SERVICE_STOP_GRACE);
                throw new IllegalStateException(closing ? "shutting down" : service.module() + " is already running");
            }
            running.put(service, p);
        }
        watch(service.module(), p, () -> running.get(service) == p);
        p.awaitHttpOk(serviceUrl(service) + "/q/health/ready", options.serviceTimeout, this::isClosing);
        readyAfter.put(service.module(), since(t));
    }

    /**
     * Stops services first (gateway, then the domain services), then Keycloak, Kafka and
     * PostgreSQL. Safe to call more than once and from a shutdown hook while {@link #start()} is
     * still running.
     */
    @Override
    public void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            PostgresServer pg;
            KafkaBroker broker;
            ChildProcess kafkaProcess;
            MailServer mailServer;
            ChildProcess kc;
            List<ChildProcess> apps;
            ChildProcess gateway;
            synchronized (lock) {
                closing = true;
                pg = postgres;
                broker = kafka;
                kafkaProcess = kafkaChild;
                mailServer = mail;
                mail = null;
                kc = keycloak;
                gateway = running.remove(Service.GATEWAY);
                apps = new ArrayList<>(running.values());
                apps.addAll(replicas.values());
                running.clear();
                replicas.clear();
                postgres = null;
                kafka = null;
                kafkaChild = null;
                keycloak = null;
            }
            if (gateway != null
                    || !apps.isEmpty()
                    || kc != null
                    || broker != null
                    || kafkaProcess != null
                    || pg != null) {
                say("stopping");
            }
            if (gateway != null) {
                gateway.stop(SERVICE_STOP_GRACE);
            }
            List<Thread> stoppers = new ArrayList<>();
            for (ChildProcess app : apps) {
                Thread t = new Thread(() -> app.stop(SERVICE_STOP_GRACE), "stop-" + app.name());
                t.start();
                stoppers.add(t);
            }
            joinAll(stoppers);
            if (kc != null) {
                kc.stop(KEYCLOAK_STOP_GRACE);
            }
            if (!apps.isEmpty() || gateway != null || kc != null) {
                say("child processes stopped");
            }
            if (mailServer != null) {
                mailServer.close();
            }
            if (broker != null) {
                try {
                    broker.close();
                } catch (RuntimeException e) {
                    System.err.println("[localstack] stopping Kafka failed: " + e);
                }
            }
            if (kafkaProcess != null) {
                // a paused broker would never see SIGTERM
                try {
                    kafkaProcess.signal("CONT");
                } catch (RuntimeException e) {
                    // already gone
                }
                kafkaProcess.stop(SERVICE_STOP_GRACE);
            }
            if (pg != null) {
                try {
                    resumePostgresQuietly(pg);
                    pg.close();
                } catch (RuntimeException e) {
                    System.err.println("[localstack] stopping PostgreSQL failed: " + e);
                }
            }
            try {
                Files.deleteIfExists(pidFile(LOCALSTACK_PID));
            } catch (IOException e) {
                // checked against the process table on the next start
            }
            if (options.temporary && options.deleteTemporary) {
                deleteRecursively(stateDir);
            }
            // whatever still carries this stack's tag (e.g. restarted by hand with the launcher's command line)
            for (ProcessHandle h : StaleProcesses.tagged(StaleProcesses.marker(stateDir))) {
                System.err.println("[localstack] stopping " + StaleProcesses.describe(h)
                        + ", started for this stack outside the launcher");
                ChildProcess.stopTree(treeOf(h), SERVICE_STOP_GRACE);
            }
            if (broker != null || kafkaProcess != null || pg != null) {
                say("stopped");
            }
            if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException e) {
                    // the JVM is already shutting down
                }
            }
            closed = true;
        }
    }

    private void say(String message) {
        try {
            options.progress.accept(message);
        } catch (RuntimeException e) {
            // progress output must not break starting or stopping
        }
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }

    // ------------------------------------------------------------------ where things are

    public String gatewayUrl() {
        return serviceUrl(Service.GATEWAY);
    }

    public String serviceUrl(Service service) {
        return "http://127.0.0.1:" + servicePorts.get(service);
    }

    public int port(Service service) {
        return servicePorts.get(service);
    }

    public String keycloakUrl() {
        return "http://127.0.0.1:" + keycloakPort;
    }

    public String keycloakManagementUrl() {
        return "http://127.0.0.1:" + keycloakManagementPort;
    }

    /** The realm's issuer, which the services use as {@code quarkus.oidc.auth-server-url}. */
    public String issuer() {
        return keycloakUrl() + "/realms/" + REALM;
    }

    public String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    public String jwksUrl() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + database;
    }

    public int postgresPort() {
        return postgresPort;
    }

    /** Whether the stack runs its mail server (GreenMail, {@link Builder#mail}). */
    public boolean mailEnabled() {
        return options.mail;
    }

    /** The SMTP port the services' mailers send to. */
    public int smtpPort() {
        return smtpPort;
    }

    /** The IMAP port a mail client reads from (login and password: the recipient's address). */
    public int imapPort() {
        return imapPort;
    }

    /** The log of every mail the mail server received. */
    public Path mailLog() {
        return logDir.resolve("mail.log");
    }

    public String kafkaBootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    /** The in-JVM broker, e.g. to stop and restart it in a resilience test; null when not started. */
    public KafkaBroker kafka() {
        return kafka;
    }

    /** The embedded PostgreSQL server; null when not started. */
    public PostgresServer postgres() {
        return postgres;
    }

    public Path stateDir() {
        return stateDir;
    }

    public Path logDir() {
        return logDir;
    }

    /** {@code keycloak.log} or {@code <module>.log}. */
    public Path logFile(String name) {
        return logDir.resolve(name + ".log");
    }

    public Path logFile(Service service) {
        return logFile(service.module());
    }

    public Set<Service> services() {
        return Collections.unmodifiableSet(options.services);
    }

    public boolean keycloakEnabled() {
        return options.keycloak;
    }

    public boolean demoData() {
        return options.demoData;
    }

    /** How long each piece took from launch to ready, in start order. */
    public Map<String, Duration> readyTimes() {
        synchronized (readyAfter) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(readyAfter));
        }
    }

    public Optional<Duration> keycloakReadyTime() {
        return Optional.ofNullable(readyAfter.get(KEYCLOAK));
    }

    /** This stack's own Keycloak home (links to the built distribution); null before Keycloak is prepared. */
    public Path keycloakInstanceHome() {
        return keycloakInstanceHome;
    }

    /** The unpacked Keycloak distribution this stack's Keycloak is built from. */
    public Path keycloakHome() {
        return options.keycloakHome != null ? options.keycloakHome : defaultKeycloakHome();
    }

    /** The JDK Keycloak runs on: the newest one of at least 21 under /usr/lib/jvm, else this JVM's. */
    public Path keycloakJavaHome() {
        return options.keycloakJavaHome != null
                ? options.keycloakJavaHome
                : Jdks.preferred(Path.of("/usr/lib/jvm"), 21).home();
    }

    public Path repoRoot() {
        return options.repoRoot;
    }

    // ------------------------------------------------------------------ PostgreSQL

    private PostgresServer startPostgres() {
        return PostgresServer.start(postgresPort, stateDir.resolve("postgres"), options.temporary);
    }

    /**
     * A run killed with SIGKILL leaves its PostgreSQL running (it is a separate process) and a
     * {@code postmaster.pid} behind: stop that server (SIGINT is PostgreSQL's fast shutdown) and
     * remove a pid file whose process is gone, so the next start owns the data directory.
     */
    private static void stopLeftoverPostgres(Path data) {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            long pid = lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).trim());
            Optional<ProcessHandle> h = ProcessHandle.of(pid);
            if (h.isPresent()
                    && h.get().isAlive()
                    && h.get().info().command().map(c -> c.contains("postgres")).orElse(false)) {
                System.err.println("[localstack] stopping PostgreSQL left running by an earlier run (pid " + pid + ")");
                new ProcessBuilder("kill", "-INT", Long.toString(pid))
                        .inheritIO()
                        .start()
                        .waitFor();
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (h.get().isAlive() && System.nanoTime() < deadline) {
                    ChildProcess.sleep(100);
                }
                if (h.get().isAlive()) {
                    h.get().destroyForcibly();
                    h.get().onExit().join();
                }
            }
            if (h.isEmpty() || !h.get().isAlive()) {
                Files.deleteIfExists(pidFile);
            }
        } catch (IOException | NumberFormatException e) {
            // PostgreSQL itself reports an unusable lock file
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ Keycloak

    /**
     * Keycloak built once per distribution and build options, its realm database made once per
     * realm content ({@link KeycloakDistribution}), and a private Keycloak home for this stack.
     */
    private void prepareKeycloak() {
        Path pristine = keycloakHome();
        if (!Files.isRegularFile(pristine.resolve("bin").resolve("kc.sh"))) {
            throw new IllegalStateException(
                    "Keycloak is not unpacked at " + pristine + ". Build platform/localstack first "
                            + "(./mvnw -B -q -pl platform/localstack -am package -DskipTests), which unpacks "
                            + "org.keycloak:keycloak-quarkus-dist there; or start without Keycloak (--no-keycloak).");
        }
        byte[] realm = installRealm();
        Path built = KeycloakDistribution.built(pristine, keycloakJavaHome(), options.keycloakBuildTimeout, this::say);
        Path template = KeycloakDistribution.realmDatabase(
                built, realm, keycloakJavaHome(), options.keycloakBuildTimeout, this::say);
        keycloakInstanceHome = KeycloakDistribution.instanceHome(built, stateDir.resolve("keycloak-home"));
        Path db = keycloakDatabaseFile();
        try {
            if (options.keycloakInMemory || !Files.isRegularFile(db)) {
                Files.createDirectories(db.getParent());
                Files.copy(template, db, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not set up Keycloak's database " + db, e);
        }
    }

    /**
     * Throw-away stacks: in the private Keycloak home (fresh from the template on every start);
     * kept stacks: {@code <state>/keycloak/}, made from the template on the first start only (a
     * changed realm reaches it with {@code --fresh}).
     */
    private Path keycloakDatabaseFile() {
        return options.keycloakInMemory
                ? keycloakInstanceHome.resolve("data").resolve("h2").resolve(KeycloakDistribution.DATABASE_FILE)
                : stateDir.resolve("keycloak").resolve(KeycloakDistribution.DATABASE_FILE);
    }

    private ChildProcess launchKeycloak() {
        Path home = keycloakInstanceHome;
        List<String> cmd = new ArrayList<>(List.of(
                "/bin/bash",
                home.resolve("bin").resolve("kc.sh").toString(),
                "start",
                "--optimized",
                "--http-enabled=true",
                "--hostname-strict=false",
                "--http-host=127.0.0.1",
                "--http-port=" + keycloakPort,
                "--http-management-port=" + keycloakManagementPort,
                "--cache=local",
                "--db-url=" + KeycloakDistribution.h2Url(keycloakDatabaseFile())));
        Map<String, String> env = KeycloakDistribution.javaEnv(keycloakJavaHome());
        env.put("JAVA_OPTS_KC_HEAP", options.keycloakHeap);
        env.put("JAVA_OPTS_APPEND", (options.keycloakJvmOptions + " " + StaleProcesses.marker(stateDir)).trim());
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", KEYCLOAK_ADMIN_USER);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", KEYCLOAK_ADMIN_PASSWORD);
        ChildProcess p = ChildProcess.start(KEYCLOAK, cmd, env, home, logFile(KEYCLOAK), pidFile(KEYCLOAK));
        watch(KEYCLOAK, p, () -> keycloak == p);
        return p;
    }

    /**
     * Writes the demo realm ({@link DemoRealm}: the production realm with the demo overlay) into
     * this stack's state directory ({@link #realmFile()}) and returns it: Keycloak's database is
     * made from it.
     */
    private byte[] installRealm() {
        try {
            JsonNode production = options.realmFile != null
                    ? new ObjectMapper().readTree(options.realmFile.toFile())
                    : DemoRealm.production(options.repoRoot);
            byte[] demo = new ObjectMapper()
                    .writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(DemoRealm.merge(production, DemoRealm.overlay(options.repoRoot)));
            Path mine = realmFile();
            Files.createDirectories(mine.getParent());
            Files.write(mine, demo);
            return demo;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the realm file " + realmFile(), e);
        }
    }

    /**
     * The realm this stack imports into Keycloak: the demo realm (production realm + demo overlay,
     * with the pinned demo signing key). Written when Keycloak starts.
     */
    public Path realmFile() {
        return stateDir.resolve("keycloak-import").resolve(REALM_FILE);
    }

    static Path defaultKeycloakHome() {
        String configured = System.getProperty("kvalitet.keycloak.home");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String cache = System.getProperty("kvalitet.cache");
        Path base = cache != null && !cache.isBlank()
                ? Path.of(cache)
                : Path.of(System.getProperty("user.home"), ".cache", "kvalitet");
        return base.resolve("keycloak-" + keycloakVersion());
    }

    static String keycloakVersion() {
        Properties p = new Properties();
        try (InputStream in = LocalStack.class.getResourceAsStream("localstack.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String v = p.getProperty("keycloak.version");
        if (v == null || v.isBlank() || v.startsWith("${")) {
            throw new IllegalStateException(
                    "localstack.properties lacks keycloak.version: build platform/localstack with Maven");
        }
        return v;
    }

    // ------------------------------------------------------------------ services

    private Map<Service, Path> locateJars() {
        Map<Service, Path> jars = new EnumMap<>(Service.class);
        List<Service> missing = new ArrayList<>();
        for (Service s : options.services) {
            locateJar(s).ifPresentOrElse(j -> jars.put(s, j), () -> missing.add(s));
        }
        if (!missing.isEmpty()) {
            throw notBuilt(missing);
        }
        return jars;
    }

    private IllegalStateException notBuilt(List<Service> missing) {
        StringBuilder sb = new StringBuilder("not built yet (no target/quarkus-app/quarkus-run.jar): ");
        for (int i = 0; i < missing.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(missing.get(i).module());
        }
        sb.append(". Build first: ./mvnw -B -q package -DskipTests (./run-local.sh builds when a jar is missing), "
                + "or start the infrastructure only (--infra-only).");
        return new IllegalStateException(sb.toString());
    }

    /** {@code <root>/<module>/target/quarkus-app/quarkus-run.jar}, or under {@code services/}. */
    private Optional<Path> locateJar(Service s) {
        Path override = options.serviceJars.get(s);
        if (override != null) {
            return Files.isRegularFile(override) ? Optional.of(override) : Optional.empty();
        }
        for (Path dir : List.of(
                options.repoRoot.resolve(s.module()),
                options.repoRoot.resolve("services").resolve(s.module()))) {
            Path jar = dir.resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
            if (Files.isRegularFile(jar)) {
                return Optional.of(jar);
            }
        }
        return Optional.empty();
    }

    /**
     * Launches the domain services and the gateway side by side (they do not need each other, nor
     * Keycloak, to boot: quarkus-oidc waits for the issuer up to its connection delay), so their JVM
     * start overlaps Keycloak's.
     */
    private Map<Service, Long> launchServices(Map<Service, Path> jars) {
        Map<Service, Long> launched = new EnumMap<>(Service.class);
        for (Service s : options.services) {
            launched.put(s, System.nanoTime());
            ChildProcess p = launchService(s, jars.get(s));
            register(s, p);
            watch(s.module(), p, () -> running.get(s) == p);
            say(s.module() + " starting (log " + logFile(s) + ")");
        }
        return launched;
    }

    /** Waits for the domain services' readiness, then the gateway's (which is UP only when theirs is). */
    private void awaitServices(Map<Service, Long> launched) {
        List<Service> order = new ArrayList<>(
                options.services.stream().filter(s -> !s.isGateway()).toList());
        if (options.services.contains(Service.GATEWAY)) {
            order.add(Service.GATEWAY);
        }
        for (Service s : order) {
            ChildProcess p;
            synchronized (lock) {
                p = running.get(s);
            }
            if (p == null) {
                throw new IllegalStateException("shutting down");
            }
            p.awaitHttpOk(serviceUrl(s) + "/q/health/ready", options.serviceTimeout, this::isClosing);
            readyAfter.put(s.module(), since(launched.get(s)));
            say(s.module() + " ready on " + serviceUrl(s) + " after " + seconds(readyAfter.get(s.module())) + " s");
        }
    }

    /** The environment a service or the gateway is started with. */
    public Map<String, String> environment(Service s) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(servicePorts.get(s)));
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", issuer());
        if (s.isGateway()) {
            for (Service target : Service.values()) {
                target.gatewayRouteVariable().ifPresent(v -> env.put(v, serviceUrl(target)));
            }
        } else {
            if (options.postgres) {
                env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl(s.database().orElseThrow()));
                env.put("QUARKUS_DATASOURCE_USERNAME", PostgresServer.USER);
                env.put("QUARKUS_DATASOURCE_PASSWORD", PostgresServer.PASSWORD);
            }
            if (options.kafka) {
                env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers());
            }
            env.put("KVALITET_DEMO_DATA_ENABLED", Boolean.toString(options.demoData));
            // the key of the pseudonyms events carry instead of a username (platform/events PersonRef):
            // deviation-service makes them, report-service recognises the people it mails; a packaged service
            // has no default. The demo's key is fixed so a restarted stack recognises the same people; a real
            // one is a secret (deploy/README.md)
            env.put("KVALITET_PERSON_REF_KEY", "local-stack-person-reference-key-not-secret");
            if (options.mail && s == Service.REPORT) {
                // report-service mails notifications to people (its README, "Notifications")
                env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
                env.put("QUARKUS_MAILER_PORT", Integer.toString(smtpPort));
            }
            if (options.keycloak && s == Service.REPORT) {
                // report-service reads who holds a notified role from this Keycloak (its README, "Notifications",
                // recipients) with the demo realm's directory client; the address and realm are the issuer's
                env.put("KVALITET_NOTIFICATION_DIRECTORY_CLIENT_SECRET", "kvalitet-directory-secret");
            }
            if (s == Service.DEVIATION) {
                // a case system's webhook receiver on this machine (deviation-service README, Webhooks); a packaged
                // service sends nothing into its own network unless the installation lists the host
                env.put("KVALITET_WEBHOOKS_INTERNAL_HOSTS", "localhost,127.0.0.1");
            }
            // platform/orgcopy's OrgUnitLookup asks the registry for a unit created a moment ago
            env.put("QUARKUS_REST_CLIENT_PROCESS_REGISTRY_URL", serviceUrl(Service.REGISTRY));
        }
        // the local stack is the demo: its Keycloak signs with the published demo key, which a
        // packaged service (prod profile) refuses unless told that this is knowingly a demo
        env.put("KVALITET_SECURITY_REFUSE_DEMO_SIGNING_KEY", "false");
        env.putAll(options.environment);
        env.putAll(options.serviceEnvironment.getOrDefault(s, Map.of()));
        return env;
    }

    private ChildProcess launchService(Service s, Path jar) {
        return launch(s.module(), jar, environment(s));
    }

    private ChildProcess launch(String name, Path jar, Map<String, String> env) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(options.serviceJvmOptions);
        cmd.add(StaleProcesses.marker(stateDir));
        cmd.add("-jar");
        cmd.add(jar.toString());
        Path moduleDir = jar.getParent().getParent().getParent();
        return ChildProcess.start(name, cmd, env, moduleDir, logFile(name), pidFile(name));
    }

    /**
     * Kafka as a child JVM ({@link KafkaProcess}) on this JVM's class path, so that it can be paused
     * and killed on its own; ready when it has written its ready file.
     */
    private void launchKafkaProcess() {
        Path ready = stateDir.resolve("kafka.ready");
        try {
            Files.deleteIfExists(ready);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(
                "-Xms64m",
                "-Xmx" + options.kafkaHeapMegabytes + "m",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                StaleProcesses.marker(stateDir),
                "-cp",
                absoluteClassPath(),
                KafkaProcess.class.getName(),
                Integer.toString(kafkaPort),
                stateDir.resolve(KAFKA).toString(),
                ready.toString()));
        ChildProcess p = ChildProcess.start(KAFKA, cmd, Map.of(), stateDir, logFile(KAFKA), pidFile(KAFKA));
        synchronized (lock) {
            if (closing) {
                p.stop(SERVICE_STOP_GRACE);
                throw new IllegalStateException("start cancelled: shutting down");
            }
            kafkaChild = p;
        }
        watch(KAFKA, p, () -> kafkaChild == p);
        long deadline = System.nanoTime() + options.kafkaTimeout.toNanos();
        while (!Files.isRegularFile(ready)) {
            if (closing) {
                throw new IllegalStateException("kafka: start cancelled (shutting down)");
            }
            if (!p.isAlive()) {
                throw new IllegalStateException(
                        "Kafka exited before it was ready. Last lines of " + p.logFile() + ":\n" + p.tail(60));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Kafka was not ready within " + options.kafkaTimeout.toSeconds()
                        + " s. Last lines of " + p.logFile() + ":\n" + p.tail(60));
            }
            ChildProcess.sleep(100);
        }
    }

    /** This JVM's class path with every entry absolute (the child runs in another directory). */
    private static String absoluteClassPath() {
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!e.isBlank()) {
                entries.add(Path.of(e).toAbsolutePath().normalize().toString());
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** Says so when a child ends that nobody stopped (killed from outside, crashed, out of memory). */
    private void watch(String name, ChildProcess p, java.util.function.BooleanSupplier stillCurrent) {
        p.onExit(code -> {
            boolean current;
            synchronized (lock) {
                current = !closing && stillCurrent.getAsBoolean();
            }
            if (current) {
                say(name + " exited unexpectedly with code " + code + " (log " + p.logFile() + ")");
            }
        });
    }

    private static List<ProcessHandle> treeOf(ProcessHandle h) {
        List<ProcessHandle> tree = new ArrayList<>();
        h.descendants().forEach(tree::add);
        tree.add(h);
        return tree;
    }

    /** CONT to a PostgreSQL left paused (e.g. by a failed test), so that it can be stopped. */
    private void resumePostgresQuietly(PostgresServer pg) {
        try {
            Path pidFile = stateDir.resolve("postgres").resolve("postmaster.pid");
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            ProcessHandle.of(pid).ifPresent(h -> ChildProcess.signal("CONT", treeOf(h)));
        } catch (IOException | RuntimeException e) {
            // not running or not paused
        }
    }

    // ------------------------------------------------------------------ bookkeeping

    private void register(Object thing) {
        synchronized (lock) {
            if (!closing) {
                if (thing instanceof PostgresServer pg) {
                    postgres = pg;
                } else if (thing instanceof KafkaBroker k) {
                    kafka = k;
                } else if (thing instanceof ChildProcess c) {
                    keycloak = c;
                }
                return;
            }
        }
        stopQuietly(thing);
        throw new IllegalStateException("start cancelled: shutting down");
    }

    private void register(Service s, ChildProcess p) {
        synchronized (lock) {
            if (!closing) {
                running.put(s, p);
                return;
            }
        }
        p.stop(SERVICE_STOP_GRACE);
        throw new IllegalStateException("start cancelled: shutting down");
    }

    private static void stopQuietly(Object thing) {
        try {
            if (thing instanceof PostgresServer pg) {
                pg.close();
            } else if (thing instanceof KafkaBroker k) {
                k.close();
            } else if (thing instanceof ChildProcess c) {
                c.stop(KEYCLOAK_STOP_GRACE);
            }
        } catch (RuntimeException e) {
            System.err.println("[localstack] " + e);
        }
    }

    private boolean isClosing() {
        return closing;
    }

    private Path pidFile(String name) {
        return stateDir.resolve("pids").resolve(name + ".pid");
    }

    /**
     * Refuses to share the state directory with a live run, stops children a killed run left
     * behind, wipes the directory when asked to start fresh, and records this JVM's pid.
     */
    private void prepareStateDir() {
        try {
            Path own = pidFile(LOCALSTACK_PID);
            if (Files.isRegularFile(own)) {
                long pid = Long.parseLong(Files.readString(own).trim());
                Optional<ProcessHandle> other = ProcessHandle.of(pid);
                if (pid != ProcessHandle.current().pid()
                        && other.isPresent()
                        && other.get().isAlive()
                        && other.get()
                                .info()
                                .commandLine()
                                .map(c -> c.contains("localstack"))
                                .orElse(false)) {
                    throw new IllegalStateException("another LocalStack (pid " + pid + ") is using " + stateDir
                            + ": stop it first (Ctrl-C in its terminal, or kill " + pid + ")");
                }
            }
            if (ChildProcess.reapLeftover(pidFile(KEYCLOAK), "kc.sh", KEYCLOAK_STOP_GRACE)) {
                System.err.println("[localstack] stopped a Keycloak left running by an earlier run");
            }
            if (ChildProcess.reapLeftover(pidFile(KAFKA), KafkaProcess.class.getName(), SERVICE_STOP_GRACE)) {
                System.err.println("[localstack] stopped a Kafka left running by an earlier run");
            }
            for (Service s : Service.values()) {
                for (String name : List.of(s.module(), s.module() + "-2")) {
                    if (ChildProcess.reapLeftover(pidFile(name), "quarkus-run.jar", SERVICE_STOP_GRACE)) {
                        System.err.println("[localstack] stopped " + name + " left running by an earlier run");
                    }
                }
            }
            // children of an earlier run that the pid files no longer name (restarted by hand with the tag)
            for (ProcessHandle h : StaleProcesses.tagged(StaleProcesses.marker(stateDir))) {
                System.err.println(
                        "[localstack] stopping " + StaleProcesses.describe(h) + ", left running by an earlier run");
                ChildProcess.stopTree(treeOf(h), SERVICE_STOP_GRACE);
            }
            if (options.postgres || options.fresh) {
                stopLeftoverPostgres(stateDir.resolve("postgres"));
            }
            if (options.fresh) {
                deleteRecursively(stateDir);
            }
            Files.createDirectories(stateDir);
            Files.createDirectories(logDir);
            Files.createDirectories(own.getParent());
            Files.writeString(own, Long.toString(ProcessHandle.current().pid()) + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare " + stateDir, e);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("unreadable pid file in " + stateDir.resolve("pids"), e);
        }
    }

    /**
     * Every port this stack needs must be free. A port held by a process of this stack that the
     * launcher no longer knows (a service or Keycloak restarted by hand, a leftover of a killed
     * run; see {@link StaleProcesses}) is freed by stopping that process; a port held by anything
     * else fails the start, naming the process.
     */
    private void checkPortsFree(Map<Service, Path> jars) {
        Set<Path> ourJars = new java.util.HashSet<>();
        for (Service s : Service.values()) {
            locateJar(s).ifPresent(j -> ourJars.add(j.toAbsolutePath().normalize()));
        }
        ourJars.addAll(
                jars.values().stream().map(j -> j.toAbsolutePath().normalize()).toList());
        Set<Path> keycloakRoots =
                Set.of(stateDir, keycloakHome().toAbsolutePath().normalize().getParent());
        String marker = StaleProcesses.marker(stateDir);
        for (int port : neededPorts().values()) {
            if (!inUse(port)) {
                continue;
            }
            Optional<ProcessHandle> owner = StaleProcesses.listener(port);
            if (owner.isPresent()
                    && owner.get().pid() != ProcessHandle.current().pid()
                    && StaleProcesses.isOurs(owner.get(), marker, ourJars, keycloakRoots)) {
                System.err.println(
                        "[localstack] port " + port + " is held by " + StaleProcesses.describe(owner.get())
                                + ", a process of this stack the launcher no longer knows (started by hand or left by a killed run): stopping it");
                ChildProcess.stopTree(treeOf(owner.get()), KEYCLOAK_STOP_GRACE);
            }
        }
        checkPortsFree();
    }

    private Map<String, Integer> neededPorts() {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        if (options.postgres) {
            wanted.put("PostgreSQL", postgresPort);
        }
        if (options.kafka) {
            wanted.put("Kafka", kafkaPort);
        }
        if (options.mail) {
            wanted.put("SMTP", smtpPort);
            wanted.put("IMAP", imapPort);
        }
        if (options.keycloak) {
            wanted.put("Keycloak", keycloakPort);
            wanted.put("Keycloak management", keycloakManagementPort);
        }
        for (Service s : options.services) {
            wanted.put(s.module(), servicePorts.get(s));
        }
        return wanted;
    }

    private void checkPortsFree() {
        List<String> busy = new ArrayList<>();
        neededPorts().forEach((what, port) -> {
            if (inUse(port)) {
                busy.add(what + " port " + port
                        + StaleProcesses.listener(port)
                                .map(h -> " (" + StaleProcesses.describe(h) + ")")
                                .orElse(""));
            }
        });
        if (!busy.isEmpty()) {
            throw new IllegalStateException(
                    "ports already in use: " + String.join(", ", busy)
                            + ". Is another run still active (or a service started in dev mode)? Stop it, or choose other ports.");
        }
    }

    private static boolean inUse(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 300);
            return true;
        } catch (IOException e) {
            // nothing accepts connections there; can it be bound?
        }
        try (ServerSocket ss = new ServerSocket()) {
            ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    static void quietInfrastructureLogs() {
        synchronized (QUIETED) {
            if (!QUIETED.isEmpty()) {
                return;
            }
            LogContext ctx = LogContext.getLogContext();
            for (String name : List.of("kafka", "org.apache.kafka", "state.change.logger", "io.zonky")) {
                java.util.logging.Logger l = ctx.getLogger(name);
                l.setLevel(Level.WARNING);
                QUIETED.add(l);
            }
        }
    }

    private static Duration since(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime);
    }

    private static void joinAll(List<Thread> threads) {
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }

    /** Locates the repository root: the nearest directory upwards whose pom.xml is kvalitet-parent. */
    static Path findRepoRoot(Path from) {
        for (Path d = from.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            Path pom = d.resolve("pom.xml");
            try {
                if (Files.isRegularFile(pom)
                        && Files.readString(pom).contains("<artifactId>kvalitet-parent</artifactId>")
                        && Files.isDirectory(d.resolve("platform"))) {
                    return d;
                }
            } catch (IOException e) {
                // keep looking upwards
            }
        }
        return from.toAbsolutePath().normalize();
    }

    // ------------------------------------------------------------------ options

    /** What to start and where. Every setting has a default suited to {@code run-local.sh}. */
    public static final class Builder {

        private Path repoRoot;
        private Path stateDir;
        private Path logDir;
        private boolean temporary;
        private boolean deleteTemporary = true;
        private boolean fresh;
        private boolean postgres = true;
        private boolean kafka = true;
        private boolean keycloak = true;
        private Boolean keycloakInMemory;
        private Path keycloakHome;
        private Path keycloakJavaHome;
        private String keycloakHeap = "-Xms64m -Xmx512m";
        private String keycloakJvmOptions = "";
        private Path realmFile;
        private int postgresPort = 15432;
        private int kafkaPort = 19092;
        private int keycloakPort = 8180;
        private int keycloakManagementPort = 9180;
        private boolean mail = true;
        private int smtpPort = 3025;
        private int imapPort = 3143;
        private final Map<Service, Integer> servicePorts = new EnumMap<>(Service.class);
        private final Map<Service, Path> serviceJars = new EnumMap<>(Service.class);
        private Set<Service> services = EnumSet.allOf(Service.class);
        private boolean demoData;
        private List<String> serviceJvmOptions = List.of("-Xmx512m");
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final Map<Service, Map<String, String>> serviceEnvironment = new EnumMap<>(Service.class);
        // generous: a loaded 2-core machine (a build and a test stack beside this one) is the norm here
        private Duration keycloakTimeout = Duration.ofSeconds(240);
        private Duration keycloakBuildTimeout = Duration.ofMinutes(10);
        private Duration serviceTimeout = Duration.ofSeconds(240);
        private Duration kafkaTimeout = Duration.ofSeconds(120);
        private boolean kafkaProcess;
        private int kafkaHeapMegabytes = 384;
        private boolean shutdownHook = true;
        private Consumer<String> progress = message -> {};

        private Builder() {}

        /** The repository whose modules' jars are run; default: found upwards from the working directory. */
        public Builder repoRoot(Path root) {
            this.repoRoot = root;
            return this;
        }

        /**
         * Where PostgreSQL data ({@code postgres/}), Kafka logs ({@code kafka/}), the Keycloak
         * database ({@code keycloak/}), logs ({@code logs/}) and pid files live. Default:
         * {@code <repo>/.local}, kept between runs.
         */
        public Builder stateDir(Path dir) {
            this.stateDir = dir;
            return this;
        }

        /** Default: {@code <stateDir>/logs}. */
        public Builder logDir(Path dir) {
            this.logDir = dir;
            return this;
        }

        /**
         * State in a new temporary directory, deleted on {@link LocalStack#close()}, PostgreSQL
         * without fsync, Keycloak in memory. For tests.
         */
        public Builder temporary() {
            this.temporary = true;
            return this;
        }

        /** With {@link #temporary()}: keep the directory (and its logs) after close, e.g. to read logs of a failed test. */
        public Builder keepTemporaryState() {
            this.deleteTemporary = false;
            return this;
        }

        /** Wipe the state directory before starting: new databases, topics and realm import. */
        public Builder fresh(boolean fresh) {
            this.fresh = fresh;
            return this;
        }

        /** Every port picked free at build time (for tests running next to a developer's stack). */
        public Builder randomPorts() {
            postgresPort = 0;
            kafkaPort = 0;
            smtpPort = 0;
            imapPort = 0;
            keycloakPort = 0;
            keycloakManagementPort = 0;
            for (Service s : Service.values()) {
                servicePorts.put(s, 0);
            }
            return this;
        }

        public Builder postgres(boolean on) {
            this.postgres = on;
            return this;
        }

        /** The SMTP/IMAP server (GreenMail in this JVM) report-service mails notifications to; on by default. */
        public Builder mail(boolean on) {
            this.mail = on;
            return this;
        }

        public Builder kafka(boolean on) {
            this.kafka = on;
            return this;
        }

        public Builder keycloak(boolean on) {
            this.keycloak = on;
            return this;
        }

        /**
         * Keycloak with a throw-away database: a fresh copy of the prepared realm database in this
         * stack's own Keycloak home on every start; default for temporary stacks. Otherwise the
         * database lives in {@code <state>/keycloak/} and survives restarts.
         */
        public Builder keycloakInMemory(boolean on) {
            this.keycloakInMemory = on;
            return this;
        }

        /** The unpacked keycloak-quarkus-dist; default {@code ${kvalitet.cache}/keycloak-<version>}. */
        public Builder keycloakHome(Path home) {
            this.keycloakHome = home;
            return this;
        }

        /** JDK for Keycloak; default the newest JDK 21+ under /usr/lib/jvm, else this JVM's. */
        public Builder keycloakJavaHome(Path home) {
            this.keycloakJavaHome = home;
            return this;
        }

        /** Keycloak's heap options ({@code JAVA_OPTS_KC_HEAP}); default {@code -Xms64m -Xmx512m}. */
        public Builder keycloakHeap(String options) {
            this.keycloakHeap = options;
            return this;
        }

        /**
         * The production realm the demo overlay is laid over; default
         * {@code <repo>/deploy/keycloak/kvalitet-realm.json}, else the copy in this jar.
         */
        public Builder realmFile(Path file) {
            this.realmFile = file;
            return this;
        }

        /** 0 picks a free port. */
        public Builder postgresPort(int port) {
            this.postgresPort = port;
            return this;
        }

        public Builder kafkaPort(int port) {
            this.kafkaPort = port;
            return this;
        }

        public Builder keycloakPort(int port) {
            this.keycloakPort = port;
            return this;
        }

        public Builder keycloakManagementPort(int port) {
            this.keycloakManagementPort = port;
            return this;
        }

        public Builder port(Service service, int port) {
            this.servicePorts.put(service, port);
            return this;
        }

        /** Run this jar instead of {@code <repo>/<module>/target/quarkus-app/quarkus-run.jar}. */
        public Builder jar(Service service, Path jar) {
            this.serviceJars.put(service, jar);
            return this;
        }

        /** Which services (and whether the gateway) to start; default all. */
        public Builder services(Set<Service> services) {
            this.services = services.isEmpty() ? EnumSet.noneOf(Service.class) : EnumSet.copyOf(services);
            return this;
        }

        public Builder services(Service... services) {
            return services(Set.of(services));
        }

        /** PostgreSQL, Kafka and Keycloak only: for services run in dev mode, or tests of the infrastructure. */
        public Builder infrastructureOnly() {
            return services(EnumSet.noneOf(Service.class));
        }

        /** Sets {@code KVALITET_DEMO_DATA_ENABLED} for the services. */
        public Builder demoData(boolean on) {
            this.demoData = on;
            return this;
        }

        /**
         * Start-up over peak throughput, for a developer's stack and functional tests: every
         * service and Keycloak runs with the C1 JIT only ({@code -XX:TieredStopAtLevel=1}) and
         * the serial collector, which takes about 40 % less CPU to get a service ready on two
         * cores. Not for benchmarks: the C2 compiler is what reaches peak throughput. The code
         * cache keeps its tiered size: with C1 only the JVM reserves 48 MB, which a long-running
         * service fills, and then runs interpreted ("CodeCache is full. Compiler has been disabled").
         */
        public Builder quickStartJvms() {
            this.serviceJvmOptions = List.of(
                    "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:ReservedCodeCacheSize=240m");
            this.keycloakJvmOptions = "-XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=240m";
            return this;
        }

        /** Extra JVM options for Keycloak ({@code JAVA_OPTS_APPEND}); default none. */
        public Builder keycloakJvmOptions(String options) {
            this.keycloakJvmOptions = options == null ? "" : options;
            return this;
        }

        /** JVM options for each service; default {@code -Xmx512m}. */
        public Builder serviceJvmOptions(List<String> options) {
            this.serviceJvmOptions = List.copyOf(options);
            return this;
        }

        /** An extra environment variable for every service and the gateway. */
        public Builder environment(String name, String value) {
            this.environment.put(name, value);
            return this;
        }

        /** An extra environment variable for one service. */
        public Builder environment(Service service, String name, String value) {
            this.serviceEnvironment
                    .computeIfAbsent(service, s -> new LinkedHashMap<>())
                    .put(name, value);
            return this;
        }

        public Builder keycloakTimeout(Duration timeout) {
            this.keycloakTimeout = timeout;
            return this;
        }

        public Builder serviceTimeout(Duration timeout) {
            this.serviceTimeout = timeout;
            return this;
        }

        /** How long the one-time Keycloak build and realm-database import may take (default 10 min). */
        public Builder keycloakBuildTimeout(Duration timeout) {
            this.keycloakBuildTimeout = timeout;
            return this;
        }

        /**
         * Kafka as a process of its own ({@link KafkaProcess}) instead of inside this JVM, so that
         * {@link LocalStack#pauseKafka()} can freeze it; default false (one JVM less).
         */
        public Builder kafkaProcess(boolean on) {
            this.kafkaProcess = on;
            return this;
        }

        /** Heap of the Kafka process ({@link #kafkaProcess(boolean)}); default 384 MB. */
        public Builder kafkaHeapMegabytes(int megabytes) {
            this.kafkaHeapMegabytes = megabytes;
            return this;
        }

        /** Whether {@link LocalStack#start()} registers a JVM shutdown hook that closes the stack; default true. */
        public Builder shutdownHook(boolean on) {
            this.shutdownHook = on;
            return this;
        }

        /** Receives one line per step (started, ready, stopping); default: silent. */
        public Builder progress(Consumer<String> listener) {
            this.progress = listener;
            return this;
        }

        /** Resolves defaults and free ports; nothing starts until {@link LocalStack#start()}. */
        public LocalStack build() {
            if (repoRoot == null) {
                repoRoot = findRepoRoot(Path.of(""));
            }
            repoRoot = repoRoot.toAbsolutePath().normalize();
            if (keycloakInMemory == null) {
                keycloakInMemory = temporary;
            }
            Path state = stateDir;
            if (state == null) {
                if (temporary) {
                    try {
                        state = Files.createTempDirectory("kvalitet-localstack-");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                } else {
                    state = repoRoot.resolve(".local");
                }
            }
            return new LocalStack(this, state.toAbsolutePath().normalize());
        }
    }
}
