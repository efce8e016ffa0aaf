package se.kvalitet.localstack;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;

/** {@code java -jar platform-localstack-runner.jar [options]} (what run-local.sh runs): starts the stack and keeps it up until Ctrl-C. */
final class Cli {

    static final String DEMO_DEVIATION = "{\"summary\":\"Brukaren fick fel dos\","
            + "\"description\":\"Kvällsdosen gavs två timmar för sent.\","
            + "\"occurredAt\":\"2026-11-20T18:30:00Z\",\"noticedAt\":\"2026-11-20T20:45:00Z\","
            + "\"orgUnitId\":\"00000000-0000-4000-8000-000000000011\",\"suggestedCategory\":\"LEX_MARIA\","
            + "\"immediateActions\":\"Sjuksköterska kontaktad.\"}";

    private static final String USAGE = """
            Usage: ./run-local.sh [--build] [--demo] [--fresh] [--no-keycloak] [--infra-only] [--full-jit]

              --demo         services load the demo organisation's data (KVALITET_DEMO_DATA_ENABLED=true)
              --fresh        wipe .local first: new databases, Kafka topics and Keycloak realm import
              --no-keycloak  do not start Keycloak (services still expect it at http://127.0.0.1:8180)
              --infra-only   PostgreSQL, Kafka and Keycloak only, e.g. for services run with quarkus:dev
              --full-jit     services and Keycloak with the full JIT (C2): slower start, peak throughput
                             (by default they run C1-only for a fast start on a small machine)
              --build        (run-local.sh) rebuild everything before starting

            State (databases, topics, Keycloak's database, logs) lives in .local/ and survives restarts.
            Keycloak is built once (kc.sh build) and started optimized from a private home in .local/.
            Processes of an earlier run (a killed launcher, a service restarted by hand) are stopped first.
            Ctrl-C stops everything.
            """;

    private Cli() {}

    static int run(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        LocalStack.Builder builder = LocalStack.builder();
        boolean infraOnly = false;
        boolean quickStart = true;
        for (String arg : args) {
            switch (arg) {
                case "--demo" -> builder.demoData(true);
                case "--fresh" -> builder.fresh(true);
                case "--no-keycloak" -> builder.keycloak(false);
                case "--infra-only", "--no-services" -> infraOnly = true;
                case "--full-jit" -> quickStart = false;
                case "--build" -> {
                    // handled by run-local.sh
                }
                case "-h", "--help" -> {
                    out.print(USAGE);
                    return 0;
                }
                default -> {
                    err.println("unknown option " + arg);
                    err.print(USAGE);
                    return 2;
                }
            }
        }
        if (infraOnly) {
            builder.infrastructureOnly();
        }
        if (quickStart) {
            builder.quickStartJvms();
        }
        builder.progress(message -> out.println("[localstack] " + message));
        LocalStack stack = builder.build();
        out.println(
                "Starting the Kvalitet stack (state in " + stack.stateDir() + ", logs in " + stack.logDir() + ") ...");
        long t0 = System.nanoTime();
        try {
            stack.start();
        } catch (RuntimeException e) {
            err.println();
            err.println("Start failed: " + e.getMessage());
            stack.close();
            return 1;
        }
        out.print(banner(stack, Duration.ofNanos(System.nanoTime() - t0)));
        out.flush();
        try {
            // the shutdown hook registered by start() stops everything on Ctrl-C / SIGTERM
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    static String banner(LocalStack stack, Duration total) {
        StringBuilder b = new StringBuilder();
        b.append("\nKvalitet local stack is up after ")
                .append(seconds(total))
                .append(" s (")
                .append(stack.readyTimes().entrySet().stream()
                        .map(e -> e.getKey() + " " + seconds(e.getValue()) + " s")
                        .collect(Collectors.joining(", ")))
                .append(").\n\n");
        if (!stack.services().isEmpty()) {
            if (stack.services().contains(Service.GATEWAY)) {
                line(b, "Gateway", stack.gatewayUrl());
                line(b, "Swagger UI", stack.gatewayUrl() + "/q/swagger-ui");
            }
            for (Service s : stack.services()) {
                if (!s.isGateway()) {
                    line(b, s.module(), stack.serviceUrl(s));
                }
            }
        }
        if (stack.keycloakEnabled()) {
            line(
                    b,
                    "Keycloak admin",
                    stack.keycloakUrl() + "/admin/  (" + LocalStack.KEYCLOAK_ADMIN_USER + " / "
                            + LocalStack.KEYCLOAK_ADMIN_PASSWORD + ")");
        }
        line(b, "Realm issuer", stack.issuer() + (stack.keycloakEnabled() ? "" : "  (not started: --no-keycloak)"));
        line(
                b,
                "PostgreSQL",
                "jdbc:postgresql://127.0.0.1:" + stack.postgresPort() + "/{" + String.join(",", LocalStack.DATABASES)
                        + "}  (postgres / postgres)");
        line(b, "Kafka", stack.kafkaBootstrapServers());
        if (stack.mailEnabled()) {
            line(
                    b,
                    "Mail (GreenMail)",
                    "SMTP 127.0.0.1:" + stack.smtpPort() + ", IMAP 127.0.0.1:" + stack.imapPort()
                            + " (login = password = the address); sent mail: " + stack.mailLog());
        }
        line(b, "Logs", stack.logDir().toString());
        line(b, "Demo data", stack.demoData() ? "on" : "off (start with --demo to load it)");

        String token = stack.tokenEndpoint();
        b.append("""

                Token for a demo user (password grant; users anna erik karin ingrid maria per bo admin, password demo):

                  TOKEN=$(curl -s -d grant_type=password -d client_id=kvalitet-intranet -d username=anna -d password=demo \\
                    %1$s | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')

                Token for the case-management system (client credentials):

                  MACHINE_TOKEN=$(curl -s -d grant_type=client_credentials -d client_id=case-system -d client_secret=case-system-secret \\
                    %1$s | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')
                """.formatted(token));
        if (stack.services().contains(Service.GATEWAY)) {
            b.append("""

                    Report a deviation through the gateway:

                      curl -i -X POST %1$s/deviation/v1/deviations \\
                        -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\
                        -d '%2$s'

                    Count deviations (statistics are for the quality team, managers, the board and BI; a reporter gets 403):

                      KARIN=$(curl -s -d grant_type=password -d client_id=kvalitet-intranet -d username=karin -d password=demo \\
                        %3$s | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')
                      curl -s %1$s/report/v1/deviation-counts -H "Authorization: Bearer $KARIN"
                    """.formatted(stack.gatewayUrl(), DEMO_DEVIATION, stack.tokenEndpoint()));
        }
        if (stack.services().isEmpty()) {
            b.append("""

                    Infrastructure only. Run a service in dev mode against it, e.g.:

                      QUARKUS_DATASOURCE_JDBC_URL=%1$s QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres \\
                      KAFKA_BOOTSTRAP_SERVERS=%2$s QUARKUS_OIDC_AUTH_SERVER_URL=%3$s \\
                      ./mvnw -pl deviation-service quarkus:dev -Dquarkus.http.port=%4$d
                    """.formatted(
                            stack.jdbcUrl("deviation"),
                            stack.kafkaBootstrapServers(),
                            stack.issuer(),
                            Service.DEVIATION.defaultPort()));
        }
        b.append("\nCtrl-C stops everything.\n");
        return b.toString();
    }

    private static void line(StringBuilder b, String label, String value) {
        b.append(String.format(Locale.ROOT, "  %-26s %s%n", label, value));
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }
}
