package io.spinestream.bench.platform;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.spinestream.simulator.provision.AdminApi;
import io.spinestream.simulator.provision.BeltRegistry;
import io.spinestream.simulator.provision.BeltStore;
import io.spinestream.simulator.provision.TokenSource;
import io.spinestream.simulator.provision.WearerDirectory;
import io.spinestream.simulator.run.Fleet;

/**
 * Belts of a clinic made ready on the benchmark's platform with the simulator's own provisioning
 * ({@link Fleet}): provisioned in bulk in sensor-ingest's registry, with wearers enrolled in the
 * journal when asked; credentials kept in the benchmark's workspace.
 */
public final class BenchFleet {

    /** The ready belts, and the registry that renews a refused credential. */
    public record Prepared(List<Fleet.Ready> ready, BeltRegistry registry) {
    }

    private final BenchPlatform platform;
    private final Consumer<String> log;

    public BenchFleet(BenchPlatform platform, Consumer<String> log) {
        this.platform = platform;
        this.log = log;
    }

    /** {@code count} belts {@code PREFIX-00001} … of the clinic, with a wearer each when {@code wearers}. */
    public Prepared prepare(String clinic, String prefix, int count, boolean wearers) throws java.io.IOException {
        TokenSource tokens = platform.tokens(clinic);
        URI ingest = URI.create(platform.url(BenchPlatform.SENSOR_INGEST));
        BeltStore store = new BeltStore(platform.workspace().home().resolve("belts-" + clinic + ".properties"), ingest);
        BeltRegistry registry = new BeltRegistry(new AdminApi(ingest, tokens), store, log);
        WearerDirectory directory = wearers
                ? new WearerDirectory(new AdminApi(URI.create(platform.url(BenchPlatform.JOURNAL)), tokens), log) : null;
        List<Fleet.Member> members = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            String beltId = String.format("%s-%05d", prefix, i);
            members.add(new Fleet.Member(beltId, wearers
                    ? new WearerDirectory.Spec("bench." + beltId, "Benchmark wearer " + beltId, 1960 + i % 45, List.of())
                    : null));
        }
        return new Prepared(Fleet.prepare(registry, directory, store, members, "BENCH-1", "bench-1.0", log), registry);
    }

    /** The belts as the load generator drives them, each from its first seq, their batches from {@code epochMs} on. */
    public static List<IngestLoad.Belt> loadBelts(List<Fleet.Ready> ready, long epochMs) {
        List<IngestLoad.Belt> belts = new ArrayList<>(ready.size());
        for (int i = 0; i < ready.size(); i++) {
            belts.add(new IngestLoad.Belt(i, ready.get(i).plan().account(), ready.get(i).plan().firstSeq(), epochMs));
        }
        return belts;
    }
}
