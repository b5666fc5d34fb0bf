package dev.descent.api;

/** What the labels are: numbers to predict, or classes to tell apart. */
public enum Task {
    /** One or more numeric targets per example. */
    REGRESSION,
    /** One class label per example, out of a fixed list of classes. */
    CLASSIFICATION;

    /** {@code classification}: how configs and model files name it. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
