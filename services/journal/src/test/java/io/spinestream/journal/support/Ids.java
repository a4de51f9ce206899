package io.spinestream.journal.support;

import java.util.UUID;

/** Unique ids per test, so tests sharing one database and broker never see each other's data. */
public final class Ids {

    private Ids() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
