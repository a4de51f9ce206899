package io.spinestream.e2e.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import io.spinestream.e2e.client.Http;
import io.spinestream.e2e.platform.PlatformExtension;
import io.spinestream.e2e.platform.PlatformUnderTest;

/**
 * Every operation of every service against every kind of caller (docs/security.md, "Hardening checks"):
 * the table ({@link AccessTable}) must cover exactly the operations the running services publish in
 * their OpenAPI documents, so an endpoint added without a row — and so without its access being
 * decided — fails here. Each (operation, caller) is a test of its own.
 */
@Order(4)
@ExtendWith(PlatformExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndpointSecurityIT {

    /**
     * Checks the services fail today, each with exactly what differs ("check key" → "got …, expected …").
     * A check listed here passes only while it still fails this way: once a service is fixed, the check
     * fails until its line is removed, so the list can only shrink. Empty: the two findings of the first
     * run (a person's token claiming role {@code belt} acted as the belt; a clinic claim in quotes stood
     * for the clinic) are fixed in libs/platform's {@code ClinicClaimAugmentor}.
     */
    static final Map<String, String> KNOWN_VIOLATIONS = Map.of();

    private static final Duration FIRST_EVENT_WITHIN = Duration.ofSeconds(5);
    private static final int SHOWN_BODY = 400;

    private static PlatformUnderTest platform;
    private static AccessFixture fixture;
    private static final Map<String, String> deviations = new ConcurrentHashMap<>();
    private static final Set<String> ran = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void givenClinicAWithOneOfEverything_andClinicB(PlatformUnderTest started) throws InterruptedException {
        platform = started;
        fixture = AccessFixture.create(started);
    }

    @TestFactory
    @Order(1)
    Stream<DynamicTest> givenTheLiveOpenApiDocuments_whenComparedWithTheAccessTable_thenEachOperationHasExactlyOneRow() {
        List<Operation> table = AccessTable.operations();
        return Stream.of(Service.values()).flatMap(service -> {
            Set<String> published = OpenApiOperations.of(platform, service);
            List<String> rows = table.stream().filter(op -> op.service == service)
                    .map(op -> op.method + " " + op.template).toList();
            return Stream.of(
                    DynamicTest.dynamicTest(service + ": every published operation has a row", () -> {
                        Set<String> missing = new TreeSet<>(published);
                        rows.forEach(missing::remove);
                        assertThat(missing).as("operations of %s without a row in AccessTable: add a row for each (the "
                                + "roles it admits, what it names of a clinic, a valid request), so that its access "
                                + "is decided and checked", service).isEmpty();
                    }),
                    DynamicTest.dynamicTest(service + ": every row is a published operation, once", () -> {
                        Set<String> stale = new TreeSet<>(rows);
                        stale.removeAll(published);
                        assertThat(stale).as("rows of AccessTable that %s does not publish (renamed or removed?)", service)
                                .isEmpty();
                        assertThat(rows).as("rows of %s", service).doesNotHaveDuplicates();
                    }));
        });
    }

    @TestFactory
    @Order(2)
    Stream<DynamicNode> givenEveryOperation_whenEachKindOfCallerCallsIt_thenOnlyItsAdmittedCallersOfClinicAReachIt() {
        Stream<DynamicNode> operations = AccessTable.operations().stream().map(op -> DynamicContainer.dynamicContainer(
                op.key(), AccessChecks.of(op, fixture).stream()
                        .map(check -> DynamicTest.dynamicTest(check.displayName(), () -> run(check)))));
        DynamicNode stillKnown = DynamicTest.dynamicTest("every known violation still occurs", () -> {
            report();
            Set<String> unseen = new TreeSet<>(KNOWN_VIOLATIONS.keySet());
            unseen.removeAll(ran);
            assertThat(unseen).as("KNOWN_VIOLATIONS naming no check of the table: remove them").isEmpty();
        });
        return Stream.concat(operations, Stream.of(stillKnown));
    }

    @Test
    @Order(3)
    void givenBothClinicsLiveFeedsOpen_whenClinicAsRedFlagsWereRaised_thenOnlyClinicAsFeedCarriedThem() {
        List<String> alertsOfA = List.of(fixture.alertId, fixture.acknowledgeTarget, fixture.resolveTarget);
        assertThat(fixture.feedOfA).as("clinic A's live feed").anySatisfy(event -> assertThat(event).contains(fixture.alertId));
        assertThat(fixture.feedOfB).as("clinic B's live feed (it did carry B's own alert, the marker)").isNotEmpty()
                .noneMatch(event -> alertsOfA.stream().anyMatch(event::contains))
                .noneMatch(event -> event.contains(fixture.a.id()));
    }

    @Test
    @Order(4)
    void givenEveryRefusedUpload_whenTheBeltSendsItsOwnBatchesOfThoseSeqs_thenNothingOfTheRefusedOnesWasKept() {
        assertThat(fixture.refusedUploadsKept())
                .as("what the refused uploads left in clinic A's archive or clinic B's (null: nothing)").isNull();
    }

    private static void run(Check check) {
        ran.add(check.key());
        Operation op = check.operation();
        Request request = check.build(fixture);
        boolean watch = !check.admitted() && request.state() != null;
        String before = watch ? request.state().get() : null;
        Http.Reply reply = call(op, request, request.pathAndQuery(), check.credential());
        List<String> found = new ArrayList<>(check.expected().deviations(reply));
        if (found.isEmpty() && check.expected().likeAbsent()) {
            // a refusal that leaks nothing reads exactly like the answer for ids that name nothing
            AbsentTwin twin = AbsentTwin.of(op.template, request.pathAndQuery());
            Http.Reply absent = call(op, request, twin.pathAndQuery(), check.twinCaller().apply(twin));
            String unlike = check.expected().unlikeAbsent(reply, absent, twin);
            if (unlike != null) {
                found.add(unlike);
            }
        }
        String changed = "";
        if (watch) {
            String after = request.state().get();
            if (!after.equals(before)) {
                found.add("the refused call changed what it names");
                changed = "\n  before: " + shorten(before) + "\n  after:  " + shorten(after);
            }
        }
        String deviation = String.join("; ", found);
        if (!deviation.isEmpty()) {
            deviations.put(check.key(), deviation);
        }
        String known = KNOWN_VIOLATIONS.get(check.key());
        String answer = "\n  " + op.method + " " + request.pathAndQuery() + " → " + reply.status() + " "
                + reply.headers().firstValue("Content-Type").orElse("") + " " + shorten(reply.body()) + changed;
        if (known != null) {
            if (deviation.isEmpty()) {
                fail(check.key() + " is right now (" + reply.status() + "): remove it from KNOWN_VIOLATIONS" + answer);
            }
            assertThat(deviation).as("the known violation of %s%s", check.key(), answer).isEqualTo(known);
        } else if (!deviation.isEmpty()) {
            fail(check.key() + ": " + deviation + answer);
        }
    }

    private static Http.Reply call(Operation op, Request request, String pathAndQuery, String credential) {
        String url = op.service.baseUrl(platform) + pathAndQuery;
        return request.isEventStream()
                ? platform.http().openEventStream(url, credential, FIRST_EVENT_WITHIN)
                : platform.http().send(op.method, url, credential, request.accept(), request.contentType(),
                        request.body());
    }

    /** Every deviation of the run, as the KNOWN_VIOLATIONS entries it would take (for the one reading a failed run). */
    private static void report() {
        Map<String, String> sorted = new LinkedHashMap<>();
        deviations.keySet().stream().sorted().forEach(k -> sorted.put(k, deviations.get(k)));
        System.out.println("[security] " + ran.size() + " checks, " + sorted.size() + " deviating:\n" + sorted.entrySet()
                .stream().map(e -> "  Map.entry(\"" + e.getKey() + "\",\n          \"" + e.getValue() + "\"),")
                .collect(Collectors.joining("\n")));
    }

    private static String shorten(String text) {
        if (text == null) {
            return "";
        }
        String one = text.replaceAll("\\s+", " ");
        return one.length() <= SHOWN_BODY ? one : one.substring(0, SHOWN_BODY) + "…";
    }
}
