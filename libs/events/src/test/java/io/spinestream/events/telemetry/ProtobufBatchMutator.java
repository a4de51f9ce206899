package io.spinestream.events.telemetry;

import io.spinestream.events.telemetry.JsonBatchMutator.Input;
import io.spinestream.events.telemetry.proto.Channels;
import io.spinestream.events.telemetry.proto.TelemetryBatch;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Fuzz inputs for the Protobuf decoder: random bytes, and valid batches written field by field on the wire
 * (so that the wire itself can be bent: wrong wire types, huge or overlong lengths and varints, groups, unknown
 * and repeated fields) or with their bytes mutated.
 */
public final class ProtobufBatchMutator {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LEN = 2;
    static final int START_GROUP = 3;
    static final int END_GROUP = 4;
    static final int FIXED32 = 5;

    /** One field on the wire: its number, wire type, and the bytes after the tag (a LEN field's length included). */
    record WireField(int number, int wireType, byte[] body) {

        static WireField varint(int number, long value) {
            return new WireField(number, VARINT, varintBytes(value));
        }

        static WireField bytes(int number, byte[] content) {
            return new WireField(number, LEN, JsonBatchMutator.concat(varintBytes(content.length), content));
        }

        static WireField fixed32(int number, float value) {
            return new WireField(number, FIXED32, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value).array());
        }
    }

    private static final List<byte[]> SPECIAL = List.of(
            varintBytes(Integer.MAX_VALUE), varintBytes(-1), new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                    (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01},
            new byte[] {0x00}, new byte[] {(byte) 0x80}, new byte[] {0x0B}, new byte[] {0x0C}, new byte[] {0x42, 0x7F},
            new byte[] {(byte) 0xC0, (byte) 0x80}, new byte[] {(byte) 0xFF, (byte) 0xFE});
    private static final List<Float> ODD_FLOATS = List.of(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            -0f, Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, 360.00003f, -360.00003f, 1.0000001f, -1e-45f,
            Float.intBitsToFloat(0x7FC00001));
    private static final List<Long> ODD_LONGS = List.of(Long.MIN_VALUE, Long.MAX_VALUE, -1L, 0L, (long) Integer.MAX_VALUE + 1,
            RandomBatches.FIRST_MS - 1, RandomBatches.LAST_MS + 1, 4294967346L, 401L, -62135596800001L);

    private ProtobufBatchMutator() {
    }

    public static Input next(Random r) {
        int kind = r.nextInt(100);
        if (kind < 4) {
            byte[] bytes = new byte[r.nextInt(600)];
            r.nextBytes(bytes);
            return new Input("random bytes", bytes, false);
        }
        TelemetryBatch batch = RandomBatches.valid(r);
        if (kind < 10) {
            return new Input("valid batch", batch.toByteArray(), true);
        }
        List<WireField> fields = wire(batch, r);
        if (kind < 16) {
            return new Input("valid batch, written field by field", encode(fields), true);
        }
        if (kind < 20) {
            fields.add(r.nextInt(fields.size() + 1), unknownField(r));
            return new Input("valid batch with an unknown field", encode(fields), true);
        }
        if (kind < 60) {
            List<String> done = new ArrayList<>();
            for (int i = 1 + r.nextInt(3); i > 0; i--) {
                done.add(mutate(fields, r));
            }
            return new Input("wire: " + String.join("; ", done), encode(fields), false);
        }
        byte[] bytes = batch.toByteArray();
        if (kind < 65) {
            byte[] other = RandomBatches.valid(r).toByteArray();
            int cut = r.nextInt(bytes.length + 1);
            int from = r.nextInt(other.length + 1);
            return new Input("splice at " + cut + " with another batch from " + from,
                    JsonBatchMutator.concat(JsonBatchMutator.slice(bytes, 0, cut), JsonBatchMutator.slice(other, from, other.length)),
                    false);
        }
        List<String> done = new ArrayList<>();
        for (int i = 1 + r.nextInt(4); i > 0; i--) {
            JsonBatchMutator.MutatedBytes m = ByteMutations.mutate(bytes, r, SPECIAL);
            bytes = m.bytes();
            done.add(m.what());
        }
        return new Input("bytes: " + String.join("; ", done), bytes, false);
    }

    /** The batch as wire fields in a random order (Protobuf readers take fields in any order). */
    static List<WireField> wire(TelemetryBatch b, Random r) {
        List<WireField> fields = new ArrayList<>();
        fields.add(WireField.bytes(1, b.getBeltId().getBytes(StandardCharsets.UTF_8)));
        fields.add(WireField.varint(2, b.getSeq()));
        fields.add(WireField.varint(3, b.getStartedAtMs()));
        fields.add(WireField.varint(4, b.getRateHz()));
        if (!b.getActivity().isEmpty()) {
            fields.add(WireField.bytes(5, b.getActivity().getBytes(StandardCharsets.UTF_8)));
        }
        if (!b.getFirmware().isEmpty()) {
            fields.add(WireField.bytes(6, b.getFirmware().getBytes(StandardCharsets.UTF_8)));
        }
        if (b.hasBattery()) {
            fields.add(WireField.fixed32(7, b.getBattery()));
        }
        fields.add(WireField.bytes(8, encode(channels(b.getChannels(), r))));
        Collections.shuffle(fields, r);
        return fields;
    }

    private static List<WireField> channels(Channels c, Random r) {
        List<WireField> fields = new ArrayList<>();
        for (TelemetryChannel channel : TelemetryChannel.all()) {
            int count = channel.count(c);
            if (count == 0) {
                continue;
            }
            int number = channel.ordinal() + 1;
            if (r.nextInt(8) == 0) {
                // unpacked: every reader must accept it for a packed repeated field
                for (int i = 0; i < count; i++) {
                    fields.add(WireField.fixed32(number, channel.get(c, i)));
                }
            } else {
                ByteBuffer packed = ByteBuffer.allocate(4 * count).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < count; i++) {
                    packed.putFloat(channel.get(c, i));
                }
                fields.add(WireField.bytes(number, packed.array()));
            }
        }
        return fields;
    }

    private static String mutate(List<WireField> fields, Random r) {
        if (fields.isEmpty()) {
            fields.add(unknownField(r));
            return "unknown field into an empty message";
        }
        int at = r.nextInt(fields.size());
        WireField field = fields.get(at);
        switch (r.nextInt(12)) {
            case 0 -> {
                fields.remove(at);
                return "removed field " + field.number();
            }
            case 1 -> {
                fields.add(r.nextInt(fields.size() + 1), field);
                return "repeated field " + field.number();
            }
            case 2 -> {
                int wireType = JsonBatchMutator.pick(List.of(VARINT, FIXED64, LEN, FIXED32, START_GROUP, END_GROUP, 6, 7), r);
                fields.set(at, new WireField(field.number(), wireType, field.body()));
                return "field " + field.number() + " with wire type " + wireType;
            }
            case 3 -> {
                byte[] content = new byte[r.nextInt(16)];
                r.nextBytes(content);
                long length = JsonBatchMutator.pick(List.of((long) Integer.MAX_VALUE, -1L, 1L << 40, (long) content.length + 1,
                        (long) content.length + 100_000, Long.MAX_VALUE), r);
                fields.set(at, new WireField(field.number(), LEN, JsonBatchMutator.concat(varintBytes(length), content)));
                return "field " + field.number() + " declares length " + length;
            }
            case 4 -> {
                long value = JsonBatchMutator.pick(ODD_LONGS, r);
                fields.set(at, WireField.varint(JsonBatchMutator.pick(List.of(2, 3, 4), r), value));
                return "varint " + value + " for field " + fields.get(at).number();
            }
            case 5 -> {
                byte[] overlong = new byte[11 + r.nextInt(3)];
                java.util.Arrays.fill(overlong, (byte) 0x80);
                overlong[overlong.length - 1] = 0x01;
                fields.set(at, new WireField(field.number(), VARINT, overlong));
                return "overlong varint for field " + field.number();
            }
            case 6 -> {
                float value = JsonBatchMutator.pick(ODD_FLOATS, r);
                int number = 1 + r.nextInt(8);
                if (r.nextBoolean()) {
                    fields.add(WireField.fixed32(7, value));
                    return "battery " + value;
                }
                fields.add(WireField.bytes(8, encode(List.of(WireField.bytes(number,
                        ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value).array())))));
                return "channel " + number + " gets a sample " + value + " (merged into channels)";
            }
            case 7 -> {
                byte[] content = new byte[1 + r.nextInt(7) * 4 + 1 + r.nextInt(3)];
                r.nextBytes(content);
                fields.add(WireField.bytes(8, encode(List.of(WireField.bytes(1 + r.nextInt(8), content)))));
                return "packed channel of " + content.length + " bytes";
            }
            case 8 -> {
                int number = JsonBatchMutator.pick(List.of(0, 1 << 29, (1 << 29) - 1, 19000, 8), r);
                fields.add(at, new WireField(number, LEN, JsonBatchMutator.concat(varintBytes(1), new byte[] {0})));
                return "field number " + number;
            }
            case 9 -> {
                int depth = JsonBatchMutator.pick(List.of(2, 99, 100, 101, 10_000), r);
                fields.add(at, deepGroups(depth, r.nextBoolean()));
                return "unknown nesting " + depth + " deep";
            }
            case 10 -> {
                byte[] bad = JsonBatchMutator.pick(List.of(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC0, (byte) 0x80},
                        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "SB-000123\u0000".getBytes(StandardCharsets.UTF_8),
                        "\uD83D\uDE80".repeat(33).getBytes(StandardCharsets.UTF_8), new byte[0]), r);
                int number = JsonBatchMutator.pick(List.of(1, 5, 6), r);
                fields.add(WireField.bytes(number, bad));
                return "string field " + number + " of " + bad.length + " odd bytes";
            }
            default -> {
                int count = JsonBatchMutator.pick(List.of(0, 2001, 100_000), r);
                ByteBuffer packed = ByteBuffer.allocate(4 * count).order(ByteOrder.LITTLE_ENDIAN);
                fields.add(WireField.bytes(8, encode(List.of(WireField.bytes(1 + r.nextInt(8), packed.array())))));
                return "a channel of " + count + " more samples";
            }
        }
    }

    private static WireField unknownField(Random r) {
        int number = 9 + r.nextInt(1000);
        return switch (r.nextInt(4)) {
            case 0 -> WireField.varint(number, r.nextLong());
            case 1 -> WireField.fixed32(number, r.nextFloat());
            case 2 -> new WireField(number, FIXED64, new byte[8]);
            default -> WireField.bytes(number, "extension".getBytes(StandardCharsets.UTF_8));
        };
    }

    /** Groups (or length-delimited messages) of an unknown field nested {@code depth} levels deep. */
    private static WireField deepGroups(int depth, boolean groups) {
        int number = 15;
        if (groups) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < depth - 1; i++) {
                out.writeBytes(varintBytes((long) number << 3 | START_GROUP));
            }
            for (int i = 0; i < depth; i++) {
                out.writeBytes(varintBytes((long) number << 3 | END_GROUP));
            }
            return new WireField(number, START_GROUP, out.toByteArray());
        }
        byte[] content = new byte[0];
        // each level copies the levels within: kept to what shows the reader's recursion limit (100)
        for (int i = 0; i < Math.min(depth, 1000) - 1; i++) {
            content = encode(List.of(WireField.bytes(number, content)));
        }
        return WireField.bytes(number, content);
    }

    static byte[] encode(List<WireField> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (WireField f : fields) {
            out.writeBytes(varintBytes((long) f.number() << 3 | f.wireType()));
            out.writeBytes(f.body());
        }
        return out.toByteArray();
    }

    static byte[] varintBytes(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(10);
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
        return out.toByteArray();
    }
}
