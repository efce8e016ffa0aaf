package se.kvalitet.followup.domain;

/** The closed vocabularies of follow-up; the API accepts exactly these names. */
public final class Enums {

    private Enums() {
    }

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
        SURVEY, RECORD_REVIEW, MANUAL_CHECK, SYSTEM_STATISTICS, EXTERNAL_SOURCE, DERIVED_FROM_EVENTS
    }

    /** How often (när). */
    public enum Frequency {
        YEARLY, TWICE_A_YEAR, TERTIAL, QUARTERLY, MONTHLY, CONTINUOUS
    }

    /** Gender split as in Kolada: T total, K women (kvinnor), M men (män). */
    public enum Gender {
        T, K, M
    }

    /** Why a value is missing (Kolada prints ".."). */
    public enum MissingReason {
        TOO_FEW_RESPONSES, NOT_COLLECTED, NOT_APPLICABLE, OTHER
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

    /** Outcome of an evaluation against the målvärde. */
    public enum Status {
        MET, NOT_MET, NO_DATA, NO_TARGET
    }

    /** Trend against the previous period, in the direction of the target. */
    public enum Trend {
        IMPROVED, UNCHANGED, WORSENED, UNKNOWN
    }
}
