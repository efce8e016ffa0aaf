package se.kvalitet.messaging;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This replica's name towards Kafka and the outbox: the {@code group.instance.id} of its
 * consumers (static group membership) and the holder of the outbox relay's lease.
 *
 * <p>It must stay the same when one replica restarts, so a restarted replica takes its partitions
 * and its lease back at once, and differ between replicas running at the same time (two replicas
 * with one name fence each other off). {@code kvalitet.messaging.instance-id} sets it; by default
 * it is the host name and the HTTP port: a Kubernetes pod's name survives container restarts and
 * differs between pods, and replicas on one machine (the local stack) differ by port.
 */
@ApplicationScoped
public class MessagingInstance {

    @ConfigProperty(name = "kvalitet.messaging.instance-id")
    Optional<String> configured;

    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
    int httpPort;

    private String id;

    @PostConstruct
    void init() {
        id = configured
                .filter(s -> !s.isBlank())
                .map(MessagingInstance::sanitize)
                .orElseGet(() -> defaultId(hostName(), httpPort));
    }

    public String id() {
        return id;
    }

    static String defaultId(String host, int port) {
        return sanitize(host + "-" + port);
    }

    /** Kafka takes any string, but the id also appears in logs and lease rows: keep it short and plain. */
    static String sanitize(String raw) {
        String s = raw.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        return s.length() > 120 ? s.substring(0, 120) : s;
    }

    static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | RuntimeException e) {
            return "localhost";
        }
    }
}
