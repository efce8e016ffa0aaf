package se.kvalitet.registry.requirement;

import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import se.kvalitet.registry.codelist.LegalBasis;
import se.kvalitet.registry.codelist.VerksamhetKind;
import se.kvalitet.registry.orgunit.OrgUnitService;
import se.kvalitet.registry.verksamhet.Verksamhet;
import se.kvalitet.registry.verksamhet.VerksamhetRepository;
import se.kvalitet.web.ProblemException;

/**
 * The read side of the requirement catalogue (kravkatalog): regulations, their items, one item, and
 * the filtered item list (by regulation, legal basis, kind, verksamhet, text; withdrawn on request).
 */
@ApplicationScoped
public class RequirementQueries {

    static final int MAX_QUERY_LENGTH = 200;

    @Inject
    RegulationRepository regulations;

    @Inject
    RequirementItemRepository items;

    @Inject
    VerksamhetRepository verksamheter;

    @Inject
    OrgUnitService orgUnits;

    /**
     * Filters of the item list; null means no filter. An item applies to a legal basis or kind when
     * it lists it or lists none; for a verksamhet, when it applies to one of its legal bases and one
     * of its kinds.
     */
    public record ItemFilter(
            UUID regulationId,
            LegalBasis legalBasis,
            VerksamhetKind kind,
            UUID verksamhetId,
            String q,
            boolean includeWithdrawn,
            Instant updatedSince) {}

    @Transactional
    public se.kvalitet.web.Page<Regulation> regulations(Regulation.Kind kind, int page, int limit) {
        var query = kind == null
                ? regulations.find("from Regulation r order by r.code, r.id")
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
        var query = items.find(
                "from RequirementItem i where i.regulation.id = ?1" + inForce
                        + " order by i.orderKey, i.reference, i.id",
                includeWithdrawn ? new Object[] {regulationId} : new Object[] {regulationId, orgUnits.today()});
        return query.list();
    }

    @Transactional
    public RequirementItem item(UUID id) {
        return items.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Requirement item " + id));
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
            params.add(orgUnits.today());
            q.append(" and (i.withdrawnOn is null or i.withdrawnOn > ?")
                    .append(params.size())
                    .append(")");
        }
        if (f.legalBasis() != null) {
            appliesTo(q, params, "legalBases", Set.of(f.legalBasis()));
        }
        if (f.kind() != null) {
            appliesTo(q, params, "kinds", Set.of(f.kind()));
        }
        if (f.verksamhetId() != null) {
            Verksamhet v = verksamheter
                    .findByIdOptional(f.verksamhetId())
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
            q.append(" and (lower(i.summary) like ?")
                    .append(n)
                    .append(" escape '!' or lower(i.reference) like ?")
                    .append(n)
                    .append(" escape '!' or lower(i.regulation.code) like ?")
                    .append(n)
                    .append(" escape '!')");
        }
        if (f.updatedSince() != null) {
            params.add(f.updatedSince());
            q.append(" and i.updatedAt >= ?").append(params.size());
        }
        var query = items.find(q + " order by i.regulation.code, i.orderKey, i.reference, i.id", params.toArray());
        long total = query.count();
        return new se.kvalitet.web.Page<>(query.page(Page.of(page - 1, limit)).list(), page, limit, total);
    }

    /** Items that list none of {@code collection} (apply to all) or one of {@code values}. */
    private static void appliesTo(StringBuilder q, List<Object> params, String collection, Set<?> values) {
        if (values.isEmpty()) {
            // e.g. a verksamhet without kinds: only items that apply to every kind
            q.append(" and i.").append(collection).append(" is empty");
            return;
        }
        params.add(values);
        int n = params.size();
        q.append(" and (i.")
                .append(collection)
                .append(" is empty or i.id in (select a")
                .append(n)
                .append(".id from RequirementItem a")
                .append(n)
                .append(" join a")
                .append(n)
                .append('.')
                .append(collection)
                .append(" x")
                .append(n)
                .append(" where x")
                .append(n)
                .append(" in ?")
                .append(n)
                .append("))");
    }

    static String likeEscaped(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
