package se.kvalitet.followup.odata;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.olingo.commons.api.edm.EdmEnumType;
import org.apache.olingo.commons.api.edm.EdmType;
import org.apache.olingo.commons.api.http.HttpStatusCode;
import org.apache.olingo.server.api.ODataApplicationException;
import org.apache.olingo.server.api.uri.UriInfoResource;
import org.apache.olingo.server.api.uri.UriResource;
import org.apache.olingo.server.api.uri.UriResourcePrimitiveProperty;
import org.apache.olingo.server.api.uri.queryoption.expression.BinaryOperatorKind;
import org.apache.olingo.server.api.uri.queryoption.expression.Expression;
import org.apache.olingo.server.api.uri.queryoption.expression.ExpressionVisitException;
import org.apache.olingo.server.api.uri.queryoption.expression.ExpressionVisitor;
import org.apache.olingo.server.api.uri.queryoption.expression.Literal;
import org.apache.olingo.server.api.uri.queryoption.expression.Member;
import org.apache.olingo.server.api.uri.queryoption.expression.MethodKind;
import org.apache.olingo.server.api.uri.queryoption.expression.UnaryOperatorKind;

/**
 * Translates a parsed {@code $filter} into a SQL condition with bind parameters, so PostgreSQL selects the
 * rows (through the indexes on the compared columns): comparisons {@code eq ne gt ge lt le}, {@code in},
 * {@code and or not}, {@code startswith contains endswith} on text. Anything else is a 400 OData error
 * naming what is not supported, never a 500 and never a filter in Java.
 */
final class FilterSql implements ExpressionVisitor<FilterSql.Node> {

    /** A bound parameter: its text, cast in SQL to {@code sqlType}. */
    record Param(String text, String sqlType) {}

    sealed interface Node permits Prop, Lit, Cond {}

    record Prop(FeedProperty property) implements Node {}

    record Lit(String text, EdmType type) implements Node {}

    record Cond(String sql, List<Param> params) implements Node {}

    private final FeedSet set;

    private FilterSql(FeedSet set) {
        this.set = set;
    }

    /** The condition of {@code expression} over {@code set}'s columns. */
    static Cond translate(FeedSet set, Expression expression) throws ODataApplicationException {
        Node n;
        try {
            n = expression.accept(new FilterSql(set));
        } catch (ExpressionVisitException e) {
            throw badRequest("$filter: " + e.getMessage());
        }
        return condition(n);
    }

    static ODataApplicationException badRequest(String message) {
        return new ODataApplicationException(message, HttpStatusCode.BAD_REQUEST.getStatusCode(), Locale.ROOT);
    }

    private static Cond condition(Node n) throws ODataApplicationException {
        if (n instanceof Cond c) {
            return c;
        }
        if (n instanceof Prop p && p.property().type().name().equals("Boolean")) {
            return new Cond(p.property().sql() + " = TRUE", List.of());
        }
        throw badRequest("$filter must be a condition");
    }

    @Override
    public Node visitBinaryOperator(BinaryOperatorKind op, Node left, Node right) throws ODataApplicationException {
        switch (op) {
            case AND, OR -> {
                Cond l = condition(left);
                Cond r = condition(right);
                List<Param> params = new ArrayList<>(l.params());
                params.addAll(r.params());
                return new Cond("(" + l.sql() + " " + op.name() + " " + r.sql() + ")", params);
            }
            case EQ, NE, GT, GE, LT, LE -> {
                if (left instanceof Prop p && right instanceof Lit l) {
                    return compare(p.property(), op, l);
                }
                if (left instanceof Lit l && right instanceof Prop p) {
                    return compare(p.property(), mirror(op), l);
                }
                throw badRequest("$filter: compare a property with a literal value ("
                        + op.name().toLowerCase(Locale.ROOT) + ")");
            }
            default ->
                throw badRequest("$filter: operator " + op.name().toLowerCase(Locale.ROOT) + " is not supported");
        }
    }

    @Override
    public Node visitBinaryOperator(BinaryOperatorKind op, Node left, List<Node> right)
            throws ODataApplicationException {
        if (op != BinaryOperatorKind.IN
                || !(left instanceof Prop p)
                || p.property().range() != FeedProperty.Range.NONE) {
            throw badRequest("$filter: in takes a property (not year or month) and a list of literal values");
        }
        List<Param> params = new ArrayList<>();
        List<String> marks = new ArrayList<>();
        for (Node n : right) {
            if (!(n instanceof Lit l) || isNull(l)) {
                throw badRequest("$filter: in takes a list of literal values");
            }
            params.add(new Param(value(l), p.property().sqlType()));
            marks.add("CAST(? AS " + p.property().sqlType() + ")");
        }
        return new Cond(p.property().sql() + " IN (" + String.join(", ", marks) + ")", params);
    }

    @Override
    public Node visitUnaryOperator(UnaryOperatorKind op, Node operand) throws ODataApplicationException {
        if (op != UnaryOperatorKind.NOT) {
            throw badRequest("$filter: operator " + op.name().toLowerCase(Locale.ROOT) + " is not supported");
        }
        Cond c = condition(operand);
        return new Cond("NOT " + c.sql(), c.params());
    }

