package se.kvalitet.web;

import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a collection with the total, as the DIGG REST profile asks. */
@Schema(name = "Page")
public record Page<T>(
        @Schema(description = "The items of this page") List<T> items,
        @Schema(description = "Page number, from 1") int page,
        @Schema(description = "Page size") int limit,

        @Schema(description = "Number of items in the whole collection")
        long total) {

    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(items.stream().map(f).toList(), page, limit, total);
    }
}
