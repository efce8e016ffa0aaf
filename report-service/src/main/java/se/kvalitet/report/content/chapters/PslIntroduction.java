package se.kvalitet.report.content.chapters;

import java.util.List;
import se.kvalitet.events.report.ReportKind;
import se.kvalitet.report.content.ChapterInput;
import se.kvalitet.report.content.ReportChapter;
import se.kvalitet.report.content.ReportContent.Chapter;
import se.kvalitet.report.content.ReportContent.Fact;
import se.kvalitet.report.content.ReportData;
import se.kvalitet.report.content.ReportOutline;

/** Inledning of the patientsäkerhetsberättelse (PSL 3 kap. 10 §): what it covers and when it is due; no verdict. */
public final class PslIntroduction implements ReportChapter {

    @Override
    public String key() {
        return "inledning";
    }

    @Override
    public String title() {
        return "Inledning";
    }

    @Override
    public String regulation() {
        return "PSL 3 kap. 10 §";
    }

    @Override
    public boolean hasVerdict() {
        return false;
    }

    @Override
    public Chapter build(ChapterInput in) {
        List<String> req = List.of(
                "Enligt 3 kap. 10 § patientsäkerhetslagen (2010:659) ska vårdgivaren senast den 1 mars varje år upprätta en "
                        + "patientsäkerhetsberättelse av vilken det ska framgå hur patientsäkerhetsarbetet har bedrivits under "
                        + "föregående kalenderår, vilka åtgärder som har vidtagits för att öka patientsäkerheten och vilka resultat "
                        + "som har uppnåtts.",
                "Berättelsen avser den hälso- och sjukvård som bedrivs i verksamheten (till exempel hemsjukvård och "
                        + "sjuksköterskeinsatser i särskilt boende).");
        ReportData d = in.basis();
        List<Fact> facts = List.of(
                new Fact("Organisation", d.orgUnitName()),
                new Fact("Period", d.from() + " – " + d.to()),
                new Fact(
                        "Ska vara upprättad senast",
                        ReportOutline.dueDate(ReportKind.PATIENTSAKERHETSBERATTELSE, d.year())
                                .toString()));
        return chapter(in, req, facts, List.of(), List.of(), null, List.of());
    }
}
