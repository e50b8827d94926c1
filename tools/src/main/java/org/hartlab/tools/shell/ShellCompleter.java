package org.hartlab.tools.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Tab completion from the picocli model of the shell's commands: command names, option names, option and
 * parameter values from their completion candidates (strategies, engines, bundled programs), and file paths for
 * parameters that take files.
 */
final class ShellCompleter implements Completer {
    /** Marks completion candidates that file names complement (a program is a bundled name or an ELF path). */
    interface AlsoFiles {
    }

    /**
     * How long a candidate's description may be: JLine lays the candidates out in columns as wide as the widest
     * candidate with its description, so a whole help paragraph pushed the others' descriptions far to the right.
     */
    static final int DESCRIPTION_WIDTH = 48;

    private final CommandLine root;
    private final Path workingDirectory;

    ShellCompleter(CommandLine root, Path workingDirectory) {
        this.root = root;
        this.workingDirectory = workingDirectory;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words();
        int index = line.wordIndex();
        String word = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
        if (index == 0 || words.getFirst().equals("help") && index == 1) {
            root.getSubcommands().forEach((name, sub) -> candidates.add(new Candidate(name, name, null,
                    firstLine(sub.getCommandSpec()), null, null, true)));
            return;
        }
        CommandLine sub = root.getSubcommands().get(words.getFirst());
        if (sub == null) {
            return;
        }
        CommandSpec spec = sub.getCommandSpec();
        OptionSpec awaitingValue = null;
        boolean optionsOver = false;
        int positional = 0;
        for (int i = 1; i < index; i++) {
            String w = words.get(i);
            if (awaitingValue != null) {
                awaitingValue = null;
            } else if (!optionsOver && w.equals("--")) {
                optionsOver = true;
            } else if (!optionsOver && w.startsWith("-") && w.length() > 1) {
                OptionSpec option = spec.findOption(w.contains("=") ? w.substring(0, w.indexOf('=')) : w);
                if (option != null && option.arity().min() > 0 && !w.contains("=")) {
                    awaitingValue = option;
                }
            } else {
                positional++;
                optionsOver |= spec.parser().stopAtPositional(); // run: after PROGRAM, words are the program's
            }
        }
        if (awaitingValue != null) {
            values(awaitingValue, word, candidates);
        } else if (!optionsOver && word.startsWith("-")) {
            for (OptionSpec option : spec.options()) {
                for (String name : option.names()) {
                    String[] described = option.renderedDescription(); // ${DEFAULT-VALUE} filled in
                    candidates.add(new Candidate(name, name, null, described.length > 0 ? summary(described[0]) : null,
                            null, null, true));
                }
            }
        } else {
            for (PositionalParamSpec p : spec.positionalParameters()) {
                if (p.index().contains(positional)) {
                    values(p, word, candidates);
                    break;
                }
            }
        }
    }

    private void values(ArgSpec arg, String word, List<Candidate> candidates) {
        Iterable<String> known = arg.completionCandidates();
        if (known != null) {
            known.forEach(v -> candidates.add(new Candidate(v)));
        }
        Class<?> type = arg.type();
        if (known instanceof AlsoFiles || Path.class.isAssignableFrom(type) || type == java.io.File.class) {
            files(word, candidates);
        }
    }

    /** Entries of the directory {@code word} names so far ({@code ~/} is the home directory); directories end in /. */
    private void files(String word, List<Candidate> candidates) {
        int slash = word.lastIndexOf('/');
        String typedDirectory = word.substring(0, slash + 1);
        String prefix = word.substring(slash + 1);
        String directory = typedDirectory.startsWith("~/")
                ? System.getProperty("user.home") + typedDirectory.substring(1) : typedDirectory;
        Path dir = directory.isEmpty() ? workingDirectory : workingDirectory.resolve(directory);
        try (Stream<Path> entries = Files.list(dir)) {
            entries.sorted().forEach(entry -> {
                String name = entry.getFileName().toString();
                if (name.startsWith(prefix) && (prefix.startsWith(".") || !name.startsWith("."))) {
                    boolean isDirectory = Files.isDirectory(entry);
                    String shown = name + (isDirectory ? "/" : "");
                    candidates.add(new Candidate(typedDirectory + shown, shown, null, null, null, null, !isDirectory));
                }
            });
        } catch (IOException | SecurityException e) {
            // not a directory, or unreadable: no file names to offer
        }
    }

    private static String firstLine(CommandSpec spec) {
        String[] description = spec.usageMessage().description();
        return description.length > 0 ? summary(description[0]) : null;
    }

    /** {@code text} cut to {@link #DESCRIPTION_WIDTH} at a word boundary, with an ellipsis when cut. */
    static String summary(String text) {
        String t = text.strip();
        if (t.length() <= DESCRIPTION_WIDTH) {
            return t;
        }
        int cut = t.lastIndexOf(' ', DESCRIPTION_WIDTH - 1);
        return t.substring(0, cut > 0 ? cut : DESCRIPTION_WIDTH - 1).replaceAll("[,;:(]$", "") + "\u2026";
    }
}
