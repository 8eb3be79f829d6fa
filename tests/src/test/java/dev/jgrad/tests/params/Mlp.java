package dev.jgrad.tests.params;

/** A two-layer network: hidden weights and biases, output weights and bias. */
public record Mlp(double[][] w1, double[] b1, double[] w2, double b2) {}