    @Override
    public Node visitMethodCall(MethodKind method, List<Node> parameters) throws ODataApplicationException {
        String pattern = switch (method) {
            case STARTSWITH -> "%s%%";
            case ENDSWITH -> "%%%s";
            case CONTAINS -> "%%%s%%";
            default ->
                throw badRequest("$filter: function " + method.name().toLowerCase(Locale.ROOT) + " is not supported");
        };
        if (parameters.size() != 2
                || !(parameters.get(0) instanceof Prop p)
                || !(parameters.get(1) instanceof Lit l)
                || !p.property().sqlType().equals("text")
                || p.property().range() != FeedProperty.Range.NONE
                || isNull(l)) {
            throw badRequest(
                    "$filter: " + method.name().toLowerCase(Locale.ROOT) + " takes a text property and a text");
        }
        String escaped = value(l).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return new Cond(p.property().sql() + " LIKE ?", List.of(new Param(pattern.formatted(escaped), "text")));
    }

    @Override
    public Node visitLambdaExpression(String functionName, String variableName, Expression expression)
            throws ODataApplicationException {
        throw badRequest("$filter: lambda expressions are not supported");
    }

    @Override
    public Node visitLiteral(Literal literal) {
        return new Lit(literal.getText(), literal.getType());
    }

    @Override
    public Node visitMember(Member member) throws ODataApplicationException {
        return new Prop(property(set, member.getResourcePath(), "$filter"));
    }

    /** The property a member expression names; only plain properties of the set, no navigation. */
    static FeedProperty property(FeedSet set, UriInfoResource path, String option) throws ODataApplicationException {
        List<UriResource> parts = path.getUriResourceParts();
        if (parts.size() != 1 || !(parts.get(0) instanceof UriResourcePrimitiveProperty prop)) {
            throw badRequest(option + ": only properties of " + set.typeName() + " can be used");
        }
        String name = prop.getProperty().getName();
        FeedProperty p = set.require(name);
        if (!p.filterable()) {
            throw badRequest(option + ": " + name + " cannot be used here");
        }
        return p;
    }

    @Override
    public Node visitAlias(String aliasName) throws ODataApplicationException {
        throw badRequest("$filter: parameter aliases are not supported");
    }

    @Override
    public Node visitTypeLiteral(EdmType type) throws ODataApplicationException {
        throw badRequest("$filter: type literals are not supported");
    }

    @Override
    public Node visitLambdaReference(String variableName) throws ODataApplicationException {
        throw badRequest("$filter: lambda expressions are not supported");
    }

    @Override
    public Node visitEnum(EdmEnumType type, List<String> enumValues) throws ODataApplicationException {
        throw badRequest("$filter: enumerations are not supported");
    }

    private static BinaryOperatorKind mirror(BinaryOperatorKind op) {
        return switch (op) {
            case GT -> BinaryOperatorKind.LT;
            case GE -> BinaryOperatorKind.LE;
            case LT -> BinaryOperatorKind.GT;
            case LE -> BinaryOperatorKind.GE;
            default -> op;
        };
    }

    private static boolean isNull(Lit l) {
        return l.type() == null && "null".equals(l.text());
    }

    /** The literal's value as text PostgreSQL casts: strings unquoted, everything else as written. */
    private static String value(Lit l) {
        String t = l.text();
        if (t.length() >= 2 && t.startsWith("'") && t.endsWith("'")) {
            return t.substring(1, t.length() - 1).replace("''", "'");
        }
        return t;
    }

    private static Cond compare(FeedProperty p, BinaryOperatorKind op, Lit l) throws ODataApplicationException {
        if (isNull(l)) {
            return switch (op) {
                case EQ -> new Cond(p.sql() + " IS NULL", List.of());
                case NE -> new Cond(p.sql() + " IS NOT NULL", List.of());
                default -> throw badRequest("$filter: " + p.name() + " can only be compared with null by eq or ne");
            };
        }
        if (p.range() != FeedProperty.Range.NONE) {
            return range(p, op, value(l));
        }
        String sqlOp = switch (op) {
            case EQ -> "=";
            // OData: a missing value is not equal to any value
            case NE -> p.nullable() ? "IS DISTINCT FROM" : "<>";
            case GT -> ">";
            case GE -> ">=";
            case LT -> "<";
            default -> "<=";
        };
        return new Cond(
                p.sql() + " " + sqlOp + " CAST(? AS " + p.sqlType() + ")", List.of(new Param(value(l), p.sqlType())));
    }

    /** A year or month compared as the dates it spans, on the indexed date column. */
    private static Cond range(FeedProperty p, BinaryOperatorKind op, String text) throws ODataApplicationException {
        LocalDate start;
        LocalDate next;
        try {
            if (p.range() == FeedProperty.Range.YEAR) {
                int year = Integer.parseInt(text);
                if (year < 1 || year > 9998) {
                    throw badRequest("$filter: " + p.name() + " must be a year");
                }
                start = LocalDate.of(year, 1, 1);
                next = start.plusYears(1);
            } else {
                YearMonth month = YearMonth.parse(text);
                start = month.atDay(1);
                next = month.plusMonths(1).atDay(1);
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw badRequest("$filter: " + p.name() + " must be "
                    + (p.range() == FeedProperty.Range.YEAR ? "a year like 2025" : "a month like '2025-03'"));
        }
        String c = p.rangeColumn();
        Param s = new Param(start.toString(), "date");
        Param n = new Param(next.toString(), "date");
        return switch (op) {
            case EQ -> new Cond("(" + c + " >= CAST(? AS date) AND " + c + " < CAST(? AS date))", List.of(s, n));
            case NE -> new Cond("(" + c + " < CAST(? AS date) OR " + c + " >= CAST(? AS date))", List.of(s, n));
            case GT -> new Cond(c + " >= CAST(? AS date)", List.of(n));
            case GE -> new Cond(c + " >= CAST(? AS date)", List.of(s));
            case LT -> new Cond(c + " < CAST(? AS date)", List.of(s));
            default -> new Cond(c + " < CAST(? AS date)", List.of(n));
        };
    }
}
