package dev.jgrad.tests.shadow;

/** Classes of the package named like the runtime's classes that generated code names. */
final class RuntimeNames {
    private RuntimeNames() {}
}

final class Tape {}

final class Arrays2 {}

final class Sums {}

final class Parallel {}

final class Simd {}

final class JitMath {}

final class Shapes {}

final class Aliases {}

final class Integer {}

final class StrictMath {}
