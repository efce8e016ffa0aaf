package se.kvalitet.followup.odata;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The query options of the OData feed, declared so the suite's check of unknown query parameters lets them
 * through and the OpenAPI document lists them; Olingo reads them from the raw query.
 */
public class ODataQueryParams {

    @Parameter(description = "OData $filter: eq ne gt ge lt le, in, and or not, startswith contains endswith, null")
    @QueryParam("$filter")
    String filter;

    @Parameter(description = "OData $select: properties, comma-separated")
    @QueryParam("$select")
    String select;

    @Parameter(description = "OData $orderby: properties that are never missing, asc/desc")
    @QueryParam("$orderby")
    String orderby;

    @Parameter(description = "OData $top")
    @QueryParam("$top")
    String top;

    @Parameter(description = "OData $skip (first page only; the next link continues by $skiptoken)")
    @QueryParam("$skip")
    String skip;

    @Parameter(description = "OData $count=true: @odata.count with the rows over all pages")
    @QueryParam("$count")
    String count;

    @Parameter(description = "The position of the next page, from @odata.nextLink (opaque)")
    @QueryParam("$skiptoken")
    String skiptoken;

    @Parameter(description = "OData $format: json (default) or xml for $metadata")
    @QueryParam("$format")
    String format;

    @Parameter(description = "Not supported by this feed: a 400")
    @QueryParam("$expand")
    String expand;

    @Parameter(description = "Not supported by this feed: a 400")
    @QueryParam("$search")
    String search;

    @Parameter(description = "Not supported by this feed: a 400")
    @QueryParam("$apply")
    String apply;

    @Parameter(
            description = "Incremental refresh: rows changed at or after this instant (RFC 3339); sets with updatedAt")
    @QueryParam(FeedProcessor.UPDATED_SINCE)
    String updatedSince;
}
