package io.spinestream.notification.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.EventJson;
import io.spinestream.events.payload.Alert;
import io.spinestream.events.payload.AlertStateChanged;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keeps docs/webhooks.md true: its Java example verifies what the service signs, its payloads decode. */
class WebhooksDocTest {

    private static final Path DOC = Path.of("../../docs/webhooks.md");
    private static String doc;

    @BeforeAll
    static void readDoc() throws IOException {
        assertTrue(Files.exists(DOC), "docs/webhooks.md must sit two levels above this module");
        doc = Files.readString(DOC);
    }

    @Test
    void givenTheDocumentedJavaVerifier_whenGivenDeliveriesSignedByTheService_thenItAcceptsGenuineAndRefusesForged()
            throws Exception {
        Object verifierOfOld;
        Object verifierOfNew;
        Method verify;
        String oldSecret = WebhookSecrets.generate();
        String newSecret = WebhookSecrets.generate();
        try (URLClassLoader examples = compileJavaExamples()) {
            Class<?> type = examples.loadClass("SpinestreamWebhookVerifier");
            Constructor<?> constructor = type.getConstructor(String.class);
            verifierOfOld = constructor.newInstance(oldSecret);
            verifierOfNew = constructor.newInstance(newSecret);
            verify = type.getMethod("verify", String.class, String.class, String.class, byte[].class);
            examples.loadClass("SpinestreamWebhookReceiver");
        }
        String body = "{\"type\":\"io.spinestream.form.fault.v1\",\"timestamp\":\"2026-11-20T10:15:30.46Z\",\"data\":{}}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        long now = System.currentTimeMillis() / 1000;
        String during = WebhookSigner.header(List.of(newSecret, oldSecret), "msg_1", now, body);
        String stale = WebhookSigner.header(List.of(newSecret), "msg_1", now - 600, body);

        assertThat(verify.invoke(verifierOfNew, "msg_1", Long.toString(now), during, bytes)).isEqualTo(true);
        assertThat(verify.invoke(verifierOfOld, "msg_1", Long.toString(now), during, bytes)).isEqualTo(true);
        assertThat(verify.invoke(verifierOfNew, "msg_2", Long.toString(now), during, bytes)).isEqualTo(false);
        assertThat(verify.invoke(verifierOfNew, "msg_1", Long.toString(now), during,
                body.replace("fault", "advisory").getBytes(StandardCharsets.UTF_8))).isEqualTo(false);
        assertThat(verify.invoke(verifierOfNew, "msg_1", Long.toString(now - 600), stale, bytes)).isEqualTo(false);
        assertThat(verify.invoke(verifierOfNew, "msg_1", Long.toString(now), null, bytes)).isEqualTo(false);
    }

    @Test
    void givenTheDocumentedPayloads_whenRead_thenEachIsAKnownTypeWhoseDataIsThePayloadItClaims() throws Exception {
        List<String> payloads = blocks("json").stream().filter(b -> b.contains("\"timestamp\"")).toList();
        assertThat(payloads).hasSizeGreaterThanOrEqualTo(3);

        for (String payload : payloads) {
            JsonNode node = EventJson.mapper().readTree(payload);
            String type = node.get("type").asText();
            JsonNode data = node.get("data");
            assertThat(node.get("timestamp").asText()).isNotBlank();
            if (type.equals(WebhookEventTypes.FORM_FAULT_DIGEST)) {
                FormFaultDigest digest = EventJson.mapper().treeToValue(data, FormFaultDigest.class);
                assertThat(digest.alerts()).hasSize(digest.count());
            } else if (type.equals(EventType.ALERT_STATE_CHANGED.type())) {
                assertThat(EventJson.mapper().treeToValue(data, AlertStateChanged.class).state()).isNotNull();
            } else {
                assertThat(WebhookEventTypes.SUBSCRIBABLE).contains(type);
                assertThat(EventJson.mapper().treeToValue(data, Alert.class).alertId()).isNotBlank();
            }
        }
    }

    @Test
    void givenTheDocumentedEventTypes_thenTheyAreExactlyTheOnesEndpointsCanReceive() {
        for (String type : WebhookEventTypes.SUBSCRIBABLE) {
            assertThat(doc).as("docs/webhooks.md lists " + type).contains("| `" + type + "` |");
        }
        assertThat(doc).contains("| `" + WebhookEventTypes.FORM_FAULT_DIGEST + "` |");
    }

    private static URLClassLoader compileJavaExamples() throws IOException {
        Path sources = Files.createTempDirectory("webhooks-doc-src");
        Path classes = Files.createTempDirectory("webhooks-doc-classes");
        List<String> arguments = new ArrayList<>(List.of("-d", classes.toString()));
        Pattern className = Pattern.compile("public final class (\\w+)");
        for (String block : blocks("java")) {
            Matcher name = className.matcher(block);
            assertTrue(name.find(), "every Java example is one public final class");
            Path file = sources.resolve(name.group(1) + ".java");
            Files.writeString(file, block);
            arguments.add(file.toString());
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int status = compiler.run(null, null, null, arguments.toArray(String[]::new));
        assertThat(status).as("the Java examples of docs/webhooks.md compile").isZero();
        return new URLClassLoader(new URL[]{classes.toUri().toURL()}, WebhooksDocTest.class.getClassLoader());
    }

    private static List<String> blocks(String language) {
        Matcher matcher = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        List<String> blocks = new ArrayList<>();
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        return blocks;
    }
}
