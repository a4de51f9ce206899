package io.spinestream.platform.health;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Readiness of the Kafka broker itself, answered within a bounded time. (Quarkus' own Kafka
 * check waits for the admin client's default timeout of a minute, so a probe would hang instead of
 * reporting DOWN while the broker is away.) Uses the service's own {@code kafka.*} client settings,
 * so security settings apply here too.
 */
@Readiness
@ApplicationScoped
public class KafkaBrokerReadiness implements HealthCheck {

    static final String NAME = "Kafka broker";

    private final Admin admin;
    private final long timeoutMs;

    @Inject
    public KafkaBrokerReadiness(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                                HealthConfig config) {
        this.timeoutMs = config.kafka().timeout().toMillis();
        Map<String, Object> adminConfig = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                adminConfig.put(key, value);
            }
        });
        adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, "readiness-" + adminConfig.getOrDefault(
                AdminClientConfig.CLIENT_ID_CONFIG, "spinestream"));
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        this.admin = Admin.create(adminConfig);
    }

    @Override
    public HealthCheckResponse call() {
        try {
            Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeoutMs))
                    .nodes().get(timeoutMs + 500, TimeUnit.MILLISECONDS);
            return HealthCheckResponse.named(NAME).up()
                    .withData("nodes", nodes.stream().map(n -> n.host() + ":" + n.port())
                            .collect(Collectors.joining(",")))
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted");
        } catch (ExecutionException | TimeoutException e) {
            return down("broker did not answer within " + timeoutMs + " ms");
        }
    }

    private static HealthCheckResponse down(String reason) {
        return HealthCheckResponse.named(NAME).down().withData("reason", reason).build();
    }

    @PreDestroy
    void close() {
        admin.close(java.time.Duration.ofSeconds(1));
    }
}
