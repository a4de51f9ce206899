package io.spinestream.journal.pain;

/**
 * A medication or treatment taken for the pain, and its effect.
 *
 * @param kind   {@code medication} or {@code treatment}
 * @param name   e.g. ibuprofen, heat pack, physiotherapy
 * @param dose   as the wearer wrote it (e.g. 400 mg); null when not given
 * @param effect {@code improved}, {@code no_change}, {@code worse} or {@code unknown}
 */
public record Treatment(String kind, String name, String dose, String effect) {
}
