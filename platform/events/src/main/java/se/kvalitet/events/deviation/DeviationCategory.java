package se.kvalitet.events.deviation;

/**
 * The tracks a report of a deviation (avvikelse) can be triaged into; Norrtälje's columns in
 * seed 003 Figur 5.1. One report can run several at once.
 */
public enum DeviationCategory {
    /** Ej avvikelse i verksamheten: closed with a reason. */
    NOT_A_DEVIATION,
    /** Övrig avvikelse / kvalitetsavvikelse. */
    OTHER_DEVIATION,
    /** Lex Sarah, SoL 14 kap 3-7 §§. */
    LEX_SARAH,
    /** Lex Maria, patientsäkerhetslagen 3 kap 5 §. */
    LEX_MARIA,
    /** Personuppgiftsincident, GDPR art. 33. */
    PERSONAL_DATA_BREACH,
    /** Synpunkt/klagomål, SOSFS 2011:9 5 kap 3-5 §§. */
    COMPLAINT
}
