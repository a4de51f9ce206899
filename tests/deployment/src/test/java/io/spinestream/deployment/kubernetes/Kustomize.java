package io.spinestream.deployment.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.zjsonpatch.JsonPatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for the subset of Kustomize the
 * manifests of this repository use: {@code resources} (files and directories), {@code components},
 * {@code configMapGenerator} (files, literals; without name hash), {@code patches} (JSON 6902, with
 * a target by kind and name regex), {@code replicas}, {@code images} and {@code namespace}. Any
 * other field, or a patch that matches nothing, is an error, so a manifest this renderer cannot
 * render faithfully fails the tests instead of being checked wrongly.
 */
public final class Kustomize {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final Set<String> KNOWN_FIELDS = Set.of("apiVersion", "kind", "resources", "components",
            "namespace", "replicas", "patches", "configMapGenerator", "generatorOptions", "images");

    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass");

    private Kustomize() {
    }

    /** The resources a kustomization directory renders to, in order. */
    public static List<ObjectNode> build(Path dir) {
        List<ObjectNode> resources = new ArrayList<>();
        apply(dir, resources, "Kustomization");
        Set<String> ids = new HashSet<>();
        for (ObjectNode r : resources) {
            String id = r.path("kind").asText() + "/" + r.path("metadata").path("namespace").asText("") + "/"
                    + r.path("metadata").path("name").asText();
            if (!ids.add(id)) {
                throw new IllegalStateException(dir + ": resource " + id + " is defined twice");
            }
        }
        return resources;
    }

