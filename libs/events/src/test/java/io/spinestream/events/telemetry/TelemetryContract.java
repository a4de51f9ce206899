package io.spinestream.events.telemetry;

import io.spinestream.events.telemetry.proto.Channels;
import io.spinestream.events.telemetry.proto.TelemetryBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of telemetry.md written down once more, straight from the spec and independently of
 * {@link TelemetryValidator}: the fuzz tests' oracle for "a batch a decoder accepts keeps the contract".
 */
final class TelemetryContract {

    private static final Pattern BELT_ID = Pattern.compile("[A-Z0-9-]{3,32}");
    private static final Set<String> ACTIVITIES = Set.of("calibration", "deadlift", "romanian_deadlift", "squat", "row",
            "lunge", "overhead_press", "push_up", "plank", "side_plank", "glute_bridge", "bird_dog", "dead_bug", "crunch",
            "walking", "running", "jumping", "cycling", "sitting", "standing", "lifting", "unknown");
    /** RFC 3339 writes a four-digit year: 0000-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z. */
    private static final long FIRST_RFC_3339_MS = Instant.parse("0000-01-01T00:00:00Z").toEpochMilli();
    private static final long LAST_RFC_3339_MS = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

    private TelemetryContract() {
    }

    /** The rules {@code batch} breaks, in words; empty when it keeps the contract. */
    static List<String> broken(TelemetryBatch batch) {
        List<String> broken = new ArrayList<>();
        if (!BELT_ID.matcher(batch.getBeltId()).matches()) {
            broken.add("beltId '" + batch.getBeltId() + "' does not match [A-Z0-9-]{3,32}");
        }
        if (batch.getSeq() < 0) {
            broken.add("seq " + batch.getSeq() + " < 0");
        }
        if (!batch.hasStartedAtMs()) {
            broken.add("startedAt absent");
        } else if (batch.getStartedAtMs() < FIRST_RFC_3339_MS || batch.getStartedAtMs() > LAST_RFC_3339_MS) {
            broken.add("startedAt " + batch.getStartedAtMs() + " ms is no RFC 3339 instant (year 0000-9999)");
        }
        if (batch.getRateHz() < 1 || batch.getRateHz() > 400) {
            broken.add("rateHz " + batch.getRateHz() + " outside 1-400");
        }
        if (!batch.getActivity().isEmpty() && !ACTIVITIES.contains(batch.getActivity())) {
            broken.add("activity '" + batch.getActivity() + "' is no activity code");
        }
        String firmware = batch.getFirmware();
        if (firmware.codePointCount(0, firmware.length()) > 32) {
            broken.add("firmware longer than 32 characters");
        }
        if (batch.hasBattery() && !(Float.isFinite(batch.getBattery()) && batch.getBattery() >= 0f && batch.getBattery() <= 1f)) {
            broken.add("battery " + batch.getBattery() + " outside 0.0-1.0");
        }
        if (!batch.hasChannels()) {
            broken.add("channels absent");
        } else {
            channels(batch.getChannels(), broken);
        }
        return broken;
    }

    private static void channels(Channels c, List<String> broken) {
        List<List<Float>> required = List.of(c.getTrunkPitchList(), c.getTrunkRollList(), c.getTrunkYawList(),
                c.getPelvisPitchList(), c.getPelvisRollList(), c.getPelvisYawList());
        int n = c.getTrunkPitchCount();
        if (n < 1 || n > 2000) {
            broken.add("trunkPitch has " + n + " samples, outside 1-2000");
        }
        for (List<Float> channel : required) {
            if (channel.size() != n) {
                broken.add("a required channel has " + channel.size() + " samples, trunkPitch " + n);
            }
        }
        for (List<Float> optional : List.of(c.getPelvisAccList(), c.getStrainList())) {
            if (!optional.isEmpty() && optional.size() != n) {
                broken.add("an optional channel has " + optional.size() + " samples, trunkPitch " + n);
            }
        }
        for (List<Float> angles : List.of(c.getTrunkPitchList(), c.getTrunkRollList(), c.getPelvisPitchList(),
                c.getPelvisRollList())) {
            angles.stream().filter(v -> !Float.isFinite(v) || v < -360f || v > 360f).findFirst()
                    .ifPresent(v -> broken.add("angle " + v + " not finite within [-360, 360]"));
        }
        for (List<Float> yaw : List.of(c.getTrunkYawList(), c.getPelvisYawList())) {
            yaw.stream().filter(v -> !Float.isFinite(v)).findFirst()
                    .ifPresent(v -> broken.add("yaw " + v + " not finite"));
        }
        c.getPelvisAccList().stream().filter(v -> !Float.isFinite(v) || v < 0f).findFirst()
                .ifPresent(v -> broken.add("pelvisAcc " + v + " not a finite magnitude"));
        c.getStrainList().stream().filter(v -> !Float.isFinite(v) || v < 0f || v > 1f).findFirst()
                .ifPresent(v -> broken.add("strain " + v + " outside 0.0-1.0"));
    }
}
