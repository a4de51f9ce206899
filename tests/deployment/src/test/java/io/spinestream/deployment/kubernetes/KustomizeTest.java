package io.spinestream.deployment.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The renderer the manifest checks rely on renders like Kustomize: a fixture using every feature
 * it supports renders to what {@code kubectl kustomize} printed for it (overlay-expected.yaml), and
 * what it does not support is refused, never silently ignored.
 */
class KustomizeTest {

    private static final Path FIXTURES = fixtures();

    @Test
    void givenAnOverlayWithComponentsPatchesReplicasImagesAndAGenerator_whenRendered_thenItEqualsKustomizesOutput() {
        List<ObjectNode> rendered = Kustomize.build(FIXTURES.resolve("overlay"));
        List<ObjectNode> expected = Kustomize.readDocuments(FIXTURES.resolve("overlay-expected.yaml"));

        assertThat(byId(rendered)).isEqualTo(byId(expected));
    }

    @Test
    void givenAFieldTheRendererDoesNotSupport_whenRendered_thenItRefusesInsteadOfIgnoringIt() {
        assertThatThrownBy(() -> Kustomize.build(FIXTURES.resolve("unsupported")))
                .hasMessageContaining("field 'commonLabels' is not supported by this renderer");
    }

    @Test
    void givenAPatchWhoseTargetMatchesNothing_whenRendered_thenTheMistakeIsReported() {
        assertThatThrownBy(() -> Kustomize.build(FIXTURES.resolve("unmatched")))
                .hasMessageContaining("matches no resource");
    }

    private static Map<String, ObjectNode> byId(List<ObjectNode> resources) {
        return resources.stream().collect(Collectors.toMap(
                r -> r.path("kind").asText() + "/" + r.path("metadata").path("namespace").asText() + "/"
                        + r.path("metadata").path("name").asText(), Function.identity()));
    }

    private static Path fixtures() {
        try {
            return Path.of(KustomizeTest.class.getResource("/kustomize/base/kustomization.yaml").toURI()).getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
