package io.spinestream.deployment.kubernetes;

import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.spinestream.deployment.service.ServiceConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the network policies of a render let one pod do, against what it needs: policies add up
 * (a pod may do what any policy selecting it allows), isolation needs a policy of each direction,
 * a rule's destinations are checked by namespace where it names one.
 */
final class NetworkPolicyChecks {

    /** What notification's webhook address guard refuses by default, by switch (WebhookConfig.Targets). */
    static final Map<String, List<String>> GUARDED_RANGES = Map.of(
            "spinestream.notification.webhooks.targets.allow-private",
            List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7"),
            "spinestream.notification.webhooks.targets.allow-loopback", List.of("127.0.0.0/8", "::1/128"),
            "spinestream.notification.webhooks.targets.allow-link-local", List.of("169.254.0.0/16", "fe80::/10"));

    /** A port a pod needs to reach ({@code host} null: wherever). */
    record Need(String protocol, int port, String host, String what) {
    }

    static List<String> podPolicies(Rendered r, String workload, Map<String, String> labels, String namespace,
                                    Set<Need> egressNeeded, Set<Need> ingressNeeded, ServiceConfig webhookSender) {
        List<String> problems = new ArrayList<>();
        String where = r + ": " + workload;
        List<NetworkPolicy> selecting = r.networkPolicies().stream()
                .filter(p -> Objects.equals(p.getMetadata().getNamespace(), namespace))
                .filter(p -> KubernetesChecks.matches(p.getSpec().getPodSelector(), labels)).toList();
        boolean egressIsolated = selecting.stream().anyMatch(p -> types(p).contains("Egress"));
        boolean ingressIsolated = selecting.stream().anyMatch(p -> types(p).contains("Ingress"));
        if (!egressIsolated || !ingressIsolated) {
            String open = !egressIsolated && !ingressIsolated ? "egress and ingress are" : egressIsolated ? "ingress is" : "egress is";
            problems.add(where + ": no network policy isolates its pods (" + open + " open)");
            return problems;
        }
        List<NetworkPolicyEgressRule> egress = selecting.stream().filter(p -> types(p).contains("Egress"))
                .flatMap(p -> Optional.ofNullable(p.getSpec().getEgress()).orElse(List.of()).stream()).toList();
        List<NetworkPolicyIngressRule> ingress = selecting.stream().filter(p -> types(p).contains("Ingress"))
                .flatMap(p -> Optional.ofNullable(p.getSpec().getIngress()).orElse(List.of()).stream()).toList();

        for (Need need : egressNeeded) {
            boolean allowed = egress.stream().anyMatch(rule -> allows(rule.getPorts(), need)
                    && reaches(rule.getTo(), need.host(), namespace));
            if (!allowed) {
                problems.add(where + ": network policies do not let it reach " + need.what() + " at "
                        + (need.host() == null ? "" : need.host() + ":") + need.port() + "/" + need.protocol());
            }
        }
        for (NetworkPolicyEgressRule rule : egress) {
            if (isPublicEgress(rule)) {
                if (webhookSender == null) {
                    problems.add(where + ": may send to any public address, but it calls no webhooks");
                } else {
                    problems.addAll(guardMirrored(where, rule, webhookSender));
                }
                continue;
            }
            problems.addAll(extraPorts(where + " egress", rule.getPorts(), egressNeeded));
        }
        if (webhookSender != null && egress.stream().noneMatch(NetworkPolicyChecks::isPublicEgress)) {
            problems.add(where + ": calls webhooks, but no network policy lets it reach public addresses");
        }
        for (Need need : ingressNeeded) {
            if (ingress.stream().noneMatch(rule -> allows(rule.getPorts(), need))) {
                problems.add(where + ": network policies do not let traffic in on its " + need.what() + " port " + need.port());
            }
        }
        for (NetworkPolicyIngressRule rule : ingress) {
            problems.addAll(extraPorts(where + " ingress", rule.getPorts(), ingressNeeded));
        }
        return problems;
    }

    private static List<String> types(NetworkPolicy p) {
        List<String> types = p.getSpec().getPolicyTypes();
        if (types == null || types.isEmpty()) {
            return p.getSpec().getEgress() == null || p.getSpec().getEgress().isEmpty() ? List.of("Ingress")
                    : List.of("Ingress", "Egress");
        }
        return types;
    }

