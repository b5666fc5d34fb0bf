package dev.descent.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of a run, as written by the user: a {@code .properties} file, then
 * {@code --set key=value} overrides on top. Keys not written here take the defaults of the
 * components' {@code @Option} fields; with nothing written at all, the run is the book's.
 *
 * <p>This class only holds text and where it came from; which keys are valid depends on the
 * components chosen and is checked when the run is assembled.
 *
 * <pre>{@code
 * # run.properties
 * optimizer = sgd
 * optimizer.lr = 0.03
 * train.epochs = 3
 * }</pre>
 */
public final class RunConfig {

    private final Map<String, ConfigValue> values;

    private RunConfig(Map<String, ConfigValue> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** No settings: every choice and option takes its default (the book's run). */
    public static RunConfig empty() {
        return new RunConfig(new LinkedHashMap<>());
    }

    /**
     * Reads a properties file: {@code key = value} (or {@code key: value}) per line, {@code #} or
     * {@code !} starting a comment line, a trailing {@code \} continuing a value on the next line.
     * A key set twice is an error, since one of the two lines would be silently ignored.
     */
    public static RunConfig load(Path file) {
        List<String> lines = readLines(file);
        Map<String, ConfigValue> values = new LinkedHashMap<>();
        Map<String, Integer> lineOfKey = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            StringBuilder logical = new StringBuilder(lines.get(i).strip());
            while (endsWithContinuation(logical) && i + 1 < lines.size()) {
                logical.setLength(logical.length() - 1);
                logical.append(lines.get(++i).strip());
            }
            String line = logical.toString();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            String origin = file + " line " + lineNumber;
            int separator = separatorIndex(line);
            if (separator < 0) {
                throw new ConfigException(origin + ": '" + line + "' is not a 'key = value' line; "
                        + "write it as key = value, or start it with # to make it a comment");
            }
            String key = line.substring(0, separator).strip();
            String value = line.substring(separator + 1).strip();
            if (key.isEmpty()) {
                throw new ConfigException(origin + ": the line '" + line + "' has no key before '"
                        + line.charAt(separator) + "'");
            }
            Integer previous = lineOfKey.putIfAbsent(key, lineNumber);
            if (previous != null) {
                throw new ConfigException(file + ": key '" + key + "' is set twice, on lines " + previous
                        + " and " + lineNumber + "; keep one of them");
            }
            values.put(key, new ConfigValue(key, value, origin));
        }
        return new RunConfig(values);
    }

    /** This config with {@code key} set to {@code value}, replacing any earlier value. */
    public RunConfig with(String key, String value, String origin) {
        Map<String, ConfigValue> copy = new LinkedHashMap<>(values);
        copy.put(key, new ConfigValue(key, value.strip(), origin));
        return new RunConfig(copy);
    }

    /** This config without {@code key} (the same config when it has none). */
    public RunConfig without(String key) {
        if (!values.containsKey(key)) {
            return this;
        }
        Map<String, ConfigValue> copy = new LinkedHashMap<>(values);
        copy.remove(key);
        return new RunConfig(copy);
    }

    /** This config with the setting {@code from} under the key {@code to} instead, keeping where it was written. */
    public RunConfig withKeyRenamed(String from, String to) {
        Map<String, ConfigValue> copy = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (key.equals(from)) {
                copy.put(to, new ConfigValue(to, value.value(), value.origin()));
            } else {
                copy.put(key, value);
            }
        });
        return new RunConfig(copy);
    }

    /** This config with a command-line override {@code key=value} applied. */
    public RunConfig withOverride(String assignment) {
        int separator = assignment.indexOf('=');
        if (separator <= 0) {
            throw new ConfigException("--set " + assignment + ": expected KEY=VALUE, e.g. --set optimizer.lr=0.1");
        }
        String key = assignment.substring(0, separator).strip();
        return with(key, assignment.substring(separator + 1), "--set " + assignment);
    }

    public Optional<ConfigValue> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** Every setting written, in the order written (file first, then overrides). */
    public Map<String, ConfigValue> values() {
        return values;
    }

    /** The settings under {@code prefix.}, keyed by the rest of the key: {@code section("optimizer")} maps {@code lr}. */
    public Map<String, ConfigValue> section(String prefix) {
        Map<String, ConfigValue> section = new LinkedHashMap<>();
        String start = prefix + ".";
        values.forEach((key, value) -> {
            if (key.startsWith(start)) {
                section.put(key.substring(start.length()), value);
            }
        });
        return section;
    }

    /** The largest config file read: far more than any run needs, little enough to read at once. */
    public static final int MAX_FILE_BYTES = 1 << 20;

    private static List<String> readLines(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new ConfigException("config file " + file + " is a directory; pass a .properties file to -c");
            }
            byte[] bytes;
            try (java.io.InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_FILE_BYTES + 1);   // bounded: /dev/zero or a runaway pipe would never end
            }
            if (bytes.length > MAX_FILE_BYTES) {
                throw new ConfigException("config file " + file + " is larger than " + (MAX_FILE_BYTES >> 20) + " MiB"
                        + (Files.isRegularFile(file) ? "" : " (it is a device or a pipe, not a file)")
                        + "; a config file holds key = value lines: check the path given to -c");
            }
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            List<String> lines = new java.util.ArrayList<>(text.lines().toList());
            if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
                lines.set(0, lines.get(0).substring(1));   // a UTF-8 byte order mark is not part of the first key
            }
            return lines;
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist (looked in "
                    + Path.of("").toAbsolutePath() + "); check the path given to -c, or leave -c out to run the book's example");
        } catch (CharacterCodingException e) {
            throw new ConfigException("config file " + file + " is not UTF-8 text; save it as UTF-8");
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean endsWithContinuation(CharSequence line) {
        return line.length() > 0 && line.charAt(line.length() - 1) == '\\';
    }

    private static int separatorIndex(String line) {
        int equals = line.indexOf('=');
        int colon = line.indexOf(':');
        if (equals < 0) {
            return colon;
        }
        return colon < 0 ? equals : Math.min(equals, colon);
    }
}
