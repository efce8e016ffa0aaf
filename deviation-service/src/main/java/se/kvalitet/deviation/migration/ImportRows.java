package se.kvalitet.deviation.migration;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import se.kvalitet.events.deviation.Assessment;
import se.kvalitet.events.deviation.ComplaintChannel;
import se.kvalitet.events.deviation.ComplaintKind;
import se.kvalitet.events.deviation.ComplaintSource;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.web.Problem;
import se.kvalitet.web.ProblemException;
import se.kvalitet.web.imports.ImportFiles;
import se.kvalitet.web.imports.ImportFormat;
import se.kvalitet.web.input.InputRules;
import se.kvalitet.web.privacy.PersonalIdentityNumbers;

/**
 * Reads a posted import file (NDJSON: one JSON object a line; CSV: a header row naming the fields, then one
 * report a row) into rows, and checks each row's form: required fields, formats, enum values, lengths,
 * the order of its dates and which fields belong to its category. The same field names in both formats.
 */
final class ImportRows {

    /** At most this many rows per posted file (the request body is limited to 1 MB as well). */
    static final int MAX_ROWS = 5_000;

    /** Every field a row may have, in the order of a CSV header. */
    static final List<String> FIELDS = List.of(
            "sourceSystem",
            "sourceId",
            "receivedAt",
            "occurredAt",
            "noticedAt",
            "orgUnitId",
            "category",
            "summary",
            "description",
            "triagedAt",
            "triageReason",
            "assessment",
            "serious",
            "assessedAt",
            "notificationSentAt",
            "notificationReference",
            "notificationLateReason",
            "supplementSentAt",
            "breachAwareAt",
            "breachAffectedCount",
            "dataSubjectsNotifiedAt",
            "complaintKind",
            "complaintSource",
            "complaintChannel",
            "complaintAnonymous",
            "complaintReceivedAt",
            "complaintAnsweredAt",
            "complaintAnswer",
            "deviationOccurred",
            "completedAt",
            "position",
            "closedAt",
            "closingFeedback");

    private static final Set<String> KNOWN = Set.copyOf(FIELDS);
    private static final Set<String> NOTIFIED =
            Set.of("notificationSentAt", "notificationReference", "notificationLateReason", "supplementSentAt");
    private static final Set<String> BREACH = Set.of("breachAwareAt", "breachAffectedCount", "dataSubjectsNotifiedAt");
    private static final Set<String> COMPLAINT = Set.of(
            "complaintKind",
            "complaintSource",
            "complaintChannel",
            "complaintAnonymous",
            "complaintReceivedAt",
            "complaintAnsweredAt",
            "complaintAnswer",
            "deviationOccurred");
    private static final Set<String> ASSESSED = Set.of("assessment", "serious", "assessedAt");

    /** The identifier form of a reference (the suite's pattern for external references; screened as well). */
    static final Pattern SOURCE_SYSTEM = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    static final Pattern SOURCE_ID = Pattern.compile("[A-Za-z0-9._:/-]{1,200}");

    private ImportRows() {}

    /** The rows of a file, read by the shared import contract ({@link ImportFiles}) with this import's fields. */
    static List<ImportFiles.Row> read(ImportFormat format, String body) {
        return ImportFiles.read(format, body, KNOWN, MAX_ROWS);
    }

