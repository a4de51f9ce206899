package io.spinestream.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * What a running launcher records for {@code status} and {@code down}: its pid (in
 * {@code launcher.pid}) and, in {@code state.properties}, the ports and the pids of its children.
 */
public final class LauncherState {

    private final Properties props;

    public LauncherState() {
        this(new Properties());
    }

    private LauncherState(Properties props) {
        this.props = props;
    }

    public static LauncherState read(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            // nothing recorded
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new LauncherState(p);
    }

    public synchronized void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                props.store(w, "spinestream launcher state (read by ./spinestream status and down)");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public boolean isEmpty() {
        return props.isEmpty();
    }

    public synchronized LauncherState put(String key, Object value) {
        props.setProperty(key, String.valueOf(value));
        return this;
    }

    public synchronized LauncherState remove(String key) {
        props.remove(key);
        return this;
    }

    public String get(String key) {
        return props.getProperty(key);
    }

    public OptionalLong getLong(String key) {
        String v = props.getProperty(key);
        if (v == null || v.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    public int getInt(String key, int fallback) {
        OptionalLong v = getLong(key);
        return v.isPresent() ? (int) v.getAsLong() : fallback;
    }

    public List<String> services() {
        String v = props.getProperty("services");
        if (v == null || v.isBlank()) {
            return List.of();
        }
        return new ArrayList<>(Arrays.asList(v.split(",")));
    }

    /** Reads a pid file ({@code launcher.pid}, or PostgreSQL's {@code postmaster.pid}: first line). */
    public static OptionalLong readPidFile(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(Long.parseLong(lines.get(0).trim()));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
