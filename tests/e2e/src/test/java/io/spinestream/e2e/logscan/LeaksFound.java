package io.spinestream.e2e.logscan;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The scan's failure: where each leak is and what kind it is, never the leaked text. The platform's
 * failure report leaves out the log tails it prints for other failures, which would show those lines.
 */
public final class LeaksFound extends AssertionError {

    LeaksFound(Path logs, List<LeakScanner.Hit> hits) {
        super(hits.size() + " line(s) of the logs in " + logs + " hold what must never be logged (log:line kind; "
                + "open the log to see the line):\n" + hits.stream().map(h -> "  " + h).collect(Collectors.joining("\n")));
    }
}
