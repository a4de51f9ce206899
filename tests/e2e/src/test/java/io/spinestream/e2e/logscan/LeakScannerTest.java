package io.spinestream.e2e.logscan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.spinestream.e2e.logscan.IssuedSecrets.SecretKind;

class LeakScannerTest {

    private static final String HEADER = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9";
    private static final String TOKEN = HEADER + ".eyJzdWIiOiJ3LWFiYyIsImNsaW5pYyI6ImMtMSJ9"
            + ".Qm9ndXNTaWduYXR1cmVCeXRlc1RoYXRBcmVMb25nRW5vdWdoVG9NYXR0ZXI";
    private static final String BELT = "ssb_q3VJb1xW0mAe7LkR.Vd0lQm9ndXNTaWduYXR1cmVCeXRlc1RoYXRBcmVMb25nRW5vdWdo";

    private final LeakScanner scanner = LeakScanner.builder()
            .secret(TOKEN, SecretKind.ACCESS_TOKEN)
            .secret(BELT, SecretKind.BELT_CREDENTIAL)
            .text("health: pain note", "CnryNote5f3a")
            .word("health: symptom", "saddle_numbness")
            .field("health: pain intensity", "intensity", "7")
            .build();

    @Test
    void givenAWholeOrTruncatedSecret_whenScanned_thenTheLineIsReportedWithItsKind_andNotTheSecret() {
        List<LeakScanner.Hit> hits = scanner.scan("journal", List.of(
                "INFO request ok",
                "WARN auth failed for Bearer " + TOKEN,
                "DEBUG token prefix " + TOKEN.substring(0, HEADER.length() + 25) + "...",
                "INFO belt key " + BELT.substring(4, 20)));

        assertThat(hits).containsExactly(
                new LeakScanner.Hit("journal", 2, "access token (JWT)"),
                new LeakScanner.Hit("journal", 3, "access token (JWT)"),
                new LeakScanner.Hit("journal", 4, "belt credential"));
        assertThat(hits.toString()).doesNotContain(TOKEN.substring(HEADER.length() + 1, HEADER.length() + 17));
    }

    @Test
    void givenOnlyTheHeaderEveryTokenShares_whenScanned_thenNothingIsReported() {
        assertThat(scanner.scan("journal", List.of("decoded " + HEADER))).isEmpty();
    }

    @Test
    void givenHealthDataInAnyRecognisableForm_whenScanned_thenEachFormIsFound() {
        List<LeakScanner.Hit> hits = scanner.scan("notification", List.of(
                "entry {\"note\":\"cnrynote5F3A felt it\"}",
                "red flag SADDLE_NUMBNESS raised",
                "PainEntry[intensity=7, mood=3]",
                "{\"intensity\": 7}",
                "intensity 7 reported",
                "intensity=75 and saddle_numbness_extra and intensity=7.5",
                "started in 7.012s"));

        assertThat(hits).extracting(LeakScanner.Hit::line).containsExactly(1, 2, 3, 4, 5);
        assertThat(hits).extracting(LeakScanner.Hit::kind).containsExactly("health: pain note", "health: symptom",
                "health: pain intensity", "health: pain intensity", "health: pain intensity");
    }
}
