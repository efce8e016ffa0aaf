package se.kvalitet.deviation.rootcause;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.events.deviation.RootCause;

/** A root cause (orsak) found by a track's investigation, from the taxonomy, optionally pointing at routines of the registry. */
@Entity
@Table(name = "track_root_cause")
public class TrackRootCause {

    @Id
    public UUID id;

    @Column(name = "track_id", nullable = false)
    public UUID trackId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 60)
    public RootCause cause;

    @Column(length = 4000)
    public String comment;

    /** Document ids of routines in process-registry-service. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "track_root_cause_routine", joinColumns = @JoinColumn(name = "root_cause_id"))
    @Column(name = "routine_id")
    public Set<UUID> routineIds = new LinkedHashSet<>();

    @Column(name = "created_by", nullable = false, length = 200)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