    /** The row's form checked; a rejected row throws a 422 problem listing every field that is wrong. */
    static ImportRow check(ImportFiles.Row raw, Instant now) {
        if (raw.fields().isEmpty() && !raw.unreadable().isEmpty()) {
            // a line that is not an object has no fields to check: why it could not be read is all there is
            throw ProblemException.unprocessable("import-row-invalid", "The row is not valid", raw.unreadable());
        }
        Form f = new Form(raw.fields(), new ArrayList<>(raw.unreadable()));
        String sourceSystem = f.pattern("sourceSystem", SOURCE_SYSTEM, true);
        String sourceId = f.pattern("sourceId", SOURCE_ID, true);
        Instant receivedAt = f.instant("receivedAt", true);
        Instant occurredAt = f.instant("occurredAt", true);
        Instant noticedAt = f.instant("noticedAt", false);
        UUID orgUnitId = f.uuid("orgUnitId", true);
        DeviationCategory category = f.enumOf("category", DeviationCategory.class, true);
        String summary = f.text("summary", 200, true);
        String description = f.text("description", 10_000, false);
        Instant triagedAt = f.instant("triagedAt", false);
        String triageReason = f.text("triageReason", 2_000, false);
        Assessment assessment = f.enumOf("assessment", Assessment.class, false);
        Boolean serious = f.bool("serious");
        Instant assessedAt = f.instant("assessedAt", false);
        Instant sentAt = f.instant("notificationSentAt", false);
        String reference = f.text("notificationReference", 100, false);
        String lateReason = f.text("notificationLateReason", 2_000, false);
        Instant supplementAt = f.instant("supplementSentAt", false);
        Instant awareAt = f.instant("breachAwareAt", false);
        Integer affected = f.count("breachAffectedCount");
        Instant subjectsAt = f.instant("dataSubjectsNotifiedAt", false);
        ComplaintKind kind = f.enumOf("complaintKind", ComplaintKind.class, false);
        ComplaintSource source = f.enumOf("complaintSource", ComplaintSource.class, false);
        ComplaintChannel channel = f.enumOf("complaintChannel", ComplaintChannel.class, false);
        Boolean anonymous = f.bool("complaintAnonymous");
        Instant complaintReceivedAt = f.instant("complaintReceivedAt", false);
        Instant answeredAt = f.instant("complaintAnsweredAt", false);
        String answer = f.text("complaintAnswer", 10_000, false);
        Boolean occurred = f.bool("deviationOccurred");
        Instant completedAt = f.instant("completedAt", false);
        String position = f.text("position", 10_000, false);
        Instant closedAt = f.instant("closedAt", false);
        String feedback = f.text("closingFeedback", 4_000, false);

        // the report's own dates: it happened, was noticed, then reached the old system; none in the future
        if (receivedAt != null && receivedAt.isAfter(now)) {
            f.error("receivedAt", "must not be in the future");
        }
        if (occurredAt != null && receivedAt != null && occurredAt.isAfter(receivedAt)) {
            f.error("occurredAt", "must not be after receivedAt");
        }
        if (noticedAt != null && occurredAt != null && noticedAt.isBefore(occurredAt)) {
            f.error("noticedAt", "must not be before occurredAt");
        }
        if (noticedAt != null && receivedAt != null && noticedAt.isAfter(receivedAt)) {
            f.error("noticedAt", "must not be after receivedAt");
        }
        if (triagedAt != null && receivedAt != null && triagedAt.isBefore(receivedAt)) {
            f.error("triagedAt", "must not be before receivedAt");
        }
        // fields that belong to another category are a mistake in the file, not something to drop silently
        if (category != null) {
            boolean notifies = category == DeviationCategory.LEX_SARAH
                    || category == DeviationCategory.LEX_MARIA
                    || category == DeviationCategory.PERSONAL_DATA_BREACH;
            f.onlyFor(NOTIFIED, notifies, category);
            f.onlyFor(ASSESSED, notifies, category);
            f.onlyFor(BREACH, category == DeviationCategory.PERSONAL_DATA_BREACH, category);
            f.onlyFor(COMPLAINT, category == DeviationCategory.COMPLAINT, category);
            f.onlyFor(Set.of("completedAt", "position"), category != DeviationCategory.NOT_A_DEVIATION, category);
            if (category == DeviationCategory.COMPLAINT) {
                f.require("complaintKind", kind);
                f.require("complaintSource", source);
                f.require("complaintChannel", channel);
                if (completedAt != null) {
                    f.require("deviationOccurred", occurred);
                }
            }
            if (category != DeviationCategory.NOT_A_DEVIATION && closedAt != null && completedAt == null) {
                f.error("completedAt", "a closed report's handling was completed: give completedAt");
            }
        }
        if (assessedAt != null && assessment == null) {
            f.error("assessment", "required with assessedAt");
        }
        if (supplementAt != null && sentAt == null) {
            f.error("notificationSentAt", "required with supplementSentAt (the initial notification comes first)");
        }
        if (!f.errors.isEmpty()) {
            throw ProblemException.unprocessable("import-row-invalid", "The row is not valid", f.errors);
        }
        return new ImportRow(
                raw.rowNumber(),
                sourceSystem,
                sourceId,
                receivedAt,
                occurredAt,
                noticedAt,
                orgUnitId,
                category,
                summary,
                description,
                triagedAt,
                triageReason,
                assessment,
                serious,
                assessedAt,
                sentAt,
                reference,
                lateReason,
                supplementAt,
                awareAt,
                affected,
                subjectsAt,
                kind,
                source,
                channel,
                Boolean.TRUE.equals(anonymous),
                complaintReceivedAt,
                answeredAt,
                answer,
                occurred,
                completedAt,
                position,
                closedAt,
                feedback);
    }

