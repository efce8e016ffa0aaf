package se.kvalitet.registry.document;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class DocumentVersionRepository implements PanacheRepositoryBase<DocumentVersion, UUID> {

    public Optional<DocumentVersion> find(UUID documentId, int number) {
        return find("documentId = ?1 and number = ?2", documentId, number).firstResultOptional();
    }

    public List<DocumentVersion> history(UUID documentId) {
        return list("documentId", Sort.by("number"), documentId);
    }
}
