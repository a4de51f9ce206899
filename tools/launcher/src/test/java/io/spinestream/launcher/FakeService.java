package io.spinestream.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for a Quarkus service, run as a child process by the supervisor tests.
 * Usage: {@code FakeService <mode> <port>} with mode {@code ready}, {@code never} or {@code die}.
 */
public final class FakeService {

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int port = Integer.parseInt(args[1]);
        System.out.println("KAFKA_BOOTSTRAP_SERVERS=" + System.getenv("KAFKA_BOOTSTRAP_SERVERS"));
        System.out.println("user.dir=" + System.getProperty("user.dir"));
        if (mode.equals("die")) {
            for (int i = 1; i <= 40; i++) {
                System.out.println("line " + i);
            }
            System.exit(3);
        }
        Process child = new ProcessBuilder("sleep", "600").start();
        System.out.println("child=" + child.pid());
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/q/health/ready", exchange -> {
            boolean up = mode.equals("ready");
            byte[] body = ("{\"status\": \"" + (up ? "UP" : "DOWN") + "\", \"checks\": []}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(up ? 200 : 503, body.length);
            try (var os = exchange.getResponseBody()) {
                os.write(body);
            } catch (IOException e) {
                // client gone
            }
        });
        server.start();
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
