package se.kvalitet.deviation.report;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;
import se.kvalitet.events.deviation.Authority;
import se.kvalitet.events.deviation.NotificationKind;

/**
 * A notification filed with IVO (or IMY): when it was sent, the authority's reference, and a
 * frozen snapshot of what was sent with its SHA-256. Never edited; a supplement (komplettering) is
 * a new record.
 */
@Entity
@Immutable
@Table(name = "authority_notification")
public class AuthorityNotification extends TrackRecord {

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    public Authority authority;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public NotificationKind kind;

    @Column(name = "clock_started_at", nullable = false)
    public Instant clockStartedAt;

    @Column(name = "due_at")
    public Instant dueAt;

    @Column(name = "sent_at", nullable = false)
    public Instant sentAt;

    @Column(name = "authority_reference", length = 100)
    public String authorityReference;

    @Column(name = "late_reason", length = 4000)
    public String lateReason;

    /** JSON of what was sent: the investigation as it stood, and the form text. */
    @Column(nullable = false, columnDefinition = "text")
    public String snapshot;

    @Column(name = "snapshot_sha256", nullable = false, length = 64)
    public String snapshotSha256;

    @Column(name = "filed_by", nullable = false, length = 200)
    public String filedBy;

    public boolean onTime() {
        return dueAt == null || !sentAt.isAfter(dueAt);
    }
}
