package dev.descent.plugins.opencl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.tensor.Device;
import dev.descent.config.RunConfig;
import dev.descent.train.BatchEnd;
import dev.descent.run.Descent;
import dev.descent.train.TrainingListener;
import dev.descent.train.TrainingResult;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The book's run on OpenCL: the same answers as the cpu device, and memory that stays flat. */
class OpenClTrainingTest {

    @BeforeEach
    void needsOpenCl() {
        OpenClAvailability.assumeOpenCl();
    }

    private static TrainingResult train(String device, String... settings) {
        RunConfig config = RunConfig.empty().with("device", device, "OpenClTrainingTest");
        for (String s : settings) {
            config = config.withOverride(s);
        }
        return Descent.train(config);
    }

    @Test
    void theBooksRunAgreesWithTheCpuDevice() {
        TrainingResult cpu = train("cpu");
        TrainingResult opencl = train("opencl");
        assertThat(opencl.epochLosses()).hasSize(3);
        for (int e = 0; e < 3; e++) {
            double expected = cpu.epochLosses().get(e);
            assertThat(opencl.epochLosses().get(e)).as("epoch %d loss", e + 1)
                    .isCloseTo(expected, within(1e-3 * expected));
        }
        for (String name : List.of("w", "b")) {
            float[] a = cpu.parameters().get(name);
            float[] b = opencl.parameters().get(name);
            for (int i = 0; i < a.length; i++) {
                assertThat(b[i]).as("%s[%d]", name, i).isCloseTo(a[i], within(1e-4f));
            }
        }
    }

    @Test
    void aHundredThousandStepsAllocateNoNewDeviceOrHeapMemory() {
        OpenClDevice device = new OpenClDevice();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long[] atWarmUp = new long[2];
        long[] atLastStep = new long[2];
        TrainingListener watch = new TrainingListener() {
            @Override
            public void batchEnded(BatchEnd batch) {
                if (batch.batch() == 1_000 || batch.batch() == batch.batchesPerEpoch()) {
                    long[] into = batch.batch() == 1_000 ? atWarmUp : atLastStep;
                    System.gc();
                    into[0] = device.createdBuffers();
                    into[1] = memory.getHeapMemoryUsage().getUsed();
                }
            }
        };
        try {
            RunConfig config = RunConfig.empty().withOverride("data.examples=1000000").withOverride("train.epochs=1");
            TrainingResult result = Descent.train(config, List.of(watch),
                    List.of(binder -> binder.bind(Device.class).toInstance(device)));
            assertThat(result.finalLoss()).isLessThan(1e-4);
            assertThat(atLastStep[0]).as("device buffers after step 100,000 vs after step 1,000")
                    .isEqualTo(atWarmUp[0]);
            long heapGrowth = atLastStep[1] - atWarmUp[1];
            assertThat(heapGrowth).as("heap growth in bytes over 99,000 steps").isLessThan(16L << 20);
        } finally {
            device.close();
        }
    }
}
