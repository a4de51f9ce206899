package io.spinestream.e2e.platform;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

import io.spinestream.e2e.logscan.LeaksFound;

/**
 * Gives every scenario the one {@link PlatformUnderTest} of the run: started by the first scenario
 * that asks for it, stopped when the whole run ends (JUnit closes the root store's values), whatever
 * the outcome. When a scenario fails, the end of every service's log is printed with the failure (unless
 * it failed for finding secrets in those logs).
 */
public final class PlatformExtension implements ParameterResolver, TestWatcher {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PlatformExtension.class);
    private static final int LOG_TAIL_LINES = 60;

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PlatformUnderTest.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return platform(context);
    }

    static PlatformUnderTest platform(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(Started.class, type -> Started.start(), Started.class)
                .platform();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Started started = context.getRoot().getStore(NAMESPACE).get(Started.class, Started.class);
        // the lines a log scan found secrets in are not to be copied into the build's output
        if (started != null && started.platform != null && !(cause instanceof LeaksFound)) {
            System.err.println("[e2e] " + context.getDisplayName() + " failed: " + cause + "\n"
                    + started.platform.logTails(LOG_TAIL_LINES));
        }
    }

    /**
     * The outcome of the one start of the run: the platform, or why it did not start (remembered, so
     * the next scenarios fail at once with the same cause instead of starting everything again).
     */
    private static final class Started implements AutoCloseable {

        private final PlatformUnderTest platform;
        private final Exception failure;

        private Started(PlatformUnderTest platform, Exception failure) {
            this.platform = platform;
            this.failure = failure;
        }

        static Started start() {
            try {
                return new Started(PlatformUnderTest.start(), null);
            } catch (Exception e) {
                return new Started(null, e);
            }
        }

        PlatformUnderTest platform() {
            if (platform == null) {
                throw new IllegalStateException("the platform did not start: " + failure.getMessage(), failure);
            }
            return platform;
        }

        @Override
        public void close() {
            if (platform != null) {
                platform.close();
            }
        }
    }
}
