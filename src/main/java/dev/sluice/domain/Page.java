package dev.sluice.domain;

import java.util.List;

/** One page of records in key order; {@code nextAfter} is the key to continue after, or null on the last page. */
public record Page<T>(List<T> items, String nextAfter) {

    public Page {
        items = List.copyOf(items);
    }
}
