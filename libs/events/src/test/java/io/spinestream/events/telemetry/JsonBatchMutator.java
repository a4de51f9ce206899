package io.spinestream.events.telemetry;

import io.spinestream.events.telemetry.proto.Channels;
import io.spinestream.events.telemetry.proto.TelemetryBatch;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Fuzz inputs for the JSON decoder: random bytes, and valid batches (written in any of JSON's equivalent
 * spellings) with their structure or their bytes mutated. Each input comes from a {@link Random} alone, so a
 * seed reproduces it.
 */
public final class JsonBatchMutator {

    /** A fuzz input: what was done to it, in words, and its bytes; {@code valid}: nothing that breaks a rule. */
    public record Input(String description, byte[] bytes, boolean valid) {
    }

    // --- a small JSON tree that can say what a Map cannot: duplicate keys, raw (also invalid) tokens ----------

    sealed interface Node permits Obj, Arr, Str, Raw {
    }

    record Field(String name, Node value) {
    }

    record Obj(List<Field> fields) implements Node {
    }

    record Arr(List<Node> items) implements Node {
    }

    /** A string; {@code escaped}: non-ASCII written as {@code \}{@code uXXXX}. */
    record Str(String value, boolean escaped) implements Node {
    }

    /** A token written as is: a number, {@code true}, {@code null}, or something no JSON allows. */
    record Raw(String token) implements Node {
    }

