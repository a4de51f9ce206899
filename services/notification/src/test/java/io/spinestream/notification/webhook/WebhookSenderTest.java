package io.spinestream.notification.webhook;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.spinestream.notification.testkit.WebhookReceiver;
import io.spinestream.notification.testkit.WebhookReceiver.Answer;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One HTTP attempt against a real receiver on loopback, with the address guard as in production. */
class WebhookSenderTest {

    private static final Map<String, String> HEADERS = Map.of("content-type", "application/json", "webhook-id", "msg_1");

    private Vertx vertx;
    private WebhookReceiver receiver;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void stop() {
        receiver.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void givenTheProductionGuard_whenAUrlNamesOrResolvesToLoopback_thenNothingIsSentAndTheTargetIsBlocked() {
        WebhookSender sender = sender(Map.of("targets.allow-http", "true"));

        SendResult byName = post(sender, receiver.url().replace("127.0.0.1", "localhost"));
        SendResult byAddress = post(sender, receiver.url());

        assertThat(byName.outcome()).isEqualTo(SendResult.Outcome.BLOCKED_TARGET);
        assertThat(byName.error()).contains("loopback");
        assertThat(byAddress.outcome()).isEqualTo(SendResult.Outcome.BLOCKED_TARGET);
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void givenLoopbackAllowed_whenAUrlNamesAHost_thenTheCheckedAddressIsUsedAndTheHostNameKeptForTheReceiver() {
        WebhookSender sender = sender(Map.of("targets.allow-http", "true", "targets.allow-loopback", "true"));
        String url = receiver.url().replace("127.0.0.1", "localhost");

        SendResult result = post(sender, url);

        assertThat(result.outcome()).isEqualTo(SendResult.Outcome.SUCCESS);
        assertThat(result.statusCode()).isEqualTo(204);
        WebhookReceiver.Received request = receiver.received().get(0);
        assertThat(request.header("host")).isEqualTo("localhost:" + URI.create(url).getPort());
        assertThat(request.header("webhook-id")).isEqualTo("msg_1");
        assertThat(request.body()).isEqualTo("{}");
    }

    @Test
    void givenANameThatPassedWhenSubscribed_whenItResolvesToTheMetadataAddressAtSendTime_thenNothingIsSent()
            throws Exception {
        TargetGuard guard = new TargetGuard(false, false, false, true);
        InetAddress[][] answer = {{InetAddress.getByName("93.184.216.34")}};
        WebhookSender sender = sender(Map.of("targets.allow-http", "true"), host -> answer[0]);
        assertThat(guard.addressProblem(answer[0][0])).isEmpty();

        // DNS rebinding: the same name, a new answer between the subscription and the delivery.
        answer[0] = new InetAddress[]{InetAddress.getByName("169.254.169.254")};
        SendResult result = post(sender, "http://hooks.example.com/spinestream");

        assertThat(result.outcome()).isEqualTo(SendResult.Outcome.BLOCKED_TARGET);
        assertThat(result.error()).contains("link-local");
    }

    @Test
    void givenANameResolvingToAPublicAndAnInternalAddress_whenPosted_thenRefusedRatherThanRacingForTheGoodOne()
            throws Exception {
        InetAddress[] both = {InetAddress.getByName("93.184.216.34"), InetAddress.getByName("127.0.0.1")};
        WebhookSender sender = sender(Map.of("targets.allow-http", "true"), host -> both);

        SendResult result = post(sender, "http://hooks.example.com:" + URI.create(receiver.url()).getPort() + "/x");

        assertThat(result.outcome()).isEqualTo(SendResult.Outcome.BLOCKED_TARGET);
        assertThat(result.error()).contains("loopback");
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void givenLoopbackAllowed_whenANameResolves_thenTheRequestGoesToTheCheckedAddressWithTheNameAsHost() {
        WebhookSender sender = sender(Map.of("targets.allow-http", "true", "targets.allow-loopback", "true"),
                host -> new InetAddress[]{InetAddress.getLoopbackAddress()});
        int port = URI.create(receiver.url()).getPort();

        SendResult result = post(sender, "http://hooks.example.com:" + port + "/hooks/spinestream");

        assertThat(result.outcome()).isEqualTo(SendResult.Outcome.SUCCESS);
        assertThat(receiver.received().get(0).header("host")).isEqualTo("hooks.example.com:" + port);
    }

    @Test
    void givenPlainHttpNotAllowed_whenPosted_thenRefusedBeforeAnyConnection() {
        WebhookSender sender = sender(Map.of("targets.allow-loopback", "true"));

        SendResult result = post(sender, receiver.url());

        assertThat(result.outcome()).isEqualTo(SendResult.Outcome.BLOCKED_TARGET);
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void givenAReceiverRedirecting_whenPosted_thenTheRedirectIsNotFollowedAndCountsAsAFailure() {
        receiver.answering(new Answer(302, Map.of("Location", "http://169.254.169.254/latest/meta-data"), false));
        WebhookSender sender = sender(Map.of("targets.allow-http", "true", "targets.allow-loopback", "true"));

        SendResult result = post(sender, receiver.url());

        assertThat(result.outcome()).isEqualTo(SendResult.Outcome.HTTP_ERROR);
        assertThat(result.statusCode()).isEqualTo(302);
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void givenAReceiverThatNeverAnswers_whenPosted_thenTheAttemptEndsAsATimeout() {
        receiver.answering(Answer.hanging());
        WebhookSender sender = sender(Map.of("targets.allow-http", "true", "targets.allow-loopback", "true",
                "http.response-timeout", "500ms", "http.connect-timeout", "500ms"));

        SendResult result = post(sender, receiver.url());

        assertThat(result.outcome()).isEqualTo(SendResult.Outcome.TIMEOUT);
        assertThat(result.statusCode()).isNull();
    }

    @Test
    void givenA429WithRetryAfter_whenPosted_thenTheAskedDelayIsReturned() {
        receiver.answering(Answer.retryAfter(429, "7"));
        WebhookSender sender = sender(Map.of("targets.allow-http", "true", "targets.allow-loopback", "true"));

        SendResult result = post(sender, receiver.url());

        assertThat(result.statusCode()).isEqualTo(429);
        assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    private WebhookSender sender(Map<String, String> settings) {
        return sender(settings, InetAddress::getAllByName);
    }

    private WebhookSender sender(Map<String, String> settings, WebhookSender.Resolver resolver) {
        Map<String, String> properties = new HashMap<>();
        settings.forEach((key, value) -> properties.put("spinestream.notification.webhooks." + key, value));
        WebhookConfig config = new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 200, new DurationConverter())
                .withDefaultValues(properties)
                .withMapping(WebhookConfig.class)
                .build()
                .getConfigMapping(WebhookConfig.class);
        return new WebhookSender(vertx, config, resolver);
    }

    private static SendResult post(WebhookSender sender, String url) {
        return sender.post(url, HEADERS, "{}").await().atMost(Duration.ofSeconds(30));
    }
}
