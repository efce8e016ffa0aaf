package se.kvalitet.followup.measurement;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import se.kvalitet.followup.domain.Enums.Gender;
import se.kvalitet.followup.domain.Enums.MissingReason;
import se.kvalitet.followup.domain.Period;
import se.kvalitet.followup.format.TableFormat;
import se.kvalitet.followup.indicator.Indicator;
import se.kvalitet.followup.measurement.MeasurementCommands.RawRow;
import se.kvalitet.web.Problem.FieldError;

/**
 * Reads the rows of one bulk upload as text into measurements of known indicators and units the
 * caller may write, naming every field that does not fit.
 */
final class BulkRows {

    /** A valid row: the measurement it records. */
    record Parsed(Indicator indicator, UUID unit, Period period, Gender gender, Measurement.Values values) {
        String key() {
            return key(indicator.id, unit, period.code(), gender);
        }

        static String key(UUID indicator, UUID unit, String period, Gender gender) {
            return indicator + "|" + unit + "|" + period + "|" + gender;
        }
    }

    private final Map<String, Indicator> byCode;
    private final Map<UUID, Indicator> byId;
    private final Predicate<UUID> knownUnit;
    private final Predicate<UUID> mayWrite;
    private final boolean decimalComma;

    BulkRows(
            Map<String, Indicator> byCode,
            Map<UUID, Indicator> byId,
            Predicate<UUID> knownUnit,
            Predicate<UUID> mayWrite,
            boolean decimalComma) {
        this.byCode = byCode;
        this.byId = byId;
        this.knownUnit = knownUnit;
        this.mayWrite = mayWrite;
        this.decimalComma = decimalComma;
    }

    /** The indicator codes the rows name. */
    static Set<String> codes(List<RawRow> rows) {
        Set<String> codes = new HashSet<>();
        for (RawRow r : rows) {
            String code = cell(r, "indicatorCode");
            if (code != null) {
                codes.add(code);
            }
        }
        return codes;
    }

    /** The indicator ids the rows name (those that are UUIDs; the others are reported per row). */
    static Set<UUID> ids(List<RawRow> rows) {
        Set<UUID> ids = new HashSet<>();
        for (RawRow r : rows) {
            String id = cell(r, "indicatorId");
            if (id != null) {
                try {
                    ids.add(UUID.fromString(id));
                } catch (IllegalArgumentException ignored) {
                    // reported per row
                }
            }
        }
        return ids;
    }

    static String cell(RawRow r, String column) {
        String v = r.cells().get(column.toLowerCase(Locale.ROOT));
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** The row's measurement, or null when {@code errors} got a reason. */
    Parsed parse(RawRow r, List<FieldError> errors) {
        Indicator ind = indicator(r, errors);
        UUID unit = unit(r, errors);
        Gender gender = Gender.T;
        String g = cell(r, "gender");
        if (g != null) {
            try {
                gender = Gender.valueOf(g.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("gender", "must be one of T, K, M"));
            }
        }
        Measurement.Values values = values(r, errors);
        if (ind == null) {
            return null;
        }
        String periodText = cell(r, "period");
        Period period = null;
        if (periodText == null) {
            errors.add(new FieldError("period", "is required"));
        } else {
            period = MeasurementRules.period(ind, periodText, "period", errors);
        }
        MeasurementRules.gender(ind, gender, "gender", errors);
        MeasurementRules.values(ind, values, "", errors);
        return period == null || unit == null ? null : new Parsed(ind, unit, period, gender, values);
    }

    private Indicator indicator(RawRow r, List<FieldError> errors) {
        Indicator ind = null;
        String id = cell(r, "indicatorId");
        String code = cell(r, "indicatorCode");
        if (id != null) {
            try {
                ind = byId.get(UUID.fromString(id));
                if (ind == null) {
                    errors.add(new FieldError("indicatorId", "no such indicator"));
                }
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("indicatorId", "must be a UUID"));
            }
            if (ind != null && code != null && !code.equals(ind.code)) {
                errors.add(new FieldError("indicatorCode", "does not match indicatorId (" + ind.code + ")"));
            }
        } else if (code != null) {
            ind = byCode.get(code);
            if (ind == null) {
                errors.add(new FieldError("indicatorCode", "no such indicator"));
            }
        } else {
            errors.add(new FieldError("indicatorCode", "give indicatorCode or indicatorId"));
        }
        return ind;
    }

    private UUID unit(RawRow r, List<FieldError> errors) {
        String unitText = cell(r, "orgUnitId");
        if (unitText == null) {
            errors.add(new FieldError("orgUnitId", "is required"));
            return null;
        }
        try {
            UUID unit = UUID.fromString(unitText);
            if (!knownUnit.test(unit)) {
                errors.add(new FieldError("orgUnitId", "no such org unit (as published by the process registry)"));
            } else if (!mayWrite.test(unit)) {
                errors.add(new FieldError("orgUnitId", "you may not record follow-up data for this org unit"));
            }
            return unit;
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("orgUnitId", "must be a UUID"));
            return null;
        }
    }

    private Measurement.Values values(RawRow r, List<FieldError> errors) {
        MissingReason missing = null;
        String mr = cell(r, "missingReason");
        if (mr != null) {
            try {
                missing = MissingReason.valueOf(mr.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(
                        new FieldError("missingReason", "must be one of " + Arrays.toString(MissingReason.values())));
            }
        }
        return new Measurement.Values(
                number(r, "value", errors),
                number(r, "numerator", errors),
                number(r, "denominator", errors),
                whole(r, "responses", errors),
                number(r, "responseRate", errors),
                missing,
                text(r, "source", 100, errors),
                text(r, "comment", 1000, errors));
    }

    private BigDecimal number(RawRow r, String column, List<FieldError> errors) {
        String v = cell(r, column);
        if (v == null) {
            return null;
        }
        try {
            return TableFormat.parseNumber(v, decimalComma);
        } catch (NumberFormatException e) {
            errors.add(new FieldError(
                    column,
                    e.getMessage() != null && e.getMessage().startsWith("use ") ? e.getMessage() : "is not a number"));
            return null;
        }
    }

    private static Integer whole(RawRow r, String column, List<FieldError> errors) {
        String v = cell(r, column);
        if (v == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < 0 || n > 100_000_000) {
                errors.add(new FieldError(column, "must be between 0 and 100000000"));
                return null;
            }
            return n;
        } catch (NumberFormatException e) {
            errors.add(new FieldError(column, "is not a whole number"));
            return null;
        }
    }

    private static String text(RawRow r, String column, int max, List<FieldError> errors) {
        String v = cell(r, column);
        if (v != null && v.length() > max) {
            errors.add(new FieldError(column, "at most " + max + " characters"));
        }
        return v;
    }
}
