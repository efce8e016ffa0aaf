package se.kvalitet.deviation.demo;

import java.util.List;
import se.kvalitet.events.deviation.DeviationCategory;
import se.kvalitet.events.deviation.RootCause;

/** The invented events each kind of unit reports (elderly care, social services, disability), with Swedish texts. */
final class DemoTemplates {

    private DemoTemplates() {}

    /** A kind of event a unit reports, with the track the quality team usually gives it. */
    record Template(
            String summary,
            String description,
            String immediate,
            DeviationCategory usual,
            RootCause cause,
            String action) {}

    static final List<Template> ELDERLY = List.of(
            new Template(
                    "Läkemedel gavs inte vid rätt tid",
                    "Kvällsdosen gavs två timmar för sent eftersom besöket flyttades.",
                    "Sjuksköterska kontaktad, ingen skada bedömd.",
                    DeviationCategory.LEX_MARIA,
                    RootCause.COMMUNICATION_AND_INFORMATION_TRANSFER,
                    "Läkemedelsbesök prioriteras i planeringen"),
            new Template(
                    "Fall i badrummet",
                    "Brukaren föll vid dusch när personal hämtade handduk.",
                    "Larmade sjuksköterska, kontroll gjord.",
                    DeviationCategory.LEX_MARIA,
                    RootCause.STAFFING_AND_RESOURCES,
                    "Fallriskbedömning görs vid förändrat behov"),
            new Template(
                    "Uteblivet besök",
                    "Planerat morgonbesök blev inte av; brukaren väntade utan frukost till lunch.",
                    "Extra besök ordnades.",
                    DeviationCategory.LEX_SARAH,
                    RootCause.ROUTINE_NOT_KNOWN_OR_NOT_FOLLOWED,
                    "Rutinen för ändrad planering gås igenom på APT"),
            new Template(
                    "Trygghetslarm fungerade inte",
                    "Larmet saknade batteri och gick inte fram vid test.",
                    "Batteri bytt samma dag.",
                    DeviationCategory.OTHER_DEVIATION,
                    RootCause.TECHNOLOGY,
                    "Månatlig kontroll av larm läggs in"),
            new Template(
                    "Nyckel saknades",
                    "Nyckeln fanns inte i nyckelskåpet vid kvällsbesöket.",
                    "Besöket gjordes med reservnyckel.",
                    DeviationCategory.OTHER_DEVIATION,
                    RootCause.MISSING_ROUTINE,
                    "Kvittering av nycklar införs"),
            new Template(
                    "Genomförandeplan inte uppdaterad",
                    "Insatsen ändrades men genomförandeplanen var ett år gammal.",
                    null,
                    DeviationCategory.OTHER_DEVIATION,
                    RootCause.DOCUMENTATION,
                    "Genomförandeplaner följs upp varje halvår"),
            new Template(
                    "Anhörig missnöjd med bemötande",
                    "Anhörig hörde av sig om att personalen var stressad och otrevlig.",
                    null,
                    DeviationCategory.COMPLAINT,
                    RootCause.COMPETENCE,
                    "Samtal om bemötande i arbetsgruppen"),
            new Template(
                    "Besöksanteckningar skickade fel",
                    "Utskrift av journalanteckningar skickades till fel adress.",
                    "Mottagaren kontaktad och har förstört brevet.",
                    DeviationCategory.PERSONAL_DATA_BREACH,
                    RootCause.ROUTINE_NOT_KNOWN_OR_NOT_FOLLOWED,
                    "Utskick kontrolleras av två personer"));

