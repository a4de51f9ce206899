package io.spinestream.deployment.topics;

import io.spinestream.events.topic.TopicSpec;
import io.spinestream.events.topic.Topics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The topics create-topics.sh declares ({@code topic NAME PARTITIONS CONFIG=VALUE...} lines). */
public final class TopicScript {

    /** One declared topic. */
    public record Declared(String name, int partitions, Map<String, String> configs) {
    }

    private static final Pattern LINE = Pattern.compile("(?m)^topic\\s+(\\S+)\\s+(\\d+)((?:\\s+[^\\s=]+=\\S+)*)\\s*$");

    private TopicScript() {
    }

    public static List<Declared> declared(String script) {
        List<Declared> topics = new ArrayList<>();
        Matcher m = LINE.matcher(script);
        while (m.find()) {
            Map<String, String> configs = new LinkedHashMap<>();
            for (String c : m.group(3).trim().split("\\s+")) {
                if (!c.isEmpty()) {
                    configs.put(c.substring(0, c.indexOf('=')), c.substring(c.indexOf('=') + 1));
                }
            }
            topics.add(new Declared(m.group(1), Integer.parseInt(m.group(2)), configs));
        }
        return topics;
    }

    /** Where the script's topics differ from the registry (Topics.all(), TopicSpec.topicConfig()). */
    public static List<String> problems(String script) {
        List<String> problems = new ArrayList<>();
        Map<String, Declared> declared = new LinkedHashMap<>();
        for (Declared d : declared(script)) {
            if (declared.put(d.name(), d) != null) {
                problems.add("create-topics.sh declares " + d.name() + " twice");
            }
        }
        for (TopicSpec<?, ?> spec : Topics.all()) {
            Declared d = declared.remove(spec.name());
            if (d == null) {
                problems.add("create-topics.sh does not create " + spec.name());
                continue;
            }
            if (d.partitions() != spec.partitions()) {
                problems.add("create-topics.sh creates " + spec.name() + " with " + d.partitions() + " partitions, the registry says "
                        + spec.partitions());
            }
            if (!d.configs().equals(spec.topicConfig())) {
                problems.add("create-topics.sh creates " + spec.name() + " with " + d.configs() + ", the registry says "
                        + spec.topicConfig());
            }
        }
        declared.keySet().forEach(name -> problems.add("create-topics.sh creates " + name + ", which is not in the registry"));
        return problems;
    }
}
