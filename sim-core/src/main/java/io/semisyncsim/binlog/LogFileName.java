package io.semisyncsim.binlog;

/**
 * A binary or relay log file's name: a base name, a dot and the file's number in six or more digits
 * ({@code binlog.000001}), as MYSQL_BIN_LOG::generate_new_name and MariaDB's find_uniq_filename write it.
 * Built by hand, not with String.format: every run's servers open their logs, and a sweep's short runs
 * spent a twentieth of their time in the Formatter.
 */
public final class LogFileName {
    private LogFileName() {
    }

    /** {@code base.000042}. */
    public static String of(String base, long number) {
        return padded(new StringBuilder(base.length() + 8).append(base).append('.'), number, 6).toString();
    }

    /** The file after {@code file}: the same base name, the number one up in as many digits. */
    public static String next(String file) {
        int dot = file.lastIndexOf('.');
        String digits = file.substring(dot + 1);
        return padded(new StringBuilder(file.length() + 1).append(file, 0, dot + 1), Long.parseLong(digits) + 1,
                digits.length()).toString();
    }

    /**
     * The number a file name ends with, as MariaDB's until_log_name_extension reads it (strtoul of what follows
     * the last dot); 0 for a name without one.
     */
    public static long number(String file) {
        int dot = file.lastIndexOf('.');
        int end = dot + 1;
        while (end < file.length() && end - dot <= 18 && Character.isDigit(file.charAt(end))) {
            end++;
        }
        return end == dot + 1 ? 0 : Long.parseLong(file.substring(dot + 1, end));
    }

    /** {@code n} (not negative) in at least {@code width} digits, zero-padded. */
    public static StringBuilder padded(StringBuilder b, long n, int width) {
        String s = Long.toString(n);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s);
    }
}
