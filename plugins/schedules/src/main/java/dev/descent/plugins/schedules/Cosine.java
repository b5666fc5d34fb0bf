package dev.descent.plugins.schedules;

/** Cosine annealing from a base rate to a floor over {@code period} epochs. */
final class Cosine {

    private Cosine() {
    }

    /** {@code min + (base − min) · (1 + cos(π t / period)) / 2}, as CosineAnnealingLR's closed form. */
    static double rate(double base, double min, int t, int period) {
        return min + (base - min) * (1 + Math.cos(Math.PI * t / period)) / 2;
    }
}
