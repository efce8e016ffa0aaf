package se.kvalitet.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** {@code limit} (default 20, max 500) and {@code page} (from 1); use with {@code @BeanParam @Valid}. */
public class PageParams {

    @QueryParam("limit")
    @DefaultValue("20")
    @Min(1)
    @Max(500)
    @Parameter(description = "Page size, 1-500 (default 20)")
    public int limit = 20;

    @QueryParam("page")
    @DefaultValue("1")
    @Min(1)
    @Max(1_000_000)
    @Parameter(description = "Page number, from 1 (default 1)")
    public int page = 1;

    public int offset() {
        return (page - 1) * limit;
    }
}
