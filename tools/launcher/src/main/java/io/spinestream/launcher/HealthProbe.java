package io.spinestream.launcher;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/** Readiness of services ({@code /q/health/ready}) and of plain TCP ports. */
public final class HealthProbe {

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(1))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    public record Result(boolean ready, String detail) {
    }

    public Result ready(String url) {
        try {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && isUp(response.body())) {
                return new Result(true, "ready");
            }
            return new Result(false, "not ready (HTTP " + response.statusCode() + ")");
        } catch (IOException e) {
            return new Result(false, "no answer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted");
        }
    }

    /** The top-level {@code status} of a SmallRye Health document. */
    static boolean isUp(String body) {
        if (body == null || body.isBlank()) {
            return false;
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonObject doc = reader.readObject();
            return "UP".equals(doc.getString("status", null));
        } catch (JsonException | ClassCastException e) {
            return false;
        }
    }

    /** The HTTP status of a GET, or -1 if nothing answered. */
    public int status(String url) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public static boolean portOpen(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
