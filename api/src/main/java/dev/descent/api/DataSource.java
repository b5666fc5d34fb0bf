package dev.descent.api;

/**
 * Where the examples come from: generated ({@code synthetic-gaussian}) or read from files.
 *
 * <p>An implementation must guarantee:
 * <ul>
 *   <li>{@link #load} returns the whole data set in memory as a {@link Dataset}; the trainer
 *       shuffles and batches it.</li>
 *   <li>Any randomness comes from {@link DataContext#random()}: same seed, same data.</li>
 *   <li>A problem the user can fix (a missing file, a bad cell, inconsistent options) is a
 *       {@link DataException} naming the file, line, column or option and what to do.</li>
 * </ul>
 */
public interface DataSource {

    /** Produces the data set. Called once per run. */
    Dataset load(DataContext context);
}
