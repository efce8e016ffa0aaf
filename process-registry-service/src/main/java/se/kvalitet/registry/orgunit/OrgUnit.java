package se.kvalitet.registry.orgunit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** An org unit's identity; what it is and where it sits over time is in {@link OrgUnitVersion}. */
@Entity
@Table(name = "org_unit")
public class OrgUnit {

    @Id
    public UUID id;

    /** Optimistic lock (ETag): every change to the unit's history bumps it. */
    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
