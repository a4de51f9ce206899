package io.spinestream.journal.shared;

import org.apache.commons.codec.binary.Base32;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Ids the journal makes up: a prefix and 26 lowercase base32 characters (RFC 4648, {@code a-z2-7}) of
 * 128 random bits from {@link SecureRandom}. They say nothing about what they name, can't be guessed
 * and never collide.
 */
public final class RandomIds {

    /** What the random part of every id matches. */
    public static final String RANDOM_PART = "[a-z2-7]{26}";

    private static final int RANDOM_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base32 BASE32 = new Base32();

    private RandomIds() {
    }

    public static String next(String prefix) {
        byte[] bits = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bits);
        // 128 bits are 26 base32 characters and 6 of padding.
        String encoded = BASE32.encodeAsString(bits);
        return prefix + encoded.substring(0, encoded.indexOf('=')).toLowerCase(Locale.ROOT);
    }
}
