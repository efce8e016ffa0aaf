package se.kvalitet.deviation.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/**
 * One line of the case access log (loggkontroll): who read or changed which case, when, and
 * whether access was granted. Append-only: the table refuses updates and deletes.
 */
@Entity
@Immutable
@Table(name = "case_access_log")
public class CaseAccessLogEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public Instant at;

    @Column(name = "deviation_id", nullable = false)
    public UUID deviationId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 40)
    public Action action;

    @Column(nullable = false)
    public boolean granted;

    @Column(nullable = false, length = 200)
    public String subject;

    @Column(length = 200)
    public String username;

    @Column(name = "client_id", length = 200)
    public String clientId;

    @Column(length = 500)
    public String roles;

    @Column(name = "correlation_id", length = 100)
    public String correlationId;

    /** What was done with the case. */
    public enum Action {
        /** Filed the report. */
        CREATE,
        /** Read the whole case. */
        READ,
        /** The case appeared in a list the caller fetched. */
        LIST,
        /** Triage or reclassification. */
        TRIAGE,
        /** Any other change of the case. */
        UPDATE,
        /** Closed the case. */
        CLOSE
    }
}