    /** The documents of a YAML file (empty documents left out). */
    public static List<ObjectNode> readDocuments(Path file) {
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            List<ObjectNode> docs = new ArrayList<>();
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && doc.isObject() && !doc.isEmpty()) {
                    docs.add((ObjectNode) doc);
                }
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void apply(Path dir, List<ObjectNode> resources, String expectedKind) {
        Path file = dir.resolve("kustomization.yaml");
        ObjectNode k = readDocuments(file).get(0);
        if (!expectedKind.equals(k.path("kind").asText())) {
            throw new IllegalStateException(file + ": kind must be " + expectedKind);
        }
        for (Iterator<String> names = k.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!KNOWN_FIELDS.contains(field)) {
                throw new IllegalStateException(file + ": field '" + field + "' is not supported by this renderer");
            }
        }
        for (JsonNode r : k.path("resources")) {
            Path path = dir.resolve(r.asText()).normalize();
            if (Files.isDirectory(path)) {
                resources.addAll(build(path));
            } else {
                resources.addAll(readDocuments(path));
            }
        }
        generate(dir, k, resources);
        for (JsonNode c : k.path("components")) {
            apply(dir.resolve(c.asText()).normalize(), resources, "Component");
        }
        for (JsonNode patch : k.path("patches")) {
            patch(dir, patch, resources);
        }
        for (JsonNode replicas : k.path("replicas")) {
            String name = replicas.path("name").asText();
            List<ObjectNode> targets = resources.stream()
                    .filter(r -> Set.of("Deployment", "StatefulSet", "ReplicaSet").contains(r.path("kind").asText()))
                    .filter(r -> name.equals(r.path("metadata").path("name").asText())).toList();
            if (targets.isEmpty()) {
                throw new IllegalStateException(file + ": replicas for " + name + ", which is not a workload here");
            }
            targets.forEach(t -> ((ObjectNode) t.path("spec")).set("replicas", IntNode.valueOf(replicas.path("count").asInt())));
        }
        for (JsonNode image : k.path("images")) {
            setImage(image, resources);
        }
        if (k.has("namespace")) {
            String namespace = k.get("namespace").asText();
            for (ObjectNode r : resources) {
                if (!CLUSTER_SCOPED.contains(r.path("kind").asText())) {
                    ((ObjectNode) r.path("metadata")).put("namespace", namespace);
                }
            }
        }
    }

    private static void generate(Path dir, ObjectNode k, List<ObjectNode> resources) {
        JsonNode options = k.path("generatorOptions");
        if (k.has("configMapGenerator") && !options.path("disableNameSuffixHash").asBoolean(false)) {
            throw new IllegalStateException(dir + ": name hashes of generated ConfigMaps are not supported by this renderer");
        }
        for (JsonNode generator : k.path("configMapGenerator")) {
            ObjectNode cm = YAML.createObjectNode();
            cm.put("apiVersion", "v1");
            cm.put("kind", "ConfigMap");
            ObjectNode metadata = cm.putObject("metadata");
            metadata.put("name", generator.path("name").asText());
            if (options.has("labels")) {
                metadata.set("labels", options.get("labels").deepCopy());
            }
            ObjectNode data = cm.putObject("data");
            for (JsonNode f : generator.path("files")) {
                String spec = f.asText();
                int eq = spec.indexOf('=');
                String key = eq < 0 ? Path.of(spec).getFileName().toString() : spec.substring(0, eq);
                Path source = dir.resolve(eq < 0 ? spec : spec.substring(eq + 1));
                try {
                    data.put(key, Files.readString(source));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            for (JsonNode l : generator.path("literals")) {
                String literal = l.asText();
                int eq = literal.indexOf('=');
                data.put(literal.substring(0, eq), literal.substring(eq + 1));
            }
            resources.add(cm);
        }
    }

    private static void patch(Path dir, JsonNode spec, List<ObjectNode> resources) {
        JsonNode target = spec.path("target");
        for (Iterator<String> names = target.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!Set.of("kind", "name", "group", "version").contains(field)) {
                throw new IllegalStateException(dir + ": patch target field '" + field + "' is not supported by this renderer");
            }
        }
        if (target.isMissingNode()) {
            throw new IllegalStateException(dir + ": a patch without a target (strategic merge) is not supported by this renderer");
        }
        JsonNode operations;
        try {
            String text = spec.has("path") ? Files.readString(dir.resolve(spec.get("path").asText())) : spec.path("patch").asText();
            operations = YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!(operations instanceof ArrayNode)) {
            throw new IllegalStateException(dir + ": only JSON 6902 patches (a list of operations) are supported by this renderer");
        }
        Pattern name = Pattern.compile(target.path("name").asText(".*"));
        int matched = 0;
        for (int i = 0; i < resources.size(); i++) {
            ObjectNode r = resources.get(i);
            String apiVersion = r.path("apiVersion").asText();
            String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
            String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
            if ((target.has("kind") && !target.get("kind").asText().equals(r.path("kind").asText()))
                    || (target.has("group") && !target.get("group").asText().equals(group))
                    || (target.has("version") && !target.get("version").asText().equals(version))
                    || !name.matcher(r.path("metadata").path("name").asText()).matches()) {
                continue;
            }
            resources.set(i, (ObjectNode) JsonPatch.apply(operations, r));
            matched++;
        }
        if (matched == 0) {
            throw new IllegalStateException(dir + ": patch target " + target + " matches no resource");
        }
    }

    private static void setImage(JsonNode image, List<ObjectNode> resources) {
        String name = image.path("name").asText();
        for (ObjectNode r : resources) {
            for (JsonNode container : containers(r)) {
                String current = container.path("image").asText();
                String repository = current.replaceFirst("[:@][^/]*$", "");
                if (!repository.equals(name)) {
                    continue;
                }
                String newName = image.has("newName") ? image.get("newName").asText() : repository;
                String suffix = image.has("digest") ? "@" + image.get("digest").asText()
                        : image.has("newTag") ? ":" + image.get("newTag").asText() : current.substring(repository.length());
                ((ObjectNode) container).put("image", newName + suffix);
            }
        }
    }

    private static List<JsonNode> containers(ObjectNode resource) {
        JsonNode pod = resource.path("kind").asText().equals("Pod") ? resource.path("spec")
                : resource.path("kind").asText().equals("CronJob") ? resource.path("spec").path("jobTemplate").path("spec").path("template").path("spec")
                : resource.path("spec").path("template").path("spec");
        List<JsonNode> all = new ArrayList<>();
        pod.path("containers").forEach(all::add);
        pod.path("initContainers").forEach(all::add);
        return all;
    }
}
