package io.spinestream.events.telemetry;

import io.spinestream.events.telemetry.proto.Channels;
import io.spinestream.events.telemetry.proto.TelemetryBatch;
import java.util.List;
import java.util.Random;

/** Random batches that keep every rule of telemetry.md: the seeds the fuzz tests mutate. */
final class RandomBatches {

    static final List<String> ACTIVITIES = List.of("calibration", "deadlift", "romanian_deadlift", "squat", "row",
            "lunge", "overhead_press", "push_up", "plank", "side_plank", "glute_bridge", "bird_dog", "dead_bug", "crunch",
            "walking", "running", "jumping", "cycling", "sitting", "standing", "lifting", "unknown");
    private static final String BELT_ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-";
    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z, the first and last RFC 3339 instants. */
    static final long FIRST_MS = -62167219200000L;
    static final long LAST_MS = 253402300799999L;

    private RandomBatches() {
    }

    /** A valid batch; mostly small (so that many fit in a run), sometimes of the largest size. */
    static TelemetryBatch valid(Random r) {
        int n = r.nextInt(50) == 0 ? 2000 : 1 + r.nextInt(r.nextBoolean() ? 4 : 60);
        TelemetryBatch.Builder b = TelemetryBatch.newBuilder()
                .setBeltId(beltId(r))
                .setSeq(switch (r.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> Long.MAX_VALUE - r.nextInt(3);
                    default -> r.nextInt(1_000_000);
                })
                .setStartedAtMs(switch (r.nextInt(6)) {
                    case 0 -> FIRST_MS;
                    case 1 -> LAST_MS;
                    default -> 1_700_000_000_000L + (long) (r.nextDouble() * 100_000_000_000L);
                })
                .setRateHz(r.nextInt(5) == 0 ? (r.nextBoolean() ? 1 : 400) : 1 + r.nextInt(400));
        if (r.nextBoolean()) {
            b.setActivity(ACTIVITIES.get(r.nextInt(ACTIVITIES.size())));
        }
        if (r.nextBoolean()) {
            b.setFirmware(switch (r.nextInt(3)) {
                case 0 -> "2.3.1";
                case 1 -> "\uD83D\uDE80".repeat(32); // 32 characters, 64 UTF-16 units
                default -> "fw é " + r.nextInt(1000);
            });
        }
        if (r.nextBoolean()) {
            b.setBattery(r.nextInt(4) == 0 ? (r.nextBoolean() ? 0f : 1f) : r.nextFloat());
        }
        Channels.Builder c = Channels.newBuilder();
        boolean acc = r.nextBoolean();
        boolean strain = r.nextBoolean();
        for (int i = 0; i < n; i++) {
            c.addTrunkPitch(angle(r)).addTrunkRoll(angle(r)).addTrunkYaw(yaw(r))
                    .addPelvisPitch(angle(r)).addPelvisRoll(angle(r)).addPelvisYaw(yaw(r));
            if (acc) {
                c.addPelvisAcc(r.nextInt(10) == 0 ? 0f : r.nextFloat() * 8f);
            }
            if (strain) {
                c.addStrain(r.nextFloat());
            }
        }
        return b.setChannels(c).build();
    }

    static String beltId(Random r) {
        StringBuilder id = new StringBuilder();
        int length = 3 + r.nextInt(30);
        for (int i = 0; i < length; i++) {
            id.append(BELT_ID_CHARS.charAt(r.nextInt(BELT_ID_CHARS.length())));
        }
        return id.toString();
    }

    private static float angle(Random r) {
        return switch (r.nextInt(12)) {
            case 0 -> 360f;
            case 1 -> -360f;
            case 2 -> -0f;
            default -> (r.nextFloat() - 0.5f) * 200f;
        };
    }

    private static float yaw(Random r) {
        return r.nextInt(10) == 0 ? (r.nextBoolean() ? 1e30f : -123456.79f) : r.nextFloat() * 720f - 360f;
    }
}
