package io.spinestream.analysis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The analyzer's building blocks. */
class ComponentsTest {

    @Test
    void givenAnyDifference_whenWrapped_thenWithinMinus180Exclusive180Inclusive() {
        assertThat(AngleMath.wrap180(180)).isEqualTo(180);
        assertThat(AngleMath.wrap180(-180)).isEqualTo(180);
        assertThat(AngleMath.wrap180(540)).isEqualTo(180);
        assertThat(AngleMath.wrap180(190)).isEqualTo(-170);
        assertThat(AngleMath.wrap180(-190)).isEqualTo(170);
        assertThat(AngleMath.wrap180(725)).isEqualTo(5);
        assertThat(AngleMath.wrap180(-3600.5)).isCloseTo(-0.5, within(1e-9));
        assertThat(AngleMath.rotation(3615.5f, 3600.25f)).isEqualTo(15.25);
        assertThat(AngleMath.rotation(-7190f, -7200f)).isEqualTo(10);
        assertThat(AngleMath.rotation(10f, 350f)).isEqualTo(20);
        assertThat(AngleMath.flexion(30.5f, 8f)).isEqualTo(22.5);
        assertThat(AngleMath.sideBend(-2f, 3f)).isEqualTo(-5);
    }

    @Test
    void givenRandomValues_whenRunningMedian_thenTheMedianAndItsThresholdAnswersMatchASortedWindow() {
        Random random = new Random(3);
        for (int size : new int[] {1, 3, 11, 81}) {
            RunningMedian m = new RunningMedian(size);
            float[] all = new float[3000];
            double low = 0;
            for (int i = 0; i < all.length; i++) {
                if (i % 97 == 0) {
                    low = random.nextGaussian() * 5;
                    m.thresholds(low, low + 5, low + 15);
                }
                all[i] = random.nextInt(5) == 0 ? 7f : (i % 2 == 0 ? -0.0f : (float) random.nextGaussian() * 10);
                boolean full = m.push(all[i]);
                assertThat(full).isEqualTo(i + 1 >= size);
                if (full) {
                    float[] window = Arrays.copyOfRange(all, i + 1 - size, i + 1);
                    Arrays.sort(window);
                    float median = window[size / 2];
                    assertThat(m.median()).isEqualTo(median + 0.0f);
                    assertThat(m.belowLow()).isEqualTo(median < low);
                    assertThat(m.aboveMid()).isEqualTo(median > low + 5);
                    assertThat(m.aboveHigh()).isEqualTo(median > low + 15);
                }
            }
        }
    }

    @Test
    void givenRates_whenMedianWindow_thenAbout200msRejecting100msSpikes() {
        assertThat(RunningMedian.windowFor(50)).isEqualTo(11);
        assertThat(RunningMedian.windowFor(100)).isEqualTo(21);
        assertThat(RunningMedian.windowFor(400)).isEqualTo(81);
        assertThat(RunningMedian.windowFor(25)).isEqualTo(7);
        assertThat(RunningMedian.windowFor(1)).isEqualTo(3);
    }

    @Test
    void givenAStep_whenRunningMedian_thenItPassesUnchangedAfterTheLag() {
        RunningMedian m = new RunningMedian(11);
        for (int i = 0; i < 11; i++) {
            m.push(0);
        }
        float[] out = new float[12];
        for (int i = 0; i < 12; i++) {
            m.push(40);
            out[i] = m.median();
        }
        assertThat(m.lag()).isEqualTo(5);
        assertThat(out[4]).isZero();
        assertThat(out[5]).isEqualTo(40);
    }

    @Test
    void givenSeqs_whenMarked_thenSeenLateAndNewAreTold() {
        SeqWindow w = new SeqWindow();
        assertThat(w.seen(5)).isFalse();
        w.mark(5);
        w.mark(6);
        w.mark(9);
        assertThat(w.seen(5)).isTrue();
        assertThat(w.seen(6)).isTrue();
        assertThat(w.seen(9)).isTrue();
        assertThat(w.seen(7)).isFalse();
        assertThat(w.isLate(7)).isTrue();
        assertThat(w.isLate(10)).isFalse();
        w.mark(7);
        assertThat(w.seen(7)).isTrue();
        w.mark(9 + 1000);
        assertThat(w.seen(9)).isTrue();
        assertThat(w.seen(8)).isFalse();
        w.mark(9 + 1100);
        assertThat(w.seen(9)).as("beyond the window: analysed as late").isFalse();
        assertThat(w.seen(9 + 1000)).isTrue();
        StateWriter out = new StateWriter();
        w.write(out);
        byte[] bytes = out.toByteArray();
        SeqWindow back = SeqWindow.read(new StateReader(bytes));
        for (long s = 0; s < 1200; s++) {
            assertThat(back.seen(s)).as("seq %d", s).isEqualTo(w.seen(s));
        }
        assertThat(bytes.length).isLessThan(12);
    }

    @Test
    void givenAContiguousRunOfSeqs_whenSerialised_thenAFewBytes() {
        SeqWindow w = new SeqWindow();
        for (long s = 0; s < 5000; s++) {
            w.mark(s);
        }
        StateWriter out = new StateWriter();
        w.write(out);
        assertThat(out.toByteArray().length).isLessThanOrEqualTo(6);
    }

    @Test
    void givenTimes_whenWindowed_thenCountCappedAtLimitPlusOne_andExpiry() {
        TimeWindow w = new TimeWindow(3);
        for (int i = 0; i < 10; i++) {
            w.add(i * 10);
        }
        assertThat(w.size()).isEqualTo(4);
        w.expire(70);
        assertThat(w.size()).isEqualTo(2);
        w.resize(1);
        assertThat(w.size()).isEqualTo(2);
        w.expire(80);
        assertThat(w.size()).isEqualTo(1);
    }

    @Test
    void givenAConstantSignal_whenHistogrammed_thenMedianAndPercentilesAreTheValue() {
        AngleHistogram h = new AngleHistogram();
        for (int i = 0; i < 250; i++) {
            h.add(12.3, -1, 179.5, 7);
        }
        assertThat(h.percentile(AngleHistogram.FLEXION, 50)).isCloseTo(12.3, within(1e-6));
        assertThat(h.percentileMidpoint(AngleHistogram.FLEXION)).isCloseTo(12.3, within(1e-6));
        assertThat(h.percentileMidpoint(AngleHistogram.ROTATION)).isCloseTo(179.5, within(1e-6));
        assertThat(h.percentileMidpoint(AngleHistogram.HIP_HINGE)).isCloseTo(7, within(1e-6));
    }

    @Test
    void givenRotationAcross180_whenHistogrammed_thenTheMidpointDoesNotJump() {
        AngleHistogram h = new AngleHistogram();
        for (int i = 0; i < 400; i++) {
            double r = AngleMath.wrap180(178 + 6 * Math.sin(i / 20.0));
            h.add(0, 0, r, 0);
        }
        assertThat(Math.abs(AngleMath.wrap180(h.percentileMidpoint(AngleHistogram.ROTATION) - 178)))
                .isLessThan(0.2);
    }
}
