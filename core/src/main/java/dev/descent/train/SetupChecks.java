package dev.descent.train;

import dev.descent.api.DataSource;
import dev.descent.api.Dataset;
import dev.descent.api.Loss;
import dev.descent.api.Model;
import dev.descent.api.Task;
import dev.descent.plugin.ComponentInfo;
import dev.descent.tensor.Device;
import dev.descent.tensor.GradMode;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import dev.descent.tensor.TensorScope;

/**
 * The checks of a run's set-up that need its data: a loss for the data's task, a model as wide as
 * the labels. Each refuses a mismatch before the first step, in one line saying what to choose.
 */
final class SetupChecks {

    private SetupChecks() {
    }

    /** What the model predicts per row: one value per target, or one logit per class. */
    static int modelOutputs(Dataset data) {
        return data.isClassification() ? data.classes().size() : data.outputs();
    }

    /** Refuses a loss for numbers on class labels, and the other way round, before anything runs. */
    static void checkTask(Loss loss, DataSource dataSource, Dataset data) {
        String lossName = ComponentInfo.of(loss).name();
        String dataName = ComponentInfo.of(dataSource).name();
        if (loss.task() == Task.CLASSIFICATION && !data.isClassification()) {
            throw new TrainingException("the loss '" + lossName + "' compares predictions with class labels, but the"
                    + " data from '" + dataName + "' has the numeric target " + data.labelName() + "; use a regression"
                    + " loss (loss = squared), or class labels (for csv data: data.task = classification)");
        }
        if (loss.task() == Task.REGRESSION && data.isClassification()) {
            throw new TrainingException("the loss '" + lossName + "' compares numbers, but the data from '" + dataName
                    + "' has classes (" + String.join(", ", data.classes()) + "); use loss = cross-entropy"
                    + (data.classes().size() == 2 ? " (or binary-cross-entropy with model = logistic)" : "")
                    + ", or numeric labels (for csv data: data.task = regression)");
        }
    }

    /** Checks the model predicts as many values per row as the labels need, on an empty batch. */
    static void checkOutputWidth(Model model, Device device, Dataset data) {
        int width;
        try (GradMode off = GradMode.disable(); TensorScope scope = TensorScope.open()) {
            Shape out = model.forward(Tensor.zeros(device, Shape.of(0, data.features()))).shape();
            width = out.rank() == 2 ? out.dim(1) : out.rank() == 1 ? 1 : -1;
        }
        String modelName = ComponentInfo.of(model).name();
        if (data.isClassification()) {
            int k = data.classes().size();
            if (width != k && !(k == 2 && width == 1)) {
                throw new TrainingException("the model '" + modelName + "' predicts " + width + " value(s) per row, but"
                        + " the data has " + k + " classes (" + String.join(", ", data.classes()) + "); a classifier"
                        + " gives one logit per class" + (k == 2 ? " (or one for two classes)" : "")
                        + ": use model = softmax" + (k == 2 ? " or logistic" : ""));
            }
        } else if (width != data.outputs()) {
            throw new TrainingException("the model '" + modelName + "' predicts " + width + " value(s) per row, but the"
                    + " data has " + data.outputs() + " target(s) (" + data.labelName() + "); use a model with one"
                    + " output per target, such as linreg");
        }
    }
}
