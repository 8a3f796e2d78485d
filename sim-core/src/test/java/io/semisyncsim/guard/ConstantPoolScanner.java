package io.semisyncsim.guard;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a class file's constant pool: the method references (every method a class can call, including
 * through lambdas and method references, is named there) and the classes it names. Enough for a ban
 * list and a package graph, no ASM.
 */
final class ConstantPoolScanner {
    private ConstantPoolScanner() {
    }

    /** A referenced method: owner in internal form ({@code java/lang/System}), name, descriptor. */
    record MethodRef(String owner, String name, String descriptor) {
        @Override
        public String toString() {
            return owner.replace('/', '.') + "." + name + descriptor;
        }
    }

    /**
     * The pool's entries this scanner reads, by index (texts, class names, name-and-types, method refs),
     * and the class the file declares.
     */
    private record Pool(String[] utf8, int[] classNameIndex, int[][] nameAndType, List<int[]> methodRefs,
                        String thisClass) {
    }

    static List<MethodRef> methodRefs(byte[] classFile) throws IOException {
        Pool pool = read(classFile);
        List<MethodRef> refs = new ArrayList<>();
        for (int[] ref : pool.methodRefs()) {
            int[] nt = pool.nameAndType()[ref[1]];
            refs.add(new MethodRef(pool.utf8()[pool.classNameIndex()[ref[0]]], pool.utf8()[nt[0]], pool.utf8()[nt[1]]));
        }
        return refs;
    }

    /** A class type in a descriptor or generic signature: {@code Lio/semisyncsim/server/Mysqld;} or {@code ...<}. */
    private static final Pattern TYPE_IN_DESCRIPTOR = Pattern.compile("L([\\w/$]+)[;<]");

    /**
     * Every class the class file names, in internal form ({@code io/semisyncsim/server/Mysqld}): its class
     * constants (what it instantiates, calls, casts to, catches) and the types in its field and method
     * descriptors and generic signatures. Constants the compiler inlined (static final primitives and
     * strings) leave no trace here.
     */
    static Set<String> classNames(byte[] classFile) throws IOException {
        Pool pool = read(classFile);
        Set<String> names = new TreeSet<>();
        for (int i = 1; i < pool.utf8().length; i++) {
            int nameIndex = pool.classNameIndex()[i];
            if (nameIndex != 0 && !pool.utf8()[nameIndex].startsWith("[")) {
                names.add(pool.utf8()[nameIndex]); // an array class is a descriptor text, read below
            }
            if (pool.utf8()[i] != null) {
                Matcher m = TYPE_IN_DESCRIPTOR.matcher(pool.utf8()[i]);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    /** The class the file declares, in internal form. */
    static String className(byte[] classFile) throws IOException {
        return read(classFile).thisClass();
    }

    private static Pool read(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor
        in.readUnsignedShort(); // major
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNameIndex = new int[count];
        int[][] nameAndType = new int[count][];
        List<int[]> methodRefs = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // longs and doubles take two slots
                }
                case 7 -> classNameIndex[i] = in.readUnsignedShort();
                case 8, 16, 19, 20 -> in.readUnsignedShort();
                case 9, 17, 18 -> in.readInt();
                case 10, 11 -> methodRefs.add(new int[] {in.readUnsignedShort(), in.readUnsignedShort()});
                case 12 -> nameAndType[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at " + i);
            }
        }
        in.readUnsignedShort(); // access flags
        String thisClass = utf8[classNameIndex[in.readUnsignedShort()]];
        return new Pool(utf8, classNameIndex, nameAndType, methodRefs, thisClass);
    }
}