    /** The fields of one row and what is wrong with them so far. */
    private record Form(Map<String, String> fields, List<Problem.FieldError> errors) {

        void error(String field, String message) {
            errors.add(new Problem.FieldError(field, message));
        }

        String raw(String field, boolean required) {
            String v = fields.get(field);
            if (InputRules.hasForbiddenCharacter(v)) {
                error(field, InputRules.CONTROL_CHARACTER_MESSAGE);
                return null;
            }
            if (v == null || v.isBlank()) {
                if (required) {
                    error(field, "required");
                }
                return null;
            }
            return v.strip();
        }

        void require(String field, Object value) {
            if (value == null && errors.stream().noneMatch(e -> e.field().equals(field))) {
                error(field, "required");
            }
        }

        void onlyFor(Set<String> names, boolean allowed, DeviationCategory category) {
            if (allowed) {
                return;
            }
            for (String name : FIELDS) {
                if (names.contains(name) && fields.containsKey(name)) {
                    error(name, "not a field of a " + category + " report");
                }
            }
        }

        String text(String field, int max, boolean required) {
            String v = raw(field, required);
            if (v != null && v.length() > max) {
                error(field, "at most " + max + " characters");
                return null;
            }
            return v;
        }

        String pattern(String field, Pattern pattern, boolean required) {
            String v = raw(field, required);
            if (v != null && !pattern.matcher(v).matches()) {
                error(field, "must match " + pattern.pattern());
                return null;
            }
            if (v != null && PersonalIdentityNumbers.containsAny(v)) {
                // a reference is stored and answered as an identifier: never a personnummer, however written
                error(field, "contains what looks like a personal identity number");
                return null;
            }
            return v;
        }

        Instant instant(String field, boolean required) {
            String v = raw(field, required);
            if (v == null) {
                return null;
            }
            try {
                Instant at = java.time.OffsetDateTime.parse(v).toInstant();
                if (!InputRules.inRange(at)) {
                    error(field, InputRules.DATE_RANGE_MESSAGE);
                    return null;
                }
                return at;
            } catch (DateTimeParseException e) {
                error(field, "must be an RFC 3339 date-time with offset, such as 2023-03-14T09:30:00+01:00");
                return null;
            }
        }

        UUID uuid(String field, boolean required) {
            String v = raw(field, required);
            if (v == null) {
                return null;
            }
            try {
                if (v.length() != 36) {
                    throw new IllegalArgumentException(v);
                }
                return UUID.fromString(v);
            } catch (IllegalArgumentException e) {
                error(field, "must be a UUID");
                return null;
            }
        }

        <E extends Enum<E>> E enumOf(String field, Class<E> type, boolean required) {
            String v = raw(field, required);
            if (v == null) {
                return null;
            }
            try {
                return Enum.valueOf(type, v);
            } catch (IllegalArgumentException e) {
                List<String> names = java.util.Arrays.stream(type.getEnumConstants())
                        .map(Enum::name)
                        .toList();
                error(field, "must be one of " + names);
                return null;
            }
        }

        Boolean bool(String field) {
            String v = raw(field, false);
            if (v == null) {
                return null;
            }
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> {
                    error(field, "must be true or false");
                    yield null;
                }
            };
        }

        Integer count(String field) {
            String v = raw(field, false);
            if (v == null) {
                return null;
            }
            try {
                int n = Integer.parseInt(v);
                if (n < 0 || n > 10_000_000) {
                    throw new NumberFormatException(v);
                }
                return n;
            } catch (NumberFormatException e) {
                error(field, "must be a whole number from 0 to 10000000");
                return null;
            }
        }
    }
}
