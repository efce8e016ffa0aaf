package se.kvalitet.followup.odata;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.olingo.commons.api.data.ContextURL;
import org.apache.olingo.commons.api.data.EntityCollection;
import org.apache.olingo.commons.api.edm.EdmEntitySet;
import org.apache.olingo.commons.api.edm.EdmEntityType;
import org.apache.olingo.commons.api.format.ContentType;
import org.apache.olingo.commons.api.http.HttpHeader;
import org.apache.olingo.commons.api.http.HttpStatusCode;
import org.apache.olingo.server.api.OData;
import org.apache.olingo.server.api.ODataApplicationException;
import org.apache.olingo.server.api.ODataLibraryException;
import org.apache.olingo.server.api.ODataRequest;
import org.apache.olingo.server.api.ODataResponse;
import org.apache.olingo.server.api.ServiceMetadata;
import org.apache.olingo.server.api.processor.CountEntityCollectionProcessor;
import org.apache.olingo.server.api.serializer.EntityCollectionSerializerOptions;
import org.apache.olingo.server.api.uri.UriInfo;
import org.apache.olingo.server.api.uri.UriResource;
import org.apache.olingo.server.api.uri.UriResourceEntitySet;
import org.apache.olingo.server.api.uri.queryoption.CustomQueryOption;
import org.apache.olingo.server.api.uri.queryoption.OrderByItem;
import org.apache.olingo.server.api.uri.queryoption.SystemQueryOption;
import org.apache.olingo.server.api.uri.queryoption.expression.Member;
import org.apache.olingo.server.core.serializer.utils.ContextURLBuilder;
import se.kvalitet.followup.odata.FeedReader.Order;
import se.kvalitet.followup.odata.FilterSql.Cond;
import se.kvalitet.followup.odata.FilterSql.Param;

/**
 * Reads an entity set for Olingo's handler: the system query options become SQL ({@link FeedReader}) or a
 * selection of evaluations ({@link EvaluationFeed}); a page is at most {@code pageSize} rows (or the
 * client's {@code Prefer: odata.maxpagesize}, if smaller) with {@code @odata.nextLink} carrying a keyset
 * {@code $skiptoken}. One instance per request.
 */
final class FeedProcessor implements CountEntityCollectionProcessor {

    static final String UPDATED_SINCE = "updatedSince";

    private final FeedReader reader;
    private final EvaluationFeed evaluations;
    private final int pageSize;
    private final boolean streamed;
    private OData odata;
    private ServiceMetadata metadata;

    /** {@code streamed}: pages that {@link FeedJson} can write are written by it (else all by Olingo). */
    FeedProcessor(FeedReader reader, EvaluationFeed evaluations, int pageSize, boolean streamed) {
        this.reader = reader;
        this.evaluations = evaluations;
        this.pageSize = pageSize;
        this.streamed = streamed;
    }

    @Override
    public void init(OData odata, ServiceMetadata serviceMetadata) {
        this.odata = odata;
        this.metadata = serviceMetadata;
    }

    /** The query of one request, read from its options. */
    private record Query(
            EdmEntitySet entitySet, Integer top, long skip, String token, String since, String tokenScope) {}

