package se.kvalitet.deviation.track;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import se.kvalitet.deviation.investigation.InvestigationService;
import se.kvalitet.deviation.notification.NotificationService;
import se.kvalitet.deviation.report.DeviationTrack;
import se.kvalitet.deviation.rootcause.RootCauseService;
import se.kvalitet.web.ETags;

/**
 * The one answer of every track endpoint: the track with its entries, assessment, notifications, missing
 * sections, breach or complaint details, clocks and root causes, with the track's ETag.
 */
@ApplicationScoped
public class TrackView {

    @Inject
    InvestigationService investigations;

    @Inject
    NotificationService notifications;

    @Inject
    RootCauseService rootCauses;

    @Inject
    Clock clock;

    Response detail(DeviationTrack t) {
        return detail(t, null);
    }

    /** The track with its deadlines' states at {@code asOf} (null: now), from their stored instants. */
    Response detail(DeviationTrack t, java.time.Instant asOf) {
        return Response.ok(TrackDtos.detail(
                        t,
                        investigations.missingSections(t),
                        notifications.notificationDueAt(t),
                        investigations.clocksOf(t),
                        rootCauses.of(t.id),
                        asOf == null ? clock.instant() : asOf))
                .tag(ETags.of(t.version))
                .build();
    }
}
