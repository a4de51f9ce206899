package io.spinestream.journal.wearer;

import io.spinestream.journal.shared.RandomIds;

/**
 * The ids the journal gives wearers: {@code w-} and 26 lowercase base32 characters (RFC 4648,
 * {@code a-z2-7}) of 128 random bits ({@link RandomIds}). Random rather than chosen by a client, so that
 * an id says nothing about who holds which, can't be guessed, and never collides across clinics — the
 * platform uses it everywhere as the wearer's key (wearer-profile events, belt assignments, the
 * {@code sub} of the wearer's tokens).
 */
public final class WearerIds {

    private static final String PREFIX = "w-";

    /** What every id this class makes matches. */
    public static final String PATTERN = PREFIX + RandomIds.RANDOM_PART;

    private WearerIds() {
    }

    public static String next() {
        return RandomIds.next(PREFIX);
    }
}
