package io.spinestream.bench.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A table of the report, printed as aligned text (standard output) or as Markdown
 * (docs/performance): the first column left-aligned, the others right-aligned.
 */
public final class Table {

    private final String title;
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public Table(String title, String... header) {
        this.title = title;
        this.header = List.of(header);
    }

    public Table row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("a row of " + header.size() + " cells expected, got " + cells.length);
        }
        List<String> r = new ArrayList<>();
        for (Object c : cells) {
            r.add(c == null ? "–" : c.toString());
        }
        rows.add(r);
        return this;
    }

    public Table note(String note) {
        notes.add(note);
        return this;
    }

    public String title() {
        return title;
    }

    public List<List<String>> rows() {
        return List.copyOf(rows);
    }

    public String text() {
        int[] width = new int[header.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = header.get(c).length();
            for (List<String> r : rows) {
                width[c] = Math.max(width[c], r.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder(title).append('\n');
        line(sb, header, width);
        for (List<String> r : rows) {
            line(sb, r, width);
        }
        notes.forEach(n -> sb.append(n).append('\n'));
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] width) {
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(width[c] - cell.length());
            if (c == 0) {
                sb.append(cell).append(pad);
            } else {
                sb.append("  ").append(pad).append(cell);
            }
        }
        sb.append('\n');
    }

    public String markdown() {
        StringBuilder sb = new StringBuilder("**").append(title).append("**\n\n| ");
        sb.append(String.join(" | ", header)).append(" |\n|");
        for (int c = 0; c < header.size(); c++) {
            sb.append(c == 0 ? "---|" : "---:|");
        }
        sb.append('\n');
        for (List<String> r : rows) {
            sb.append("| ").append(String.join(" | ", r.stream().map(s -> s.replace("|", "\\|")).toList()))
                    .append(" |\n");
        }
        if (!notes.isEmpty()) {
            sb.append('\n');
            notes.forEach(n -> sb.append(n).append("  \n"));
        }
        return sb.toString();
    }

    // --- number formats shared by the report -------------------------------------------------------

    /** 1 234 567 → "1,234,567"; below 100 with one decimal. */
    public static String count(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "–";
        }
        return Math.abs(v) < 100 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%,.0f", v);
    }

    /** A ratio as a percentage: 0.456 → "45.6 %". */
    public static String percent(double ratio) {
        if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.1f %%", ratio * 100);
    }

    /** Microseconds as milliseconds with a sensible precision: 843 → "0.84", 15230 → "15.2", 1234567 → "1,235". */
    public static String millis(long micros) {
        double ms = micros / 1000.0;
        if (ms < 10) {
            return String.format(Locale.ROOT, "%.2f", ms);
        }
        if (ms < 100) {
            return String.format(Locale.ROOT, "%.1f", ms);
        }
        return String.format(Locale.ROOT, "%,.0f", ms);
    }

    /** CPU seconds per batch as microseconds of CPU: 0.000412 → "412". */
    public static String cpuMicros(double secondsPerBatch) {
        if (Double.isNaN(secondsPerBatch) || Double.isInfinite(secondsPerBatch)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%,.0f", secondsPerBatch * 1e6);
    }

    /** "met" or "missed" against a goal, with the measured value's share of it. */
    public static String verdict(double measured, double goal, boolean higherIsBetter) {
        if (Double.isNaN(measured)) {
            return "not measured";
        }
        boolean met = higherIsBetter ? measured >= goal : measured <= goal;
        return (met ? "met" : "MISSED") + " (" + percent(measured / goal) + " of goal)";
    }
}
