package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsoleReporterTest {

    @Test
    void aShortVectorIsPrintedWholeAsTheBookDoes() {
        assertThat(ConsoleReporter.format(new float[] {8.5711e-05f, -3.0875e-04f}))
                .isEqualTo("[8.5711e-05, -3.0875e-04]");
    }

    @Test
    void aLongVectorIsSummarisedAsPyTorchPrintsTensors() {
        float[] errors = new float[2_000_000];
        for (int i = 0; i < errors.length; i++) {
            errors[i] = i % 7 == 0 ? 1e-4f : -2e-4f;
        }
        errors[1_234_567] = -5e-3f;
        String line = ConsoleReporter.format(errors);
        // Indices 0 and 1,999,998 are multiples of 7.
        assertThat(line).isEqualTo("[1.0000e-04, -2.0000e-04, -2.0000e-04, ..., -2.0000e-04, 1.0000e-04,"
                + " -2.0000e-04] (2000000 values, largest |error| 5.0000e-03)");
    }

    @Test
    void aThousandValuesArePrintedWhole() {
        String line = ConsoleReporter.format(new float[ConsoleReporter.SUMMARY_THRESHOLD]);
        assertThat(line).doesNotContain("...").hasSize(1 + 1000 * "0.0000e+00".length() + 999 * 2 + 1);
    }
}