    @Override
    public void readEntityCollection(ODataRequest request, ODataResponse response, UriInfo uriInfo, ContentType format)
            throws ODataApplicationException, ODataLibraryException {
        Query q = query(uriInfo);
        int page = pageSize(request, response);
        int limit = q.top() == null ? page : (int) Math.min(page, q.top());
        if (!q.entitySet().getName().equals(EvaluationFeed.SET)) {
            readSet(request, response, uriInfo, format, q, limit);
            return;
        }
        if (q.skip() > 0 || uriInfo.getOrderByOption() != null || q.since() != null) {
            throw FilterSql.badRequest(
                    "Evaluations take $filter, $select, $top and $count; they come in indicator code order "
                            + "(no $orderby, $skip or updatedSince: they are computed for the period asked)");
        }
        EvaluationFeed.Selection s = EvaluationFeed.selection(
                uriInfo.getFilterOption() == null
                        ? null
                        : uriInfo.getFilterOption().getExpression());
        String after = q.token() == null
                ? null
                : SkipToken.decode(q.token(), q.tokenScope(), 1).values().get(0);
        EvaluationFeed.Rows rows = evaluations.read(s, after, limit);
        List<org.apache.olingo.commons.api.data.Entity> es = rows.entities();
        EntityCollection collection = new EntityCollection();
        // a page holds whole indicators (at least one, however many units); only $top cuts inside one
        collection.getEntities().addAll(q.top() != null && es.size() > q.top() ? es.subList(0, q.top()) : es);
        if (countRequested(uriInfo)) {
            collection.setCount((int) Math.min(Integer.MAX_VALUE, rows.total()));
        }
        boolean topLeft = q.top() == null || q.top() > collection.getEntities().size();
        if (rows.lastIndicator() != null && topLeft) {
            collection.setNext(nextLink(request, q, collection.getEntities().size(), List.of(rows.lastIndicator())));
        }
        serialize(request, response, uriInfo, format, q.entitySet(), collection);
    }

    /**
     * A page of a SQL-backed set: one keyset query ({@link FeedReader}); written by {@link FeedJson} straight from
     * the query's values when it writes what Olingo would (JSON, minimal metadata), else by Olingo's serialiser.
     */
    private void readSet(
            ODataRequest request, ODataResponse response, UriInfo uriInfo, ContentType format, Query q, int limit)
            throws ODataApplicationException, ODataLibraryException {
        FeedSet set = set(q.entitySet());
        Cond filter = uriInfo.getFilterOption() == null
                ? null
                : FilterSql.translate(set, uriInfo.getFilterOption().getExpression());
        Cond since = since(set, q.since());
        List<Order> order = order(set, uriInfo);
        List<String> after = q.token() == null
                ? null
                : SkipToken.decode(q.token(), q.tokenScope(), order.size()).values();
        FeedReader.Rows rows =
                reader.read(new FeedReader.Page(set, filter, order, after, since, limit, after == null ? q.skip() : 0));
        Integer count =
                countRequested(uriInfo) ? (int) Math.min(Integer.MAX_VALUE, reader.count(set, filter, since)) : null;
        boolean topLeft = q.top() == null || q.top() > rows.values().size();
        URI next = rows.more() && topLeft && rows.last() != null
                ? nextLink(request, q, rows.values().size(), rows.last())
                : null;
        EdmEntityType type = q.entitySet().getEntityType();
        if (streamed && FeedJson.applies(format, uriInfo.getSelectOption(), type)) {
            String context = ContextURLBuilder.create(contextUrl(request, uriInfo, q.entitySet()))
                    .toASCIIString();
            response.setODataContent(
                    FeedJson.of(set, type, uriInfo.getSelectOption(), context, count, rows.values(), next));
            response.setStatusCode(HttpStatusCode.OK.getStatusCode());
            response.setHeader(HttpHeader.CONTENT_TYPE, format.toContentTypeString());
            return;
        }
        EntityCollection collection = new EntityCollection();
        collection.getEntities().addAll(rows.entities(set));
        collection.setCount(count);
        collection.setNext(next);
        serialize(request, response, uriInfo, format, q.entitySet(), collection);
    }

