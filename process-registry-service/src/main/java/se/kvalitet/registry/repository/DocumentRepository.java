package se.kvalitet.registry.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import se.kvalitet.registry.Document;

@ApplicationScoped
public class DocumentRepository implements PanacheRepositoryBase<Document, UUID> {
}
