package io.spinestream.analysis.recording;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Recording exports. */
@ConfigMapping(prefix = "spinestream.analysis.recording")
public interface RecordingConfig {

    /**
     * The longest time range one export may cover: a day of a belt streaming at 50 Hz is about
     * 140 MB of NDJSON.
     */
    @WithDefault("24h")
    Duration maxRange();
}
