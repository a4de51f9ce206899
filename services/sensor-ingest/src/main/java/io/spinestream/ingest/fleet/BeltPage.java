package io.spinestream.ingest.fleet;

import java.util.List;

/** One page of belts, ordered by id; {@code nextCursor} is absent on the last page. */
public record BeltPage(List<BeltView> items, String nextCursor) {
}
