package se.kvalitet.registry.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import se.kvalitet.registry.OrgUnitVersion;

@ApplicationScoped
public class OrgUnitVersionRepository implements PanacheRepositoryBase<OrgUnitVersion, UUID> {

    /** Every unit's version valid on {@code day} (the whole tree as of that day; hundreds of rows, not millions). */
    public List<OrgUnitVersion> asOf(LocalDate day) {
        return list("validFrom <= ?1 and (validTo is null or validTo > ?1)", Sort.by("name").and("orgUnitId"), day);
    }

    public Optional<OrgUnitVersion> asOf(UUID unit, LocalDate day) {
        return find("orgUnitId = ?1 and validFrom <= ?2 and (validTo is null or validTo > ?2)", unit, day)
                .firstResultOptional();
    }

    /** The unit's current (open-ended) version. */
    public Optional<OrgUnitVersion> latest(UUID unit) {
        return find("orgUnitId = ?1 and validTo is null", unit).firstResultOptional();
    }

    public List<OrgUnitVersion> history(UUID unit) {
        return list("orgUnitId", Sort.by("validFrom"), unit);
    }
}
