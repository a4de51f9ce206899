package io.spinestream.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One service run by the launcher as a child process.
 *
 * @param name       the service's module name under {@code services/}, also its log file name
 * @param port       its HTTP port on 127.0.0.1 (health, metrics, OpenAPI, API)
 * @param command    the command line for a given workspace (by default {@code java -jar <quarkus-run.jar>})
 * @param artifact   the file that must exist before it can start (by default its quarkus-run.jar)
 */
public record ServiceSpec(String name, int port, Function<Workspace, List<String>> command,
                          Function<Workspace, Path> artifact) {

    public ServiceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(artifact, "artifact");
    }

    /** A Quarkus service built by Maven into {@code services/<name>/target/quarkus-app/quarkus-run.jar}. */
    public static ServiceSpec quarkus(String name, int port) {
        Function<Workspace, Path> jar = ws -> quarkusRunJar(ws, name);
        return new ServiceSpec(name, port, ws -> {
            List<String> cmd = new ArrayList<>();
            cmd.add(javaExecutable());
            cmd.add("-jar");
            cmd.add(jar.apply(ws).toString());
            return cmd;
        }, jar);
    }

    public static Path quarkusRunJar(Workspace ws, String name) {
        return ws.root().resolve("services").resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** The same Java that runs the launcher. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public String baseUrl() {
        return "http://" + LocalPlatform.HOST + ":" + port;
    }

    public String readinessUrl() {
        return baseUrl() + "/q/health/ready";
    }

    @Override
    public String toString() {
        return name + "@" + port;
    }
}
