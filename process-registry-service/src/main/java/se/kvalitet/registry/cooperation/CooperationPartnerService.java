package se.kvalitet.registry.cooperation;

import static se.kvalitet.registry.domain.FreeText.requireFreeOfPersonalIdentityNumbers;
import static se.kvalitet.registry.domain.Values.blankToNull;
import static se.kvalitet.registry.domain.Values.nullToEmpty;

import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import se.kvalitet.events.registry.CooperationPartnerKind;
import se.kvalitet.registry.cooperation.CooperationCommands.PartnerCommand;
import se.kvalitet.web.Caller;
import se.kvalitet.web.ETags;
import se.kvalitet.web.ProblemException;

/** Cooperation partners: one use case per method, each one transaction. Names are unique (case-insensitively). */
@ApplicationScoped
public class CooperationPartnerService {

    @Inject
    CooperationPartnerRepository partners;

    @Inject
    Clock clock;

    @Inject
    Caller caller;

    @Transactional
    public CooperationPartner create(UUID id, PartnerCommand r) {
        requireFreeName(r.name(), null);
        CooperationPartner p = new CooperationPartner();
        p.id = id == null ? UUID.randomUUID() : id;
        p.createdAt = clock.instant();
        apply(p, r);
        partners.persist(p);
        return p;
    }

    @Transactional
    public CooperationPartner replace(UUID id, String ifMatch, PartnerCommand r) {
        CooperationPartner p = get(id);
        ETags.requireMatch(ifMatch, p.version);
        requireFreeName(r.name(), id);
        apply(p, r);
        partners.flush();
        return p;
    }

    @Transactional
    public CooperationPartner get(UUID id) {
        return partners.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Cooperation partner " + id));
    }

    @Transactional
    public se.kvalitet.web.Page<CooperationPartner> list(
            CooperationPartnerKind kind, boolean includeInactive, Instant updatedSince, int page, int limit) {
        StringBuilder q = new StringBuilder("from CooperationPartner p where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (kind != null) {
            params.add(kind);
            q.append(" and p.kind = ?").append(params.size());
        }
        if (!includeInactive) {
            q.append(" and p.active = true");
        }
        if (updatedSince != null) {
            params.add(updatedSince);
            q.append(" and p.updatedAt >= ?").append(params.size());
        }
        var query = partners.find(q + " order by lower(p.name), p.id", params.toArray());
        long total = query.count();
        return new se.kvalitet.web.Page<>(query.page(Page.of(page - 1, limit)).list(), page, limit, total);
    }

    private void apply(CooperationPartner p, PartnerCommand r) {
        requireFreeOfPersonalIdentityNumbers(Map.of("name", r.name(), "description", nullToEmpty(r.description())));
        p.name = r.name().strip();
        p.kind = r.kind();
        p.organisationNumber = blankToNull(r.organisationNumber());
        p.description = blankToNull(r.description());
        p.active = r.active() == null || r.active();
        p.updatedAt = clock.instant();
        p.updatedBy = caller.isAuthenticated() ? caller.subject() : "system";
    }

    private void requireFreeName(String name, UUID self) {
        partners.find("lower(name) = ?1", name.strip().toLowerCase(Locale.ROOT)).stream()
                .filter(o -> !o.id.equals(self))
                .findFirst()
                .ifPresent(o -> {
                    throw ProblemException.conflict("partner-name-taken", "A cooperation partner with this name exists")
                            .with("partnerId", o.id);
                });
    }
}
