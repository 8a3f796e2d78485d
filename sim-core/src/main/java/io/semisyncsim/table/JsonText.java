package io.semisyncsim.table;

import java.nio.charset.StandardCharsets;

/**
 * JSON_VALID as MariaDB's JSON columns check it: the CHECK (json_valid(col)) a JSON column carries runs
 * json_lib.c's scanner (json_scan_start, json_scan_next and their state table json_actions), ported here
 * state for state, because what it accepts is not quite RFC 8259 ({@code 1.}, {@code 1e+-5}, {@code "\x"}
 * and a tab after an object's opening quote are valid) and because, from MariaDB 10.11.19, a failed check
 * first pushes a Note naming what broke and at which byte (report_json_error_ex: 4035 to 4040), which
 * {@link #check} returns. At most 31 arrays and objects one inside another (JSON_DEPTH_LIMIT, 32).
 * Duplicate names in an object are accepted. Measured on MariaDB 10.11.19.
 */
public final class JsonText {
    private static final int DEPTH_LIMIT = 32;

    // json_errors (json_lib.h), each with the code report_json_error_ex gives it
    private static final int BAD_CHR = 4035;
    private static final int NOT_JSON_CHR = 4036;
    private static final int EOS_ERROR = 4037;
    private static final int SYNTAX = 4038; // JE_SYN and JE_STRING_CONST alike
    private static final int ESCAPING = 4039;
    private static final int DEPTH = 4040;

    // json_char_classes
    private static final int C_EOS = 0, C_LCURB = 1, C_RCURB = 2, C_LSQRB = 3, C_RSQRB = 4, C_COLON = 5,
            C_COMMA = 6, C_QUOTE = 7, C_DIGIT = 8, C_LOW_F = 9, C_LOW_N = 10, C_LOW_T = 11, C_ETC = 12,
            C_ERR = 13, C_SPACE = 15;

    // the scanner's states: json_states then json_all_states
    private static final int VALUE = 0, KEY = 1, OBJ_START = 2, OBJ_END = 3, ARRAY_START = 4, ARRAY_END = 5,
            DONE = 6, OBJ_CONT = 7, ARRAY_CONT = 8;

    // the handlers of json_actions
    private static final int UNEXPECTED_EOS = 0, SYNTAX_ERROR = 1, NOT_JSON = 2, MARK_OBJECT = 3,
            MARK_ARRAY = 4, V_STRING = 5, V_NUMBER = 6, V_FALSE = 7, V_NULL = 8, V_TRUE = 9, SKIP_KEY = 10,
            SKIP_COLON = 11, END_OBJECT = 12, READ_KEYNAME = 13, STRUCT_END_EOS = 14, STRUCT_END_CB = 15,
            STRUCT_END_QB = 16, STRUCT_END_CM = 17, ARRAY_ITEM = 18, END_ARRAY = 19, FINISHED = 20,
            NEXT_KEY = 21, NEXT_ITEM = 22;

    private static final int U = UNEXPECTED_EOS, S = SYNTAX_ERROR, N = NOT_JSON;

