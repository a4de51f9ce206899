package io.spinestream.journal.erasure;

import io.spinestream.journal.shared.RandomIds;

/**
 * Erasure ids: {@code er-} and 26 lowercase base32 characters of 128 random bits ({@link RandomIds}).
 * Random rather than derived from the wearer, so that an id tells nothing about whom it erased.
 */
public final class ErasureIds {

    private static final String PREFIX = "er-";

    /** What every id this class makes matches. */
    public static final String PATTERN = PREFIX + RandomIds.RANDOM_PART;

    private ErasureIds() {
    }

    public static String next() {
        return RandomIds.next(PREFIX);
    }
}
