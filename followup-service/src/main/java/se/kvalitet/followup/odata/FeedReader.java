package se.kvalitet.followup.odata;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.olingo.commons.api.data.Entity;
import org.apache.olingo.commons.api.data.Property;
import org.apache.olingo.commons.api.data.ValueType;
import org.apache.olingo.server.api.ODataApplicationException;
import se.kvalitet.followup.odata.FilterSql.Cond;
import se.kvalitet.followup.odata.FilterSql.Param;

/**
 * Runs one page of a SQL-backed set: the filter, incremental refresh and keyset conditions in the WHERE
 * clause, the order and page size in SQL ({@code LIMIT n + 1} tells whether there is more), so PostgreSQL
 * reads only the page through its indexes however large the set. Raw JDBC for the same reason as the CSV
 * export: rows go straight from the result set into {@link FeedJson} (or Olingo's entities).
 */
@ApplicationScoped
public class FeedReader {

    @Inject
    DataSource dataSource;

    /** One sort key: a property and its direction. */
    record Order(FeedProperty property, boolean descending) {}

    /**
     * What one page reads.
     *
     * @param after the sort values of the last row of the previous page (null: the first page)
     * @param offset rows to skip first ({@code $skip}, first page only)
     */
    record Page(FeedSet set, Cond filter, List<Order> order, List<String> after, Cond since, int limit, long offset) {}

    /**
     * The rows of a page (each row's values in the order of {@link FeedSet#properties()}, as {@link
     * FeedProperty#read} gives them), whether more follow, and the sort values of its last row.
     */
    record Rows(List<Object[]> values, boolean more, List<String> last) {

        /** The rows as Olingo entities, for Olingo's serialiser (the cases {@link FeedJson} leaves to it). */
        List<Entity> entities(FeedSet set) {
            List<FeedProperty> props = set.properties();
            List<Entity> out = new ArrayList<>(values.size());
            for (Object[] row : values) {
                Entity e = new Entity();
                for (int i = 0; i < props.size(); i++) {
                    e.addProperty(new Property(null, props.get(i).name(), ValueType.PRIMITIVE, row[i]));
                }
                out.add(e);
            }
            return out;
        }
    }

    Rows read(Page page) throws ODataApplicationException {
        FeedSet set = page.set();
        List<Param> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ");
        List<FeedProperty> props = set.properties();
        for (int i = 0; i < props.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(props.get(i).sql());
        }
        sql.append(" FROM ").append(set.from());
        sql.append(where(page, params));
        if (page.after() != null) {
            sql.append(" AND ").append(keyset(page.order(), page.after(), params));
        }
        if (set.groupBy() != null) {
            sql.append(" GROUP BY ").append(set.groupBy());
        }
        sql.append(" ORDER BY ");
        for (int i = 0; i < page.order().size(); i++) {
            Order o = page.order().get(i);
            sql.append(i == 0 ? "" : ", ").append(o.property().sql()).append(o.descending() ? " DESC" : "");
        }
        sql.append(" LIMIT ").append(page.limit() + 1);
        if (page.offset() > 0) {
            sql.append(" OFFSET ").append(page.offset());
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bind(ps, params);
            List<Object[]> values = new ArrayList<>(Math.min(page.limit(), 10_000));
            List<String> last = null;
            boolean more = false;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (values.size() == page.limit()) {
                        more = true;
                        break;
                    }
                    Object[] row = new Object[props.size()];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = props.get(i).read(rs, i + 1);
                    }
                    values.add(row);
                    if (values.size() == page.limit()) {
                        last = new ArrayList<>(page.order().size());
                        for (Order o : page.order()) {
                            last.add(rs.getString(set.indexOf(o.property().name()) + 1));
                        }
                    }
                }
            }
            return new Rows(values, more, last);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** How many rows the filters let through (for {@code $count}), ignoring paging. */
    long count(FeedSet set, Cond filter, Cond since) throws ODataApplicationException {
        List<Param> params = new ArrayList<>();
        String inner =
                "SELECT 1 FROM " + set.from() + where(new Page(set, filter, List.of(), null, since, 0, 0), params)
                        + (set.groupBy() == null ? "" : " GROUP BY " + set.groupBy());
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM (" + inner + ") AS counted")) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    private static String where(Page page, List<Param> params) {
        StringBuilder sql = new StringBuilder(" WHERE ").append(page.set().where());
        for (Cond c : new Cond[] {page.filter(), page.since()}) {
            if (c != null) {
                sql.append(" AND ").append(c.sql());
                params.addAll(c.params());
            }
        }
        return sql.toString();
    }

    /**
     * Rows after {@code after} in the order: a row comparison when every key runs the same way (one index
     * range), else the expanded form (a1 > v1) OR (a1 = v1 AND a2 > v2) OR ...
     */
    private static String keyset(List<Order> order, List<String> after, List<Param> params) {
        boolean same =
                order.stream().allMatch(o -> o.descending() == order.get(0).descending());
        if (same) {
            StringBuilder l = new StringBuilder("(");
            StringBuilder r = new StringBuilder("(");
            for (int i = 0; i < order.size(); i++) {
                FeedProperty p = order.get(i).property();
                l.append(i == 0 ? "" : ", ").append(p.sql());
                r.append(i == 0 ? "" : ", ")
                        .append("CAST(? AS ")
                        .append(p.sqlType())
                        .append(')');
                params.add(new Param(after.get(i), p.sqlType()));
            }
            return l + ") " + (order.get(0).descending() ? "<" : ">") + " " + r + ")";
        }
        StringBuilder or = new StringBuilder("(");
        for (int i = 0; i < order.size(); i++) {
            or.append(i == 0 ? "(" : " OR (");
            for (int j = 0; j < i; j++) {
                FeedProperty p = order.get(j).property();
                or.append(p.sql()).append(" = CAST(? AS ").append(p.sqlType()).append(") AND ");
                params.add(new Param(after.get(j), p.sqlType()));
            }
            Order o = order.get(i);
            or.append(o.property().sql())
                    .append(o.descending() ? " < " : " > ")
                    .append("CAST(? AS ")
                    .append(o.property().sqlType())
                    .append("))");
            params.add(new Param(after.get(i), o.property().sqlType()));
        }
        return or.append(')').toString();
    }

    private static void bind(PreparedStatement ps, List<Param> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setString(i + 1, params.get(i).text());
        }
    }

    /** A literal PostgreSQL cannot read as the property's type (22xxx: data exception) is the client's error. */
    private static ODataApplicationException translate(SQLException e) {
        String state = e.getSQLState();
        if (state != null && state.startsWith("22")) {
            return FilterSql.badRequest("$filter or $skiptoken: a value does not fit the property's type");
        }
        throw new IllegalStateException("the OData feed could not be read", e);
    }
}