    private static boolean allows(List<NetworkPolicyPort> ports, Need need) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        return ports.stream().anyMatch(p -> Optional.ofNullable(p.getProtocol()).orElse("TCP").equals(need.protocol())
                && (p.getPort() == null || (p.getPort().getIntVal() != null && rangeContains(p, need.port()))));
    }

    private static boolean rangeContains(NetworkPolicyPort p, int port) {
        int from = p.getPort().getIntVal();
        int to = p.getEndPort() == null ? from : p.getEndPort();
        return port >= from && port <= to;
    }

    /** Whether a rule's destinations include the host (by namespace, when it names one). */
    private static boolean reaches(List<NetworkPolicyPeer> peers, String host, String podNamespace) {
        if (peers == null || peers.isEmpty() || host == null) {
            return true;
        }
        for (NetworkPolicyPeer peer : peers) {
            if (peer.getIpBlock() != null) {
                // A service of the cluster has a private address, which a block with exceptions leaves out.
                boolean inCluster = !namespaceOf(host, podNamespace).startsWith("<outside");
                if (!inCluster || peer.getIpBlock().getExcept() == null || peer.getIpBlock().getExcept().isEmpty()) {
                    return true;
                }
                continue;
            }
            if (peer.getNamespaceSelector() != null) {
                Map<String, String> ns = Optional.ofNullable(peer.getNamespaceSelector().getMatchLabels()).orElse(Map.of());
                String name = ns.get("kubernetes.io/metadata.name");
                if (name == null || namespaceOf(host, podNamespace).equals(name)) {
                    return true;
                }
            } else if (peer.getPodSelector() != null && namespaceOf(host, podNamespace).equals(podNamespace)) {
                return true;
            }
        }
        return false;
    }

    /** The namespace a cluster DNS name points into: svc.ns[.svc[.cluster.local]], or the pod's own for a bare name. */
    static String namespaceOf(String host, String podNamespace) {
        String[] parts = host.split("\\.");
        if (parts.length == 1) {
            return String.valueOf(podNamespace);
        }
        if (parts.length == 2 || (parts.length >= 3 && parts[2].equals("svc"))) {
            return parts[1];
        }
        return "<outside the cluster: " + host + ">";
    }

    private static List<String> extraPorts(String where, List<NetworkPolicyPort> ports, Set<Need> needed) {
        List<String> problems = new ArrayList<>();
        if (ports == null || ports.isEmpty()) {
            problems.add(where + ": a rule allows every port");
            return problems;
        }
        for (NetworkPolicyPort p : ports) {
            String protocol = Optional.ofNullable(p.getProtocol()).orElse("TCP");
            boolean used = p.getPort() != null && needed.stream().anyMatch(n -> n.protocol().equals(protocol)
                    && p.getPort().getIntVal() != null && rangeContains(p, n.port()));
            if (!used) {
                problems.add(where + ": allows " + (p.getPort() == null ? "every port" : "port " + p.getPort().getIntVal())
                        + "/" + protocol + ", which its configuration does not use");
            }
        }
        return problems;
    }

    private static boolean isPublicEgress(NetworkPolicyEgressRule rule) {
        return rule.getTo() != null && !rule.getTo().isEmpty()
                && rule.getTo().stream().allMatch(p -> p.getIpBlock() != null)
                && rule.getTo().stream().anyMatch(p -> p.getIpBlock().getCidr().equals("0.0.0.0/0")
                || p.getIpBlock().getCidr().equals("::/0"));
    }

    private static List<String> guardMirrored(String where, NetworkPolicyEgressRule rule, ServiceConfig sender) {
        List<String> problems = new ArrayList<>();
        Set<String> excepted = rule.getTo().stream().map(NetworkPolicyPeer::getIpBlock).filter(Objects::nonNull)
                .map(IPBlock::getExcept).filter(Objects::nonNull).flatMap(List::stream).collect(Collectors.toSet());
        Map<String, String> guards = sender.webhookTargetGuards();
        for (Map.Entry<String, List<String>> guard : GUARDED_RANGES.entrySet()) {
            if (!guards.containsKey(guard.getKey())) {
                problems.add(where + ": the webhook address guard " + guard.getKey() + " is gone; review the network policy");
            } else if ("false".equals(guards.get(guard.getKey()))) {
                for (String range : guard.getValue()) {
                    if (!excepted.contains(range)) {
                        problems.add(where + ": may send webhooks to " + range + ", which " + guard.getKey()
                                + "=false refuses: add it to the ipBlock exceptions");
                    }
                }
            }
        }
        if (rule.getPorts() != null && rule.getPorts().stream().anyMatch(p -> !"TCP".equals(Optional.ofNullable(p.getProtocol()).orElse("TCP")))) {
            problems.add(where + ": webhook egress allows more than TCP");
        }
        return problems;
    }

    private NetworkPolicyChecks() {
    }
}
