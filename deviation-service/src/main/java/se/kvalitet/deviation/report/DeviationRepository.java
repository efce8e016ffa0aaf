package se.kvalitet.deviation.report;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class DeviationRepository implements PanacheRepositoryBase<Deviation, UUID> {

    /** The report the same filer (client and subject) already filed with this external reference. */
    public Optional<Deviation> findByExternalReference(
            String client, String subject, String source, String externalId) {
        if (client == null) {
            return find(
                            "reporterClient is null and reporterSubject = ?1 and externalSource = ?2 and externalId = ?3",
                            subject,
                            source,
                            externalId)
                    .firstResultOptional();
        }
        return find(
                        "reporterClient = ?1 and reporterSubject = ?2 and externalSource = ?3 and externalId = ?4",
                        client,
                        subject,
                        source,
                        externalId)
                .firstResultOptional();
    }
}
