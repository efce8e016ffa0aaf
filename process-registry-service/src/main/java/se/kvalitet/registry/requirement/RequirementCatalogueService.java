package se.kvalitet.registry.requirement;

import static se.kvalitet.registry.domain.Values.blankToNull;
import static se.kvalitet.registry.domain.Values.replaceAll;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.registry.domain.CoverageInputsChanged;
import se.kvalitet.registry.orgunit.OrgUnitService;
import se.kvalitet.registry.requirement.RequirementCommands.RegulationCommand;
import se.kvalitet.registry.requirement.RequirementCommands.RequirementItemCommand;
import se.kvalitet.registry.requirement.RequirementCommands.WithdrawCommand;
import se.kvalitet.web.Caller;
import se.kvalitet.web.ETags;
import se.kvalitet.web.ProblemException;

/**
 * The requirement catalogue (kravkatalog): regulations and their items. One use case per method,
 * each one transaction. Items are never deleted, only withdrawn from a day (routines and coverage
 * will refer to them).
 */
@ApplicationScoped
public class RequirementCatalogueService {

    @Inject
    RequirementQueries queries;

    @Inject
    RegulationRepository regulations;

    @Inject
    RequirementItemRepository items;

    @Inject
    OrgUnitService orgUnits;

    @Inject
    Clock clock;

    @Inject
    Caller caller;

    @Inject
    Event<CoverageInputsChanged> coverageInputs;

    public LocalDate today() {
        return orgUnits.today();
    }

    // ------------------------------------------------------------------ regulations

    @Transactional
    public Regulation createRegulation(RegulationCommand r) {
        String code = r.code().strip();
        if (regulations.find("code", code).firstResultOptional().isPresent()) {
            throw ProblemException.conflict("regulation-code-taken", "A regulation with this code exists")
                    .with("code", code);
        }
        Regulation reg = new Regulation();
        reg.id = UUID.randomUUID();
        reg.code = code;
        reg.title = r.title().strip();
        reg.kind = r.kind();
        reg.issuedBy = r.issuedBy().strip();
        reg.url = blankToNull(r.url());
        reg.createdAt = clock.instant();
        reg.updatedAt = reg.createdAt;
        reg.updatedBy = who();
        regulations.persist(reg);
        return reg;
    }

    /** Replaces a regulation's code, title, kind, issuer and url; its items stay as they are. */
    @Transactional
    public Regulation replaceRegulation(UUID id, String ifMatch, RegulationCommand r) {
        Regulation reg = queries.regulation(id);
        ETags.requireMatch(ifMatch, reg.version);
        String code = r.code().strip();
        regulations
                .find("code", code)
                .firstResultOptional()
                .filter(other -> !other.id.equals(id))
                .ifPresent(other -> {
                    throw ProblemException.conflict("regulation-code-taken", "Another regulation has this code")
                            .with("code", code);
                });
        reg.code = code;
        reg.title = r.title().strip();
        reg.kind = r.kind();
        reg.issuedBy = r.issuedBy().strip();
        reg.url = blankToNull(r.url());
        reg.updatedAt = clock.instant();
        reg.updatedBy = who();
        regulations.flush();
        return reg;
    }

    // ------------------------------------------------------------------ items

    @Transactional
    public RequirementItem addItem(UUID regulationId, RequirementItemCommand r) {
        Regulation reg = queries.regulation(regulationId);
        requireFreeReference(reg.id, r.reference().strip(), null);
        RequirementItem i = new RequirementItem();
        i.id = UUID.randomUUID();
        i.regulation = reg;
        i.createdAt = clock.instant();
        apply(i, r);
        items.persist(i);
        coverageInputs.fire(new CoverageInputsChanged());
        return i;
    }

    @Transactional
    public RequirementItem replaceItem(UUID id, String ifMatch, RequirementItemCommand r) {
        RequirementItem i = queries.item(id);
        ETags.requireMatch(ifMatch, i.version);
        requireNotWithdrawn(i);
        requireFreeReference(i.regulation.id, r.reference().strip(), i.id);
        apply(i, r);
        items.flush();
        coverageInputs.fire(new CoverageInputsChanged());
        return i;
    }

    /** Withdraws an item from a day (default today); it stays readable and listable on request. */
    @Transactional
    public RequirementItem withdrawItem(UUID id, String ifMatch, WithdrawCommand r) {
        RequirementItem i = queries.item(id);
        ETags.requireMatch(ifMatch, i.version);
        requireNotWithdrawn(i);
        i.withdrawnOn = r == null || r.withdrawnOn() == null ? today() : r.withdrawnOn();
        i.withdrawnReason = r == null ? null : blankToNull(r.reason());
        i.updatedAt = clock.instant();
        i.updatedBy = who();
        items.flush();
        coverageInputs.fire(new CoverageInputsChanged());
        return i;
    }

    // ------------------------------------------------------------------ internals

    private void apply(RequirementItem i, RequirementItemCommand r) {
        i.reference = r.reference().strip();
        i.summary = r.summary().strip();
        i.orderKey = r.orderKey();
        replaceAll(i.legalBases, r.appliesToLegalBases() == null ? Set.of() : r.appliesToLegalBases());
        replaceAll(i.kinds, r.appliesToKinds() == null ? Set.of() : r.appliesToKinds());
        i.updatedAt = clock.instant();
        i.updatedBy = who();
    }

    private void requireFreeReference(UUID regulationId, String reference, UUID self) {
        items.find("regulation.id = ?1 and reference = ?2 and withdrawnOn is null", regulationId, reference).stream()
                .filter(other -> !other.id.equals(self))
                .findFirst()
                .ifPresent(other -> {
                    throw ProblemException.conflict(
                                    "requirement-reference-taken",
                                    "The regulation has an item with this reference in force; withdraw it first")
                            .with("requirementItemId", other.id);
                });
    }

    private static void requireNotWithdrawn(RequirementItem i) {
        if (i.withdrawnOn != null) {
            throw ProblemException.conflict(
                            "requirement-item-withdrawn", "The item is withdrawn and can no longer be changed")
                    .with("withdrawnOn", i.withdrawnOn);
        }
    }

    private String who() {
        return caller.isAuthenticated() ? caller.subject() : "system";
    }
}
