package se.kvalitet.deviation.report;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Filed IVO/IMY notifications (append-only, DB-enforced). */
@ApplicationScoped
public class AuthorityNotificationRepository implements PanacheRepositoryBase<AuthorityNotification, UUID> {}
