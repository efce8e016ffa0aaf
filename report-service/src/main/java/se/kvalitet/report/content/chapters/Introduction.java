package se.kvalitet.report.content.chapters;

import java.util.List;
import se.kvalitet.report.content.ChapterInput;
import se.kvalitet.report.content.ReportChapter;
import se.kvalitet.report.content.ReportContent.Chapter;
import se.kvalitet.report.content.ReportContent.Fact;
import se.kvalitet.report.content.ReportData;

/** Inledning och syfte (SOSFS 2011:9 7 kap. 1 §): why the report exists and what it covers; no verdict. */
public final class Introduction implements ReportChapter {

    @Override
    public String key() {
        return "inledning";
    }

    @Override
    public String title() {
        return "Inledning och syfte";
    }

    @Override
    public String regulation() {
        return "SOSFS 2011:9 7 kap. 1 §";
    }

    @Override
    public boolean hasVerdict() {
        return false;
    }

    @Override
    public Chapter build(ChapterInput in) {
        List<String> req = List.of(
                "Enligt 7 kap. 1 § Socialstyrelsens föreskrifter och allmänna råd om ledningssystem för systematiskt "
                        + "kvalitetsarbete (SOSFS 2011:9) ska arbetet med att systematiskt och fortlöpande utveckla och säkra "
                        + "verksamhetens kvalitet dokumenteras.",
                "Enligt de allmänna råden bör den som bedriver socialtjänst med dokumentationen som utgångspunkt varje år "
                        + "upprätta en sammanhållen kvalitetsberättelse av vilken det bör framgå hur arbetet har bedrivits under "
                        + "föregående kalenderår, vilka åtgärder som har vidtagits för att säkra verksamhetens kvalitet och vilka "
                        + "resultat som har uppnåtts.",
                "Kvalitetsberättelsen är uppbyggd utifrån bestämmelserna i SOSFS 2011:9. För varje del redovisas vad "
                        + "föreskrifterna kräver, vad som har gjorts enligt det dokumenterade kvalitetsarbetet och en bedömning av "
                        + "om verksamheten uppfyller föreskrifterna i denna del.");
        ReportData d = in.basis();
        List<Fact> facts = List.of(
                new Fact("Organisation", d.orgUnitName()),
                new Fact("Period", d.from() + " – " + d.to()),
                new Fact("Rapporterade avvikelser", Long.toString(d.statistics().reports())),
                new Fact("Enheter i organisationen", Long.toString(d.leafUnits().size())));
        return chapter(in, req, facts, List.of(), List.of(), null, List.of());
    }
}