    @Override
    public void countEntityCollection(ODataRequest request, ODataResponse response, UriInfo uriInfo)
            throws ODataApplicationException, ODataLibraryException {
        Query q = query(uriInfo);
        long n;
        if (q.entitySet().getName().equals(EvaluationFeed.SET)) {
            EvaluationFeed.Selection s = EvaluationFeed.selection(
                    uriInfo.getFilterOption() == null
                            ? null
                            : uriInfo.getFilterOption().getExpression());
            n = evaluations.read(s, null, 1).total();
        } else {
            FeedSet set = set(q.entitySet());
            Cond filter = uriInfo.getFilterOption() == null
                    ? null
                    : FilterSql.translate(set, uriInfo.getFilterOption().getExpression());
            n = reader.count(set, filter, since(set, q.since()));
        }
        response.setContent(odata.createFixedFormatSerializer().count((int) Math.min(Integer.MAX_VALUE, n)));
        response.setStatusCode(HttpStatusCode.OK.getStatusCode());
        response.setHeader(HttpHeader.CONTENT_TYPE, ContentType.TEXT_PLAIN.toContentTypeString());
    }

    private static boolean countRequested(UriInfo uriInfo) {
        return uriInfo.getCountOption() != null && uriInfo.getCountOption().getValue();
    }

    private Query query(UriInfo uriInfo) throws ODataApplicationException {
        List<UriResource> parts = uriInfo.getUriResourceParts();
        if (parts.isEmpty()
                || !(parts.get(0) instanceof UriResourceEntitySet res)
                || !res.getKeyPredicates().isEmpty()) {
            throw FilterSql.badRequest("read whole entity sets (with $filter), not single entities");
        }
        for (SystemQueryOption o : new SystemQueryOption[] {
            uriInfo.getExpandOption(),
            uriInfo.getSearchOption(),
            uriInfo.getApplyOption(),
            uriInfo.getDeltaTokenOption()
        }) {
            if (o != null) {
                throw FilterSql.badRequest(o.getName() + " is not supported by this feed");
            }
        }
        String since = null;
        for (CustomQueryOption o : uriInfo.getCustomQueryOptions()) {
            if (UPDATED_SINCE.equals(o.getName())) {
                since = o.getText();
            }
        }
        String scope = SkipToken.digest(
                res.getEntitySet().getName(),
                uriInfo.getFilterOption() == null
                        ? ""
                        : uriInfo.getFilterOption().getText(),
                uriInfo.getOrderByOption() == null
                        ? ""
                        : uriInfo.getOrderByOption().getText(),
                since);
        return new Query(
                res.getEntitySet(),
                uriInfo.getTopOption() == null ? null : uriInfo.getTopOption().getValue(),
                uriInfo.getSkipOption() == null ? 0 : uriInfo.getSkipOption().getValue(),
                uriInfo.getSkipTokenOption() == null
                        ? null
                        : uriInfo.getSkipTokenOption().getValue(),
                since,
                scope);
    }

