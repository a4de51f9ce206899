package io.spinestream.e2e.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;

import io.spinestream.events.telemetry.TelemetryJson;
import io.spinestream.events.telemetry.proto.TelemetryBatch;

/**
 * A provisioned belt speaking for itself with its own credential: it uploads telemetry (JSON, the
 * wire contract) and holds its command stream. Every command it receives, on the stream or with an
 * upload's answer, is kept in arrival order.
 */
public final class Belt implements AutoCloseable {

    private final String id;
    private final String clinicId;
    private final String credential;
    private final String ingestUrl;
    private final Http http;
    private final List<Command> commands = new CopyOnWriteArrayList<>();
    private final List<CommandStream> streams = new CopyOnWriteArrayList<>();

    Belt(String id, String clinicId, String credential, String ingestUrl, Http http) {
        this.id = id;
        this.clinicId = clinicId;
        this.credential = credential;
        this.ingestUrl = ingestUrl;
        this.http = http;
    }

    public String id() {
        return id;
    }

    public String clinicId() {
        return clinicId;
    }

    /** The belt's credential, for a test that presents it where it does not belong. */
    public String credential() {
        return credential;
    }

    /** The acknowledgement of an accepted upload. */
    public record Ack(long seq, String receivedAt, List<Command> commands) {
    }

    /** Uploads a batch as JSON and expects it accepted (200, once Kafka has it). */
    public Ack upload(TelemetryBatch batch) {
        Http.Reply reply = uploadWith(credential, batch).expect(200);
        JsonNode json = reply.json();
        List<Command> handedOut = new ArrayList<>();
        for (JsonNode c : json.path("commands")) {
            handedOut.add(Command.of(c, "upload"));
        }
        commands.addAll(handedOut);
        return new Ack(json.path("seq").asLong(), json.path("receivedAt").asText(null), List.copyOf(handedOut));
    }

    /** Uploads every batch in order. */
    public void upload(List<TelemetryBatch> batches) {
        batches.forEach(this::upload);
    }

    /** Uploads a batch with any credential (or token) and returns the answer as it is. */
    public Http.Reply uploadWith(String bearer, TelemetryBatch batch) {
        return http.postBytes(ingestUrl + "/v1/telemetry", bearer, "application/json", TelemetryJson.toJsonBytes(batch));
    }

    /** Opens the belt's command stream and waits until the service confirmed it. */
    public CommandStream openCommandStream() throws InterruptedException {
        CommandStream stream = new CommandStream(http.client(), ingestUrl + "/v1/belts/" + id + "/commands", credential,
                commands::add);
        streams.add(stream);
        return stream.awaitConnected(Duration.ofSeconds(30));
    }

    /** Every command received so far, on the stream or with an upload's answer. */
    public List<Command> commands() {
        return List.copyOf(commands);
    }

    /** The commands caused by alerts of {@code code}. */
    public List<Command> commands(String code) {
        return commands.stream().filter(c -> code.equals(c.code())).toList();
    }

    /** Problems of the belt's command streams (a broken stream would lose commands). */
    public List<String> streamProblems() {
        return streams.stream().flatMap(s -> s.problems().stream()).toList();
    }

    @Override
    public void close() {
        streams.forEach(CommandStream::close);
    }

    @Override
    public String toString() {
        return id + "@" + clinicId;
    }
}
