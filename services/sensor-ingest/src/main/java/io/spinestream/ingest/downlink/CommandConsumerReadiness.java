package io.spinestream.ingest.downlink;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready means commands will reach this instance's belts: the command consumer holds partitions
 * of the commands topic and is positioned on them. DOWN from the start until its first
 * assignment, and while a rebalance has taken its partitions away.
 */
@Readiness
@ApplicationScoped
public class CommandConsumerReadiness implements HealthCheck {

    static final String NAME = "Belt command consumer";

    private final CommandReplay replay;

    @Inject
    public CommandConsumerReadiness(CommandReplay replay) {
        this.replay = replay;
    }

    @Override
    public HealthCheckResponse call() {
        int partitions = replay.positioned().size();
        if (partitions == 0) {
            return HealthCheckResponse.named(NAME).down()
                    .withData("reason", "no partition of the commands topic assigned and positioned yet")
                    .build();
        }
        return HealthCheckResponse.named(NAME).up().withData("partitions", partitions).build();
    }
}
