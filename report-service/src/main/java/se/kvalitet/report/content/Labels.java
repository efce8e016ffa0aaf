package se.kvalitet.report.content;

import java.util.Map;

/** Swedish labels for the codes the events carry. */
public final class Labels {

    /** A figure that is missing (no value, no denominator), as Kolada and Statistics Sweden print it. */
    public static final String MISSING = "..";

    /** What ".." means, printed with every table that has one. */
    public static final String MISSING_NOTE =
            ".. = uppgift saknas (inget värde för perioden, eller inget att räkna en andel av).";

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("MISSING_ROUTINE", "Rutin saknas"),
            Map.entry("DEFICIENT_ROUTINE", "Rutin bristfällig"),
            Map.entry("ROUTINE_NOT_KNOWN_OR_NOT_FOLLOWED", "Rutin inte känd eller inte följd"),
            Map.entry("STAFFING_AND_RESOURCES", "Bemanning och resurser"),
            Map.entry("COMMUNICATION_AND_INFORMATION_TRANSFER", "Kommunikation och informationsöverföring"),
            Map.entry("DOCUMENTATION", "Dokumentation"),
            Map.entry("COMPETENCE", "Kompetens"),
            Map.entry("TECHNOLOGY", "Teknik och utrustning"),
            Map.entry("OTHER", "Annat"),
            Map.entry("TRIAGE", "Bedömning av inkommen rapport"),
            Map.entry("LEX_SARAH_IVO_NOTIFICATION", "Lex Sarah: anmälan till IVO"),
            Map.entry("LEX_SARAH_INVESTIGATION", "Lex Sarah: utredning"),
            Map.entry("LEX_MARIA_IVO_NOTIFICATION", "Lex Maria: anmälan till IVO"),
            Map.entry("LEX_MARIA_INVESTIGATION", "Lex Maria: utredning"),
            Map.entry("IMY_NOTIFICATION", "Personuppgiftsincident: anmälan till IMY inom 72 timmar"),
            Map.entry("COMPLAINT_ACKNOWLEDGEMENT", "Klagomål: bekräftelse av mottagande"),
            Map.entry("COMPLAINT_ANSWER", "Klagomål: svar"),
            Map.entry("DEVIATION_INVESTIGATION", "Avvikelse: utredning"),
            Map.entry("ACTION_DUE", "Åtgärd: genomförande"),
            Map.entry("ACTION_EFFECT_CHECK", "Åtgärd: uppföljning av effekt"),
            Map.entry("MISSFORHALLANDE", "Missförhållande"),
            Map.entry("PATAGLIG_RISK_FOR_MISSFORHALLANDE", "Påtaglig risk för missförhållande"),
            Map.entry("INGET_MISSFORHALLANDE", "Inget missförhållande"),
            Map.entry("ALLVARLIG_VARDSKADA", "Allvarlig vårdskada"),
            Map.entry("RISK_FOR_ALLVARLIG_VARDSKADA", "Risk för allvarlig vårdskada"),
            Map.entry("VARDSKADA", "Vårdskada"),
            Map.entry("INGEN_VARDSKADA", "Ingen vårdskada"),
            Map.entry("NO_RISK", "Ingen risk"),
            Map.entry("RISK", "Risk"),
            Map.entry("HIGH_RISK", "Hög risk"),
            Map.entry("NOT_ASSESSED", "Ännu inte bedömd"),
            Map.entry("PROCESS", "Processer"),
            Map.entry("ROUTINE", "Rutiner"),
            Map.entry("GUIDELINE", "Riktlinjer"),
            Map.entry("CHECKLIST", "Checklistor"),
            Map.entry("COOPERATION_AGREEMENT", "Samverkansöverenskommelser"),
            Map.entry("CORE", "Kärnprocesser"),
            Map.entry("SUPPORT", "Stödprocesser"),
            Map.entry("MANAGEMENT", "Ledningsprocesser"),
            Map.entry("LOW", "Låg"),
            Map.entry("MEDIUM", "Medelhög"),
            Map.entry("HIGH", "Hög"),
            Map.entry("VERY_HIGH", "Mycket hög"),
            Map.entry("APPROVED", "Godkänd"),
            Map.entry("PARTLY_APPROVED", "Delvis godkänd"),
            Map.entry("NOT_APPROVED", "Ej godkänd"),
            Map.entry("IVO", "IVO"),
            Map.entry("IMY", "IMY"));

    private Labels() {}

    public static String of(String code) {
        if (code == null) {
            return "–";
        }
        if (LABELS.containsKey(code)) {
            return LABELS.get(code);
        }
        return se.kvalitet.report.statistics.StatisticsBits.CATEGORIES.contains(code)
                ? se.kvalitet.report.statistics.StatisticsBits.label(code)
                : code;
    }
}
