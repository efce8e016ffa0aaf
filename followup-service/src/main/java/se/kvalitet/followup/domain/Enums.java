package se.kvalitet.followup.domain;

/** The closed vocabularies of follow-up; the API accepts exactly these names. */
public final class Enums {

    private Enums() {}

    /** Unit of measure (enhet) of an indicator; decides how values roll up. */
    public enum UnitOfMeasure {
        /** Share in percent: rolls up as sum of numerators / sum of denominators. */
        PERCENT,
        /** Mean on a 1-5 scale: rolls up as a mean weighted by the number of responses. */
        SCALE_1_5,
        /** A count: rolls up as a sum. */
        COUNT,
        /** Days (e.g. median or mean handling time): rolls up weighted by the number of cases. */
        DAYS,
        /** An index (e.g. medarbetarindex): rolls up weighted by the number of responses. */
        INDEX,
        /** A ratio of numerator to denominator: rolls up as sum / sum. */
        RATIO
    }

    /** How the indicator is followed up (metod). */
    public enum Method {
        SURVEY,
        RECORD_REVIEW,
        MANUAL_CHECK,
        SYSTEM_STATISTICS,
        EXTERNAL_SOURCE,
        DERIVED_FROM_EVENTS
    }

    /** How often (när). */
    public enum Frequency {
        YEARLY,
        TWICE_A_YEAR,
        TERTIAL,
        QUARTERLY,
        MONTHLY,
        CONTINUOUS;

        /** The period a measurement of this frequency is recorded for; null for CONTINUOUS (any period). */
        public Period.Type periodType() {
            return switch (this) {
                case YEARLY -> Period.Type.YEAR;
                case TWICE_A_YEAR -> Period.Type.HALF;
                case TERTIAL -> Period.Type.TERTIAL;
                case QUARTERLY -> Period.Type.QUARTER;
                case MONTHLY -> Period.Type.MONTH;
                case CONTINUOUS -> null;
            };
        }

        /** Months between two scheduled egenkontroll occurrences; 0 for CONTINUOUS (not schedulable). */
        public int months() {
            Period.Type t = periodType();
            return t == null ? 0 : t.months;
        }
    }

    /** Gender split as in Kolada: T total, K women (kvinnor), M men (män). */
    public enum Gender {
        T,
        K,
        M
    }

    /** Why a value is missing (Kolada prints ".."). */
    public enum MissingReason {
        TOO_FEW_RESPONSES,
        NOT_COLLECTED,
        NOT_APPLICABLE,
        OTHER
    }

    /** Level of a goal. */
    public enum GoalLevel {
        /** Övergripande mål (kommunfullmäktige). */
        OVERARCHING,
        /** Nämndmål / strategiskt mål. */
        BOARD,
        /** Verksamhetsmål / operativt mål for a unit. */
        OPERATIONAL
    }

    /** How an egenkontroll is carried out (metod). */
    public enum EgenkontrollMethod {
        /** Journalgranskning / aktgranskning. */
        RECORD_REVIEW,
        /** Stickprov. */
        SAMPLE_CHECK,
        /** Observation i verksamheten. */
        OBSERVATION,
        /** Intervju. */
        INTERVIEW,
        /** Enkät. */
        SURVEY,
        /** Checklista. */
        CHECKLIST,
        /** Uttag ur verksamhetssystemet. */
        SYSTEM_REPORT,
        OTHER
    }

    /** The outcome of an egenkontroll execution. */
    public enum EgenkontrollResult {
        /** Godkänt. */
        APPROVED,
        /** Delvis godkänt. */
        PARTLY_APPROVED,
        /** Ej godkänt. */
        NOT_APPROVED
    }

    /**
     * Indicators computed from deviation-service's events (method DERIVED_FROM_EVENTS), per unit
     * (and everything below it) and period.
     */
    public enum DerivedMetric {
        /** Reports received in the period, optionally of one category; a report counts once. Unit COUNT. */
        DEVIATION_COUNT(UnitOfMeasure.COUNT),
        /** Share of lex Sarah reports judged allvarliga and notified to IVO. Unit PERCENT. */
        LEX_SARAH_SERIOUS_NOTIFIED_SHARE(UnitOfMeasure.PERCENT),
        /** Share of personal data breaches notified to IMY. Unit PERCENT. */
        DATA_BREACH_NOTIFIED_SHARE(UnitOfMeasure.PERCENT),
        /** Of the data breaches that were to be notified to IMY, the share notified within 72 hours. Unit PERCENT. */
        DATA_BREACH_NOTIFIED_WITHIN_72H_SHARE(UnitOfMeasure.PERCENT),
        /** Median calendar days from report to close, of reports closed in the period. Unit DAYS. */
        MEDIAN_DAYS_TO_CLOSE(UnitOfMeasure.DAYS),
        /** Share of actions (åtgärder) due in the period that were done by their due date. Unit PERCENT. */
        ACTIONS_DONE_ON_TIME_SHARE(UnitOfMeasure.PERCENT);

        public final UnitOfMeasure unit;

        DerivedMetric(UnitOfMeasure unit) {
            this.unit = unit;
        }
    }

    /** Outcome of an evaluation against the målvärde. */
    public enum Status {
        MET,
        NOT_MET,
        NO_DATA,
        NO_TARGET
    }

    /** Trend against the previous period, in the direction of the target. */
    public enum Trend {
        IMPROVED,
        UNCHANGED,
        WORSENED,
        UNKNOWN
    }
}
