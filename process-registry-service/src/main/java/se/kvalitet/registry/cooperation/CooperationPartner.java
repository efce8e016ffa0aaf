package se.kvalitet.registry.cooperation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import se.kvalitet.events.registry.CooperationPartnerKind;

/**
 * An organisation the socialnämnd cooperates with (samverkanspart, SOSFS 2011:9 4 kap. 5 §): a
 * region, the police, Försäkringskassan, a school, another administration... Processes, routines and
 * cooperation agreements name them. Organisations, not persons: no contact people are kept here.
 */
@Entity
@Table(name = "cooperation_partner")
public class CooperationPartner {

    @Id
    public UUID id;

    @Version
    public long version;

    @Column(nullable = false, length = 200)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 40)
    public CooperationPartnerKind kind;

    /** Organisationsnummer, for authorities and companies. */
    @Column(name = "organisation_number", length = 20)
    public String organisationNumber;

    @Column(length = 2000)
    public String description;

    /** False once the cooperation ended: it can no longer be named by new versions. */
    @Column(nullable = false)
    public boolean active;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", length = 100)
    public String updatedBy;
}
