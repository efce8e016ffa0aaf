package se.kvalitet.events.report;

/** The yearly reports report-service produces. */
public enum ReportKind {
    /** Kvalitetsberättelse, SOSFS 2011:9 7 kap 1 § (allmänt råd): how the quality work was done in a year. */
    KVALITETSBERATTELSE,
    /** Patientsäkerhetsberättelse, patientsäkerhetslagen 3 kap 10 §: the health-care part, by 1 March. */
    PATIENTSAKERHETSBERATTELSE
}
