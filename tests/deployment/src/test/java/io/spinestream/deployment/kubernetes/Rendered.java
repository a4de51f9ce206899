package io.spinestream.deployment.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.spinestream.deployment.service.EnvValue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The objects a kustomization renders to, as the Kubernetes model (fabric8); KEDA's ScaledObjects
 * are {@link GenericKubernetesResource}s. Mutable, so that tests can break one thing and see the
 * checks notice.
 */
public final class Rendered {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final String name;
    private final List<HasMetadata> objects;

    private Rendered(String name, List<HasMetadata> objects) {
        this.name = name;
        this.objects = objects;
    }

    /** A kustomization under k8s/, e.g. {@code base} or {@code overlays/clinic}. */
    public static Rendered of(Path kustomizationDir, String name) {
        List<HasMetadata> objects = new ArrayList<>();
        for (ObjectNode node : Kustomize.build(kustomizationDir)) {
            objects.add(toObject(node));
        }
        return new Rendered(name, objects);
    }

    static HasMetadata toObject(ObjectNode node) {
        try {
            return SERIALIZATION.unmarshal(Kustomize.YAML.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public String name() {
        return name;
    }

    public List<HasMetadata> objects() {
        return objects;
    }

    public <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public List<GenericKubernetesResource> custom(String kind) {
        return objects.stream().filter(o -> o instanceof GenericKubernetesResource && kind.equals(o.getKind()))
                .map(GenericKubernetesResource.class::cast).toList();
    }

    public Optional<Deployment> deployment(String name) {
        return named(Deployment.class, name);
    }

    public Optional<ConfigMap> configMap(String name) {
        return named(ConfigMap.class, name);
    }

    public <T extends HasMetadata> Optional<T> named(Class<T> type, String name) {
        return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
    }

    public List<Service> services() {
        return all(Service.class);
    }

    public List<NetworkPolicy> networkPolicies() {
        return all(NetworkPolicy.class);
    }

    public List<PodDisruptionBudget> disruptionBudgets() {
        return all(PodDisruptionBudget.class);
    }

    public List<HorizontalPodAutoscaler> autoscalers() {
        return all(HorizontalPodAutoscaler.class);
    }

    public List<Job> jobs() {
        return all(Job.class);
    }

    /** A deployment's only container (every workload here has one). */
    public static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    public static PodTemplateSpec pod(Deployment deployment) {
        return deployment.getSpec().getTemplate();
    }

    /**
     * The environment a container gets, with the values of the rendered ConfigMaps; {@code problems}
     * collects references to a ConfigMap or key that is not rendered, and envFrom of a Secret
     * (whose keys, hence variable names, cannot be checked).
     */
    public Map<String, EnvValue> environment(Container container, List<String> problems) {
        Map<String, EnvValue> env = new LinkedHashMap<>();
        String where = "container " + container.getName();
        for (EnvFromSource from : Optional.ofNullable(container.getEnvFrom()).orElse(List.of())) {
            if (from.getConfigMapRef() != null) {
                Optional<ConfigMap> cm = configMap(from.getConfigMapRef().getName());
                if (cm.isEmpty()) {
                    problems.add(where + ": envFrom ConfigMap " + from.getConfigMapRef().getName() + " is not in the manifests");
                    continue;
                }
                String prefix = Optional.ofNullable(from.getPrefix()).orElse("");
                cm.get().getData().forEach((k, v) -> env.put(prefix + k, new EnvValue(prefix + k, Optional.of(v),
                        EnvValue.Source.CONFIG_MAP, "ConfigMap " + cm.get().getMetadata().getName() + "/" + k)));
            } else if (from.getSecretRef() != null) {
                problems.add(where + ": envFrom Secret " + from.getSecretRef().getName()
                        + " hides which variables are set; name each with secretKeyRef");
            }
        }
        for (EnvVar var : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
            if (var.getValueFrom() == null) {
                env.put(var.getName(), EnvValue.literal(var.getName(), Optional.ofNullable(var.getValue()).orElse("")));
            } else if (var.getValueFrom().getConfigMapKeyRef() != null) {
                var ref = var.getValueFrom().getConfigMapKeyRef();
                Optional<String> value = configMap(ref.getName()).map(ConfigMap::getData).map(d -> d.get(ref.getKey()));
                if (value.isEmpty()) {
                    problems.add(where + ": " + var.getName() + " refers to ConfigMap " + ref.getName() + " key "
                            + ref.getKey() + ", which the manifests do not define");
                    continue;
                }
                env.put(var.getName(), new EnvValue(var.getName(), value, EnvValue.Source.CONFIG_MAP,
                        "ConfigMap " + ref.getName() + "/" + ref.getKey()));
            } else if (var.getValueFrom().getSecretKeyRef() != null) {
                var ref = var.getValueFrom().getSecretKeyRef();
                env.put(var.getName(), new EnvValue(var.getName(), Optional.empty(), EnvValue.Source.SECRET,
                        "Secret " + ref.getName() + "/" + ref.getKey()));
            } else {
                env.put(var.getName(), new EnvValue(var.getName(), Optional.of("<field>"), EnvValue.Source.LITERAL,
                        "a field of the pod"));
            }
        }
        return env;
    }

    @Override
    public String toString() {
        return name;
    }
}
