package io.spinestream.events.telemetry;

import java.util.List;
import java.util.Random;

/** Mutations of an encoded batch's bytes, the same for both encodings. */
final class ByteMutations {

    private ByteMutations() {
    }

    /** One mutation of {@code bytes} (never changed in place); {@code inserts}: byte runs worth inserting. */
    static JsonBatchMutator.MutatedBytes mutate(byte[] bytes, Random r, List<byte[]> inserts) {
        int at = bytes.length == 0 ? 0 : r.nextInt(bytes.length);
        switch (r.nextInt(9)) {
            case 0 -> {
                byte[] flipped = bytes.clone();
                if (flipped.length > 0) {
                    flipped[at] ^= (byte) (1 << r.nextInt(8));
                }
                return new JsonBatchMutator.MutatedBytes(flipped, "bit flipped at " + at);
            }
            case 1 -> {
                byte[] set = bytes.clone();
                if (set.length > 0) {
                    set[at] = (byte) r.nextInt(256);
                }
                return new JsonBatchMutator.MutatedBytes(set, "byte set at " + at);
            }
            case 2 -> {
                int cut = r.nextInt(bytes.length + 1);
                return new JsonBatchMutator.MutatedBytes(JsonBatchMutator.slice(bytes, 0, cut), "truncated to " + cut);
            }
            case 3 -> {
                int length = Math.min(bytes.length - at, 1 + r.nextInt(16));
                return new JsonBatchMutator.MutatedBytes(JsonBatchMutator.concat(JsonBatchMutator.slice(bytes, 0, at),
                        JsonBatchMutator.slice(bytes, Math.min(bytes.length, at + length), bytes.length)),
                        "deleted " + length + " at " + at);
            }
            case 4 -> {
                int length = Math.min(bytes.length - at, 1 + r.nextInt(64));
                byte[] run = JsonBatchMutator.slice(bytes, at, at + Math.max(0, length));
                return new JsonBatchMutator.MutatedBytes(JsonBatchMutator.concat(JsonBatchMutator.slice(bytes, 0, at),
                        run, JsonBatchMutator.slice(bytes, at, bytes.length)), "duplicated " + run.length + " at " + at);
            }
            case 5 -> {
                byte[] random = new byte[1 + r.nextInt(8)];
                r.nextBytes(random);
                return new JsonBatchMutator.MutatedBytes(JsonBatchMutator.concat(JsonBatchMutator.slice(bytes, 0, at),
                        random, JsonBatchMutator.slice(bytes, at, bytes.length)), "random bytes inserted at " + at);
            }
            case 6 -> {
                byte[] insert = JsonBatchMutator.pick(inserts, r);
                return new JsonBatchMutator.MutatedBytes(JsonBatchMutator.concat(JsonBatchMutator.slice(bytes, 0, at),
                        insert, JsonBatchMutator.slice(bytes, at, bytes.length)), "special bytes inserted at " + at);
            }
            case 7 -> {
                byte[] garbage = new byte[1 + r.nextInt(8)];
                r.nextBytes(garbage);
                return new JsonBatchMutator.MutatedBytes(JsonBatchMutator.concat(bytes, garbage), "trailing garbage");
            }
            default -> {
                int to = bytes.length == 0 ? 0 : r.nextInt(bytes.length);
                int length = Math.min(Math.min(bytes.length - at, bytes.length - to), 1 + r.nextInt(32));
                byte[] moved = bytes.clone();
                System.arraycopy(bytes, at, moved, to, Math.max(0, length));
                return new JsonBatchMutator.MutatedBytes(moved, "copied " + length + " from " + at + " to " + to);
            }
        }
    }
}
