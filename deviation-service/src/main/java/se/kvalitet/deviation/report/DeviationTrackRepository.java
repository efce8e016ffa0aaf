package se.kvalitet.deviation.report;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** The tracks of a report, opened by triage. */
@ApplicationScoped
public class DeviationTrackRepository implements PanacheRepositoryBase<DeviationTrack, UUID> {}
