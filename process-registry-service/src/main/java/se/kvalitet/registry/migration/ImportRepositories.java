package se.kvalitet.registry.migration;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** The import's Panache repositories (runs, row outcomes, documents and versions by source reference). */
final class ImportRepositories {

    private ImportRepositories() {}

    @ApplicationScoped
    static class Runs implements PanacheRepositoryBase<DocumentImportRun, UUID> {}

    @ApplicationScoped
    static class Rows implements PanacheRepositoryBase<DocumentImportRow, DocumentImportRow.Key> {}

    @ApplicationScoped
    static class Documents implements PanacheRepositoryBase<DocumentMigration, DocumentMigration.Key> {}

    @ApplicationScoped
    static class Versions implements PanacheRepositoryBase<DocumentVersionMigration, DocumentVersionMigration.Key> {}
}
