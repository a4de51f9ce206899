package io.spinestream.deployment.service;

import io.spinestream.deployment.service.QuarkusExtensions.Phase;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One service's configuration as it runs in production, read from the repository: its
 * {@code application.properties} over the shared defaults of libs/platform
 * ({@code META-INF/microprofile-config.properties}), the {@code @ConfigMapping} interfaces of both,
 * and the configuration of the Quarkus extensions it uses. Answers what the deployment checks ask:
 * its port, health paths, the property an environment variable sets, what must be provided, and the
 * Kafka consumer groups and network endpoints it uses.
 */
public final class ServiceConfig {

    /** Read by the run-java.sh of the default (Red Hat UBI OpenJDK) base image, not by the application. */
    public static final Set<String> IMAGE_LAUNCHER_VARIABLES =
            Set.of("JAVA_MAX_MEM_RATIO", "JAVA_INITIAL_MEM_RATIO", "JAVA_OPTS_APPEND", "JAVA_DIAGNOSTICS");

    /** Values that only make sense on a developer's machine. */
    private static final List<String> LOCAL_MARKERS = List.of("127.0.0.1", "localhost", "[::1]", ".spinestream/");

    /** Properties Quarkus provides itself at run time. */
    private static final Set<String> PROVIDED = Set.of("quarkus.uuid", "quarkus.profile",
            "quarkus.application.name", "quarkus.application.version");

    private static final List<String> STREAMS_CLIENT_PREFIXES = List.of("consumer.", "producer.", "admin.",
            "main.consumer.", "restore.consumer.", "global.consumer.", "topic.");

    private static final Pattern EXPRESSION_NAME = Pattern.compile("\\$\\{([^:}$]+)");
    private static final Pattern CHANNEL_KEY = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.(.+)");

    private static final Map<String, ServiceConfig> CACHE = new ConcurrentHashMap<>();

    private final String name;
    private final String artifactId;
    private final Map<String, String> properties;
    private final Set<String> serviceKeys;
    private final Set<String> sharedKeys;
    private final List<ConfigMappings.Property> mappings;
    private final Set<String> extensions;
    private final List<QuarkusExtensions.Property> quarkusProperties;

    private ServiceConfig(String name, String artifactId, Map<String, String> shared, Map<String, String> own,
                          List<ConfigMappings.Property> mappings, Set<String> extensions) {
        this.name = name;
        this.artifactId = artifactId;
        this.sharedKeys = shared.keySet();
        this.serviceKeys = own.keySet();
        Map<String, String> effective = new LinkedHashMap<>(shared);
        effective.putAll(own);
        this.properties = Map.copyOf(effective);
        this.mappings = List.copyOf(mappings);
        this.extensions = Set.copyOf(extensions);
        this.quarkusProperties = QuarkusExtensions.onClassPath().properties(extensions);
    }

    /** The configuration of a service under services/. */
    public static ServiceConfig of(String name) {
        return CACHE.computeIfAbsent(name, ServiceConfig::load);
    }

    public static List<ServiceConfig> all() {
        return Repository.SERVICES.stream().map(ServiceConfig::of).toList();
    }

    /**
     * A service's configuration from explicit parts (for tests of the checks): {@code own} as its
     * application.properties, with the real shared defaults and the real extensions of {@code like}.
     */
    public static ServiceConfig withProperties(ServiceConfig like, Map<String, String> own) {
        Map<String, String> shared = loadProfile(Repository.path(SHARED_CONFIG));
        return new ServiceConfig(like.name, like.artifactId, shared, own, like.mappings, like.extensions);
    }

    private static final String SHARED_CONFIG = "libs/platform/src/main/resources/META-INF/microprofile-config.properties";

    private static ServiceConfig load(String name) {
        Path dir = Repository.service(name);
        Map<String, String> shared = loadProfile(Repository.path(SHARED_CONFIG));
        Map<String, String> own = loadProfile(dir.resolve("src/main/resources/application.properties"));
        List<ConfigMappings.Property> mappings = new ArrayList<>(ConfigMappings.read(dir.resolve("src/main/java")));
        mappings.addAll(ConfigMappings.read(Repository.path("libs/platform/src/main/java")));
        Set<String> direct = new LinkedHashSet<>(quarkusDependencies(dir.resolve("pom.xml")));
        direct.addAll(quarkusDependencies(Repository.path("libs/platform/pom.xml")));
        Set<String> closure = QuarkusExtensions.onClassPath().closure(direct);
        return new ServiceConfig(name, artifactId(dir.resolve("pom.xml")), shared, own, mappings, closure);
    }

