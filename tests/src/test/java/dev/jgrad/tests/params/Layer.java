package dev.jgrad.tests.params;

/** One dense layer. */
public record Layer(double[][] w, double[] b) {}