    /** json_actions: for each state, the handler of each class from C_EOS to C_ERR. */
    private static final int[][] ACTIONS = {
        /* VALUE */ {U, MARK_OBJECT, S, MARK_ARRAY, S, S, S, V_STRING, V_NUMBER, V_FALSE, V_NULL, V_TRUE, S, N},
        /* KEY */ {U, SKIP_KEY, SKIP_KEY, SKIP_KEY, SKIP_KEY, SKIP_KEY, SKIP_KEY, SKIP_COLON, SKIP_KEY, SKIP_KEY,
            SKIP_KEY, SKIP_KEY, SKIP_KEY, N},
        /* OBJ_START */ {U, S, END_OBJECT, S, S, S, S, READ_KEYNAME, S, S, S, S, S, N},
        /* OBJ_END */ {STRUCT_END_EOS, S, STRUCT_END_CB, S, STRUCT_END_QB, S, STRUCT_END_CM, S, S, S, S, S, S, N},
        /* ARRAY_START */ {U, ARRAY_ITEM, S, ARRAY_ITEM, END_ARRAY, S, S, ARRAY_ITEM, ARRAY_ITEM, ARRAY_ITEM,
            ARRAY_ITEM, ARRAY_ITEM, S, N},
        /* ARRAY_END */ {STRUCT_END_EOS, S, STRUCT_END_CB, S, STRUCT_END_QB, S, STRUCT_END_CM, S, S, S, S, S, S, N},
        /* DONE */ {FINISHED, S, S, S, S, S, S, S, S, S, S, S, S, N},
        /* OBJ_CONT */ {U, S, END_OBJECT, S, S, S, NEXT_KEY, S, S, S, S, S, S, N},
        /* ARRAY_CONT */ {U, S, S, S, END_ARRAY, S, NEXT_ITEM, S, S, S, S, S, S, N},
    };

    /** json_chr_map: the class of each ASCII character; the rest are C_ETC. */
    private static final int[] CHR_MAP = new int[128];

    // json_string_char_classes, inside a string: hex digits, the rest, the quote, the backslash, disallowed
    private static final int S_F = 15, S_ETC = 36, S_QUOTE = 37, S_BKSL = 38, S_ERR = 100;
    private static final int[] INSTR_MAP = new int[128];

    // json_num_char_classes and json_num_states (skip_num_constant)
    private static final int N_MINUS = 0, N_PLUS = 1, N_ZERO = 2, N_DIGIT = 3, N_POINT = 4, N_E = 5, N_END = 6,
            N_EEND = 7, N_ERR = 8;
    private static final int NS_OK = 0, NS_GO = 1, NS_GO1 = 2, NS_Z = 3, NS_Z1 = 4, NS_INT = 5, NS_FRAC = 6,
            NS_EX = 7, NS_EX1 = 8;
    private static final int[] NUM_MAP = new int[128];
    /** A negative entry breaks the number off; the ninth column (N_ERR) is the C array's zero fill: NS_OK. */
    private static final int[][] NUM_STATES = {
        /* OK */ {-1, -1, -1, -1, -1, -1, -1, -1, NS_OK},
        /* GO */ {NS_GO1, -1, NS_Z, NS_INT, -1, -1, -1, -1, NS_OK},
        /* GO1 */ {-1, -1, NS_Z1, NS_INT, -1, -1, -1, -1, NS_OK},
        /* Z */ {-1, -1, -1, -1, NS_FRAC, -1, NS_OK, -1, NS_OK},
        /* Z1 */ {-1, -1, -1, -1, NS_FRAC, -1, NS_OK, -1, NS_OK},
        /* INT */ {-1, -1, NS_INT, NS_INT, NS_FRAC, NS_EX, NS_OK, -1, NS_OK},
        /* FRAC */ {-1, -1, NS_FRAC, NS_FRAC, -1, NS_EX, NS_OK, -1, NS_OK},
        /* EX */ {NS_EX, NS_EX, NS_EX1, NS_EX1, -1, -1, -1, -1, NS_OK},
        /* EX1 */ {-1, -1, NS_EX1, NS_EX1, -1, -1, NS_OK, -1, NS_OK},
    };

