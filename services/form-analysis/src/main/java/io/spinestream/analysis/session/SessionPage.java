package io.spinestream.analysis.session;

import java.util.List;

/** A page of a wearer's sessions, newest first; {@code nextCursor} is null on the last page. */
public record SessionPage(List<SessionView> items, String nextCursor) {
}
