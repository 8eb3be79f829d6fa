package dev.jgrad.tests.params;

/** Observations: inputs and targets. */
public record Data(double[][] x, double[] y) {}
