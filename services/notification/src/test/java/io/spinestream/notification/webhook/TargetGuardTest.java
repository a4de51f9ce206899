package io.spinestream.notification.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class TargetGuardTest {

    private final TargetGuard production = new TargetGuard(false, false, false, false);

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1", "10.1.2.3", "172.16.0.1", "172.31.255.255",
            "192.168.1.1", "100.64.0.1", "fd00::1", "169.254.169.254", "fe80::1", "0.0.0.0", "::", "224.0.0.1",
            "255.255.255.255", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::7f00:1", "2002:a00:1::1", "::7f00:1"})
    void givenAnInternalAddress_whenCheckedWithDefaults_thenRefused(String address) throws Exception {
        assertThat(production.addressProblem(InetAddress.getByName(address))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111"})
    void givenAPublicAddress_whenChecked_thenAllowed(String address) throws Exception {
        assertThat(production.addressProblem(InetAddress.getByName(address))).isEmpty();
    }

    @Test
    void givenConfigurationAllowingLoopback_whenLoopbackChecked_thenAllowedButPrivateStillRefused() throws Exception {
        TargetGuard tests = new TargetGuard(true, false, false, true);

        assertThat(tests.addressProblem(InetAddress.getByName("127.0.0.1"))).isEmpty();
        assertThat(tests.addressProblem(InetAddress.getByName("::1"))).isEmpty();
        assertThat(tests.addressProblem(InetAddress.getByName("10.0.0.1"))).contains("a private address");
        assertThat(tests.addressProblem(InetAddress.getByName("169.254.169.254"))).contains("a link-local address");
    }

    @Test
    void givenURLs_whenChecked_thenOnlyHttpsWithAHostAndNoCredentialsPass() {
        assertThat(production.urlProblem("https://hooks.example.com/spinestream")).isEmpty();
        assertThat(production.urlProblem("http://hooks.example.com/spinestream")).contains("must be an https URL");
        assertThat(production.urlProblem("ftp://hooks.example.com/")).isPresent();
        assertThat(production.urlProblem("https://user:secret@hooks.example.com/")).contains("must not carry credentials");
        assertThat(production.urlProblem("https:///path-only")).isPresent();
        assertThat(production.urlProblem("https://10.0.0.7/hook")).contains("a private address");
        assertThat(production.urlProblem("https://[::1]:8443/hook")).contains("a loopback address");
        assertThat(production.urlProblem("not a url")).isPresent();
        assertThat(new TargetGuard(false, false, false, true).urlProblem("http://hooks.example.com/")).isEmpty();
    }
}