    static {
        for (int c = 0; c < 128; c++) {
            CHR_MAP[c] = c < 0x20 ? C_ERR : C_ETC;
            INSTR_MAP[c] = c < 0x20 ? S_ERR : Character.digit(c, 16) >= 0 ? Character.digit(c, 16) : S_ETC;
            NUM_MAP[c] = c < 0x20 ? N_ERR : N_EEND;
        }
        for (char c : new char[] {'\t', '\n', '\r', ' '}) {
            CHR_MAP[c] = C_SPACE;
            NUM_MAP[c] = N_END;
        }
        CHR_MAP['{'] = C_LCURB;
        CHR_MAP['}'] = C_RCURB;
        CHR_MAP['['] = C_LSQRB;
        CHR_MAP[']'] = C_RSQRB;
        CHR_MAP[':'] = C_COLON;
        CHR_MAP[','] = C_COMMA;
        CHR_MAP['"'] = C_QUOTE;
        CHR_MAP['-'] = C_DIGIT;
        for (char c = '0'; c <= '9'; c++) {
            CHR_MAP[c] = C_DIGIT;
            NUM_MAP[c] = N_DIGIT;
        }
        CHR_MAP['f'] = C_LOW_F;
        CHR_MAP['n'] = C_LOW_N;
        CHR_MAP['t'] = C_LOW_T;
        INSTR_MAP['"'] = S_QUOTE;
        INSTR_MAP['\\'] = S_BKSL;
        NUM_MAP['-'] = N_MINUS;
        NUM_MAP['+'] = N_PLUS;
        NUM_MAP['0'] = N_ZERO;
        NUM_MAP['.'] = N_POINT;
        NUM_MAP['e'] = N_E;
        NUM_MAP['E'] = N_E;
        NUM_MAP[','] = N_END;
        NUM_MAP[']'] = N_END;
        NUM_MAP['}'] = N_END;
    }

    private final byte[] b;
    /** json_string_t's c_str: the byte the scanner reads next; where a failure is reported. */
    private int pos;
    /** json_string_t's c_next: the character json_next_char last decoded. */
    private int cNext;
    private int savLen;
    private int state = VALUE;
    private final int[] stack = new int[DEPTH_LIMIT];
    private int sp;
    private int error;

    private JsonText(String s) {
        b = s.getBytes(StandardCharsets.UTF_8);
        stack[0] = DONE;
    }

    static boolean valid(String s) {
        return check(s) == null;
    }

    /**
     * Null when {@code s} is one JSON value; else the Note json_valid pushes, as a {@link TableError} of its code
     * with argument 1 of json_valid and the byte at which the scan stopped (report_json_error_ex).
     */
    public static TableError check(String s) {
        JsonText j = new JsonText(s);
        while (j.scanNext() == 0) {
            // json_valid: scan to the end or to the first error
        }
        return switch (j.error) {
            case 0 -> null;
            case BAD_CHR -> new TableError(4035, 1, "json_valid", j.pos);
            case NOT_JSON_CHR -> new TableError(4036, 1, "json_valid", j.pos);
            case EOS_ERROR -> new TableError(4037, 1, "json_valid");
            case SYNTAX -> new TableError(4038, 1, "json_valid", j.pos);
            case ESCAPING -> new TableError(4039, 1, "json_valid", j.pos);
            case DEPTH -> new TableError(4040, DEPTH_LIMIT, 1, "json_valid", j.pos);
            default -> throw new IllegalStateException("json_lib has no error " + j.error);
        };
    }

    /** json_next_char: decodes the character at {@link #pos} into {@link #cNext}; its length, 0 at the end. */
    private int nextChar() {
        if (pos >= b.length) {
            return 0;
        }
        int lead = b[pos] & 0xff;
        int len = lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
        len = Math.min(len, b.length - pos);
        int cp = len == 1 ? lead : lead & (0x3f >> (len - 1));
        for (int k = 1; k < len; k++) {
            cp = (cp << 6) | (b[pos + k] & 0x3f);
        }
        cNext = cp;
        return len;
    }

    private int fail(int code) {
        error = code;
        return 1;
    }

    /** get_first_nonspace: the class of the next character that is not white space, read. */
    private int firstNonspace() {
        int cls;
        do {
            savLen = nextChar();
            if (savLen <= 0) {
                cls = C_EOS;
            } else {
                cls = cNext < 128 ? CHR_MAP[cNext] : C_ETC;
                pos += savLen;
            }
        } while (cls == C_SPACE);
        return cls;
    }

    private int scanNext() {
        return act(state, firstNonspace());
    }

