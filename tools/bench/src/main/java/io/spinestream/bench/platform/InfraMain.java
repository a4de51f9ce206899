package io.spinestream.bench.platform;

import java.nio.file.Path;
import java.time.Duration;

import io.spinestream.launcher.InfraConfig;
import io.spinestream.launcher.LocalInfra;
import io.spinestream.launcher.Workspace;

/**
 * The platform benchmark's infrastructure in a JVM of its own: the launcher's {@link LocalInfra}
 * (PostgreSQL, the MongoDB wire server, Kafka) on the given ports, so that what the broker and
 * the Mongo server use is measured apart from the load generator. Prints {@link #READY} once
 * the topics exist; stops when its standard input closes (the benchmark ended, or died).
 *
 * <p>Arguments: repository root, workspace home, host, Kafka port, Kafka controller port,
 * PostgreSQL port, MongoDB port.
 */
public final class InfraMain {

    static final String READY = "spinestream-bench infrastructure ready";

    private InfraMain() {
    }

    public static void main(String[] args) throws Exception {
        Workspace ws = Workspace.of(Path.of(args[0]), Path.of(args[1]));
        InfraConfig config = new InfraConfig(ws, args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                Integer.parseInt(args[5]), Integer.parseInt(args[6]));
        LocalInfra infra = new LocalInfra(config);
        Runtime.getRuntime().addShutdownHook(new Thread(infra::stop, "bench-infra-stop"));
        infra.start(System.out::println);
        infra.ensureTopics(Duration.ofSeconds(60));
        System.out.println(READY);
        System.out.flush();
        // until the benchmark closes our standard input (or dies: EOF too)
        while (System.in.read() >= 0) {
            // nothing to read but the end
        }
        infra.stop();
        System.exit(0);
    }
}
