package se.kvalitet.registry.document;

import static se.kvalitet.registry.domain.FreeText.requireFreeOfPersonalIdentityNumbers;
import static se.kvalitet.registry.domain.Values.blankToNull;
import static se.kvalitet.registry.domain.Values.nullToEmpty;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import se.kvalitet.events.registry.DocumentType;
import se.kvalitet.registry.document.DocumentCommands.ActivityCommand;
import se.kvalitet.web.ProblemException;

/** The ordered activities of a process draft (aktiviteter): add, change, remove, reorder. */
@ApplicationScoped
public class ProcessActivityService {

    @Inject
    ApprovalChecks approvalChecks;

    @Inject
    DocumentEditing editing;

    @Transactional
    public DocumentVersion addActivity(UUID id, String ifMatch, ActivityCommand r) {
        DocumentVersion v = processDraft(id, ifMatch);
        if (v.activities.size() >= 500) {
            throw ProblemException.conflict("too-many-activities", "A process has at most 500 activities");
        }
        requireFreeOfPersonalIdentityNumbers(Map.of("name", r.name(), "description", nullToEmpty(r.description())));
        ProcessActivity a = new ProcessActivity();
        a.id = UUID.randomUUID();
        a.version = v;
        a.activityId = UUID.randomUUID();
        a.name = r.name().strip();
        a.description = blankToNull(r.description());
        int at = r.position() == null ? v.activities.size() : Math.min(r.position() - 1, v.activities.size());
        v.activities.add(at, a);
        v.renumberActivities();
        return editing.changedDraft(v);
    }

    @Transactional
    public DocumentVersion updateActivity(UUID id, UUID activityId, String ifMatch, ActivityCommand r) {
        DocumentVersion v = processDraft(id, ifMatch);
        ProcessActivity a = activity(v, activityId);
        requireFreeOfPersonalIdentityNumbers(Map.of("name", r.name(), "description", nullToEmpty(r.description())));
        a.name = r.name().strip();
        a.description = blankToNull(r.description());
        if (r.position() != null) {
            v.activities.remove(a);
            v.activities.add(Math.min(r.position() - 1, v.activities.size()), a);
            v.renumberActivities();
        }
        return editing.changedDraft(v);
    }

    @Transactional
    public DocumentVersion removeActivity(UUID id, UUID activityId, String ifMatch) {
        DocumentVersion v = processDraft(id, ifMatch);
        ProcessActivity a = activity(v, activityId);
        approvalChecks.requireActivityUnused(id, activityId);
        v.activities.remove(a);
        v.renumberActivities();
        return editing.changedDraft(v);
    }

    /** Puts the activities of the draft in a new order; the list must name each of them once. */
    @Transactional
    public DocumentVersion reorderActivities(UUID id, String ifMatch, List<UUID> order) {
        DocumentVersion v = processDraft(id, ifMatch);
        Set<UUID> current = v.activities.stream().map(a -> a.activityId).collect(Collectors.toSet());
        if (order.size() != current.size()
                || !current.equals(new HashSet<>(order))
                || new HashSet<>(order).size() != order.size()) {
            throw ProblemException.invalidField("activityIds", "must list every activity of the draft exactly once")
                    .with(
                            "activityIds",
                            v.activities.stream().map(a -> a.activityId).toList());
        }
        v.activities.sort(java.util.Comparator.comparingInt(a -> order.indexOf(a.activityId)));
        v.renumberActivities();
        return editing.changedDraft(v);
    }

    private DocumentVersion processDraft(UUID id, String ifMatch) {
        Document d = editing.editable(id, ifMatch);
        if (d.type != DocumentType.PROCESS) {
            throw ProblemException.conflict("not-a-process", "Only processes have activities")
                    .with("type", d.type);
        }
        DocumentVersion v = editing.working(d);
        v.requireEditable();
        return v;
    }

    private static ProcessActivity activity(DocumentVersion v, UUID activityId) {
        return v.activities.stream()
                .filter(a -> a.activityId.equals(activityId))
                .findFirst()
                .orElseThrow(() -> ProblemException.notFound("Activity " + activityId + " of the draft"));
    }
}
