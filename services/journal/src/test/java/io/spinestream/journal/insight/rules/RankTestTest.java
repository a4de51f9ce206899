package io.spinestream.journal.insight.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RankTestTest {

    @Test
    void givenCompletelySeparatedSamplesOf3And3_thenExactPIsOneIn20() {
        RankTest.Result result = RankTest.greater(new double[]{7, 8, 9}, new double[]{1, 2, 3});

        assertThat(result.exact()).isTrue();
        assertThat(result.u()).isEqualTo(9.0);
        assertThat(result.rankBiserial()).isEqualTo(1.0);
        assertThat(result.pValue()).isCloseTo(1.0 / 20.0, within(1e-12));
    }

    @Test
    void givenTiedSamples_thenTheExactDistributionIsConditionalOnTheTies() {
        // All six values equal: every arrangement has the same rank sum, so p = 1 and r = 0.
        RankTest.Result result = RankTest.greater(new double[]{5, 5, 5}, new double[]{5, 5, 5});
        assertThat(result.pValue()).isEqualTo(1.0);
        assertThat(result.rankBiserial()).isEqualTo(0.0);

        // x = {2, 2}, y = {1, 2}: mid-ranks 1, 3, 3, 3 → W(x) = 6; subsets of 2 with sum ≥ 6: 3 of 6.
        assertThat(RankTest.greater(new double[]{2, 2}, new double[]{1, 2}).pValue()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void givenLowerFirstSample_thenOneSidedPIsLarge() {
        assertThat(RankTest.greater(new double[]{1, 2, 3}, new double[]{7, 8, 9}).pValue()).isEqualTo(1.0);
    }

    @Test
    void givenMoreThan60Values_thenNormalApproximationCloseToTheExactValue() {
        double[] x = new double[31];
        double[] y = new double[31];
        for (int i = 0; i < 31; i++) {
            x[i] = i % 7 + 2;
            y[i] = i % 6;
        }
        RankTest.Result approx = RankTest.greater(x, y);
        assertThat(approx.exact()).isFalse();

        double[] xs = java.util.Arrays.copyOf(x, 30);
        double[] ys = java.util.Arrays.copyOf(y, 30);
        RankTest.Result exact = RankTest.greater(xs, ys);
        assertThat(exact.exact()).isTrue();
        assertThat(approx.pValue()).isBetween(0.0, 0.05);
        assertThat(exact.pValue()).isBetween(0.0, 0.05);
    }

    @Test
    void givenStandardNormal_thenCdfMatchesTables() {
        assertThat(RankTest.standardNormalCdf(0)).isCloseTo(0.5, within(1e-7));
        assertThat(RankTest.standardNormalCdf(1.959964)).isCloseTo(0.975, within(1e-6));
        assertThat(RankTest.standardNormalCdf(-1.644854)).isCloseTo(0.05, within(1e-6));
    }

    @Test
    void givenPValues_whenBenjaminiHochbergAdjusted_thenKnownQValues() {
        double[] q = FalseDiscovery.qValues(new double[]{0.01, 0.04, 0.03, 0.20});

        // sorted p: 0.01, 0.03, 0.04, 0.20 → p·m/rank: 0.04, 0.06, 0.0533, 0.20 → running minimum from the top
        assertThat(q[0]).isCloseTo(0.04, within(1e-12));
        assertThat(q[2]).isCloseTo(0.16 / 3, within(1e-12));
        assertThat(q[1]).isCloseTo(0.16 / 3, within(1e-12));
        assertThat(q[3]).isCloseTo(0.20, within(1e-12));
    }
}
