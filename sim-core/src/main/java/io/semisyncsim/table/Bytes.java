package io.semisyncsim.table;

/**
 * A binary string's value (VARBINARY, the BLOBs), held as its text, one character a byte: it compares byte for
 * byte and NO PAD ('abc ' is not 'abc', 'A' sorts before 'a'; the binary collation's my_strnncoll_binary), so a
 * unique key on it tells 'a' from 'A' (measured on MariaDB 10.11.18).
 */
public record Bytes(String text) implements Comparable<Bytes> {
    @Override
    public int compareTo(Bytes o) {
        return text.compareTo(o.text);
    }

    @Override
    public String toString() {
        return text;
    }
}
