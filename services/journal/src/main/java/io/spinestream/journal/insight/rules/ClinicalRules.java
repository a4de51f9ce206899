package io.spinestream.journal.insight.rules;

import io.spinestream.journal.pain.PainQuality;
import io.spinestream.journal.pain.Symptom;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * Every clinical constant of the journal's inferences, with its source. "Seed 003" is
 * {@code shared/seeds/003_1d8b4bce6212ca57.txt} ("Workouts Hurt Instead of Helps"), "seed 002" is
 * {@code shared/seeds/002_39d132e992ee02fb.txt} (Camelback Spine Care, "Can exercise make back pain
 * worse"), "spec" is {@code shared/spec/journal.md}. Values marked "platform definition" are not in
 * the sources, which say what but not how much; docs/journal.md explains each choice.
 */
public final class ClinicalRules {

    private ClinicalRules() {
    }

    // --- 1. Red flags ---------------------------------------------------------------------------

    /**
     * Emergencies: seed 003 FAQ "How do I know if my back pain is serious?" — "loss of bowel or
     * bladder control or numbness in the groin area (which can indicate cauda equina syndrome, a
     * medical emergency); progressive weakness or numbness in the legs"; seed 002 "Loss of bladder or
     * bowel control (this is a medical emergency)".
     */
    public static final Set<Symptom> CRITICAL_SYMPTOMS = EnumSet.of(
            Symptom.BLADDER_OR_BOWEL_CHANGE, Symptom.SADDLE_NUMBNESS, Symptom.PROGRESSIVE_LEG_WEAKNESS);

    /**
     * See a doctor, whatever the intensity: seed 003 FAQ — "pain accompanied by fever or chills",
     * "unexplained weight loss along with back pain", "pain that doesn't improve with rest or gets
     * worse at night", "if your back pain follows a significant trauma"; seed 002 "The pain that has
     * kept you up during the night".
     */
    public static final Set<Symptom> WARNING_SYMPTOMS = EnumSet.of(
            Symptom.FEVER, Symptom.UNEXPLAINED_WEIGHT_LOSS, Symptom.NIGHT_PAIN, Symptom.AFTER_TRAUMA);

    /**
     * See a doctor when they come with pain (intensity ≥ 1): seed 003 FAQ — "accompanied by unusual
     * symptoms like numbness, tingling, or weakness in your legs"; seed 002 red flags "Radiating pain
     * in the leg or foot (sciatica)", "Numbness, tingling, or a pins and needles sensation".
     */
    public static final Set<Symptom> NEUROLOGICAL_SYMPTOMS = EnumSet.of(
            Symptom.NUMBNESS, Symptom.TINGLING, Symptom.WEAKNESS, Symptom.RADIATING_LEG_PAIN);

    /** Spec: "intensity ≥ 8" is a warning (seed 003 FAQ: "if it's severe enough to interfere with daily activities"). */
    public static final int SEVERE_INTENSITY = 8;

    /**
     * Seed 003 FAQ "How do I know if I need to see a doctor": "if you're over 50 and experiencing new
     * back pain for the first time". Over 50 = an age above this (age from the birth year).
     */
    public static final int FIRST_BACK_PAIN_AGE_OVER = 50;

    // --- 2. Normal soreness or concerning pain ------------------------------------------------

    /**
     * DOMS onset window, spec "onset 12–72 h after exercise"; seed 003 "Normal Muscle Soreness
     * (DOMS)": "Typically begins 12-24 hours after exercise and peaks around 48 hours".
     */
    public static final double DOMS_ONSET_MIN_HOURS = 12.0;
    public static final double DOMS_ONSET_MAX_HOURS = 72.0;

    /** Seed 003 DOMS "Quality: Generally described as a dull, aching sensation". */
    public static final Set<PainQuality> DOMS_QUALITIES = EnumSet.of(PainQuality.DULL, PainQuality.ACHING);

    /** Seed 003 "Concerning Pain", "Quality: Often sharp, stabbing, burning, or tingling"; seed 002 "a sharp or electric sensation". */
    public static final Set<PainQuality> CONCERNING_QUALITIES = EnumSet.of(PainQuality.SHARP, PainQuality.STABBING,
            PainQuality.BURNING, PainQuality.TINGLING, PainQuality.ELECTRIC);

    /** Symptoms that rule out normal soreness (seed 003 "Concerning Pain": "weakness, numbness, or other neurological symptoms"). */
    public static final Set<Symptom> NOT_SORENESS_SYMPTOMS = EnumSet.of(Symptom.NUMBNESS, Symptom.TINGLING,
            Symptom.WEAKNESS, Symptom.RADIATING_LEG_PAIN, Symptom.SADDLE_NUMBNESS, Symptom.PROGRESSIVE_LEG_WEAKNESS);

    /** Seed 003 "Concerning Pain", "Duration: Persists beyond 5-7 days": concerning from day 8 of an episode. */
    public static final int CONCERNING_AFTER_DAYS = 7;

    /**
     * Platform definition of a pain episode: it ends after this many consecutive days without
     * recorded pain (seed 003: DOMS "Usually resolves within 3-5 days", so a pause of 3 days is a
     * resolved episode, not a continuing one).
     */
    public static final int EPISODE_ENDS_AFTER_PAIN_FREE_DAYS = 3;

    // --- 3. Persistence -----------------------------------------------------------------------

    /**
     * Spec "pain recorded on most days for more than 14 days despite self-care"; seed 003 "Taking the
     * Next Steps": "pain that persists despite appropriate self-care: Seek medical evaluation"; FAQ
     * "if your pain persists for more than a week or two despite self-care measures". More than 14
     * days = a span of at least 15 calendar days.
     */
    public static final int PERSISTENCE_MIN_SPAN_DAYS = 15;

    /** "Most days": pain recorded on more than this share of the span's days (strictly more than half). */
    public static final double MOST_DAYS_SHARE = 0.5;

    // --- 4. Load management -------------------------------------------------------------------

    /** Seed 003 "The 10% Rule": "increase your exercise volume ... by no more than 10% per week". */
    public static final int WEEKLY_INCREASE_LIMIT_PERCENT = 10;

    /** Seed 003 "Incorporating Recovery Days": "Include at least one or two complete rest days per week". */
    public static final int MIN_REST_DAYS_PER_WEEK = 1;

    /** Seed 003 "Deload weeks: Every 4-8 weeks, include a week with reduced training volume and intensity". */
    public static final int DELOAD_WITHIN_WEEKS = 8;

    /**
     * Platform definition of a lighter (deload) week: at most 90 % of the week before (a 10 %
     * reduction, the mirror of the 10 % rule). Seed 003 says "reduced training volume" without a size.
     */
    public static final int DELOAD_MAX_PERCENT_OF_PREVIOUS = 90;

    /** Seed 003 "Strength Training": "Allow at least 48 hours between strength training sessions for the same muscle groups". */
    public static final Duration STRENGTH_MIN_REST = Duration.ofHours(48);

    /**
     * Platform definition: sessions of one activity less than this apart are one workout (the belt
     * closes a session after 2 minutes without data, so one workout can be several sessions).
     */
    public static final Duration SAME_WORKOUT_GAP = Duration.ofHours(2);

    /**
     * Strength activities (seed 003 "Strength Training": core, glutes and back extensors; spec:
     * "strength sessions for the same activity"): the loaded lifts and the body-weight strength
     * exercises of the activity codes. Stability holds (planks, bird dog, dead bug) are not.
     */
    public static final Set<String> STRENGTH_ACTIVITIES = Set.of("deadlift", "romanian_deadlift", "squat", "row",
            "lunge", "overhead_press", "push_up", "glute_bridge", "crunch");

    /** Belt activities that are not training (posture and calibration): no volume, no training day. */
    public static final Set<String> NOT_TRAINING = Set.of("sitting", "standing", "calibration");

    // --- 5. Patterns and triggers ---------------------------------------------------------------

    /** Seed 003: "Maintaining a pain journal for at least two weeks can help ... identify patterns and potential triggers". */
    public static final int PATTERN_MIN_DAYS = 14;

    /** Spec: "followed by higher pain in the next 48 h". */
    public static final Duration PATTERN_WINDOW = Duration.ofHours(48);
}
