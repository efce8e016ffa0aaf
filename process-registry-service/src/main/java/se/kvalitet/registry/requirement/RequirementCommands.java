package se.kvalitet.registry.requirement;

import java.time.LocalDate;
import java.util.Set;
import se.kvalitet.registry.codelist.LegalBasis;
import se.kvalitet.registry.codelist.VerksamhetKind;

/** What the requirement feature's application service is asked to do (the resource maps its request records to these). */
public final class RequirementCommands {

    private RequirementCommands() {}

    public record RegulationCommand(String code, String title, Regulation.Kind kind, String issuedBy, String url) {}

    public record RequirementItemCommand(
            String reference,
            String summary,
            Set<LegalBasis> appliesToLegalBases,
            Set<VerksamhetKind> appliesToKinds,
            Integer orderKey) {}

    public record WithdrawCommand(LocalDate withdrawnOn, String reason) {}
}
