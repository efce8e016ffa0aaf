package se.kvalitet.report.signing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import se.kvalitet.report.rows.Rows;

/** The approved versions of a report a presented PDF is compared with (a read query; the resource holds no EntityManager). */
@ApplicationScoped
public class ApprovedVersions {

    @Inject
    EntityManager em;

    /** Newest first; empty when the report does not exist or has no approved version. */
    @Transactional
    public List<PdfVerification.ApprovedVersion> of(UUID reportId) {
        return Rows.list(
                Rows.tuples(em, """
                SELECT id, number, approved_at, content_hash, pdf_hash FROM report_version
                WHERE report_id = :r AND status = 'APPROVED' ORDER BY number DESC""").setParameter("r", reportId),
                r -> new PdfVerification.ApprovedVersion(
                        reportId,
                        r.uuid("id"),
                        r.intValue("number"),
                        r.instant("approved_at"),
                        r.string("content_hash"),
                        r.string("pdf_hash")));
    }
}
