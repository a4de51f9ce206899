package io.spinestream.journal.insight.rules;

import java.util.Arrays;

/**
 * Benjamini–Hochberg adjustment: q-values that keep the expected share of false findings among
 * those reported at or below the chosen level, however many candidate triggers were tested.
 */
public final class FalseDiscovery {

    private FalseDiscovery() {
    }

    /** The q-value of each p-value, in the same order. */
    public static double[] qValues(double[] pValues) {
        int m = pValues.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(pValues[a], pValues[b]));
        double[] q = new double[m];
        double running = 1.0;
        for (int rank = m; rank >= 1; rank--) {
            int index = order[rank - 1];
            running = Math.min(running, pValues[index] * m / rank);
            q[index] = Math.min(1.0, running);
        }
        return q;
    }
}
