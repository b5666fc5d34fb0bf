package dev.descent.cli;

import dev.descent.config.ConfigException;
import dev.descent.config.ConfigValue;
import dev.descent.experiment.Scores;
import dev.descent.experiment.Sweep;
import dev.descent.experiment.SweepSpace;
import dev.descent.io.OutputPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A sweep's record: the CSV of every finished trial ({@code --results}, read back by {@code --resume}),
 * the line printed as a trial ends, the ranking table, and the best trial's config ({@code --best}).
 */
final class SweepResults {

    private final List<String> keys;
    private final List<String> figures;
    private final boolean crossValidated;
    private final long seed;

    SweepResults(List<String> keys, List<String> figures, boolean crossValidated, long seed) {
        this.keys = List.copyOf(keys);
        this.figures = List.copyOf(figures);
        this.crossValidated = crossValidated;
        this.seed = seed;
    }

    /** The CSV header: trial, status, the swept keys, seed, the validation figures (and their sd), train loss, seconds, reason. */
    List<String> header() {
        List<String> header = new ArrayList<>(List.of("trial", "status"));
        header.addAll(keys);
        header.add("seed");
        for (String figure : figures) {
            header.add("validation-" + figure);
        }
        if (crossValidated) {
            for (String figure : figures) {
                header.add("validation-" + figure + "-sd");
            }
        }
        header.add("train-loss");
        header.add("seconds");
        header.add("reason");
        return header;
    }