    static final List<Template> SOCIAL = List.of(
            new Template(
                    "Beslut expedierades sent",
                    "Beslut om bistånd skickades tre veckor efter att det fattades.",
                    null,
                    DeviationCategory.OTHER_DEVIATION,
                    RootCause.STAFFING_AND_RESOURCES,
                    "Bevakning av expediering i verksamhetssystemet"),
            new Template(
                    "Orosanmälan registrerades inte",
                    "En orosanmälan låg i funktionsbrevlådan i fyra dagar utan att registreras.",
                    "Registrerad och skyddsbedömning gjord samma dag.",
                    DeviationCategory.LEX_SARAH,
                    RootCause.MISSING_ROUTINE,
                    "Daglig bevakning av funktionsbrevlådan med ersättare"),
            new Template(
                    "Utredningstiden överskreds",
                    "Utredningen blev klar efter mer än fyra månader utan beslut om förlängning.",
                    null,
                    DeviationCategory.OTHER_DEVIATION,
                    RootCause.STAFFING_AND_RESOURCES,
                    "Månadsvis genomgång av utredningstider"),
            new Template(
                    "E-post med uppgifter till fel mottagare",
                    "E-post med uppgifter om en klient skickades till en annan myndighet av misstag.",
                    "Mottagaren ombedd att radera.",
                    DeviationCategory.PERSONAL_DATA_BREACH,
                    RootCause.TECHNOLOGY,
                    "Autokomplettering av adresser stängs av"),
            new Template(
                    "Klagomål på handläggning",
                    "En klient anser att hen inte fått information om beslutet.",
                    null,
                    DeviationCategory.COMPLAINT,
                    RootCause.COMMUNICATION_AND_INFORMATION_TRANSFER,
                    "Mall för beslutsinformation tas fram"),
            new Template(
                    "Samverkan med skolan uteblev",
                    "Planerat SIP-möte ställdes in utan ny tid.",
                    null,
                    DeviationCategory.OTHER_DEVIATION,
                    RootCause.COMMUNICATION_AND_INFORMATION_TRANSFER,
                    "Ansvarig för kallelse utses vid varje SIP"));

    static final List<Template> DISABILITY = List.of(
            new Template(
                    "Fel medicin i dosett",
                    "Kvällens dosett innehöll en tablett som inte var ordinerad.",
                    "Upptäcktes innan intag.",
                    DeviationCategory.LEX_MARIA,
                    RootCause.ROUTINE_NOT_KNOWN_OR_NOT_FOLLOWED,
                    "Signering vid iordningställande"),
            new Template(
                    "Brukare lämnades ensam",
                    "Dubbelbemanning uteblev vid förflyttning på grund av sjukfrånvaro.",
                    null,
                    DeviationCategory.LEX_SARAH,
                    RootCause.STAFFING_AND_RESOURCES,
                    "Bemanningsplan med reserv för förflyttningar"),
            new Template(
                    "Aktivitet ställdes in",
                    "Veckans utflykt ställdes in utan att brukarna fick veta i förväg.",
                    null,
                    DeviationCategory.COMPLAINT,
                    RootCause.COMMUNICATION_AND_INFORMATION_TRANSFER,
                    "Veckoschema sätts upp i bildstöd"),
            new Template(
                    "Hjälpmedel trasigt",
                    "Lyften gick inte att använda och felanmälan hade inte gjorts.",
                    "Reservlyft lånad.",
                    DeviationCategory.OTHER_DEVIATION,
                    RootCause.TECHNOLOGY,
                    "Felanmälan av hjälpmedel samma dag"),
            new Template(
                    "Förslag om fler aktiviteter",
                    "En anhörig föreslår fler aktiviteter utomhus.",
                    null,
                    DeviationCategory.COMPLAINT,
                    RootCause.OTHER,
                    "Förslaget tas upp i brukarrådet"));

    static final java.util.Map<RootCause, String> SWEDISH_CAUSE = java.util.Map.of(
            RootCause.MISSING_ROUTINE,
            "rutin saknas",
            RootCause.DEFICIENT_ROUTINE,
            "rutinen är bristfällig",
            RootCause.ROUTINE_NOT_KNOWN_OR_NOT_FOLLOWED,
            "rutinen var inte känd eller följdes inte",
            RootCause.STAFFING_AND_RESOURCES,
            "bemanning och resurser",
            RootCause.COMMUNICATION_AND_INFORMATION_TRANSFER,
            "kommunikation och informationsöverföring",
            RootCause.DOCUMENTATION,
            "dokumentation",
            RootCause.COMPETENCE,
            "kompetens",
            RootCause.TECHNOLOGY,
            "teknik",
            RootCause.OTHER,
            "annat");
}
