package io.spinestream.simulator.motion;

import java.util.List;
import java.util.SplittableRandom;

/** The randomness of one belt: deterministic for a seed, with the few shapes the model needs. */
public final class Rng {

    private final SplittableRandom random;

    public Rng(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Uniform in [from, to). */
    public double between(double from, double to) {
        return from + (to - from) * random.nextDouble();
    }

    /** Uniform whole number in [from, to] (both included). */
    public int between(int from, int to) {
        return from + random.nextInt(to - from + 1);
    }

    /** Uniform duration in microseconds between two durations in seconds. */
    public long seconds(double from, double to) {
        return Math.round(between(from, to) * 1_000_000);
    }

    public boolean chance(double probability) {
        return probability > 0 && random.nextDouble() < probability;
    }

    /** +1 or −1. */
    public int sign() {
        return random.nextBoolean() ? 1 : -1;
    }

    /**
     * Gaussian noise clipped to ±3σ: real sensor noise has no infinite tails, and the clipping is
     * what makes the model's margins to every limit a guarantee rather than a likelihood.
     */
    public double noise(double sigma) {
        if (sigma <= 0) {
            return 0;
        }
        double g = random.nextGaussian();
        return sigma * Math.max(-3, Math.min(3, g));
    }

    public <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** An item by weight ({@code weights[i]} for {@code items.get(i)}). */
    public <T> T pick(List<T> items, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double x = random.nextDouble() * total;
        for (int i = 0; i < items.size(); i++) {
            x -= weights[i];
            if (x < 0) {
                return items.get(i);
            }
        }
        return items.get(items.size() - 1);
    }

    /** A seed for something derived from this randomness (e.g. one belt of a fleet). */
    public long nextSeed() {
        return random.nextLong();
    }
}
