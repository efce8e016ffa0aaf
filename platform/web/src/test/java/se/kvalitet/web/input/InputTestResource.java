package se.kvalitet.web.input;

import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import se.kvalitet.web.PageParams;
import se.kvalitet.web.privacy.Identifier;

/** A test-only resource with the kinds of input the services take, echoing what it received. */
@Path("/test/input")
public class InputTestResource {

    public enum Colour {
        RED,
        GREEN
    }

    public record Nested(String note, @Identifier String source) {}

    public record Body(
            String text,
            @Identifier String ref,
            List<String> tags,
            Map<String, String> labels,
            LocalDate day,
            Instant at,
            Integer year,
            int count,
            Nested nested,
            Colour colour) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Body post(Body body) {
        if (body == null) {
            throw new IllegalStateException("a null body reached the resource");
        }
        return body;
    }

    @POST
    @Path("/text")
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.TEXT_PLAIN)
    public String text(String text) {
        return "got " + text.length();
    }

    /** A value the database refused, as Hibernate reports it. */
    @GET
    @Path("/refused/{state}")
    public String refused(@PathParam("state") String state) {
        throw new IllegalStateException(
                "could not execute statement",
                new java.sql.SQLException("ERROR: value too long for type character varying(100)", state));
    }

    /** Another request changed the same row between this one's read and its write, as JPA reports it at commit. */
    @GET
    @Path("/stale")
    public String stale() {
        throw new IllegalStateException(
                "commit failed", new jakarta.persistence.OptimisticLockException("Row was updated or deleted"));
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> get(
            @PathParam("id") UUID id,
            @BeanParam @Valid PageParams page,
            @QueryParam("day") LocalDate day,
            @QueryParam("colour") Colour colour,
            @QueryParam("year") Integer year,
            @QueryParam("subtree") boolean subtree,
            @QueryParam("q") String q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id.toString());
        m.put("limit", page.limit);
        m.put("page", page.page);
        m.put("day", day == null ? null : day.toString());
        m.put("colour", colour == null ? null : colour.name());
        m.put("year", year == null ? null : Year.of(year).toString());
        m.put("subtree", subtree);
        m.put("q", q);
        return m;
    }
}
