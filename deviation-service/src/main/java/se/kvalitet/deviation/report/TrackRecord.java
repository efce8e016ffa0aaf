package se.kvalitet.deviation.report;

import jakarta.persistence.Column;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import java.util.UUID;

/**
 * What the append-only records of a track share ({@link InvestigationEntry}, {@link AuthorityNotification}):
 * an id, the track, and when it was recorded. The database refuses updates and deletes of both
 * (V4 triggers); the entities are {@code @Immutable}.
 */
@MappedSuperclass
public abstract class TrackRecord {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "track_id")
    public DeviationTrack track;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
