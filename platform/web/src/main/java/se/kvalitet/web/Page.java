package se.kvalitet.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of a collection with its total, as the DIGG REST profile asks.
 *
 * <p>A list whose collection grows with history (issue 20) may bound its total: it counts up to a cap and
 * says so with {@code totalExact = false} ({@code total} is then a lower bound), and it may hand out an opaque
 * {@code nextCursor} for keyset pages whose cost does not grow with the collection. Every other list has an
 * exact total and no cursor.
 */
@Schema(name = "Page")
public record Page<T>(
        @Schema(description = "The items of this page") List<T> items,

        @Schema(description = "Page number, from 1 (1 on a page reached with a cursor)")
        int page,

        @Schema(description = "Page size") int limit,

        @Schema(
                description = "Number of items in the whole collection; where totalExact is false, a lower bound "
                        + "(the collection holds at least this many)")
        long total,

        @Schema(
                description = "true: total is the exact number of items; false: the list counted up to its cap and "
                        + "total is that cap (there are more)")
        boolean totalExact,

        @Schema(
                description = "Where the list offers keyset pages: an opaque cursor for the page after this one, to be "
                        + "sent as the cursor parameter with the same filters; absent on the last page")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        String nextCursor) {

    /** A page with an exact total and no cursor. */
    public Page(List<T> items, int page, int limit, long total) {
        this(items, page, limit, total, true, null);
    }

    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(items.stream().map(f).toList(), page, limit, total, totalExact, nextCursor);
    }
}
