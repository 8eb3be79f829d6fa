package dev.jgrad.tests.params;

/**
 * Weights with components that carry no derivative: how many classes, whether to add a bias, and
 * which weight each feature uses.
 */
public record Tagged(double[] w, int classes, boolean bias, int[] slot, double offset) {}
