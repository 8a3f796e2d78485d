package io.semisyncsim.guard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What simulation code must never call (DESIGN §3, KERNEL-NOTES): the wall clock, sleeps, unseeded
 * randomness, and the Akka calls whose callbacks hop to foreign threads.
 */
final class ForbiddenCalls {
    private ForbiddenCalls() {
    }

    /** owner, name, descriptor (null: any overload). */
    private record Ban(String owner, String name, String descriptor, String why) {
        boolean matches(ConstantPoolScanner.MethodRef ref) {
            return ref.owner().equals(owner) && ref.name().equals(name)
                    && (descriptor == null || ref.descriptor().equals(descriptor));
        }
    }

    private static final List<Ban> BANS = List.of(
            new Ban("java/lang/System", "currentTimeMillis", null, "wall clock"),
            new Ban("java/lang/System", "nanoTime", null, "wall clock"),
            new Ban("java/time/Instant", "now", null, "wall clock"),
            new Ban("java/time/LocalDateTime", "now", null, "wall clock"),
            new Ban("java/time/LocalDate", "now", null, "wall clock"),
            new Ban("java/time/LocalTime", "now", null, "wall clock"),
            new Ban("java/time/ZonedDateTime", "now", null, "wall clock"),
            new Ban("java/time/OffsetDateTime", "now", null, "wall clock"),
            new Ban("java/time/Clock", "systemUTC", null, "wall clock"),
            new Ban("java/time/Clock", "systemDefaultZone", null, "wall clock"),
            new Ban("java/lang/Thread", "sleep", null, "sleep"),
            new Ban("java/util/Random", "<init>", "()V", "unseeded randomness"),
            new Ban("java/util/SplittableRandom", "<init>", "()V", "unseeded randomness"),
            new Ban("java/util/concurrent/ThreadLocalRandom", "current", null, "unseeded randomness"),
            new Ban("java/lang/Math", "random", null, "unseeded randomness"),
            new Ban("java/lang/StrictMath", "random", null, "unseeded randomness"),
            new Ban("java/util/UUID", "randomUUID", null, "unseeded randomness"),
            new Ban("akka/actor/typed/javadsl/ActorContext", "ask", null, "reply hops to a foreign thread"),
            new Ban("akka/actor/typed/javadsl/ActorContext", "pipeToSelf", null, "reply hops to a foreign thread"),
            new Ban("akka/actor/typed/javadsl/AskPattern", "ask", null, "reply hops to a foreign thread"),
            new Ban("akka/actor/typed/ActorSystem", "systemActorOf", null, "starts on another dispatcher"));

    /** Every forbidden call in the class files under {@code root}, as "Class: method (why)". */
    static List<String> scan(Path root) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                for (ConstantPoolScanner.MethodRef ref : ConstantPoolScanner.methodRefs(Files.readAllBytes(file))) {
                    for (Ban ban : BANS) {
                        if (ban.matches(ref)) {
                            found.add(root.relativize(file) + ": " + ref + " (" + ban.why() + ")");
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
