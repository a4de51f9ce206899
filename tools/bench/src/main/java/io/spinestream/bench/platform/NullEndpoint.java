package io.spinestream.bench.platform;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;

/**
 * The HTTP stack's limit on this machine: a Vert.x server (what Quarkus serves with) that reads
 * each request's body whole and answers 200 with a small JSON, doing nothing else. In a JVM of its
 * own, with as many event loops as sensor-ingest has, so that it is measured like ingest.
 *
 * <p>Arguments: port. Prints its port when listening; stops when its standard input closes.
 */
public final class NullEndpoint {

    static final String LISTENING = "null endpoint listening on ";
    private static final Buffer ANSWER = Buffer.buffer("{\"accepted\":true}");

    private NullEndpoint() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int loops = 2 * Runtime.getRuntime().availableProcessors(); // Quarkus's default event loop count
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        // one server per event loop, as Quarkus deploys its HTTP server: Vert.x spreads the connections
        vertx.deployVerticle(() -> new AbstractVerticle() {
            @Override
            public void start(Promise<Void> started) {
                vertx.createHttpServer(new HttpServerOptions().setPort(port).setHost("127.0.0.1"))
                        .requestHandler(req -> req.body().onComplete(body -> req.response()
                                .setStatusCode(body.succeeded() ? 200 : 400)
                                .putHeader("Content-Type", "application/json")
                                .end(ANSWER)))
                        .listen().<Void>mapEmpty().onComplete(started);
            }
        }, new DeploymentOptions().setInstances(loops)).toCompletionStage().toCompletableFuture().get();
        System.out.println(LISTENING + port);
        System.out.flush();
        while (System.in.read() >= 0) {
            // until the benchmark closes our standard input
        }
        vertx.close().toCompletionStage().toCompletableFuture().get();
        System.exit(0);
    }
}
