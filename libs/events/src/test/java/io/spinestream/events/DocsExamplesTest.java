package io.spinestream.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.spinestream.events.cloudevents.CloudEventCodec;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.cloudevents.EventJson;
import io.spinestream.events.telemetry.TelemetryJson;
import io.spinestream.events.topic.TopicSpec;
import io.spinestream.events.topic.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps docs/events.md true to the code: its examples must decode and re-encode unchanged. */
class DocsExamplesTest {

    private static final Path DOC = Path.of("../../docs/events.md");
    private static final Path PROTO = Path.of("src/main/protobuf/spinestream/telemetry/v1/telemetry.proto");

    private static String doc;

    @BeforeAll
    static void readDoc() throws IOException {
        assertTrue(Files.exists(DOC), "docs/events.md must sit two levels above this module");
        doc = Files.readString(DOC);
    }

    @Test
    void givenCloudEventExamples_whenDecodedAndEncodedAgain_thenSameJson() throws Exception {
        List<String> examples = blocks("json").stream().filter(b -> b.contains("\"specversion\"")).toList();
        Set<EventType> shown = new java.util.HashSet<>();

        for (String example : examples) {
            Event<?> event = CloudEventCodec.decode(example.getBytes(StandardCharsets.UTF_8));
            JsonNode again = EventJson.mapper().readTree(CloudEventCodec.encode(event));

            assertThat(again).as(event.type().type()).isEqualTo(EventJson.mapper().readTree(example));
            assertThat(event.subject()).as("subject is the record key").isNotBlank();
            shown.add(event.type());
        }
        Set<TopicSpec<?, ?>> topicsShown = shown.stream().map(EventType::topic).collect(Collectors.toSet());
        assertThat(topicsShown).as("one example per CloudEvents topic")
                .containsExactlyInAnyOrderElementsOf(Topics.all().stream().filter(t -> t != Topics.TELEMETRY).toList());
    }

    @Test
    void givenTelemetryJsonExample_whenParsed_thenValidAndWrittenIdentically() {
        List<String> batches = blocks("json").stream().filter(b -> b.contains("\"channels\"")).toList();

        assertThat(batches).hasSize(1);
        String line = batches.get(0).strip();
        assertThat(TelemetryJson.toJson(TelemetryJson.parse(line).orElseThrow())).isEqualTo(line);
    }

    @Test
    void givenProtoInDoc_whenComparedWithTheProtoFile_thenEveryLineIsInIt() throws IOException {
        Set<String> protoLines = Files.readAllLines(PROTO).stream().map(String::strip).collect(Collectors.toSet());

        List<String> docLines = blocks("proto").stream().flatMap(String::lines).map(String::strip)
                .filter(l -> !l.isEmpty()).toList();

        assertThat(docLines).isNotEmpty();
        assertThat(protoLines).containsAll(docLines);
    }

    @Test
    void givenRegistry_whenReadingDoc_thenEveryTopicAndTypeIsDocumented() {
        for (TopicSpec<?, ?> topic : Topics.all()) {
            assertThat(doc).contains("`" + topic.name() + "`");
        }
        for (EventType type : EventType.values()) {
            assertThat(doc).contains("`" + type.type() + "`");
        }
    }

    private static List<String> blocks(String language) {
        Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }
}
