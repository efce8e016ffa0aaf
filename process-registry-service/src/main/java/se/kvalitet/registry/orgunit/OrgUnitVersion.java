package se.kvalitet.registry.orgunit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One org unit as it stood from {@link #validFrom} until {@link #validTo} (exclusive; null while
 * current). A reorganisation never edits a version: it ends the current one and starts a new one.
 */
@Entity
@Table(name = "org_unit_version")
public class OrgUnitVersion {

    /** What a version records, as published in {@code OrgUnitChangedV1.change}. */
    public enum Change {
        CREATED,
        RENAMED,
        MOVED,
        SPLIT,
        MERGED,
        CLOSED,
        UPDATED
    }

    @Id
    public UUID id;

    @Column(name = "org_unit_id", nullable = false)
    public UUID orgUnitId;

    @Column(name = "valid_from", nullable = false)
    public LocalDate validFrom;

    @Column(name = "valid_to")
    public LocalDate validTo;

    @Column(length = 40)
    public String code;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(nullable = false, length = 40)
    public String type;

    @Column(name = "parent_id")
    public UUID parentId;

    @Column(nullable = false)
    public boolean active;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public Change change;

    /** Comma-separated ids: units split off (SPLIT), the unit merged into (MERGED), the unit split from (CREATED by a split). */
    @Column(name = "related_ids", nullable = false, length = 2000)
    public String relatedIds = "";

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    /** Subject (pseudonymous id) of who recorded the change. */
    @Column(name = "recorded_by", length = 100)
    public String recordedBy;

    public boolean validOn(LocalDate day) {
        return !validFrom.isAfter(day) && (validTo == null || validTo.isAfter(day));
    }

    public List<UUID> related() {
        return relatedIds.isBlank()
                ? List.of()
                : Arrays.stream(relatedIds.split(",")).map(UUID::fromString).toList();
    }

    public void related(List<UUID> ids) {
        relatedIds = ids.stream().map(UUID::toString).collect(Collectors.joining(","));
    }

    /** A copy that will follow this version from {@code from} on. */
    public OrgUnitVersion successor(LocalDate from, Change what) {
        OrgUnitVersion v = new OrgUnitVersion();
        v.id = UUID.randomUUID();
        v.orgUnitId = orgUnitId;
        v.validFrom = from;
        v.code = code;
        v.name = name;
        v.type = type;
        v.parentId = parentId;
        v.active = active;
        v.change = what;
        return v;
    }
}
