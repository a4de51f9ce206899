package io.spinestream.launcher;

/**
 * Where the local infrastructure keeps its data and which ports it listens on. The launcher uses
 * {@link LocalPlatform#infraConfig(Workspace)}; tests use a temporary workspace and free ports.
 */
public record InfraConfig(Workspace workspace, String host, int kafkaPort, int kafkaControllerPort,
                          int postgresPort, int mongoPort) {

    public String kafkaBootstrap() {
        return host + ":" + kafkaPort;
    }

    public String mongoUri() {
        return "mongodb://" + host + ":" + mongoPort;
    }
}
