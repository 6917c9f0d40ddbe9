package dev.geodig.bench.startup;

/** The two starts the benchmark compares; what (b) is depends on the settings ({@link StartupSettings#label}). */
enum StartupVariant {
    /** This checkout's {@code ./geodig up --no-build}, as a user gets it. */
    A("a"),
    /** This checkout without its AOT caches, or another checkout ({@code --baseline-root}). */
    B("b");

    /** The state directory's suffix and the logs' prefix: {@code startup-a}, {@code startup-b}. */
    final String letter;

    StartupVariant(String letter) {
        this.letter = letter;
    }
}
