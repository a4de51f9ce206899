package io.spinestream.notification.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.Inet6Address;
import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class TargetGuardTest {

    private final TargetGuard production = new TargetGuard(false, false, false, false);

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1", "10.1.2.3", "172.16.0.1", "172.31.255.255",
            "192.168.1.1", "100.64.0.1", "fd00::1", "169.254.169.254", "fe80::1", "0.0.0.0", "::", "224.0.0.1",
            "255.255.255.255", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::7f00:1", "2002:a00:1::1", "::7f00:1",
            "0.1.2.3", "127.255.255.254", "10.255.255.255", "192.168.255.255", "100.127.255.255", "169.254.0.1",
            "fe80::1:2:3:4", "fc00::1", "fdff:ffff::1", "fec0::1", "ff02::1", "::ffff:169.254.169.254",
            "::ffff:0:a00:1", "64:ff9b:1::a9fe:a9fe", "2002:a9fe:a9fe::1", "2001:0:4136:e378:8000:63bf:f5ff:fffe",
            "2002:7f00:1::", "192.0.0.8", "192.0.2.10", "198.18.0.1", "198.19.255.255", "198.51.100.7", "203.0.113.9",
            "2001:db8::1", "100::1"})
    void givenAnInternalAddress_whenCheckedWithDefaults_thenRefused(String address) throws Exception {
        assertThat(production.addressProblem(InetAddress.getByName(address))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111",
            "172.15.255.255", "169.255.0.1", "192.0.1.1", "198.20.0.1", "2001:4860:4860::8888", "64:ff9b::808:808",
            "2002:808:808::1", "::ffff:8.8.8.8"})
    void givenAPublicAddress_whenChecked_thenAllowed(String address) throws Exception {
        assertThat(production.addressProblem(InetAddress.getByName(address))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.0.0.1", "169.254.169.254", "0.0.0.0"})
    void givenAnIpv4MappedAddressTheJdkKeepsAsIpv6_whenChecked_thenJudgedByItsIpv4(String ipv4) throws Exception {
        byte[] v4 = InetAddress.getByName(ipv4).getAddress();
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(v4, 0, mapped, 12, 4);
        InetAddress address = Inet6Address.getByAddress(null, mapped, -1);

        assertThat(address).isInstanceOf(Inet6Address.class);
        assertThat(production.addressProblem(address)).isEqualTo(production.addressProblem(InetAddress.getByName(ipv4)))
                .isPresent();
    }

    @Test
    void givenIpLiteralsInUrls_whenChecked_thenInternalOnesAreRefusedWhateverTheirSpelling() {
        assertThat(production.urlProblem("https://169.254.169.254/latest/meta-data")).contains("a link-local address");
        assertThat(production.urlProblem("https://[::ffff:169.254.169.254]/")).contains("a link-local address");
        assertThat(production.urlProblem("https://[::ffff:a9fe:a9fe]/")).contains("a link-local address");
        assertThat(production.urlProblem("https://[fe80::1%25eth0]/")).isPresent();
        assertThat(production.urlProblem("https://0.0.0.0:8084/")).contains("a reserved address");
        assertThat(production.urlProblem("https://127.1/")).isPresent();
        assertThat(production.urlProblem("https://[::]/")).contains("a reserved address");
        assertThat(production.urlProblem("https://[fd12:3456::1]/")).contains("a private address");
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
