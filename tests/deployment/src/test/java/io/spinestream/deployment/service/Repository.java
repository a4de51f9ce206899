package io.spinestream.deployment.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where things are in the repository under test. */
public final class Repository {

    /** The four services, by artifact id (= directory under services/, Deployment and image name). */
    public static final List<String> SERVICES = List.of("sensor-ingest", "form-analysis", "journal", "notification");

    private static final Path ROOT = locateRoot();

    private Repository() {
    }

    public static Path root() {
        return ROOT;
    }

    public static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    public static Path service(String name) {
        return ROOT.resolve("services").resolve(name);
    }

    /** The project version (the image tag the build gives), from the surefire configuration. */
    public static String version() {
        String version = System.getProperty("spinestream.version");
        if (version == null || version.isBlank()) {
            throw new IllegalStateException("system property spinestream.version is not set (run through Maven)");
        }
        return version;
    }

    private static Path locateRoot() {
        String configured = System.getProperty("spinestream.root");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("services")) && Files.isDirectory(p.resolve("libs/platform"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root from " + start);
    }
}
