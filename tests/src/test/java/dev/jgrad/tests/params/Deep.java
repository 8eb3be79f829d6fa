package dev.jgrad.tests.params;

/** A network whose layers are records of their own, and a scale that is a record of one double. */
public record Deep(Layer first, Layer second, Scale scale) {
    /** One scalar, in a record. */
    public record Scale(double value) {}
}
