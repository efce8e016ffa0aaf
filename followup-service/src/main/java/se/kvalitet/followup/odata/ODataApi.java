package se.kvalitet.followup.odata;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The shapes of the feed's answers, for the OpenAPI document (the feed itself is written by Olingo). */
public final class ODataApi {

    static final String JSON = "application/json;odata.metadata=minimal";
    static final String XML = "application/xml";

    private ODataApi() {}

    /** One page of an entity set (OData JSON format, minimal metadata). */
    @Schema(name = "ODataPage", description = "A page of an entity set in OData JSON format (odata.metadata=minimal)")
    public static class Page {
        @Schema(
                name = "@odata.context",
                required = true,
                description = "The context URL: $metadata#<set>[(<selected properties>)]")
        public String context;

        @Schema(
                name = "@odata.count",
                description = "With $count=true: how many rows the filter lets through, over all pages")
        public Long count;

        @Schema(
                name = "@odata.nextLink",
                description =
                        "Server-driven paging: the URL of the next page (keyset $skiptoken); absent on the last page")
        public String nextLink;

        @Schema(
                required = true,
                description =
                        "The rows: the properties of the set's entity type as $metadata declares them (all, or those of $select)")
        public List<Map<String, Object>> value;
    }

    /** The service document. */
    @Schema(name = "ODataServiceDocument", description = "The OData service document: the entity sets")
    public static class ServiceDocument {
        @Schema(name = "@odata.context", required = true)
        public String context;

        @Schema(required = true, description = "One entry per entity set: name, kind (EntitySet), url")
        public List<Map<String, Object>> value;
    }
}
