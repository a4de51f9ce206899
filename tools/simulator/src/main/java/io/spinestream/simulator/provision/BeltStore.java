package io.spinestream.simulator.provision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * What simulated belts must remember between runs, per platform (keyed by sensor-ingest's
 * address): each belt's credential (shown by the platform only once, so the file is readable by
 * its owner only), the next seq to send (a {@code (beltId, seq)} is remembered by the platform for
 * days, so a seq may never be reused), and the loaded reps of the last hour (the overuse rule
 * counts across runs). Updates lock the file, so the demo's simulation and a {@code simulate} in
 * another shell can both write it.
 */
public final class BeltStore {

    private final Path file;
    private final String platform;

    /**
     * @param file   e.g. {@code .spinestream/simulator/belts.properties}
     * @param ingest sensor-ingest's base URL: the platform the credentials belong to
     */
    public BeltStore(Path file, URI ingest) {
        this.file = file;
        this.platform = ingest.getAuthority();
    }

    public Path file() {
        return file;
    }

    public String credential(String beltId) {
        return load().getProperty(key(beltId, "credential"));
    }

    public OptionalLong nextSeq(String beltId) {
        String v = load().getProperty(key(beltId, "next-seq"));
        return v == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(v));
    }

    /** Loaded reps of the last hour, epoch ms. */
    public long[] recentReps(String beltId) {
        String v = load().getProperty(key(beltId, "reps"));
        if (v == null || v.isBlank()) {
            return new long[0];
        }
        long horizon = System.currentTimeMillis() - 3_600_000L;
        return Arrays.stream(v.split(",")).mapToLong(Long::parseLong).filter(t -> t > horizon).toArray();
    }

    public void saveCredential(String beltId, String credential) {
        update(p -> p.setProperty(key(beltId, "credential"), credential));
    }

    /** Saves what a run leaves behind: its next seq and recent reps, per belt. */
    public void saveRunEnds(Map<String, Long> nextSeqs, Map<String, long[]> recentReps) {
        update(p -> {
            nextSeqs.forEach((belt, seq) -> p.setProperty(key(belt, "next-seq"), Long.toString(seq)));
            recentReps.forEach((belt, reps) -> p.setProperty(key(belt, "reps"),
                    String.join(",", Arrays.stream(reps).mapToObj(Long::toString).toList())));
        });
    }

    private String key(String beltId, String what) {
        return platform + "/" + beltId + "." + what;
    }

    private Properties load() {
        return PrivateProperties.load(file);
    }

    /** File locks are per process: threads of this one take turns here first. */
    private static final Object JVM_LOCK = new Object();

    private void update(Consumer<Properties> change) {
        synchronized (JVM_LOCK) {
            locked(change);
        }
    }

    private void locked(Consumer<Properties> change) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path lock = file.resolveSibling(file.getFileName() + ".lock");
            try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                Properties p = load();
                change.accept(p);
                PrivateProperties.store(file, p, "spinestream simulated belts: credentials (secret), next seqs,"
                        + " recent reps. Delete to forget them (the simulator then rotates the credentials).");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
