package io.semisyncsim.gtid;

import java.util.Locale;

/**
 * A transaction's global identifier, as each server family writes it: MySQL's {@code SID:GNO} (the
 * originating server's server_uuid and a number counting from 1, rpl_gtid.h Gtid) or MariaDB's
 * {@code DOMAIN-SERVER-SEQ} (replication domain, originating server_id, sequence number in the domain,
 * rpl_gtid.h rpl_gtid). Anonymous transactions (MySQL with gtid_mode OFF) carry none.
 */
public sealed interface Gtid permits Gtid.Uuid, Gtid.Domain {

    /** MySQL: {@code 3e11fa47-71ca-11e1-9e33-c80aa9429562:23}. */
    record Uuid(String sid, long gno) implements Gtid {
        public Uuid {
            sid = sid.toLowerCase(Locale.ROOT);
            if (gno < 1) {
                throw new IllegalArgumentException("a GTID number starts at 1, got " + gno);
            }
        }

        @Override
        public String toString() {
            return sid + ":" + gno;
        }
    }

    /** MariaDB: {@code 0-1-54}. */
    record Domain(long domain, long server, long seq) implements Gtid {
        @Override
        public String toString() {
            return domain + "-" + server + "-" + seq;
        }

        /** Parses {@code D-S-N}; null when the text is not one. */
        public static Domain parse(String text) {
            String[] parts = text.strip().split("-", -1);
            if (parts.length != 3) {
                return null;
            }
            try {
                long d = Long.parseLong(parts[0]);
                long s = Long.parseLong(parts[1]);
                long n = Long.parseLong(parts[2]);
                // domain and server ids are 32-bit unsigned, the sequence number 64-bit (rpl_gtid)
                if (d < 0 || d > 0xFFFF_FFFFL || s < 0 || s > 0xFFFF_FFFFL || n < 0) {
                    return null;
                }
                return new Domain(d, s, n);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
