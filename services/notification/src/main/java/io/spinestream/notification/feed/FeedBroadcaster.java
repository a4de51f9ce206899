package io.spinestream.notification.feed;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.spinestream.events.cloudevents.EventJson;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Objects;

/**
 * Listens to the feed's PostgreSQL channel and hands each message to this instance's
 * subscribers. Every instance listens, so a dashboard sees every alert of its clinic whichever
 * instance consumed it.
 */
@ApplicationScoped
public class FeedBroadcaster {

    private static final Logger LOG = Logger.getLogger(FeedBroadcaster.class);

    private final BroadcastProcessor<FeedEvent> events = BroadcastProcessor.create();

    @Inject
    Vertx vertx;

    @Inject
    FeedConfig config;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    private PgSubscriber subscriber;
    private volatile boolean stopped;

    void start(@Observes StartupEvent startup) {
        PgConnectOptions options = PgConnectOptions.fromUri(url).setUser(username).setPassword(password);
        long reconnectMs = config.reconnectDelay().toMillis();
        subscriber = PgSubscriber.subscriber(vertx, options)
                .reconnectPolicy(retries -> reconnectMs);
        subscriber.channel(FeedPublisher.PG_CHANNEL).handler(this::onNotification);
        connect();
    }

    // The reconnect policy covers a lost connection; a first connection that fails is retried here.
    private void connect() {
        subscriber.connect().onFailure(failure -> {
            if (!stopped) {
                LOG.warnf("live feed listener not connected, retrying: %s", failure.getMessage());
                vertx.setTimer(config.reconnectDelay().toMillis(), id -> connect());
            }
        });
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopped = true;
        if (subscriber != null) {
            subscriber.close();
        }
    }

    /** The messages of one clinic, from now on. */
    public Multi<FeedEvent> of(String clinicId) {
        return events.filter(event -> Objects.equals(clinicId, event.clinicId()));
    }

    private void onNotification(String payload) {
        FeedEvent event;
        try {
            event = EventJson.mapper().readValue(payload, FeedEvent.class);
        } catch (Exception e) {
            LOG.warn("ignored a malformed feed notification");
            return;
        }
        events.onNext(event);
    }
}
