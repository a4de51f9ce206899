package io.spinestream.deployment.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.spinestream.deployment.service.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The Kubernetes manifests under k8s/ agree with the services' configuration, in the base and in every overlay. */
class KubernetesManifestsTest {

    /** Kinds that are not in the Kubernetes model, read as GenericKubernetesResource. */
    private static final Set<String> CUSTOM_KINDS = Set.of("ScaledObject");

    @Test
    void givenEveryManifestFile_whenParsed_thenEachDocumentIsAKubernetesObjectOfItsKind() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Repository.path("k8s"))) {
            files = walk.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().equals("kustomization.yaml"))
                    .sorted().toList();
        }
        assertThat(files).isNotEmpty();
        List<String> problems = new ArrayList<>();
        int documents = 0;
        for (Path file : files) {
            for (ObjectNode doc : Kustomize.readDocuments(file)) {
                documents++;
                HasMetadata object = Rendered.toObject(doc);
                String where = Repository.root().relativize(file) + ": " + object.getKind() + " " + object.getMetadata().getName();
                if (object instanceof GenericKubernetesResource && !CUSTOM_KINDS.contains(object.getKind())) {
                    problems.add(where + " is not a kind of the Kubernetes model (misspelt kind or apiVersion?)");
                }
                if (object.getMetadata().getName() == null || object.getMetadata().getName().isBlank()) {
                    problems.add(where + " has no name");
                }
                if (object.getMetadata().getNamespace() != null) {
                    problems.add(where + " names its namespace; the overlay sets it");
                }
            }
        }
        assertThat(documents).isGreaterThanOrEqualTo(files.size());
        assertThat(problems).isEmpty();
    }

    /** The base and every overlay under k8s/overlays (a clinic's copy included). */
    static List<String> kustomizations() throws IOException {
        List<String> all = new ArrayList<>(List.of("base"));
        all.addAll(overlays());
        return all;
    }

    static List<String> overlays() throws IOException {
        try (Stream<Path> dirs = Files.list(Repository.path("k8s/overlays"))) {
            return dirs.filter(d -> Files.exists(d.resolve("kustomization.yaml")))
                    .map(d -> "overlays/" + d.getFileName()).sorted().toList();
        }
    }

    @Test
    void givenTheRepository_whenItsOverlaysAreListed_thenThereAreDevAndClinic() throws IOException {
        assertThat(overlays()).contains("overlays/dev", "overlays/clinic");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void givenAKustomization_whenRendered_thenItAgreesWithTheServicesConfiguration(String kustomization) {
        Rendered rendered = Rendered.of(Repository.path("k8s").resolve(kustomization), kustomization);

        List<String> problems = KubernetesChecks.all(rendered);

        assertThat(problems).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void givenAnOverlay_whenRendered_thenEverythingIsInOneNamespaceAndFormAnalysisAndNotificationScaleOnLag(String overlay) {
        Rendered rendered = Rendered.of(Repository.path("k8s").resolve(overlay), overlay);

        assertThat(rendered.objects()).extracting(o -> o.getMetadata().getNamespace()).doesNotContainNull().hasSizeGreaterThan(1)
                .containsOnly(rendered.objects().get(0).getMetadata().getNamespace());
        assertThat(rendered.custom("ScaledObject")).extracting(o -> o.getMetadata().getName())
                .containsExactlyInAnyOrder("form-analysis", "notification");
    }
}
