package io.spinestream.simulator.motion;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A belt's program: calibrate, then the scenario's blocks (a session of sets, a run, a spell at the
 * desk), each planned chunk by chunk so the plan never reaches more than a few seconds past the
 * samples.
 */
final class Workout {

    /** One block of a program; plans its next chunk. */
    @FunctionalInterface
    interface Block {
        /** Plans the next chunk; false when the block is over and planned nothing. */
        boolean next(Exercises ex);
    }

    private static final long CHUNK_US = 15_000_000L;

    private final Scenario scenario;
    private final Exercises ex;
    private final Rng rng;
    private final ArrayDeque<Block> blocks = new ArrayDeque<>();
    private int round;

    Workout(Scenario scenario, Exercises ex) {
        this.ex = ex;
        this.rng = ex.rng();
        this.scenario = scenario.resolve(rng);
        blocks.add(once(Exercises::calibrate));
        blocks.add(once(e -> e.stand(rng.seconds(3.0, 5.0))));
    }

    /** A scripted program (tests): the blocks given, then standing. */
    Workout(Exercises ex, List<Block> program) {
        this.ex = ex;
        this.rng = ex.rng();
        this.scenario = null;
        blocks.addAll(program);
    }

    Scenario scenario() {
        return scenario;
    }

    /** Plans the next chunk of the program. */
    void planNext() {
        for (int guard = 0; guard < 100; guard++) {
            while (!blocks.isEmpty()) {
                if (blocks.peekFirst().next(ex)) {
                    return;
                }
                blocks.pollFirst();
            }
            blocks.addAll(scenario == null ? List.of(once(e -> e.stand(CHUNK_US))) : round(round++));
        }
        throw new IllegalStateException("the " + scenario + " program plans nothing");
    }

    private List<Block> round(int n) {
        List<Block> r = new ArrayList<>();
        switch (scenario) {
            case GYM -> {
                List<Block> stations = new ArrayList<>(List.of(
                        lifts(Codes.DEADLIFT, 3, 4, 4, 6), lifts(Codes.SQUAT, 3, 4, 5, 8), presses(), rows(),
                        planks(2, 3)));
                if (n > 0) {
                    // after the first round the wearer varies the order (deadlifts first is the classic)
                    for (int i = stations.size() - 1; i > 0; i--) {
                        int j = rng.between(0, i);
                        Block tmp = stations.get(i);
                        stations.set(i, stations.get(j));
                        stations.set(j, tmp);
                    }
                }
                for (Block station : stations) {
                    r.add(station);
                    r.add(walking(20, 40));
                }
            }
            case DEADLIFT -> {
                r.add(lifts(Codes.DEADLIFT, 3, 5, 4, 6));
                r.add(walking(30, 60));
            }
            case SQUAT -> {
                r.add(lifts(Codes.SQUAT, 3, 5, 5, 8));
                r.add(walking(30, 60));
            }
            case PRESS -> {
                r.add(presses());
                r.add(walking(30, 60));
            }
            case PLANK -> {
                r.add(planks(3, 4));
                r.add(walking(30, 60));
            }
            case RUNNING -> {
                r.add(walking(30, 60));
                r.add(running(180, 480));
                r.add(walking(60, 120));
            }
            case OFFICE -> {
                r.add(once(e -> e.stand(rng.seconds(40.0, 90.0))));
                r.add(sitting());
                r.add(once(e -> e.standAndReach(rng.seconds(60.0, 180.0))));
                r.add(walking(30, 90));
                if (rng.chance(0.3)) {
                    r.add(lifts(Codes.LIFTING, 1, 1, 1, 3));
                    r.add(walking(20, 40));
                }
            }
            default -> throw new IllegalStateException("unresolved scenario " + scenario);
        }
        return r;
    }

    static Block once(java.util.function.Consumer<Exercises> chunk) {
        boolean[] done = {false};
        return e -> {
            if (done[0]) {
                return false;
            }
            done[0] = true;
            chunk.accept(e);
            return true;
        };
    }

    /** Sets of a counted lift with 20–40 s rests; stops early when the rep budget is spent. */
    private Block lifts(String activity, int minSets, int maxSets, int minReps, int maxReps) {
        int sets = rng.between(minSets, maxSets);
        int[] done = {0};
        return e -> {
            if (done[0] >= sets) {
                return false;
            }
            boolean last = ++done[0] == sets;
            long rest = last ? rng.seconds(2.0, 4.0) : rng.seconds(20.0, 40.0);
            if (!e.liftSet(activity, rng.between(minReps, maxReps), rest)) {
                done[0] = sets;
                return false;
            }
            return true;
        };
    }

    private Block presses() {
        return sets(rng.between(3, 5), (e, rest) -> e.pressSet(rng.between(5, 8), rest));
    }

    private Block rows() {
        return sets(3, (e, rest) -> e.rowSet(rng.between(8, 10), rest));
    }

    /** Sets with 20–40 s rests between them, a short pause after the last. */
    private Block sets(int sets, java.util.function.ObjLongConsumer<Exercises> set) {
        int[] done = {0};
        return e -> {
            if (done[0] >= sets) {
                return false;
            }
            boolean last = ++done[0] == sets;
            set.accept(e, last ? rng.seconds(2.0, 4.0) : rng.seconds(20.0, 40.0));
            return true;
        };
    }

    /** Planks with standing rests between them (each plank its own session). */
    private Block planks(int min, int max) {
        int holds = rng.between(min, max);
        int[] step = {0};
        return e -> {
            if (step[0] >= 2 * holds - 1) {
                return false;
            }
            if (step[0]++ % 2 == 0) {
                e.plank(rng.seconds(30.0, 60.0));
            } else {
                e.stand(rng.seconds(20.0, 40.0));
            }
            return true;
        };
    }

    private Block walking(double minS, double maxS) {
        long[] left = {rng.seconds(minS, maxS)};
        return e -> {
            if (left[0] <= 0) {
                return false;
            }
            long chunk = left[0] < 2 * CHUNK_US ? left[0] : CHUNK_US;
            left[0] -= chunk;
            e.walk(chunk);
            return true;
        };
    }

    private Block running(double minS, double maxS) {
        long[] left = {rng.seconds(minS, maxS)};
        double stride = rng.between(0.34, 0.38);
        return e -> {
            if (left[0] <= 0) {
                return false;
            }
            long chunk = left[0] < 3 * CHUNK_US ? left[0] : 2 * CHUNK_US;
            left[0] -= chunk;
            e.run(chunk, stride);
            return true;
        };
    }

    /**
     * A sitting session of 8–15 minutes, kept 5 minutes short of the movement-break interval (a
     * MOVEMENT_BREAK_DUE advisory is not a fault and would vibrate the belt).
     */
    private Block sitting() {
        double capMinutes = ex.limits().movementBreakMinutes() - 5;
        long total = Math.min(rng.seconds(480.0, 900.0), Math.round(Math.max(1.0, capMinutes) * 60_000_000L));
        long[] left = {total};
        return e -> {
            if (left[0] <= 1_000_000L) {
                return false;
            }
            left[0] -= e.sit(left[0]);
            return true;
        };
    }
}
