package org.hartlab.tools.stress;

import java.util.List;
import java.util.regex.Pattern;

/** Words written so that a POSIX shell reads them back as the same words (the replay command is pasted). */
final class ShellWords {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,+@%-]+");

    private ShellWords() {
    }

    /** {@code word} as is when the shell keeps it whole, else in single quotes (a quote as {@code '\''}). */
    static String quote(String word) {
        return PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    /** The words quoted and joined by spaces. */
    static String join(List<String> words) {
        return String.join(" ", words.stream().map(ShellWords::quote).toList());
    }
}
