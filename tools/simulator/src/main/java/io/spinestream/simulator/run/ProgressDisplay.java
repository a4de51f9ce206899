package io.spinestream.simulator.run;

import io.spinestream.simulator.belt.BeltMetrics;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress while the belts run: a progress bar (me.tongfei:progressbar) on a terminal, or a
 * line every 10 s when the output is a file or a pipe (a bar's carriage returns make a mess of
 * logs).
 */
public final class ProgressDisplay implements Simulation.Progress, AutoCloseable {

    private static final int LINE_EVERY_SECONDS = 10;

    private final ProgressBar bar;
    private final Consumer<String> lines;
    private final long totalSeconds;

    private ProgressDisplay(ProgressBar bar, Consumer<String> lines, long totalSeconds) {
        this.bar = bar;
        this.lines = lines;
        this.totalSeconds = totalSeconds;
    }

    /** A bar on {@code terminal}. */
    public static ProgressDisplay bar(PrintStream terminal, Duration duration) {
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName("simulating")
                .setInitialMax(duration.toSeconds())
                .setUnit(" s", 1)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setConsumer(new ConsoleProgressBarConsumer(terminal))
                .setUpdateIntervalMillis(500)
                .hideEta()
                .build();
        return new ProgressDisplay(bar, null, duration.toSeconds());
    }

    /** A line every 10 s to {@code lines}. */
    public static ProgressDisplay lines(Consumer<String> lines, Duration duration) {
        return new ProgressDisplay(null, lines, duration.toSeconds());
    }

    /** Nothing at all. */
    public static ProgressDisplay none() {
        return new ProgressDisplay(null, null, 0);
    }

    @Override
    public void update(BeltMetrics.Snapshot m, Duration elapsed) {
        String status = String.format(Locale.ROOT, "%,d batches, %d faults, %d commands", m.batchesAccepted(),
                m.injectedTotal(), m.commandsTotal());
        if (m.hapticLatency().getTotalCount() > 0) {
            status += String.format(Locale.ROOT, ", p50 %.0f ms", m.hapticLatency().getValueAtPercentile(50) / 1000.0);
        }
        if (m.errorsTotal() > 0) {
            status += String.format(Locale.ROOT, ", %d errors", m.errorsTotal());
        }
        if (bar != null) {
            bar.stepTo(Math.min(totalSeconds, elapsed.toSeconds()));
            bar.setExtraMessage(status);
        } else if (lines != null && elapsed.toSeconds() % LINE_EVERY_SECONDS == 0) {
            lines.accept(String.format(Locale.ROOT, "%4d/%d s  %s", elapsed.toSeconds(), totalSeconds, status));
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.stepTo(bar.getMax());
            bar.close();
        }
    }
}
