package io.spinestream.notification.haptics;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.spinestream.events.EventType;
import io.spinestream.events.cloudevents.Event;
import io.spinestream.events.cloudevents.EventIds;
import io.spinestream.events.cloudevents.EventSources;
import io.spinestream.events.payload.Alert;
import io.spinestream.events.payload.AlertCodes;
import io.spinestream.events.payload.BeltCommand;
import io.spinestream.events.payload.HapticPattern;
import io.spinestream.events.payload.Severity;
import io.spinestream.events.topic.Topics;
import io.spinestream.notification.testkit.KafkaTestClient;
import io.spinestream.notification.testkit.TestAlerts;
import io.spinestream.testing.KafkaResource;
import io.spinestream.testing.PostgresResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class HapticRouterTest {

    private static final String CLINIC = "clinic-haptics";
    private static KafkaTestClient kafka;

    @Inject
    CommandLog commandLog;

    @BeforeAll
    static void connect() {
        kafka = new KafkaTestClient();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void givenRoundedBackFault_whenRouted_thenTheBeltGetsTwoShortPulsesExpiringFiveSecondsAfterIssue() {
        Alert alert = TestAlerts.formFault(CLINIC, TestAlerts.uniqueBelt(), AlertCodes.ROUNDED_BACK, "s-1");

        publish(EventType.FORM_FAULT, alert);

        List<Event<?>> commands = commandsOf(alert.beltId(), 1);
        assertThat(commands).hasSize(1);
        Event<?> event = commands.get(0);
        BeltCommand command = (BeltCommand) event.data();
        String expectedId = EventIds.of(EventType.BELT_COMMAND, alert.alertId());
        assertThat(command.commandId()).isEqualTo(expectedId);
        assertThat(event.id()).isEqualTo(expectedId);
        assertThat(event.type()).isEqualTo(EventType.BELT_COMMAND);
        assertThat(event.source()).isEqualTo(EventSources.NOTIFICATION);
        assertThat(event.subject()).isEqualTo(alert.beltId());
        assertThat(event.clinicId()).isEqualTo(CLINIC);
        assertThat(command.pattern()).isEqualTo(HapticPattern.TWO_SHORT);
        assertThat(command.beltId()).isEqualTo(alert.beltId());
        assertThat(command.alertId()).isEqualTo(alert.alertId());
        assertThat(command.code()).isEqualTo(AlertCodes.ROUNDED_BACK);
        assertThat(Duration.between(command.issuedAt(), command.expiresAt())).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void givenFaultsAndAdvisoriesOfOneBelt_whenRouted_thenEachGetsItsPatternAndCalibratedStaysSilent() {
        String belt = TestAlerts.uniqueBelt();
        publish(EventType.FORM_FAULT, TestAlerts.formFault(CLINIC, belt, AlertCodes.EXCESSIVE_ARCH, null));
        publish(EventType.FORM_FAULT, TestAlerts.formFault(CLINIC, belt, AlertCodes.TWIST_UNDER_LOAD, null));
        publish(EventType.FORM_FAULT, TestAlerts.formFault(CLINIC, belt, AlertCodes.SIDE_BEND_UNDER_LOAD, null));
        publish(EventType.FORM_ADVISORY, advisory(belt, AlertCodes.CALIBRATED));
        publish(EventType.FORM_ADVISORY, advisory(belt, AlertCodes.MOVEMENT_BREAK_DUE));

        List<Event<?>> commands = commandsOf(belt, 4);

        assertThat(commands).extracting(e -> ((BeltCommand) e.data()).code() + "=" + ((BeltCommand) e.data()).pattern())
                .containsExactly("EXCESSIVE_ARCH=ONE_LONG", "TWIST_UNDER_LOAD=THREE_SHORT",
                        "SIDE_BEND_UNDER_LOAD=ONE_SHORT", "MOVEMENT_BREAK_DUE=GENTLE_ONCE");
    }

    @Test
    void givenThreeFaultsOfOneCodeInQuickSuccession_whenRouted_thenTheBeltVibratesOnceForThatCode() {
        String belt = TestAlerts.uniqueBelt();
        for (int i = 0; i < 3; i++) {
            publish(EventType.FORM_FAULT, TestAlerts.formFault(CLINIC, belt, AlertCodes.ROUNDED_BACK, "s-2"));
        }
        // Same belt, same partition, routed in order: once this one's command is out, the three were decided.
        publish(EventType.FORM_FAULT, TestAlerts.formFault(CLINIC, belt, AlertCodes.HIGH_IMPACT, "s-2"));

        List<Event<?>> commands = commandsOf(belt, 2);

        assertThat(commands).extracting(e -> ((BeltCommand) e.data()).code())
                .containsExactly(AlertCodes.ROUNDED_BACK, AlertCodes.HIGH_IMPACT);
    }

    @Test
    void givenLateAlertDuplicateEventAndAlertsWithoutHaptics_whenRouted_thenOnlyTheFirstCopyOfTheFreshFaultVibrates() {
        String belt = TestAlerts.uniqueBelt();
        Alert fresh = TestAlerts.formFault(CLINIC, belt, AlertCodes.OVERUSE, null);
        publish(EventType.FORM_FAULT, TestAlerts.late(TestAlerts.formFault(CLINIC, belt, AlertCodes.BREATH_HOLD, null)));
        publish(EventType.FORM_FAULT, fresh);
        publish(EventType.FORM_FAULT, fresh);
        publish(EventType.FLEET_ALERT, new Alert(TestAlerts.uniqueId(), "BELT_SILENT", Severity.WARNING, CLINIC, belt,
                null, null, Instant.now(), null, null, null, false, null, "silent", Map.of()));
        Alert marker = TestAlerts.formFault(CLINIC, belt, AlertCodes.SLUMPED_SITTING, null);
        publish(EventType.FORM_FAULT, marker);

        List<Event<?>> commands = commandsOf(belt, 2);

        assertThat(commands).extracting(e -> ((BeltCommand) e.data()).alertId())
                .containsExactly(fresh.alertId(), marker.alertId());
    }

    @Test
    void givenCommandsOnTheTopic_whenANewRouterInstanceLoadsTheLog_thenItThrottlesAndDropsDuplicatesAsTheFirstDid() {
        String belt = TestAlerts.uniqueBelt();
        Alert played = TestAlerts.formFault(CLINIC, belt, AlertCodes.ROUNDED_BACK, null);
        publish(EventType.FORM_FAULT, played);
        commandsOf(belt, 1);

        // What an instance does when this belt's partition is assigned to it (restart, scale-out, rebalance).
        HapticPolicy newInstance = new HapticPolicy(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMinutes(10), 1000);
        Instant now = Instant.now();
        commandLog.since(now.minus(Duration.ofMinutes(1)), Duration.ofSeconds(30))
                .forEach(c -> newInstance.remember(c.beltId(), c.code(), c.alertId(), c.issuedAt()));

        assertThat(newInstance.decide(belt, played, null, now).outcome()).isEqualTo(HapticPolicy.Outcome.DUPLICATE);
        Alert again = TestAlerts.formFault(CLINIC, belt, AlertCodes.ROUNDED_BACK, null);
        assertThat(newInstance.decide(belt, again, null, latestIssue(belt).plusMillis(1500)).outcome())
                .isEqualTo(HapticPolicy.Outcome.THROTTLED);
        Alert other = TestAlerts.formFault(CLINIC, belt, AlertCodes.TWIST_UNDER_LOAD, null);
        assertThat(newInstance.decide(belt, other, null, now).outcome()).isEqualTo(HapticPolicy.Outcome.EMITTED);
    }

    private Instant latestIssue(String belt) {
        return commandsOf(belt, 1).stream().map(e -> ((BeltCommand) e.data()).issuedAt())
                .max(Instant::compareTo).orElseThrow();
    }

    private static Alert advisory(String belt, String code) {
        return new Alert(TestAlerts.uniqueId(), code, Severity.INFO, CLINIC, belt, "w-" + belt, null, Instant.now(),
                null, null, null, false, null, null, Map.of());
    }

    private static void publish(EventType type, Alert alert) {
        kafka.publish(Topics.ALERTS, alert.beltId(), TestAlerts.event(type, alert));
    }

    private static List<Event<?>> commandsOf(String belt, int expected) {
        return kafka.read(Topics.BELT_COMMANDS, e -> e.data() instanceof BeltCommand c && belt.equals(c.beltId()),
                expected, Duration.ofSeconds(60));
    }
}
