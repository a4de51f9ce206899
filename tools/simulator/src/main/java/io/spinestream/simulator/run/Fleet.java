package io.spinestream.simulator.run;

import io.spinestream.analysis.core.EffectiveLimits;
import io.spinestream.analysis.core.LimitResolver;
import io.spinestream.simulator.provision.BeltRegistry;
import io.spinestream.simulator.provision.BeltStore;
import io.spinestream.simulator.provision.WearerDirectory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A clinic's simulated belts made ready: their wearers enrolled in the journal, the belts
 * provisioned (or reused) and assigned to them, each belt with its wearer's limits as the analyzer
 * will apply them (conditions and clinician limits, read back from the journal) and its seq and
 * recent reps from earlier runs.
 */
public final class Fleet {

    /** A belt, and the wearer who wears it (null: nobody). */
    public record Member(String beltId, WearerDirectory.Spec wearer) {
    }

    /** A ready belt, with who wears it. */
    public record Ready(Simulation.BeltPlan plan, WearerDirectory.Wearer wearer) {
    }

    private Fleet() {
    }

    /**
     * @param wearers null when the members have no wearers
     */
    public static List<Ready> prepare(BeltRegistry registry, WearerDirectory wearers, BeltStore store,
                                      List<Member> members, String model, String firmware, Consumer<String> log) {
        Map<String, WearerDirectory.Wearer> byRef = new LinkedHashMap<>();
        List<WearerDirectory.Spec> wanted = members.stream().map(Member::wearer).filter(w -> w != null).toList();
        if (!wanted.isEmpty()) {
            if (wearers == null) {
                throw new IllegalArgumentException("members with wearers need the journal");
            }
            byRef.putAll(wearers.ensure(wanted));
        }
        List<BeltRegistry.Spec> specs = new ArrayList<>();
        for (Member m : members) {
            WearerDirectory.Wearer w = m.wearer() == null ? null : byRef.get(m.wearer().ref());
            specs.add(new BeltRegistry.Spec(m.beltId(), model, firmware, w == null ? null : w.id()));
        }
        List<BeltRegistry.Ready> belts = registry.ensure(specs);
        List<Ready> ready = new ArrayList<>(members.size());
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            WearerDirectory.Wearer w = m.wearer() == null ? null : byRef.get(m.wearer().ref());
            EffectiveLimits limits = w == null ? EffectiveLimits.DEFAULTS : LimitResolver.resolve(w.conditions(), w.limits());
            BeltRegistry.Ready b = belts.get(i);
            ready.add(new Ready(new Simulation.BeltPlan(b.account(), b.firstSeq(), limits,
                    store.recentReps(m.beltId())), w));
        }
        return ready;
    }

    /** Keeps what the next run needs: each belt's next seq and recent reps. */
    public static void remember(BeltStore store, Simulation.Result result) {
        Map<String, Long> seqs = new LinkedHashMap<>();
        Map<String, long[]> reps = new LinkedHashMap<>();
        for (Simulation.BeltEnd end : result.ends()) {
            seqs.put(end.beltId(), end.nextSeq());
            reps.put(end.beltId(), end.recentRepsMs());
        }
        store.saveRunEnds(seqs, reps);
    }
}
