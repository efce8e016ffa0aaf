package se.kvalitet.deviation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import se.kvalitet.events.deviation.DeviationCategory;

/**
 * A track a report runs after triage: lex Sarah, lex Maria, personal data breach, complaint,
 * other deviation, or "not a deviation here". A reclassification that takes a category away ends
 * its track as {@link Closure#RECLASSIFIED}; the row stays as history.
 */
@Entity
@Table(name = "deviation_track")
public class DeviationTrack {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "deviation_id")
    public Deviation deviation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 40)
    public DeviationCategory category;

    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Enumerated(EnumType.STRING)
    @Column(length = 20)
    public Closure closure;

    /** Why a track ended. */
    public enum Closure {
        /** Handled to the end. */
        COMPLETED,
        /** A reclassification took its category away. */
        RECLASSIFIED
    }

    public boolean isOpen() {
        return closedAt == null;
    }
}
