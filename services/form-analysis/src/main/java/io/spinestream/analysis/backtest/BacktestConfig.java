package io.spinestream.analysis.backtest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Bounds of one backtest, which runs on a request thread. */
@ConfigMapping(prefix = "spinestream.analysis.backtest")
public interface BacktestConfig {

    /** The longest period one backtest may cover (the archive keeps 30 days by default). */
    @WithDefault("31d")
    Duration maxPeriod();

    /**
     * The most archived batches one backtest replays: 200 000 one-second batches are 55 hours of
     * wearing, replayed in well under a minute.
     */
    @WithDefault("200000")
    int maxBatches();
}
