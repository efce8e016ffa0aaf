package se.kvalitet.registry.verksamhet;

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
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.registry.codelist.LegalBasis;
import se.kvalitet.registry.codelist.VerksamhetKind;

/**
 * A verksamhet (area of operation, e.g. "Hemtjänst"): what kind of work it is, the laws it is run
 * under and the org units that run it. Norrtälje's focus area 2 ("kartlägga verksamheten och
 * fastställa vilka föreskrifter som gäller") starts here: the requirement catalogue is filtered by
 * a verksamhet's kinds and legal bases. SOSFS 2011:9 4 kap. 1 §: the management system fits the
 * verksamhet's direction and scope.
 */
@Entity
@Table(name = "verksamhet")
public class Verksamhet {

    @Id
    public UUID id;

    /** Optimistic lock (ETag). */
    @Version
    public long version;

    @Column(nullable = false, length = 40)
    public String code;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(length = 4000)
    public String description;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "verksamhet_legal_basis", joinColumns = @JoinColumn(name = "verksamhet_id"))
    @Enumerated(EnumType.STRING)
    @Column(name = "legal_basis", nullable = false, length = 20)
    public Set<LegalBasis> legalBases = new HashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "verksamhet_kind", joinColumns = @JoinColumn(name = "verksamhet_id"))
    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 40)
    public Set<VerksamhetKind> kinds = new HashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "verksamhet_org_unit", joinColumns = @JoinColumn(name = "verksamhet_id"))
    @Column(name = "org_unit_id", nullable = false)
    public Set<UUID> orgUnitIds = new HashSet<>();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Subject (pseudonymous id) of who made the latest change. */
    @Column(name = "updated_by", length = 100)
    public String updatedBy;
}
