package io.spinestream.journal.insight.rules;

import java.util.Arrays;

/**
 * The one-sided Mann–Whitney U test (Wilcoxon rank-sum) of "the first sample tends to be higher than
 * the second", for small ordinal samples with many ties such as 0–10 pain ratings. Up to
 * {@link #EXACT_MAX_N} values in all the p-value is exact: the permutation distribution of the
 * rank sum given the ties (conditional on the observed mid-ranks); above that, the normal
 * approximation with tie and continuity correction.
 */
public final class RankTest {

    /** Largest pooled sample for the exact distribution (its cost grows with n³). */
    public static final int EXACT_MAX_N = 60;

    private RankTest() {
    }

    /**
     * @param u              Mann–Whitney U of the first sample: pairs (x, y) with x &gt; y, plus half the ties
     * @param rankBiserial   effect size r = 2U/(n₁n₂) − 1, from −1 (all lower) to +1 (all higher)
     * @param pValue         one-sided p of a U this large or larger if there were no difference
     * @param exact          whether {@code pValue} is exact
     */
    public record Result(double u, double rankBiserial, double pValue, boolean exact) {
    }

    public static Result greater(double[] first, double[] second) {
        int n1 = first.length;
        int n2 = second.length;
        if (n1 == 0 || n2 == 0) {
            throw new IllegalArgumentException("both samples need at least one value");
        }
        int n = n1 + n2;
        double[] pooled = new double[n];
        System.arraycopy(first, 0, pooled, 0, n1);
        System.arraycopy(second, 0, pooled, n1, n2);
        int[] doubledRanks = doubledMidRanks(pooled);
        long observed = 0;
        for (int i = 0; i < n1; i++) {
            observed += doubledRanks[i];
        }
        double u = observed / 2.0 - n1 * (n1 + 1) / 2.0;
        double r = 2.0 * u / ((double) n1 * n2) - 1.0;
        if (n <= EXACT_MAX_N) {
            return new Result(u, r, exactUpperTail(doubledRanks, n1, observed), true);
        }
        return new Result(u, r, normalUpperTail(pooled, n1, n2, u), false);
    }

    /** Twice the mid-ranks (1-based), integers even with ties. */
    static int[] doubledMidRanks(double[] values) {
        int n = values.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        int[] ranks = new int[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            int doubledMid = (i + 1) + (j + 1); // 2 × the mean of ranks i+1 … j+1
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = doubledMid;
            }
            i = j + 1;
        }
        return ranks;
    }

    /** P(sum of k of the ranks ≥ observed) over all equally likely subsets of size k. */
    static double exactUpperTail(int[] doubledRanks, int k, long observed) {
        int n = doubledRanks.length;
        int maxSum = Arrays.stream(doubledRanks).sum();
        // ways[j][s]: number of subsets of j ranks summing to s.
        double[][] ways = new double[k + 1][maxSum + 1];
        ways[0][0] = 1.0;
        for (int rank : doubledRanks) {
            for (int j = k; j >= 1; j--) {
                double[] to = ways[j];
                double[] from = ways[j - 1];
                for (int s = maxSum; s >= rank; s--) {
                    to[s] += from[s - rank];
                }
            }
        }
        double total = 0;
        double tail = 0;
        for (int s = 0; s <= maxSum; s++) {
            total += ways[k][s];
            if (s >= observed) {
                tail += ways[k][s];
            }
        }
        return Math.min(1.0, tail / total);
    }

    static double normalUpperTail(double[] pooled, int n1, int n2, double u) {
        int n = n1 + n2;
        double[] sorted = pooled.clone();
        Arrays.sort(sorted);
        double tieTerm = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && sorted[j + 1] == sorted[i]) {
                j++;
            }
            double t = j - i + 1;
            tieTerm += t * t * t - t;
            i = j + 1;
        }
        double variance = n1 * (double) n2 / 12.0 * ((n + 1) - tieTerm / ((double) n * (n - 1)));
        if (variance <= 0) {
            return 1.0;
        }
        double z = (u - n1 * (double) n2 / 2.0 - 0.5) / Math.sqrt(variance);
        return 1.0 - standardNormalCdf(z);
    }

    /** Φ(z), from the complementary error function (Numerical Recipes erfc, |error| &lt; 1.2e-7). */
    static double standardNormalCdf(double z) {
        return 0.5 * erfc(-z / Math.sqrt(2.0));
    }

    private static double erfc(double x) {
        double t = 1.0 / (1.0 + 0.5 * Math.abs(x));
        double y = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? y : 2.0 - y;
    }
}
