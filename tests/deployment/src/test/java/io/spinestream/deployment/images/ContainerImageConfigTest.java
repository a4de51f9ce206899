package io.spinestream.deployment.images;

import io.spinestream.deployment.service.Repository;
import io.spinestream.deployment.service.ServiceConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every service's build can make its container image with Jib (no Docker engine), named as the
 * deployments expect, and only when asked to.
 */
class ContainerImageConfigTest {

    @Test
    void givenEveryService_whenItsImageConfigurationIsRead_thenItIsNamedAfterItsArtifactUnderTheSharedRegistryAndGroup() {
        for (ServiceConfig s : ServiceConfig.all()) {
            assertThat(s.hasExtension("quarkus-container-image-jib")).as(s + " builds images with Jib").isTrue();
            assertThat(s.applicationName()).as(s + ": quarkus.application.name names the image").isEqualTo(s.artifactId());
            assertThat(s.property("quarkus.container-image.registry")).as(s.name()).hasValue("ghcr.io");
            assertThat(s.property("quarkus.container-image.group")).as(s.name()).hasValue("spinestream");
            assertThat(s.property("quarkus.container-image.tag")).as(s.name()).hasValue("${quarkus.application.version}");
            assertThat(s.property("quarkus.container-image.builder")).as(s.name()).hasValue("jib");
        }
    }

    @Test
    void givenTheConfiguration_whenRead_thenNoImageIsBuiltOrPushedUnlessRequested() {
        for (ServiceConfig s : ServiceConfig.all()) {
            assertThat(s.property("quarkus.container-image.build")).as(s.name()).isEmpty();
            assertThat(s.property("quarkus.container-image.push")).as(s.name()).isEmpty();
        }
    }

    @Test
    void givenTheOperationsGuide_whenRead_thenItSaysHowToBuildAndPushTheImages() throws IOException {
        String doc = Files.readString(Repository.path("docs/operations.md"));

        assertThat(doc).contains("-Dquarkus.container-image.build=true").contains("-Dquarkus.container-image.push=true");
    }
}
