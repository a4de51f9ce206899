package io.spinestream.notification.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Keeps webhook requests away from the platform's own networks (server-side request forgery): a
 * URL must be http(s) without credentials, and every address its host resolves to must be a
 * public one, unless configuration allows loopback, private or link-local targets. Deliveries
 * connect to the very address that was checked, so a DNS answer that changes in between (DNS
 * rebinding) cannot redirect them.
 */
public final class TargetGuard {

    private final boolean allowLoopback;
    private final boolean allowPrivate;
    private final boolean allowLinkLocal;
    private final boolean allowHttp;

    public TargetGuard(boolean allowLoopback, boolean allowPrivate, boolean allowLinkLocal, boolean allowHttp) {
        this.allowLoopback = allowLoopback;
        this.allowPrivate = allowPrivate;
        this.allowLinkLocal = allowLinkLocal;
        this.allowHttp = allowHttp;
    }

    public static TargetGuard of(WebhookConfig.Targets targets) {
        return new TargetGuard(targets.allowLoopback(), targets.allowPrivate(), targets.allowLinkLocal(),
                targets.allowHttp());
    }

    /** What is wrong with the URL itself (scheme, host, credentials, a forbidden IP literal); empty if nothing. */
    public Optional<String> urlProblem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            return Optional.of("not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            return Optional.of(allowHttp ? "must be an http or https URL" : "must be an https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return Optional.of("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry credentials");
        }
        if (isIpLiteral(uri.getHost())) {
            try {
                return addressProblem(InetAddress.getByName(stripBrackets(uri.getHost())));
            } catch (UnknownHostException e) {
                return Optional.of("not a valid address");
            }
        }
        return Optional.empty();
    }

    /** Why a request may not go to this address; empty if it may. */
    public Optional<String> addressProblem(InetAddress address) {
        InetAddress effective = embeddedIpv4(address).orElse(address);
        if (effective.isAnyLocalAddress() || effective.isMulticastAddress() || isReserved(effective)) {
            return Optional.of("a reserved address");
        }
        if (effective.isLoopbackAddress()) {
            return allowLoopback ? Optional.empty() : Optional.of("a loopback address");
        }
        if (effective.isLinkLocalAddress()) {
            return allowLinkLocal ? Optional.empty() : Optional.of("a link-local address");
        }
        if (effective.isSiteLocalAddress() || isCarrierGradeNat(effective) || isUniqueLocal(effective)) {
            return allowPrivate ? Optional.empty() : Optional.of("a private address");
        }
        return Optional.empty();
    }

    private static boolean isIpLiteral(String host) {
        return host.startsWith("[") || host.chars().allMatch(c -> Character.isDigit(c) || c == '.');
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /**
     * IPv4 carried inside IPv6: IPv4-mapped ::ffff:0:0/96 (the JDK usually turns these into IPv4
     * itself, not always), IPv4-translated ::ffff:0:0:0/96, NAT64 64:ff9b::/96 and 64:ff9b:1::/48,
     * 6to4 2002::/16, Teredo 2001::/32 (the client address, inverted) and IPv4-compatible ::/96.
     */
    private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] b = address.getAddress();
        byte[] v4 = null;
        boolean nat64 = b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        if (nat64 && (allZero(b, 4, 12) || (b[4] == 0 && b[5] == 1))) {
            v4 = new byte[]{b[12], b[13], b[14], b[15]};
        } else if (allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            v4 = new byte[]{b[12], b[13], b[14], b[15]};
        } else if (allZero(b, 0, 8) && (b[8] & 0xff) == 0xff && (b[9] & 0xff) == 0xff && b[10] == 0 && b[11] == 0) {
            v4 = new byte[]{b[12], b[13], b[14], b[15]};
        } else if (b[0] == 0x20 && b[1] == 0x02) {
            v4 = new byte[]{b[2], b[3], b[4], b[5]};
        } else if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) {
            v4 = new byte[]{(byte) ~b[12], (byte) ~b[13], (byte) ~b[14], (byte) ~b[15]};
        } else if (allZero(b, 0, 12) && !allZero(b, 12, 16) && !(allZero(b, 12, 15) && b[15] == 1)) {
            v4 = new byte[]{b[12], b[13], b[14], b[15]};
        }
        if (v4 == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(v4));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Never a receiver: 0.0.0.0/8, 240.0.0.0/4 (incl. broadcast), the IETF's 192.0.0.0/24, the
     * documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32), the
     * benchmarking 198.18.0.0/15 (often used inside networks), the IPv6 discard prefix 100::/64.
     */
    private static boolean isReserved(InetAddress address) {
        int[] b = unsigned(address.getAddress());
        if (address instanceof Inet4Address) {
            return b[0] == 0 || b[0] >= 240
                    || (b[0] == 192 && b[1] == 0 && (b[2] == 0 || b[2] == 2))
                    || (b[0] == 198 && (b[1] == 18 || b[1] == 19))
                    || (b[0] == 198 && b[1] == 51 && b[2] == 100)
                    || (b[0] == 203 && b[1] == 0 && b[2] == 113);
        }
        return (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)
                || (b[0] == 0x01 && b[1] == 0 && b[2] == 0 && b[3] == 0 && b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 0);
    }

    private static int[] unsigned(byte[] bytes) {
        int[] out = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[i] & 0xff;
        }
        return out;
    }

    /** 100.64.0.0/10, shared address space behind carrier-grade NAT. */
    private static boolean isCarrierGradeNat(InetAddress address) {
        if (address instanceof Inet4Address) {
            byte[] b = address.getAddress();
            return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
        }
        return false;
    }

    /** fc00::/7, IPv6 unique local addresses. */
    private static boolean isUniqueLocal(InetAddress address) {
        return address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
    }
}
