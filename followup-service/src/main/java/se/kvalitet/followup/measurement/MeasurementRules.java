package se.kvalitet.followup.measurement;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import se.kvalitet.followup.domain.Enums.Gender;
import se.kvalitet.followup.domain.Enums.Method;
import se.kvalitet.followup.domain.Enums.UnitOfMeasure;
import se.kvalitet.followup.domain.Period;
import se.kvalitet.followup.indicator.Indicator;
import se.kvalitet.followup.support.TextGuard;
import se.kvalitet.web.Problem.FieldError;

/**
 * What a measurement must satisfy for its indicator: a period of the indicator's frequency, a
 * gender split only where the indicator has one, exactly one of a value, a numerator/denominator
 * pair or a missing reason, and values that fit the unit of measure (a percentage 0-100, a 1-5
 * scale, a whole non-negative count...). Shared by single writes and bulk uploads, so both refuse
 * the same things with the same words.
 */
final class MeasurementRules {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private MeasurementRules() {}

    /** The period, or null after adding an error. */
    static Period period(Indicator ind, String code, String field, List<FieldError> errors) {
        Period p;
        try {
            p = Period.parse(code);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, e.getMessage()));
            return null;
        }
        Period.Type expected = ind.frequency.periodType();
        if (expected != null && p.type() != expected) {
            errors.add(new FieldError(
                    field,
                    "indicator " + ind.code + " is followed up " + ind.frequency + ": the period must be a "
                            + expected.name().toLowerCase(Locale.ROOT) + " (e.g. " + example(expected) + ")"));
            return null;
        }
        return p;
    }

    private static String example(Period.Type t) {
        return switch (t) {
            case YEAR -> "2025";
            case HALF -> "2025-H1";
            case TERTIAL -> "2025-T2";
            case QUARTER -> "2025-Q3";
            case MONTH -> "2025-04";
        };
    }

    static void gender(Indicator ind, Gender g, String field, List<FieldError> errors) {
        if (g != Gender.T && !ind.genderSplit) {
            errors.add(new FieldError(field, "indicator " + ind.code + " is not split by gender: only T"));
        }
    }

    /** Checks the values against the indicator; field names are prefixed with {@code prefix} ("" or "rows[3]."). */
    static void values(Indicator ind, Measurement.Values v, String prefix, List<FieldError> errors) {
        if (ind.method == Method.DERIVED_FROM_EVENTS) {
            errors.add(new FieldError(
                    prefix + "indicatorId",
                    "indicator " + ind.code + " is computed from deviation events; it takes no measurements"));
            return;
        }
        boolean hasShare = given(v, prefix, errors);
        scale(prefix + "value", v.value(), errors);
        scale(prefix + "numerator", v.numerator(), errors);
        scale(prefix + "denominator", v.denominator(), errors);
        scale(prefix + "responseRate", v.responseRate(), errors);
        parts(ind.unitOfMeasure, v, hasShare, prefix, errors);
        valueForUnit(ind.unitOfMeasure, v.value(), prefix, errors);
        answersAndText(v, prefix, errors);
    }

    /** One of value, numerator and denominator, or a missing reason; returns whether a share was given. */
    private static boolean given(Measurement.Values v, String prefix, List<FieldError> errors) {
        boolean hasValue = v.value() != null;
        boolean hasShare = v.numerator() != null || v.denominator() != null;
        if (v.missingReason() != null) {
            if (hasValue || hasShare) {
                errors.add(new FieldError(
                        prefix + "missingReason", "a missing value has no value, numerator or denominator"));
            }
        } else if (!hasValue && !hasShare) {
            errors.add(
                    new FieldError(prefix + "value", "give a value, a numerator and denominator, or a missingReason"));
        } else if (hasValue && hasShare) {
            errors.add(
                    new FieldError(prefix + "value", "give either a value or a numerator and denominator, not both"));
        } else if (hasShare && (v.numerator() == null || v.denominator() == null)) {
            errors.add(new FieldError(
                    prefix + (v.numerator() == null ? "numerator" : "denominator"),
                    "a numerator needs a denominator and the other way round"));
        }
        return hasShare;
    }

    /** Numerator and denominator: only for PERCENT and RATIO, a positive denominator, a share at most 1. */
    private static void parts(
            UnitOfMeasure unit, Measurement.Values v, boolean hasShare, String prefix, List<FieldError> errors) {
        if (hasShare && unit != UnitOfMeasure.PERCENT && unit != UnitOfMeasure.RATIO) {
            errors.add(new FieldError(
                    prefix + "numerator", "only PERCENT and RATIO indicators take a numerator and denominator"));
        }
        if (v.numerator() != null && v.denominator() != null) {
            if (v.denominator().signum() <= 0) {
                errors.add(new FieldError(prefix + "denominator", "must be greater than 0"));
            } else if (v.numerator().signum() < 0) {
                errors.add(new FieldError(prefix + "numerator", "must not be negative"));
            } else if (unit == UnitOfMeasure.PERCENT && v.numerator().compareTo(v.denominator()) > 0) {
                errors.add(new FieldError(prefix + "numerator", "a share's numerator cannot exceed its denominator"));
            }
        }
    }

    /** The value's range for the indicator's unit of measure. */
    private static void valueForUnit(UnitOfMeasure unit, BigDecimal x, String prefix, List<FieldError> errors) {
        if (x != null) {
            switch (unit) {
                case PERCENT -> range(prefix, x, BigDecimal.ZERO, HUNDRED, "a percentage is between 0 and 100", errors);
                case SCALE_1_5 ->
                    range(
                            prefix,
                            x,
                            BigDecimal.ONE,
                            BigDecimal.valueOf(5),
                            "a 1-5 scale value is between 1 and 5",
                            errors);
                case COUNT -> {
                    if (x.signum() < 0 || x.stripTrailingZeros().scale() > 0) {
                        errors.add(new FieldError(prefix + "value", "a count is a whole number, 0 or more"));
                    }
                }
                case DAYS, INDEX -> {
                    if (x.signum() < 0) {
                        errors.add(new FieldError(prefix + "value", "must not be negative"));
                    }
                }
                case RATIO -> {
                    // any value
                }
            }
        }
    }

    /** Answers, response rate, and the source and comment texts (lengths, no personnummer). */
    private static void answersAndText(Measurement.Values v, String prefix, List<FieldError> errors) {
        if (v.responses() != null && v.responses() < 0) {
            errors.add(new FieldError(prefix + "responses", "must not be negative"));
        }
        if (v.responseRate() != null
                && (v.responseRate().signum() < 0 || v.responseRate().compareTo(HUNDRED) > 0)) {
            errors.add(new FieldError(prefix + "responseRate", "a response rate is a percentage between 0 and 100"));
        }
        // the same limits as the JSON API's @Size, for rows of a bulk upload (the columns hold no more)
        if (v.source() != null && v.source().length() > 100) {
            errors.add(new FieldError(prefix + "source", "at most 100 characters"));
        }
        if (v.comment() != null && v.comment().length() > 1000) {
            errors.add(new FieldError(prefix + "comment", "at most 1000 characters"));
        }
        if (TextGuard.refuses(v.comment())) {
            errors.add(new FieldError(
                    prefix + "comment", "contains a personal identity number (personnummer or samordningsnummer)"));
        }
        if (TextGuard.refuses(v.source())) {
            errors.add(new FieldError(
                    prefix + "source", "contains a personal identity number (personnummer or samordningsnummer)"));
        }
    }

    private static void range(
            String prefix, BigDecimal x, BigDecimal lo, BigDecimal hi, String message, List<FieldError> errors) {
        if (x.compareTo(lo) < 0 || x.compareTo(hi) > 0) {
            errors.add(new FieldError(prefix + "value", message));
        }
    }

    private static void scale(String field, BigDecimal v, List<FieldError> errors) {
        if (v != null && v.stripTrailingZeros().scale() > 6) {
            errors.add(new FieldError(field, "at most 6 decimals"));
        }
        if (v != null && v.abs().compareTo(new BigDecimal("100000000000000")) >= 0) {
            errors.add(new FieldError(field, "too large"));
        }
    }
}
