package se.kvalitet.registry.verksamhet;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.registry.codelist.LegalBasis;
import se.kvalitet.registry.codelist.VerksamhetKind;

/** What the verksamhet feature's application service is asked to do (the resource maps its request records to these). */
public final class VerksamhetCommands {

    private VerksamhetCommands() {}

    public record VerksamhetCommand(
            String code,
            String name,
            String description,
            Set<LegalBasis> legalBases,
            Set<VerksamhetKind> kinds,
            List<UUID> orgUnitIds) {}
}
