package io.spinestream.deployment.compose;

import io.spinestream.deployment.databases.DatabaseInit;
import io.spinestream.deployment.service.Endpoint;
import io.spinestream.deployment.service.EnvValue;
import io.spinestream.deployment.service.EnvironmentChecks;
import io.spinestream.deployment.service.Repository;
import io.spinestream.deployment.service.ServiceConfig;
import io.spinestream.deployment.service.ServiceConfig.HealthKind;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks of deploy/docker-compose.yml against the services' configuration. Every check returns
 * the problems it finds, empty when there are none; {@link #all(ComposeFile)} runs them all.
 */
public final class ComposeChecks {

    static final String TOPICS_SERVICE = "kafka-topics";
    static final String TOPIC_SCRIPT = "k8s/base/kafka-topics/create-topics.sh";
    /** The user the services' images run as (the UBI OpenJDK base image's). */
    static final String IMAGE_USER = "185";

    private ComposeChecks() {
    }

    public static List<String> all(ComposeFile compose) {
        List<String> problems = new ArrayList<>();
        for (ServiceConfig s : ServiceConfig.all()) {
            if (compose.service(s.name()).isEmpty()) {
                problems.add(compose + ": no service " + s.name());
                continue;
            }
            problems.addAll(image(compose, s));
            problems.addAll(ports(compose, s));
            problems.addAll(healthcheck(compose, s));
            problems.addAll(environment(compose, s));
            problems.addAll(dependencies(compose, s));
            problems.addAll(files(compose, s));
        }
        problems.addAll(topics(compose));
        problems.addAll(databases(compose));
        return problems;
    }

    /** The image the build produces, tagged by default with the project version. */
    public static List<String> image(ComposeFile compose, ServiceConfig s) {
        String expected = s.imageRepository() + ":" + Repository.version();
        String actual = compose.interpolate(String.valueOf(compose.service(s.name()).orElseThrow().get("image")));
        return expected.equals(actual) ? List.of()
                : List.of(compose + ": service " + s.name() + " runs image " + actual + ", the build makes " + expected);
    }

    /** The published port is the service's quarkus.http.port inside the container. */
    public static List<String> ports(ComposeFile compose, ServiceConfig s) {
        List<String> problems = new ArrayList<>();
        List<Integer> targets = new ArrayList<>();
        for (String port : ComposeFile.strings(compose.service(s.name()).orElseThrow().get("ports"))) {
            String spec = compose.interpolate(port).replaceFirst("/tcp$", "");
            targets.add(Integer.parseInt(spec.substring(spec.lastIndexOf(':') + 1)));
        }
        if (!targets.contains(s.httpPort())) {
            problems.add(compose + ": service " + s.name() + " publishes container ports " + targets + ", not its HTTP port "
                    + s.httpPort() + " (quarkus.http.port)");
        }
        for (int t : targets) {
            if (t != s.httpPort() && t != s.healthPort()) {
                problems.add(compose + ": service " + s.name() + " publishes container port " + t + ", which it does not listen on");
            }
        }
        return problems;
    }

    /** The health check asks the service's readiness endpoint on its port. */
    public static List<String> healthcheck(ComposeFile compose, ServiceConfig s) {
        Map<String, Object> hc = ComposeFile.map(compose.service(s.name()).orElseThrow().get("healthcheck"));
        String test = String.join(" ", ComposeFile.strings(hc.get("test")));
        String ready = s.healthPath(HealthKind.READY);
        List<String> problems = new ArrayList<>();
        String quoted = java.util.regex.Pattern.quote(ready);
        if (!test.matches(".*(GET " + quoted + " |https?://[^/ ]+" + quoted + "\\b).*")) {
            problems.add(compose + ": service " + s.name() + "'s health check does not ask " + ready + ": " + test);
        }
        if (!test.matches(".*(/dev/tcp/[^/ ]+/|:)" + s.healthPort() + "\\b.*")) {
            problems.add(compose + ": service " + s.name() + "'s health check does not ask port " + s.healthPort() + ": " + test);
        }
        return problems;
    }

    /** Every variable means something to the service; everything it needs is given; credentials by variables of the shell. */
    public static List<String> environment(ComposeFile compose, ServiceConfig s) {
        Map<String, EnvValue> env = compose.environment(s.name());
        String where = compose + ": service " + s.name();
        List<String> problems = new ArrayList<>(EnvironmentChecks.names(s, env, where));
        problems.addAll(EnvironmentChecks.required(s, env, where, Set.of(EnvValue.Source.INTERPOLATED)));
        return problems;
    }

    /**
     * The service starts once the topics exist and the databases it uses answer: it depends on the
     * Compose services its Kafka and database addresses name, each with a health check, directly
     * (healthy) or through a one-shot service that depends on them (completed).
     */
    public static List<String> dependencies(ComposeFile compose, ServiceConfig s) {
        List<String> problems = new ArrayList<>();
        String where = compose + ": service " + s.name();
        Map<String, Object> dependsOn = ComposeFile.map(compose.service(s.name()).orElseThrow().get("depends_on"));
        if (!"service_completed_successfully".equals(condition(dependsOn, TOPICS_SERVICE))) {
            problems.add(where + " does not wait for " + TOPICS_SERVICE + " to complete (the services do not create topics)");
        }
        Set<String> hosts = new LinkedHashSet<>();
        for (Endpoint e : s.endpoints(compose.environment(s.name()))) {
            if (e.kind() != Endpoint.Kind.JWKS) {
                hosts.add(e.host());
            }
        }
        for (String host : hosts) {
            Optional<Map<String, Object>> dependency = compose.service(host);
            if (dependency.isEmpty()) {
                problems.add(where + " reaches " + host + ", which is not a service of the file");
                continue;
            }
            if (dependency.get().get("healthcheck") == null) {
                problems.add(compose + ": service " + host + " has no health check for " + s.name() + " to wait on");
            }
            boolean direct = "service_healthy".equals(condition(dependsOn, host));
            boolean viaOneShot = dependsOn.keySet().stream().anyMatch(d -> "service_completed_successfully".equals(condition(dependsOn, d))
                    && "service_healthy".equals(condition(ComposeFile.map(compose.service(d).orElse(Map.of()).get("depends_on")), host)));
            if (!direct && !viaOneShot) {
                problems.add(where + " does not wait for " + host + " to be healthy");
            }
        }
        return problems;
    }

    private static String condition(Map<String, Object> dependsOn, String service) {
        Object d = dependsOn.get(service);
        return d == null ? null : String.valueOf(ComposeFile.map(d).get("condition"));
    }

    /**
     * With a read-only root file system, /tmp is a tmpfs and the Kafka Streams state directory a
     * volume the image's user may write; the JWT public key is mounted where the service reads it.
     */
    public static List<String> files(ComposeFile compose, ServiceConfig s) {
        List<String> problems = new ArrayList<>();
        String where = compose + ": service " + s.name();
        Map<String, Object> service = compose.service(s.name()).orElseThrow();
        Map<String, EnvValue> env = compose.environment(s.name());
        if (!Boolean.TRUE.equals(service.get("read_only"))) {
            problems.add(where + ": the root file system is writable (read_only: true)");
        } else if (!ComposeFile.strings(service.get("tmpfs")).contains("/tmp") && volumeAt(service, "/tmp").isEmpty()) {
            problems.add(where + ": /tmp is not writable (tmpfs) on a read-only root file system");
        }
        if (s.hasExtension("quarkus-kafka-streams")) {
            String state = s.resolve("kafka-streams.state.dir", env).value();
            Optional<String> volume = volumeAt(service, state);
            if (volume.isEmpty()) {
                problems.add(where + ": the Kafka Streams state " + state + " is not on a volume");
            } else {
                boolean handedOver = compose.services().entrySet().stream().anyMatch(other -> {
                    Map<String, Object> o = ComposeFile.map(other.getValue());
                    return String.join(" ", ComposeFile.strings(o.get("command"))).matches(".*chown .*" + IMAGE_USER + ".*")
                            && ComposeFile.strings(o.get("volumes")).stream().anyMatch(v -> v.startsWith(volume.get() + ":"))
                            && "service_completed_successfully".equals(condition(ComposeFile.map(service.get("depends_on")), other.getKey()));
                });
                if (!handedOver) {
                    problems.add(where + ": volume " + volume.get() + " is root's until a one-shot service it waits for hands it"
                            + " to uid " + IMAGE_USER);
                }
            }
        }
        String key = s.resolve("mp.jwt.verify.publickey.location", env).value();
        if (key.startsWith("file:")) {
            String path = key.substring("file:".length());
            boolean mounted = false;
            for (Object secret : service.get("secrets") instanceof List<?> l ? l : List.of()) {
                Map<String, Object> m = ComposeFile.map(secret);
                String target = m.isEmpty() ? String.valueOf(secret) : String.valueOf(m.getOrDefault("target", m.get("source")));
                String source = m.isEmpty() ? String.valueOf(secret) : String.valueOf(m.get("source"));
                String mountedAt = target.startsWith("/") ? target : "/run/secrets/" + target;
                if (mountedAt.equals(path) && ComposeFile.map(compose.root().get("secrets")).containsKey(source)) {
                    mounted = true;
                }
            }
            mounted |= volumeAt(service, path).isPresent();
            if (!mounted) {
                problems.add(where + ": the JWT public key " + path + " is not mounted (secrets or volumes)");
            }
        }
        return problems;
    }

    /** The source of the volume mounted at (or above) a path in the container. */
    private static Optional<String> volumeAt(Map<String, Object> service, String path) {
        Optional<String> best = Optional.empty();
        int bestLength = -1;
        for (String v : ComposeFile.strings(service.get("volumes"))) {
            String[] parts = v.split(":");
            if (parts.length < 2) {
                continue;
            }
            String target = parts[1];
            if ((path.equals(target) || path.startsWith(target + "/")) && target.length() > bestLength) {
                best = Optional.of(parts[0]);
                bestLength = target.length();
            }
        }
        return best;
    }

    /** The topic service runs the repository's script against the Kafka the services use. */
    public static List<String> topics(ComposeFile compose) {
        List<String> problems = new ArrayList<>();
        Optional<Map<String, Object>> topics = compose.service(TOPICS_SERVICE);
        if (topics.isEmpty()) {
            return List.of(compose + ": no service " + TOPICS_SERVICE + " (the services do not create their topics)");
        }
        String command = String.join(" ", ComposeFile.strings(topics.get().get("command")));
        Path script = Repository.path(TOPIC_SCRIPT).normalize();
        boolean mountsScript = ComposeFile.strings(topics.get().get("volumes")).stream().anyMatch(v -> {
            String[] parts = v.split(":");
            return parts.length >= 2 && compose.directory().resolve(parts[0]).normalize().equals(script)
                    && command.contains(parts[1]);
        });
        if (!mountsScript) {
            problems.add(compose + ": service " + TOPICS_SERVICE + " does not run " + TOPIC_SCRIPT + " (command: " + command + ")");
        }
        String bootstrap = compose.environment(TOPICS_SERVICE).getOrDefault("BOOTSTRAP_SERVERS",
                EnvValue.literal("BOOTSTRAP_SERVERS", "")).valueOrStandIn();
        for (ServiceConfig s : ServiceConfig.all()) {
            if (compose.service(s.name()).isPresent()) {
                String kafka = s.resolve("kafka.bootstrap.servers", compose.environment(s.name())).value();
                if (!kafka.equals(bootstrap)) {
                    problems.add(compose + ": " + TOPICS_SERVICE + " creates topics on " + bootstrap + ", " + s.name() + " uses " + kafka);
                }
            }
        }
        return problems;
    }

    /**
     * PostgreSQL creates every database the services' URLs name, for the role they log in with;
     * MongoDB creates form-analysis's user in the database it keeps its records in.
     */
    public static List<String> databases(ComposeFile compose) {
        List<String> problems = new ArrayList<>();
        for (ServiceConfig s : ServiceConfig.all()) {
            if (compose.service(s.name()).isEmpty()) {
                continue;
            }
            Map<String, EnvValue> env = compose.environment(s.name());
            for (Endpoint e : s.endpoints(env)) {
                if (e.kind() == Endpoint.Kind.KAFKA || e.kind() == Endpoint.Kind.JWKS) {
                    continue;
                }
                Optional<Path> init = initDirectory(compose, e.host());
                if (init.isEmpty()) {
                    problems.add(compose + ": service " + e.host() + " (" + e.kind() + " of " + s.name()
                            + ") mounts no init scripts into /docker-entrypoint-initdb.d");
                    continue;
                }
                if (e.kind() == Endpoint.Kind.POSTGRESQL) {
                    String db = DatabaseInit.postgresDatabaseOf(s).orElseThrow();
                    if (!DatabaseInit.postgresDatabases(init.get()).contains(db)) {
                        problems.add(compose + ": " + e.host() + "'s init scripts do not create database " + db + " of " + s.name());
                    }
                    problems.addAll(sameVariable(compose, s.name(), "SPINESTREAM_DB_USERNAME", e.host(), "SPINESTREAM_DB_USERNAME"));
                    problems.addAll(sameVariable(compose, s.name(), "SPINESTREAM_DB_PASSWORD", e.host(), "SPINESTREAM_DB_PASSWORD"));
                } else {
                    String db = DatabaseInit.mongoDatabaseOf(s).orElseThrow();
                    if (!DatabaseInit.mongoDatabases(init.get()).contains(db)) {
                        problems.add(compose + ": " + e.host() + "'s init scripts create no user in database " + db + " of " + s.name());
                    }
                    String authSource = s.resolve("quarkus.mongodb.credentials.auth-source", env).value();
                    if (!db.equals(authSource)) {
                        problems.add(compose + ": " + s.name() + " authenticates against " + authSource + ", its user is in " + db);
                    }
                    problems.addAll(sameVariable(compose, s.name(), "QUARKUS_MONGODB_CREDENTIALS_USERNAME", e.host(), "SPINESTREAM_MONGODB_USERNAME"));
                    problems.addAll(sameVariable(compose, s.name(), "QUARKUS_MONGODB_CREDENTIALS_PASSWORD", e.host(), "SPINESTREAM_MONGODB_PASSWORD"));
                }
            }
        }
        return problems.stream().distinct().toList();
    }

    private static List<String> sameVariable(ComposeFile compose, String service, String name, String database, String dbName) {
        Optional<String> a = compose.rawEnvironment(service, name);
        Optional<String> b = compose.rawEnvironment(database, dbName);
        if (a.isEmpty() || b.isEmpty() || !a.get().equals(b.get())) {
            return List.of(compose + ": " + service + "'s " + name + " (" + a.orElse("unset") + ") is not what " + database
                    + " is initialised with as " + dbName + " (" + b.orElse("unset") + ")");
        }
        return List.of();
    }

    private static Optional<Path> initDirectory(ComposeFile compose, String service) {
        for (String v : ComposeFile.strings(compose.service(service).orElse(Map.of()).get("volumes"))) {
            String[] parts = v.split(":");
            if (parts.length >= 2 && parts[1].equals("/docker-entrypoint-initdb.d")) {
                Path dir = compose.directory().resolve(parts[0]).normalize();
                return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
