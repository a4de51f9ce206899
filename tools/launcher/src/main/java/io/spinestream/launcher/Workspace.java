package io.spinestream.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository root and the {@code .spinestream/} directory under it, where every piece of local
 * state lives: delete that directory to reset the local platform.
 */
public final class Workspace {

    public static final String DIR_NAME = ".spinestream";

    private final Path root;
    private final Path home;

    private Workspace(Path root, Path home) {
        this.root = root.toAbsolutePath().normalize();
        this.home = home.toAbsolutePath().normalize();
    }

    /** The repository root is {@code -Dspinestream.root} (set by the script), else the working directory. */
    public static Workspace fromEnvironment() {
        String root = System.getProperty("spinestream.root");
        return at(Path.of(root == null || root.isBlank() ? "." : root));
    }

    public static Workspace at(Path root) {
        return new Workspace(root, root.resolve(DIR_NAME));
    }

    /** For tests: services resolved against {@code root}, state kept under {@code home}. */
    public static Workspace of(Path root, Path home) {
        return new Workspace(root, home);
    }

    public Path root() {
        return root;
    }

    /** {@code .spinestream/} */
    public Path home() {
        return home;
    }

    public Path kafkaDir() {
        return home.resolve("kafka");
    }

    public Path postgresDataDir() {
        return home.resolve("postgres");
    }

    public Path mongoDir() {
        return home.resolve("mongo");
    }

    public Path keysDir() {
        return home.resolve("keys");
    }

    public Path privateKeyFile() {
        return keysDir().resolve("jwt-private.pem");
    }

    public Path publicKeyFile() {
        return keysDir().resolve("jwt-public.pem");
    }

    public Path logsDir() {
        return home.resolve("logs");
    }

    public Path logFile(String name) {
        return logsDir().resolve(name + ".log");
    }

    /** Per-service local state (e.g. Kafka Streams state stores). */
    public Path stateDir(String service) {
        return home.resolve("state").resolve(service);
    }

    /** What simulated belts keep between runs: credentials, next seqs, recent reps ({@code simulate}, the demo). */
    public Path simulatorBeltsFile() {
        return home.resolve("simulator").resolve("belts.properties");
    }

    /** The demo's own state: its webhook endpoint and secret, the last simulation's report. */
    public Path demoDir() {
        return home.resolve("demo");
    }

    public Path pidFile() {
        return home.resolve("launcher.pid");
    }

    public Path stateFile() {
        return home.resolve("state.properties");
    }

    public Path postmasterPidFile() {
        return postgresDataDir().resolve("postmaster.pid");
    }

    public Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    @Override
    public String toString() {
        return home.toString();
    }
}
