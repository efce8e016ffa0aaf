package se.kvalitet.bench.bare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Receive a report the way a plain Quarkus service would: a validated body, a bearer token checked
 * by quarkus-oidc, a role check, the report and one outbox row persisted in one transaction, 201
 * with the stored report.
 */
@Path("/bare/v1/reports")
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    SecurityIdentity identity;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"reporter", "case-system"})
    @Transactional
    public Response report(@NotNull @Valid ReportRequest request) {
        Report r = new Report();
        r.id = UUID.randomUUID();
        r.summary = request.summary().strip();
        r.description = request.description().strip();
        r.occurredAt = request.occurredAt();
        r.noticedAt = request.noticedAt();
        r.orgUnitId = request.orgUnitId();
        r.involvedOrgUnitIds =
                new LinkedHashSet<>(request.involvedOrgUnitIds() == null ? List.of() : request.involvedOrgUnitIds());
        r.suggestedCategory = request.suggestedCategory();
        r.immediateActions = request.immediateActions() == null
                ? null
                : request.immediateActions().strip();
        if (request.externalReference() != null) {
            r.externalSource = request.externalReference().source();
            r.externalId = request.externalReference().id();
        }
        r.affectedPersonRef = request.affectedPersonRef();
        r.reporterSubject = identity.getPrincipal().getName();
        r.createdAt = Instant.now();
        em.persist(r);

        Map<String, Object> event = new LinkedHashMap<>();
        event.put("deviationId", r.id);
        event.put("orgUnitId", r.orgUnitId);
        event.put("involvedOrgUnitIds", r.involvedOrgUnitIds);
        event.put("occurredAt", r.occurredAt);
        event.put("reportedAt", r.createdAt);
        event.put("suggestedCategory", r.suggestedCategory);
        OutboxEvent out = new OutboxEvent();
        out.id = UUID.randomUUID();
        out.topic = "bare.reports";
        out.aggregateId = r.id;
        out.type = "ReportReceived";
        out.payload = write(event);
        out.createdAt = r.createdAt;
        em.persist(out);
        return Response.created(URI.create("/bare/v1/reports/" + r.id))
                .entity(ReportResponse.of(r))
                .build();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
