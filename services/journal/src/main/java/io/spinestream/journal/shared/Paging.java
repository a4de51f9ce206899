package io.spinestream.journal.shared;

import io.spinestream.journal.JournalConfig;
import io.spinestream.platform.problem.ProblemException;

/** The page size a list request asked for, within the configured bounds. */
public final class Paging {

    /** Bean Validation pattern of the {@code limit} query parameter. */
    public static final String LIMIT_PATTERN = "[1-9][0-9]{0,5}";

    private Paging() {
    }

    public static int pageSize(String limit, JournalConfig config) {
        int size = limit == null ? config.pageSize() : Integer.parseInt(limit);
        if (size > config.maxPageSize()) {
            throw ProblemException.invalidField("limit", "Max", "must be at most " + config.maxPageSize());
        }
        return size;
    }
}