    /** Writes every outcome, in trial order, atomically. */
    void write(Path file, Collection<Sweep.Outcome> outcomes, OutputPolicy outputs) {
        StringBuilder csv = new StringBuilder(String.join(",", header())).append('\n');
        outcomes.stream().sorted(Comparator.comparingInt(o -> o.trial().number())).forEach(o -> {
            List<String> cells = new ArrayList<>(List.of(Integer.toString(o.trial().number()),
                    o.failed() ? "failed" : "ok"));
            for (String key : keys) {
                cells.add(o.trial().values().getOrDefault(key, ""));
            }
            cells.add(Long.toString(seed));
            for (String figure : figures) {
                cells.add(cell(o.figures().get(figure)));
            }
            if (crossValidated) {
                for (String figure : figures) {
                    cells.add(cell(o.spread().get(figure)));
                }
            }
            cells.add(cell(o.training().get("loss")));
            cells.add(String.format(Locale.ROOT, "%.3f", o.seconds()));
            cells.add(o.failed() ? quoted(o.reason()) : "");
            csv.append(String.join(",", cells)).append('\n');
        });
        outputs.write(file, "--results", out -> out.write(csv.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The outcomes an earlier run of this sweep recorded in {@code file}, matched to {@code trials} by
     * number and values; a file of another sweep is refused.
     */
    List<Sweep.Outcome> read(Path file, List<SweepSpace.Trial> trials) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<String> header = header();
        if (lines.isEmpty() || !split(lines.get(0)).equals(header)) {
            throw new ConfigException("--results " + file + " is not this sweep's record (its columns are not "
                    + String.join(",", header) + "); give another --results, or drop --resume");
        }
        Map<Integer, SweepSpace.Trial> byNumber = new LinkedHashMap<>();
        trials.forEach(t -> byNumber.put(t.number(), t));
        List<Sweep.Outcome> outcomes = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> cells = split(lines.get(i));
            String where = file + " line " + (i + 1);
            if (cells.size() != header.size()) {
                throw new ConfigException(where + " has " + cells.size() + " cells, not " + header.size()
                        + "; the file was changed by hand: fix the line, or give another --results");
            }
            SweepSpace.Trial trial = byNumber.get(Integer.parseInt(cells.get(0)));
            int column = 2;
            Map<String, String> values = new LinkedHashMap<>();
            for (String key : keys) {
                String value = cells.get(column++);
                if (!value.isEmpty()) {
                    values.put(key, value);
                }
            }
            if (trial == null || !trial.values().equals(values) || !cells.get(column).equals(Long.toString(seed))) {
                throw new ConfigException(where + " is trial " + cells.get(0) + " of another sweep (" + values
                        + ", seed " + cells.get(column) + "); this sweep's trial is " + (trial == null ? "none"
                        : trial.values() + ", seed " + seed) + ": give another --results, or drop --resume");
            }
            column++;
            Map<String, Double> found = new LinkedHashMap<>();
            for (String figure : figures) {
                put(found, figure, cells.get(column++));
            }
            Map<String, Double> spread = new LinkedHashMap<>();
            if (crossValidated) {
                for (String figure : figures) {
                    put(spread, figure, cells.get(column++));
                }
            }
            Map<String, Double> training = new LinkedHashMap<>();
            put(training, "loss", cells.get(column++));
            double seconds = Double.parseDouble(cells.get(column++));
            String reason = cells.get(1).equals("failed") ? cells.get(column) : null;
            outcomes.add(new Sweep.Outcome(trial, reason == null ? found : Map.of(), spread, training, seconds, reason,
                    null));
        }
        return outcomes;
    }

    private static void put(Map<String, Double> values, String figure, String cell) {
        if (!cell.isEmpty()) {
            values.put(figure, Double.parseDouble(cell));
        }
    }

    /** {@code trial 3/12, optimizer.lr=0.1: validation loss 0.123456, … (1.2 s)} or {@code …: failed: reason}. */
    static String line(Sweep.Outcome outcome, int total, String figure) {
        String head = "trial " + outcome.trial().number() + "/" + total + ", " + outcome.trial().describe() + ": ";
        if (outcome.failed()) {
            return head + "failed: " + outcome.reason();
        }
        StringBuilder text = new StringBuilder(head).append("validation");
        outcome.figures().forEach((name, value) -> text.append(name.equals("loss") ? " " : ", ").append(name)
                .append(' ').append(number(value)));
        return text.append(String.format(Locale.ROOT, " (%.1f s)", outcome.seconds())).toString();
    }

    /** The outcomes, the best first by {@code figure}; failed ones last; ties by trial number. */
    static List<Sweep.Outcome> ranked(Collection<Sweep.Outcome> outcomes, String figure) {
        boolean higher = Scores.higherIsBetter(figure);
        Comparator<Sweep.Outcome> byScore = Comparator.comparingDouble(o -> {
            Double value = o.figures().get(figure);
            if (o.failed() || value == null || value.isNaN()) {
                return Double.POSITIVE_INFINITY;
            }
            return higher ? -value : value;
        });
        return outcomes.stream().sorted(byScore.thenComparingInt(o -> o.trial().number())).toList();
    }

    /** The ranking as an aligned table: rank, trial, the swept keys, the validation figures, seconds. */
    String ranking(List<Sweep.Outcome> ranked, String figure) {
        List<String> header = new ArrayList<>(List.of("rank", "trial"));
        header.addAll(keys);
        for (String name : figures) {
            header.add(name.equals(figure) ? "validation " + name + (crossValidated ? " (mean ± sd)" : "") : name);
        }
        header.add("seconds");
        List<List<String>> rows = new ArrayList<>();
        int rank = 0;
        for (Sweep.Outcome o : ranked) {
            List<String> row = new ArrayList<>();
            row.add(o.failed() ? "-" : Integer.toString(++rank));
            row.add(Integer.toString(o.trial().number()));
            for (String key : keys) {
                row.add(o.trial().values().getOrDefault(key, ""));
            }
            if (o.failed()) {
                row.add("failed: " + o.reason());
                for (int i = 1; i < figures.size(); i++) {
                    row.add("");
                }
            } else {
                for (String name : figures) {
                    Double value = o.figures().get(name);
                    String text = value == null ? "" : number(value);
                    if (name.equals(figure) && crossValidated && o.spread().containsKey(name)) {
                        text += " ± " + number(o.spread().get(name));
                    }
                    row.add(text);
                }
            }
            row.add(String.format(Locale.ROOT, "%.1f", o.seconds()));
            rows.add(row);
        }
        int columns = header.size();
        int[] width = new int[columns];
        for (int c = 0; c < columns; c++) {
            width[c] = header.get(c).length();
            for (List<String> row : rows) {
                boolean spills = row.get(c).startsWith("failed: ");   // a failure's reason runs on, unaligned
                if (!spills) {
                    width[c] = Math.max(width[c], row.get(c).length());
                }
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : prepend(header, rows)) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                String cell = row.get(c);
                if (c > 0) {
                    line.append("  ");
                }
                line.append(cell.startsWith("failed: ") ? cell : pad(cell, width[c]));
                if (cell.startsWith("failed: ")) {
                    break;
                }
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    /** The best trial's config as a properties file {@code descent train -c} reads: the run's keys, the trial's values, the seed. */
    static void writeBest(Path file, Sweep.Outcome best, String figure, int total, long seed, OutputPolicy outputs) {
        StringBuilder text = new StringBuilder();
        text.append("# The best of ").append(total).append(" trial(s) of a descent sweep (").append(LocalDate.now())
                .append("): trial ").append(best.trial().number()).append(", ").append(best.trial().describe())
                .append(",\n# validation ").append(figure).append(' ').append(number(best.figures().get(figure)))
                .append(". Train it again with: descent train -c ").append(file).append('\n');
        boolean seeded = false;
        for (ConfigValue value : best.trial().config().values().values()) {
            text.append(value.key()).append(" = ").append(value.value()).append('\n');
            seeded |= value.key().equals("seed");
        }
        if (!seeded) {
            text.append("seed = ").append(seed).append('\n');
        }
        outputs.write(file, "--best", out -> out.write(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** A figure as the epoch lines print one: six decimals. */
    static String number(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%f", value);
    }

    private static String cell(Double value) {
        return value == null ? "" : Double.toString(value);
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    /** One CSV line's cells: commas split, except inside double quotes ("" is a quote). */
    static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    private static List<List<String>> prepend(List<String> first, List<List<String>> rest) {
        List<List<String>> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