    private int act(int st, int cls) {
        switch (ACTIONS[st][cls]) {
            case UNEXPECTED_EOS:
                return fail(EOS_ERROR);
            case SYNTAX_ERROR:
                return fail(SYNTAX);
            case NOT_JSON:
                return fail(NOT_JSON_CHR);
            case MARK_OBJECT:
                return push(OBJ_START, OBJ_CONT);
            case MARK_ARRAY:
                return push(ARRAY_START, ARRAY_CONT);
            case V_STRING:
                return skipString() != 0 ? 1 : scanNext();
            case V_NUMBER:
                return skipNumber() != 0 ? 1 : scanNext();
            case V_FALSE:
                return verbatim("alse") != 0 ? 1 : valueEnded();
            case V_NULL:
                return verbatim("ull") != 0 ? 1 : valueEnded();
            case V_TRUE:
                return verbatim("rue") != 0 ? 1 : valueEnded();
            case SKIP_KEY:
                return skipKey();
            case SKIP_COLON:
                return skipColon();
            case END_OBJECT:
                sp--;
                state = OBJ_END;
                return 0;
            case END_ARRAY:
                sp--;
                state = ARRAY_END;
                return 0;
            case READ_KEYNAME:
                state = KEY;
                return 0;
            case STRUCT_END_EOS:
                return act(stack[sp], C_EOS);
            case STRUCT_END_CB:
                return act(stack[sp], C_RCURB);
            case STRUCT_END_QB:
                return act(stack[sp], C_RSQRB);
            case STRUCT_END_CM:
                return act(stack[sp], C_COMMA);
            case ARRAY_ITEM:
                state = VALUE;
                pos -= savLen; // read again as the item's first character
                return 0;
            case FINISHED:
                return 1;
            case NEXT_KEY:
                return nextKey();
            case NEXT_ITEM:
                state = VALUE;
                return 0;
            default:
                throw new IllegalStateException("json_actions has no handler " + ACTIONS[st][cls]);
        }
    }

    /** mark_object, mark_array: one level deeper, refused at JSON_DEPTH_LIMIT. */
    private int push(int start, int cont) {
        state = start;
        if (++sp < DEPTH_LIMIT) {
            stack[sp] = cont;
            return 0;
        }
        return fail(DEPTH);
    }

    private int valueEnded() {
        state = stack[sp];
        return scanNext();
    }

    /** skip_str_constant: up to the closing quote, which the opening one's reading left next. */
    private int skipString() {
        while (true) {
            int len = nextChar();
            if (len <= 0) {
                return fail(EOS_ERROR);
            }
            pos += len;
            if (cNext >= 128 || INSTR_MAP[cNext] <= S_ETC) {
                continue;
            }
            if (cNext == '"') {
                break;
            }
            if (cNext == '\\') {
                if (handleEscape() != 0) {
                    return 1;
                }
                continue;
            }
            return fail(NOT_JSON_CHR);
        }
        state = stack[sp];
        return 0;
    }

    /** json_handle_esc: any character but a control one may follow a backslash; \\u takes four hex digits. */
    private int handleEscape() {
        int len = nextChar();
        if (len <= 0) {
            return fail(EOS_ERROR);
        }
        pos += len;
        if ("bfnrt".indexOf(cNext) >= 0) {
            return 0;
        }
        if (cNext < 128 && INSTR_MAP[cNext] == S_ERR) {
            pos -= len;
            return fail(ESCAPING);
        }
        if (cNext != 'u') {
            return 0;
        }
        int high = hexDigits();
        if (high < 0) {
            return 1;
        }
        if (high < 0xd800 || high > 0xdfff) {
            return 0;
        }
        if (high >= 0xdc00) {
            return fail(BAD_CHR); // a low surrogate first (my_utf16_uni: MY_CS_ILSEQ)
        }
        for (char c : new char[] {'\\', 'u'}) {
            len = nextChar();
            if (len <= 0) {
                return fail(EOS_ERROR);
            }
            if (cNext != c) {
                return fail(SYNTAX);
            }
            pos += len;
        }
        int low = hexDigits();
        if (low < 0) {
            return 1;
        }
        return low >= 0xdc00 && low <= 0xdfff ? 0 : fail(BAD_CHR);
    }