    /** The properties of a file as the prod profile sees them ({@code %prod.} applied, other profiles left out). */
    static Map<String, String> loadProfile(Path file) {
        Properties raw = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            raw.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> prod = new LinkedHashMap<>();
        for (String key : raw.stringPropertyNames()) {
            if (key.startsWith("%")) {
                int dot = key.indexOf('.');
                List<String> profiles = List.of(key.substring(1, dot).split(","));
                if (profiles.contains("prod")) {
                    prod.put(key.substring(dot + 1), raw.getProperty(key));
                }
            } else {
                plain.put(key, raw.getProperty(key));
            }
        }
        plain.putAll(prod);
        return plain;
    }

    public String name() {
        return name;
    }

    public String artifactId() {
        return artifactId;
    }

    /** What the container image is named after (quarkus.container-image.name defaults to it). */
    public String applicationName() {
        return property("quarkus.application.name").orElse(artifactId);
    }

    public Map<String, String> properties() {
        return properties;
    }

    /** The image repository the build pushes to: {@code <registry>/<group>/<application name>}. */
    public String imageRepository() {
        return property("quarkus.container-image.registry").orElseThrow() + "/"
                + property("quarkus.container-image.group").orElseThrow() + "/" + applicationName();
    }

    public Optional<String> property(String key) {
        return Optional.ofNullable(properties.get(key));
    }

    public Set<String> extensions() {
        return extensions;
    }

    public boolean hasExtension(String artifactId) {
        return extensions.contains(artifactId);
    }

    public List<ConfigMappings.Property> mappings() {
        return mappings;
    }

    /** A property's default as its extension declares it. */
    public Optional<String> quarkusDefault(String property) {
        return quarkusProperties.stream().filter(p -> p.name().equals(property)).findFirst()
                .flatMap(QuarkusExtensions.Property::defaultValue);
    }

    /** Configured value, else the extension's or the mapping's default (expressions not expanded). */
    public Optional<String> valueOrDefault(String property) {
        return property(property).or(() -> quarkusDefault(property))
                .or(() -> mappings.stream().filter(m -> m.name().equals(property)).findFirst()
                        .flatMap(ConfigMappings.Property::defaultValue));
    }

    public int httpPort() {
        return Integer.parseInt(valueOrDefault("quarkus.http.port").orElseThrow());
    }

    /** The port the health endpoints answer on (the management interface's, when it is enabled). */
    public int healthPort() {
        boolean management = Boolean.parseBoolean(valueOrDefault("quarkus.management.enabled").orElse("false"));
        return management ? Integer.parseInt(valueOrDefault("quarkus.management.port").orElseThrow()) : httpPort();
    }

    /**
     * The SmallRye Health path of a kind of check ({@code live}, {@code ready}, {@code started}) as
     * the service serves it: root path, non-application root, health root, then the check's path.
     */
    public String healthPath(HealthKind kind) {
        if (!hasExtension("quarkus-smallrye-health")) {
            throw new IllegalStateException(name + " has no quarkus-smallrye-health: no health endpoints");
        }
        boolean management = Boolean.parseBoolean(valueOrDefault("quarkus.management.enabled").orElse("false"));
        String root = management ? valueOrDefault("quarkus.management.root-path").orElseThrow()
                : join(valueOrDefault("quarkus.http.root-path").orElseThrow(),
                valueOrDefault("quarkus.http.non-application-root-path").orElseThrow());
        String health = join(root, valueOrDefault("quarkus.smallrye-health.root-path").orElseThrow());
        return join(health, valueOrDefault("quarkus.smallrye-health." + kind.property).orElseThrow());
    }

    public enum HealthKind {
        LIVE("liveness-path"), READY("readiness-path"), STARTED("startup-path");

        private final String property;

        HealthKind(String property) {
            this.property = property;
        }
    }

    private static String join(String base, String path) {
        if (path.startsWith("/")) {
            return path;
        }
        return (base.endsWith("/") ? base : base + "/") + path;
    }

    /** A Duration-valued setting (configured or default), e.g. a health check's own timeout. */
    public Optional<Duration> duration(String property) {
        return valueOrDefault(property).map(ServiceConfig::parseDuration);
    }

