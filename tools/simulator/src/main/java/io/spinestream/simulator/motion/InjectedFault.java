package io.spinestream.simulator.motion;

/**
 * A fault the model put into the motion on purpose, built to cross its limit (by a margin larger
 * than sensor noise and calibration error) for longer than the rule's minimum duration, so the
 * analyzer must raise exactly one alert for it.
 *
 * @param code     the alert code the analyzer should raise ({@code ROUNDED_BACK}, ...)
 * @param activity the activity at the time
 * @param startUs  when the condition starts to hold (µs from the belt's start)
 * @param alertUs  when the analyzer should raise it: the condition has then held for the
 *                 minimum duration (or the peak that breaks an impact rule)
 * @param endUs    when the condition stops holding
 * @param value    the peak value of the faulty movement (degrees, g, seconds or peaks)
 * @param limit    the limit it crosses
 */
public record InjectedFault(String code, String activity, long startUs, long alertUs, long endUs, double value,
                            double limit) {
}
