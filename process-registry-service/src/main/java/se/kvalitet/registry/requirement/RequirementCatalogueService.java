package se.kvalitet.registry.requirement;

import static se.kvalitet.registry.domain.Values.blankToNull;
import static se.kvalitet.registry.domain.Values.replaceAll;

import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.registry.codelist.LegalBasis;
import se.kvalitet.registry.codelist.VerksamhetKind;
import se.kvalitet.registry.domain.CoverageInputsChanged;
import se.kvalitet.registry.orgunit.OrgUnitService;
import se.kvalitet.registry.requirement.RequirementCommands.RegulationCommand;
import se.kvalitet.registry.requirement.RequirementCommands.RequirementItemCommand;
import se.kvalitet.registry.requirement.RequirementCommands.WithdrawCommand;
import se.kvalitet.registry.verksamhet.Verksamhet;
import se.kvalitet.registry.verksamhet.VerksamhetRepository;
import se.kvalitet.registry.verksamhet.VerksamhetService;
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

    static final int MAX_QUERY_LENGTH = 200;

    @Inject
    RegulationRepository regulations;

    @Inject
    RequirementItemRepository items;

    @Inject
    VerksamhetRepository verksamheter;

    @Inject
    OrgUnitService orgUnits;

    @Inject
    Clock clock;

    @Inject
    Caller caller;

    @Inject
    Event<CoverageInputsChanged> coverageInputs;

    /**
     * Filters of the item list; null means no filter. An item applies to a legal basis or kind when
     * it lists it or lists none; for a verksamhet, when it applies to one of its legal bases and one
     * of its kinds.
     */
    public record ItemFilter(UUID regulationId, LegalBasis legalBasis, VerksamhetKind kind, UUID verksamhetId, String q,
            boolean includeWithdrawn, Instant updatedSince) {
    }

    public LocalDate today() {
        return orgUnits.today();
    }

    // ------------------------------------------------------------------ regulations

    @Transactional
    public se.kvalitet.web.Page<Regulation> regulations(Regulation.Kind kind, int page, int limit) {
        var query = kind == null ? regulations.find("from Regulation r order by r.code, r.id")
                : regulations.find("from Regulation r where r.kind = ?1 order by r.code, r.id", kind);
        long total = query.count();
        return new se.kvalitet.web.Page<>(query.page(Page.of(page - 1, limit)).list(), page, limit, total);
    }

    @Transactional
    public Regulation regulation(UUID id) {
        return regulations.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Regulation " + id));
    }

    /** The regulation's items by order key; withdrawn ones (on or before today) only when asked for. */
    @Transactional
    public List<RequirementItem> itemsOf(UUID regulationId, boolean includeWithdrawn) {
        regulation(regulationId);
        String inForce = includeWithdrawn ? "" : " and (i.withdrawnOn is null or i.withdrawnOn > ?2)";
        var query = items.find("from RequirementItem i where i.regulation.id = ?1" + inForce
                + " order by i.orderKey, i.reference, i.id", includeWithdrawn ? new Object[] {regulationId}
                        : new Object[] {regulationId, today()});
        return query.list();
    }

    @Transactional
    public Regulation createRegulation(RegulationCommand r) {
        String code = r.code().strip();
        if (regulations.find("code", code).firstResultOptional().isPresent()) {
            throw ProblemException.conflict("regulation-code-taken", "A regulation with this code exists").with("code", code);
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
        Regulation reg = regulation(id);
        ETags.requireMatch(ifMatch, reg.version);
        String code = r.code().strip();
        regulations.find("code", code).firstResultOptional().filter(other -> !other.id.equals(id)).ifPresent(other -> {
            throw ProblemException.conflict("regulation-code-taken", "Another regulation has this code").with("code", code);
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
    public RequirementItem item(UUID id) {
        return items.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Requirement item " + id));
    }

    @Transactional
    public RequirementItem addItem(UUID regulationId, RequirementItemCommand r) {
        Regulation reg = regulation(regulationId);
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
        RequirementItem i = item(id);
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
        RequirementItem i = item(id);
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

    @Transactional
    public se.kvalitet.web.Page<RequirementItem> items(ItemFilter f, int page, int limit) {
        StringBuilder q = new StringBuilder("from RequirementItem i where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (f.regulationId() != null) {
            params.add(f.regulationId());
            q.append(" and i.regulation.id = ?").append(params.size());
        }
        if (!f.includeWithdrawn()) {
            params.add(today());
            q.append(" and (i.withdrawnOn is null or i.withdrawnOn > ?").append(params.size()).append(")");
        }
        if (f.legalBasis() != null) {
            appliesTo(q, params, "legalBases", Set.of(f.legalBasis()));
        }
        if (f.kind() != null) {
            appliesTo(q, params, "kinds", Set.of(f.kind()));
        }
        if (f.verksamhetId() != null) {
            Verksamhet v = verksamheter.findByIdOptional(f.verksamhetId())
                    .orElseThrow(() -> ProblemException.invalidField("verksamhetId", "no such verksamhet"));
            appliesTo(q, params, "legalBases", new HashSet<>(v.legalBases));
            appliesTo(q, params, "kinds", new HashSet<>(v.kinds));
        }
        if (f.q() != null && !f.q().isBlank()) {
            if (f.q().length() > MAX_QUERY_LENGTH) {
                throw ProblemException.invalidField("q", "must be at most " + MAX_QUERY_LENGTH + " characters");
            }
            params.add("%" + likeEscaped(f.q().strip().toLowerCase(Locale.ROOT)) + "%");
            int n = params.size();
            q.append(" and (lower(i.summary) like ?").append(n).append(" escape '!' or lower(i.reference) like ?").append(n)
                    .append(" escape '!' or lower(i.regulation.code) like ?").append(n).append(" escape '!')");
        }
        if (f.updatedSince() != null) {
            params.add(f.updatedSince());
            q.append(" and i.updatedAt >= ?").append(params.size());
        }
        var query = items.find(q + " order by i.regulation.code, i.orderKey, i.reference, i.id", params.toArray());
        long total = query.count();
        return new se.kvalitet.web.Page<>(query.page(Page.of(page - 1, limit)).list(), page, limit, total);
    }

    // ------------------------------------------------------------------ internals

    /** Items that list none of {@code collection} (apply to all) or one of {@code values}. */
    private static void appliesTo(StringBuilder q, List<Object> params, String collection, Set<?> values) {
        if (values.isEmpty()) {
            // e.g. a verksamhet without kinds: only items that apply to every kind
            q.append(" and i.").append(collection).append(" is empty");
            return;
        }
        params.add(values);
        int n = params.size();
        q.append(" and (i.").append(collection).append(" is empty or i.id in (select a").append(n)
                .append(".id from RequirementItem a").append(n).append(" join a").append(n).append('.').append(collection)
                .append(" x").append(n).append(" where x").append(n).append(" in ?").append(n).append("))");
    }

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
                .filter(other -> !other.id.equals(self)).findFirst().ifPresent(other -> {
                    throw ProblemException.conflict("requirement-reference-taken",
                            "The regulation has an item with this reference in force; withdraw it first")
                            .with("requirementItemId", other.id);
                });
    }

    private static void requireNotWithdrawn(RequirementItem i) {
        if (i.withdrawnOn != null) {
            throw ProblemException.conflict("requirement-item-withdrawn", "The item is withdrawn and can no longer be changed")
                    .with("withdrawnOn", i.withdrawnOn);
        }
    }

    private String who() {
        return caller.isAuthenticated() ? caller.subject() : "system";
    }

    static String likeEscaped(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