    static Duration parseDuration(String value) {
        String v = value.trim();
        if (v.startsWith("P") || v.startsWith("p")) {
            return Duration.parse(v);
        }
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h|d)?").matcher(v);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: " + value);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** How a deployment's environment variable reaches this service's configuration. */
    public record PropertyMatch(String property, String readBy, Optional<Phase> phase) {
    }

    /**
     * The properties an environment variable of that name sets in this service, and what reads
     * each: its own or the shared properties, a {@code @ConfigMapping}, an extension, the Kafka
     * clients. Empty: the variable means nothing to this service.
     */
    public List<PropertyMatch> propertiesForEnv(String env) {
        List<PropertyMatch> matches = new ArrayList<>();
        Set<String> needed = neededProperties();
        for (String key : properties.keySet()) {
            // A shared application setting (spinestream.db.*) counts only where this service's configuration uses it.
            boolean unusedShared = !serviceKeys.contains(key) && key.startsWith("spinestream.") && !needed.contains(key);
            if (!unusedShared && EnvNames.matches(env, key)) {
                matches.add(new PropertyMatch(key, serviceKeys.contains(key) ? "application.properties"
                        : "libs/platform microprofile-config.properties", phaseOf(key)));
            }
        }
        for (String variable : expressionNames()) {
            if (EnvNames.matches(env, variable)) {
                matches.add(new PropertyMatch(variable, "an expression ${" + variable + "}", phaseOf(variable)));
            }
        }
        for (ConfigMappings.Property m : mappings) {
            if (EnvNames.matches(env, m.name())) {
                matches.add(new PropertyMatch(m.name(), "@ConfigMapping in " + m.declaredIn(), Optional.of(Phase.RUN_TIME)));
            }
        }
        for (QuarkusExtensions.Property q : quarkusProperties) {
            if (q.envPattern().matcher(env).matches() || env.equals(q.name())) {
                matches.add(new PropertyMatch(q.name(), "extension " + q.extension(), Optional.of(q.phase())));
            }
        }
        for (String client : kafkaClientConfigs()) {
            if (EnvNames.matches(env, "kafka." + client)) {
                matches.add(new PropertyMatch("kafka." + client, "the Kafka clients (default-kafka-broker)",
                        Optional.of(Phase.RUN_TIME)));
            }
        }
        if (hasExtension("quarkus-kafka-streams")) {
            for (String streams : kafkaStreamsConfigs()) {
                if (EnvNames.matches(env, "kafka-streams." + streams)) {
                    matches.add(new PropertyMatch("kafka-streams." + streams, "Kafka Streams", Optional.of(Phase.RUN_TIME)));
                }
            }
        }
        for (String channel : channels()) {
            for (String client : kafkaClientConfigs()) {
                String property = channel + "." + client;
                if (EnvNames.matches(env, property)) {
                    matches.add(new PropertyMatch(property, "the Kafka client of " + channel, Optional.of(Phase.RUN_TIME)));
                }
            }
        }
        return matches;
    }

    private Optional<Phase> phaseOf(String property) {
        return quarkusProperties.stream().filter(q -> q.name().equals(property)).findFirst()
                .map(QuarkusExtensions.Property::phase);
    }

    /** Names used in ${...} expressions of the configuration. */
    public Set<String> expressionNames() {
        Set<String> names = new LinkedHashSet<>();
        for (String value : properties.values()) {
            Matcher m = EXPRESSION_NAME.matcher(value);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private Set<String> channels() {
        Set<String> channels = new LinkedHashSet<>();
        for (String key : properties.keySet()) {
            Matcher m = CHANNEL_KEY.matcher(key);
            if (m.matches()) {
                channels.add("mp.messaging." + m.group(1) + "." + m.group(2));
            }
        }
        return channels;
    }

    private static Set<String> kafkaClientConfigs() {
        Set<String> names = new HashSet<>(ProducerConfig.configNames());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        return names;
    }

    private static Set<String> kafkaStreamsConfigs() {
        Set<String> names = new HashSet<>(StreamsConfig.configDef().names());
        for (String prefix : STREAMS_CLIENT_PREFIXES) {
            for (String client : kafkaClientConfigs()) {
                names.add(prefix + client);
            }
        }
        return names;
    }

    /**
     * The properties this service reads that a deployment may have to provide: its own, the shared
     * ones the frameworks read ({@code kafka.*}, {@code mp.*}, ...), and the shared
     * {@code spinestream.*} ones its own configuration refers to. Properties fixed at build time are
     * left out: the environment of a deployment cannot change them.
     */
    public Set<String> neededProperties() {
        Set<String> needed = new LinkedHashSet<>();
        for (String key : properties.keySet()) {
            boolean sharedApplicationSetting = sharedKeys.contains(key) && !serviceKeys.contains(key)
                    && key.startsWith("spinestream.");
            if (!sharedApplicationSetting && readAtRunTime(key)) {
                needed.add(key);
            }
        }
        Set<String> referenced = new LinkedHashSet<>();
        for (String key : needed) {
            collectReferences(key, referenced, new HashSet<>());
        }
        needed.addAll(referenced.stream().filter(properties::containsKey).toList());
        // A credential the service's own mapping declares without a default (an encryption key): only a deployment has it.
        for (ConfigMappings.Property m : mappings) {
            if (m.defaultValue().isEmpty() && EnvironmentChecks.isCredential(m.name())) {
                needed.add(m.name());
            }
        }
        return needed;
    }

    private boolean readAtRunTime(String key) {
        if (!key.startsWith("quarkus.")) {
            return true;
        }
        Optional<Phase> phase = phaseOf(key);
        // A quarkus.* property no runtime extension declares is a build step's (container image, OpenAPI, ...).
        return phase.isPresent() && !phase.get().fixedAtBuild();
    }

    private void collectReferences(String key, Set<String> out, Set<String> seen) {
        if (!seen.add(key)) {
            return;
        }
        String value = properties.get(key);
        if (value == null) {
            return;
        }
        Matcher m = EXPRESSION_NAME.matcher(value);
        while (m.find()) {
            out.add(m.group(1));
            collectReferences(m.group(1), out, seen);
        }
    }

    /** Whether a resolved value only makes sense on a developer's machine. */
    public static boolean isLocal(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        return LOCAL_MARKERS.stream().anyMatch(v::contains) || v.startsWith("file:.") || v.startsWith("./")
                || v.startsWith("../");
    }

    /** A property's value with the deployment's environment variables over the service's configuration. */
    public Resolution resolve(String property, Map<String, EnvValue> env) {
        Set<EnvValue> used = new LinkedHashSet<>();
        boolean[] complete = {true};
        String value = lookup(property, env, used, complete, new HashSet<>());
        return new Resolution(value == null ? "" : value, used, complete[0] && value != null);
    }

    private String lookup(String property, Map<String, EnvValue> env, Set<EnvValue> used, boolean[] complete,
                          Set<String> resolving) {
        for (EnvValue e : env.values()) {
            if (EnvNames.matches(e.name(), property)) {
                used.add(e);
                return e.valueOrStandIn();
            }
        }
        if (PROVIDED.contains(property)) {
            return "<" + property + ">";
        }
        String raw = properties.get(property);
        if (raw == null) {
            return null;
        }
        if (!resolving.add(property)) {
            throw new IllegalStateException("expression loop at " + property);
        }
        String expanded = expand(raw, env, used, complete, resolving);
        resolving.remove(property);
        return expanded;
    }

    private String expand(String raw, Map<String, EnvValue> env, Set<EnvValue> used, boolean[] complete,
                          Set<String> resolving) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < raw.length()) {
            int start = raw.indexOf("${", i);
            if (start < 0) {
                out.append(raw, i, raw.length());
                break;
            }
            out.append(raw, i, start);
            int depth = 0;
            int end = start;
            for (int j = start; j < raw.length(); j++) {
                if (raw.startsWith("${", j)) {
                    depth++;
                    j++;
                } else if (raw.charAt(j) == '}' && --depth == 0) {
                    end = j;
                    break;
                }
            }
            String inner = raw.substring(start + 2, end);
            int colon = inner.indexOf(':');
            String name = colon < 0 ? inner : inner.substring(0, colon);
            String value = lookup(name, env, used, complete, resolving);
            if (value == null && colon >= 0) {
                value = expand(inner.substring(colon + 1), env, used, complete, resolving);
            }
            if (value == null) {
                complete[0] = false;
                value = "${" + name + "}";
            }
            out.append(value);
            i = end + 1;
        }
        return out.toString();
    }

    /**
     * The Kafka consumer groups of this service: group id → the topic its channel names in the
     * properties (empty when the topic comes from code, e.g. the registry through a ConfigSource,
     * or for the Kafka Streams application id).
     */
    public Map<String, Optional<String>> consumerGroups() {
        Map<String, Optional<String>> groups = new LinkedHashMap<>();
        for (String channel : channels()) {
            if (!channel.startsWith("mp.messaging.incoming.")
                    || !"smallrye-kafka".equals(properties.get(channel + ".connector"))) {
                continue;
            }
            String group = Optional.ofNullable(properties.get(channel + ".group.id")).orElse(applicationName());
            groups.put(group, Optional.ofNullable(properties.get(channel + ".topic")));
        }
        property("quarkus.kafka-streams.application-id").ifPresent(id -> groups.put(id, Optional.empty()));
        return groups;
    }

    /** Whether the service calls receivers on the internet (webhooks): it has their address guard. */
    public boolean sendsWebhooks() {
        return mappings.stream().anyMatch(m -> m.name().startsWith("spinestream.notification.webhooks.targets."));
    }

    /**
     * The address guard's switches for private networks, loopback and link-local addresses, which
     * must all be off by default for the network policy's exceptions to mirror them.
     */
    public Map<String, String> webhookTargetGuards() {
        return mappings.stream().filter(m -> m.name().startsWith("spinestream.notification.webhooks.targets."))
                .collect(Collectors.toMap(ConfigMappings.Property::name, m -> m.defaultValue().orElse("")));
    }

    /** Kafka, PostgreSQL, MongoDB (and a JWKS URL) as this service would reach them in a deployment. */
    public List<Endpoint> endpoints(Map<String, EnvValue> env) {
        List<Endpoint> endpoints = new ArrayList<>();
        List<String> kafka = new ArrayList<>(List.of("kafka.bootstrap.servers"));
        if (hasExtension("quarkus-kafka-streams")) {
            kafka.add("quarkus.kafka-streams.bootstrap-servers");
        }
        for (String property : kafka) {
            for (String server : resolve(property, env).value().split(",")) {
                endpoints.add(hostPort(Endpoint.Kind.KAFKA, server.trim(), 9092, property));
            }
        }
        for (String property : List.of("quarkus.datasource.reactive.url", "quarkus.datasource.jdbc.url")) {
            if (properties.containsKey(property)) {
                String url = resolve(property, env).value().replaceFirst("^jdbc:", "").replaceFirst("^vertx-reactive:", "");
                URI uri = URI.create(url);
                endpoints.add(new Endpoint(Endpoint.Kind.POSTGRESQL, uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(),
                        property));
            }
        }
        if (hasExtension("quarkus-mongodb-client")) {
            String property = "quarkus.mongodb.connection-string";
            String uri = resolve(property, env).value();
            String hosts = uri.replaceFirst("^mongodb(\\+srv)?://", "").replaceFirst("^[^@/]*@", "").replaceFirst("[/?].*$", "");
            for (String host : hosts.split(",")) {
                endpoints.add(hostPort(Endpoint.Kind.MONGODB, host, 27017, property));
            }
        }
        String keyLocation = resolve("mp.jwt.verify.publickey.location", env).value();
        if (keyLocation.startsWith("https://") || keyLocation.startsWith("http://")) {
            URI uri = URI.create(keyLocation);
            int port = uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
            endpoints.add(new Endpoint(Endpoint.Kind.JWKS, uri.getHost(), port, "mp.jwt.verify.publickey.location"));
        }
        return endpoints;
    }

    private static Endpoint hostPort(Endpoint.Kind kind, String hostPort, int defaultPort, String property) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0 || hostPort.endsWith("]")) {
            return new Endpoint(kind, hostPort, defaultPort, property);
        }
        return new Endpoint(kind, hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)), property);
    }

    private static String artifactId(Path pom) {
        try (InputStream in = Files.newInputStream(pom)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var project = factory.newDocumentBuilder().parse(in).getDocumentElement();
            var children = project.getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                if ("artifactId".equals(children.item(i).getNodeName())) {
                    return children.item(i).getTextContent().trim();
                }
            }
            throw new IllegalStateException(pom + " has no artifactId");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + pom, e);
        }
    }

    /** The io.quarkus artifacts a pom depends on outside test scope. */
    static Collection<String> quarkusDependencies(Path pom) {
        try (InputStream in = Files.newInputStream(pom)) {
            return QuarkusExtensions.quarkusDependencies(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
