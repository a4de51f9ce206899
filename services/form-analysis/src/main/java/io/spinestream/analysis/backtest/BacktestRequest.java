package io.spinestream.analysis.backtest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.time.Instant;
import java.util.List;

/**
 * A proposed profile and the period to try it on: the wearer's archived batches that started in
 * [from, to) are analysed again with these conditions and limits instead of the wearer's own.
 *
 * @param conditions condition codes ({@code disc_herniation}, ...); none when left out
 * @param limits     clinician limits; defaults (tightened by the conditions) when left out
 */
public record BacktestRequest(@NotNull Instant from, @NotNull Instant to, List<@NotBlank String> conditions,
                              @Valid LimitsRequest limits) {
}
