package dev.jgrad.tests.params;

/** Weights and a scale (corpus {@code HelperTails}). */
public record Scaled(double[] w, double s) {}
