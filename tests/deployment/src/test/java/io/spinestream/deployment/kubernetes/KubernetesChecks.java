package io.spinestream.deployment.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.spinestream.deployment.kubernetes.NetworkPolicyChecks.Need;
import io.spinestream.deployment.service.EnvValue;
import io.spinestream.deployment.service.EnvironmentChecks;
import io.spinestream.deployment.service.Endpoint;
import io.spinestream.deployment.service.Repository;
import io.spinestream.deployment.service.ServiceConfig;
import io.spinestream.deployment.service.ServiceConfig.HealthKind;
import io.spinestream.events.topic.TopicSpec;
import io.spinestream.events.topic.Topics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks of rendered Kubernetes manifests against the services' configuration. Every check returns
 * the problems it finds (one sentence each, naming the render and the object), empty when there are
 * none; {@link #all(Rendered)} runs them all.
 */
public final class KubernetesChecks {

    static final String TOPICS_JOB = "spinestream-topics";
    static final String TOPIC_SCRIPT = "k8s/base/kafka-topics/create-topics.sh";

    private KubernetesChecks() {
    }

    public static List<String> all(Rendered r) {
        List<String> problems = new ArrayList<>(workloads(r));
        for (ServiceConfig s : ServiceConfig.all()) {
            if (r.deployment(s.name()).isEmpty()) {
                continue;
            }
            problems.addAll(image(r, s));
            problems.addAll(ports(r, s));
            problems.addAll(probes(r, s));
            problems.addAll(environment(r, s));
            problems.addAll(volumes(r, s));
            problems.addAll(hardening(r, s));
            problems.addAll(availability(r, s));
            problems.addAll(networkPolicies(r, s));
        }
        problems.addAll(autoscaling(r));
        problems.addAll(topicsJob(r));
        problems.addAll(secretsDocumented(r));
        return problems;
    }

    /** One Deployment per service, named after it, and no other. */
    public static List<String> workloads(Rendered r) {
        List<String> problems = new ArrayList<>();
        Set<String> services = Set.copyOf(Repository.SERVICES);
        for (String s : services) {
            if (r.deployment(s).isEmpty()) {
                problems.add(r + ": no Deployment " + s);
            }
        }
        for (Deployment d : r.all(Deployment.class)) {
            if (!services.contains(d.getMetadata().getName())) {
                problems.add(r + ": Deployment " + d.getMetadata().getName() + " is not one of the services " + services);
            }
        }
        return problems;
    }

    /**
     * The image the build produces: registry/group/application name; tagged with the project version
     * in the base, with a fixed tag (never {@code latest}) where an overlay pins a release.
     */
    public static List<String> image(Rendered r, ServiceConfig s) {
        String repository = s.imageRepository();
        String actual = Rendered.container(r.deployment(s.name()).orElseThrow()).getImage();
        String where = r + ": Deployment " + s.name() + " runs image " + actual;
        if (!actual.startsWith(repository + ":") && !actual.startsWith(repository + "@")) {
            return List.of(where + ", the build makes " + repository + ":" + Repository.version());
        }
        String tag = actual.substring(repository.length() + 1);
        if (tag.equals("latest")) {
            return List.of(where + ": a moving tag; a rollout needs a fixed one");
        }
        if (r.name().equals("base") && !tag.equals(Repository.version())) {
            return List.of(where + ", the build makes " + repository + ":" + Repository.version());
        }
        return List.of();
    }

    /** The container listens on quarkus.http.port, and the Service sends traffic there. */
    public static List<String> ports(Rendered r, ServiceConfig s) {
        List<String> problems = new ArrayList<>();
        Deployment d = r.deployment(s.name()).orElseThrow();
        Container c = Rendered.container(d);
        String where = r + ": Deployment " + s.name();
        List<ContainerPort> ports = Optional.ofNullable(c.getPorts()).orElse(List.of());
        for (int port : new LinkedHashSet<>(List.of(s.httpPort(), s.healthPort()))) {
            if (ports.stream().noneMatch(p -> p.getContainerPort() == port)) {
                problems.add(where + ": no container port " + port + " (quarkus.http.port of " + s.name() + ")");
            }
        }
        for (ContainerPort p : ports) {
            if (p.getContainerPort() != s.httpPort() && p.getContainerPort() != s.healthPort()) {
                problems.add(where + ": container port " + p.getContainerPort() + " is not a port " + s.name() + " listens on ("
                        + s.httpPort() + ")");
            }
        }
        Optional<Service> service = r.services().stream().filter(x -> x.getMetadata().getName().equals(s.name())).findFirst();
        if (service.isEmpty()) {
            problems.add(r + ": no Service " + s.name());
            return problems;
        }
        Map<String, String> podLabels = Rendered.pod(d).getMetadata().getLabels();
        if (!matches(service.get().getSpec().getSelector(), podLabels)) {
            problems.add(r + ": Service " + s.name() + " selects " + service.get().getSpec().getSelector()
                    + ", not the pods of Deployment " + s.name() + " " + podLabels);
        }
        for (ServicePort sp : service.get().getSpec().getPorts()) {
            Integer target = resolvePort(sp.getTargetPort() == null ? new IntOrString(sp.getPort()) : sp.getTargetPort(), c);
            if (!Objects.equals(target, s.httpPort())) {
                problems.add(r + ": Service " + s.name() + " port " + sp.getPort() + " targets " + portText(sp.getTargetPort())
                        + ", which is not " + s.name() + "'s HTTP port " + s.httpPort());
            }
        }
        return problems;
    }

    /**
     * Startup, liveness and readiness probes ask the service's SmallRye Health endpoints, on its
     * port, and wait longer than the service's own health checks may take.
     */
    public static List<String> probes(Rendered r, ServiceConfig s) {
        List<String> problems = new ArrayList<>();
        Container c = Rendered.container(r.deployment(s.name()).orElseThrow());
        String where = r + ": Deployment " + s.name();
        Map<HealthKind, Probe> probes = new java.util.EnumMap<>(HealthKind.class);
        Optional.ofNullable(c.getStartupProbe()).ifPresent(p -> probes.put(HealthKind.STARTED, p));
        Optional.ofNullable(c.getLivenessProbe()).ifPresent(p -> probes.put(HealthKind.LIVE, p));
        Optional.ofNullable(c.getReadinessProbe()).ifPresent(p -> probes.put(HealthKind.READY, p));
        Duration slowest = slowestHealthCheck(s);
        for (HealthKind kind : HealthKind.values()) {
            Probe probe = probes.get(kind);
            if (probe == null || probe.getHttpGet() == null) {
                problems.add(where + ": no HTTP " + label(kind) + " probe");
                continue;
            }
            HTTPGetAction get = probe.getHttpGet();
            String expected = s.healthPath(kind);
            if (!expected.equals(get.getPath())) {
                problems.add(where + ": " + label(kind) + " probe asks " + get.getPath() + ", " + s.name()
                        + " serves it at " + expected);
            }
            if (!Objects.equals(resolvePort(get.getPort(), c), s.healthPort())) {
                problems.add(where + ": " + label(kind) + " probe asks port " + portText(get.getPort()) + ", health is on "
                        + s.healthPort());
            }
            int timeout = Optional.ofNullable(probe.getTimeoutSeconds()).orElse(1);
            if (kind != HealthKind.STARTED && Duration.ofSeconds(timeout).compareTo(slowest) <= 0) {
                problems.add(where + ": " + label(kind) + " probe gives up after " + timeout + " s, but "
                        + s.name() + "'s health checks may take " + slowest.toMillis() + " ms to answer");
            }
        }
        return problems;
    }

    private static String label(HealthKind kind) {
        return switch (kind) {
            case LIVE -> "liveness";
            case READY -> "readiness";
            case STARTED -> "startup";
        };
    }

    private static String portText(IntOrString port) {
        return port == null ? "none" : port.getIntVal() != null ? String.valueOf(port.getIntVal()) : port.getStrVal();
    }

    /** The longest a health check of the service waits for a dependency before answering DOWN. */
    static Duration slowestHealthCheck(ServiceConfig s) {
        List<Duration> timeouts = new ArrayList<>();
        s.duration("spinestream.health.kafka.timeout").ifPresent(timeouts::add);
        if (s.hasExtension("quarkus-kafka-streams")) {
            s.duration("quarkus.kafka-streams.topics-timeout").ifPresent(timeouts::add);
        }
        return timeouts.stream().max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** Every variable means something to the service; everything it needs in production is given; credentials from Secrets. */
    public static List<String> environment(Rendered r, ServiceConfig s) {
        Container c = Rendered.container(r.deployment(s.name()).orElseThrow());
        String where = r + ": Deployment " + s.name();
        List<String> problems = new ArrayList<>();
        Map<String, EnvValue> env = r.environment(c, problems);
        problems.replaceAll(p -> r + ": Deployment " + s.name() + " " + p);
        problems.addAll(EnvironmentChecks.names(s, env, where));
        problems.addAll(EnvironmentChecks.required(s, env, where, Set.of(EnvValue.Source.SECRET)));
        return problems;
    }

    /**
     * With a read-only root file system, what the service writes is on a writable volume (/tmp,
     * the Kafka Streams state directory), and the files it reads (the JWT public key) are mounted.
     */
    public static List<String> volumes(Rendered r, ServiceConfig s) {
        List<String> problems = new ArrayList<>();
        Deployment d = r.deployment(s.name()).orElseThrow();
        Container c = Rendered.container(d);
        String where = r + ": Deployment " + s.name();
        Map<String, EnvValue> env = r.environment(c, new ArrayList<>());
        Map<String, Volume> volumes = Optional.ofNullable(Rendered.pod(d).getSpec().getVolumes()).orElse(List.of())
                .stream().collect(Collectors.toMap(Volume::getName, Function.identity()));
        List<VolumeMount> mounts = Optional.ofNullable(c.getVolumeMounts()).orElse(List.of());
        for (VolumeMount m : mounts) {
            if (!volumes.containsKey(m.getName())) {
                problems.add(where + ": mounts volume " + m.getName() + ", which the pod does not define");
            }
        }
        List<String> writable = new ArrayList<>(List.of("/tmp"));
        if (s.hasExtension("quarkus-kafka-streams")) {
            writable.add(s.resolve("kafka-streams.state.dir", env).value());
        }
        for (String path : writable) {
            Optional<VolumeMount> mount = mountOf(path, mounts);
            Volume v = mount.map(m -> volumes.get(m.getName())).orElse(null);
            if (mount.isEmpty() || v == null || Boolean.TRUE.equals(mount.get().getReadOnly())
                    || (v.getEmptyDir() == null && v.getPersistentVolumeClaim() == null && v.getEphemeral() == null)) {
                problems.add(where + ": " + path + " is written by " + s.name() + " but is not on a writable volume"
                        + " (the root file system is read-only)");
            }
        }
        String keyLocation = s.resolve("mp.jwt.verify.publickey.location", env).value();
        if (keyLocation.startsWith("file:") || keyLocation.startsWith("/")) {
            String path = keyLocation.replaceFirst("^file:", "");
            Optional<VolumeMount> mount = mountOf(path, mounts);
            Volume v = mount.map(m -> volumes.get(m.getName())).orElse(null);
            if (v == null || (v.getSecret() == null && v.getConfigMap() == null)) {
                problems.add(where + ": the JWT public key " + path + " is not on a mounted Secret or ConfigMap");
            } else if (v.getSecret() != null && v.getSecret().getItems() != null) {
                String relative = path.substring(mount.get().getMountPath().length()).replaceFirst("^/", "");
                if (v.getSecret().getItems().stream().noneMatch(i -> i.getPath().equals(relative))) {
                    problems.add(where + ": Secret volume " + v.getName() + " does not provide " + relative);
                }
            }
        }
        return problems;
    }

    private static Optional<VolumeMount> mountOf(String path, List<VolumeMount> mounts) {
        return mounts.stream().filter(m -> path.equals(m.getMountPath()) || path.startsWith(m.getMountPath() + "/"))
                .max((a, b) -> Integer.compare(a.getMountPath().length(), b.getMountPath().length()));
    }

    /** Non-root, read-only root file system, no privilege escalation, no capabilities, resources set. */
    public static List<String> hardening(Rendered r, ServiceConfig s) {
        List<String> problems = new ArrayList<>();
        Deployment d = r.deployment(s.name()).orElseThrow();
        String where = r + ": Deployment " + s.name();
        PodSpec pod = Rendered.pod(d).getSpec();
        PodSecurityContext psc = pod.getSecurityContext();
        if (psc == null || !Boolean.TRUE.equals(psc.getRunAsNonRoot())) {
            problems.add(where + ": pod does not require runAsNonRoot");
        }
        if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
            problems.add(where + ": mounts a service account token it has no use for");
        }
        Container c = Rendered.container(d);
        SecurityContext sc = c.getSecurityContext();
        if (sc == null || !Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
            problems.add(where + ": root file system is writable");
        }
        if (sc == null || !Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
            problems.add(where + ": privilege escalation is allowed");
        }
        if (sc == null || sc.getCapabilities() == null || sc.getCapabilities().getDrop() == null
                || !sc.getCapabilities().getDrop().contains("ALL")) {
            problems.add(where + ": capabilities are not all dropped");
        }
        var resources = c.getResources();
        if (resources == null || resources.getRequests() == null || !resources.getRequests().containsKey("cpu")
                || !resources.getRequests().containsKey("memory")) {
            problems.add(where + ": no CPU and memory requests");
        }
        if (resources == null || resources.getLimits() == null || !resources.getLimits().containsKey("memory")) {
            problems.add(where + ": no memory limit (the JVM sizes its heap from it)");
        }
        return problems;
    }

    /** A disruption budget and topology spread constraints that select the service's pods. */
    public static List<String> availability(Rendered r, ServiceConfig s) {
        List<String> problems = new ArrayList<>();
        Deployment d = r.deployment(s.name()).orElseThrow();
        String where = r + ": Deployment " + s.name();
        Map<String, String> labels = Rendered.pod(d).getMetadata().getLabels();
        if (!matches(d.getSpec().getSelector(), labels)) {
            problems.add(where + ": selector does not select its own pods");
        }
        List<PodDisruptionBudget> budgets = r.disruptionBudgets().stream()
                .filter(b -> matches(b.getSpec().getSelector(), labels)).toList();
        if (budgets.size() != 1) {
            problems.add(where + ": " + budgets.size() + " PodDisruptionBudgets select its pods, expected one");
        }
        List<TopologySpreadConstraint> spread = Optional.ofNullable(Rendered.pod(d).getSpec().getTopologySpreadConstraints())
                .orElse(List.of());
        Set<String> keys = spread.stream().map(TopologySpreadConstraint::getTopologyKey).collect(Collectors.toSet());
        if (!keys.containsAll(Set.of("topology.kubernetes.io/zone", "kubernetes.io/hostname"))) {
            problems.add(where + ": pods are not spread over zones and nodes (topology keys " + keys + ")");
        }
        for (TopologySpreadConstraint t : spread) {
            if (!matches(t.getLabelSelector(), labels)) {
                problems.add(where + ": topology spread on " + t.getTopologyKey() + " selects other pods than its own");
            }
        }
        return problems;
    }

    /**
     * KEDA ScaledObjects and HPAs target a service's Deployment (which then sets no replica count);
     * Kafka triggers watch a consumer group the service really uses, on a topic of the registry it
     * consumes; replicas never exceed the partitions a group can share.
     */
    public static List<String> autoscaling(Rendered r) {
        List<String> problems = new ArrayList<>();
        Set<String> scaled = new LinkedHashSet<>();
        for (HorizontalPodAutoscaler hpa : r.autoscalers()) {
            String target = hpa.getSpec().getScaleTargetRef().getName();
            scaled.add(target);
            if (r.deployment(target).isEmpty() || !"Deployment".equals(hpa.getSpec().getScaleTargetRef().getKind())) {
                problems.add(r + ": HorizontalPodAutoscaler " + hpa.getMetadata().getName() + " targets " + target
                        + ", which is not a Deployment here");
            }
        }
        for (GenericKubernetesResource so : r.custom("ScaledObject")) {
            String where = r + ": ScaledObject " + so.getMetadata().getName();
            Map<String, Object> spec = map(so.getAdditionalProperties().get("spec"));
            String target = String.valueOf(map(spec.get("scaleTargetRef")).get("name"));
            scaled.add(target);
            Optional<Deployment> deployment = r.deployment(target);
            if (deployment.isEmpty() || !Repository.SERVICES.contains(target)) {
                problems.add(where + " targets " + target + ", which is not a service's Deployment here");
                continue;
            }
            ServiceConfig s = ServiceConfig.of(target);
            int min = ((Number) spec.getOrDefault("minReplicaCount", 0)).intValue();
            int max = ((Number) spec.getOrDefault("maxReplicaCount", 100)).intValue();
            if (min < 1 || min > max) {
                problems.add(where + ": replicas between " + min + " and " + max + " (at least one instance must run)");
            }
            Map<String, EnvValue> env = r.environment(Rendered.container(deployment.get()), new ArrayList<>());
            Map<String, Optional<String>> groups = s.consumerGroups();
            for (Object t : list(spec.get("triggers"))) {
                Map<String, Object> trigger = map(t);
                if (!"kafka".equals(trigger.get("type"))) {
                    continue;
                }
                Map<String, Object> metadata = map(trigger.get("metadata"));
                String group = String.valueOf(metadata.get("consumerGroup"));
                String topic = String.valueOf(metadata.get("topic"));
                if (!groups.containsKey(group) || group.contains("${")) {
                    problems.add(where + ": consumer group " + group + " is not a shared group of " + target + " "
                            + groups.keySet().stream().filter(g -> !g.contains("${")).toList());
                } else if (groups.get(group).isPresent() && !groups.get(group).get().equals(topic)) {
                    problems.add(where + ": group " + group + " reads " + groups.get(group).get() + ", not " + topic);
                }
                Optional<TopicSpec<?, ?>> spec1 = Topics.byName(topic);
                if (spec1.isEmpty()) {
                    problems.add(where + ": topic " + topic + " is not in the registry (Topics)");
                } else {
                    if (!spec1.get().consumers().contains(target)) {
                        problems.add(where + ": the registry does not list " + target + " as a consumer of " + topic);
                    }
                    if (max > spec1.get().partitions()) {
                        problems.add(where + ": up to " + max + " replicas, but " + topic + " has " + spec1.get().partitions()
                                + " partitions: the others would sit idle in group " + group);
                    }
                }
                Object fromEnv = metadata.get("bootstrapServersFromEnv");
                if (fromEnv != null) {
                    EnvValue e = env.get(String.valueOf(fromEnv));
                    if (e == null || !s.resolve("kafka.bootstrap.servers", env).fromEnv().contains(e)) {
                        problems.add(where + ": bootstrapServersFromEnv " + fromEnv + " is not the variable that gives "
                                + target + " its Kafka bootstrap servers");
                    }
                } else if (!String.valueOf(metadata.get("bootstrapServers"))
                        .equals(s.resolve("kafka.bootstrap.servers", env).value())) {
                    problems.add(where + ": bootstrapServers " + metadata.get("bootstrapServers") + " is not the Kafka "
                            + target + " uses");
                }
                try {
                    if (Long.parseLong(String.valueOf(metadata.get("lagThreshold"))) <= 0) {
                        problems.add(where + ": lagThreshold must be positive");
                    }
                } catch (NumberFormatException e) {
                    problems.add(where + ": lagThreshold " + metadata.get("lagThreshold") + " is not a number");
                }
            }
        }
        for (String target : scaled) {
            r.deployment(target).filter(d -> d.getSpec().getReplicas() != null).ifPresent(d -> problems.add(r + ": Deployment "
                    + target + " is autoscaled but sets replicas: " + d.getSpec().getReplicas()
                    + " (every apply would reset the autoscaler's choice)"));
        }
        return problems;
    }

    /**
     * Each service's pods are isolated by network policies that let them receive on their HTTP port,
     * and send only to DNS, the Kafka and databases their configuration names (on those ports, in
     * those namespaces), and for webhooks to public addresses only.
     */
    public static List<String> networkPolicies(Rendered r, ServiceConfig s) {
        Deployment d = r.deployment(s.name()).orElseThrow();
        Map<String, EnvValue> env = r.environment(Rendered.container(d), new ArrayList<>());
        Set<Need> egress = new LinkedHashSet<>();
        egress.add(new Need("UDP", 53, null, "DNS"));
        egress.add(new Need("TCP", 53, null, "DNS"));
        for (Endpoint e : s.endpoints(env)) {
            egress.add(new Need("TCP", e.port(), e.host(), e.kind() + " (" + e.property() + ")"));
        }
        Set<Need> ingress = new LinkedHashSet<>();
        ingress.add(new Need("TCP", s.httpPort(), null, "HTTP"));
        ingress.add(new Need("TCP", s.healthPort(), null, "health"));
        return NetworkPolicyChecks.podPolicies(r, "Deployment " + s.name(), Rendered.pod(d).getMetadata().getLabels(),
                d.getMetadata().getNamespace(), egress, ingress, s.sendsWebhooks() ? s : null);
    }

    /** The topic Job runs the repository's script with the services' Kafka, and may reach it. */
    public static List<String> topicsJob(Rendered r) {
        List<String> problems = new ArrayList<>();
        Optional<Job> job = r.named(Job.class, TOPICS_JOB);
        if (job.isEmpty()) {
            return List.of(r + ": no Job " + TOPICS_JOB + " (the services do not create their topics)");
        }
        String where = r + ": Job " + TOPICS_JOB;
        var pod = job.get().getSpec().getTemplate();
        Container c = pod.getSpec().getContainers().get(0);
        Map<String, EnvValue> env = r.environment(c, problems);
        Deployment any = r.deployment(Repository.SERVICES.get(0)).orElseThrow();
        Map<String, EnvValue> serviceEnv = r.environment(Rendered.container(any), new ArrayList<>());
        EnvValue bootstrap = env.get("BOOTSTRAP_SERVERS");
        EnvValue servicesBootstrap = serviceEnv.get("KAFKA_BOOTSTRAP_SERVERS");
        if (bootstrap == null || servicesBootstrap == null || !bootstrap.origin().equals(servicesBootstrap.origin())) {
            problems.add(where + ": BOOTSTRAP_SERVERS does not come from where the services' KAFKA_BOOTSTRAP_SERVERS does ("
                    + (servicesBootstrap == null ? "none" : servicesBootstrap.origin()) + ")");
        }
        String script;
        try {
            script = Files.readString(Repository.path(TOPIC_SCRIPT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String command = String.join(" ", Optional.ofNullable(c.getCommand()).orElse(List.of()));
        Optional<VolumeMount> mount = Optional.ofNullable(c.getVolumeMounts()).orElse(List.of()).stream()
                .filter(m -> command.contains(m.getMountPath() + "/create-topics.sh")).findFirst();
        Optional<String> mounted = mount.flatMap(m -> pod.getSpec().getVolumes().stream()
                        .filter(v -> v.getName().equals(m.getName()) && v.getConfigMap() != null).findFirst())
                .flatMap(v -> r.configMap(v.getConfigMap().getName()))
                .map(cm -> cm.getData().get("create-topics.sh"));
        if (mounted.isEmpty() || !mounted.get().equals(script)) {
            problems.add(where + ": does not run " + TOPIC_SCRIPT + " from a ConfigMap (command: " + command + ")");
        }
        Set<Need> egress = new LinkedHashSet<>(List.of(new Need("UDP", 53, null, "DNS"), new Need("TCP", 53, null, "DNS")));
        if (bootstrap != null && bootstrap.value().isPresent()) {
            for (String server : bootstrap.value().get().split(",")) {
                String[] hp = server.trim().split(":");
                egress.add(new Need("TCP", hp.length > 1 ? Integer.parseInt(hp[1]) : 9092, hp[0], "Kafka"));
            }
        }
        problems.addAll(NetworkPolicyChecks.podPolicies(r, "Job " + TOPICS_JOB, pod.getMetadata().getLabels(),
                job.get().getMetadata().getNamespace(), egress, Set.of(), null));
        return problems;
    }

    /** Every Secret the manifests expect the operator to create is described in docs/operations.md. */
    public static List<String> secretsDocumented(Rendered r) {
        Set<String> secrets = new LinkedHashSet<>();
        for (Deployment d : r.all(Deployment.class)) {
            PodSpec pod = Rendered.pod(d).getSpec();
            Optional.ofNullable(pod.getVolumes()).orElse(List.of()).stream().filter(v -> v.getSecret() != null)
                    .forEach(v -> secrets.add(v.getSecret().getSecretName()));
            for (Container c : pod.getContainers()) {
                Optional.ofNullable(c.getEnv()).orElse(List.of()).stream()
                        .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                        .forEach(e -> secrets.add(e.getValueFrom().getSecretKeyRef().getName()));
            }
        }
        String doc;
        try {
            doc = Files.readString(Repository.path("docs/operations.md"));
        } catch (IOException e) {
            return List.of(r + ": docs/operations.md is missing");
        }
        return secrets.stream().filter(s -> !doc.contains(s))
                .map(s -> r + ": Secret " + s + " is expected but docs/operations.md does not say how to create it").toList();
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        if (selector.getMatchLabels() != null && !matches(selector.getMatchLabels(), labels)) {
            return false;
        }
        for (LabelSelectorRequirement req : Optional.ofNullable(selector.getMatchExpressions()).orElse(List.of())) {
            String value = labels.get(req.getKey());
            boolean ok = switch (req.getOperator()) {
                case "In" -> value != null && req.getValues().contains(value);
                case "NotIn" -> value == null || !req.getValues().contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new IllegalStateException("unknown selector operator " + req.getOperator());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && labels != null && labels.entrySet().containsAll(selector.entrySet());
    }

    private static Integer resolvePort(IntOrString port, Container c) {
        if (port == null) {
            return null;
        }
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return Optional.ofNullable(c.getPorts()).orElse(List.of()).stream()
                .filter(p -> port.getStrVal().equals(p.getName())).map(ContainerPort::getContainerPort).findFirst().orElse(null);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<Object> list(Object o) {
        return o instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }
}
