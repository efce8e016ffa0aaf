package se.kvalitet.registry.document;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import se.kvalitet.registry.document.DocumentViews.ActivityChange;
import se.kvalitet.registry.document.DocumentViews.DiffResponse;
import se.kvalitet.registry.document.DocumentViews.FieldChange;
import se.kvalitet.registry.document.DocumentViews.LineChange;
import se.kvalitet.registry.domain.TextDiff;

/**
 * What changed between two versions of a document: fields, the text line by line ({@link TextDiff}),
 * activities added, removed, renamed or moved, requirements and units.
 */
public final class VersionDiff {

    private VersionDiff() {}

    /** From version {@code a} to version {@code b} of document {@code id}. */
    static DiffResponse between(UUID id, DocumentVersion a, DocumentVersion b) {
        List<FieldChange> fields = new ArrayList<>();
        field(fields, "title", a.title, b.title);
        field(fields, "summary", a.summary, b.summary);
        field(fields, "processCategory", a.processCategory, b.processCategory);
        field(fields, "startPoint", a.startPoint, b.startPoint);
        field(fields, "endPoint", a.endPoint, b.endPoint);
        field(fields, "requiresCooperation", a.requiresCooperation, b.requiresCooperation);
        field(fields, "processId", a.processId, b.processId);
        field(fields, "activityId", a.activityId, b.activityId);
        field(fields, "routineId", a.routineId, b.routineId);
        field(fields, "ownerOrgUnitId", a.ownerOrgUnitId, b.ownerOrgUnitId);
        field(fields, "ownerRole", a.ownerRole, b.ownerRole);
        field(fields, "reviewInterval", a.reviewInterval, b.reviewInterval);
        field(fields, "reviewIntervalMonths", a.reviewIntervalMonths, b.reviewIntervalMonths);
        field(fields, "verksamhetIds", sortedSet(a.verksamhetIds), sortedSet(b.verksamhetIds));
        field(fields, "cooperationPartnerIds", sortedSet(a.partnerIds), sortedSet(b.partnerIds));
        field(fields, "requirements", links(a.requirements), links(b.requirements));
        field(fields, "responsibilities", responsibilities(a.responsibilities), responsibilities(b.responsibilities));
        field(fields, "checklistItems", List.copyOf(a.checklistItems), List.copyOf(b.checklistItems));
        List<LineChange> lines = TextDiff.diff(a.content, b.content).stream()
                .map(l -> new LineChange(l.op().name(), l.fromLine(), l.toLine(), l.text()))
                .toList();
        int added = (int) lines.stream().filter(l -> l.op().equals("ADDED")).count();
        int removed = (int) lines.stream().filter(l -> l.op().equals("REMOVED")).count();
        Set<UUID> reqA = a.requirements.stream()
                .map(l -> l.requirementItemId)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Set<UUID> reqB = b.requirements.stream()
                .map(l -> l.requirementItemId)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return new DiffResponse(
                id,
                a.number,
                b.number,
                fields,
                lines,
                added,
                removed,
                activityChanges(a.activities, b.activities),
                minus(reqB, reqA),
                minus(reqA, reqB),
                minus(sortedSet(b.orgUnitIds), sortedSet(a.orgUnitIds)),
                minus(sortedSet(a.orgUnitIds), sortedSet(b.orgUnitIds)));
    }

    private static void field(List<FieldChange> out, String name, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            out.add(new FieldChange(name, a, b));
        }
    }

    static List<UUID> sortedSet(Set<UUID> ids) {
        return ids.stream().sorted().toList();
    }

    private static List<UUID> minus(Iterable<UUID> a, Iterable<UUID> b) {
        Set<UUID> drop = new LinkedHashSet<>();
        b.forEach(drop::add);
        List<UUID> out = new ArrayList<>();
        a.forEach(x -> {
            if (!drop.contains(x)) {
                out.add(x);
            }
        });
        return out;
    }

    private static List<String> links(List<RequirementLink> l) {
        return l.stream()
                .map(x -> x.requirementItemId + " " + x.followUpMethod + " " + x.responsible)
                .toList();
    }

    private static List<String> responsibilities(List<Responsibility> l) {
        return l.stream()
                .map(x -> x.task + " | " + x.responsibleRole + " | " + x.responsibleOrgUnitId)
                .toList();
    }

    private static List<ActivityChange> activityChanges(List<ProcessActivity> from, List<ProcessActivity> to) {
        Map<UUID, ProcessActivity> a = from.stream().collect(Collectors.toMap(x -> x.activityId, x -> x));
        Map<UUID, ProcessActivity> b = to.stream().collect(Collectors.toMap(x -> x.activityId, x -> x));
        List<ActivityChange> out = new ArrayList<>();
        for (ProcessActivity x : from) {
            ProcessActivity y = b.get(x.activityId);
            if (y == null) {
                out.add(new ActivityChange(x.activityId, List.of("REMOVED"), x.position, null, x.name, null));
                continue;
            }
            List<String> changes = new ArrayList<>();
            if (!x.name.equals(y.name)) {
                changes.add("RENAMED");
            }
            if (x.position != y.position) {
                changes.add("MOVED");
            }
            if (!Objects.equals(x.description, y.description)) {
                changes.add("DESCRIBED");
            }
            if (!changes.isEmpty()) {
                out.add(new ActivityChange(x.activityId, changes, x.position, y.position, x.name, y.name));
            }
        }
        for (ProcessActivity y : to) {
            if (!a.containsKey(y.activityId)) {
                out.add(new ActivityChange(y.activityId, List.of("ADDED"), null, y.position, null, y.name));
            }
        }
        return out;
    }
}
