package se.kvalitet.followup.odata;

import java.util.List;
import java.util.Optional;

/**
 * An entity set of the feed that is one SQL query: {@code SELECT <properties> FROM <from> WHERE <where>
 * [GROUP BY <groupBy>]}. Its key properties are its default order and the tail of every order, so a
 * page ends at a unique row and the next page starts after it (keyset).
 */
public record FeedSet(
        String name,
        String typeName,
        List<FeedProperty> properties,
        List<String> keys,
        String from,
        String where,
        String groupBy) {

    Optional<FeedProperty> property(String name) {
        return properties.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    FeedProperty require(String name) {
        return property(name).orElseThrow(() -> new IllegalArgumentException(name));
    }

    int indexOf(String name) {
        for (int i = 0; i < properties.size(); i++) {
            if (properties.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name);
    }

    /** The property incremental refresh ({@code updatedSince}) compares with, if the set has one. */
    Optional<FeedProperty> updatedAt() {
        return property("updatedAt");
    }
}