    private static final List<String> EXTREME_NUMBERS = List.of("1e999999999", "-1e999999999", "1e-999999999",
            "1.5e-999999999", "-1.5e999999999", "123456789012345678901234567890", "9223372036854775807",
            "9223372036854775808", "-9223372036854775809", "-1", "-0", "-0.0", "0.5", "0e0", "1E+2", "400.0000000001",
            "400.00000000000000000001", "360.00001", "-360.0001", "3.4028235e38", "3.4028236e38", "1e39", "-1e39",
            "1.4e-45", "1e-46", "2147483648", "-2147483649", "1" + "0".repeat(1200), "0." + "0".repeat(1200) + "1");
    private static final List<String> INVALID_TOKENS = List.of("NaN", "Infinity", "-Infinity", "+1", "01", ".5", "5.",
            "0x10", "1_000", "tru", "nul", "True", "undefined", "'x'", "1e", "--1", "1.2.3");
    private static final List<String> STRINGS = List.of("", " ", "sb-000123", "SB-000123\u0000", "SB 000123",
            "SB-\u0661\u0662\u0663", "SB-000123\n", "\uD800", "\uDFFF", "\u2028", "\uFEFFSB-000123", "unknown ",
            "Deadlift", "\uD83D\uDE80".repeat(33), "a".repeat(33), "x".repeat(100_000), "\\u0000", "null", "123", "true");
    private static final List<String> STARTED_ATS = List.of("2026-11-20T10:15:30.120Z", "2026-11-20t10:15:30z",
            "2026-11-20T10:15:30+00:00", "2026-11-20T10:15:30-00:00", "2026-11-20T10:15:30+01:00",
            "2026-11-20T10:15:30", "2026-11-20 10:15:30Z", "2026-11-20T10:15:60Z", "2026-11-20T24:00:00Z",
            "2026-02-30T10:15:30Z", "2026-13-01T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
            "+12026-11-20T10:15:30Z", "-0001-11-20T10:15:30Z", "2026-11-20T10:15:30." + "9".repeat(40) + "Z",
            "2026-11-20T10:15:30.Z", "1763633730120", "", "2026-11-20T10:15:30.120Z ", "２０２６-11-20T10:15:30Z",
            "2026-11-20T10:15:30.120\u0000Z");
    private static final List<Charset> OTHER_CHARSETS = List.of(StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE,
            StandardCharsets.UTF_16, Charset.forName("UTF-32BE"), Charset.forName("UTF-32LE"),
            StandardCharsets.ISO_8859_1);
    private static final List<byte[]> BAD_UTF8 = List.of(new byte[] {(byte) 0xC0, (byte) 0x80},
            new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xE2, 0x28},
            new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0x80},
            new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonBatchMutator() {
    }

    public static Input next(Random r) {
        int kind = r.nextInt(100);
        if (kind < 4) {
            byte[] bytes = new byte[r.nextInt(600)];
            r.nextBytes(bytes);
            return new Input("random bytes", bytes, false);
        }
        if (kind < 8) {
            return new Input("token soup", tokenSoup(r), false);
        }
        TelemetryBatch batch = RandomBatches.valid(r);
        Obj tree = tree(batch, r);
        if (kind < 16) {
            return new Input("valid batch", write(tree, r), true);
        }
        if (kind < 20) {
            Obj withExtension = tree(batch, r);
            withExtension.fields().add(r.nextInt(withExtension.fields().size() + 1),
                    new Field("x-extension-" + r.nextInt(100), extension(r, 0)));
            return new Input("valid batch with an unknown field", write(withExtension, r), true);
        }
        if (kind < 65) {
            List<String> done = new ArrayList<>();
            int mutations = 1 + r.nextInt(3);
            for (int i = 0; i < mutations; i++) {
                done.add(mutate(tree, r));
            }
            return new Input("structure: " + String.join("; ", done), write(tree, r), false);
        }
        byte[] bytes = write(tree, r);
        if (kind < 70) {
            return new Input("re-encoded", new String(bytes, StandardCharsets.UTF_8)
                    .getBytes(OTHER_CHARSETS.get(r.nextInt(OTHER_CHARSETS.size()))), false);
        }
        if (kind < 75) {
            byte[] other = write(tree(RandomBatches.valid(r), r), r);
            int cut = r.nextInt(bytes.length + 1);
            int from = r.nextInt(other.length + 1);
            return new Input("splice at " + cut + " with another batch from " + from,
                    concat(slice(bytes, 0, cut), slice(other, from, other.length)), false);
        }
        List<String> done = new ArrayList<>();
        int mutations = 1 + r.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            MutatedBytes m = ByteMutations.mutate(bytes, r, BAD_UTF8);
            bytes = m.bytes();
            done.add(m.what());
        }
        return new Input("bytes: " + String.join("; ", done), bytes, false);
    }

    /** A byte-level mutation and what it was. */
    record MutatedBytes(byte[] bytes, String what) {
    }

    // --- the valid batch as a tree, in one of JSON's many spellings of it -------------------------------------

    static Obj tree(TelemetryBatch b, Random r) {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("beltId", new Str(b.getBeltId(), r.nextInt(4) == 0)));
        fields.add(new Field("seq", new Raw(integer(b.getSeq(), r))));
        fields.add(new Field("startedAt", new Str(startedAt(b.getStartedAtMs(), r), false)));
        fields.add(new Field("rateHz", new Raw(integer(b.getRateHz(), r))));
        if (!b.getActivity().isEmpty()) {
            fields.add(new Field("activity", new Str(b.getActivity(), r.nextBoolean())));
        } else if (r.nextInt(4) == 0) {
            fields.add(new Field("activity", new Raw("null")));
        }
        if (!b.getFirmware().isEmpty()) {
            fields.add(new Field("firmware", new Str(b.getFirmware(), r.nextBoolean())));
        }
        if (b.hasBattery()) {
            fields.add(new Field("battery", new Raw(decimal(b.getBattery(), r))));
        } else if (r.nextInt(4) == 0) {
            fields.add(new Field("battery", new Raw("null")));
        }
        List<Field> channels = new ArrayList<>();
        Channels c = b.getChannels();
        for (TelemetryChannel channel : TelemetryChannel.all()) {
            int count = channel.count(c);
            if (count > 0) {
                List<Node> samples = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    samples.add(new Raw(decimal(channel.get(c, i), r)));
                }
                channels.add(new Field(channel.jsonName(), new Arr(samples)));
            } else if (r.nextInt(4) == 0) {
                channels.add(new Field(channel.jsonName(), new Raw("null")));
            }
        }
        Collections.shuffle(channels, r);
        fields.add(new Field("channels", new Obj(channels)));
        Collections.shuffle(fields, r);
        return new Obj(fields);
    }

    private static String integer(long value, Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> value + ".0";
            case 1 -> new BigDecimal(value).movePointLeft(2).toString().replace("E+", "e") + "e2";
            case 2 -> value + ".000";
            default -> Long.toString(value);
        };
    }

    /** The float's exact value (within float precision) in one of the forms JSON allows. */
    private static String decimal(float value, Random r) {
        if (value == 0f && 1 / value < 0) {
            return r.nextBoolean() ? "-0.0" : "-0";
        }
        return switch (r.nextInt(5)) {
            case 0 -> new BigDecimal(value).toPlainString();
            case 1 -> new BigDecimal(Float.toString(value)).toString().replace("E+", "e+");
            case 2 -> new BigDecimal(Float.toString(value)).stripTrailingZeros().toEngineeringString();
            default -> Float.toString(value).replace("E", r.nextBoolean() ? "e" : "E");
        };
    }

    private static String startedAt(long ms, Random r) {
        String z = TelemetryJson.formatStartedAt(ms);
        return switch (r.nextInt(6)) {
            case 0 -> z.replace("Z", "+00:00");
            case 1 -> z.replace("Z", "z").replace("T", "t");
            case 2 -> z.replace("Z", r.nextInt(10) + "99999Z"); // finer than milliseconds: truncated
            default -> z;
        };
    }

    // --- structural mutations ---------------------------------------------------------------------------------

    private static String mutate(Obj batch, Random r) {
        Obj target = batch;
        String where = "";
        Field channels = batch.fields().stream().filter(f -> f.name().equals("channels") && f.value() instanceof Obj)
                .findFirst().orElse(null);
        if (channels != null && r.nextBoolean() && !((Obj) channels.value()).fields().isEmpty()) {
            target = (Obj) channels.value();
            where = "channels.";
        }
        if (target.fields().isEmpty()) {
            target.fields().add(new Field("beltId", junk(r, 0)));
            return "added beltId to an empty object";
        }
        int at = r.nextInt(target.fields().size());
        Field field = target.fields().get(at);
        String name = where + field.name();
        switch (r.nextInt(10)) {
            case 0 -> {
                target.fields().remove(at);
                return "removed " + name;
            }
            case 1 -> {
                target.fields().add(r.nextInt(target.fields().size() + 1), new Field(field.name(),
                        r.nextBoolean() ? field.value() : junk(r, 0)));
                return "duplicated " + name;
            }
            case 2 -> {
                target.fields().set(at, new Field(field.name(), junk(r, 0)));
                return "wrong type for " + name;
            }
            case 3 -> {
                target.fields().set(at, new Field(field.name(), new Raw(pick(EXTREME_NUMBERS, r))));
                return "extreme number for " + name;
            }
            case 4 -> {
                target.fields().set(at, new Field(field.name(), new Str(pick(STRINGS, r), r.nextBoolean())));
                return "odd string for " + name;
            }
            case 5 -> {
                target.fields().set(at, new Field(field.name(), new Raw(pick(INVALID_TOKENS, r))));
                return "invalid token for " + name;
            }
            case 6 -> {
                target.fields().set(at, new Field(field.name(), deep(r)));
                return "deep nesting for " + name;
            }
            case 7 -> {
                Field startedAt = new Field("startedAt", new Str(pick(STARTED_ATS, r), false));
                batch.fields().removeIf(f -> f.name().equals("startedAt"));
                batch.fields().add(startedAt);
                return "startedAt " + ((Str) startedAt.value()).value();
            }
            case 8 -> {
                if (field.value() instanceof Arr samples) {
                    return name + ": " + mutateSamples(samples, r);
                }
                target.fields().set(at, new Field(field.name(), new Arr(new ArrayList<>(List.of(junk(r, 0))))));
                return "array for " + name;
            }
            default -> {
                target.fields().set(at, new Field(field.name().toUpperCase(java.util.Locale.ROOT), field.value()));
                return "renamed " + name + " in capitals";
            }
        }
    }

    private static String mutateSamples(Arr samples, Random r) {
        List<Node> items = samples.items();
        switch (r.nextInt(6)) {
            case 0 -> {
                items.clear();
                return "emptied";
            }
            case 1 -> {
                Node last = items.isEmpty() ? new Raw("1") : items.get(items.size() - 1);
                while (items.size() <= 2000) {
                    items.add(last);
                }
                return "grown to 2001 samples";
            }
            case 2 -> {
                if (!items.isEmpty()) {
                    items.remove(r.nextInt(items.size()));
                }
                return "one sample fewer";
            }
            case 3 -> {
                items.add(r.nextInt(items.size() + 1), new Raw("0"));
                return "one sample more";
            }
            default -> {
                int at = items.isEmpty() ? 0 : r.nextInt(items.size());
                Node bad = r.nextBoolean() ? new Raw(pick(EXTREME_NUMBERS, r)) : junk(r, 0);
                if (items.isEmpty()) {
                    items.add(bad);
                } else {
                    items.set(at, bad);
                }
                return "sample " + at + " replaced";
            }
        }
    }

    /** Any JSON value of any type, sometimes nested. */
    private static Node junk(Random r, int depth) {
        return switch (r.nextInt(depth > 3 ? 5 : 7)) {
            case 0 -> new Raw("null");
            case 1 -> new Raw(r.nextBoolean() ? "true" : "false");
            case 2 -> new Raw(pick(EXTREME_NUMBERS, r));
            case 3 -> new Raw(Integer.toString(r.nextInt(1000) - 500));
            case 4 -> new Str(pick(STRINGS, r), r.nextBoolean());
            case 5 -> {
                List<Node> items = new ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    items.add(junk(r, depth + 1));
                }
                yield new Arr(items);
            }
            default -> {
                List<Field> fields = new ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    fields.add(new Field(pick(List.of("beltId", "seq", "trunkPitch", "a", ""), r), junk(r, depth + 1)));
                }
                yield new Obj(fields);
            }
        };
    }

    /**
     * What a newer belt might add: any JSON the decoder reads, so no key twice in an object and no number longer
     * than Jackson's 1000 characters (both refused wherever they are, as TelemetryJson documents).
     */
    private static Node extension(Random r, int depth) {
        return switch (r.nextInt(depth > 3 ? 4 : 6)) {
            case 0 -> new Raw("null");
            case 1 -> new Raw(pick(List.of("true", "-1.5e300", "1e999999999", "123456789012345678901234567890", "-0"), r));
            case 2 -> new Str(pick(List.of("", "x".repeat(10_000), "\uD83D\uDE80", "é"), r), r.nextBoolean());
            case 3 -> new Raw(Integer.toString(r.nextInt(1000) - 500));
            case 4 -> {
                List<Node> items = new ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    items.add(extension(r, depth + 1));
                }
                yield new Arr(items);
            }
            default -> {
                List<Field> fields = new ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    fields.add(new Field(List.of("beltId", "seq", "trunkPitch", "a").get(i - 1), extension(r, depth + 1)));
                }
                yield new Obj(fields);
            }
        };
    }

    /** Arrays or objects nested up to 100 000 levels deep. */
    private static Node deep(Random r) {
        int depth = pick(List.of(2, 999, 1000, 1001, 5000, 100_000), r);
        Node node = new Raw("1");
        boolean arrays = r.nextBoolean();
        for (int i = 0; i < depth; i++) {
            node = arrays ? new Arr(new ArrayList<>(List.of(node))) : new Obj(new ArrayList<>(List.of(new Field("a", node))));
        }
        return node;
    }

    private static byte[] tokenSoup(Random r) {
        List<String> tokens = List.of("{", "}", "[", "]", ",", ":", "\"beltId\"", "\"seq\"", "\"channels\"",
                "\"trunkPitch\"", "1", "-1.5e3", "null", "true", "\"x\"", " ", "\n", "\"", "\\");
        StringBuilder soup = new StringBuilder();
        for (int i = r.nextInt(200); i > 0; i--) {
            soup.append(pick(tokens, r));
        }
        return soup.toString().getBytes(StandardCharsets.UTF_8);
    }

    // --- writing -------------------------------------------------------------------------------------------

    /** The tree as JSON text, UTF-8; whitespace between tokens at random. */
    static byte[] write(Node node, Random r) {
        StringBuilder out = new StringBuilder();
        boolean spaced = r.nextInt(4) == 0;
        // iterative: a tree 100 000 levels deep would overflow a recursive writer's stack
        List<Object> stack = new ArrayList<>();
        stack.add(node);
        while (!stack.isEmpty()) {
            Object top = stack.remove(stack.size() - 1);
            if (top instanceof String text) {
                out.append(text);
                continue;
            }
            if (top instanceof Raw raw) {
                out.append(raw.token());
            } else if (top instanceof Str s) {
                string(s, out);
            } else if (top instanceof Arr a) {
                out.append('[');
                stack.add("]");
                for (int i = a.items().size() - 1; i >= 0; i--) {
                    stack.add(a.items().get(i));
                    if (i > 0) {
                        stack.add(spaced ? ", " : ",");
                    }
                }
            } else {
                Obj o = (Obj) top;
                out.append('{');
                stack.add(spaced ? "\n}" : "}");
                for (int i = o.fields().size() - 1; i >= 0; i--) {
                    Field f = o.fields().get(i);
                    stack.add(f.value());
                    StringBuilder key = new StringBuilder();
                    string(new Str(f.name(), false), key);
                    stack.add(key.append(spaced ? ": " : ":").toString());
                    if (i > 0) {
                        stack.add(",");
                    }
                }
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void string(Str s, StringBuilder out) {
        out.append('"');
        String v = s.value();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || (s.escaped() && c > 0x7E) || Character.isSurrogate(c)) {
                // lone surrogates can only be written escaped (UTF-8 has no bytes for them)
                out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF])
                        .append(HEX[c & 0xF]);
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    static <T> T pick(List<T> from, Random r) {
        return from.get(r.nextInt(from.size()));
    }

    static byte[] slice(byte[] bytes, int from, int to) {
        return java.util.Arrays.copyOfRange(bytes, from, to);
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