    /** read_4_hexdigits: their value, or -1 with the error set. */
    private int hexDigits() {
        int value = 0;
        for (int k = 0; k < 4; k++) {
            int len = nextChar();
            if (len <= 0) {
                fail(EOS_ERROR);
                return -1;
            }
            if (cNext >= 128 || INSTR_MAP[cNext] > S_F) {
                fail(SYNTAX);
                return -1;
            }
            pos += len;
            value = value * 16 + INSTR_MAP[cNext];
        }
        return value;
    }

    /**
     * skip_num_constant: from the number's first character, already read, while the next one goes on with it;
     * a character that cannot is left for the scanner (which then refuses most of them), but the end of the text
     * must come where a number may end, and a character past ASCII straight after a number is 4035.
     */
    private int skipNumber() {
        int st = NUM_STATES[NS_GO][NUM_MAP[cNext]];
        while (true) {
            int len = nextChar();
            if (len > 0 && cNext < 128) {
                int next = NUM_STATES[st][NUM_MAP[cNext]];
                if (next > 0) {
                    pos += len;
                    st = next;
                    continue;
                }
                break;
            }
            if (len > 0) {
                return fail(BAD_CHR);
            }
            if (NUM_STATES[st][N_END] < 0) {
                return fail(SYNTAX);
            }
            break;
        }
        state = stack[sp];
        return 0;
    }

    /** skip_string_verbatim: the rest of true, false or null. */
    private int verbatim(String rest) {
        for (int k = 0; k < rest.length(); k++) {
            int len = nextChar();
            if (len <= 0) {
                return fail(EOS_ERROR);
            }
            if (cNext != rest.charAt(k)) {
                return fail(SYNTAX);
            }
            pos += len;
        }
        return 0;
    }

    /** next_key: after a comma in an object, the next name's opening quote. */
    private int nextKey() {
        int cls = firstNonspace();
        if (cls == C_QUOTE) {
            state = KEY;
            return 0;
        }
        return fail(cls == C_EOS ? EOS_ERROR : SYNTAX);
    }

    /** skip_colon: an empty name's colon, then its value. */
    private int skipColon() {
        int cls = firstNonspace();
        if (cls == C_COLON) {
            return act(VALUE, firstNonspace());
        }
        return fail(cls == C_EOS ? EOS_ERROR : SYNTAX);
    }

    /** skip_key: the rest of a name whose first character was read (past white space), its colon, its value. */
    private int skipKey() {
        if (cNext < 128 && INSTR_MAP[cNext] == S_BKSL && handleEscape() != 0) {
            return 1;
        }
        while (readKeynameChar() == 0) {
            // json_read_keyname_chr: one character of the name
        }
        if (error != 0) {
            return 1;
        }
        return act(VALUE, firstNonspace());
    }

    private int readKeynameChar() {
        int len = nextChar();
        if (len <= 0) {
            return fail(EOS_ERROR);
        }
        pos += len;
        if (cNext >= 128 || INSTR_MAP[cNext] <= S_ETC) {
            return 0;
        }
        switch (INSTR_MAP[cNext]) {
            case S_QUOTE:
                while (true) { // white space up to the colon
                    len = nextChar();
                    if (len <= 0) {
                        return fail(EOS_ERROR);
                    }
                    if (cNext == ':') {
                        pos += len;
                        state = VALUE;
                        return 1;
                    }
                    if (cNext < 128 && CHR_MAP[cNext] == C_SPACE) {
                        pos += len;
                        continue;
                    }
                    return fail(SYNTAX);
                }
            case S_BKSL:
                return handleEscape();
            default: // S_ERR: JE_STRING_CONST, reported before the character
                pos -= len;
                return fail(SYNTAX);
        }
    }
}
