package io.spinestream.events.cloudevents;

import io.spinestream.events.EventType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Event ids derived from what caused the event, so that an event raised again for the same
 * cause (a redelivered batch, a restarted stream task) has the same id and consumers can drop
 * it as a duplicate.
 */
public final class EventIds {

    /** Namespace of all spinestream name-based ids (a fixed, random UUID). */
    public static final UUID NAMESPACE = UUID.fromString("5c7e0f6a-3b2d-4c71-9a8e-2f4d6b1c9e03");

    private EventIds() {
    }

    /**
     * The id of an event of {@code type} caused by {@code cause}: {@link #deterministic} of the
     * type string followed by the cause, so different kinds of events from one cause differ.
     * The recipes per type are in docs/events.md.
     */
    public static String of(EventType type, String... cause) {
        String[] parts = new String[cause.length + 1];
        parts[0] = type.type();
        System.arraycopy(cause, 0, parts, 1, cause.length);
        return deterministic(parts);
    }

    /**
     * A name-based (version 5, SHA-1) UUID of the parts, e.g.
     * {@code deterministic("alert", beltId, Long.toString(seq), code)}. Each part is
     * length-prefixed, so {@code ("a|b", "c")} and {@code ("a", "b|c")} give different ids.
     */
    public static String deterministic(String... parts) {
        if (parts == null || parts.length == 0) {
            throw new IllegalArgumentException("at least one part is required");
        }
        MessageDigest sha1 = sha1();
        sha1.update(toBytes(NAMESPACE));
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] == null) {
                throw new IllegalArgumentException("part " + i + " is null");
            }
            byte[] bytes = parts[i].getBytes(StandardCharsets.UTF_8);
            sha1.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
            sha1.update(bytes);
        }
        byte[] hash = sha1.digest();
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        ByteBuffer buffer = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(buffer.getLong(), buffer.getLong()).toString();
    }

    private static byte[] toBytes(UUID uuid) {
        return ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array();
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }
}
