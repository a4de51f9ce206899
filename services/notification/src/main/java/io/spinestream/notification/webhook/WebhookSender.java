package io.spinestream.notification.webhook;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Sends one webhook request, non-blocking (Vert.x HTTP client): resolves the host, refuses
 * forbidden addresses ({@link TargetGuard}), connects to the checked address itself (host name
 * kept for the Host header and TLS), never follows redirects, and bounds connect and exchange
 * time. Reads the status and {@code Retry-After}; the response body is discarded unread.
 */
@ApplicationScoped
public class WebhookSender {

    /** Name resolution: the system's, or one a test controls (a name whose answer changes). */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Vertx vertx;
    private final WebhookConfig config;
    private final Resolver resolver;
    private final TargetGuard guard;
    private final HttpClient client;

    @Inject
    public WebhookSender(Vertx vertx, WebhookConfig config) {
        this(vertx, config, InetAddress::getAllByName);
    }

    WebhookSender(Vertx vertx, WebhookConfig config, Resolver resolver) {
        this.vertx = vertx;
        this.config = config;
        this.resolver = resolver;
        this.guard = TargetGuard.of(config.targets());
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.http().connectTimeout().toMillis())
                .setMaxPoolSize(config.http().poolSizePerTarget())
                .setKeepAlive(true)
                .setVerifyHost(true)
                .setTrustAll(false)
                .setTryUseCompression(false)
                .setName("webhooks"));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** Posts {@code body} with {@code headers} to {@code url}. Never fails: failures are results. */
    public Uni<SendResult> post(String url, Map<String, String> headers, String body) {
        long started = System.nanoTime();
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            return Uni.createFrom().item(result(SendResult.Outcome.BLOCKED_TARGET, null, null, started, "invalid URL"));
        }
        Optional<String> urlProblem = guard.urlProblem(url);
        if (urlProblem.isPresent()) {
            return Uni.createFrom().item(result(SendResult.Outcome.BLOCKED_TARGET, null, null, started,
                    "URL refused: " + urlProblem.get()));
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        return resolve(host).chain(addresses -> {
            if (addresses.length == 0) {
                return Uni.createFrom().item(result(SendResult.Outcome.NETWORK_ERROR, null, null, started,
                        "host did not resolve"));
            }
            // Every address must be allowed: a name that also resolves to an internal address is refused.
            for (InetAddress address : addresses) {
                Optional<String> problem = guard.addressProblem(address);
                if (problem.isPresent()) {
                    return Uni.createFrom().item(result(SendResult.Outcome.BLOCKED_TARGET, null, null, started,
                            "target resolves to " + problem.get()));
                }
            }
            return exchange(uri, host, addresses[0], headers, body, started);
        });
    }

    private Uni<InetAddress[]> resolve(String host) {
        return Uni.createFrom().completionStage(() -> vertx.<InetAddress[]>executeBlocking(() -> {
            try {
                return resolver.resolve(host);
            } catch (UnknownHostException e) {
                return new InetAddress[0];
            }
        }, false).toCompletionStage());
    }

    private Uni<SendResult> exchange(URI uri, String host, InetAddress address, Map<String, String> headers,
                                     String body, long started) {
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : (tls ? 443 : 80);
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setHost(host)
                .setPort(port)
                .setURI(path)
                .setSsl(tls)
                .setFollowRedirects(false)
                .setConnectTimeout(config.http().connectTimeout().toMillis());
        headers.forEach(options::putHeader);

        Promise<SendResult> outcome = Promise.promise();
        long deadline = config.http().responseTimeout().toMillis();
        HttpClientRequest[] inFlight = new HttpClientRequest[1];
        long timer = vertx.setTimer(deadline + config.http().connectTimeout().toMillis(), id -> {
            if (outcome.tryComplete(result(SendResult.Outcome.TIMEOUT, null, null, started,
                    "no complete answer within " + config.http().responseTimeout()))
                    && inFlight[0] != null) {
                inFlight[0].reset();
            }
        });
        client.request(options)
                .compose(request -> {
                    inFlight[0] = request;
                    Optional<String> mismatch = connectedElsewhere(request, address);
                    if (mismatch.isPresent()) {
                        request.reset();
                        return Future.succeededFuture(result(SendResult.Outcome.BLOCKED_TARGET, null, null, started,
                                mismatch.get()));
                    }
                    request.idleTimeout(deadline);
                    return request.send(Buffer.buffer(body)).compose(response -> response.end().map(ignored -> {
                        int status = response.statusCode();
                        Duration retryAfter = (status == 429 || status == 503)
                                ? RetrySchedule.parseRetryAfter(response.getHeader("Retry-After"), Instant.now())
                                .orElse(null)
                                : null;
                        boolean ok = status >= 200 && status < 300;
                        return result(ok ? SendResult.Outcome.SUCCESS : SendResult.Outcome.HTTP_ERROR, status,
                                retryAfter, started, ok ? null : "answered " + status);
                    }));
                })
                .onComplete(done -> {
                    vertx.cancelTimer(timer);
                    if (done.succeeded()) {
                        outcome.tryComplete(done.result());
                    } else {
                        Throwable failure = done.cause();
                        boolean timeout = failure instanceof TimeoutException
                                || String.valueOf(failure.getMessage()).toLowerCase().contains("timeout")
                                || String.valueOf(failure.getMessage()).toLowerCase().contains("timed out");
                        outcome.tryComplete(result(timeout ? SendResult.Outcome.TIMEOUT
                                : SendResult.Outcome.NETWORK_ERROR, null, null, started, describe(failure)));
                    }
                });
        return Uni.createFrom().completionStage(() -> outcome.future().toCompletionStage());
    }

    /** The connection must lead to the address that was checked, whatever pooling or proxies do. */
    private static Optional<String> connectedElsewhere(HttpClientRequest request, InetAddress expected) {
        SocketAddress remote = request.connection() == null ? null : request.connection().remoteAddress();
        if (remote == null || remote.hostAddress() == null) {
            return Optional.of("could not confirm the connected address");
        }
        try {
            InetAddress actual = InetAddress.getByName(remote.hostAddress());
            return Arrays.equals(actual.getAddress(), expected.getAddress()) ? Optional.empty()
                    : Optional.of("connected to an address other than the one checked");
        } catch (UnknownHostException e) {
            return Optional.of("could not confirm the connected address");
        }
    }

    private static String describe(Throwable failure) {
        String name = failure.getClass().getSimpleName();
        String message = failure.getMessage();
        String text = message == null ? name : name + ": " + message;
        return text.length() > 300 ? text.substring(0, 300) : text;
    }

    private static SendResult result(SendResult.Outcome outcome, Integer status, Duration retryAfter, long started,
                                     String error) {
        return new SendResult(outcome, status, retryAfter, (System.nanoTime() - started) / 1_000_000, error);
    }
}
