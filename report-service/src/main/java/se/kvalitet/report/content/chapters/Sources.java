package se.kvalitet.report.content.chapters;

/** Where a table's numbers come from, as printed under it. */
final class Sources {

    static final String DEVIATIONS = "Källa: avvikelsehanteringen (händelser från avvikelsetjänsten)";
    static final String REGISTRY = "Källa: process- och rutinregistret";
    static final String FOLLOWUP = "Källa: uppföljningstjänsten (egenkontroller och nyckeltal)";
    static final String THIS_REPORT = "Källa: denna kvalitetsberättelse";

    private Sources() {}
}