    private static FeedSet set(EdmEntitySet entitySet) {
        return FeedSets.ALL.stream()
                .filter(s -> s.name().equals(entitySet.getName()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no SQL for entity set " + entitySet.getName()));
    }

    /** {@code updatedSince} (RFC 3339): rows changed at or after it, for sets with an {@code updatedAt}. */
    private static Cond since(FeedSet set, String text) throws ODataApplicationException {
        if (text == null) {
            return null;
        }
        FeedProperty updated = set.updatedAt()
                .orElseThrow(() -> FilterSql.badRequest(
                        UPDATED_SINCE + " is not supported by " + set.name() + " (it has no updatedAt)"));
        try {
            OffsetDateTime at = OffsetDateTime.parse(text.strip());
            return new Cond(
                    updated.sql() + " >= CAST(? AS timestamptz)", List.of(new Param(at.toString(), "timestamptz")));
        } catch (DateTimeParseException e) {
            throw FilterSql.badRequest(UPDATED_SINCE + " must be an RFC 3339 instant, e.g. 2025-01-01T00:00:00Z");
        }
    }

    /** {@code $orderby} on non-null properties, then the key (a unique order, so keyset paging is exact). */
    private static List<Order> order(FeedSet set, UriInfo uriInfo) throws ODataApplicationException {
        List<Order> order = new ArrayList<>();
        if (uriInfo.getOrderByOption() != null) {
            for (OrderByItem item : uriInfo.getOrderByOption().getOrders()) {
                if (!(item.getExpression() instanceof Member m)) {
                    throw FilterSql.badRequest("$orderby: only properties");
                }
                FeedProperty p = FilterSql.property(set, m.getResourcePath(), "$orderby");
                if (!p.sortable()) {
                    throw FilterSql.badRequest("$orderby: " + p.name()
                            + " may be missing and cannot be ordered by (pages continue after the last row's values)");
                }
                if (order.stream().noneMatch(o -> o.property().equals(p))) {
                    order.add(new Order(p, item.isDescending()));
                }
            }
        }
        for (String key : set.keys()) {
            FeedProperty p = set.require(key);
            if (order.stream().noneMatch(o -> o.property().equals(p))) {
                order.add(new Order(p, false));
            }
        }
        return order;
    }

    /** The page size: the configured one, or the client's smaller {@code odata.maxpagesize}. */
    private int pageSize(ODataRequest request, ODataResponse response) {
        Integer asked =
                odata.createPreferences(request.getHeaders(HttpHeader.PREFER)).getMaxPageSize();
        if (asked != null && asked > 0 && asked < pageSize) {
            response.setHeader(HttpHeader.PREFERENCE_APPLIED, "odata.maxpagesize=" + asked);
            return asked;
        }
        return pageSize;
    }

    /**
     * The request again without {@code $skip} and {@code $skiptoken}, {@code $top} reduced by the rows
     * handed out, and a skip token after the last row.
     */
    private static URI nextLink(ODataRequest request, Query q, int handedOut, List<String> values) {
        StringBuilder query = new StringBuilder();
        String raw = request.getRawQueryPath();
        if (raw != null && !raw.isEmpty()) {
            for (String part : raw.split("&")) {
                String name = URLDecoder.decode(part.split("=", 2)[0], StandardCharsets.UTF_8);
                if (name.equals("$skip") || name.equals("$skiptoken") || name.equals("$top") || part.isEmpty()) {
                    continue;
                }
                query.append(query.isEmpty() ? "" : "&").append(part);
            }
        }
        if (q.top() != null) {
            query.append(query.isEmpty() ? "" : "&").append("%24top=").append(q.top() - handedOut);
        }
        query.append(query.isEmpty() ? "" : "&")
                .append("%24skiptoken=")
                .append(new SkipToken(q.tokenScope(), values).encode());
        return URI.create(request.getRawBaseUri() + request.getRawODataPath() + "?" + query);
    }

    /** The context URL of a page: the set and the {@code $select} list. */
    private ContextURL contextUrl(ODataRequest request, UriInfo uriInfo, EdmEntitySet entitySet)
            throws ODataLibraryException {
        String selectList = odata.createUriHelper()
                .buildContextURLSelectList(entitySet.getEntityType(), null, uriInfo.getSelectOption());
        return ContextURL.with()
                .serviceRoot(URI.create(request.getRawBaseUri() + "/"))
                .entitySet(entitySet)
                .selectList(selectList)
                .build();
    }

    private void serialize(
            ODataRequest request,
            ODataResponse response,
            UriInfo uriInfo,
            ContentType format,
            EdmEntitySet entitySet,
            EntityCollection collection)
            throws ODataLibraryException {
        EntityCollectionSerializerOptions options = EntityCollectionSerializerOptions.with()
                .contextURL(contextUrl(request, uriInfo, entitySet))
                .select(uriInfo.getSelectOption())
                .count(uriInfo.getCountOption())
                .id(request.getRawBaseUri() + "/" + entitySet.getName())
                .build();
        response.setContent(odata.createSerializer(format)
                .entityCollection(metadata, entitySet.getEntityType(), collection, options)
                .getContent());
        response.setStatusCode(HttpStatusCode.OK.getStatusCode());
        response.setHeader(HttpHeader.CONTENT_TYPE, format.toContentTypeString());
    }
}
