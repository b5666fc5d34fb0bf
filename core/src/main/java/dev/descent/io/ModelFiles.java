package dev.descent.io;

import dev.descent.api.Task;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Writes model files atomically and reads them defensively.
 *
 * <p>Writing is atomic ({@link AtomicFiles}): a crash or a kill leaves either the old file or the new
 * one, never half of one.
 * Reading refuses files over {@link #MAX_FILE_BYTES}, limits nesting and string lengths, and checks
 * every parameter's values against its shape, so a damaged or hostile file cannot exhaust memory or
 * load nonsense. No Java serialisation anywhere.
 */
public final class ModelFiles {

    /** The format version this Descent writes. */
    public static final int FORMAT_VERSION = 4;

    /** The version written for a model without an {@link ModelFile#encoding() encoding}, which Descents since format 3 read. */
    public static final int PLAIN_FORMAT_VERSION = 3;
    /**
     * The oldest format version this Descent still reads: version 1 files lack outputs and state,
     * versions 1 and 2 the task and classes (they are regression models).
     */
    public static final int OLDEST_READ_VERSION = 1;
    /** The {@code format} field of every model file. */
    public static final String FORMAT = "descent-model";
    /** The largest model file read: 256 MiB, about 20 million parameters. */
    public static final long MAX_FILE_BYTES = 256L << 20;
    private static final int MAX_VALUES = 50_000_000;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(32).maxStringLength(1 << 20).maxNumberLength(64).build())
            // A key given twice would let the last one win silently (two "target"s): refuse the file.
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ModelFiles() {
    }

    /** Writes {@code model} to {@code target} atomically, replacing any file there. */
    public static void write(ModelFile model, Path target) {
        write(model, target, OutputPolicy.NO_INPUTS, "the model file");
    }

    /**
     * Writes {@code model} to {@code target} through a run's output policy: never over one of its
     * inputs, atomically.
     *
     * @param what how the user named the output, for messages ({@code --save})
     */
    public static void write(ModelFile model, Path target, dev.descent.api.Outputs outputs, String what) {
        outputs.write(target, what, out -> MAPPER.writeValue(out, model));
    }

    /** Reads and checks a model file. */
    public static ModelFile read(Path file) {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // A device, a FIFO or stdin could stream without end or block forever: refuse before opening.
            throw new ModelFileException("model file " + file + " is not a regular file (" + (Files.isDirectory(file)
                    ? "a folder" : "a device, a FIFO or a socket") + "); give the path of a saved model file");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new ModelFileException("model file " + file + " does not exist; check the path, or save a model there"
                    + " first (descent train --save, or ModelFiles.write from Java)");
        } catch (IOException e) {
            throw new ModelFileException("cannot read model file " + file + ": " + e.getMessage(), e);
        }
        if (size > MAX_FILE_BYTES) {
            throw new ModelFileException("model file " + file + " is " + (size >> 20) + " MiB, more than the "
                    + (MAX_FILE_BYTES >> 20) + " MiB a model file may have; it is not a Descent model or is damaged");
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            java.util.regex.Matcher duplicate = java.util.regex.Pattern.compile("Duplicate field '([^']*)'")
                    .matcher(message);
            if (duplicate.find()) {
                throw new ModelFileException(file + " is not a valid Descent model file: it has the key '"
                        + duplicate.group(1) + "' twice (the second at " + location(e) + "); keep one", e);
            }
            if (message.startsWith("Trailing token")) {
                throw new ModelFileException(file + " is not a valid Descent model file: there is more after its"
                        + " JSON object, at " + location(e) + "; a model file holds one object", e);
            }
            java.util.regex.Matcher limit = java.util.regex.Pattern.compile(
                    "(Document nesting depth|String value length|Number value length)[^(]*\\((\\d+)\\) exceeds the maximum"
                    + "[^(]*\\((\\d+)").matcher(message);
            if (limit.find()) {
                String what = switch (limit.group(1)) {
                    case "Document nesting depth" -> "nests objects and lists " + limit.group(2) + " deep; a model file"
                            + " nests at most " + limit.group(3);
                    case "String value length" -> "holds a text of " + limit.group(2) + " characters; a model file's"
                            + " texts have at most " + limit.group(3);
                    default -> "holds a number written with " + limit.group(2) + " characters; a model file's numbers"
                            + " have at most " + limit.group(3);
                };
                throw new ModelFileException(file + " is not a valid Descent model file: it " + what
                        + (e.getLocation() == null ? "" : " (at " + location(e) + ")") + "; it is damaged or not a model"
                        + " file", e);
            }
            boolean truncated = message.contains("end-of-input");
            throw new ModelFileException(file + (truncated ? " is truncated: the JSON ends early, at "
                    : " is not a Descent model file: it is not valid JSON, at ") + location(e)
                    + "; save the model again (descent train --save, or ModelFiles.write)", e);
        } catch (IOException e) {
            throw new ModelFileException("cannot read model file " + file + ": " + e.getMessage(), e);
        }
        if (tree == null || !tree.isObject() || !FORMAT.equals(tree.path("format").asText())) {
            throw new ModelFileException(file + " is not a Descent model file (it has no \"format\": \"" + FORMAT + "\")");
        }
        JsonNode versionNode = tree.path("formatVersion");
        if (!versionNode.isInt()) {
            throw new ModelFileException(file + " is not a valid Descent model file: its formatVersion is "
                    + (versionNode.isMissingNode() ? "missing" : versionNode.toString())
                    + ", not a whole number such as " + FORMAT_VERSION);
        }
        int version = versionNode.intValue();
        if (version < OLDEST_READ_VERSION || version > FORMAT_VERSION) {
            throw new ModelFileException(file + " has model format version " + tree.path("formatVersion").asText("(none)")
                    + ", but this Descent reads versions " + OLDEST_READ_VERSION + " to " + FORMAT_VERSION
                    + "; use the Descent version that wrote it ("
                    + tree.path("provenance").path("descentVersion").asText("unknown") + ") or train again");
        }
        if (!tree.has("standardization")) {
            // Every Descent writes it, null for raw features: a file without it was edited, and reading it
            // as raw features would predict nonsense for a model trained on standardised ones.
            throw new ModelFileException(file + " is not a valid Descent model file: the field 'standardization' is"
                    + " missing (null for a model of raw features); restore it, or save the model again");
        }
        ModelFile model;
        try {
            model = MAPPER.treeToValue(tree, ModelFile.class);
        } catch (JsonProcessingException e) {
            String field = e instanceof MismatchedInputException m ? m.getPathReference() : "";
            throw new ModelFileException(file + " is not a valid Descent model file: the field "
                    + field.replaceAll("dev\\.descent\\.io\\.ModelFile(\\$\\w+)?", "") + " has the wrong type or value", e);
        }
        check(model, file);
        return model;
    }

    private static void check(ModelFile m, Path file) {
        require(m.model() != null && m.model().name() != null, file, "it names no model plugin");
        require(m.features() != null && !m.features().isEmpty(), file, "it lists no features");
        require(new java.util.HashSet<>(m.features()).size() == m.features().size(), file,
                "it names a feature twice (" + m.features() + ")");
        require(m.target() != null, file, "it names no target column");
        require(m.outputs() >= 1, file, "its outputs must be at least 1, not " + m.outputs());
        require(m.task().equals(Task.REGRESSION.label()) || m.task().equals(Task.CLASSIFICATION.label()), file,
                "its task is '" + m.task() + "', not regression or classification");
        if (m.task().equals(Task.CLASSIFICATION.label())) {
            require(m.classes().size() >= 2, file, "a classification model needs at least two classes, not "
                    + m.classes());
            require(new java.util.HashSet<>(m.classes()).size() == m.classes().size(), file,
                    "it names a class twice (" + m.classes() + ")");
            require(m.classes().stream().allMatch(c -> c != null && !c.isEmpty()), file, "it has an empty class name");
            require(m.outputs() == m.classes().size(), file, "it has " + m.classes().size() + " classes but "
                    + m.outputs() + " outputs; a classifier has one output per class");
        } else {
            require(m.classes().isEmpty(), file, "a regression model has no classes, but it lists " + m.classes());
        }
        require(m.parameters() != null && !m.parameters().isEmpty(), file, "it has no parameters");
        long total = 0;
        for (ModelFile.ParameterValues p : m.parameters()) {
            require(p.name() != null && p.shape() != null && p.values() != null, file, "a parameter lacks name, shape or values");
            long count = 1;
            for (int d : p.shape()) {
                require(d >= 0, file, "parameter '" + p.name() + "' has a negative dimension");
                count *= d;
                require(count <= MAX_VALUES, file, "parameter '" + p.name() + "' is too large");
            }
            require(count == p.values().length, file, "parameter '" + p.name() + "' has shape "
                    + java.util.Arrays.toString(p.shape()) + " but " + p.values().length + " values");
            total += count;
            for (float v : p.values()) {
                require(Float.isFinite(v), file, "parameter '" + p.name() + "' holds a non-finite value");
            }
        }
        require(total <= MAX_VALUES, file, "it has more than " + MAX_VALUES + " parameter values");
        if (m.encoding() != null) {
            require(m.encoding().featureNames().equals(m.features()), file, "its encoding gives the features "
                    + m.encoding().featureNames() + ", not its features " + m.features());
        }
        if (m.standardization() != null) {
            ModelFile.Scaling s = m.standardization();
            require(s.mean() != null && s.std() != null && s.mean().length == m.features().size()
                    && s.std().length == m.features().size(), file,
                    "its standardization does not have one mean and one std per feature");
            for (double std : s.std()) {
                require(std > 0 && Double.isFinite(std), file, "its standardization has a non-positive std");
            }
        }
    }

    private static void require(boolean condition, Path file, String problem) {
        if (!condition) {
            throw new ModelFileException(file + " is not a valid Descent model file: " + problem);
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "an unknown position"
                : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

}
