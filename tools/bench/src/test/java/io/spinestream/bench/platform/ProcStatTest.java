package io.spinestream.bench.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcStatTest {

    @Test
    void givenAStatLine_whenParsed_thenUserSystemAndEndedChildrenTicksAreRead() {
        // a postmaster line as Linux writes it: pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt
        // majflt cmajflt utime stime cutime cstime ...
        String line = "4242 (postgres) S 1 4242 4242 0 -1 4194560 1000 2000 0 0 150 30 900 120 20 0 1 0 123 456 789";

        ProcStat s = ProcStat.parse(line);

        assertThat(s.pid()).isEqualTo(4242);
        assertThat(s.comm()).isEqualTo("postgres");
        assertThat(s.utime()).isEqualTo(150);
        assertThat(s.stime()).isEqualTo(30);
        assertThat(s.cutime()).isEqualTo(900);
        assertThat(s.cstime()).isEqualTo(120);
        assertThat(s.totalTicks()).isEqualTo(1200);
    }

    @Test
    void givenACommandNameWithSpacesAndParentheses_whenParsed_thenTheFieldsAfterItAreStillFound() {
        String line = "77 (java (kafka) x) R 1 77 77 0 -1 0 0 0 0 0 11 22 33 44 20 0 30 0 1 2 3";

        ProcStat s = ProcStat.parse(line);

        assertThat(s.comm()).isEqualTo("java (kafka) x");
        assertThat(s.totalTicks()).isEqualTo(11 + 22 + 33 + 44);
    }

    @Test
    void givenATruncatedLine_whenParsed_thenItIsRefusedSayingWhy() {
        assertThatThrownBy(() -> ProcStat.parse("12 (x) S 1 2 3"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too few fields");
        assertThatThrownBy(() -> ProcStat.parse("no parentheses here"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a /proc/<pid>/stat line");
    }

    @Test
    void givenThisProcess_whenItsStatIsRead_thenItHasUsedSomeCpu() {
        ProcStat self = ProcStat.read(ProcessHandle.current().pid()).orElseThrow();

        assertThat(self.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(self.utime() + self.stime()).isPositive();
    }

    @Test
    void givenAProcessThatDoesNotExist_whenItsStatIsRead_thenThereIsNone() {
        assertThat(ProcStat.read(Long.MAX_VALUE)).isEmpty();
    }
}
