package io.spinestream.journal.wearer;

import org.apache.commons.codec.binary.Base32;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * The ids the journal gives wearers: {@code w-} and 26 lowercase base32 characters (RFC 4648,
 * {@code a-z2-7}) of 128 random bits. Random rather than chosen by a client, so that an id says
 * nothing about who holds which, can't be guessed, and never collides across clinics — the
 * platform uses it everywhere as the wearer's key (wearer-profile events, belt assignments, the
 * {@code sub} of the wearer's tokens).
 */
public final class WearerIds {

    /** What every id this class makes matches. */
    public static final String PATTERN = "w-[a-z2-7]{26}";

    private static final String PREFIX = "w-";
    private static final int RANDOM_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base32 BASE32 = new Base32();

    private WearerIds() {
    }

    public static String next() {
        byte[] bits = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bits);
        // 128 bits are 26 base32 characters and 6 of padding.
        String encoded = BASE32.encodeAsString(bits);
        return PREFIX + encoded.substring(0, encoded.indexOf('=')).toLowerCase(Locale.ROOT);
    }
}
